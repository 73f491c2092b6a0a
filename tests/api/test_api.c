/*
 * test_api.c — the embedding API as a host sees it: version, values of
 * every kind (big integers as text and GMP numbers, associations, normal
 * expressions, heads), C functions, a foreign type defined by the host,
 * files, error paths (syntax, runtime, Quit, I/O, out of memory from a
 * failing allocator) and a counting allocator that must get every byte
 * back at ly_close.
 *
 * Written against the installed headers only (lyra.h, lyra_ext.h, GMP):
 * tests/api/install_test.sh builds this same file against an installed
 * tree, through pkg-config and through CMake's find_package(Lyra).
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <lyra.h>
#include <lyra_ext.h>

static int passed, failed;
#define CHECK(c) do { if (c) passed++; else { failed++; \
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); } } while (0)

/* ---- allocators ------------------------------------------------------------------------- */

/* Counts live bytes and blocks; fails requests once `limit` live bytes
 * would be passed (0: never) or after `fail_after` more successes (< 0:
 * never). */
typedef struct Counter { long long live, blocks, limit, fail_after, failures; } Counter;

static void *count_alloc(void *ud, void *p, size_t o, size_t n) {
    Counter *c = ud;
    if (n == 0) {
        if (p) { c->live -= (long long)o; c->blocks--; }
        free(p);
        return NULL;
    }
    long long grow = (long long)n - (p ? (long long)o : 0);
    if ((c->limit && c->live + grow > c->limit) || c->fail_after == 0) { c->failures++; return NULL; }
    if (c->fail_after > 0) c->fail_after--;
    void *q = realloc(p, n);
    if (!q) return NULL;
    c->live += grow;
    if (!p) c->blocks++;
    return q;
}

static Counter counter(void) { Counter c = { 0, 0, 0, -1, 0 }; return c; }

/* ---- helpers ------------------------------------------------------------------------------- */

static char msgs[8192];
static void on_msg(void *ud, const char *s, size_t n) {
    (void)ud;
    size_t have = strlen(msgs);
    if (have + n + 2 < sizeof msgs) { memcpy(msgs + have, s, n); msgs[have + n] = '|'; msgs[have + n + 1] = 0; }
}

/* The InputForm of e in a static buffer. */
static const char *text(LyVM *vm, LyExpr e) {
    static char buf[2048];
    if (!e) return "<NULL>";
    char *s = ly_tostring(vm, e, LY_FORM_INPUT);
    snprintf(buf, sizeof buf, "%s", s ? s : "<oom>");
    ly_free(vm, s);
    return buf;
}

/* Evaluates src; returns the InputForm of the result (and the status). */
static const char *ev(LyVM *vm, const char *src, LyStatus *st) {
    static char buf[2048];
    LyExpr r = NULL;
    LyStatus s = ly_eval_string(vm, src, (size_t)-1, "test", &r);
    if (st) *st = s;
    snprintf(buf, sizeof buf, "%s", text(vm, r));
    ly_decref(vm, r);
    return buf;
}
#define EVAL_IS(vm, src, want) do { LyStatus st_; const char *got_ = ev(vm, src, &st_); \
    if (st_ == LY_OK && !strcmp(got_, want)) passed++; else { failed++; \
    fprintf(stderr, "%s:%d: %s -> %s (%s), want %s\n", __FILE__, __LINE__, src, got_, \
            ly_status_name(st_), want); } } while (0)

/* ---- version -------------------------------------------------------------------------------- */

static void test_version(void) {
    CHECK(!strcmp(ly_version(), LY_VERSION));
    CHECK(ly_version_num() == LY_VERSION_NUM);
    CHECK(LY_VERSION_NUM == LY_VERSION_MAJOR * 10000 + LY_VERSION_MINOR * 100 + LY_VERSION_PATCH);
    CHECK(!strcmp(ly_status_name(LY_OK), "LY_OK"));
    CHECK(!strcmp(ly_status_name(LY_TIMEOUT), "LY_TIMEOUT"));
    CHECK(!strcmp(ly_status_name((LyStatus)99), "LY_UNKNOWN"));
}

/* ---- values ------------------------------------------------------------------------------------ */

