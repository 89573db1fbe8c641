#!/usr/bin/env bash
# Builds nncheck's libFuzzer targets and runs each for N seconds (default 10).
#
#   bash fuzz/run.sh [SECONDS] [TARGET...]
#
# Targets: FuzzAnswerValue, FuzzSubmission, FuzzProblem, FuzzExpression
# (default: all).
# New interesting inputs go to fuzz/corpus-work/<target>/ and crashes, timeouts and out-of-memory
# inputs to fuzz/artifacts/<target>/ (both git-ignored); the committed seeds in
# fuzz/corpus/<target>/ are only read. Exits non-zero when any target finds a problem.
# See fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=${1:-10}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(FuzzAnswerValue FuzzSubmission FuzzProblem FuzzExpression)
fi
case "$seconds" in
    ''|*[!0-9]*) echo "fuzz/run.sh: SECONDS must be a whole number, got '$seconds'" >&2; exit 64 ;;
esac

scratch="$root/.build-fuzz"
flags=(-c release --scratch-path "$scratch"
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -DNNCHECK_FUZZ
       -Xcc -fsanitize=fuzzer-no-link,address)
if [ "$(uname -s)" = Linux ]; then
    # SwiftPM links executables with `--defsym main=<target>_main`, which GNU gold cannot combine
    # with libFuzzer; the toolchain's lld can.
    flags+=(-Xswiftc -use-ld=lld)
fi

echo "fuzz: building ${targets[*]} (release, -sanitize=fuzzer,address)"
for target in "${targets[@]}"; do
    # ld warnings about ASan's local symbols are noise; keep everything else.
    swift build --package-path fuzz "${flags[@]}" --product "$target" 2>&1 \
        | grep -v "Cannot export local symbol" || true
    if [ ! -x "$scratch/release/$target" ]; then
        echo "fuzz: building $target failed" >&2
        exit 1
    fi
done
bin=$(swift build --package-path fuzz "${flags[@]}" --show-bin-path)

# Swift's own crash reporter would take over libFuzzer's signal handling.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}

failed=()
for target in "${targets[@]}"; do
    work="fuzz/corpus-work/$target"
    artifacts="fuzz/artifacts/$target"
    mkdir -p "$work" "$artifacts"
    case "$target" in
        FuzzAnswerValue|FuzzExpression) dict=fuzz/dict/answer.dict ;;
        *) dict=fuzz/dict/yaml.dict ;;
    esac
    log="$artifacts/last-run.log"
    echo "fuzz: $target for ${seconds}s"
    status=0
    "$bin/$target" "$work" "fuzz/corpus/$target" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=5 -max_len=65536 \
        -dict="$dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
        >"$log" 2>&1 || status=$?
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE" "$log" | sed "s/^/  /" || true
    if [ "$status" -ne 0 ]; then
        echo "fuzz: $target FAILED (exit $status); the input is in $artifacts/, the log in $log:" >&2
        grep -E "ERROR|SUMMARY|Fatal error|Test unit written|panic" "$log" | head -20 >&2 || true
        failed+=("$target")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: problems found by: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz: ${#targets[@]} targets ran ${seconds}s each without finding a problem"
