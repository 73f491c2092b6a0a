/*
 * test_alloc_sweep.c — allocation-failure sweep (issue 9).
 *
 * For each representative script, run it in a fresh VM with the N-th
 * allocation through the VM's funnel failing, for N = 1, 2, 3, ... until a
 * run completes without reaching the failure; then again with the N-th and
 * every later allocation failing (memory gone for good, as when a budget is
 * reached: the paths that report the failure get no memory either; the
 * failure is disarmed before the checks below).  Every run must end cleanly:
 * status LY_OK, LY_ERRMEM or LY_ABORTED, no crash, the VM still usable
 * afterwards, and every byte back with the host's (counting) allocator at
 * ly_close.  Under ASan (make test-asan) LeakSanitizer also checks memory
 * that does not go through the funnel (GMP temporaries, malloc in builtins).
 *
 * The hooks exist only in LY_TESTS builds; elsewhere the test is skipped
 * (exit 77).  LY_SWEEP_STRIDE=k tries every k-th N only (quick runs);
 * LY_SWEEP_VERBOSE=1 prints each run; LY_SWEEP_ONLY=n runs N = n alone
 * (with a script name as argument: to reproduce one failure);
 * LY_SWEEP_MODE=once or persist runs one of the two sweeps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lyra.h"
#include "lyra_ext.h"

typedef struct Count { size_t bytes, peak; long blocks; } Count;

static void *count_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    Count *c = ud;
    if (nsize == 0) {
        if (ptr) { c->bytes -= osize; c->blocks--; }
        free(ptr);
        return NULL;
    }
    void *q = realloc(ptr, nsize);
    if (!q) return NULL;
    if (ptr) c->bytes -= osize; else c->blocks++;
    c->bytes += nsize;
    if (c->bytes > c->peak) c->peak = c->bytes;
    return q;
}

static void quiet_hook(void *ud, const char *text, size_t len) { (void)ud; (void)text; (void)len; }

/* want: the status of the reference run (a script may end in a syntax
 * error); runs with a failure must give it too, or LY_ERRMEM / LY_ABORTED. */
typedef struct Script { const char *name, *src; LyStatus want; } Script;

