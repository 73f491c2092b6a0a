#!/bin/sh
# bench/run.sh BUILD_DIR — run every benchmark against its peer (`make bench`).
#
# Workloads are small files, one per directory:
#
#   bench/<name>/bench.txt     lyra: {lyra} bench/fib/fib.ly     (required)
#                              peer: lua5.4 bench/fib/fib.lua    (optional)
#                              runs: 10                          (optional, >= 5)
#                              expect: 46368                     (optional)
#
# Commands are shell words (no pipes), run from the repository root; {lyra}
# is BUILD_DIR/lyra and {build} is BUILD_DIR.  Each command runs once as a
# check first: if lyra fails (or its output differs from `expect:`), the
# workload is reported as skipped with the reason.  A missing peer program
# is reported as "peer missing" and lyra is still timed.
#
# Timing: hyperfine (median of >= 5 runs, JSON export) when installed,
# otherwise a Python loop doing the same.  Ratio = lyra median / peer median
# (below 1 means lyra is faster).  "cpu" is the same ratio for mean user +
# system time, which is steadier than wall time on a busy or virtual machine.
# LYRA_BENCH_TIMER=python forces the Python loop.
#
# Suites with their own runner are called after the table:
#   bench/<name>/run.sh BUILD_DIR         (e.g. bench/runtime)
#   BUILD_DIR/bench/parse/bench_parse     (if built)
set -eu
BUILD=${1:-build-bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case $BUILD in /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
cd "$ROOT"

if [ ! -x "$BUILD/lyra" ]; then
    echo "bench: $BUILD/lyra not built (run: cmake --build $BUILD)" >&2
    exit 2
fi
command -v python3 >/dev/null 2>&1 || { echo "bench: python3 is required" >&2; exit 2; }

python3 - "$BUILD" <<'EOF'
import glob, json, os, resource, shlex, shutil, statistics, subprocess, sys, tempfile, time

build = sys.argv[1]
lyra = os.path.join(build, "lyra")
hyperfine = None if os.environ.get("LYRA_BENCH_TIMER") == "python" else shutil.which("hyperfine")

def parse(path):
    spec = {"name": os.path.basename(os.path.dirname(path)), "runs": 10}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or ":" not in line:
                continue
            k, v = line.split(":", 1)
            spec[k.strip()] = v.strip()
    spec["runs"] = max(5, int(spec["runs"]))
    return spec

def words(cmd):
    return shlex.split(cmd.replace("{lyra}", shlex.quote(lyra)).replace("{build}", shlex.quote(build)))

def check(argv):
    """Runs argv once; returns (ok, stdout, why)."""
    if not shutil.which(argv[0]) and not os.path.exists(argv[0]):
        return False, "", "missing"
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
    except subprocess.TimeoutExpired:
        return False, "", "timed out"
    if p.returncode != 0:
        err = p.stderr.decode("utf-8", "replace").strip().splitlines()
        return False, "", "exit %d%s" % (p.returncode, (": " + err[0][:70]) if err else "")
    return True, p.stdout.decode("utf-8", "replace").strip(), ""

def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime

def time_loop(argv, runs):
    for _ in range(3):   # warm-up
        subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts, c0 = [], cpu_children()
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ts.append(time.perf_counter() - t)
    return statistics.median(ts), (cpu_children() - c0) / runs

def timings(cmds, runs):
    """(median wall seconds, mean cpu seconds) for each argv in cmds."""
    if not hyperfine:
        return [time_loop(c, runs) for c in cmds]
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run([hyperfine, "-N", "--warmup", "3", "--runs", str(runs), "--style", "none",
                        "--export-json", out.name] + [shlex.join(c) for c in cmds],
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, check=True)   # stderr: warm-up warnings
        return [(r["median"], r["user"] + r["system"]) for r in json.load(open(out.name))["results"]]

def fmt(s):
    return "%8.2f ms" % (s * 1e3) if s < 10 else "%8.2f s " % s

print("Lyra benchmarks (%s; timer: %s)" % (build, "hyperfine" if hyperfine else "python loop"))
print("%-14s %11s  %11s  %7s  %7s  %s" % ("workload", "lyra", "peer", "ratio", "cpu", "peer command"))
for path in sorted(glob.glob("bench/*/bench.txt")):
    w = parse(path)
    name = w["name"]
    if "lyra" not in w:
        print("%-14s skipped: %s has no 'lyra:' line" % (name, path))
        continue
    lcmd = words(w["lyra"])
    ok, out, why = check(lcmd)
    if ok and "expect" in w and out != w["expect"]:
        ok, why = False, "printed %r, expected %r" % (out[:40], w["expect"])
    if not ok:
        print("%-14s skipped: lyra fails (%s)" % (name, why))
        continue
    cmds, pcmd, note = [lcmd], None, ""
    if "peer" in w:
        pcmd = words(w["peer"])
        pok, pout, pwhy = check(pcmd)
        if pok:
            cmds.append(pcmd)
        else:
            note = "peer missing" if pwhy == "missing" else "peer fails (%s)" % pwhy
    try:
        ms = timings(cmds, w["runs"])
    except (subprocess.CalledProcessError, OSError) as e:
        print("%-14s skipped: timing failed (%s)" % (name, e))
        continue
    (lw, lc) = ms[0]
    if len(ms) == 2:
        (pw, pc) = ms[1]
        print("%-14s %s  %s  %6.2fx  %6.2fx  %s" % (name, fmt(lw), fmt(pw), lw / pw,
                                                    lc / pc if pc else 0, w["peer"]))
    else:
        print("%-14s %s  %11s  %7s  %7s  %s" % (name, fmt(lw), "-", "-", "-", note or "no peer"))
    sys.stdout.flush()
EOF

# Suites with their own runners.
for r in bench/*/run.sh; do
    [ -f "$r" ] || continue
    echo
    echo "== ${r%/run.sh}"
    sh "$r" "$BUILD" || echo "(${r%/run.sh}: exit status $?)"
done
if [ -x "$BUILD/bench/parse/bench_parse" ]; then
    echo
    echo "== bench/parse"
    "$BUILD/bench/parse/bench_parse" || echo "(bench_parse: exit status $?)"
fi
