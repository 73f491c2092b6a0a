/*
 * test_deep.c — 10^6-deep data through every recursive part of the VM that
 * a host or a script can reach (issue 9): parsing, printing in every form,
 * SameQ, hashing, canonical order, copying between VMs, evaluation and
 * freeing.  Each must finish (with a result or a clean message), never
 * overflow the C stack.  Runs on the main thread with the default stack
 * budget, as an embedding host would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lyra.h"
#include "lyra_ext.h"

static int failures;
#define CHECK(c) do { if (!(c)) { printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); failures++; } } while (0)

static void quiet(void *ud, const char *t, size_t n) { (void)ud; (void)t; (void)n; }

/* f[f[...f[x]...]] with depth levels, built directly (no evaluation). */
static LyExpr nest(LyVM *vm, const char *head, size_t depth, LyExpr leaf) {
    LyExpr h = ly_symbol(vm, head), e = leaf;
    for (size_t i = 0; i < depth && e; i++) {
        LyExpr n = ly_apply(vm, h, 1, &e);
        ly_decref(vm, e);
        e = n;
    }
    return e;
}

int main(int argc, char **argv) {
    size_t depth = argc > 1 ? (size_t)atol(argv[1]) : 1000000;
    LyVM *vm = ly_new(NULL, NULL), *vm2 = ly_new(NULL, NULL);
    if (!vm || !vm2) return 1;
    ly_set_messages(vm, quiet, NULL);
    ly_set_messages(vm2, quiet, NULL);

    LyExpr a = nest(vm, "f", depth, ly_symbol(vm, "x"));
    LyExpr b = nest(vm, "f", depth, ly_symbol(vm, "x"));
    LyExpr c = nest(vm, "f", depth, ly_symbol(vm, "y"));
    CHECK(a && b && c);

    /* equality, hashing and order */
    CHECK(ly_same(a, b));
    CHECK(!ly_same(a, c));
    CHECK(ly_hash(a) == ly_hash(b));
    CHECK(ly_order(a, b) == 0);
    CHECK(ly_order(a, c) == -1 && ly_order(c, a) == 1);

    /* deep polynomial-like terms: the canonical order's term rule */
    LyExpr t1 = ly_symbol(vm, "x"), t2 = ly_symbol(vm, "x");
    LyExpr pw = ly_symbol(vm, "Power"), two = ly_int(vm, 2), three = ly_int(vm, 3);
    for (size_t i = 0; i < depth / 4; i++) {
        LyExpr args1[2] = { t1, two }, args2[2] = { t2, i + 1 == depth / 4 ? three : two };
        LyExpr n1 = ly_apply(vm, pw, 2, args1), n2 = ly_apply(vm, pw, 2, args2);
        ly_decref(vm, t1); ly_decref(vm, t2);
        t1 = n1; t2 = n2;
    }
    CHECK(ly_order(t1, t2) == -1);
    CHECK(ly_order(t2, t1) == 1);
    ly_decref(vm, t1); ly_decref(vm, t2);

    /* printing: every form, no crash; the text is the whole expression */
    for (int f = LY_FORM_INPUT; f <= LY_FORM_OUTPUT; f++) {
        char *s = ly_tostring(vm, a, (LyForm)f);
        CHECK(s != NULL);
        if (s && f != LY_FORM_OUTPUT) CHECK(strlen(s) == 3 * depth + 1);
        ly_free(vm, s);
    }

    /* parsing what was printed, then comparing */
    char *text = ly_tostring(vm, a, LY_FORM_INPUT);
    LyExpr back = NULL;
    LyStatus st = text ? ly_parse(vm, text, (size_t)-1, "deep", &back) : LY_ERRMEM;
    CHECK(st == LY_OK || st == LY_ERRSYNTAX);   /* a nesting limit is allowed, with a message */
    if (st == LY_OK) { CHECK(ly_same(back, a)); ly_decref(vm, back); }
    else printf("parse of %zu levels: %s\n", depth, ly_errmsg(vm));
    ly_free(vm, text);

    /* brackets, lists and parentheses */
    size_t n = depth;
    char *src = malloc(2 * n + 2);
    const char *pairs[] = { "{}", "()", "[]" };
    for (int k = 0; k < 3 && src; k++) {
        memset(src, pairs[k][0], n);
        if (k == 2) src[0] = 'g';
        memset(src + n, pairs[k][1], n);
        src[2 * n] = 0;
        LyExpr e = NULL;
        st = ly_parse(vm, src, 2 * n, "deep", &e);
        CHECK(st == LY_OK || st == LY_ERRSYNTAX);
        if (e) ly_decref(vm, e);
    }
    free(src);

    /* copying into another VM and evaluating there: a message, not a crash */
    LyExpr ca = ly_copy(vm2, a);
    CHECK(ca && ly_same(ca, a));
    CHECK(ca && ly_hash(ca) == ly_hash(a));
    LyExpr r = NULL;
    st = ly_eval(vm2, ca, &r);
    CHECK(st == LY_OK || st == LY_ABORTED);
    if (r) ly_decref(vm2, r);
    if (ca) ly_decref(vm2, ca);

    /* evaluation: Hold keeps it, Sort/Union/Tally hash and order it */
    LyExpr hold = ly_applyf(vm, "Hold", 1, &a);
    LyExpr pairs2[2] = { hold, hold };
    LyExpr l = ly_list(vm, 2, pairs2);
    LyExpr u = ly_applyf(vm, "Union", 1, &l);
    r = NULL;
    st = ly_eval(vm, u, &r);
    CHECK(st == LY_OK);
    CHECK(r && ly_length(r) == 1);
    if (r) ly_decref(vm, r);
    ly_decref(vm, u); ly_decref(vm, l); ly_decref(vm, hold);

    ly_decref(vm, a); ly_decref(vm, b); ly_decref(vm, c);
    ly_decref(vm, pw); ly_decref(vm, two); ly_decref(vm, three);
    ly_close(vm2);
    ly_close(vm);
    printf("%s (depth %zu)\n", failures ? "FAILED" : "ok", depth);
    return failures ? 1 : 0;
}