static const Script scripts[] = {
    { "parse-print",
      "h = Hold[a + b*c^2 - f[x, {1, 2.5, \"s\\n\"}], x -> y, z :> w, #1 &, p_ /; p > 0];\n"
      "ToString[FullForm[h]] <> ToString[InputForm[h]] <> ToString[{1/3, 2.5, -7, I, \"q\"}]", LY_OK },
    { "definitions-patterns",
      "f[0] = 1; f[n_Integer] := n f[n - 1];\n"
      "g[x_, y__] := {x, y}; g[x_] := x;\n"
      "h[x_?EvenQ] := 0; h[{a_, b___}] := Length[{b}];\n"
      "{f[12], g[1, 2, 3], g[5], h[4], h[{1, 2, 3}], MatchQ[{1, 2}, {_, __}],\n"
      " Cases[{1, a, 2.0, \"s\", 3}, _Integer], {a, b, a} /. a -> c,\n"
      " ReplaceRepeated[{1, 2, 3}, {x_, y_, z___} :> {x + y, z}],\n"
      " Module[{t = 3}, t^2], Block[{u = 2}, u + 1], With[{v = 4}, v v]}", LY_OK },
    { "table-sort-strings",
      "s = Sort[Table[Mod[i^2, 17], {i, 40}]];\n"
      "{s, Union[s], Tally[s], StringJoin[ToString /@ Take[s, 10]],\n"
      " StringLength[\"hello\" <> \"world\"], StringSplit[\"a b  c\"],\n"
      " Select[Range[30], PrimeQ], Map[#^2 &, Range[10]], Total[Range[100]],\n"
      " SortBy[{{3, a}, {1, b}, {2, c}}, First], Reverse[Characters[\"abc\"]],\n"
      " Association[a -> 1, b -> 2][b], Flatten[{{1, {2}}, 3}],\n"
      " StringReplace[\"abcabc\", \"b\" -> \"XY\"], ToUpperCase[\"mixed Case\"],\n"
      " StringTake[\"abcdef\", {2, 4}], StringPosition[\"abcabc\", \"c\"],\n"
      " Sort[{\"b\", \"a\", \"C\", x, 3, 2.5, f[1]}], Transpose[{{1, 2}, {3, 4}}],\n"
      " Range[10] + 1.5, Table[{i, j}, {i, 3}, {j, i}], Partition[Range[7], 2],\n"
      " Fold[Plus, 0, Range[20]], NestList[2 # &, 1, 8], Accumulate[Range[6]]}", LY_OK },
    { "control",
      "k = 0; While[k < 20, k++]; s = 0; Do[s += i, {i, 10}];\n"
      "r = Catch[Do[If[i > 3, Throw[i]], {i, 10}]];\n"
      "c = Check[1/0, \"caught\"]; q = Quiet[{1, 2}[[5]]];\n"
      "m = Module[{x = 1, y}, y = x + 1; {x, y}];\n"
      "t = TimeConstrained[Total[Range[1000]], 10]; u = MemoryConstrained[Range[10^3][[-1]], 10^7];\n"
      "fib[0] = 0; fib[1] = 1; fib[n_] := fib[n] = fib[n - 1] + fib[n - 2];\n"
      "{k, s, r, c, q, m, t, u, fib[30], Which[False, 1, True, 2], Switch[3, 1, a, 3, b]}", LY_OK },
    { "bignum",
      "{2^200 + 3^100, 60!, (2^100 + 1)/3^50, Mod[7^300, 10^20], GCD[2^90, 6^40],\n"
      " Quotient[10^50, 7], (1/3 + 2/7)^20, Sqrt[2^101], N[2^100], 2^100 - 2^100 + 1,\n"
      " Mod[30000!, 10^9 + 7], Mod[Fibonacci[2*10^6], 997], PowerMod[3, 2^300, 2^200 + 1],\n"
      " StringLength[ToString[3^70000]], Total[IntegerDigits[7^40000]], Binomial[5000, 4500] > 0}", LY_OK },
    { "strings-assoc",
      "a = <|\"x\" -> 1, \"y\" -> 2|>; a[\"z\"] = 3;\n"
      "{StringReplace[\"a1b22c333\", RegularExpression[\"[0-9]+\"] -> \"#\"],\n"
      " StringCases[\"key=val; k2=v2\", RegularExpression[\"(\\\\w+)=(\\\\w+)\"] -> \"$2\"],\n"
      " StringSplit[\"a,b;;c\", {\",\", \";\"}], StringMatchQ[\"hello\", \"h\" ~~ __ ~~ \"o\"],\n"
      " ToExpression[\"{1, 2} + 3\"], StringTemplate[\"`1`-`2`\"][5, 6], Characters[\"λx\"],\n"
      " KeySort[a], Values[a], Lookup[a, \"q\", 0], Counts[{1, 2, 2, 3, 3, 3}], GroupBy[Range[6], EvenQ],\n"
      " Merge[{a, <|\"x\" -> 10|>}, Total], SortBy[{\"ccc\", \"a\", \"bb\"}, StringLength],\n"
      " DeleteDuplicates[{3, 1, 3, 2, 1}], Gather[{1, 2, 1, 3, 2}], Select[a, # > 1 &],\n"
      " ImportString[\"[1, {\\\"k\\\": [true, null]}]\", \"JSON\"], ExportString[{1, <|\"a\" -> 2.5|>}, \"JSON\"]}", LY_OK },
    { "algebra",
      "{Expand[(x + y)^5], Factor[x^4 - 1], D[Sin[x] x^2, x], Together[1/x + 1/y], Apart[1/(x^2 - 1)],\n"
      " Solve[x^2 - 3 x + 2 == 0, x], Simplify[Sin[x]^2 + Cos[x]^2], Integrate[x^2 + 1, x]}", LY_OK },
    { "parallel",
      "ch = Channel[2]; f = ParallelSubmit[Send[ch, 5]; 6];\n"
      "{ParallelMap[#^2 &, Range[6]], Await[f], Receive[ch], ParallelSum[k, {k, 10}]}", LY_OK },
    { "parser",
      "f[x_ /; x > 0, y_.:2] := Module[{t = x^y}, t /. a_Integer :> a + 1];\n"
      "g = Function[{u, v}, u -> v]; h = #1 + #2 & @@ {1, 2}; x // f; p = {a, b}[[-1]];\n"
      "s = \"esc \\\"q\\\" \\n\\t\\[Alpha]\"; (* a comment (* nested *) *) q = 1 ;; 3; 2^-1 < 3 <= 4 && !False\n"
      "r = {f[3], f[2, 3], g[1, 2], h, p, s, q, a |-> b, x_ -> y, Hold[-a*b, 1/x, a/b^2]}",
      LY_OK },
    { "patterns-rules",
      "{MatchQ[f[1, 2, 3], f[__Integer]], MatchQ[{a, b, a}, {x_, _, x_}], MatchQ[a + b + c, c + x_],\n"
      " Cases[{1, 2.5, \"s\", a, {1}}, _Integer | _String], ReplaceList[{1, 2, 3}, {a___, b_, c___} :> {b, {a}}],\n"
      " {1, 2, 3, 4} /. {x_, y__} :> {y, x}, Position[{a, {b, a}, c}, a], DeleteCases[{1, a, 2, b}, _Symbol],\n"
      " Count[{1, 2, 3, 4, 5}, _?OddQ], f[3] /. f[x_ /; x > 2] :> x^2,\n"
      " {1, 1, 2, 2, 2} /. {x : 1 .., y : 2 ..} :> {Length[{x}], Length[{y}]}, g[a] /. g[x_, y_: 7] :> {x, y},\n"
      " MatchQ[{1, \"a\"}, {_Integer, Except[_Integer]}], StringCases[\"a1b22c333\", DigitCharacter ..],\n"
      " StringReplace[\"hello world\", WordCharacter .. -> \"w\"], ReplaceAll[h[h[h[1]]], h[x_] :> x + 1],\n"
      " Level[{a, {b, {c}}}, {-1}], u /: k[u, v_] := v; k[u, 3]}", LY_OK },
    { "strings",
      "{StringPadLeft[\"7\", 3, \"0\"], StringRiffle[{\"a\", \"b\", \"c\"}, \", \"], StringReverse[\"abc\"],\n"
      " IntegerString[255, 16], FromCharacterCode[{72, 105, 955}], ToCharacterCode[\"Hi\\[Alpha]\"],\n"
      " StringCount[\"banana\", \"an\"], StringDelete[\"banana\", \"a\"], StringStartsQ[\"banana\", \"ba\"],\n"
      " StringTrim[\"  x  \"], StringInsert[\"abc\", \"X\", 2], StringDrop[\"abcdef\", 2], ToString[12345.678],\n"
      " StringPadRight[\"ab\", 5, \".\"], StringContainsQ[\"haystack\", \"st\"], Capitalize[\"word\"],\n"
      " ToString[StringForm[\"`1` and `2`\", x, y]], StringSplit[\"a1b2c3\", DigitCharacter],\n"
      " StringJoin[Table[FromCharacterCode[96 + i], {i, 26}]], Sort[Characters[\"hello\"]],\n"
      " ToExpression[\"f[x_] := x^2; f[7]\"], ToString[1/3, InputForm], TextString[{1, 2}]}", LY_OK },
    { "packed-arrays",
      "p = Developer`ToPackedArray[Range[200]]; q = N[p]/7;\n"
      "{Developer`PackedArrayQ[p], Total[p], Round[Total[q]], Take[p*2 + 1, 3], Dot[q, q] > 0, Reverse[p][[1 ;; 3]],\n"
      " Accumulate[p][[-1]], Differences[p][[5]], Transpose[Partition[p, 10]][[2, 3]], Max[p - 50],\n"
      " Developer`PackedArrayQ[p^2], Join[p, {1, 2}][[-1]], Mean[q] > 0, ConstantArray[2.5, 5],\n"
      " Developer`FromPackedArray[p[[1 ;; 4]]], Position[p, 17], Select[p, # > 195 &], MapThread[Plus, {p, p}][[7]],\n"
      " Sort[-p][[1]], Clip[p, {10, 20}][[1 ;; 3]], Range[0., 1., 0.25], Ordering[{3, 1, 2}],\n"
      " ArrayReshape[Range[6], {2, 3}], (p[[3]] = 0; p[[1 ;; 4]])}", LY_OK },
    { "linalg",
      "m = {{2, 1, 0}, {1, 3, 1}, {0, 1, 4}}; mr = N[m];\n"
      "{Det[m], Inverse[m], LinearSolve[m, {1, 2, 3}], m . m, Transpose[m], MatrixRank[{{1, 2}, {2, 4}}],\n"
      " RowReduce[{{1, 2, 3}, {4, 5, 6}}], Det[mr], LinearSolve[mr, {1., 2., 3.}], Norm[{3, 4}],\n"
      " Cross[{1, 0, 0}, {0, 1, 0}], Tr[m], MatrixPower[m, 3], Chop[Inverse[mr] . mr], NullSpace[{{1, 2}, {2, 4}}],\n"
      " Outer[Times, {1, 2}, {3, 4}], DiagonalMatrix[{1, 2}], Eigenvalues[{{2, 0}, {0, 3}}]}", LY_OK },
    { "wxf",
      "vals = {1, -5, 2^100, 3/4, 2.5, 1 + 2 I, \"str\\[Alpha]\", f[x, {1, 2}], <|\"a\" -> 1, b -> {2., 3.}|>,\n"
      "  Developer`ToPackedArray[Range[50]], N[Range[20]]/3, ByteArray[{1, 2, 3}], True, N[Pi, 30], x_ :> y};\n"
      "{BinaryDeserialize[BinarySerialize[vals]] === vals,\n"
      " BinaryDeserialize[BinarySerialize[vals, PerformanceGoal -> \"Size\"]] === vals,\n"
      " Normal[BinarySerialize[{1, 2, 3}]], Quiet[BinaryDeserialize[ByteArray[{56, 58, 1, 2}]]]}", LY_OK },
    { "parallel-table",
      "{ParallelTable[i^2, {i, 8}], ParallelDo[Null, {i, 3}], ParallelProduct[k, {k, 6}],\n"
      " Await[ParallelSubmit[StringJoin[\"a\", \"b\"]]], ParallelMap[{#, #} &, {x, 2.5}]}", LY_OK },
    { "format-print",
      "Print[{1.5, N[Pi, 20], 1 + 2 I, x^2/y}, \" text \", StringForm[\"`1`+`2`\", a, b]];\n"
      "{ToString[NumberForm[3.14159, 3]], ToString[N[Pi, 30]], ToString[NumberForm[1.5 + 2.5 I, 2]],\n"
      " ToString[ScientificForm[12345.6]], ToString[PaddedForm[12, 5]], ToString[BaseForm[255, 16]],\n"
      " ToString[NumberForm[N[Pi, 40], 25]], ToString[TeXForm[x^2/y]], ToString[InputForm[{N[E, 25], 1/3, \"s\"}]],\n"
      " ToString[EngineeringForm[12345.6]], ToString[NumberForm[123456789, DigitBlock -> 3]],\n"
      " ToString[Row[{a, b}, \",\"]], ToString[MatrixForm[{{1, 2}, {3, 4}}]], ToString[FullForm[a + b]],\n"
      " ToString[Short[Range[100]]], StringTemplate[\"<* 1 + 1 *> and `a`\"][<|\"a\" -> 5|>], Echo[5, \"label\"],\n"
      " IntegerString[2^70, 36]}", LY_OK },
    { "syntax-error",
      "Print[1];\n f[x_] := {x, \"s\", 2.5`10} ;\n g[ = 3", LY_ERRSYNTAX },
};

