/*
 * options.c — options of builtins written in C: the defaults Options[f]
 * lists (set when the library opens, changed by SetOptions), and reading
 * the options of a call against them, with Wolfram's messages for an
 * unknown option (f::optx) or a stray argument among them (f::nonopt).
 */
#include <string.h>
#include "lys_data.h"

LyStatus lys_default_options(LyVM *vm, const char *name, const char *rules) {
    LyExpr l = lys_text_expr(vm, rules, "Options");
    if (!l) return LY_ERRMEM;
    return ly_set_options(vm, ly_symbol(vm, name), l) ? LY_OK : LY_ERRMEM;
}

static const char *opt_name(LyExpr x) {
    return ly_is_string(x) ? ly_str(x)->s : ly_is_sym(x) ? ly_sym(x)->name : NULL;
}

static bool is_rule(LyExpr r) {
    return (ly_head_is(r, LY_SYM(Rule)) || ly_head_is(r, LY_SYM(RuleDelayed))) && ly_nlen(r) == 2;
}

/* the rule for name in the List of rules l (borrowed), or NULL */
static LyExpr find_rule(LyExpr l, const char *name) {
    if (!l || !ly_head_is(l, LY_SYM(List))) return NULL;
    for (size_t i = 1; i <= ly_nlen(l); i++) {
        LyExpr r = ly_narg(l, i);
        if (!is_rule(r)) continue;
        const char *s = opt_name(ly_narg(r, 1));
        if (s && !strcmp(s, name)) return r;
    }
    return NULL;
}

/* checks one option argument (a rule or a List of them) against the known
 * ones and fills the values it sets (the first setting of a name wins, as
 * in OptionValue) */
static bool take(LyVM *vm, LyExpr e, LyExpr o, size_t pos, LyExpr known, size_t n, const char *const *names,
                 LyExpr *values, bool *given) {
    if (ly_head_is(o, LY_SYM(List))) {
        for (size_t i = 1; i <= ly_nlen(o); i++)
            if (!take(vm, e, ly_narg(o, i), pos, known, n, names, values, given)) return false;
        return true;
    }
    if (!is_rule(o)) {
        ly_message(vm, ly_nhead(e), "nonopt", 3, o, ly_mksmall((int64_t)pos - 1), e);
        return false;
    }
    const char *s = opt_name(ly_narg(o, 1));
    if (!s || !find_rule(known, s)) {
        ly_message(vm, ly_nhead(e), "optx", 2, ly_narg(o, 1), e);
        return false;
    }
    for (size_t k = 0; k < n; k++)
        if (!given[k] && !strcmp(names[k], s)) { values[k] = ly_narg(o, 2); given[k] = true; }
    return true;
}

bool lys_get_options(LyVM *vm, LyExpr e, size_t from, size_t n, const char *const *names, LyExpr *values) {
    LyExpr known = ly_options(vm, ly_nhead(e));
    bool given[32];
    if (n > 32) return false;
    for (size_t k = 0; k < n; k++) { values[k] = NULL; given[k] = false; }
    for (size_t i = from; i <= ly_nlen(e); i++)
        if (!take(vm, e, ly_narg(e, i), i, known, n, names, values, given)) return false;
    for (size_t k = 0; k < n; k++) {
        if (given[k]) continue;
        LyExpr r = find_rule(known, names[k]);
        if (r) values[k] = ly_narg(r, 2);
    }
    return true;
}

size_t lys_first_option(LyExpr e, size_t from) {
    size_t i = from;
    while (i <= ly_nlen(e) && !is_rule(ly_narg(e, i))) i++;
    return i;
}
