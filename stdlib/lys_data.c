/*
 * lys_data.c — shared helpers of the data modules (see lys_data.h).
 */
#include <math.h>
#include <string.h>
#include "lys_data.h"

/* ---- argument counts ------------------------------------------------------------------ */

bool lys_argc(LyVM *vm, LyExpr e, size_t lo, size_t hi) {
    size_t n = ly_nlen(e);
    if (n >= lo && n <= hi) return true;
    LyExpr f = ly_nhead(e);
    if (!ly_is_sym(f)) return false;
    LyExpr cn = lys_count(n), l = lys_count(lo), h = lys_count(hi);
    if (lo == hi) {
        if (lo == 1) ly_message(vm, f, "argx", 2, f, cn);
        else if (n == 1) ly_message(vm, f, "argr", 2, f, l);
        else ly_message(vm, f, "argrx", 3, f, cn, l);
    } else if (hi == SIZE_MAX) {
        if (n == 1) ly_message(vm, f, "argmu", 2, f, l);
        else ly_message(vm, f, "argm", 3, f, cn, l);
    } else if (hi == lo + 1) {
        if (n == 1) ly_message(vm, f, "argtu", 3, f, l, h);
        else ly_message(vm, f, "argt", 4, f, cn, l, h);
    } else {
        if (n == 1) ly_message(vm, f, "argbu", 3, f, l, h);
        else ly_message(vm, f, "argb", 4, f, cn, l, h);
    }
    return false;
}

void lys_data_messages(LyVM *vm) {
    /* the same texts control.c defines; whichever opens first wins nothing */
    ly_set_message(vm, "General", "argm", "`1` called with `2` arguments; `3` or more arguments are expected.");
    ly_set_message(vm, "General", "argmu", "`1` called with 1 argument; `2` or more arguments are expected.");
    ly_set_message(vm, "General", "argbu", "`1` called with 1 argument; between `2` and `3` arguments are expected.");
    ly_set_message(vm, "General", "argtu", "`1` called with 1 argument; `2` or `3` arguments are expected.");
}

/* ---- lists -------------------------------------------------------------------------------- */

void lys_abandon(LyVM *vm, LyExpr fresh, size_t from) {
    if (!fresh) return;
    /* slots are NULL until set (ly_mknormal clears them): fill only the empty
     * ones, so parts already stored are released with the expression */
    for (size_t i = from; i <= ly_nlen(fresh); i++)
        if (!ly_narg(fresh, i)) ly_nset(fresh, i, LY_SYM(Null));
    ly_unref(vm, fresh);
}

LyExpr lys_pack_steal(LyVM *vm, LyExpr list) {
    if (!list) return NULL;
    LyExpr p = ly_try_pack(vm, list);
    ly_unref(vm, list);
    return p;
}

LyExpr lys_list_packed(LyVM *vm, size_t n, const LyExpr *items) {
    return lys_pack_steal(vm, ly_list(vm, n, items));
}

/* ---- evaluation ----------------------------------------------------------------------------- */

LyExpr lys_eval_steal(LyVM *vm, LyExpr e) {
    if (!e) return NULL;
    LyExpr r = ly_evaluate(vm, e);
    ly_unref(vm, e);
    return r;
}

LyExpr lys_apply_eval(LyVM *vm, LyExpr f, size_t n, const LyExpr *args) {
    return lys_eval_steal(vm, ly_apply(vm, f, n, args));
}

LyExpr lys_text_expr(LyVM *vm, const char *text, const char *chunk) {
    LyExpr e = NULL;
    if (ly_parse_library(vm, text, strlen(text), chunk, &e) != LY_OK) return ly_unwinding(vm) ? NULL : ly_raise_nomem(vm);
    return e;
}

LyExpr lys_text_value(LyVM *vm, const char *text) {
    return lys_eval_steal(vm, lys_text_expr(vm, text, "lyra"));
}

/* ---- numbers ------------------------------------------------------------------------------------ */

void lys_mpz_get(mpz_t z, LyExpr e) {
    if (ly_is_small(e)) { mpz_init_set_si(z, (long)ly_small(e)); return; }
    LyBig *b = (LyBig *)e;
    mpz_t view;
    mpz_roinit_n(view, (const mp_limb_t *)b->limbs, b->size);
    mpz_init_set(z, view);
}

void lys_mpq_get(mpq_t q, LyExpr e) {
    mpq_init(q);
    if (ly_type(e) == LY_TRAT) {
        mpz_t n, d;
        lys_mpz_get(n, ((LyRational *)e)->num);
        lys_mpz_get(d, ((LyRational *)e)->den);
        mpq_set_num(q, n);
        mpq_set_den(q, d);
        mpz_clear(n); mpz_clear(d);
        return;
    }
    mpz_t n;
    lys_mpz_get(n, e);
    mpq_set_z(q, n);
    mpz_clear(n);
}

LyExpr lys_from_mpq(LyVM *vm, const mpq_t q) {
    if (mpz_cmp_ui(mpq_denref(q), 1) == 0) return ly_mkint_big(vm, mpq_numref(q));
    LyExpr n = ly_mkint_big(vm, mpq_numref(q)), d = ly_mkint_big(vm, mpq_denref(q));
    if (!n || !d) { ly_unref(vm, n); ly_unref(vm, d); return NULL; }
    return ly_mkrational(vm, n, d);
}

int lys_infinity_sign(LyExpr e) {
    /* c Infinity with a real c (-Infinity until Times folds it) */
    if (ly_head_is(e, LY_SYM(Times)) && ly_nlen(e) == 2 && lys_is_realnum(ly_narg(e, 1)) &&
        !ly_num_is_zero(ly_narg(e, 1)))
        return ly_num_sign(ly_narg(e, 1)) * lys_infinity_sign(ly_narg(e, 2));
    if (!ly_head_is(e, LY_SYM(DirectedInfinity)) || ly_nlen(e) != 1) return 0;
    LyExpr d = ly_narg(e, 1);
    if (!lys_is_realnum(d)) return 0;
    return ly_num_sign(d);
}

LyExpr lys_infinity(LyVM *vm, int sign) {
    if (sign == 0) return LY_SYM(ComplexInfinity);
    return ly_mk(vm, LY_SYM(DirectedInfinity), 1, ly_mksmall(sign > 0 ? 1 : -1));
}

bool lys_approx_equal(double a, double b) {
    if (a == b) return true;
    if (isnan(a) || isnan(b) || isinf(a) || isinf(b)) return false;
    double m = fmax(fabs(a), fabs(b));
    return fabs(a - b) <= m * 0x1p-46;
}
