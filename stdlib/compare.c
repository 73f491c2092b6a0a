/*
 * compare.c — comparison and logic: SameQ, UnsameQ, Equal, Unequal, Less,
 * LessEqual, Greater, GreaterEqual, Inequality, Not, And, Or, Xor, Nand,
 * Nor, Implies, TrueQ, Boole, Order, OrderedQ, Max, Min, Positive,
 * Negative, NonNegative, NonPositive.  Written against lyra.h + lyra_ext.h.
 *
 * Equality and order are three-valued: a pair of arguments compares True,
 * False or "unknown", and a chain evaluates only when every pair is known
 * (or one pair is False).  Exact numbers compare exactly; as soon as a
 * machine real takes part, numbers within Wolfram's tolerance (the last
 * seven binary digits) are equal.  Numeric expressions that are not numbers
 * (Pi, Sqrt[2], Sin[1]) compare through their machine values.
 *
 * And, Or, Nand and Nor are HoldAll and short-circuit: they evaluate their
 * arguments in order, stop at the first deciding one and drop the neutral
 * ones (And[x, True] -> x).
 */
#include <math.h>
#include <complex.h>
#include <string.h>
#include "lys_data.h"
#undef I

/* ---- real values ------------------------------------------------------------------------ */

/* The value of e on the extended real line: numbers, +-Infinity and real
 * numeric expressions.  *exact: e is an exact integer or rational. */
static bool real_value(LyVM *vm, LyExpr e, double *v, bool *exact) {
    *exact = false;
    if (lys_is_realnum(e)) {
        *exact = ly_is_exact(e);
        *v = ly_num_to_double(e);
        return true;
    }
    int s = lys_infinity_sign(e);
    if (s) { *v = s * INFINITY; return true; }
    if (ly_is_number(e) || ly_is_string(e) || (ly_is_sym(e) && !lys_numericq(vm, e))) return false;
    double _Complex z;
    if (!lys_nvalue(vm, e, &z) || cimag(z) != 0.0 || isnan(creal(z))) return false;
    *v = creal(z);
    return true;
}

/* Order of two real quantities: -1, 0, 1, or 2 when it cannot be decided. */
static int real_cmp(LyVM *vm, LyExpr a, LyExpr b) {
    if (lys_is_realnum(a) && lys_is_realnum(b) && ly_is_exact(a) && ly_is_exact(b))
        return ly_num_cmp(a, b);
    if (ly_is_normal(a) || ly_is_normal(b)) {
        int c = lys_bigreal_cmp(vm, a, b);      /* arbitrary-precision reals */
        if (c != 2) return c;
    }
    double x, y;
    bool ex, ey;
    if (!real_value(vm, a, &x, &ex) || !real_value(vm, b, &y, &ey)) return 2;
    if (x == y) {
        if (isinf(x)) return 0;
        /* exact numeric expressions with equal machine values: undecided
         * unless they are the same expression */
        if (!ly_is_number(a) || !ly_is_number(b)) return ly_equal(a, b) ? 0 : 2;
        return 0;
    }
    bool inexact = (ly_is_real(a) || ly_is_real(b));
    if (inexact && lys_approx_equal(x, y)) return 0;
    if (!inexact && !ly_is_number(a) && !ly_is_number(b) && lys_approx_equal(x, y)) return 2;
    return x < y ? -1 : 1;
}

/* ---- equality ------------------------------------------------------------------------------ */

static bool is_bool(LyExpr e) { return e == LY_SYM(True) || e == LY_SYM(False); }

static LysTruth eq_truth(LyVM *vm, LyExpr a, LyExpr b);

static LysTruth list_eq(LyVM *vm, LyExpr a, LyExpr b) {
    size_t n = lys_list_len(a);
    if (n != lys_list_len(b)) return LYS_FALSE;
    LysTruth r = LYS_TRUE;
    for (size_t i = 1; i <= n && r != LYS_FALSE; i++) {
        LyExpr x = ly_part(vm, a, i), y = ly_part(vm, b, i);
        LysTruth t = x && y ? eq_truth(vm, x, y) : LYS_UNKNOWN;
        ly_unref(vm, x); ly_unref(vm, y);
        if (t == LYS_FALSE) r = LYS_FALSE;
        else if (t == LYS_UNKNOWN) r = LYS_UNKNOWN;
    }
    return r;
}

