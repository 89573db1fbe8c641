#!/usr/bin/env python3
"""The grader an instructor would otherwise write: PyYAML + numpy.

Reads a problem file (the subset of the nncheck format that bench/problems/bench-mlp.yaml and the
generated bench/out/wide.yaml use: dense layers with identity/relu/sigmoid/tanh, squared-error or
binary cross-entropy loss, a batch of samples, full-batch SGD), computes the key with numpy
(forward and backward pass), and grades answer files with nncheck's default tolerance rule:

    entry passes  iff  |s - t| <= (1e-6 + 0.005 |t|) (1 + 1e-9) + 4 ulp(t)

(the same float slack nncheck adds), with per-entry partial credit, the same shape leniency
(vector(n), n x 1 and 1 x n interchangeable; a scalar and any one-entry value interchangeable),
and a square answer equal to the key's transpose scoring 0, as nncheck does.

What it does not do (see bench/README.md): no mistake diagnosis, no arithmetic or LaTeX answers
(a string that float() cannot read is unparseable), no per-entry messages beyond a count, no
source positions in error messages, no atomic writes, and PyYAML's YAML 1.1 rules decide what a
plain value means (so `yes` is a boolean and is unparseable here).

Usage:
    reference_grader.py grade PROBLEM SUBMISSIONS_DIR --out DIR [--jobs N]
    reference_grader.py --single PROBLEM ANSWERS        (self-check: prints a table; exit 0 if all correct)
    reference_grader.py solve PROBLEM                   (prints the key as JSON)
"""

import csv
import json
import math
import os
import re
import sys

import numpy as np
import yaml

try:
    Loader = yaml.CSafeLoader  # libyaml: the fast loader, to be fair to Python
except AttributeError:  # pragma: no cover
    Loader = yaml.SafeLoader

RTOL = 0.005
ATOL = 1e-6
ALLOWED_KEYS = {"student", "problem", "answers", "name", "email", "comment"}


# ----------------------------------------------------------------------------------------------
# Problem and key


def act(name, z):
    if name in ("identity", "linear", "none"):
        return z
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    raise NotImplementedError(f"activation {name!r}")


def act_grad(name, z, a):
    if name in ("identity", "linear", "none"):
        return np.ones_like(z)
    if name == "relu":
        return (z > 0).astype(float)
    if name == "sigmoid":
        return a * (1 - a)
    if name == "tanh":
        return 1 - a * a
    raise NotImplementedError(f"activation {name!r}")


class MLP:
    def __init__(self, spec):
        net = spec["network"]
        self.W = [np.array(l["weights"], dtype=float) for l in net["layers"]]
        self.b = [np.array(l.get("bias", [0.0] * len(l["weights"])), dtype=float) for l in net["layers"]]
        self.acts = [l["activation"] for l in net["layers"]]
        data = spec["data"]
        samples = data["samples"] if "samples" in data else [{"x": data["x"], "y": data["y"]}]
        self.X = np.array([np.atleast_1d(s["x"]) for s in samples], dtype=float)
        self.Y = np.array([np.atleast_1d(s["y"]) for s in samples], dtype=float)
        self.loss = spec["loss"]
        tr = spec.get("training", {})
        self.lr = float(tr.get("learning_rate", 0.0))
        self.steps = int(tr.get("steps", 1))

    def forward(self, W, b):
        zs, as_ = [], []
        a = self.X
        for Wl, bl, name in zip(W, b, self.acts):
            z = a @ Wl.T + bl
            a = act(name, z)
            zs.append(z)
            as_.append(a)
        return zs, as_

    def loss_value(self, zs, as_):
        yh, y, k = as_[-1], self.Y, self.Y.shape[1]
        d = yh - y
        if self.loss == "half_sse":
            per = 0.5 * (d * d).sum(1)
        elif self.loss == "sse":
            per = (d * d).sum(1)
        elif self.loss == "mse":
            per = (d * d).sum(1) / k
        elif self.loss == "half_mse":
            per = 0.5 * (d * d).sum(1) / k
        elif self.loss == "bce":
            z = zs[-1]
            per = (y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)).sum(1)
        else:
            raise NotImplementedError(f"loss {self.loss!r}")
        return per.mean()

    def dloss(self, as_):
        yh, y, k = as_[-1], self.Y, self.Y.shape[1]
        factor = {"half_sse": 1.0, "sse": 2.0, "mse": 2.0 / k, "half_mse": 1.0 / k}.get(self.loss)
        if factor is not None:
            return factor * (yh - y)
        if self.loss == "bce":
            return -y / yh + (1 - y) / (1 - yh)
        raise NotImplementedError(f"loss {self.loss!r}")

    def backward(self, W, zs, as_):
        n = self.X.shape[0]
        dyh = self.dloss(as_)
        if self.loss == "bce" and self.acts[-1] == "sigmoid":
            delta = as_[-1] - self.Y
        else:
            delta = dyh * act_grad(self.acts[-1], zs[-1], as_[-1])
        deltas = [None] * len(W)
        dW = [None] * len(W)
        db = [None] * len(W)
        for l in range(len(W) - 1, -1, -1):
            deltas[l] = delta
            prev = self.X if l == 0 else as_[l - 1]
            dW[l] = delta.T @ prev / n
            db[l] = delta.mean(0)
            if l > 0:
                delta = (delta @ W[l]) * act_grad(self.acts[l - 1], zs[l - 1], as_[l - 1])
        return dyh, deltas, dW, db

    def train(self):
        W = [w.copy() for w in self.W]
        b = [x.copy() for x in self.b]
        for _ in range(self.steps):
            zs, as_ = self.forward(W, b)
            _, _, dW, db = self.backward(W, zs, as_)
            W = [w - self.lr * g for w, g in zip(W, dW)]
            b = [x - self.lr * g for x, g in zip(b, db)]
        return W, b


