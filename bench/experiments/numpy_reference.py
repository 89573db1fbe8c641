"""Writes Tests/Fixtures/experiment-numpy-reference.json: an independent numpy computation of a
small mini-batch experiment on the bundled diabetes data, from given weights.

Run once by hand (python3 bench/experiments/numpy_reference.py); the tests read the values it
wrote and never run this script. Conventions mirror nncheck's documentation: population-sd
standardisation fitted on the training rows, per-epoch SplitMix64 permutations, batches cut in
order with a smaller last batch, MSE loss (1/k)Σ(ŷ−y)² averaged over the batch, plain SGD.
"""
import json, os, sys
import numpy as np
sys.path.insert(0, os.path.dirname(__file__))
from splitmix import SplitMix64, epoch_orders, read_csv

root = os.path.join(os.path.dirname(__file__), "..", "..")
header, rows = read_csv(os.path.join(root, "problems", "data", "diabetes.csv"))
data = np.array(rows[:40])
features = [header.index(c) for c in ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]]
X, y = data[:, features], data[:, [header.index("progression")]]
mx, sx = X.mean(axis=0), X.std(axis=0)
my, sy = y.mean(axis=0), y.std(axis=0)
X, y = (X - mx) / sx, (y - my) / sy

g = SplitMix64(2024)
W1 = np.array([[round(-0.3 + 0.6 * g.unit(), 4) for _ in range(10)] for _ in range(3)])
b1 = np.array([0.1, -0.2, 0.05])
W2 = np.array([[0.5, -0.4, 0.3]])
b2 = np.array([0.1])
given = {"W1": W1.tolist(), "b1": b1.tolist(), "W2": W2.tolist(), "b2": b2.tolist()}
lr, batch, epochs, seed = 0.05, 8, 6, 11

def forward(X):
    z1 = X @ W1.T + b1
    a1 = 1 / (1 + np.exp(-z1))
    return z1, a1, a1 @ W2.T + b2

curve, iteration_losses = [], []
for order in epoch_orders(len(X), epochs, seed):
    for start in range(0, len(X), batch):
        idx = order[start:start + batch]
        xb, yb = X[idx], y[idx]
        z1, a1, out = forward(xb)
        iteration_losses.append(float(np.mean((out - yb) ** 2)))
        d2 = 2 * (out - yb) / len(idx)
        gW2, gb2 = d2.T @ a1, d2.sum(axis=0)
        d1 = (d2 @ W2) * a1 * (1 - a1)
        gW1, gb1 = d1.T @ xb, d1.sum(axis=0)
        W1, b1, W2, b2 = W1 - lr * gW1, b1 - lr * gb1, W2 - lr * gW2, b2 - lr * gb2
    _, _, out = forward(X)
    curve.append(float(np.mean((out - y) ** 2)))

fixture = {
    "description": "diabetes rows 1-40, features and target standardised, 10-3 sigmoid-1 identity, mse, "
                   "lr 0.05, batch 8, 6 epochs, shuffle seed 11; computed by bench/experiments/numpy_reference.py "
                   f"with numpy {np.__version__}",
    "given": given, "learning_rate": lr, "batch_size": batch, "epochs": epochs, "shuffle_seed": seed,
    "train_mse_per_epoch": curve, "iteration_losses": iteration_losses,
    "trained": {"W1": W1.tolist(), "b1": b1.tolist(), "W2": W2.tolist(), "b2": b2.tolist()},
    "splitmix64_seed0_first3": (lambda g: [g.next() for _ in range(3)])(SplitMix64(0)),
    "permutation_seed11_n10": SplitMix64(11).permutation(10),
}
out = os.path.join(root, "Tests", "Fixtures", "experiment-numpy-reference.json")
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w") as f:
    json.dump(fixture, f, indent=1)
    f.write("\n")
print("wrote", out, "final mse", curve[-1])
