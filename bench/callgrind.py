#!/usr/bin/env python3
"""Instructions per iteration of the loop workloads, lyra against Lua 5.4.

    python3 bench/callgrind.py [LABEL=]BUILD_DIR ... [--only=NAME,...]

Runs each workload of bench/<name>/ under `valgrind --tool=callgrind` at
the size below (the files' 10^6 replaced), subtracts the interpreter's
start-up (`Print[1]`, `print(1)`) and divides by the iteration count.
Instruction counts do not depend on the load of the machine, so they are
the figure to compare on a shared one (bench/RESULTS.md).  Totals are
given for the workloads without a per-iteration count (fib, replace,
rules1000).  Needs valgrind and lua5.4.
"""
import os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# name, lyra file, Lua file (or None), iterations (None: the total)
WORK = [
    ("loop", "loop/loop.ly", "loop/loop.lua", 10**5),
    ("for_loop", "for_loop/for.ly", "for_loop/for.lua", 10**5),
    ("while_loop", "while_loop/while.ly", "while_loop/while.lua", 10**5),
    ("module_loop", "module_loop/module.ly", "module_loop/module.lua", 10**5),
    ("if_loop", "if_loop/if.ly", "if_loop/if.lua", 10**5),
    ("xinc_loop", "xinc_loop/xinc.ly", "xinc_loop/xinc.lua", 10**5),
    ("table_loop", "table_loop/table.ly", "table_loop/table.lua", 10**5),
    ("sum_loop", "sum_loop/sum.ly", "sum_loop/sum.lua", 10**5),
    ("part_loop", "part_loop/part.ly", "part_loop/part.lua", 10**5),
    ("append_loop", "append_loop/append.ly", "append_loop/append.lua", 10**4),
    ("string_loop", "string_loop/string.ly", "string_loop/string.lua", 10**4),
    ("dispatch", "dispatch/dispatch.ly", "dispatch/dispatch.lua", 10**5),
    ("call_loop", "call_loop/call.ly", "call_loop/call.lua", 10**5),
    ("fib", "fib/fib.ly", "fib/fib.lua", None),
    ("replace", "replace/replace.ly", None, None),
    ("rules1000", "rules1000/rules.ly", "rules1000/rules.lua", None),
]

def resize(text, n):
    # the workloads' own sizes: 10^6 (10^5 for append, 2*10^4 for strings,
    # 10^5 lookups for dispatch), in Wolfram and Lua spelling
    for a in ("2*10^4", "10^6", "10^5", "1000000", "100000", "20000"):
        text = text.replace(a, str(n))
    return text

def instructions(argv):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "cg.out")
        subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + argv,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=ROOT)
        with open(out) as f:
            for line in f:
                if line.startswith("summary:") or line.startswith("totals:"):
                    return int(line.split()[1])
    raise RuntimeError("no totals")

def measure(argv_of, path, n, startup):
    with open(os.path.join(ROOT, "bench", path)) as f:
        text = f.read()
    if n:
        text = resize(text, n)
    with tempfile.NamedTemporaryFile("w", suffix=os.path.splitext(path)[1], delete=False) as f:
        f.write(text)
    try:
        total = instructions(argv_of(f.name))
    finally:
        os.unlink(f.name)
    return (total - startup) / n if n else total - startup

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    only = None
    for a in sys.argv[1:]:
        if a.startswith("--only="):
            only = set(a[7:].split(","))
    args = args or ["build"]
    labels = [a.split("=", 1)[0] if "=" in a else os.path.basename(a.rstrip("/")) for a in args]
    builds = [os.path.abspath(a.split("=", 1)[-1]) for a in args]
    lua = "lua5.4"
    with tempfile.NamedTemporaryFile("w", suffix=".ly", delete=False) as f:
        f.write("Print[1]\n")
        ly1 = f.name
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write("print(1)\n")
        lua1 = f.name
    starts = [instructions([os.path.join(b, "lyra"), ly1]) for b in builds]
    lstart = instructions([lua, lua1])
    print("start-up: " + ", ".join("%s %.2f M" % (l, s / 1e6) for l, s in zip(labels, starts))
          + ", lua %.2f M" % (lstart / 1e6))
    hdr = ["workload", "n"] + labels + ["lua", "last / lua"]
    print("| " + " | ".join(hdr) + " |")
    for name, ly, lu, n in WORK:
        if only and name not in only:
            continue
        row = []
        for b, s in zip(builds, starts):
            row.append(measure(lambda p, b=b: [os.path.join(b, "lyra"), p], ly, n, s))
        l = measure(lambda p: [lua, p], lu, n, lstart) if lu else None
        fmt = (lambda x: "%.0f" % x) if n else (lambda x: "%.1f M" % (x / 1e6))
        cells = [name, str(n or "total")] + [fmt(x) for x in row] + [fmt(l) if l else "", "%.1fx" % (row[-1] / l) if l else ""]
        print("| " + " | ".join(cells) + " |", flush=True)
    os.unlink(ly1); os.unlink(lua1)

main()