static void test_integers(LyVM *vm) {
    /* 2^200 through text, GMP and back */
    LyExpr big = ly_int_parse(vm, "1606938044258990275541962092341162602522202993782792835301376", 10);
    CHECK(big && ly_kind(big) == LY_KINT && ly_is_int(big));
    int64_t v;
    CHECK(!ly_get_int64(big, &v));
    char *s = ly_int_tostring(vm, big, 16);
    CHECK(s && strlen(s) == 51 && s[0] == '1' && strspn(s + 1, "0") == 50);   /* 16^50 */
    ly_free(vm, s);
    mpz_t z, w;
    mpz_init(z);
    mpz_init(w);
    CHECK(ly_int_get_mpz(big, z));
    mpz_ui_pow_ui(w, 2, 200);
    CHECK(mpz_cmp(z, w) == 0);
    mpz_neg(w, w);
    mpz_sub_ui(w, w, 1);                        /* -(2^200) - 1 */
    LyExpr neg = ly_int_from_mpz(vm, w);
    LyExpr args[2] = { neg, big }, sum = NULL;
    CHECK(ly_call(vm, "Plus", 2, args, &sum) == LY_OK);
    CHECK(ly_get_int64(sum, &v) && v == -1);    /* demoted to a small integer */
    s = ly_int_tostring(vm, neg, 10);
    CHECK(s && !strcmp(s, "-1606938044258990275541962092341162602522202993782792835301377"));
    ly_free(vm, s);
    ly_decref(vm, sum);
    ly_decref(vm, neg);
    ly_decref(vm, big);
    mpz_set_si(z, -42);
    LyExpr small = ly_int_from_mpz(vm, z);
    CHECK(ly_get_int64(small, &v) && v == -42);
    s = ly_int_tostring(vm, small, 2);
    CHECK(s && !strcmp(s, "-101010"));
    ly_free(vm, s);
    CHECK(ly_int_get_mpz(small, z) && mpz_get_si(z) == -42);
    ly_decref(vm, small);
    mpz_clear(z);
    mpz_clear(w);

    LyExpr x = ly_int_parse(vm, "ff", 16);
    CHECK(ly_get_int64(x, &v) && v == 255);
    CHECK(ly_int_parse(vm, "12x", 10) == NULL);          /* not an integer */
    LyExpr r = ly_real(vm, 2.5);
    CHECK(ly_int_tostring(vm, r, 10) == NULL);          /* not an integer */
    CHECK(ly_int_tostring(vm, x, 1) == NULL);           /* bad base */
    mpz_init(z);
    CHECK(!ly_int_get_mpz(r, z));
    mpz_clear(z);
    double d;
    CHECK(ly_get_real(r, &d) && d == 2.5 && ly_kind(r) == LY_KREAL);
    ly_decref(vm, r);
    r = ly_rational(vm, 6, -4);
    CHECK(ly_kind(r) == LY_KRATIONAL && !strcmp(text(vm, r), "-3/2"));
    CHECK(ly_get_real(r, &d) && d == -1.5);
    ly_decref(vm, r);
    CHECK(ly_rational(vm, 1, 0) == NULL);
    r = ly_rational(vm, 8, 4);
    CHECK(ly_get_int64(r, &v) && v == 2);
    ly_decref(vm, r);
}

