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
    return ly_symbol_read(vm, s, n);     /* in $ContextPath or made in $Context */
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

/* ValueQ[sym]: sym has an own value; ValueQ[expr]: some symbol in expr
 * (heads included) has a definition of any kind or built-in code
 * (Wolfram's Automatic method: "OwnValuesPresent" for symbols,
 * "SymbolDefinitionsPresent" otherwise). */
static bool has_values(LyVM *vm, LyExpr sym, bool own_only) {
    if (ly_own_value(vm, sym)) return true;
    if (own_only) return false;
    const char *ctx = ly_symbol_context(vm, sym);
    if (ctx && strcmp(ctx, "System`") == 0) return true;
    static const char *const kinds[] = { "DownValues", "UpValues", "SubValues" };
    for (size_t i = 0; i < 3; i++) {
        LyExpr r = lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, kinds[i]), 1, sym));
        bool some = r && ly_head_is(r, LY_SYM(List)) && ly_nlen(r) > 0;
        ly_unref(vm, r);
        if (some) return true;
    }
    return false;
}

static bool any_values(LyVM *vm, LyExpr e, int depth) {
    if (ly_is_sym(e)) return has_values(vm, e, false);
    if (ly_type(e) != LY_TNORMAL || depth > 256) return false;
    if (any_values(vm, ly_nhead(e), depth + 1)) return true;
    for (size_t i = 1; i <= ly_nlen(e); i++)
        if (any_values(vm, ly_narg(e, i), depth + 1)) return true;
    return false;
}

/* some symbol in e (heads included) has an own value */
static bool any_own_values(LyVM *vm, LyExpr e, int depth) {
    if (ly_is_sym(e)) return ly_own_value(vm, e) != NULL;
    if (ly_type(e) != LY_TNORMAL || depth > 256) return false;
    if (any_own_values(vm, ly_nhead(e), depth + 1)) return true;
    for (size_t i = 1; i <= ly_nlen(e); i++)
        if (any_own_values(vm, ly_narg(e, i), depth + 1)) return true;
    return false;
}

/* evaluating e changes it */
static int trial_evaluation(LyVM *vm, LyExpr e) {
    LyExpr r = ly_evaluate(vm, e);
    if (!r) return -1;
    bool changed = !ly_equal(r, e);
    ly_unref(vm, r);
    return changed;
}

/* ValueQ[expr] and ValueQ[expr, Method -> m] */
static LyExpr b_valueq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1), m = LY_SYM(Automatic);
    if (ly_nlen(e) == 2) {
        LyExpr o = ly_narg(e, 2);
        if ((!ly_head_is(o, LY_SYM(Rule)) && !ly_head_is(o, LY_SYM(RuleDelayed))) || ly_nlen(o) != 2 ||
            ly_narg(o, 1) != ly_symbol(vm, "Method")) {
            ly_set_message(vm, "ValueQ", "nonopt", "Options expected (instead of `1`) beyond position 1 in `2`. An option must be a rule or a list of rules.");
            ly_message(vm, ly_nhead(e), "nonopt", 2, o, e);
            return NULL;
        }
        m = ly_narg(o, 2);
    }
    const char *ms = ly_is_string(m) ? ly_str(m)->s : NULL;
    int v;
    if (m == LY_SYM(Automatic)) v = ly_is_sym(x) ? has_values(vm, x, true) : any_values(vm, x, 0);
    else if (ms && !strcmp(ms, "OwnValuesPresent")) v = any_own_values(vm, x, 0);
    else if (ms && !strcmp(ms, "SymbolDefinitionsPresent")) v = any_values(vm, x, 0);
    else if (ms && !strcmp(ms, "TrialEvaluation")) v = trial_evaluation(vm, x);
    else if (ms && !strcmp(ms, "Legacy")) v = ly_is_sym(x) ? has_values(vm, x, true) : trial_evaluation(vm, x);
    else {
        ly_set_message(vm, "ValueQ", "meth",
                       "Value of option Method -> `1` should be Automatic, \"SymbolDefinitionsPresent\", \"OwnValuesPresent\", \"TrialEvaluation\" or \"Legacy\".");
        ly_message(vm, ly_nhead(e), "meth", 1, m);
        return NULL;
    }
    if (v < 0) return NULL;
    return v ? LY_SYM(True) : LY_SYM(False);
}

static const LyBuiltin symbols_builtins[] = {
    { "ValueQ", b_valueq, "HoldAll Protected",
      "ValueQ[expr] gives True if a value has been defined for expr, and gives False otherwise.\n"
      "ValueQ[expr, Method -> m] decides with method m: Automatic, \"SymbolDefinitionsPresent\", \"OwnValuesPresent\", \"TrialEvaluation\" or \"Legacy\"." },
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
