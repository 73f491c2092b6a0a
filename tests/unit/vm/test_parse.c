/*
 * test_parse.c — unit tests of the parser through the public API (ly_parse,
 * ly_input_incomplete): forms that golden scripts cannot show (statement-level
 * ?Name, several statements), the error message format, multi-line
 * detection for the REPL, input that must not crash (deep nesting, NUL bytes,
 * invalid UTF-8, long lines), and allocation failure at every point of a parse
 * with every byte given back by ly_close.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "lyra_ext.h"

static int passed, failed;
#define CHECK(c) do { if (c) passed++; else { failed++; \
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); } } while (0)

typedef struct { size_t live; long budget; bool failing; } Counter;

static void *counting_alloc(void *ud, void *p, size_t osize, size_t nsize) {
    Counter *c = ud;
    if (nsize == 0) { if (p) c->live -= osize; free(p); return NULL; }
    if (c->failing && c->budget-- <= 0) return NULL;
    void *q = realloc(p, nsize);
    if (!q) return NULL;
    c->live += nsize - (p ? osize : 0);
    return q;
}

/* FullForm of the parse of src, or "ERR" / "NOMEM". */
static const char *parse_full(LyVM *vm, const char *src) {
    static char buf[8192];
    LyExpr e = NULL;
    LyStatus st = ly_parse(vm, src, strlen(src), "t", &e);
    if (st == LY_ERRSYNTAX) return "ERR";
    if (st != LY_OK) return "NOMEM";
    char *s = ly_tostring(vm, e, LY_FORM_FULL);
    snprintf(buf, sizeof buf, "%s", s ? s : "<null>");
    ly_free(vm, s);
    ly_decref(vm, e);
    return buf;
}

#define CHECK_PARSE(vm, src, want) do { const char *got_ = parse_full(vm, src); \
    if (strcmp(got_, want) == 0) passed++; else { failed++; \
    fprintf(stderr, "%s:%d: parse %s\n   got  %s\n   want %s\n", __FILE__, __LINE__, src, got_, want); } } while (0)

static void test_forms(LyVM *vm) {
    CHECK_PARSE(vm, "?Plus", "Information[Plus, Rule[LongForm, False]]");
    CHECK_PARSE(vm, "??Plus", "Information[Plus, Rule[LongForm, True]]");
    CHECK_PARSE(vm, "?Plo*", "Information[\"Plo*\", Rule[LongForm, False]]");
    CHECK_PARSE(vm, "a\nb", "CompoundExpression[a, b]");
    CHECK_PARSE(vm, "a;\nb", "CompoundExpression[CompoundExpression[a, Null], b]");
    CHECK_PARSE(vm, "f[a,\n b]", "f[a, b]");
    CHECK_PARSE(vm, "x = 1 +\n 2", "Set[x, Plus[1, 2]]");
    CHECK_PARSE(vm, "obj.name(1, 2)", "obj[\"name\", 1, 2]");
    CHECK_PARSE(vm, "obj.name()", "obj[\"name\"]");
    CHECK_PARSE(vm, "a - b c", "Plus[a, Times[-1, b, c]]");
    CHECK_PARSE(vm, "#!/usr/bin/lyra\n1", "1");
    CHECK_PARSE(vm, "\xEF\xBB\xBF" "x", "x");   /* byte order mark */
    CHECK_PARSE(vm, "a < b > c", "Inequality[a, Less, b, Greater, c]");
    /* line continuations join tokens; blanks after one go outside strings */
    CHECK_PARSE(vm, "12\\\n  34", "1234");
    CHECK_PARSE(vm, "12\\\r\n34 + ab\\\rc", "Plus[1234, abc]");
    CHECK_PARSE(vm, "\"ab\\\n  c\"", "\"ab  c\"");
    CHECK_PARSE(vm, "a -\\\n> b", "Rule[a, b]");
    CHECK_PARSE(vm, "\"a\\\\\"\\\nb", "Times[\"a\\\\\", b]");   /* "a\\" then a continuation */
    CHECK_PARSE(vm, "x\\\\\n", "ERR");                              /* \\ is no continuation */
    CHECK_PARSE(vm, "(* a \\\n b *) 1\\\n2", "12");
    CHECK_PARSE(vm, "#!x\\\n1\\\n2", "12");                       /* not in a #! line */
}