static void test_atoms_and_heads(LyVM *vm) {
    LyExpr s = ly_string(vm, "a\0b", 3);
    size_t len;
    const char *p = ly_get_string(s, &len);
    CHECK(p && len == 3 && p[0] == 'a' && p[1] == 0 && p[2] == 'b' && ly_kind(s) == LY_KSTRING);
    LyExpr sym = ly_symbol(vm, "mySym");
    CHECK(ly_kind(sym) == LY_KSYMBOL && !strcmp(ly_symbol_name(sym), "mySym") && ly_is_symbol(sym, "mySym"));
    CHECK(ly_symbol_name(s) == NULL && ly_get_string(sym, NULL) == NULL);

    struct { LyExpr e; const char *head; } cases[6];
    cases[0].e = ly_int(vm, 7);              cases[0].head = "Integer";
    cases[1].e = ly_real(vm, 0.5);           cases[1].head = "Real";
    cases[2].e = s;                          cases[2].head = "String";
    cases[3].e = sym;                        cases[3].head = "Symbol";
    int64_t data[3] = { 1, 2, 3 };
    cases[4].e = ly_packed_int64(vm, 3, data); cases[4].head = "List";
    LyExpr one = ly_int(vm, 1);
    cases[5].e = ly_applyf(vm, "f", 1, &one); cases[5].head = "f";
    for (int i = 0; i < 6; i++) {
        LyExpr h = ly_head(vm, cases[i].e);
        CHECK(ly_is_symbol(h, cases[i].head));
        ly_decref(vm, h);
    }
    /* normal expressions: part 0 is the head */
    LyExpr h0 = ly_part(vm, cases[5].e, 0), a1 = ly_part(vm, cases[5].e, 1);
    CHECK(ly_is_symbol(h0, "f") && ly_length(cases[5].e) == 1 && ly_kind(cases[5].e) == LY_KNORMAL);
    int64_t v;
    CHECK(ly_get_int64(a1, &v) && v == 1);
    CHECK(ly_part(vm, cases[5].e, 2) == NULL);
    ly_decref(vm, h0);
    ly_decref(vm, a1);
    char *full = ly_tostring(vm, cases[5].e, LY_FORM_FULL);
    CHECK(full && !strcmp(full, "f[1]"));
    ly_free(vm, full);
    /* packed arrays read as lists */
    CHECK(ly_kind(cases[4].e) == LY_KPACKED && ly_length(cases[4].e) == 3);
    LyExpr p3 = ly_part(vm, cases[4].e, 3);
    CHECK(ly_get_int64(p3, &v) && v == 3);
    ly_decref(vm, p3);
    /* a head that is itself an expression: f[1][2] */
    LyExpr two = ly_int(vm, 2), fx = ly_apply(vm, cases[5].e, 1, &two);
    LyExpr h = ly_head(vm, fx);
    CHECK(ly_same(h, cases[5].e) && !strcmp(text(vm, fx), "f[1][2]"));
    ly_decref(vm, h);
    ly_decref(vm, fx);
    for (int i = 0; i < 6; i++) ly_decref(vm, cases[i].e);
    /* lists */
    LyExpr items[3] = { ly_int(vm, 1), ly_cstring(vm, "two"), ly_symbol(vm, "x") };
    LyExpr l = ly_list(vm, 3, items);
    CHECK(!strcmp(text(vm, l), "{1, \"two\", x}"));
    for (int i = 0; i < 3; i++) ly_decref(vm, items[i]);
    LyExpr r = NULL;
    CHECK(ly_call(vm, "Length", 1, &l, &r) == LY_OK && ly_get_int64(r, &v) && v == 3);
    ly_decref(vm, r);
    ly_decref(vm, l);
}

static void test_associations(LyVM *vm) {
    LyExpr keys[3] = { ly_cstring(vm, "a"), ly_cstring(vm, "b"), ly_cstring(vm, "a") };
    LyExpr vals[3] = { ly_int(vm, 1), ly_int(vm, 2), ly_int(vm, 3) };
    LyExpr a = ly_association(vm, 3, keys, vals);
    CHECK(a && ly_kind(a) == LY_KASSOC && ly_length(a) == 2);
    CHECK(!strcmp(text(vm, a), "<|\"a\" -> 3, \"b\" -> 2|>"));   /* first position, last value */
    LyExpr got = ly_assoc_get(vm, a, keys[1]);
    int64_t v;
    CHECK(ly_get_int64(got, &v) && v == 2);
    ly_decref(vm, got);
    LyExpr missing = ly_cstring(vm, "zz");
    CHECK(ly_assoc_get(vm, a, missing) == NULL);
    CHECK(ly_assoc_get(vm, missing, missing) == NULL);   /* not an association */
    ly_decref(vm, missing);
    const char *want_k[2] = { "a", "b" };
    int64_t want_v[2] = { 3, 2 };
    for (size_t i = 1; i <= ly_length(a); i++) {
        LyExpr k = NULL, val = NULL;
        CHECK(ly_assoc_entry(vm, a, i, &k, &val));
        CHECK(!strcmp(ly_get_string(k, NULL), want_k[i - 1]) && ly_get_int64(val, &v) && v == want_v[i - 1]);
        ly_decref(vm, k);
        ly_decref(vm, val);
    }
    CHECK(!ly_assoc_entry(vm, a, 0, NULL, NULL) && !ly_assoc_entry(vm, a, 3, NULL, NULL));
    LyExpr h = ly_head(vm, a);
    CHECK(ly_is_symbol(h, "Association"));
    /* the language sees it as an association */
    LyExpr args[2] = { a, keys[0] }, r = NULL;
    CHECK(ly_call(vm, "Lookup", 2, args, &r) == LY_OK && ly_get_int64(r, &v) && v == 3);
    ly_decref(vm, r);
    ly_decref(vm, a);
    for (int i = 0; i < 3; i++) { ly_decref(vm, keys[i]); ly_decref(vm, vals[i]); }
    /* and an association made by the language reads back */
    CHECK(ly_eval_string(vm, "<|x -> 1, 2 -> {3}, \"k\" :> 1 + 1|>", (size_t)-1, "t", &a) == LY_OK);
    LyExpr k = NULL, val = NULL;
    CHECK(ly_assoc_entry(vm, a, 3, &k, &val) && !strcmp(text(vm, val), "1 + 1"));
    ly_decref(vm, k);
    ly_decref(vm, val);
    LyExpr two = ly_int(vm, 2);
    got = ly_assoc_get(vm, a, two);
    CHECK(got && !strcmp(text(vm, got), "{3}"));
    ly_decref(vm, got);
    ly_decref(vm, a);
    LyExpr e0 = ly_association(vm, 0, NULL, NULL);
    CHECK(e0 && ly_length(e0) == 0 && !strcmp(text(vm, e0), "<||>"));
    ly_decref(vm, e0);
}

