"""agree.py NNCHECK_SOLVE_JSON TORCH_JSON QUESTION: do nncheck and PyTorch agree on the final losses?

Prints the largest relative difference and exits 1 when it is above 1e-9.
"""
import json, sys
nn = json.load(open(sys.argv[1]))["answers"][sys.argv[3]]
nn = [v for row in nn for v in (row if isinstance(row, list) else [row])] if isinstance(nn, list) else [nn]
pt = json.load(open(sys.argv[2]))["final_losses"]
worst = max(abs(a - b) / abs(b) for a, b in zip(nn, pt))
print(f"final losses agree to {worst:.2e} relative over {len(pt)} run(s) (nncheck {nn[0]!r}, torch {pt[0]!r})")
sys.exit(0 if len(nn) == len(pt) and worst <= 1e-9 else 1)
