#!/bin/sh
# bench/parallel/run.sh BUILD_DIR -- parallel evaluation benchmarks, each
# printing medians of interleaved runs and the load average (see
# bench/RESULTS.md).  PARI/GP's parapply runs side by side when gp is
# installed (package pari-gp; `make bench` installs it), and the uniform
# workload in C with OpenMP (uniform_omp.c, built here with cc -fopenmp).
BUILD=${1:-build-bench}
cd "$(dirname "$0")/../.." || exit 2
for w in uniform skewed plusone overhead channel; do
    "$BUILD/lyra" bench/parallel/$w.ly || echo "($w: exit status $?)"
done
omp="$BUILD/uniform_omp"
if cc -O2 -fopenmp bench/parallel/uniform_omp.c -o "$omp" 2>/dev/null; then
    "$omp"
else
    echo "OpenMP peer not built (cc -fopenmp failed): skipped"
fi
if command -v gp >/dev/null 2>&1; then
    for t in 1 2; do gp -q --default nbthreads=$t bench/parallel/overhead.gp 2>&1 | tail -1; done
else
    echo "PARI/GP (gp) not installed: parapply comparison skipped"
fi
