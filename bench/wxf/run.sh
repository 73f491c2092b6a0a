#!/bin/sh
# bench/wxf/run.sh BUILD_DIR — WXF encode/decode MB/s (see bench_wxf.c).
BUILD=${1:-build-bench}
if [ -x "$BUILD/bench/wxf/bench_wxf" ]; then "$BUILD/bench/wxf/bench_wxf"; else echo "bench_wxf not built"; fi
