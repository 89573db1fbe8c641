#!/usr/bin/env python3
"""Checks that nncheck and the Python reference graded the same files the same way.

    compare.py NNCHECK_GRADEBOOK.csv REFERENCE_GRADEBOOK.csv

Compares, per answer file, the status (graded / ungradable) and every question's points. A
question may differ only where the reference cannot read the answer and nncheck can (arithmetic
or LaTeX): the reference scores it 0 as unparseable. Prints one summary line; exits 1 if any
other difference is found.
"""

import csv
import sys


def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    return header, {r[header.index("file")]: r for r in body}


def main(ours_path, ref_path):
    header, ours = load(ours_path)
    ref_header, ref = load(ref_path)
    ids = header[header.index("status") + 1:header.index("total")]
    assert ids == ref_header[ref_header.index("status") + 1:ref_header.index("total")], "different questions"
    same = explained = status_diff = unexplained = 0
    examples = []
    for name, row in ours.items():
        other = ref.get(name)
        if other is None:
            unexplained += 1
            examples.append(f"{name}: missing from the reference")
            continue
        if row[header.index("status")] != other[ref_header.index("status")]:
            status_diff += 1
            examples.append(f"{name}: status {row[header.index('status')]} vs {other[ref_header.index('status')]}")
            continue
        diffs = [q for q in ids if float(row[header.index(q)]) != float(other[ref_header.index(q)])]
        if not diffs:
            same += 1
        elif all(float(other[ref_header.index(q)]) == 0 for q in diffs):
            explained += 1  # the reference scored 0 where nncheck read the answer (arithmetic / LaTeX)
        else:
            unexplained += 1
            examples.append(f"{name}: {', '.join(diffs)}")
    total = len(ours)
    print(f"agreement: {same} of {total} files scored identically question by question; "
          f"{explained} differ only where the reference scored 0 (arithmetic or LaTeX answers it cannot read); "
          f"{status_diff} differ in status; {unexplained} other differences")
    for e in examples[:10]:
        print("  " + e)
    return 1 if unexplained or status_diff else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
