/*
 * test_wxf.c — WXF through the C API (ly_wxf_write / ly_wxf_read):
 * random values of every kind round-trip unchanged, also into another VM
 * (the cluster's path) and compressed; 10^6-deep expressions without C
 * recursion; every truncation and random corruption of valid data fails
 * cleanly; allocation failures at every step of a decode leak nothing
 * (LY_TESTS builds: make test-asan).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lyra_ext.h"

static int passed, failed;
#define CHECK(c) do { if (c) passed++; else { failed++; \
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); } } while (0)

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) {            /* splitmix64 */
    uint64_t z = (rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static int64_t range(int64_t lo, int64_t hi) {       /* lo..hi inclusive, without overflow */
    uint64_t span = (uint64_t)hi - (uint64_t)lo + 1;
    return (int64_t)((uint64_t)lo + (span ? next() % span : next()));
}

static LyExpr ev(LyVM *vm, const char *src) {
    LyExpr r = NULL;
    if (ly_eval_string(vm, src, (size_t)-1, "t", &r) != LY_OK) return NULL;
    return r;
}

static LyExpr atom(LyVM *vm) {
    char buf[256];
    switch (range(0, 14)) {
    case 0: return ly_int(vm, range(-128, 127));
    case 1: return ly_int(vm, range(INT32_MIN, INT32_MAX));
    case 2: return ly_int(vm, (int64_t)next());
    case 3: snprintf(buf, sizeof buf, "%s%llu%llu%llu", next() & 1 ? "-" : "",
                     (unsigned long long)next(), (unsigned long long)next(), (unsigned long long)next());
            return ly_int_parse(vm, buf, 10);
    case 4: return ly_rational(vm, range(-1000000, 1000000), range(1, 1000000));
    case 5: { double d; uint64_t u = next(); memcpy(&d, &u, 8); if (isnan(d)) d = 0.5; return ly_real(vm, d); }
    case 6: return ly_mkcomplex(vm, ly_int(vm, range(-9, 9)), ly_rational(vm, range(1, 9), range(2, 9)));
    case 7: return ly_mkcomplex(vm, ly_real(vm, (double)range(-99, 99) / 8), ly_real(vm, (double)range(1, 99) / 4));
    case 8: {                               /* any bytes, NUL included */
        size_t n = (size_t)range(0, 40);
        for (size_t i = 0; i < n; i++) buf[i] = (char)range(0, 127);
        return ly_string(vm, buf, n);
    }
    case 9: {
        static const char *names[] = { "x", "Plus", "List", "Lyra`Private`z", "$Failed", "Null", "True", "abc$1" };
        return ly_symbol(vm, names[range(0, 7)]);
    }
    case 10: {
        size_t n = (size_t)range(1, 50);
        int64_t v[50], lim = (int64_t)1 << range(3, 62);
        for (size_t i = 0; i < n; i++) v[i] = range(-lim, lim);
        return ly_packed_int64(vm, n, v);
    }
    case 11: {
        size_t n = (size_t)range(1, 50);
        double v[50];
        for (size_t i = 0; i < n; i++) v[i] = (double)range(-1000000, 1000000) / 7;
        return ly_packed_real(vm, n, v);
    }
    case 12: {
        size_t dims[3] = { (size_t)range(1, 4), (size_t)range(1, 4), (size_t)range(1, 4) };
        unsigned rank = (unsigned)range(2, 3);
        LyExpr p = ly_mkpacked(vm, next() & 1 ? LY_PACKED_INT64 : LY_PACKED_REAL, rank, dims);
        LyPacked *q = ly_packed(p);
        for (size_t i = 0; i < q->len; i++) {
            if (q->h.flags == LY_PACKED_INT64) ((int64_t *)q->data)[i] = range(-100000, 100000);
            else ((double *)q->data)[i] = (double)range(-100000, 100000) / 3;
        }
        return p;
    }
    case 13: snprintf(buf, sizeof buf, "ByteArray[{%d, %d, %d}]", (int)range(0, 255), (int)range(0, 255), (int)range(0, 255));
             return ev(vm, buf);
    default: return ev(vm, next() & 1 ? "{}" : "<||>");
    }
}

static LyExpr value(LyVM *vm, int depth) {
    if (depth == 0) return atom(vm);
    switch (range(0, 4)) {
    case 0: return atom(vm);
    case 1: case 2: {
        size_t n = (size_t)range(0, 4);
        LyExpr h = next() % 3 == 0 ? value(vm, depth - 1) : ly_symbol(vm, next() & 1 ? "f" : "List");
        LyExpr e = ly_mknormal(vm, h, n);
        for (size_t i = 1; i <= n; i++) ly_nset(e, i, value(vm, depth - 1));
        return e;
    }
    default: {
        size_t n = (size_t)range(1, 4);
        LyExpr rules[4];
        for (size_t i = 0; i < n; i++)
            rules[i] = ly_mk(vm, next() & 1 ? LY_SYM(Rule) : LY_SYM(RuleDelayed), 2,
                             value(vm, depth - 1), value(vm, depth - 1));
        LyExpr a = ly_mkassoc(vm, n, rules);
        for (size_t i = 0; i < n; i++) ly_unref(vm, rules[i]);
        return a;
    }
    }
}

static bool roundtrip(LyVM *src, LyVM *dst, LyExpr v, unsigned flags) {
    LyBuf b;
    ly_buf_init(&b, src);
    LyExpr bad = NULL;
    if (ly_wxf_write(src, v, flags, &b, &bad) != LY_OK) { ly_buf_free(&b); return false; }
    const char *why = NULL;
    size_t at = 0;
    LyExpr r = ly_wxf_read(dst, b.p, b.len, &why, &at);
    bool ok = r && ly_equal(r, v);
    if (!ok) {
        char *s = ly_tostring(src, v, LY_FORM_FULL);
        fprintf(stderr, "  round trip failed (%s at %zu): %s\n", why ? why : "differs", at, s);
        ly_free(src, s);
    }
    if (r) ly_unref(dst, r);
    ly_buf_free(&b);
    return ok;
}

int main(void) {
    LyVM *a = ly_new(NULL, NULL), *b = ly_new(NULL, NULL);

    /* 1. random values of every kind, same VM and across VMs, plain and compressed */
    int bad_rt = 0;
    for (int i = 0; i < 2000; i++) {
        LyExpr v = value(a, (int)range(0, 4));
        unsigned flags = i % 3 == 0 ? LY_WXF_COMPRESS : i % 3 == 1 ? LY_WXF_INT64 : 0;
        if (!roundtrip(a, a, v, flags) || !roundtrip(a, b, v, flags)) bad_rt++;
        ly_unref(a, v);
    }
    CHECK(bad_rt == 0);

    /* 2. reals bit for bit: infinities, -0., denormals */
    double specials[] = { INFINITY, -INFINITY, -0.0, 5e-324, 1.7976931348623157e308 };
    for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++) {
        LyExpr v = ly_real(a, specials[i]);
        LyBuf buf;
        ly_buf_init(&buf, a);
        CHECK(ly_wxf_write(a, v, 0, &buf, NULL) == LY_OK);
        LyExpr r = ly_wxf_read(b, buf.p, buf.len, NULL, NULL);
        CHECK(r && ly_is_real(r) && memcmp(&((LyReal *)r)->v, &specials[i], 8) == 0);
        ly_unref(b, r);
        ly_unref(a, v);
        ly_buf_free(&buf);
    }

    /* 3. a 10^6-deep expression: no C recursion either way */
    LyExpr deep = LY_SYM(Null);
    for (int i = 0; i < 1000000; i++) {
        LyExpr g = ly_mknormal(a, ly_symbol(a, "g"), 1);
        ly_nset(g, 1, deep);
        deep = g;
    }
    CHECK(roundtrip(a, b, deep, 0));
    ly_unref(a, deep);

    /* 4. every truncation and many corruptions of valid data fail cleanly */
    LyExpr v = ev(a, "{f[x, \"s\", 2^70, 1.5, 3/4, 2 + I], <|a -> Range[5], b :> N[Range[3]]|>, "
                     "ByteArray[{1, 2}], {{1, 2}, {3, 4}}, Hold[1 + 1]}");
    LyBuf enc;
    ly_buf_init(&enc, a);
    CHECK(ly_wxf_write(a, v, 0, &enc, NULL) == LY_OK);
    int trunc_ok = 0;
    for (size_t k = 0; k < enc.len; k++) {
        const char *why = NULL;
        LyExpr r = ly_wxf_read(b, enc.p, k, &why, NULL);
        if (!r && why) trunc_ok++;
        else if (r) ly_unref(b, r);
    }
    CHECK(trunc_ok == (int)enc.len);
    unsigned char *copy = malloc(enc.len);
    int decoded = 0, rejected = 0;
    for (int i = 0; i < 20000; i++) {
        memcpy(copy, enc.p, enc.len);
        for (int k = (int)range(1, 4); k > 0; k--) copy[range(0, (int64_t)enc.len - 1)] = (unsigned char)next();
        LyExpr r = ly_wxf_read(b, copy, enc.len, NULL, NULL);
        if (r) { decoded++; ly_unref(b, r); } else rejected++;
    }
    CHECK(decoded + rejected == 20000 && !ly_unwinding(b));

    /* 5. values with no WXF form */
    LyExpr pool = ev(a, "{1, ThreadPool[1]}");
    LyExpr badv = NULL;
    LyBuf t;
    ly_buf_init(&t, a);
    CHECK(pool && ly_wxf_write(a, pool, 0, &t, &badv) == LY_ERRARG && badv && ly_type(badv) == LY_TFOREIGN);
    ly_buf_free(&t);
    ly_unref(a, pool);

    /* 6. definitions as data: export, WXF, import into a VM of "another process" */
    {
        LyVM *c = ly_new(NULL, NULL), *d = ly_new(NULL, NULL);
        uint64_t since = ly_definitions_version(c);
        LyExpr r = ev(c, "f[x_] := x^2; g[1] = 5; g[n_Integer] := g[n - 1] + 1; t /: t + t := twot; "
                         "SetAttributes[k, Listable]; k[x_] := -x; Options[o] = {a -> 1}; o::m = \"msg\"; "
                         "cv = 10; $RecursionLimit = 500; Null");
        ly_unref(c, r);
        LyExpr defs = ly_definitions_export(c, &since);
        CHECK(defs && since == ly_definitions_version(c));
        LyBuf w;
        ly_buf_init(&w, c);
        CHECK(ly_wxf_write(c, defs, LY_WXF_BARE, &w, NULL) == LY_OK);
        LyExpr back = ly_wxf_read(d, w.p, w.len, NULL, NULL);
        CHECK(back && ly_definitions_import(d, back) == LY_OK);
        LyExpr got = ev(d, "{f[3], g[4], t + t, k[{1, 2}], Options[o], MessageName[o, \"m\"], cv, $RecursionLimit}");
        char *txt = got ? ly_tostring(d, got, LY_FORM_INPUT) : NULL;
        CHECK(txt && !strcmp(txt, "{9, 8, twot, {-1, -2}, {a -> 1}, \"msg\", 10, 500}"));
        if (txt) ly_free(d, txt);
        ly_unref(d, got);
        ly_unref(d, back);
        /* later changes only; Clear travels as an empty definition */
        ly_unref(c, ev(c, "Clear[f]; h[y_] := y + 1; Null"));
        ly_unref(c, defs);
        defs = ly_definitions_export(c, &since);
        CHECK(defs && ly_nlen(ly_narg(defs, 3)) == 2);
        CHECK(ly_definitions_import(d, defs) == LY_OK);    /* straight from the other VM's objects */
        got = ev(d, "{f[3], h[1]}");
        txt = got ? ly_tostring(d, got, LY_FORM_INPUT) : NULL;
        CHECK(txt && !strcmp(txt, "{f[3], 2}"));
        if (txt) ly_free(d, txt);
        ly_unref(d, got);
        CHECK(ly_definitions_import(d, ly_mksmall(3)) == LY_ERRARG);
        ly_unref(c, defs);
        /* BARE writes Lyra names; STUBS turns foreign objects into inert stubs */
        LyExpr pl = ev(c, "{x, Plus, ThreadPool[1]}");
        LyBuf s2;
        ly_buf_init(&s2, c);
        CHECK(ly_wxf_write(c, pl, LY_WXF_BARE | LY_WXF_STUBS, &s2, NULL) == LY_OK);
        LyExpr st = ly_wxf_read(d, s2.p, s2.len, NULL, NULL);
        txt = st ? ly_tostring(d, st, LY_FORM_INPUT) : NULL;
        CHECK(txt && !strcmp(txt, "{x, Plus, Lyra`Private`Foreign[\"ThreadPool[<1 worker>]\"]}"));
        if (txt) ly_free(d, txt);
        ly_unref(d, st);
        ly_unref(c, pl);
        ly_buf_free(&s2);
        ly_buf_free(&w);
        ly_close(c);
        ly_close(d);
    }

    /* 7. allocation failure at every step of a decode (LY_TESTS builds only) */
    if (ly_test_alloc_count(b) >= 0) {
        int clean = 0, steps = 0;
        for (long n = 1; n < 400; n++) {
            ly_test_fail_alloc(b, n);
            LyExpr r = ly_wxf_read(b, enc.p, enc.len, NULL, NULL);
            bool pending = ly_test_alloc_pending(b);
            ly_test_fail_alloc(b, 0);
            if (r) { ly_unref(b, r); if (pending) break; continue; }
            steps++;
            if (ly_unwinding(b)) { ly_exit_take(b, NULL, NULL); clean++; }
        }
        CHECK(steps > 10 && clean == steps);
    }

    free(copy);
    ly_buf_free(&enc);
    ly_unref(a, v);
    ly_close(a);
    ly_close(b);
    printf("test_wxf: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
