/*
 * symbols.c — making symbols from names: Symbol["name"], Unique[].
 */
#include <stdio.h>
#include <string.h>
#include "lys_data.h"

/* A name Wolfram accepts: letters, digits, $ (not first a digit), contexts
 * separated by backquotes. */
static bool valid_name(const char *s, size_t n) {
    if (n == 0) return false;
    bool start = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '`') {
            if (start && i > 0) return false;
            start = true;
            continue;
        }
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c >= 0x80;
        bool digit = c >= '0' && c <= '9';
        if (start && !letter) return false;
        if (!letter && !digit) return false;
        start = false;
    }
    return !start;
}

static LyExpr b_symbol(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    size_t n;
    const char *s = ly_get_string(ly_narg(e, 1), &n);
    if (!s) {
        ly_message(vm, LY_SYM(General), "string", 2, ly_mksmall(1), e);
        return NULL;
    }
    if (!valid_name(s, n) || strlen(s) != n) {
        ly_message(vm, ly_nhead(e), "symname", 1, ly_narg(e, 1));
        return NULL;
    }
    return ly_symbol(vm, s);
}

static long unique_counter(void) {
    static long counter = 0;
    return __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
}

static LyExpr unique1(LyVM *vm, LyExpr e, LyExpr x) {
    char buf[512];
    if (ly_is_sym(x)) return ly_unique_symbol(vm, x);
    size_t n;
    const char *s = ly_get_string(x, &n);
    if (s && n < 400 && valid_name(s, n)) {
        snprintf(buf, sizeof buf, "%s%ld", s, unique_counter());
        return ly_symbol(vm, buf);
    }
    ly_message(vm, ly_nhead(e), "usym", 1, x);
    return NULL;
}

static LyExpr b_unique(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) > 2) return NULL;
    if (ly_nlen(e) == 0) {
        char buf[64];
        snprintf(buf, sizeof buf, "$%ld", unique_counter());
        return ly_symbol(vm, buf);
    }
    LyExpr x = ly_narg(e, 1);
    if (ly_head_is(x, LY_SYM(List))) {
        size_t n = ly_nlen(x);
        LyExpr r = ly_mknormal(vm, LY_SYM(List), n);
        for (size_t i = 1; r && i <= n; i++) {
            LyExpr u = unique1(vm, e, ly_narg(x, i));
            if (!u) { lys_abandon(vm, r, i); return NULL; }
            ly_nset(r, i, u);
        }
        return r;
    }
    return unique1(vm, e, x);
}

static const LyBuiltin symbols_builtins[] = {
    { "Symbol", b_symbol, "Protected",
      "Symbol[\"name\"] refers to a symbol with the specified name." },
    { "Unique", b_unique, "HoldFirst Protected",
      "Unique[] generates a new symbol whose name is of the form $nnn.\n"
      "Unique[x] generates a new symbol with a name of the form x$nnn.\n"
      "Unique[{x, y, ...}] generates a list of new symbols.\n"
      "Unique[\"xxx\"] generates a new symbol with a name of the form xxxnnn." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_symbols(LyVM *vm);
LyStatus lys_open_symbols(LyVM *vm) {
    ly_set_message(vm, "Symbol", "symname", "The string `1` cannot be used for a symbol name.");
    ly_set_message(vm, "Unique", "usym", "`1` is not a symbol or a valid symbol name.");
    return ly_register_table(vm, symbols_builtins);
}
