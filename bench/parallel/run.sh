#!/bin/sh
# bench/parallel/run.sh BUILD_DIR — parallel evaluation benchmarks (each
# script prints its own measurements; see bench/RESULTS.md).
BUILD=${1:-build-bench}
cd "$(dirname "$0")/../.." || exit 2
for w in uniform skewed plusone channel; do
    "$BUILD/lyra" bench/parallel/$w.ly || echo "($w: exit status $?)"
done
