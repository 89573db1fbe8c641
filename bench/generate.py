#!/usr/bin/env python3
"""Generates synthetic answer files (and the wide benchmark problem) for bench/run.sh.

    generate.py answers [--problem P] [--n N] [--out DIR] [--nncheck BIN] [--seed S]
    generate.py wide [--out FILE] [--layers 5] [--width 256] [--batch 64] [--seed S]

`answers` takes the key from `nncheck solve --format json` (question ids in problem order) and
writes N answer files into DIR (the folder is emptied first). The mix, per file:
  - ~5 % malformed files: YAML syntax errors, bad indentation, tabs, no student, answers as a
    list, an unknown top-level key, the wrong problem id, an empty file, binary bytes, prose;
  - ~2 % JSON answer files, the rest YAML;
  - per question (a per-student skill decides right versus wrong):
      correct:  every entry perturbed by at most 0.3 % and written to 4-6 s.f. (within the
                default tolerance 1e-6 + 0.5 %·|t| with margin), sometimes as a quoted string,
                vectors sometimes as a column [[a], [b]];
      wrong:    sign error, ×2, ×½, off by 5-50 %, a transposed square matrix, or (matrices) a
                few entries wrong, which earns partial credit;
      missing or blank (~4 %), unparseable prose (~0.5 %), and arithmetic / LaTeX answers
      (~0.5 %: nncheck evaluates them, the Python reference counts them unparseable).
Everything is drawn from a seeded RNG, so the same arguments give the same files.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys


def fmt(v, digits):
    if v == 0:
        return "0"
    s = f"{v:.{digits}g}"
    return s


def shape_of(value):
    if isinstance(value, list):
        if value and isinstance(value[0], list):
            return (len(value), len(value[0]))
        return (len(value),)
    return ()


def flat(value):
    if isinstance(value, list):
        return [x for row in value for x in (row if isinstance(row, list) else [row])]
    return [value]


def rebuild(values, shape):
    if shape == ():
        return values[0]
    if len(shape) == 1:
        return list(values)
    r, c = shape
    return [list(values[i * c:(i + 1) * c]) for i in range(r)]


def render(value, digits):
    """A value as YAML flow text with numbers to `digits` significant figures."""
    if isinstance(value, list):
        return "[" + ", ".join(render(v, digits) for v in value) + "]"
    if isinstance(value, str):
        return value
    return fmt(value, digits)


def perturb(v, rng):
    return v * (1 + rng.uniform(-0.003, 0.003))


def wrong_scalar(v, rng):
    kind = rng.random()
    if v == 0:
        return rng.choice([0.1, -0.25, 1.0])
    if kind < 0.3:
        return -v
    if kind < 0.5:
        return 2 * v
    if kind < 0.6:
        return v / 2
    return v * (1 + rng.choice([-1, 1]) * rng.uniform(0.05, 0.5))


def answer_for(key, correct, rng):
    """(yaml text, json value) of one answer."""
    shape = shape_of(key)
    values = flat(key)
    digits = rng.choice([4, 5, 6])
    if correct:
        student = [perturb(v, rng) for v in values]
    elif shape == () or rng.random() < 0.5:
        if len(shape) == 2 and shape[0] == shape[1] and rng.random() < 0.2:
            r = shape[0]
            student = [perturb(values[j * r + i], rng) for i in range(r) for j in range(r)]  # transposed
        else:
            student = [wrong_scalar(v, rng) for v in values]
    else:
        student = [perturb(v, rng) for v in values]
        for i in rng.sample(range(len(values)), k=min(len(values), rng.choice([1, 1, 2, 3]))):
            student[i] = wrong_scalar(values[i], rng)
    value = rebuild(student, shape)
    if shape == () and rng.random() < 0.1:
        return f'"{fmt(value, digits)}"', fmt(value, digits)  # a quoted number
    if len(shape) == 1 and rng.random() < 0.15:
        column = [[v] for v in value]
        return render(column, digits), json.loads(render(column, digits))
    text = render(value, digits)
    return text, json.loads(text)


def special_answer(key, rng):
    """Arithmetic or LaTeX (nncheck reads it; the Python reference does not)."""
    shape = shape_of(key)
    if shape == ():
        v = key
        return f'"{fmt(v / 4, 6)}*4"', f"{fmt(v / 4, 6)}*4"
    if len(shape) == 2:
        rows = [" & ".join(fmt(x, 6) for x in row) for row in key]
        tex = "\\begin{bmatrix} " + " \\\\ ".join(rows) + " \\end{bmatrix}"
        return "'" + tex + "'", tex
    return "[" + ", ".join(f'"{fmt(x, 6)} + 0"' for x in key) + "]", [f"{fmt(x, 6)} + 0" for x in key]


PROSE = ["about 0.6", "see my working", "0.3.4", "1,5", "idk", "n/a", "~0.25", "0.5 (approx)"]


def malformed(i, problem_id, ids, rng):
    """(file name suffix, bytes) of a malformed answer file."""
    kind = i % 10
    q0, q1 = ids[0], ids[1 % len(ids)]
    head = f'student: "s{i:05d}"\nproblem: {problem_id}\n'
    if kind == 0:
        return ".yaml", (head + f'answers:\n  "{q0}": [0.4, 1.2, -0.1\n  "{q1}": 0.627\n').encode()
    if kind == 1:
        return ".yaml", (head + f'answers:\n  "{q0}": 0.5\n    "{q1}": 0.987\n').encode()
    if kind == 2:
        return ".yaml", (head + f'answers:\n\t"{q0}": 0.5\n').encode()
    if kind == 3:
        return ".yaml", (f"problem: {problem_id}\nanswers:\n  \"{q0}\": 0.5\n").encode()
    if kind == 4:
        return ".yaml", (head + "answers:\n  - 0.5\n  - 0.6\n").encode()
    if kind == 5:
        return ".yaml", (head + f'answer:\n  "{q0}": 0.5\n').encode()
    if kind == 6:
        return ".yaml", (f'student: "s{i:05d}"\nproblem: another-problem\nanswers:\n  "{q0}": 0.5\n').encode()
    if kind == 7:
        return ".yaml", b""
    if kind == 8:
        return ".yaml", bytes(rng.randrange(256) for _ in range(200)) + b"\x00"
    return ".yaml", b"My answers: z1 is about 0.4, the loss is 0.98 and the rest I could not do.\n"


def write_answers(args):
    key_json = subprocess.run([args.nncheck, "solve", args.problem, "--format", "json"],
                              check=True, capture_output=True, text=True).stdout
    solved = json.loads(key_json)
    problem_id, key = solved["problem"], solved["answers"]
    ids = [q for q, v in key.items() if v is not None]
    if os.path.isdir(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    rng = random.Random(args.seed)
    counts = {"files": 0, "malformed": 0, "json": 0, "answers": 0, "special": 0, "prose": 0, "missing": 0}
    for i in range(1, args.n + 1):
        name = f"s{i:05d}"
        counts["files"] += 1
        if rng.random() < 0.05:
            suffix, data = malformed(i, problem_id, ids, rng)
            counts["malformed"] += 1
            with open(os.path.join(args.out, name + suffix), "wb") as f:
                f.write(data)
            continue
        skill = rng.uniform(0.45, 0.98)
        lines, answers = [], {}
        for qid in ids:
            r = rng.random()
            if r < 0.03:
                counts["missing"] += 1
                continue
            if r < 0.04:
                lines.append(f'  "{qid}":')
                answers[qid] = None
                counts["missing"] += 1
                continue
            if r < 0.045:
                text = rng.choice(PROSE)
                lines.append(f'  "{qid}": "{text}"')
                answers[qid] = text
                counts["prose"] += 1
                continue
            if r < 0.05:
                text, value = special_answer(key[qid], rng)
                counts["special"] += 1
            else:
                text, value = answer_for(key[qid], rng.random() < skill, rng)
            lines.append(f'  "{qid}": {text}')
            answers[qid] = value
            counts["answers"] += 1
        if rng.random() < 0.02:
            counts["json"] += 1
            doc = {"student": name, "problem": problem_id, "answers": answers}
            with open(os.path.join(args.out, name + ".json"), "w") as f:
                json.dump(doc, f, indent=1)
                f.write("\n")
            continue
        header = f"# Answer file for {problem_id}\nstudent: \"{name}\"\n"
        if rng.random() < 0.3:
            header += f'name: "Student {i}"\n'
        header += f"problem: {problem_id}\nanswers:\n"
        with open(os.path.join(args.out, name + ".yaml"), "w") as f:
            f.write(header + "\n".join(lines) + "\n")
    print(f"generate: {args.n} answer files for {problem_id} ({len(ids)} questions) in {args.out}: "
          f"{counts['malformed']} malformed, {counts['json']} JSON, {counts['answers']} graded answers, "
          f"{counts['missing']} missing/blank, {counts['prose']} prose, {counts['special']} arithmetic/LaTeX",
          file=sys.stderr)


def write_wide(args):
    rng = random.Random(args.seed)
    width, layers, batch = args.width, args.layers, args.batch

    def row(n, scale):
        return "[" + ", ".join(fmt(rng.gauss(0, scale), 4) for _ in range(n)) + "]"

    out = [f"# Generated by bench/generate.py wide: {layers} dense layers of width {width}, a batch of {batch}.",
           "nncheck: 1", f"id: wide-{layers}x{width}-b{batch}", f'title: "Wide benchmark: {layers} x {width}, batch {batch}"',
           "network:", "  layers:"]
    for l in range(layers):
        out.append("    - weights:")
        for _ in range(width):
            out.append("        - " + row(width, width ** -0.5))
        out.append("      bias: " + row(width, 0.1))
        out.append(f"      activation: {'sigmoid' if l == layers - 1 else 'tanh'}")
    out.append("data:")
    out.append("  samples:")
    for _ in range(batch):
        x = row(width, 1.0)
        y = "[" + ", ".join(rng.choice(["0", "1"]) for _ in range(width)) + "]"
        out.append(f"    - {{x: {x}, y: {y}}}")
    out += ["loss: half_mse", "training:", "  learning_rate: 0.1", "  steps: 1", "questions:",
            '  - {id: "yhat", ask: y_hat}', '  - {id: "loss", ask: loss}',
            '  - {id: "dW1", ask: dL/dW1}', f'  - {{id: "dW{layers}", ask: dL/dW{layers}}}',
            '  - {id: "db1", ask: dL/db1}', '  - {id: "W1-after", ask: updated.W1}',
            '  - {id: "loss-after", ask: updated.loss}']
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write("\n".join(out) + "\n")
    print(f"generate: {args.out} ({os.path.getsize(args.out) / 1e6:.1f} MB)", file=sys.stderr)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("answers")
    a.add_argument("--problem", default="bench/problems/bench-mlp.yaml")
    a.add_argument("--n", type=int, default=10_000)
    a.add_argument("--out", default="bench/out/submissions")
    a.add_argument("--nncheck", default=".build/release/nncheck")
    a.add_argument("--seed", type=int, default=4179)
    w = sub.add_parser("wide")
    w.add_argument("--out", default="bench/out/wide.yaml")
    w.add_argument("--layers", type=int, default=5)
    w.add_argument("--width", type=int, default=256)
    w.add_argument("--batch", type=int, default=64)
    w.add_argument("--seed", type=int, default=256)
    args = p.parse_args()
    if args.command == "answers":
        write_answers(args)
    else:
        write_wide(args)


if __name__ == "__main__":
    main()
