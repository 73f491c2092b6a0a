/*
 * test_host.c — a host program written against lyra.h only (plus
 * lyra_ext.h for the builtin): registers a C function, captures Print and
 * messages through hooks, checks status codes, and verifies with a counting
 * allocator that the VM returns every byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lyra_ext.h"

static int passed, failed;
#define CHECK(c) do { if (c) passed++; else { failed++; \
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); } } while (0)

typedef struct { long long live; } Counter;
static void *count_alloc(void *ud, void *p, size_t o, size_t n) {
    Counter *c = ud;
    if (n == 0) { if (p) c->live -= (long long)o; free(p); return NULL; }
    void *q = realloc(p, n);
    if (q) c->live += (long long)n - (p ? (long long)o : 0);
    return q;
}

static char out[4096], msgs[4096];
static void on_out(void *ud, const char *s, size_t n) { (void)ud; strncat(out, s, n); strcat(out, "|"); }
static void on_msg(void *ud, const char *s, size_t n) { (void)ud; strncat(msgs, s, n); strcat(msgs, "|"); }

/* hypot2[x, y] = x^2 + y^2 for machine numbers, else unevaluated */
static LyExpr host_hypot2(LyVM *vm, LyExpr e) {
    double x, y;
    if (ly_length(e) != 2) return NULL;
    LyExpr a = ly_part(vm, e, 1), b = ly_part(vm, e, 2);
    bool ok = ly_get_real(a, &x) && ly_get_real(b, &y);
    ly_decref(vm, a); ly_decref(vm, b);
    return ok ? ly_real(vm, x * x + y * y) : NULL;
}

static const char *eval_str(LyVM *vm, const char *src, LyStatus *st) {
    static char buf[1024];
    LyExpr r = NULL;
    *st = ly_eval_string(vm, src, (size_t)-1, "host", &r);
    if (!r) return "<none>";
    char *s = ly_tostring(vm, r, LY_FORM_INPUT);
    snprintf(buf, sizeof buf, "%s", s);
    ly_free(vm, s);
    ly_decref(vm, r);
    return buf;
}

int main(void) {
    Counter c = { 0 };
    LyVM *vm = ly_new(count_alloc, &c);
    CHECK(vm != NULL);
    ly_set_output(vm, on_out, NULL);
    ly_set_messages(vm, on_msg, NULL);
    CHECK(ly_register(vm, "Hypot2", host_hypot2, "Listable", "Hypot2[x, y] gives x^2 + y^2.") == LY_OK);
    CHECK(ly_register(vm, "Bad", host_hypot2, "NoSuchAttribute", NULL) == LY_ERRARG);

    LyStatus st;
    CHECK(strcmp(eval_str(vm, "Hypot2[3, 4]", &st), "25.") == 0 && st == LY_OK);
    CHECK(strcmp(eval_str(vm, "Hypot2[{1, 2}, 1]", &st), "{2., 5.}") == 0);
    CHECK(strcmp(eval_str(vm, "Hypot2[a, 1]", &st), "Hypot2[a, 1]") == 0);
    CHECK(strcmp(ly_usage(vm, "Hypot2"), "Hypot2[x, y] gives x^2 + y^2.") == 0);

    eval_str(vm, "Print[\"hello\"]; Print[1 + 1]", &st);
    CHECK(strcmp(out, "hello|2|") == 0);
    eval_str(vm, "1/0", &st);
    CHECK(strstr(msgs, "Power::infy") != NULL);

    CHECK(strcmp(eval_str(vm, "f[x_] := x^2; f[12]", &st), "144") == 0);
    eval_str(vm, "Throw[1]", &st);
    CHECK(st == LY_ERRRUN);
    eval_str(vm, "Abort[]", &st);
    CHECK(st == LY_ABORTED);
    eval_str(vm, "1 +* 2", &st);
    CHECK(st == LY_ERRSYNTAX && strstr(ly_errmsg(vm), "host:1:") != NULL);
    CHECK(strcmp(eval_str(vm, "1 + 1", &st), "2") == 0 && st == LY_OK);   /* usable after errors */

    /* building and calling */
    LyExpr args[2] = { ly_int(vm, 2), ly_int(vm, 100) };
    LyExpr r = NULL;
    CHECK(ly_call(vm, "Power", 2, args, &r) == LY_OK);
    char *s = ly_tostring(vm, r, LY_FORM_INPUT);
    CHECK(strcmp(s, "1267650600228229401496703205376") == 0);
    ly_free(vm, s);
    ly_decref(vm, r);
    LyExpr big = NULL;
    CHECK(ly_eval_string(vm, "2^64", (size_t)-1, "host", &big) == LY_OK);
    int64_t v;
    CHECK(ly_kind(big) == LY_KINT && !ly_get_int64(big, &v));
    ly_decref(vm, big);

    ly_close(vm);
    CHECK(c.live == 0);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