static LysTruth num_eq(LyExpr a, LyExpr b) {
    if (ly_is_exact(a) && ly_is_exact(b)) return LYS_FALSE;    /* unique representations */
    double ar, ai = 0, br, bi = 0;
    if (ly_type(a) == LY_TCOMPLEX) { ar = ly_num_to_double(((LyComplex *)a)->re); ai = ly_num_to_double(((LyComplex *)a)->im); }
    else ar = ly_num_to_double(a);
    if (ly_type(b) == LY_TCOMPLEX) { br = ly_num_to_double(((LyComplex *)b)->re); bi = ly_num_to_double(((LyComplex *)b)->im); }
    else br = ly_num_to_double(b);
    return lys_approx_equal(ar, br) && lys_approx_equal(ai, bi) ? LYS_TRUE : LYS_FALSE;
}

static LysTruth eq_truth(LyVM *vm, LyExpr a, LyExpr b) {
    if (ly_equal(a, b)) return LYS_TRUE;
    if (ly_is_normal(a) || ly_is_normal(b)) {
        int c = lys_bigreal_cmp(vm, a, b);      /* arbitrary-precision reals */
        if (c != 2) return c == 0 ? LYS_TRUE : LYS_FALSE;
    }
    bool na = ly_is_number(a), nb = ly_is_number(b);
    if (na && nb) return num_eq(a, b);
    if (ly_is_string(a) && ly_is_string(b)) return LYS_FALSE;
    if (lys_is_list(a) && lys_is_list(b)) return list_eq(vm, a, b);
    if (is_bool(a) && is_bool(b)) return LYS_FALSE;
    int ia = lys_infinity_sign(a), ib = lys_infinity_sign(b);
    if ((ia && (ib || nb)) || (ib && na)) return LYS_FALSE;
    if ((na || lys_numericq(vm, a)) && (nb || lys_numericq(vm, b))) {
        double _Complex x, y;
        if (!lys_nvalue(vm, a, &x) || !lys_nvalue(vm, b, &y)) return LYS_UNKNOWN;
        return lys_approx_equal(creal(x), creal(y)) && lys_approx_equal(cimag(x), cimag(y))
                   ? LYS_TRUE : LYS_FALSE;
    }
    return LYS_UNKNOWN;
}

static LyExpr b_sameq(LyVM *vm, LyExpr e) {
    for (size_t i = 1; i < ly_nlen(e); i++)
        if (!ly_equal(ly_narg(e, i), ly_narg(e, i + 1))) return LY_SYM(False);
    return LY_SYM(True);
}

static LyExpr b_unsameq(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    for (size_t i = 1; i <= n; i++)
        for (size_t j = i + 1; j <= n; j++)
            if (ly_equal(ly_narg(e, i), ly_narg(e, j))) return LY_SYM(False);
    return LY_SYM(True);
}

static LyExpr b_equal(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    bool unknown = false;
    for (size_t i = 1; i < n; i++) {
        LysTruth t = eq_truth(vm, ly_narg(e, i), ly_narg(e, i + 1));
        if (t == LYS_FALSE) return LY_SYM(False);
        if (t == LYS_UNKNOWN) unknown = true;
    }
    return unknown ? NULL : LY_SYM(True);
}

static LyExpr b_unequal(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    bool unknown = false;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = i + 1; j <= n; j++) {
            LysTruth t = eq_truth(vm, ly_narg(e, i), ly_narg(e, j));
            if (t == LYS_TRUE) return LY_SYM(False);
            if (t == LYS_UNKNOWN) unknown = true;
        }
    return unknown ? NULL : LY_SYM(True);
}

/* ---- order relations -------------------------------------------------------------------- */

typedef enum { REL_LESS, REL_LESSEQUAL, REL_GREATER, REL_GREATEREQUAL, REL_EQUAL, REL_UNEQUAL } Rel;