static void test_errors(LyVM *vm) {
    LyExpr e = NULL;
    CHECK(ly_parse(vm, "x = f[1]]", 9, "chunk.ly", &e) == LY_ERRSYNTAX && !e);
    CHECK(strcmp(ly_errmsg(vm), "chunk.ly:1:9: unexpected ']'\nx = f[1]]\n        ^") == 0);
    CHECK(ly_parse(vm, "a\n  {1, 2", 9, "c", &e) == LY_ERRSYNTAX);
    if (strcmp(ly_errmsg(vm), "c:2:8: expected '}' to close '{' at 2:3\n  {1, 2\n       ^")) fprintf(stderr, "%s\n", ly_errmsg(vm));
    CHECK(strcmp(ly_errmsg(vm), "c:2:8: expected '}' to close '{' at 2:3\n  {1, 2\n       ^") == 0);
    CHECK(ly_parse(vm, "\"abc", 4, "c", &e) == LY_ERRSYNTAX);
    CHECK(strstr(ly_errmsg(vm), "unterminated string") != NULL);
    CHECK(ly_parse(vm, "a\0b", 3, "c", &e) == LY_ERRSYNTAX);      /* NUL outside a string */
    CHECK(ly_parse(vm, "\"a\0b\"", 5, "c", &e) == LY_OK);         /* ... inside is a character */
    if (e) { CHECK(ly_kind(e) == LY_KSTRING && ly_str(e)->len == 3); ly_decref(vm, e); e = NULL; }
    CHECK(ly_parse(vm, "x\xC3(", 4, "c", &e) == LY_ERRSYNTAX);
    CHECK(strstr(ly_errmsg(vm), "invalid UTF-8") != NULL);
    CHECK(ly_parse(vm, "1.5*^2000000", 12, "c", &e) == LY_ERRSYNTAX);
    /* after line continuations errors name the line and column as written */
    const char *lc = "x = {1\\\n  , 2\\\n  + ]";
    CHECK(ly_parse(vm, lc, strlen(lc), "c", &e) == LY_ERRSYNTAX);
    if (strcmp(ly_errmsg(vm), "c:3:5: expected an operand before ']'\n  + ]\n    ^")) fprintf(stderr, "%s\n", ly_errmsg(vm));
    CHECK(strcmp(ly_errmsg(vm), "c:3:5: expected an operand before ']'\n  + ]\n    ^") == 0);
    lc = "{1\\\n, (2\\\n ]";
    CHECK(ly_parse(vm, lc, strlen(lc), "c", &e) == LY_ERRSYNTAX);
    if (strcmp(ly_errmsg(vm), "c:3:2: unexpected ']'; expected ')' to close '(' at 2:3\n ]\n ^")) fprintf(stderr, "%s\n", ly_errmsg(vm));
    CHECK(strcmp(ly_errmsg(vm), "c:3:2: unexpected ']'; expected ')' to close '(' at 2:3\n ]\n ^") == 0);
}

static void test_incomplete(void) {
    const char *yes[] = {"f[1,", "{1, 2", "\"abc", "(* open", "1 +", "a =", "If[x,", "f[\n", "<|a -> 1",
                         "a ~f", "x = (1 +\n 2", "f[g[x]", "e[[1", "a;;b +", "(* (* *)", "\"a\\\"", "f /: x",
                         "x = 12\\", "1 + 2 \\\\\\", NULL};
    const char *no[] = {"f[1]", "1 + 2", "]", "f[a)", "a;", "x = 1\n", "", "(* c *)", "\"a\"", "a ~f~ b",
                        "1 + ]", "{1, 2}}", "f /: x + ]", "x = 12\\\n34", NULL};
    for (int i = 0; yes[i]; i++) {
        bool r = ly_input_incomplete(yes[i], strlen(yes[i]));
        if (!r) fprintf(stderr, "incomplete(%s) should be true\n", yes[i]);
        CHECK(r);
    }
    for (int i = 0; no[i]; i++) {
        bool r = ly_input_incomplete(no[i], strlen(no[i]));
        if (r) fprintf(stderr, "incomplete(%s) should be false\n", no[i]);
        CHECK(!r);
    }
}

