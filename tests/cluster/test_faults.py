#!/usr/bin/env python3
"""Cluster behaviour that golden scripts cannot show (tests/cluster).

  - a plain lyra never maps libmpi; under mpirun rank 0 does;
  - a rank that dies mid-call (mpirun --enable-recovery; test hook
    LYRA_CLUSTER_TEST_DIE=rank) fails the call with ::rankdead instead of
    hanging, and later calls run on the ranks left;
  - SIGINT to rank 0 (Ctrl-C) stops the work on every rank promptly.
Usage: test_faults.py --mpirun MPIRUN LYRA
"""
import os, re, signal, subprocess, sys, tempfile, time

def main():
    args = sys.argv[1:]
    mpirun = args[args.index("--mpirun") + 1]
    lyra = os.path.abspath(args[-1])
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    failed = 0
    tmp = tempfile.mkdtemp()

    def script(name, text):
        p = os.path.join(tmp, name)
        with open(p, "w") as f: f.write(text)
        return p

    def check(name, ok, detail=""):
        nonlocal failed
        print(("ok   " if ok else "FAIL ") + name)
        if not ok:
            failed += 1
            print("     " + detail.replace("\n", "\n     "))

    maps = script("maps.ly", 'Print[StringContainsQ[ReadString["/proc/" <> ToString[$ProcessID] <> "/maps"], "libmpi"]]\n')
    p = subprocess.run([lyra, maps], capture_output=True, text=True, timeout=60)
    check("plain lyra does not load MPI", p.stdout.strip() == "False", p.stdout + p.stderr)
    p = subprocess.run([mpirun, "-q", "--oversubscribe", "-np", "2", lyra, maps],
                       capture_output=True, text=True, timeout=120, env=env)
    check("lyra under mpirun loads it", p.stdout.strip() == "True", p.stdout + p.stderr)

    # a rank that dies
    death = script("death.ly", "\n".join([
        'Print[ParallelMap[(Pause[0.01]; #) &, Range[300]]]',
        'Print[ParallelMap[# + 1 &, Range[10]]]',
        'Print[ClusterRanks[]]',
        'Print[WaitAll[Table[With[{i = i}, ParallelSubmit[i^2]], {i, 6}]]]', ""]))
    t0 = time.time()
    p = subprocess.run([mpirun, "-q", "--oversubscribe", "--enable-recovery", "-np", "3", lyra, death],
                       capture_output=True, text=True, timeout=300,
                       env=dict(env, LYRA_CLUSTER_TEST_DIE="2", LYRA_CLUSTER_TIMEOUT="3"))
    took = time.time() - t0
    out = p.stdout.splitlines()
    want = ["$Failed", "{2, 3, 4, 5, 6, 7, 8, 9, 10, 11}", "{0, 1}", "{1, 4, 9, 16, 25, 36}"]
    check("a dead rank fails its chunks, the others go on", out == want,
          "stdout %r\nstderr %s" % (out, p.stderr[-2000:]))
    check("... with ::rankdead", re.search(r"ParallelMap::rankdead: Rank 2 \(.*\) stopped responding", p.stderr) is not None,
          p.stderr[-2000:])
    check("... within seconds (%.1f s)" % took, took < 60, "")

    # Ctrl-C on rank 0
    slow = script("slow.ly", 'Print[$ProcessID]\nParallelMap[(Do[j, {j, 10^9}]; #) &, Range[16]]\nPrint["not reached"]\n')
    proc = subprocess.Popen([mpirun, "-q", "--oversubscribe", "-np", "3", lyra, slow],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    pid = int(proc.stdout.readline())
    time.sleep(1.5)
    t0 = time.time()
    os.kill(pid, signal.SIGINT)
    try:
        rest, err = proc.communicate(timeout=120)
        took = time.time() - t0
        check("SIGINT to rank 0 stops every rank (%.1f s)" % took,
              "not reached" not in rest and "$Aborted" in err and took < 30, rest + err)
    except subprocess.TimeoutExpired:
        proc.kill()
        check("SIGINT to rank 0 stops every rank", False, "still running after 120 s")
    sys.exit(1 if failed else 0)

if __name__ == "__main__":
    main()
