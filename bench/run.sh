#!/usr/bin/env bash
# Benchmarks nncheck against the Python an instructor would otherwise write. One command:
#
#     bash bench/run.sh
#
# Builds nncheck (release), installs the Python reference's pinned packages into .venv-bench/,
# generates N answer files (default 10,000) into bench/out/, then times:
#   1. batch grading: `nncheck grade` end to end (best and median of RUNS), against the Python
#      reference on the same files (1 process, as an instructor would write it; and 2 processes);
#   2. a student's self-check: `nncheck check` on one file, process start to exit (median and p95
#      of CHECK_RUNS), against `reference_grader.py --single`;
#   3. `nncheck solve` on the largest bundled problem and on a generated wide problem (5 dense
#      layers of width 256, a batch of 64);
#   4. a formula answer (∂L/∂W2 on bench-mlp's 4-5-4-3 network, 20 random instances): grading one
#      answer in a batch (instances drawn once per problem), and drawing the instances too.
#   5. a training experiment and a 3 x 3 sweep (`nncheck solve`, process start to exit) against
#      PyTorch doing the same training from the same weights and batch order (torch from PyPI, CPU
#      wheel, installed into the same venv; float64; one thread), checking the final losses agree.
# Every figure is printed next to its target. Knobs (environment): N, RUNS, PY_RUNS, CHECK_RUNS,
# SOLVE_RUNS, EXP_RUNS, SKIP_PYTHON=1, SKIP_TORCH=1, NNCHECK (another nncheck binary to time, e.g. a build before a change).
#
# Outputs go to fresh folders under bench/out/ that are only deleted at the next run's end: on a
# file system that delays reusing freed inodes (ext4 without a journal, as on the project's
# machines), creating files right after deleting tens of thousands makes every create slow for
# minutes, so deleting before timing would measure the file system, not the graders.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-10000}
RUNS=${RUNS:-3}
PY_RUNS=${PY_RUNS:-3}
CHECK_RUNS=${CHECK_RUNS:-50}
SOLVE_RUNS=${SOLVE_RUNS:-20}
OUT=bench/out
PROBLEM=bench/problems/bench-mlp.yaml
SUBS=$OUT/submissions
NNCHECK=${NNCHECK:-.build/release/nncheck}   # another binary can be timed with NNCHECK=path
PY=.venv-bench/bin/python

