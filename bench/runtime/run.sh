#!/bin/sh
# Runs the runtime benchmarks from BUILD_DIR and prints medians and ratios.
# Usage: bench/runtime/run.sh BUILD_DIR   (BENCH_REPS=N to change repetitions)
# The numbers come from whatever machine runs this; on the 2-vCPU CI VM they
# vary 3-10x between runs, so compare ratios measured in the same run.
set -eu
B=${1:?usage: run.sh BUILD_DIR}
D=$B/bench/runtime
[ -x "$D/bench_rt_forkjoin" ] || { echo "run.sh: no benchmarks in $D (build first)" >&2; exit 2; }
THREADS=${BENCH_THREADS:-2}
echo "== runtime benchmarks ($(nproc) CPUs, $THREADS workers, median of ${BENCH_REPS:-7}) =="
"$D/bench_rt_forkjoin" "$THREADS"
"$D/bench_rt_steal" 1
"$D/bench_rt_steal" 3 | grep -v owner_push_pop
"$D/bench_rt_chan"
