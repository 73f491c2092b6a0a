/*
 * test_wide.c — wide data (10^6-element lists, sums, associations) through
 * builtins on the main thread's stack, as an embedding host runs them
 * (issue 9).  Builtins used to size scratch arrays by the data on the C
 * stack (variable-length arrays): a sum of 10^6 symbolic terms overflowed
 * an 8 MiB stack.  They now use LY_SCRATCH (lyra_ext.h); each expression
 * here must give its result, never a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lyra.h"

static void quiet(void *ud, const char *t, size_t n) { (void)ud; (void)t; (void)n; }

int main(int argc, char **argv) {
    long n = argc > 1 && atol(argv[1]) > 0 ? atol(argv[1]) : 1000000;
    LyVM *vm = ly_new(NULL, NULL);
    if (!vm) return 1;
    ly_set_messages(vm, quiet, NULL);
    static const struct { const char *code, *want; } cases[] = {
        { "Length[PadLeft[{}, N]]", "N" },
        { "Length[Apply[Plus, Table[x[i], {i, N}]]]", "N" },
        { "Length[Apply[Times, Table[x[i], {i, N}]]]", "N" },
        { "Total[Table[x[Mod[i, 10]], {i, N}]] === Sum[(N/10) x[i], {i, 0, 9}]", "True" },
        { "Length[Association[Table[i -> i, {i, N}]]]", "N" },
        { "Length[KeySort[AssociationThread[Range[N], Range[N]]]]", "N" },
        { "Length[Max[Table[x[i], {i, N}]]]", "N" },
        { "Length[Catenate[Table[{i}, {i, N}]]]", "N" },
        { "Length[Keys[AssociationThread[Range[N], Range[N]]]]", "N" },
        { "Length[N[AssociationThread[Range[N], Range[N]]]]", "N" },
        { "Length[RotateLeft[Table[x[i], {i, N}]]]", "N" },
        { "Length[Insert[Table[x[i], {i, N}], 1, 2]]", "N + 1" },
        { "Length[ReplacePart[Table[x[i], {i, N}], 1 -> 2]]", "N" },
        { "Length[Append[Table[x[i], {i, N}], 1]]", "N + 1" },
        { "Length[Join[AssociationThread[Range[N], Range[N]], <|0 -> 1|>]]", "N + 1" },
        { "Length[Table[x[i], {i, N}][[All]]]", "N" },
        { "Length[Take[Table[{x[i]}, {i, N}], All, 1]]", "N" },
        { "Length[MapThread[f, Table[Range[2], {N}]]]", "2" },
        { "Length[And @@ Table[x[i], {i, N}]]", "N" },
        { "Length[Xor @@ Table[x[i], {i, N}]]", "N" },
        { "Length[Numerator[Times @@ Table[x[i], {i, N}]]]", "N" },
    };
    int failures = 0;
    char code[512], want[64], ns[32];
    snprintf(ns, sizeof ns, "%ld", n);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* substitute the size for N (the test's own placeholder) */
        size_t k = 0;
        for (const char *p = cases[i].code; *p && k < sizeof code - 32; p++) {
            if (*p == 'N' && (p[1] == ']' || p[1] == '}' || p[1] == '/' || p[1] == ',')) { k += (size_t)snprintf(code + k, sizeof code - k, "%s", ns); }
            else code[k++] = *p;
        }
        code[k] = 0;
        if (!strcmp(cases[i].want, "N")) snprintf(want, sizeof want, "%ld", n);
        else if (!strcmp(cases[i].want, "N + 1")) snprintf(want, sizeof want, "%ld", n + 1);
        else snprintf(want, sizeof want, "%s", cases[i].want);
        LyExpr r = NULL;
        LyStatus st = ly_eval_string(vm, code, (size_t)-1, "wide", &r);
        char *s = r ? ly_tostring(vm, r, LY_FORM_INPUT) : NULL;
        bool ok = st == LY_OK && s && !strcmp(s, want);
        printf("%s %s\n", ok ? "ok  " : "FAIL", code);
        if (!ok) { printf("     got %s (status %d), want %s\n", s ? s : "(null)", (int)st, want); failures++; }
        ly_free(vm, s);
        if (r) ly_decref(vm, r);
    }
    ly_close(vm);
    return failures ? 1 : 0;
}
