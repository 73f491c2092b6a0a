#!/usr/bin/env python3
"""Pasting one long line into the REPL on a pseudo-terminal (not run by
bench/run.sh: it needs a pty and measures the line editor, not evaluation).

Usage: paste.py LYRA N...   prints, for each N, the seconds from the first
byte written to Out[1]= N, and the bytes the REPL wrote to the terminal."""
import os, sys, time, select
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "cli"))
import test_cli
from test_cli import Pty

test_cli.LYRA = os.path.abspath(sys.argv[1])


def paste(n):
    s = Pty()
    try:
        s.expect(r"In\[1\]:= ")
        data = ('StringLength["' + "x" * n + '"]\r').encode()
        t0 = time.time()
        i = 0
        while i < len(data):        # write while reading: the echo must not fill the pty
            r, w, _ = select.select([s.fd], [s.fd], [], 1)
            if r:
                s._read(time.time() + 0.01)
            if w:
                i += os.write(s.fd, data[i:i + 4096])
        s.expect(r"\nOut\[1\]= %d\n" % n, timeout=3600)
        t1 = time.time()
        s.send("Quit\r")
        s.wait()
        return t1 - t0, len(s.raw)
    finally:
        s.close()


for n in map(int, sys.argv[2:]):
    dt, nb = paste(n)
    print("%8d chars: %7.2f s, %d bytes of terminal output" % (n, dt, nb), flush=True)
