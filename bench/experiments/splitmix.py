"""nncheck's seeded draws (Sources/NNCore/SplitMix64.swift, Initialisation.swift), in Python.

Used by the numpy reference (Tests fixtures) and the PyTorch benchmark so that both start from
the same weights and visit the same batches as nncheck.
"""
M64 = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & M64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * 2.0 ** -53

    def below(self, n):
        return (self.next() * n) >> 64

    def permute(self, values):
        for i in range(len(values) - 1, 0, -1):
            j = self.below(i + 1)
            values[i], values[j] = values[j], values[i]
        return values

    def permutation(self, n):
        return self.permute(list(range(n)))


def init_pytorch_linear(shapes, seed, bias=True):
    """[(W as rows out x in, b)] for layers of shapes [(out, in)], nncheck's draw order."""
    g = SplitMix64(seed)
    layers = []
    for out, fan_in in shapes:
        bound = 1.0 / fan_in ** 0.5
        w = [[-bound + 2 * bound * g.unit() for _ in range(fan_in)] for _ in range(out)]
        b = [-bound + 2 * bound * g.unit() for _ in range(out)] if bias else None
        layers.append((w, b))
    return layers


def epoch_orders(n, epochs, seed):
    """The sample order of each epoch: a fresh permutation per epoch from one generator."""
    g = SplitMix64(seed)
    return [g.permutation(n) for _ in range(epochs)]


def read_csv(path):
    import csv
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], [[float(v) for v in r] for r in rows[1:] if r]