static LysTruth rel_truth(LyVM *vm, Rel r, LyExpr a, LyExpr b) {
    if (r == REL_EQUAL) return eq_truth(vm, a, b);
    if (r == REL_UNEQUAL) {
        LysTruth t = eq_truth(vm, a, b);
        return t == LYS_UNKNOWN ? t : t == LYS_TRUE ? LYS_FALSE : LYS_TRUE;
    }
    int c = real_cmp(vm, a, b);
    if (c == 2) return LYS_UNKNOWN;
    switch (r) {
    case REL_LESS: return c < 0 ? LYS_TRUE : LYS_FALSE;
    case REL_LESSEQUAL: return c <= 0 ? LYS_TRUE : LYS_FALSE;
    case REL_GREATER: return c > 0 ? LYS_TRUE : LYS_FALSE;
    default: return c >= 0 ? LYS_TRUE : LYS_FALSE;
    }
}

/* x1 < x2 < ...: False when a pair is False, True when all are True; else
 * the determined pairs at either end are dropped (1 < 2 < x -> 2 < x). */
static LyExpr chain(LyVM *vm, LyExpr e, Rel r) {
    size_t n = ly_nlen(e);
    if (n <= 1) return LY_SYM(True);
    LysTruth t[n];
    bool all = true;
    for (size_t i = 1; i < n; i++) {
        t[i] = rel_truth(vm, r, ly_narg(e, i), ly_narg(e, i + 1));
        if (t[i] == LYS_FALSE) return LY_SYM(False);
        if (t[i] != LYS_TRUE) all = false;
    }
    if (all) return LY_SYM(True);
    size_t lo = 1, hi = n;
    while (lo < hi && t[lo] == LYS_TRUE) lo++;
    while (hi > lo && t[hi - 1] == LYS_TRUE) hi--;
    if (lo == 1 && hi == n) return NULL;
    return ly_apply(vm, ly_nhead(e), hi - lo + 1, ly_nargs(e) + lo - 1);
}

static LyExpr b_less(LyVM *vm, LyExpr e) { return chain(vm, e, REL_LESS); }
static LyExpr b_lessequal(LyVM *vm, LyExpr e) { return chain(vm, e, REL_LESSEQUAL); }
static LyExpr b_greater(LyVM *vm, LyExpr e) { return chain(vm, e, REL_GREATER); }
static LyExpr b_greaterequal(LyVM *vm, LyExpr e) { return chain(vm, e, REL_GREATEREQUAL); }

static bool rel_of(LyExpr sym, Rel *r) {
    static const struct { int id; Rel r; } map[] = {
        { LY_SYMI_Less, REL_LESS }, { LY_SYMI_LessEqual, REL_LESSEQUAL },
        { LY_SYMI_Greater, REL_GREATER }, { LY_SYMI_GreaterEqual, REL_GREATEREQUAL },
        { LY_SYMI_Equal, REL_EQUAL }, { LY_SYMI_Unequal, REL_UNEQUAL },
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (sym == ly_symexpr(&ly_builtin_symbols[map[i].id])) { *r = map[i].r; return true; }
    return false;
}

/* Inequality[a, op1, b, op2, c, ...]. */
static LyExpr b_inequality(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n == 1) return LY_SYM(True);
    if (n % 2 == 0 || n == 0) return NULL;
    size_t np = n / 2;
    LysTruth t[np + 1];
    bool all = true;
    LyExpr op0 = ly_narg(e, 2);
    bool same = true;
    for (size_t k = 1; k <= np; k++) {
        Rel r;
        LyExpr op = ly_narg(e, 2 * k);
        if (!rel_of(op, &r)) return NULL;
        if (op != op0) same = false;
        t[k] = rel_truth(vm, r, ly_narg(e, 2 * k - 1), ly_narg(e, 2 * k + 1));
        if (t[k] == LYS_FALSE) return LY_SYM(False);
        if (t[k] != LYS_TRUE) all = false;
    }
    if (all) return LY_SYM(True);
    size_t lo = 1, hi = np;
    while (lo <= hi && t[lo] == LYS_TRUE) lo++;
    while (hi >= lo && t[hi] == LYS_TRUE) hi--;
    /* pairs lo..hi remain: elements 2lo-1 .. 2hi+1 */
    if (same || lo == hi) {
        size_t m = hi - lo + 2;
        LY_SCRATCH(LyExpr, items, vm, m);
        if (!items) return NULL;
        for (size_t k = 0; k < m; k++) items[k] = ly_narg(e, 2 * (lo + k) - 1);
        return ly_apply(vm, ly_narg(e, 2 * lo), m, items);
    }
    if (lo == 1 && hi == np) return NULL;
    return ly_apply(vm, ly_nhead(e), 2 * (hi - lo) + 3, ly_nargs(e) + 2 * lo - 2);
}