say() { printf '%s\n' "$*"; }
# Seconds (with microseconds) from bash's clock; no process is started to read it.
now() { printf '%s' "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", b - a }'; }
# stats FILE: "best median p95" of the numbers in FILE (one per line).
stats() { sort -g "$1" | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    p = v[int(0.95 * NR + 0.999999)]; if (p == "") p = v[NR]; printf "%s %s %s\n", v[1], m, p }'; }
verdict() { awk -v x="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == "<=") ? (x <= t) : (x >= t); print ok ? "met" : "MISSED" }'; }

say "== machine"
say "nproc: $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); RAM: $(free -g | awk '/Mem:/ {print $2}') GiB"
say "swift: $(swift --version 2>/dev/null | head -1)"
say "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -f "$OUT/.last-cleanup" ] && [ $(( $(date +%s) - $(cat "$OUT/.last-cleanup") )) -lt 300 ]; then
    say "warning: the previous run deleted its outputs less than 5 minutes ago; on ext4 without a"
    say "journal, creating files is slow until freed inodes age (see bench/README.md): grading figures"
    say "will be pessimistic"
fi

say "== build (release)"
mkdir -p "$OUT"
for attempt in 1 2 3 4 5 6 7 8 9 10; do
    if swift build -c release >"$OUT/build.log" 2>&1; then break; fi
    # Another build holding the lock: wait and retry.
    if grep -qi "lock" "$OUT/build.log" && [ "$attempt" -lt 10 ]; then sleep 15; continue; fi
    cat "$OUT/build.log"; exit 1
done

say "== python reference environment"
[ -x "$PY" ] || python3 -m venv .venv-bench
"$PY" -m pip install -q -r bench/requirements.txt
"$PY" -c 'import yaml, numpy; print("PyYAML", yaml.__version__, "(libyaml: %s)" % yaml.__with_libyaml__, "numpy", numpy.__version__)'

# Earlier runs' outputs are moved aside now (a rename) and deleted at the end (see above).
TRASH="$OUT/trash-$$"
mkdir -p "$TRASH"
for old in "$OUT"/runs "$OUT"/trash-*; do
    [ -e "$old" ] && [ "$old" != "$TRASH" ] && mv "$old" "$TRASH/" 2>/dev/null || true
done
RUNDIR="$OUT/runs"
mkdir -p "$RUNDIR"

say "== answer files"
STAMP="n=$N problem=$(sha1sum "$PROBLEM" | cut -c1-12) generator=$(sha1sum bench/generate.py | cut -c1-12)"
if [ -f "$SUBS/.stamp" ] && [ "$(cat "$SUBS/.stamp")" = "$STAMP" ]; then
    say "reusing $SUBS ($N files)"
else
    [ -e "$SUBS" ] && mv "$SUBS" "$TRASH/submissions"
    "$PY" bench/generate.py answers --problem "$PROBLEM" --n "$N" --out "$SUBS" --nncheck "$NNCHECK"
    echo "$STAMP" >"$SUBS/.stamp"
fi
"$PY" bench/generate.py wide --out "$OUT/wide.yaml"
sync

say "== 1. batch grading: $N submissions of $(basename "$PROBLEM")"
: >"$RUNDIR/nncheck.times"
for i in $(seq 1 "$RUNS"); do
    t0=$(now)
    "$NNCHECK" grade "$PROBLEM" "$SUBS" --out "$RUNDIR/nncheck-$i" --quiet >/dev/null
    t1=$(now)
    elapsed "$t0" "$t1" >>"$RUNDIR/nncheck.times"; echo >>"$RUNDIR/nncheck.times"
    say "nncheck grade run $i: $(tail -1 "$RUNDIR/nncheck.times") s"
done
read -r NN_BEST NN_MED _ < <(stats "$RUNDIR/nncheck.times")
NN_RATE=$(awk -v n="$N" -v t="$NN_MED" 'BEGIN { printf "%.0f", n / t }')

if [ "${SKIP_PYTHON:-0}" != 1 ]; then
    : >"$RUNDIR/python.times"
    for i in $(seq 1 "$PY_RUNS"); do
        t0=$(now)
        "$PY" bench/reference_grader.py grade "$PROBLEM" "$SUBS" --out "$RUNDIR/python-$i" >/dev/null
        t1=$(now)
        elapsed "$t0" "$t1" >>"$RUNDIR/python.times"; echo >>"$RUNDIR/python.times"
        say "python reference run $i (1 process): $(tail -1 "$RUNDIR/python.times") s"
    done
    read -r PY_BEST PY_MED _ < <(stats "$RUNDIR/python.times")
    t0=$(now)
    "$PY" bench/reference_grader.py grade "$PROBLEM" "$SUBS" --out "$RUNDIR/python-jobs2" --jobs 2 >/dev/null
    t1=$(now)
    PY2=$(elapsed "$t0" "$t1")
    say "python reference (2 processes): $PY2 s"
    ID=$(basename "$PROBLEM" .yaml)
    "$PY" bench/compare.py "$RUNDIR/nncheck-1/$ID/gradebook.csv" "$RUNDIR/python-1/$ID/gradebook.csv" || true
fi

say "== 2. self-check: one submission, process start to exit"
# The first YAML answer file that is gradable (exit 0 or 1; malformed files exit 65).
CHECK_FILE=""
for f in "$SUBS"/*.yaml; do
    status=0; "$NNCHECK" check "$PROBLEM" "$f" >/dev/null 2>&1 || status=$?
    if [ "$status" -le 1 ]; then CHECK_FILE=$(basename "$f"); break; fi
done
say "checking $CHECK_FILE"
: >"$RUNDIR/check.times"
for i in $(seq 1 "$CHECK_RUNS"); do
    t0=$(now); "$NNCHECK" check "$PROBLEM" "$SUBS/$CHECK_FILE" >/dev/null 2>&1 || true; t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", (b - a) * 1000 }' >>"$RUNDIR/check.times"
done
read -r _ CK_MED CK_P95 < <(stats "$RUNDIR/check.times")
if [ "${SKIP_PYTHON:-0}" != 1 ]; then
    : >"$RUNDIR/pycheck.times"
    for i in $(seq 1 "$CHECK_RUNS"); do
        t0=$(now); "$PY" bench/reference_grader.py --single "$PROBLEM" "$SUBS/$CHECK_FILE" >/dev/null 2>&1 || true; t1=$(now)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", (b - a) * 1000 }' >>"$RUNDIR/pycheck.times"
    done
    read -r _ PC_MED PC_P95 < <(stats "$RUNDIR/pycheck.times")
fi

say "== 3. solve"
LARGEST=$(ls -S problems/*.yaml | head -1)
: >"$RUNDIR/solve.times"
for i in $(seq 1 "$SOLVE_RUNS"); do
    t0=$(now); "$NNCHECK" solve "$LARGEST" --format json >/dev/null; t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", (b - a) * 1000 }' >>"$RUNDIR/solve.times"
done
read -r _ SV_MED SV_P95 < <(stats "$RUNDIR/solve.times")
: >"$RUNDIR/wide.times"
for i in 1 2 3 4 5; do
    t0=$(now); "$NNCHECK" solve "$OUT/wide.yaml" --format json >"$RUNDIR/wide.json"; t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", (b - a) * 1000 }' >>"$RUNDIR/wide.times"
done
read -r _ WD_MED WD_P95 < <(stats "$RUNDIR/wide.times")
if [ "${SKIP_PYTHON:-0}" != 1 ]; then
    t0=$(now); "$PY" bench/reference_grader.py solve "$OUT/wide.yaml" >/dev/null; t1=$(now)
    PY_WIDE=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
fi

say "== 4. formula"
# bench-mlp's network with F formula questions (each draws its own 20 instances), and F answer
# files to one formula question (instances drawn once, every answer graded against them).
F=${FORMULA_COPIES:-200}
FDIR=$OUT/formula
rm -rf "$FDIR"; mkdir -p "$FDIR/one" "$FDIR/many"
ASK='dL/dW2'
ANSWER="((W3^T * delta3) .* tanh'(z2)) * a1^T"
formula_problem() {  # formula_problem COPIES FILE
    sed '/^questions:/,$d' "$PROBLEM" | sed 's/^id: bench-mlp$/id: bench-formula/' >"$2"
    printf 'questions:\n' >>"$2"
    for q in $(seq 1 "$1"); do printf '  - {id: "f%s", kind: formula, ask: %s}\n' "$q" "$ASK" >>"$2"; done
}
formula_problem 1 "$FDIR/one.yaml"
formula_problem "$F" "$FDIR/copies.yaml"
{ printf 'student: "s"\nanswers:\n'; for q in $(seq 1 "$F"); do printf '  "f%s": "%s"\n' "$q" "$ANSWER"; done; } >"$FDIR/copies-answers.yaml"
for i in $(seq 1 "$F"); do printf 'student: "s%s"\nanswers:\n  "f1": "%s"\n' "$i" "$ANSWER" >"$FDIR/many/s$i.yaml"; done
printf 'student: "s"\nanswers:\n  "f1": "%s"\n' "$ANSWER" >"$FDIR/one/s1.yaml"
"$NNCHECK" check "$FDIR/one.yaml" "$FDIR/one/s1.yaml" >/dev/null   # the answer is right: exit 0
time_median() {  # time_median RUNS command...: median wall time in ms
    local runs=$1; shift; : >"$RUNDIR/f.times"
    for i in $(seq 1 "$runs"); do t0=$(now); "$@" >/dev/null 2>&1 || true; t1=$(now)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) * 1000 }' >>"$RUNDIR/f.times"; done
    read -r _ m _ < <(stats "$RUNDIR/f.times"); printf '%s' "$m"
}
F_ONE=$(time_median 7 "$NNCHECK" check "$FDIR/one.yaml" "$FDIR/one/s1.yaml")
F_COPIES=$(time_median 7 "$NNCHECK" check "$FDIR/copies.yaml" "$FDIR/copies-answers.yaml")
F_BATCH1=$(time_median 5 "$NNCHECK" grade "$FDIR/one.yaml" "$FDIR/one" --out "$FDIR/r1" --quiet)
F_BATCHN=$(time_median 5 "$NNCHECK" grade "$FDIR/one.yaml" "$FDIR/many" --out "$FDIR/rn" --quiet)
F_DRAWN=$(awk -v a="$F_ONE" -v b="$F_COPIES" -v n="$F" 'BEGIN { printf "%.2f", (b - a) / (n - 1) }')
F_GRADE=$(awk -v a="$F_BATCH1" -v b="$F_BATCHN" -v n="$F" 'BEGIN { printf "%.2f", (b - a) / (n - 1) }')
if [ "${SKIP_TORCH:-0}" != 1 ]; then
    say "== 5. training experiments against PyTorch"
    # The CPU wheel (PIP_FIND_LINKS may point at a folder holding it; else PyPI's CPU build index).
    "$PY" -m pip install -q "torch==2.13.0+cpu" 2>/dev/null || "$PY" -m pip install -q torch
    EXP_RUNS=${EXP_RUNS:-3}
    EXP=$RUNDIR/experiment
    mkdir -p "$EXP/data"
    cp problems/data/diabetes.csv "$EXP/data/"
    cp bench/problems/experiment-diabetes.yaml bench/problems/experiment-sweep.yaml "$EXP/"
    for kind in experiment sweep; do
        yaml=$EXP/experiment-diabetes.yaml; flag=""; qid=final-loss
        [ "$kind" = sweep ] && { yaml=$EXP/experiment-sweep.yaml; flag=--sweep; qid=sweep-loss; }
        : >"$EXP/$kind-nn.times"; : >"$EXP/$kind-torch.times"
        for i in $(seq 1 "$EXP_RUNS"); do
            t0=$(now); OMP_NUM_THREADS=1 "$NNCHECK" solve "$yaml" --format json >"$EXP/$kind-nn.json"; t1=$(now)
            elapsed "$t0" "$t1" >>"$EXP/$kind-nn.times"; echo >>"$EXP/$kind-nn.times"
            OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 "$PY" bench/experiments/torch_experiment.py "$EXP" $flag >"$EXP/$kind-torch.json"
            "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"])' "$EXP/$kind-torch.json" >>"$EXP/$kind-torch.times"
        done
        "$PY" bench/experiments/agree.py "$EXP/$kind-nn.json" "$EXP/$kind-torch.json" "$qid" || say "MISSED: nncheck and PyTorch disagree"
        read -r _ med _ < <(stats "$EXP/$kind-nn.times"); eval "EXP_NN_${kind}=$med"
        read -r _ med _ < <(stats "$EXP/$kind-torch.times"); eval "EXP_PT_${kind}=$med"
    done
fi

say ""
say "== results (target in brackets)"
# The target is 2 s for 10,000 submissions; for another N it is scaled.
GOAL=$(awk -v n="$N" 'BEGIN { printf "%.3g", 2 * n / 10000 }')
printf 'grading %s submissions, nncheck:   best %.2f s, median %.2f s  [<= %s s: %s]  (%s submissions/s)\n' \
    "$N" "$NN_BEST" "$NN_MED" "$GOAL" "$(verdict "$NN_MED" "$GOAL" "<=")" "$NN_RATE"
if [ "${SKIP_PYTHON:-0}" != 1 ]; then
    RATIO=$(awk -v p="$PY_MED" -v n="$NN_MED" 'BEGIN { printf "%.1f", p / n }')
    RATIO2=$(awk -v p="$PY2" -v n="$NN_MED" 'BEGIN { printf "%.1f", p / n }')
    printf 'grading, python reference:          best %.2f s, median %.2f s (1 process); %.2f s (2 processes)\n' "$PY_BEST" "$PY_MED" "$PY2"
    printf 'speed-up (median vs median):        %sx vs 1 process  [>= 10x: %s; aim 30x]; %sx vs 2 processes\n' \
        "$RATIO" "$(verdict "$RATIO" 10 ">=")" "$RATIO2"
fi
printf 'check, nncheck (%s runs):            median %.1f ms, p95 %.1f ms  [median <= 20 ms: %s]\n' \
    "$CHECK_RUNS" "$CK_MED" "$CK_P95" "$(verdict "$CK_MED" 20 "<=")"
if [ "${SKIP_PYTHON:-0}" != 1 ]; then
    printf 'check, python reference --single:   median %.1f ms, p95 %.1f ms\n' "$PC_MED" "$PC_P95"
fi
printf 'solve %s (largest bundled): median %.1f ms, p95 %.1f ms\n' "$(basename "$LARGEST")" "$SV_MED" "$SV_P95"
printf 'solve wide.yaml (5 x 256, batch 64): median %.0f ms, p95 %.0f ms%s\n' "$WD_MED" "$WD_P95" \
    "$([ -n "${PY_WIDE:-}" ] && echo "; numpy key for the same file: $PY_WIDE ms")"
printf 'formula answer (dL/dW2, 4-5-4-3, 20 instances): %s ms per answer in a batch, reports included [<= 2 ms: %s]; %s ms with its instances drawn\n' \
    "$F_GRADE" "$(verdict "$F_GRADE" 2 "<=")" "$F_DRAWN"
if [ "${SKIP_TORCH:-0}" != 1 ]; then
    for kind in experiment sweep; do
        nn=$(eval echo "\$EXP_NN_${kind}"); pt=$(eval echo "\$EXP_PT_${kind}")
        x=$(awk -v p="$pt" -v n="$nn" 'BEGIN { printf "%.1f", p / n }')
        printf '%s: nncheck solve median %.3f s (whole process), PyTorch median %.3f s (training loops only)\n' "$kind" "$nn" "$pt"
        printf '%s speed-up over PyTorch: %sx  [>= 3x: %s]\n' "$kind" "$x" "$(verdict "$x" 3 ">=")"
    done
fi
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg) (figures are only meaningful on an otherwise idle machine)"

# Earlier runs' outputs, now that timing is over (the time is kept for the warning above).
if [ -n "$(ls -A "$TRASH" 2>/dev/null)" ]; then date +%s >"$OUT/.last-cleanup"; fi
rm -rf "$OUT"/trash-*
