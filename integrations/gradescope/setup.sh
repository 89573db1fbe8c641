#!/usr/bin/env bash
# Gradescope setup for nncheck. Gradescope runs this once, as root, while it builds the autograder
# image. nncheck is a self-contained binary that the instructor builds and puts in the zip, so
# nothing is installed here: the script makes the files executable and checks that the binary
# runs on this image and that problem.yaml loads and solves.
#
# Environment: AUTOGRADER_ROOT, the autograder folder (default /autograder).
set -euo pipefail

ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"

for f in nncheck run_autograder problem.yaml; do
    if [ ! -f "$SOURCE/$f" ]; then
        echo "setup.sh: $SOURCE/$f is missing; the zip must hold setup.sh, run_autograder, nncheck and problem.yaml at its top level" >&2
        exit 1
    fi
done

chmod 755 "$SOURCE/nncheck" "$SOURCE/run_autograder"

# The binary must start on this image (a missing shared library or a too-old glibc shows here).
if ! "$SOURCE/nncheck" --version; then
    echo "setup.sh: nncheck does not run on this image; see README.md (build with --static-swift-stdlib, or with the Static Linux SDK)" >&2
    exit 1
fi

# The problem file must load and every question must have a key.
if ! "$SOURCE/nncheck" solve "$SOURCE/problem.yaml" > /dev/null; then
    echo "setup.sh: problem.yaml does not load or solve (run 'nncheck solve problem.yaml' to see why)" >&2
    exit 1
fi

echo "setup.sh: nncheck $("$SOURCE/nncheck" --version) is ready for $(sed -n 's/^id:[[:space:]]*//p' "$SOURCE/problem.yaml" | head -n 1)"
