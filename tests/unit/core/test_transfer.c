/*
 * test_transfer.c — values and definitions cross VMs by copy: the source is
 * only read, the copy is equal and independent, definitions made in one VM
 * work in another after ly_sync_definitions, and only changed symbols are
 * copied on later synchronisations; borrowed packed views read another
 * VM's data in place and take their own copy once they escape.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lyra_ext.h"

static int passed, failed;
#define CHECK(c) do { if (c) passed++; else { failed++; \
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); } } while (0)

static LyExpr ev(LyVM *vm, const char *src) {
    LyExpr r = NULL;
    if (ly_eval_string(vm, src, (size_t)-1, "t", &r) != LY_OK) return NULL;
    return r;
}

static bool is(LyVM *vm, LyExpr e, const char *text) {
    char *s = ly_tostring(vm, e, LY_FORM_INPUT);
    bool ok = s && !strcmp(s, text);
    if (!ok) fprintf(stderr, "  got %s, expected %s\n", s ? s : "NULL", text);
    ly_free(vm, s);
    return ok;
}

int main(void) {
    LyVM *a = ly_new(NULL, NULL), *b = ly_new(NULL, NULL);
    LyExpr v = ev(a, "{1, 2^100, 1/3, 2.5, 1 + 2 I, \"s\", f[x, {y}], Range[5], <|k -> v|>}");
    CHECK(v != NULL);
    uint32_t rc = v->rc;
    LyExpr c = ly_copy(b, v);
    CHECK(c != NULL && c != v && ly_equal(c, v));
    CHECK(v->rc == rc);                                  /* source untouched */
    CHECK(is(b, c, "{1, 1267650600228229401496703205376, 1/3, 2.5, 1 + 2*I, \"s\", f[x, {y}], {1, 2, 3, 4, 5}, <|k -> v|>}"));
    ly_decref(b, c);
    ly_decref(a, v);

    /* deep expressions copy without recursion */
    LyExpr deep = ev(a, "Nest[g, 0, 200000]");
    LyExpr dc = ly_copy(b, deep);
    CHECK(dc && ly_equal(dc, deep));
    ly_decref(b, dc);
    ly_decref(a, deep);

    /* definitions */
    uint64_t since = 0;
    LyExpr r = ev(a, "sq[x_] := x^2; k = 7; SetAttributes[h, Listable]; fib[0] = 0; fib[1] = 1; "
                     "fib[n_] := fib[n] = fib[n - 1] + fib[n - 2]; Null");
    CHECK(r != NULL);
    CHECK(ly_sync_definitions(b, a, &since) == LY_OK && since == ly_definitions_version(a));
    LyExpr x = ev(b, "{sq[3], k, h[{1, 2}], fib[30]}");
    CHECK(x && is(b, x, "{9, 7, {h[1], h[2]}, 832040}"));
    ly_decref(b, x);
    /* a worker's own assignments stay local */
    ly_decref(b, ev(b, "k = 100"));
    x = ev(a, "k");
    CHECK(x && is(a, x, "7"));
    ly_decref(a, x);
    /* a later change in a reaches b; unchanged symbols are not recopied */
    ly_decref(a, ev(a, "sq[x_] := x^3"));
    CHECK(ly_sync_definitions(b, a, &since) == LY_OK);
    x = ev(b, "{sq[2], k}");
    CHECK(x && is(b, x, "{8, 100}"));
    ly_decref(b, x);

    /* borrowed views: rows of a's packed matrix read in place by b */
    LyExpr m = ev(a, "Table[Range[4] + 10 k, {k, 3}]");
    CHECK(m && ly_is_packed(m) && ly_packed(m)->h.aux == 2);
    if (m && ly_is_packed(m)) {
        LyPacked *pm = ly_packed(m);
        LyExpr row = ly_mkpacked_view(b, (LyPackedType)pm->h.flags, 1, pm->dims + 1, (int64_t *)pm->data + 4);
        CHECK(row && ly_packed(row)->shared == LY_PACKED_BORROWED && ly_packed(row)->data == (int64_t *)pm->data + 4);
        LyExpr t = NULL;
        CHECK(ly_call(b, "Total", 1, &row, &t) == LY_OK && t && is(b, t, "90"));
        if (t) ly_decref(b, t);
        CHECK(ly_packed_settle(b, row) && ly_packed(row)->shared == LY_PACKED_BORROWED);  /* rc 1: no copy */
        LyExpr keep = ly_symbol(b, "keep");
        ly_incref(b, row);
        ly_set_own_value(b, keep, row);                  /* escapes: rc 2 */
        CHECK(ly_packed_settle(b, row) && ly_packed(row)->shared == LY_PACKED_DETACHED);
        CHECK(ly_packed(row)->data != (int64_t *)pm->data + 4);
        ly_decref(b, row);
        ly_decref(a, m);
        ly_decref(a, ev(a, "junk = Table[Range[4] * 1000, {50}]; Null"));
        x = ev(b, "{keep, keep + 1}");
        CHECK(x && is(b, x, "{{21, 22, 23, 24}, {22, 23, 24, 25}}"));
        ly_decref(b, x);
        m = NULL;
    }
    ly_decref(a, m);

    ly_close(a);
    ly_close(b);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