ASK = re.compile(r"^(updated\.)?(dL/d)?([A-Za-z_]+?)(\d*)(?:\[(\d+)(?:,(\d+))?\])?$")


def per_sample(m):
    return m[0] if m.shape[0] == 1 else m


def solve(problem):
    """The key: question id -> numpy array (0-d for scalars)."""
    mlp = MLP(problem)
    zs, as_ = mlp.forward(mlp.W, mlp.b)
    dyh, deltas, dW, db = mlp.backward(mlp.W, zs, as_)
    trained = None
    key = {}
    for q in problem["questions"]:
        m = ASK.match(q["ask"].replace(" ", ""))
        if not m:
            raise NotImplementedError(f"ask {q['ask']!r}")
        upd, grad, name, layer, i, j = m.groups()
        l = int(layer) - 1 if layer else None
        if upd:
            if trained is None:
                tW, tb = mlp.train()
                tz, ta = mlp.forward(tW, tb)
                trained = (tW, tb, mlp.loss_value(tz, ta))
            tW, tb, tloss = trained
            value = {"W": lambda: tW[l], "b": lambda: tb[l], "loss": lambda: np.array(tloss)}[name]()
        elif grad:
            value = {"W": lambda: dW[l], "b": lambda: db[l], "y_hat": lambda: per_sample(dyh),
                     "z": lambda: per_sample(deltas[l])}[name]()
        else:
            value = {"z": lambda: per_sample(zs[l]), "a": lambda: per_sample(as_[l]),
                     "y_hat": lambda: per_sample(as_[-1]), "loss": lambda: np.array(mlp.loss_value(zs, as_)),
                     "delta": lambda: per_sample(deltas[l]), "W": lambda: mlp.W[l], "b": lambda: mlp.b[l]}[name]()
        value = np.asarray(value, dtype=float)
        if i is not None:
            idx = (int(i) - 1,) if j is None else (int(i) - 1, int(j) - 1)
            if value.ndim == 1 and len(idx) == 2:
                idx = (idx[0],) if idx[1] == 0 else (idx[1],)
            value = np.array(value[idx])
        if value.size == 1:
            value = value.reshape(())
        key[str(q["id"])] = value
    return key


def load_problem(path):
    with open(path, "rb") as f:
        problem = yaml.load(f, Loader=Loader)
    for q in problem["questions"]:
        q.setdefault("points", problem.get("defaults", {}).get("points", 1))
        for unsupported in ("tolerance", "partial_credit", "vector_orientation", "detect_transpose", "scenario", "given"):
            if unsupported in q:
                raise NotImplementedError(f"question {q['id']}: {unsupported} is not supported by the reference grader")
    return problem


# ----------------------------------------------------------------------------------------------
# Grading


def to_array(value):
    """A YAML value as a float array, or a string saying why it is unparseable."""
    if isinstance(value, bool):
        return "not a number"
    if isinstance(value, (int, float)):
        return np.array(float(value))
    if isinstance(value, str):
        try:
            return np.array(float(value))
        except ValueError:
            return "not a number"
    if isinstance(value, list):
        if not value:
            return "empty answer"
        try:
            if isinstance(value[0], list):
                rows = [[float(x) if not isinstance(x, bool) else float("x") for x in row] for row in value]
                if any(len(r) != len(rows[0]) for r in rows) or not rows[0]:
                    return "rows of different lengths"
                return np.array(rows)
            return np.array([float(x) if not isinstance(x, (bool, list)) else float("x") for x in value])
        except (ValueError, TypeError):
            return "an entry is not a number"
    return "not a number, list or matrix"