/* ---- logic ---------------------------------------------------------------------------------- */

static LyExpr negate(LyVM *vm, LyExpr x) {
    if (x == LY_SYM(True)) return LY_SYM(False);
    if (x == LY_SYM(False)) return LY_SYM(True);
    return ly_mk(vm, LY_SYM(Not), 1, (ly_ref(x), x));
}

static LyExpr b_not(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (is_bool(x)) return negate(vm, x);
    if (ly_head_is(x, LY_SYM(Not)) && ly_nlen(x) == 1) { ly_ref(ly_narg(x, 1)); return ly_narg(x, 1); }
    if (ly_is_normal(x) && ly_nlen(x) == 2) {
        static const int pairs[][2] = {
            { LY_SYMI_Equal, LY_SYMI_Unequal }, { LY_SYMI_Unequal, LY_SYMI_Equal },
            { LY_SYMI_Less, LY_SYMI_GreaterEqual }, { LY_SYMI_GreaterEqual, LY_SYMI_Less },
            { LY_SYMI_Greater, LY_SYMI_LessEqual }, { LY_SYMI_LessEqual, LY_SYMI_Greater },
        };
        for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
            if (ly_nhead(x) == ly_symexpr(&ly_builtin_symbols[pairs[i][0]]))
                return ly_apply(vm, ly_symexpr(&ly_builtin_symbols[pairs[i][1]]), 2, ly_nargs(x));
    }
    return NULL;
}

/* And/Or/Nand/Nor: evaluates the (held) arguments in order; `stop` decides,
 * `unit` is dropped.  *decided tells whether stop was met. Returns the
 * remaining arguments as head[...] (or the single one / unit) or NULL. */
static LyExpr shortcut(LyVM *vm, LyExpr e, LyExpr stop, LyExpr unit, size_t *kept, bool *decided) {
    size_t n = ly_nlen(e), k = 0;
    LY_SCRATCH(LyExpr, keep, vm, n);
    if (!keep) return NULL;
    bool changed = false;
    *decided = false;
    for (size_t i = 1; i <= n; i++) {
        LyExpr v = ly_evaluate(vm, ly_narg(e, i));
        if (!v) { for (size_t j = 0; j < k; j++) ly_unref(vm, keep[j]); return NULL; }
        if (v != ly_narg(e, i)) changed = true;
        if (v == stop) {
            for (size_t j = 0; j < k; j++) ly_unref(vm, keep[j]);
            *decided = true;
            return stop;
        }
        if (v == unit) { changed = true; continue; }
        keep[k++] = v;
    }
    LyExpr r;
    *kept = k;
    if (k == 0) r = unit;
    else if (k == 1) { r = keep[0]; ly_ref(r); }
    else if (!changed) r = NULL;   /* nothing to do */
    else r = ly_apply(vm, ly_nhead(e), k, keep);
    for (size_t j = 0; j < k; j++) ly_unref(vm, keep[j]);
    return r;
}

static LyExpr b_and(LyVM *vm, LyExpr e) {
    bool d;
    size_t k;
    return shortcut(vm, e, LY_SYM(False), LY_SYM(True), &k, &d);
}

static LyExpr b_or(LyVM *vm, LyExpr e) {
    bool d;
    size_t k;
    return shortcut(vm, e, LY_SYM(True), LY_SYM(False), &k, &d);
}

/* Nand = Not[And[...]], Nor = Not[Or[...]]. */
static LyExpr nand_nor(LyVM *vm, LyExpr e, LyExpr stop, LyExpr unit) {
    if (ly_nlen(e) == 0) return negate(vm, unit);
    bool d;
    size_t k = 0;
    LyExpr r = shortcut(vm, e, stop, unit, &k, &d);
    if (!r) return NULL;
    if (d || k <= 1) {
        LyExpr x = negate(vm, r);
        ly_unref(vm, r);
        return x;
    }
    return r;
}

static LyExpr b_nand(LyVM *vm, LyExpr e) { return nand_nor(vm, e, LY_SYM(False), LY_SYM(True)); }
static LyExpr b_nor(LyVM *vm, LyExpr e) { return nand_nor(vm, e, LY_SYM(True), LY_SYM(False)); }

