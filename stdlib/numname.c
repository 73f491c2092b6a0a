/*
 * numname.c — names of numbers: IntegerName (English; "Words" and
 * "DigitsWords"), RomanNumeral, FromRomanNumeral.  Written against lyra.h +
 * lyra_ext.h.
 */
#include <stdio.h>
#include <string.h>
#include "lys_data.h"

static const char *const ones[] = {
    "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"
};
static const char *const tens[] = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
};
static const char *const scales[] = {
    "", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion", "sextillion",
    "septillion", "octillion", "nonillion", "decillion"
};
#define NSCALES (sizeof scales / sizeof scales[0])

static void put_sep(LyBuf *b) { if (b->len) ly_buf_puts(b, " "); }

/* 1 <= n <= 999 in words */
static void words3(LyBuf *b, unsigned n) {
    if (n >= 100) {
        put_sep(b);
        ly_buf_puts(b, ones[n / 100]);
        ly_buf_puts(b, " hundred");
        n %= 100;
    }
    if (n == 0) return;
    put_sep(b);
    if (n < 20) ly_buf_puts(b, ones[n]);
    else {
        ly_buf_puts(b, tens[n / 10]);
        if (n % 10) { ly_buf_puts(b, "-"); ly_buf_puts(b, ones[n % 10]); }
    }
}

/* IntegerName[n], IntegerName[n, "Words"], IntegerName[n, "DigitsWords"] */
static LyExpr b_integername(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr n = ly_narg(e, 1);
    if (ly_head_is(n, LY_SYM(List)) || ly_is_packed(n)) {
        LyExpr u = lys_unpacked(vm, n);
        if (!u) return NULL;
        LyExpr r = ly_mknormal(vm, LY_SYM(List), ly_nlen(u));
        for (size_t i = 1; r && i <= ly_nlen(u); i++) {
            LyExpr args[2] = { ly_narg(u, i), ly_nlen(e) == 2 ? ly_narg(e, 2) : NULL };
            LyExpr v = lys_apply_eval(vm, ly_nhead(e), ly_nlen(e), args);
            if (!v) { lys_abandon(vm, r, i); r = NULL; break; }
            ly_nset(r, i, v);
        }
        ly_unref(vm, u);
        return r;
    }
    if (!ly_is_integer(n)) return NULL;
    int mode = 0;               /* 0 Automatic, 1 Words, 2 DigitsWords */
    if (ly_nlen(e) == 2) {
        LyExpr q = ly_narg(e, 2);
        if (q == LY_SYM(Automatic)) mode = 0;
        else if (ly_is_string(q) && !strcmp(ly_str(q)->s, "Words")) mode = 1;
        else if (ly_is_string(q) && !strcmp(ly_str(q)->s, "DigitsWords")) mode = 2;
        else return NULL;
    }
    mpz_t z, g;
    lys_mpz_get(z, n);
    bool neg = mpz_sgn(z) < 0;
    mpz_abs(z, z);
    /* groups of three digits, lowest first */
    unsigned grp[NSCALES];
    size_t ng = 0;
    mpz_init(g);
    while (mpz_sgn(z) > 0 && ng < NSCALES) grp[ng++] = (unsigned)mpz_fdiv_q_ui(z, z, 1000);
    bool fits = mpz_sgn(z) == 0;
    mpz_clear(z);
    mpz_clear(g);
    if (!fits) return NULL;
    if (mode == 0) mode = ng <= 1 ? 1 : 2;
    LyBuf b;
    ly_buf_init(&b, vm);
    if (neg) ly_buf_puts(&b, "negative");
    if (ng == 0) { put_sep(&b); ly_buf_puts(&b, "zero"); }
    for (size_t i = ng; i-- > 0;) {
        if (!grp[i]) continue;
        if (mode == 1) words3(&b, grp[i]);
        else {
            char d[16];
            snprintf(d, sizeof d, "%u", grp[i]);
            put_sep(&b);
            ly_buf_puts(&b, d);
        }
        if (i) { ly_buf_puts(&b, " "); ly_buf_puts(&b, scales[i]); }
    }
    LyExpr r = ly_mkstring(vm, b.p ? b.p : "", b.len);
    ly_buf_free(&b);
    return r;
}

static const struct { unsigned v; const char *s; } roman[] = {
    { 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" }, { 100, "C" }, { 90, "XC" },
    { 50, "L" }, { 40, "XL" }, { 10, "X" }, { 9, "IX" }, { 5, "V" }, { 4, "IV" }, { 1, "I" }
};

static LyExpr b_romannumeral(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr n = ly_narg(e, 1);
    if (!ly_is_small(n) || ly_small(n) < 0 || ly_small(n) >= 5000) return NULL;
    int64_t v = ly_small(n);
    if (v == 0) return ly_mkstring(vm, "N", 1);
    char buf[64];
    size_t k = 0;
    for (size_t i = 0; i < sizeof roman / sizeof roman[0]; i++)
        while (v >= roman[i].v) { size_t l = strlen(roman[i].s); memcpy(buf + k, roman[i].s, l); k += l; v -= roman[i].v; }
    return ly_mkstring(vm, buf, k);
}

static int roman_digit(char c) {
    switch (c) {
    case 'I': case 'i': return 1;
    case 'V': case 'v': return 5;
    case 'X': case 'x': return 10;
    case 'L': case 'l': return 50;
    case 'C': case 'c': return 100;
    case 'D': case 'd': return 500;
    case 'M': case 'm': return 1000;
    default: return -1;
    }
}

static LyExpr b_fromromannumeral(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr s = ly_narg(e, 1);
    if (!ly_is_string(s)) return NULL;
    const char *p = ly_str(s)->s;
    size_t len = ly_str(s)->len;
    if (len == 1 && (p[0] == 'N' || p[0] == 'n')) return ly_mksmall(0);
    int64_t total = 0;
    for (size_t i = 0; i < len; i++) {
        int d = roman_digit(p[i]), nx = i + 1 < len ? roman_digit(p[i + 1]) : 0;
        if (d < 0 || nx < 0) return NULL;
        total += d < nx ? -d : d;
        if (total > 1000000) return NULL;
    }
    return len ? ly_int(vm, total) : NULL;
}

static const LyBuiltin numname_builtins[] = {
    { "IntegerName", b_integername, "Protected",
      "IntegerName[n] gives a string containing the full English name of the integer n.\n"
      "IntegerName[n, qualifier] gives a string conforming to the given qualifications (\"Words\", \"DigitsWords\")." },
    { "RomanNumeral", b_romannumeral, "Listable Protected", "RomanNumeral[n] gives a string corresponding to the Roman numeral form of the integer n." },
    { "FromRomanNumeral", b_fromromannumeral, "Listable Protected", "FromRomanNumeral[\"string\"] gives the integer corresponding to the Roman numeral \"string\"." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_numname(LyVM *vm);
LyStatus lys_open_numname(LyVM *vm) { return ly_register_table(vm, numname_builtins); }