/* ---- C functions and a foreign type ---------------------------------------------------------- */

typedef struct Acc { long long total; } Acc;
static int accs_alive;

static void acc_finalize(LyVM *vm, void *data) { (void)vm; free(data); accs_alive--; }
static void acc_format(LyBuf *b, void *data) { ly_buf_printf(b, "<%lld>", ((Acc *)data)->total); }
static LyExpr acc_method(LyVM *vm, LyExpr self, const char *name, size_t n, const LyExpr *args);
static const LyForeignType acc_type = { "Accumulator", acc_finalize, acc_format, acc_method, NULL, NULL, NULL, NULL, NULL, false, NULL };

static LyExpr acc_method(LyVM *vm, LyExpr self, const char *name, size_t n, const LyExpr *args) {
    Acc *a = ly_foreign_data(self, &acc_type);
    int64_t k;
    if (!strcasecmp(name, "Add") && n == 1 && ly_get_int64(args[0], &k)) { a->total += k; return ly_symbol(vm, "Null"); }
    if (!strcasecmp(name, "Total") && n == 0) return ly_int(vm, a->total);
    return NULL;   /* unevaluated */
}

/* NewAccumulator[] */
static LyExpr host_newacc(LyVM *vm, LyExpr e) {
    if (ly_length(e) != 0) return NULL;
    Acc *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    accs_alive++;
    return ly_mkforeign(vm, &acc_type, a);
}

/* Describe[x]: a string naming the kind of x (held, so unevaluated x). */
static LyExpr host_describe(LyVM *vm, LyExpr e) {
    if (ly_length(e) != 1) return NULL;
    LyExpr x = ly_part(vm, e, 1), h = ly_head(vm, x);
    char buf[128];
    snprintf(buf, sizeof buf, "%s:%zu", ly_symbol_name(h) ? ly_symbol_name(h) : "?", ly_length(x));
    ly_decref(vm, x);
    ly_decref(vm, h);
    return ly_cstring(vm, buf);
}

/* Twice[n] = 2 n for machine integers; Listable */
static LyExpr host_twice(LyVM *vm, LyExpr e) {
    int64_t v;
    LyExpr a = ly_length(e) == 1 ? ly_part(vm, e, 1) : NULL;
    bool ok = a && ly_get_int64(a, &v) && v < INT64_MAX / 2 && v > INT64_MIN / 2;
    ly_decref(vm, a);
    return ok ? ly_int(vm, 2 * v) : NULL;
}