static LyExpr b_xor(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e), k = 0, trues = 0;
    LY_SCRATCH(LyExpr, keep, vm, n);
    if (!keep) return NULL;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (a == LY_SYM(True)) trues++;
        else if (a != LY_SYM(False)) keep[k++] = a;
    }
    if (k == n && n > 1) return NULL;
    LyExpr r;
    if (k == 0) return lys_bool(trues % 2);
    if (k == 1) { r = keep[0]; ly_ref(r); }
    else r = ly_apply(vm, ly_nhead(e), k, keep);
    if (!r || trues % 2 == 0) return r;
    LyExpr nr = ly_mk(vm, LY_SYM(Not), 1, r);
    return nr;
}

static LyExpr b_implies(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr p = ly_narg(e, 1), q = ly_narg(e, 2);
    if (p == LY_SYM(True)) { ly_ref(q); return q; }
    if (p == LY_SYM(False) || q == LY_SYM(True)) return LY_SYM(True);
    if (q == LY_SYM(False)) return negate(vm, p);
    return NULL;
}

static LyExpr b_trueq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    return lys_bool(ly_narg(e, 1) == LY_SYM(True));
}

static LyExpr b_boole(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (x == LY_SYM(True)) return ly_mksmall(1);
    if (x == LY_SYM(False)) return ly_mksmall(0);
    return NULL;
}

/* ---- canonical order ------------------------------------------------------------------------- */

static LyExpr b_order(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    return ly_mksmall(-ly_order(ly_narg(e, 1), ly_narg(e, 2)));
}

/* p[a, b] as an ordering answer: true when a may come before b. */
static int ordered_by(LyVM *vm, LyExpr p, LyExpr a, LyExpr b) {
    LyExpr args[2] = { a, b };
    LyExpr r = lys_apply_eval(vm, p, 2, args);
    if (!r) return -1;
    int ok = r == LY_SYM(True) || (ly_is_small(r) && ly_small(r) >= 0);
    ly_unref(vm, r);
    return ok;
}

static LyExpr b_orderedq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr l = ly_narg(e, 1);
    if (!ly_is_normal(l) && !ly_is_packed(l)) return NULL;
    size_t n = ly_length(l);
    if (ly_is_packed(l) && ly_packed(l)->h.aux == 1 && ly_nlen(e) == 1) {
        LyPacked *p = ly_packed(l);
        for (size_t i = 1; i < n; i++) {
            if (p->h.flags == LY_PACKED_INT64 ? ((int64_t *)p->data)[i - 1] > ((int64_t *)p->data)[i]
                                              : ((double *)p->data)[i - 1] > ((double *)p->data)[i])
                return LY_SYM(False);
        }
        return LY_SYM(True);
    }
    LyExpr u = lys_unpacked(vm, l);
    if (!u) return NULL;
    LyExpr res = LY_SYM(True);
    for (size_t i = 1; i < n; i++) {
        int ok;
        if (ly_nlen(e) == 1) ok = ly_order(ly_narg(u, i), ly_narg(u, i + 1)) <= 0;
        else ok = ordered_by(vm, ly_narg(e, 2), ly_narg(u, i), ly_narg(u, i + 1));
        if (ok < 0) { ly_unref(vm, u); return NULL; }
        if (!ok) { res = LY_SYM(False); break; }
    }
    ly_unref(vm, u);
    return res;
}

/* ---- Max and Min ---------------------------------------------------------------------------- */

/* Leaves of the arguments, lists flattened (borrowed from e or from the
 * unpacked copies kept in hold). */
typedef struct Leaves {
    LyVM *vm;
    LyExpr *v, *hold;
    size_t n, cap, nhold, holdcap;
    bool oom;
} Leaves;

static void push(Leaves *L, LyExpr **arr, size_t *n, size_t *cap, LyExpr x) {
    if (*n == *cap) {
        size_t nc = *cap ? 2 * *cap : 16;
        LyExpr *na = ly_realloc(L->vm, *arr, *cap * sizeof(LyExpr), nc * sizeof(LyExpr));
        if (!na) { L->oom = true; return; }
        *arr = na; *cap = nc;
    }
    (*arr)[(*n)++] = x;
}

