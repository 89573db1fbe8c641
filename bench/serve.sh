#!/usr/bin/env bash
# Load benchmark of `nncheck serve` (not a test): the release server on 127.0.0.1, wrk posting
# bundled answer files to POST /api/check/<id> for DURATION seconds (default 20) over CONNECTIONS
# connections (default 64) and THREADS wrk threads (default 2), then checks per second, latency
# percentiles, errors, and the server's resident memory sampled every second (flat = no growth).
# The load stays on loopback and stops by itself.
#
#     bash bench/serve.sh            # needs wrk (Debian: apt-get install wrk)
#
# The rate limit is raised for the run (every request comes from one address); every other limit
# is at its default. NNCHECK=path times another binary.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
NNCHECK=${NNCHECK:-.build/release/nncheck}
OUT=bench/out/serve
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
if [ "$NNCHECK" = .build/release/nncheck ]; then swift build -c release --product nncheck >/dev/null; fi

# Correct and wrong answer files of three bundled problems (all gradable: every answer is 200).
SERVE_FILES=""
for f in hw1-backprop/perfect.yaml hw1-backprop/sign-error.yaml hw1-backprop/transposed-gradient.yaml \
         ece4179-mlp/perfect.yaml ece4179-mlp/sign-error.yaml ece4179-mlp/gradient-ascent.yaml \
         dsga1008-hw1/perfect.yaml dsga1008-hw1/sign-error.yaml; do
  SERVE_FILES="$SERVE_FILES ${f%%/*}:submissions/$f"
done
export SERVE_FILES

"$NNCHECK" serve problems --host 127.0.0.1 --port 0 --rate 1000000000 --burst 1000000000 \
  --log-level warning 2>"$OUT/server.log" &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
PORT=""
for _ in $(seq 1 600); do
  PORT=$(sed -n 's/.*problems on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$OUT/server.log" | head -1)
  [ -n "$PORT" ] && break
  sleep 0.1
done
[ -n "$PORT" ] || { echo "the server did not start"; cat "$OUT/server.log"; exit 1; }

rss() { awk '/VmRSS/ { print $2 }' "/proc/$PID/status"; }
echo "machine: $(nproc) cores; uptime before: $(uptime)"
# Warm up (first requests fault pages in), then measure.
wrk -t1 -c4 -d2s -s bench/serve-post.lua "http://127.0.0.1:$PORT" >/dev/null
RSS_START=$(rss)
: > "$OUT/rss.txt"
( for _ in $(seq 1 "$DURATION"); do sleep 1; rss >> "$OUT/rss.txt" 2>/dev/null || break; done ) &
SAMPLER=$!
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s bench/serve-post.lua "http://127.0.0.1:$PORT" | tee "$OUT/wrk.txt"
wait $SAMPLER || true
echo "uptime after: $(uptime)"
echo "server RSS (KiB): before the run $RSS_START; per second: $(tr '\n' ' ' < "$OUT/rss.txt")"
echo "targets: >= 2000 checks/s, p99 <= 50 ms, no errors, memory flat"