static char *repeat(const char *a, size_t n, const char *mid, const char *b, size_t m, size_t *len) {
    size_t la = strlen(a), lm = strlen(mid), lb = strlen(b);
    *len = la * n + lm + lb * m;
    char *s = malloc(*len + 1), *p = s;
    for (size_t i = 0; i < n; i++) { memcpy(p, a, la); p += la; }
    memcpy(p, mid, lm); p += lm;
    for (size_t i = 0; i < m; i++) { memcpy(p, b, lb); p += lb; }
    *p = 0;
    return s;
}

static void test_big_inputs(LyVM *vm) {
    size_t len;
    LyExpr e = NULL;
    /* a million nested brackets: no recursion in the parser */
    char *s = repeat("f[", 1000000, "x", "]", 1000000, &len);
    CHECK(ly_parse(vm, s, len, "deep", &e) == LY_OK);
    if (e) ly_decref(vm, e);
    free(s);
    s = repeat("(", 1000000, "x", ")", 1000000, &len);
    CHECK(ly_parse(vm, s, len, "deep", &e) == LY_OK);
    if (e) ly_decref(vm, e);
    free(s);
    s = repeat("{", 1000000, "", "", 0, &len);
    CHECK(ly_parse(vm, s, len, "deep", &e) == LY_ERRSYNTAX);
    CHECK(ly_input_incomplete(s, len));
    free(s);
    s = repeat("-", 1000000, "x", "", 0, &len);
    CHECK(ly_parse(vm, s, len, "deep", &e) == LY_OK);
    if (e) ly_decref(vm, e);
    free(s);
    /* a 20 MB single line parses in linear time */
    s = repeat("x1 + 2*y^3 - ", 1600000, "z", "", 0, &len);
    clock_t t0 = clock();
    CHECK(ly_parse(vm, s, len, "long", &e) == LY_OK);
    double dt = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(dt < 30);
    if (e) { CHECK(ly_length(e) == 3200001); ly_decref(vm, e); }
    free(s);
    /* a huge integer */
    s = repeat("9", 100000, "", "", 0, &len);
    CHECK(ly_parse(vm, s, len, "int", &e) == LY_OK);
    if (e) { CHECK(ly_kind(e) == LY_KINT); ly_decref(vm, e); }
    free(s);
}

/* Fails the n-th allocation of a parse for every n: each parse either
 * succeeds or reports LY_ERRMEM, and every byte comes back. */
static void test_nomem(void) {
    const char *src = "f[x_, y_:1] := Module[{a = {1, 2.5, \"s\\n\", 123456789012345678901234567890}},\n"
                      "  a /. {p_Integer :> p^2, q_ -> -q}; #1 + #2 & @@ a;; obj.m(a[[1]], <|k -> v|>)]\n"
                      "x = 1*^-3 + 16^^FF; g /: h[g] := a < b <= c\n"
                      "y = 12\\\n  34 + \"a\\\nb\"\n";
    int ok = 0, nomem = 0;
    for (long n = 0; n < 2000; n++) {
        Counter c = {0, 0, false};
        LyVM *vm = ly_new_bare(counting_alloc, &c);
        if (!vm) { CHECK(0); return; }
        size_t before = c.live;
        c.failing = true;
        c.budget = n;
        LyExpr e = NULL;
        LyStatus st = ly_parse(vm, src, strlen(src), "oom", &e);
        c.failing = false;
        if (st == LY_OK) { ok++; ly_decref(vm, e); }
        else if (st == LY_ERRMEM) nomem++;
        else { CHECK(st == LY_OK || st == LY_ERRMEM); }
        (void)before;     /* freed blocks may wait in the VM's small-block cache */
        ly_close(vm);
        if (c.live != 0) {
            fprintf(stderr, "nomem at allocation %ld: %zu bytes not returned\n", n, c.live);
            CHECK(0);
        }
        if (st == LY_OK) break;          /* the budget no longer matters */
    }
    CHECK(ok == 1 && nomem > 10);
}

int main(void) {
    LyVM *vm = ly_new_bare(NULL, NULL);
    test_forms(vm);
    test_errors(vm);
    test_incomplete();
    test_big_inputs(vm);
    ly_close(vm);
    test_nomem();
    printf("test_parse: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
