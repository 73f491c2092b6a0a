/*
 * test_core.c — unit tests of the expression core through lyra.h/lyra_ext.h:
 * integers promote to GMP and demote back, rationals normalise, equality and
 * hashing treat packed arrays as the lists they stand for, canonical order,
 * symbols intern to one object across threads, and a VM returns every byte
 * to a counting allocator.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lyra_ext.h"

static int passed, failed;
#define CHECK(c) do { if (c) passed++; else { failed++; \
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); } } while (0)

typedef struct { size_t live, peak, calls; } Counter;

static void *counting_alloc(void *ud, void *p, size_t osize, size_t nsize) {
    Counter *c = ud;
    c->calls++;
    if (nsize == 0) { if (p) c->live -= osize; free(p); return NULL; }
    void *q = realloc(p, nsize);
    if (!q) return NULL;
    c->live += nsize - (p ? osize : 0);
    if (c->live > c->peak) c->peak = c->live;
    return q;
}

static char *str(LyVM *vm, LyExpr e) {
    static char buf[4096];
    char *s = ly_tostring(vm, e, LY_FORM_INPUT);
    snprintf(buf, sizeof buf, "%s", s ? s : "<null>");
    ly_free(vm, s);
    return buf;
}

static void test_integers(LyVM *vm) {
    LyExpr big = ly_int(vm, INT64_MAX);           /* beyond 62 bits: a bignum */
    CHECK(!ly_is_small(big) && ly_type(big) == LY_TBIG);
    int64_t v;
    CHECK(ly_get_int64(big, &v) && v == INT64_MAX);
    LyExpr one = ly_int(vm, 1);
    CHECK(ly_is_small(one));
    LyExpr s = ly_num_add(vm, big, one);            /* 2^63 */
    CHECK(strcmp(str(vm, s), "9223372036854775808") == 0);
    CHECK(!ly_get_int64(s, &v));
    LyExpr m = ly_int(vm, -1);
    LyExpr back = ly_num_add(vm, s, m);
    CHECK(ly_equal(back, big));
    LyExpr small = ly_num_add(vm, ly_mksmall(LY_SMALL_MAX), ly_mksmall(1)); /* promotes */
    CHECK(ly_type(small) == LY_TBIG);
    LyExpr dem = ly_num_add(vm, small, ly_mksmall(-1));                      /* demotes */
    CHECK(ly_is_small(dem) && ly_small(dem) == LY_SMALL_MAX);
    LyExpr p = ly_int_parse(vm, "123456789012345678901234567890", 10);
    LyExpr q = ly_num_mul(vm, p, p);
    CHECK(strcmp(str(vm, q), "15241578753238836750495351562536198787501905199875019052100") == 0);
    CHECK(ly_num_cmp(p, q) < 0 && ly_num_cmp(q, p) > 0 && ly_num_cmp(p, p) == 0);
    LyExpr neg = ly_num_neg(vm, p);
    CHECK(ly_num_sign(neg) == -1);
    LyExpr z = ly_num_add(vm, p, neg);
    CHECK(ly_is_small(z) && ly_small(z) == 0);
    ly_decref(vm, big); ly_decref(vm, s); ly_decref(vm, back); ly_decref(vm, small);
    ly_decref(vm, p); ly_decref(vm, q); ly_decref(vm, neg);
}

static void test_rationals(LyVM *vm) {
    LyExpr r = ly_rational(vm, 6, -4);
    CHECK(ly_type(r) == LY_TRAT);
    CHECK(strcmp(str(vm, r), "-3/2") == 0);
    LyExpr h = ly_rational(vm, 1, 2);
    LyExpr s = ly_num_add(vm, r, h);      /* -1 */
    CHECK(ly_is_small(s) && ly_small(s) == -1);
    LyExpr t = ly_rational(vm, 4, 2);
    CHECK(ly_is_small(t) && ly_small(t) == 2);
    LyExpr d = ly_num_div(vm, ly_mksmall(1), ly_mksmall(3));
    CHECK(strcmp(str(vm, d), "1/3") == 0);
    LyExpr x = ly_real(vm, 0.5);
    LyExpr mix = ly_num_add(vm, d, x);    /* inexact contagion */
    CHECK(ly_is_real(mix));
    ly_decref(vm, r); ly_decref(vm, h); ly_decref(vm, d); ly_decref(vm, x); ly_decref(vm, mix);
}

