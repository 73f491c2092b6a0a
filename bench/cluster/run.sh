#!/bin/sh
# bench/cluster/run.sh BUILD_DIR — ParallelMap over MPI ranks on this
# machine: a plain lyra with 1 and all workers, then mpirun with 1, 2 and 4
# ranks (oversubscribed beyond the cores); per-chunk and per-message costs.
# Skipped without mpirun or liblyra_mpi.so.  Numbers: bench/RESULTS.md.
BUILD=${1:-build-bench}
cd "$(dirname "$0")/../.." || exit 2
if ! command -v mpirun >/dev/null 2>&1 || [ ! -f "$BUILD/liblyra_mpi.so" ]; then
    echo "cluster: mpirun or $BUILD/liblyra_mpi.so missing, skipped"; exit 0
fi
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "-- plain lyra, 1 worker";  LYRA_THREADS=1 "$BUILD/lyra" bench/cluster/throughput.ly
echo "-- plain lyra";             "$BUILD/lyra" bench/cluster/throughput.ly
for np in 1 2 4; do
    echo "-- mpirun -np $np"
    mpirun -q --oversubscribe -np $np "$BUILD/lyra" bench/cluster/throughput.ly
done
echo "-- costs, mpirun -np 2";    mpirun -q --oversubscribe -np 2 "$BUILD/lyra" bench/cluster/overhead.ly
echo "-- costs, plain lyra";      "$BUILD/lyra" bench/cluster/overhead.ly
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
