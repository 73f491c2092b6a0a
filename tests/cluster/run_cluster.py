#!/usr/bin/env python3
"""Runs golden .ly scripts under mpirun (tests/run_golden.py's expectations).

Usage: run_cluster.py --mpirun MPIRUN --np N LYRA DIR...
Every script runs as `mpirun -np N LYRA script.ly`: rank 0 runs it, the
other ranks serve it, and the output must be what a plain lyra prints.
mpirun is told to oversubscribe (N may exceed the cores), to stay quiet
about non-zero exit statuses, and to allow root (CI containers).
"""
import os, stat, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, ".."))
import run_golden

def main():
    args = sys.argv[1:]
    mpirun = args[args.index("--mpirun") + 1]
    np = args[args.index("--np") + 1]
    rest = [a for i, a in enumerate(args) if a not in ("--mpirun", "--np") and
            (i == 0 or args[i - 1] not in ("--mpirun", "--np"))]
    lyra, dirs = os.path.abspath(rest[0]), rest[1:]
    with tempfile.TemporaryDirectory() as d:
        wrapper = os.path.join(d, "lyra-np%s" % np)
        with open(wrapper, "w") as f:
            f.write("#!/bin/sh\n"
                    "export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1\n"
                    "exec %s -q --oversubscribe -np %s %s \"$@\"\n" % (mpirun, np, lyra))
        os.chmod(wrapper, os.stat(wrapper).st_mode | stat.S_IEXEC)
        sys.argv = [sys.argv[0], wrapper] + dirs + ["--timeout", "300"]
        run_golden.main()

if __name__ == "__main__":
    main()