static void test_packed(LyVM *vm) {
    int64_t a[3] = { 1, 2, 3 };
    LyExpr p = ly_packed_int64(vm, 3, a);
    LyExpr items[3] = { ly_mksmall(1), ly_mksmall(2), ly_mksmall(3) };
    LyExpr l = ly_list(vm, 3, items);
    CHECK(ly_equal(p, l) && ly_equal(l, p));
    CHECK(ly_hash(p) == ly_hash(l));
    CHECK(ly_order(p, l) == 0);
    LyExpr u = ly_unpack(vm, p);
    CHECK(ly_is_normal(u) && ly_equal(u, l));
    LyExpr pk = ly_try_pack(vm, l);
    CHECK(ly_is_packed(pk) && ly_equal(pk, p));
    LyExpr e3 = ly_part(vm, p, 3);
    CHECK(ly_is_small(e3) && ly_small(e3) == 3);
    CHECK(ly_length(p) == 3);
    ly_decref(vm, p); ly_decref(vm, l); ly_decref(vm, u); ly_decref(vm, pk);
}

static void test_order(LyVM *vm) {
    LyExpr a = ly_symbol(vm, "a"), A = ly_symbol(vm, "A"), b = ly_symbol(vm, "b");
    CHECK(ly_order(a, A) < 0 && ly_order(A, b) < 0 && ly_order(a, b) < 0);
    LyExpr one = ly_mksmall(1), s = ly_cstring(vm, "s");
    CHECK(ly_order(one, s) < 0 && ly_order(s, a) < 0);
    LyExpr fx = ly_apply(vm, ly_symbol(vm, "f"), 1, &a);
    CHECK(ly_order(b, fx) < 0);
    LyExpr x2 = ly_mk(vm, LY_SYM(Power), 2, a, ly_mksmall(2));
    CHECK(ly_order(a, x2) < 0);          /* x before x^2 */
    LyExpr ab = ly_mk(vm, LY_SYM(Times), 2, a, b);
    CHECK(ly_order(x2, ab) < 0);         /* a^2 before a b */
    LyExpr b2 = ly_mk(vm, LY_SYM(Power), 2, b, ly_mksmall(2));
    CHECK(ly_order(ab, b2) < 0);         /* a b before b^2 */
    ly_decref(vm, s); ly_decref(vm, fx); ly_decref(vm, x2); ly_decref(vm, ab); ly_decref(vm, b2);
}

static void *intern_worker(void *arg) {
    LyExpr *out = arg;
    char name[32];
    for (int i = 0; i < 2000; i++) {
        snprintf(name, sizeof name, "sym%d", i);
        out[i] = ly_symbol(NULL, name);
    }
    return NULL;
}

static void test_intern_threads(void) {
    static LyExpr r[4][2000];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, intern_worker, r[i]);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    int same = 1;
    for (int i = 0; i < 2000; i++)
        for (int k = 1; k < 4; k++) same &= r[k][i] == r[0][i];
    CHECK(same);
}

static void test_deep_free(LyVM *vm) {
    /* a 10^6-deep f[f[...]] must be freed without recursion */
    LyExpr f = ly_symbol(vm, "f"), e = ly_mksmall(0);
    for (int i = 0; i < 1000000 && e; i++) e = ly_mk(vm, f, 1, e);
    CHECK(e != NULL);
    ly_decref(vm, e);
}

static void test_eval(LyVM *vm) {
    LyExpr r;
    CHECK(ly_eval_string(vm, "x = 2^100; x + 1", (size_t)-1, "t", &r) == LY_OK);
    CHECK(strcmp(str(vm, r), "1267650600228229401496703205377") == 0);
    ly_decref(vm, r);
    CHECK(ly_eval_string(vm, "1/0", (size_t)-1, "t", &r) == LY_OK);
    CHECK(ly_is_symbol(r, "ComplexInfinity"));
    CHECK(ly_eval_string(vm, "f[", (size_t)-1, "t.ly", &r) == LY_ERRSYNTAX);
    CHECK(strstr(ly_errmsg(vm), "t.ly:1:") != NULL);
}

static void quiet(void *ud, const char *s, size_t n) { (void)ud; (void)s; (void)n; }

int main(void) {
    Counter c = { 0, 0, 0 };
    LyVM *vm = ly_new(counting_alloc, &c);
    CHECK(vm != NULL);
    ly_set_messages(vm, quiet, NULL);
    test_integers(vm);
    test_rationals(vm);
    test_packed(vm);
    test_order(vm);
    test_intern_threads();
    test_deep_free(vm);
    test_eval(vm);
    ly_close(vm);
    CHECK(c.live == 0);
    if (c.live) fprintf(stderr, "leaked %zu bytes\n", c.live);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
