#!/usr/bin/env python3
"""Builds the seed corpora fuzz/corpus/<name>/ from the golden tests.

parse, roundtrip: each golden file (expectation comments removed, cut at
4 KiB) and its single lines; eval, copy: single lines that look like whole
statements (balanced brackets), since each input is evaluated under a
fraction of a second.  Files are named by content hash, so re-running only
adds what is new.  Usage: make_corpus.py [ROOT]
"""
import hashlib, os, re, sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
golden = os.path.join(root, "tests", "ly")
out = os.path.join(root, "fuzz", "corpus")
EXPECT = re.compile(r"\(\*\s*(expect|expect-stderr|expect-exit|args|stdin):.*?\*\)")
IO = re.compile(r"\b(Put|PutAppend|Export|Import|Get|DeleteFile|DeleteDirectory|CreateDirectory|"
                r"RenameFile|CopyFile|OpenWrite|OpenAppend|OpenRead|WriteString|SetDirectory|"
                r"Pause|Parallel\w*|ThreadPool|Channel|Future|Run|ReadList|ReadString)\b")

def balanced(s):
    d = 0
    for ch in s:
        if ch in "([{": d += 1
        elif ch in ")]}": d -= 1
        if d < 0: return False
    return d == 0 and s.count('"') % 2 == 0

LIMIT = 300   # seeds per corpus: an even sample; libFuzzer grows its own

def write(name, data, seen):
    data = data.encode("utf-8", "surrogateescape")[:4096]
    if not data.strip(): return
    h = hashlib.sha1(data).hexdigest()[:16]
    if h in seen[name]: return
    seen[name].add(h)
    if int(h, 16) % 10 >= keep.get(name, 10): return
    if out == os.devnull: return
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, h), "wb") as f: f.write(data)

keep = {}

def main():
    names = ["parse", "roundtrip", "eval", "copy"]
    # first pass counts candidates, second writes about LIMIT of each
    global out
    real_out, out = out, os.devnull
    seen = {n: set() for n in names}
    walk(seen, dry=True)
    for n in names: keep[n] = max(1, min(10, LIMIT * 10 // max(1, len(seen[n]))))
    out = real_out
    seen = {n: set() for n in names}
    walk(seen, dry=False)
    for n in names:
        d = os.path.join(out, n)
        print("%s: %d seeds" % (n, len(os.listdir(d)) if os.path.isdir(d) else 0))

def walk(seen, dry):
    for dirpath, _, files in sorted(os.walk(golden)):
        for fn in sorted(files):
            if not fn.endswith(".ly"): continue
            with open(os.path.join(dirpath, fn), encoding="utf-8", errors="surrogateescape") as f:
                text = EXPECT.sub("", f.read())
            write("parse", text, seen)
            for line in text.splitlines():
                line = line.strip()
                if not line or line.startswith("(*") or not balanced(line): continue
                write("parse", line, seen)
                write("roundtrip", line, seen)
                if IO.search(line) or len(line) > 300: continue
                write("eval", line, seen)
                write("copy", line, seen)
main()