static int run_sweep(const Script *sc, long stride, bool verbose, bool persist) {
    const char *mode = persist ? " (every allocation from N on fails)" : "";
    char label[96];
    snprintf(label, sizeof label, "%s%s", sc->name, persist ? "/persist" : "");
    int failures = 0;
    /* reference run: the result, with no failure armed */
    Count c0 = {0, 0, 0};
    LyVM *vm = ly_new(count_alloc, &c0);
    if (!vm) { printf("FAIL %s: ly_new\n", sc->name); return 1; }
    ly_set_messages(vm, quiet_hook, NULL);
    ly_set_output(vm, quiet_hook, NULL);
    LyExpr r = NULL;
    long a0 = ly_test_alloc_count(vm);
    LyStatus st = ly_eval_string(vm, sc->src, (size_t)-1, sc->name, &r);
    long a1 = ly_test_alloc_count(vm);
    char *txt = st == LY_OK && r ? ly_tostring(vm, r, LY_FORM_INPUT) : NULL;
    char *ref = txt ? strdup(txt) : NULL;
    ly_free(vm, txt);
    if (st != sc->want || (st == LY_OK && !ref)) { printf("FAIL %s: reference run gives status %d (%s)\n", sc->name, (int)st, ly_errmsg(vm)); failures++; }
    if (!ref) ref = strdup("");
    if (r) ly_decref(vm, r);
    ly_close(vm);
    if (c0.bytes || c0.blocks) { printf("FAIL %s: reference run leaks %zu bytes\n", sc->name, c0.bytes); failures++; }
    if (failures) { free(ref); return failures; }
    printf("%s: %ld allocations, peak %zu bytes\n", sc->name, a1 - a0, c0.peak);

    long runs = 0, silent = 0, n;
    const char *only = getenv("LY_SWEEP_ONLY");
    for (n = only ? atol(only) : 1;; n += stride) {
        Count c = {0, 0, 0};
        vm = ly_new(count_alloc, &c);
        if (!vm) { printf("FAIL %s: ly_new\n", sc->name); return failures + 1; }
        ly_set_messages(vm, quiet_hook, NULL);
        ly_set_output(vm, quiet_hook, NULL);
        if (persist) ly_test_fail_alloc_from(vm, n); else ly_test_fail_alloc(vm, n);
        r = NULL;
        st = ly_eval_string(vm, sc->src, (size_t)-1, sc->name, &r);
        bool hit = !ly_test_alloc_pending(vm);
        ly_test_fail_alloc(vm, 0);
        char *got = r ? ly_tostring(vm, r, LY_FORM_INPUT) : NULL;
        if (r) ly_decref(vm, r);
        runs++;
        if (verbose) printf("  N=%ld status=%d hit=%d\n", n, (int)st, hit);
        if (st != sc->want && st != LY_ERRMEM && st != LY_ABORTED) {
            printf("FAIL %s N=%ld: status %d (%s)\n", label, n, (int)st, ly_errmsg(vm));
            failures++;
        }
        if (!hit && (st != sc->want || strcmp(got ? got : "", ref) != 0)) {
            printf("FAIL %s N=%ld: failure not reached, but the result differs\n", label, n);
            failures++;
        }
        if (hit && st == LY_OK && got && strcmp(got, ref) != 0) {
            /* the failure was swallowed somewhere and gave a wrong answer */
            size_t at = 0;
            while (got[at] && got[at] == ref[at]) at++;
            at = at > 40 ? at - 40 : 0;
            if (silent++ < 5)
                printf("FAIL %s N=%ld: LY_OK with a different result: ...%.120s\n  expected: ...%.120s\n", label, n,
                       got + at, strlen(ref) > at ? ref + at : "");
            failures++;
        }
        ly_free(vm, got);
        /* the VM must still work after the failure */
        LyExpr two = NULL;
        if (ly_eval_string(vm, "Length[{1, 2}]", (size_t)-1, "after", &two) != LY_OK ||
            !ly_is_int(two) || !ly_is_small(two) || ly_small(two) != 2) {
            printf("FAIL %s N=%ld: the VM is not usable after the failure\n", label, n);
            failures++;
        }
        if (two) ly_decref(vm, two);
        ly_close(vm);
        if (c.bytes || c.blocks) {
            printf("FAIL %s N=%ld: %zu bytes in %ld blocks not returned at ly_close\n", label, n, c.bytes, c.blocks);
            failures++;
        }
        if (failures > 20) break;
        if (!hit || only) break;
    }
    printf("%s%s: %ld runs up to N=%ld, %ld silently different results, %d failures\n",
           sc->name, mode, runs, n, silent, failures);
    free(ref);
    return failures;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);     /* nothing lost when a sanitizer ends the process */
    Count probe = {0, 0, 0};
    LyVM *vm = ly_new(count_alloc, &probe);
    if (!vm) return 1;
    long hooks = ly_test_alloc_count(vm);
    ly_close(vm);
    if (hooks < 0) { puts("skipped: not an LY_TESTS build"); return 77; }
    const char *s = getenv("LY_SWEEP_STRIDE");
    long stride = s && atol(s) > 0 ? atol(s) : 1;
    bool verbose = getenv("LY_SWEEP_VERBOSE") != NULL;
    /* LY_SWEEP_MODE=once: the N-th allocation fails alone; persist: it and
     * every later one (memory exhausted for good: the error paths must not
     * need memory); default both */
    const char *m = getenv("LY_SWEEP_MODE");
    bool once = !m || strcmp(m, "persist") != 0, persist = !m || strcmp(m, "once") != 0;
    int failures = 0;
    for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++) {
        if (argc > 1 && strcmp(argv[1], scripts[i].name) != 0) continue;
        if (once) failures += run_sweep(&scripts[i], stride, verbose, false);
        if (persist) failures += run_sweep(&scripts[i], stride, verbose, true);
    }
    printf("%s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
