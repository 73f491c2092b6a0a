#!/bin/sh
# bench/compile/run.sh BUILD_DIR — Compile side by side (issue 8):
#   the loop Sum[Sin[i] Cos[i] + Sqrt[Abs[Sin[2 i]]], {i, 10^7}] compiled
#   (lyra, whole process), hand-written in Lua 5.4, and in C;
#   compiled vs interpreted (same process, CPU time);
#   ParallelMap of a compiled kernel on 1 worker vs 2.
# Whole-process numbers: median wall time and mean CPU time (user + system)
# of 5 runs after a warm-up.  The load average is printed before and after:
# on a shared machine, trust the CPU columns more than the wall ones.
BUILD=${1:-build-bench}
cd "$(dirname "$0")/../.." || exit 2
python3 - "$BUILD" <<'PY'
import os, resource, shutil, statistics, subprocess, sys, time
build = sys.argv[1]
print("load average: %s" % open("/proc/loadavg").read().split()[:3])
cmds = [("lyra (compiled)", [os.path.join(build, "lyra"), "bench/compile/loop.ly"]),
        ("lua5.4 (by hand)", ["lua5.4", "bench/compile/loop.lua"]),
        ("C (-O2)", [os.path.join(build, "bench/compile/bench_compile_loop")])]
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
res = {}
for name, argv in cmds:
    if not (shutil.which(argv[0]) or os.path.exists(argv[0])):
        print("%-18s missing" % name); continue
    subprocess.run(argv, stdout=subprocess.DEVNULL)
    ws, c0 = [], cpu()
    for _ in range(5):
        t = time.perf_counter()
        out = subprocess.run(argv, capture_output=True).stdout.decode().strip()
        ws.append(time.perf_counter() - t)
    res[name] = (statistics.median(ws), (cpu() - c0) / 5)
    print("%-18s wall %7.3f s  cpu %7.3f s  (prints %s)" % (name, res[name][0], res[name][1], out))
if "lyra (compiled)" in res:
    lw, lc = res["lyra (compiled)"]
    for peer in ("lua5.4 (by hand)", "C (-O2)"):
        if peer in res:
            pw, pc = res[peer]
            print("lyra / %-16s wall %5.2fx  cpu %5.2fx" % (peer, lw / pw, lc / pc))
sys.stdout.flush()
for script in ("interp", "parallel"):
    subprocess.run([os.path.join(build, "lyra"), "bench/compile/%s.ly" % script])
print("load average: %s" % open("/proc/loadavg").read().split()[:3])
PY