def vector_like(shape):
    return len(shape) == 1 or (len(shape) == 2 and 1 in shape)


def within(s, t):
    allowed = (ATOL + RTOL * np.abs(t)) * (1 + 1e-9) + np.where(t != 0, 4 * np.spacing(np.abs(t)), 0.0)
    return np.abs(s - t) <= allowed


def grade_question(s, t):
    """(fraction, verdict, message) for student array s against key array t."""
    if s.shape != t.shape:
        if s.size == 1 and t.size == 1 and (s.ndim == 0 or t.ndim == 0):
            s = s.reshape(t.shape)
        elif vector_like(s.shape) and vector_like(t.shape) and s.size == t.size:
            s = s.reshape(t.shape)
        else:
            return 0.0, "wrong shape", f"shape {s.shape} but expected {t.shape}"
    if not np.all(np.isfinite(s)):
        return 0.0, "not finite", "not a finite number"
    ok = within(s, t)
    passed = int(ok.sum())
    if passed == ok.size:
        return 1.0, "correct", "within tolerance"
    if t.ndim == 2 and t.shape[0] == t.shape[1] >= 2:
        if within(s.T, t).all() and not within(t.T, t).all():
            return 0.0, "transposed", "the transpose of the expected matrix"
    if passed == 0:
        return 0.0, "incorrect", "outside tolerance"
    return passed / ok.size, "partial", f"{ok.size - passed} of {ok.size} entries outside tolerance"


def round6(x):
    return math.floor(x * 1e6 + 0.5) / 1e6


def grade_file(path, name, problem, key):
    """A result dict for one answer file."""
    result = {"student": os.path.splitext(name)[0], "file": name, "problem": problem["id"],
              "status": "graded", "score": 0.0, "max_score": problem["_total"], "questions": []}
    try:
        with open(path, "rb") as f:
            doc = yaml.load(f, Loader=Loader)
        if not isinstance(doc, dict):
            raise ValueError("the answer file is not a mapping")
        unknown = set(map(str, doc)) - ALLOWED_KEYS
        if unknown:
            raise ValueError(f"unknown key {sorted(unknown)[0]!r}")
        student = doc.get("student")
        if student is None or str(student).strip() == "":
            raise ValueError("the answer file has no 'student' id")
        if doc.get("problem") is not None and str(doc["problem"]).strip() != problem["id"]:
            raise ValueError(f"the answer file is for problem {doc['problem']!r}")
        answers = doc.get("answers")
        if answers is None:
            answers = {}
        if not isinstance(answers, dict):
            raise ValueError("'answers' is not a mapping")
    except (yaml.YAMLError, ValueError, UnicodeDecodeError) as e:
        result["status"] = "ungradable"
        result["reason"] = f"{name}: {str(e).splitlines()[0] if str(e) else type(e).__name__}"
        return result
    result["student"] = str(student).strip()
    answers = {str(k).strip(): v for k, v in answers.items()}
    total = 0.0
    for q in problem["questions"]:
        qid, points = str(q["id"]), float(q["points"])
        entry = {"id": qid, "score": 0.0, "max_score": points}
        if qid not in answers:
            entry.update(verdict="missing", given="", message="no answer given")
        elif answers[qid] is None:
            entry.update(verdict="missing", given="", message="the answer is empty")
        else:
            raw = answers[qid]
            entry["given"] = raw if isinstance(raw, str) else json.dumps(raw)
            s = to_array(raw)
            if isinstance(s, str):
                entry.update(verdict="unparseable", message=f"cannot read the answer: {s}")
            else:
                fraction, verdict, message = grade_question(s, key[qid])
                score = points if fraction >= 1 else round6(points * fraction)
                entry.update(score=score, verdict=verdict, message=message)
                total += score
        entry["tolerance"] = "≤ 1e-06 + 0.5%·|t|"
        result["questions"].append(entry)
    result["score"] = total
    return result


def fmt(v):
    return f"{v:.6g}"


def markdown(r, problem):
    out = [f"# {problem['title']}: {r['student']}\n",
           f"- Problem: `{problem['id']}`", f"- Submission: `{r['file']}`"]
    if r["status"] != "graded":
        out.append(f"- Score: 0 / {fmt(r['max_score'])}")
        out.append(f"- Status: **ungradable**: {r['reason']}")
        return "\n".join(out) + "\n"
    out.append(f"- Score: **{fmt(r['score'])} / {fmt(r['max_score'])}**\n")
    out.append("| Question | Points | Verdict | Given | Details |")
    out.append("|---|---|---|---|---|")
    for q in r["questions"]:
        given = q["given"].replace("|", "\\|")
        given = f"`{given[:77] + '...' if len(given) > 80 else given}`" if given else "—"
        out.append(f"| {q['id']} | {fmt(q['score'])} / {fmt(q['max_score'])} | {q['verdict']} | {given} | "
                   f"{q['message']} (tolerance {q['tolerance']}) |")
    return "\n".join(out) + "\n"