static void leaves_add(Leaves *L, LyExpr a) {
    if (L->oom) return;
    if (ly_is_packed(a)) {
        LyExpr u = ly_unpack(L->vm, a);
        if (!u) { L->oom = true; return; }
        push(L, &L->hold, &L->nhold, &L->holdcap, u);
        if (L->oom) { ly_unref(L->vm, u); return; }
        a = u;
    }
    if (ly_head_is(a, LY_SYM(List))) {
        for (size_t i = 1; i <= ly_nlen(a); i++) leaves_add(L, ly_narg(a, i));
        return;
    }
    if (ly_type(a) == LY_TASSOC) {          /* the values of an association */
        LyAssoc *as = ly_assoc(a);
        for (size_t i = 0; i < as->len; i++) leaves_add(L, ly_narg(as->rules[i], 2));
        return;
    }
    push(L, &L->v, &L->n, &L->cap, a);
}

static LyExpr max_min(LyVM *vm, LyExpr e, int dir) {
    Leaves L = { vm, NULL, NULL, 0, 0, 0, 0, false };
    for (size_t i = 1; i <= ly_nlen(e); i++) leaves_add(&L, ly_narg(e, i));
    LyExpr r = NULL, best = NULL;
    size_t k = 0;
    LyExpr *rest = L.v;                   /* symbolic leaves are compacted in place */
    bool ok = !L.oom;
    for (size_t i = 0; ok && i < L.n; i++) {
        LyExpr a = L.v[i];
        if (ly_type(a) == LY_TCOMPLEX || ly_is_string(a)) {
            ly_set_message(vm, ly_symbol_name(ly_nhead(e)), "nord", "Invalid comparison with `1` attempted.");
            ly_message(vm, ly_nhead(e), "nord", 1, a);
            ok = false;
            break;
        }
        double v; bool ex;
        if (lys_is_realnum(a) || lys_infinity_sign(a) || (lys_numericq(vm, a) && real_value(vm, a, &v, &ex))) {
            if (!best) { best = a; continue; }
            int c = real_cmp(vm, a, best);
            if ((c != 2 && c * dir > 0) || (c == 0 && ly_is_real(a) && !ly_is_real(best))) best = a;
            continue;
        }
        rest[k++] = a;
    }
    LY_SCRATCH(LyExpr, items, vm, ok ? k + 1 : 0);
    if (ok && items) {
        size_t m = 0;
        if (best) items[m++] = best;
        for (size_t i = 0; i < k; i++) items[m++] = rest[i];
        bool same = m == ly_nlen(e);
        for (size_t i = 0; same && i < m; i++) if (items[i] != ly_narg(e, i + 1)) same = false;
        if (m == 0) r = lys_infinity(vm, -dir);
        else if (m == 1) { r = items[0]; ly_ref(r); }
        else if (!same) r = ly_apply(vm, ly_nhead(e), m, items);
    }
    if (L.oom) r = ly_raise_nomem(vm);
    for (size_t i = 0; i < L.nhold; i++) ly_unref(vm, L.hold[i]);
    if (L.hold) ly_dealloc(vm, L.hold, L.holdcap * sizeof(LyExpr));
    if (L.v) ly_dealloc(vm, L.v, L.cap * sizeof(LyExpr));
    return r;
}

static LyExpr b_max(LyVM *vm, LyExpr e) { return max_min(vm, e, 1); }
static LyExpr b_min(LyVM *vm, LyExpr e) { return max_min(vm, e, -1); }

/* ---- signs -------------------------------------------------------------------------------------- */

/* Sign of a real quantity: -1, 0, 1; 2 for non-real numbers; 3 unknown. */
static int sign_of(LyVM *vm, LyExpr x) {
    if (lys_is_realnum(x)) return ly_num_sign(x);
    if (ly_type(x) == LY_TCOMPLEX) return 2;
    int s = lys_infinity_sign(x);
    if (s) return s;
    double v; bool ex;
    if (real_value(vm, x, &v, &ex)) return (v > 0) - (v < 0);
    if (lys_numericq(vm, x)) return 2;
    return 3;
}

static LyExpr sign_test(LyVM *vm, LyExpr e, int want_pos, int want_zero, int want_neg) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    int s = sign_of(vm, ly_narg(e, 1));
    if (s == 3) return NULL;
    if (s == 2) return LY_SYM(False);
    return lys_bool(s > 0 ? want_pos : s < 0 ? want_neg : want_zero);
}

