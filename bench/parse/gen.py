#!/usr/bin/env python3
"""Generates a realistic .ly source for the parser benchmark.

usage: gen.py OUT.ly [MEGABYTES]   (default 10 MB; deterministic output)

The mix imitates real scripts: function definitions with patterns and
conditions, Module/With blocks, arithmetic with implicit multiplication,
lists of numbers, strings with escapes, associations, rules and replacements,
pure functions, comments, big integers and reals.
"""
import random, sys

def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "parse_input.ly"
    target = int(float(sys.argv[2]) * 1e6) if len(sys.argv) > 2 else 10_000_000
    r = random.Random(20240601)
    names = ["alpha", "beta", "gamma", "count", "total", "xs", "ys", "acc", "node", "data",
             "result", "item", "key", "value", "tmp", "fn", "g", "h", "x", "y", "z", "n", "k", "i"]
    heads = ["f", "g", "h", "step", "update", "normalize", "score", "merge", "walk", "solve"]

    def sym():
        return r.choice(names)

    def num():
        c = r.random()
        if c < 0.5: return str(r.randint(0, 1000))
        if c < 0.75: return "%.*f" % (r.randint(1, 6), r.uniform(-100, 100))
        if c < 0.85: return str(r.randint(10**20, 10**30))
        if c < 0.92: return "%de%d" % (r.randint(1, 9), 0) if False else "%d.%d*^%d" % (r.randint(1, 9), r.randint(0, 99), r.randint(-20, 20))
        return "-" + str(r.randint(1, 100))

    def atom(d):
        c = r.random()
        if c < 0.45: return sym()
        if c < 0.75: return num()
        if c < 0.85: return '"%s"' % r.choice(["hello", "a\\tb", "line\\n", "quote\\\"d", "\\[Alpha]\\[Beta]", "x_y", "path/to/file"])
        if c < 0.92: return "%s[%s]" % (r.choice(heads), ", ".join(expr(d + 1) for _ in range(r.randint(0, 3))))
        return "{%s}" % ", ".join(num() for _ in range(r.randint(0, 8)))

    def expr(d=0):
        if d > 3: return atom(d)
        c = r.random()
        ops = [" + ", " - ", " * ", " ", "/", "^", " == ", " < ", " && ", " || ", " -> ", " /. ", " <> ", ".", " @@ ", " /@ "]
        if c < 0.35: return atom(d)
        if c < 0.75: return "%s%s%s" % (expr(d + 1), r.choice(ops), expr(d + 1))
        if c < 0.82: return "(%s)" % expr(d + 1)
        if c < 0.87: return "-%s" % atom(d)
        if c < 0.92: return "#%s + %s &" % (r.choice(["", "1", "2"]), atom(d))
        if c < 0.96: return "<|%s|>" % ", ".join('"%s" -> %s' % (sym(), expr(d + 1)) for _ in range(r.randint(1, 3)))
        return "%s[[%d]]" % (sym(), r.randint(1, 9))

    def stmt():
        c = r.random()
        h = r.choice(heads)
        if c < 0.25:
            return "%s[%s_, %s_Integer:1] := %s" % (h, sym(), sym(), expr())
        if c < 0.35:
            return "%s[%s_ /; %s > 0] := Module[{%s = %s, %s},\n  %s = %s;\n  %s\n]" % (
                h, "n", "n", sym(), expr(), sym(), sym(), expr(), expr())
        if c < 0.50:
            return "%s = %s;" % (sym(), expr())
        if c < 0.60:
            return "%s = Table[%s, {%s, 1, %d}];" % (sym(), expr(), "i", r.randint(1, 100))
        if c < 0.68:
            return "(* %s *)" % r.choice(["compute the next step", "TODO: (* nested *) cleanup", "helpers", "main loop"])
        if c < 0.76:
            return "%s /. {%s -> %s, %s_Real :> Round[%s]}" % (sym(), sym(), expr(), "r", "r")
        if c < 0.84:
            return "If[%s, %s, %s]" % (expr(), expr(), expr())
        if c < 0.92:
            return "Print[%s <> \" \" <> ToString[%s]]" % ('"' + sym() + ':"', expr())
        return "%s = {%s};" % (sym(), ", ".join(num() for _ in range(r.randint(5, 40))))

    size = 0
    with open(out, "w", encoding="utf-8") as f:
        while size < target:
            s = stmt() + "\n"
            f.write(s)
            size += len(s.encode("utf-8"))

if __name__ == "__main__":
    main()