static void test_functions(LyVM *vm) {
    CHECK(ly_register(vm, "NewAccumulator", host_newacc, NULL, "NewAccumulator[] makes an accumulator.") == LY_OK);
    CHECK(ly_register(vm, "Describe", host_describe, "HoldAll", NULL) == LY_OK);
    CHECK(ly_register(vm, "Twice", host_twice, "Listable Protected", "Twice[n] gives 2 n.") == LY_OK);
    CHECK(ly_register(vm, "Oops", host_twice, "Listable Bogus", NULL) == LY_ERRARG && strstr(ly_errmsg(vm), "Bogus"));
    CHECK(!strcmp(ly_usage(vm, "Twice"), "Twice[n] gives 2 n."));
    EVAL_IS(vm, "Twice[{1, 2, {3}}]", "{2, 4, {6}}");
    EVAL_IS(vm, "Twice[x]", "Twice[x]");
    EVAL_IS(vm, "Describe[1 + 2 + x]", "\"Plus:3\"");
    EVAL_IS(vm, "Attributes[Twice]", "{Listable, Protected}");
    EVAL_IS(vm, "acc = NewAccumulator[]; acc[\"Add\", 5]; acc.add(2); {acc.total(), Head[acc]}",
            "{7, Accumulator}");
    EVAL_IS(vm, "ToString[acc, InputForm]", "\"Accumulator[<7>]\"");
    CHECK(accs_alive == 1);
    EVAL_IS(vm, "Clear[acc]; 0", "0");
    CHECK(accs_alive == 0);
    /* a host-made foreign object handed to the language */
    Acc *a = calloc(1, sizeof *a);
    accs_alive++;
    LyExpr obj = ly_mkforeign(vm, &acc_type, a);
    LyExpr name = ly_cstring(vm, "Total"), call = ly_apply(vm, obj, 1, &name), r = NULL;
    CHECK(ly_eval(vm, call, &r) == LY_OK);                  /* obj["Total"] */
    int64_t v;
    CHECK(ly_get_int64(r, &v) && v == 0);
    CHECK(ly_foreign_data(obj, &acc_type) == a && ly_kind(obj) == LY_KFOREIGN);
    ly_decref(vm, r);
    ly_decref(vm, call);
    ly_decref(vm, name);
    ly_decref(vm, obj);
    CHECK(accs_alive == 0);
}

/* ---- errors ----------------------------------------------------------------------------------- */

static void test_errors(LyVM *vm) {
    LyStatus st;
    LyExpr r = (LyExpr)1;
    CHECK(ly_eval_string(vm, "f[1,", (size_t)-1, "broken.ly", &r) == LY_ERRSYNTAX && r == NULL);
    CHECK(strstr(ly_errmsg(vm), "broken.ly:1:") != NULL);
    CHECK(ly_parse(vm, "x = (1 + ]", (size_t)-1, "p", &r) == LY_ERRSYNTAX);
    CHECK(ly_parse(vm, "a; b", (size_t)-1, "p", &r) == LY_OK && !strcmp(text(vm, r), "a; b"));
    ly_decref(vm, r);
    msgs[0] = 0;
    CHECK(!strcmp(ev(vm, "Throw[7, tag]", &st), "Hold[Throw[7, tag]]") && st == LY_ERRRUN);
    CHECK(strstr(msgs, "Throw::nocatch") != NULL && strstr(ly_errmsg(vm), "Throw") != NULL);
    CHECK(!strcmp(ev(vm, "Abort[]", &st), "$Aborted") && st == LY_ABORTED);
    CHECK(!strcmp(ev(vm, "Quit[3]", &st), "Null") && st == LY_QUIT && ly_quit_code(vm) == 3);
    CHECK(!strcmp(ev(vm, "1 + 1", &st), "2") && st == LY_OK && !strcmp(ly_errmsg(vm), ""));
    msgs[0] = 0;
    CHECK(!strcmp(ev(vm, "1/0", &st), "ComplexInfinity") && st == LY_OK && strstr(msgs, "Power::infy"));

    /* files */
    CHECK(ly_eval_file(vm, "/nonexistent/dir/x.ly", &r) == LY_ERRIO && r == NULL);
    CHECK(strstr(ly_errmsg(vm), "/nonexistent/dir/x.ly") != NULL);
    char path[] = "/tmp/lyra_api_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    const char script[] = "#!/usr/bin/env lyra\nsq[n_] := n^2;\nsq[12] + 1\n";
    CHECK(write(fd, script, sizeof script - 1) == (ssize_t)(sizeof script - 1));
    close(fd);
    CHECK(ly_eval_file(vm, path, &r) == LY_OK && !strcmp(text(vm, r), "145"));
    ly_decref(vm, r);
    fd = open(path, O_WRONLY | O_TRUNC);
    const char bad[] = "#!x\n\n  1 +* 2\n";
    CHECK(fd >= 0 && write(fd, bad, sizeof bad - 1) == (ssize_t)(sizeof bad - 1));
    close(fd);
    CHECK(ly_eval_file(vm, path, &r) == LY_ERRSYNTAX);
    char want[64];
    snprintf(want, sizeof want, "%s:3:", path);     /* the #! line still counts */
    CHECK(strstr(ly_errmsg(vm), want) != NULL);
    unlink(path);

    /* a script runs the statements before a syntax error (a string runs none) */
    const char half[] = "sa = 1\nsb = sa + 1;\nsc = (1 + ]\nsd = 4\n";
    CHECK(ly_eval_string(vm, half, (size_t)-1, "s", &r) == LY_ERRSYNTAX && r == NULL);
    CHECK(!strcmp(ev(vm, "{sa, sb, sd}", NULL), "{sa, sb, sd}"));
    CHECK(ly_eval_script(vm, half, (size_t)-1, "s", &r) == LY_ERRSYNTAX && r == NULL);
    CHECK(!strncmp(ly_errmsg(vm), "s:3:", 4));
    CHECK(!strcmp(ev(vm, "{sa, sb, sd}", NULL), "{1, 2, sd}"));
    /* each statement is read after the ones before ran; the value of the last */
    CHECK(ly_eval_script(vm, "se = 5\n\nse^2 (* c *)\n", (size_t)-1, "s", &r) == LY_OK && !strcmp(text(vm, r), "25"));
    ly_decref(vm, r);
    CHECK(ly_eval_script(vm, "", 0, "s", &r) == LY_OK && !strcmp(text(vm, r), "Null"));
    ly_decref(vm, r);
    CHECK(ly_eval_script(vm, "Throw[1]\nsf = 6", (size_t)-1, "s", &r) == LY_ERRRUN && !strcmp(text(vm, r), "6"));
    ly_decref(vm, r);
    CHECK(ly_eval_script(vm, "sg = 7; Abort[]\nsg = 8", (size_t)-1, "s", &r) == LY_ABORTED);
    ly_decref(vm, r);
    CHECK(!strcmp(ev(vm, "sg", NULL), "7"));
    /* a statement naming an escaped Module local is read before the
     * collection between statements: the local stays while it runs */
    unsigned long n = 0;
    CHECK(sscanf(ev(vm, "Module[{sy}, Hold[sy]]", NULL), "Hold[sy$%lu]", &n) == 1);
    char src[160];
    snprintf(src, sizeof src, "Module[{sy}, sy = 5; Hold[sy]]\n{sy$%lu, sy$%lu + 1}", n + 1, n + 1);
    CHECK(ly_eval_script(vm, src, (size_t)-1, "s", &r) == LY_OK && !strcmp(text(vm, r), "{5, 6}"));
    ly_decref(vm, r);
}

