"""The experiment benchmark's PyTorch side: the same training as nncheck's, in PyTorch.

    python torch_experiment.py PROBLEM_DIR [--sweep]

Reads PROBLEM_DIR/data/diabetes.csv, standardises the ten features with the population standard
deviation (as nncheck does), draws nn.Linear-distributed weights and the per-epoch batch order
with nncheck's SplitMix64 (splitmix.py), then trains 10 -> H sigmoid -> 1 in float64 with
torch.nn.MSELoss and torch.optim.SGD: batch 32, 500 epochs, the full-data training loss after
each epoch (as nncheck's curves record it). One thread (torch.set_num_threads(1)), like nncheck's
single experiment. Prints one JSON line: the final training loss of each run and the training
time in seconds (the loops only: interpreter start, `import torch` and drawing the weights and
orders in Python are excluded, which favours PyTorch).
"""
import json, os, sys, time
import torch
sys.path.insert(0, os.path.dirname(__file__))
from splitmix import epoch_orders, init_pytorch_linear, read_csv

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)

folder = sys.argv[1]
sweep = "--sweep" in sys.argv
header, rows = read_csv(os.path.join(folder, "data", "diabetes.csv"))
X = torch.tensor([[r[header.index(c)] for c in header[:10]] for r in rows])
y = torch.tensor([[r[header.index("progression")]] for r in rows])
X = (X - X.mean(dim=0)) / X.std(dim=0, unbiased=False)
n, epochs, batch = len(rows), 500, 32

settings = [(lr, h) for lr in (0.001, 0.002, 0.003) for h in (4, 16, 64)] if sweep else [(0.01, 16)]
orders = [torch.tensor(o) for o in epoch_orders(n, epochs, 1)]
batches = [[o[s:s + batch] for s in range(0, n, batch)] for o in orders]

finals, seconds, cpu = [], 0.0, 0.0
for lr, h in settings:
    (w1, b1), (w2, b2) = init_pytorch_linear([(h, 10), (1, h)], seed=1)
    model = torch.nn.Sequential(torch.nn.Linear(10, h), torch.nn.Sigmoid(), torch.nn.Linear(h, 1))
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor(w1)); model[0].bias.copy_(torch.tensor(b1))
        model[2].weight.copy_(torch.tensor(w2)); model[2].bias.copy_(torch.tensor(b2))
    loss_fn = torch.nn.MSELoss()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    curve = []
    t0, c0 = time.perf_counter(), time.process_time()
    for epoch in range(epochs):
        for idx in batches[epoch]:
            opt.zero_grad()
            loss = loss_fn(model(X[idx]), y[idx])
            loss.backward()
            opt.step()
        with torch.no_grad():
            curve.append(loss_fn(model(X), y).item())
    seconds += time.perf_counter() - t0
    cpu += time.process_time() - c0
    finals.append(curve[-1])
print(json.dumps({"final_losses": finals, "seconds": seconds, "cpu_seconds": cpu, "torch": torch.__version__}))