static LyExpr b_positive(LyVM *vm, LyExpr e) { return sign_test(vm, e, 1, 0, 0); }
static LyExpr b_negative(LyVM *vm, LyExpr e) { return sign_test(vm, e, 0, 0, 1); }
static LyExpr b_nonnegative(LyVM *vm, LyExpr e) { return sign_test(vm, e, 1, 1, 0); }
static LyExpr b_nonpositive(LyVM *vm, LyExpr e) { return sign_test(vm, e, 0, 1, 1); }

/* ---- table ------------------------------------------------------------------------------------- */

static const LyBuiltin compare_builtins[] = {
    { "SameQ", b_sameq, "Protected",
      "lhs === rhs yields True if the expression lhs is identical to rhs, and yields False otherwise." },
    { "UnsameQ", b_unsameq, "Protected",
      "lhs =!= rhs yields True if the expression lhs is not identical to rhs, and yields False otherwise." },
    { "Equal", b_equal, "Protected",
      "lhs == rhs returns True if lhs and rhs are identical." },
    { "Unequal", b_unequal, "Protected",
      "lhs != rhs or lhs \u2260 rhs returns False if lhs and rhs are identical." },
    { "Less", b_less, "Protected", "x < y yields True if x is determined to be less than y." },
    { "LessEqual", b_lessequal, "Protected",
      "x <= y or x \u2264 y yields True if x is determined to be less than or equal to y." },
    { "Greater", b_greater, "Protected", "x > y yields True if x is determined to be greater than y." },
    { "GreaterEqual", b_greaterequal, "Protected",
      "x >= y or x \u2265 y yields True if x is determined to be greater than or equal to y." },
    { "Inequality", b_inequality, "Protected",
      "Inequality represents a sequence of relational statements." },
    { "Not", b_not, "Protected", "!expr is the logical NOT function." },
    { "And", b_and, "Flat HoldAll OneIdentity Protected", "e1 && e2 && ... is the logical AND function." },
    { "Or", b_or, "Flat HoldAll OneIdentity Protected", "e1 || e2 || ... is the logical OR function." },
    { "Xor", b_xor, "Flat OneIdentity Orderless Protected",
      "Xor[e1, e2, ...] is the logical XOR (exclusive OR) function." },
    { "Nand", b_nand, "HoldAll Protected", "Nand[e1, e2, ...] is the logical NAND function." },
    { "Nor", b_nor, "HoldAll Protected", "Nor[e1, e2, ...] is the logical NOR function." },
    { "Implies", b_implies, "Protected", "Implies[p, q] represents the logical implication p \u21d2 q." },
    { "TrueQ", b_trueq, "Protected", "TrueQ[expr] yields True if expr is True, and yields False otherwise." },
    { "Boole", b_boole, "Listable Protected", "Boole[expr] yields 1 if expr is True and 0 if it is False." },
    { "Order", b_order, "Protected",
      "Order[expr1, expr2] gives 1 if expr1 is before expr2 in canonical order, and -1 if expr1 is after expr2 in canonical order." },
    { "OrderedQ", b_orderedq, "Protected",
      "OrderedQ[h[e1, e2, ...]] gives True if the ei are in canonical order, and False otherwise." },
    { "Max", b_max, "Flat NumericFunction OneIdentity Orderless Protected",
      "Max[x1, x2, ...] yields the numerically largest of the xi." },
    { "Min", b_min, "Flat NumericFunction OneIdentity Orderless Protected",
      "Min[x1, x2, ...] yields the numerically smallest of the xi." },
    { "Positive", b_positive, "Listable Protected", "Positive[x] gives True if x is a positive number." },
    { "Negative", b_negative, "Listable Protected", "Negative[x] gives True if x is a negative number." },
    { "NonNegative", b_nonnegative, "Listable Protected",
      "NonNegative[x] gives True if x is a non-negative number." },
    { "NonPositive", b_nonpositive, "Listable Protected",
      "NonPositive[x] gives True if x is a non-positive number." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_compare(LyVM *vm);
LyStatus lys_open_compare(LyVM *vm) {
    lys_data_messages(vm);
    return ly_register_table(vm, compare_builtins);
}