def safe_name(raw, used):
    base = re.sub(r"[^A-Za-z0-9._-]", "_", raw)[:100].lstrip(".") or "submission"
    name, k = base, 2
    while name.lower() in used:
        name, k = f"{base}-{k}", k + 1
    used.add(name.lower())
    return name


def grade_one(args):
    path, name, problem, key = args
    return grade_file(path, name, problem, key)


_WORKER = {}


def _init_worker(problem, key):
    _WORKER["problem"], _WORKER["key"] = problem, key


def _grade_in_worker(item):
    path, name = item
    return grade_file(path, name, _WORKER["problem"], _WORKER["key"])


def grade_folder(problem_path, folder, out, jobs=1):
    problem = load_problem(problem_path)
    problem["_total"] = sum(float(q["points"]) for q in problem["questions"])
    key = solve(problem)
    names = sorted(n for n in os.listdir(folder) if not n.startswith(".") and os.path.isfile(os.path.join(folder, n)))
    items = [(os.path.join(folder, n), n) for n in names]
    if jobs > 1:
        import multiprocessing
        with multiprocessing.Pool(jobs, initializer=_init_worker, initargs=(problem, key)) as pool:
            results = pool.map(_grade_in_worker, items, chunksize=64)
    else:
        results = [grade_file(p, n, problem, key) for p, n in items]
    target = os.path.join(out, problem["id"])
    os.makedirs(target, exist_ok=True)
    used = set()
    for r in results:
        base = safe_name(os.path.splitext(r["file"])[0], used)
        with open(os.path.join(target, base + ".md"), "w", encoding="utf-8") as f:
            f.write(markdown(r, problem))
        with open(os.path.join(target, base + ".json"), "w", encoding="utf-8") as f:
            json.dump(r, f, indent=2, ensure_ascii=False)
            f.write("\n")
    ids = [str(q["id"]) for q in problem["questions"]]
    with open(os.path.join(target, "gradebook.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", "file", "status"] + ids + ["total", "max", "percent", "reason"])
        for r in results:
            graded = r["status"] == "graded"
            scores = [fmt(q["score"]) for q in r["questions"]] if graded else ["0"] * len(ids)
            total = r["score"] if graded else 0.0
            w.writerow([r["student"], r["file"], r["status"]] + scores
                       + [fmt(total), fmt(r["max_score"]), f"{100 * total / r['max_score']:.1f}", r.get("reason", "")])
    ungradable = sum(r["status"] != "graded" for r in results)
    print(f"{problem['id']}: {len(results)} submissions graded into {target}/ ({ungradable} ungradable)")


def check_single(problem_path, answers_path):
    problem = load_problem(problem_path)
    problem["_total"] = sum(float(q["points"]) for q in problem["questions"])
    key = solve(problem)
    r = grade_file(answers_path, os.path.basename(answers_path), problem, key)
    if r["status"] != "graded":
        print(f"✘ {r['reason']}")
        return 65
    rows = [("question", "points", "verdict", "details")]
    rows += [(q["id"], f"{fmt(q['score'])}/{fmt(q['max_score'])}", q["verdict"], q["message"]) for q in r["questions"]]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row[:3], widths)) + "  " + row[3])
    passed = sum(q["verdict"] == "correct" for q in r["questions"])
    print(f"{passed} of {len(r['questions'])} questions correct; {fmt(r['score'])} / {fmt(r['max_score'])} points")
    return 0 if passed == len(r["questions"]) else 1


def main(argv):
    if len(argv) == 3 and argv[0] == "--single":
        return check_single(argv[1], argv[2])
    if len(argv) == 2 and argv[0] == "solve":
        key = solve(load_problem(argv[1]))
        print(json.dumps({k: v.tolist() for k, v in key.items()}))
        return 0
    if len(argv) >= 3 and argv[0] == "grade":
        out, jobs = "reports", 1
        rest = argv[3:]
        while rest:
            if rest[0] == "--out":
                out, rest = rest[1], rest[2:]
            elif rest[0] == "--jobs":
                jobs, rest = int(rest[1]), rest[2:]
            else:
                break
        if not rest:
            grade_folder(argv[1], argv[2], out, jobs)
            return 0
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
