#!/usr/bin/env python3
"""Golden test runner for .ly scripts (Wren style).

Each test is a .ly file run as `lyra FILE`.  Expectations are comments:
  (* expect: TEXT *)         the next line of stdout is TEXT
  (* expect-stderr: TEXT *)  the next line of stderr is TEXT (messages)
  (* expect-exit: N *)       the exit status (default 0)
  (* args: A B *)            extra command-line arguments
  (* stdin: TEXT *)          a line fed on standard input
If a file has no expect-stderr lines, stderr must be empty.
Usage: run_golden.py LYRA FILE_OR_DIR... [--timeout S]
"""
import os, re, subprocess, sys

PAT = re.compile(r"\(\*\s*(expect|expect-stderr|expect-exit|args|stdin):\s?(.*?)\s*\*\)")

def parse(path):
    exp = {"out": [], "err": [], "exit": 0, "args": [], "stdin": []}
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            for kind, text in PAT.findall(line):
                if kind == "expect": exp["out"].append(text)
                elif kind == "expect-stderr": exp["err"].append(text)
                elif kind == "expect-exit": exp["exit"] = int(text)
                elif kind == "args": exp["args"] += text.split()
                elif kind == "stdin": exp["stdin"].append(text)
    return exp

def run(lyra, path, timeout):
    exp = parse(path)
    try:
        # run from the test's directory with a bare name, so messages that
        # quote the script name do not depend on where the suite runs
        p = subprocess.run([os.path.abspath(lyra), os.path.basename(path)] + exp["args"],
                           cwd=os.path.dirname(os.path.abspath(path)),
                           capture_output=True, timeout=timeout,
                           input="".join(s + "\n" for s in exp["stdin"]).encode())
    except subprocess.TimeoutExpired:
        return ["timed out after %ss" % timeout]
    out = p.stdout.decode("utf-8", "replace").splitlines()
    err = p.stderr.decode("utf-8", "replace").splitlines()
    problems = []
    if p.returncode < 0:
        problems.append("killed by signal %d" % -p.returncode)
    if p.returncode != exp["exit"]:
        problems.append("exit status %d, expected %d" % (p.returncode, exp["exit"]))
    def compare(name, got, want):
        for i in range(max(len(got), len(want))):
            g = got[i] if i < len(got) else None
            w = want[i] if i < len(want) else None
            if g != w:
                problems.append("%s line %d: got %r, expected %r" % (name, i + 1, g, w))
                if len(problems) > 8: return
    compare("stdout", out, exp["out"])
    compare("stderr", [e.rstrip() for e in err], exp["err"])
    return problems

def main():
    args = sys.argv[1:]
    timeout = 60
    if "--timeout" in args:
        i = args.index("--timeout"); timeout = float(args[i + 1]); del args[i:i + 2]
    lyra, targets = args[0], args[1:]
    files = []
    for t in targets:
        if os.path.isdir(t):
            for root, _, names in os.walk(t):
                files += [os.path.join(root, n) for n in names if n.endswith(".ly")]
        else:
            files.append(t)
    files.sort()
    passed = failed = 0
    for f in files:
        problems = run(lyra, f, timeout)
        if problems:
            failed += 1
            print("FAIL %s" % f)
            for pr in problems: print("    " + pr)
        else:
            passed += 1
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed or not files else 0)

if __name__ == "__main__":
    main()