/* Out of memory from the host's allocator: the evaluation fails with
 * LY_ERRMEM, the VM stays usable, and every byte still comes back. */
static void test_out_of_memory(void) {
    Counter c = counter();
    LyVM *vm = ly_new(count_alloc, &c);
    CHECK(vm != NULL);
    ly_set_messages(vm, on_msg, NULL);
    c.limit = c.live + (8 << 20);                 /* 8 MB more than a fresh VM */
    LyStatus st;
    msgs[0] = 0;
    ev(vm, "x = Range[10^7]; Length[x]", &st);    /* 80 MB packed */
    CHECK(st == LY_ERRMEM && c.failures > 0 && strstr(msgs, "nomem") != NULL);
    ev(vm, "l = Table[{i, ToString[i]}, {i, 10^6}]; Length[l]", &st);
    CHECK(st == LY_ERRMEM);
    CHECK(!strcmp(ev(vm, "Total[Range[100]]", &st), "5050") && st == LY_OK);
    c.limit = 0;
    CHECK(!strcmp(ev(vm, "Length[Range[10^6]]", &st), "1000000") && st == LY_OK);
    ly_close(vm);
    CHECK(c.live == 0 && c.blocks == 0);

    /* creation itself failing at the first, the 10th, ... allocation */
    long steps[] = { 0, 1, 10, 100, 1000, 3000 };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        Counter d = counter();
        d.fail_after = steps[i];
        LyVM *w = ly_new(count_alloc, &d);
        if (w) {
            d.fail_after = -1;
            CHECK(!strcmp(ev(w, "2 + 2", &st), "4"));
            ly_close(w);
        }
        CHECK(d.live == 0 && d.blocks == 0);
        if (steps[i] == 0) CHECK(w == NULL);
    }
}

int main(void) {
    test_version();
    Counter c = counter();
    LyVM *vm = ly_new(count_alloc, &c);
    CHECK(vm != NULL);
    ly_set_messages(vm, on_msg, NULL);
    test_integers(vm);
    test_atoms_and_heads(vm);
    test_associations(vm);
    test_functions(vm);
    test_errors(vm);
    CHECK(c.live > 0);
    ly_close(vm);
    CHECK(c.live == 0 && c.blocks == 0);
    CHECK(accs_alive == 0);
    test_out_of_memory();
    printf("test_api: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
