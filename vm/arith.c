/*
 * arith.c — Plus, Times, Power and their derived forms (Minus, Subtract,
 * Divide, Sqrt): exact and inexact arithmetic with normal forms.
 *
 * Plus and Times are Flat, Orderless, OneIdentity and Listable, so they see
 * flattened, sorted arguments.  Plus adds the numbers and collects like
 * terms (x + 2 x -> 3 x); Times multiplies the numbers and collects powers
 * of equal bases (x x^2 -> x^3); Power folds numbers exactly where the
 * result is a number, and simplifies x^0, x^1, 1^x, (x^a)^n, (x y)^n.
 */
#include <math.h>
#include <string.h>
#include "lyv.h"

LyExpr lyv_exact_root(LyVM *vm, LyExpr b, LyExpr x);

/* ---- helpers ----------------------------------------------------------------------- */

static LyExpr mk2(LyVM *vm, LyExpr h, LyExpr a, LyExpr b) { return ly_mk(vm, h, 2, a, b); }

static LyExpr eval_steal(LyVM *vm, LyExpr e) {
    if (!e) return NULL;
    LyExpr r = lyv_eval(vm, e);
    ly_unref(vm, e);
    return r;
}

/* h[items...] with n items, or the single item when n == 1, or unit when 0. */
static LyExpr rebuild(LyVM *vm, LyExpr h, LyExpr *items, size_t n, LyExpr unit) {
    if (n == 0) { ly_ref(unit); return unit; }
    if (n == 1) { ly_ref(items[0]); return items[0]; }
    return ly_apply(vm, h, n, items);
}

/* Splits a term into numeric coefficient and rest: 3 x y -> 3, x y. */
static void split_coef(LyVM *vm, LyExpr t, LyExpr *coef, LyExpr *rest) {
    if (ly_head_is(t, LY_SYM(Times)) && ly_nlen(t) >= 2 && ly_is_number(ly_narg(t, 1))) {
        *coef = ly_narg(t, 1);
        ly_ref(*coef);
        *rest = rebuild(vm, LY_SYM(Times), ly_nargs(t) + 1, ly_nlen(t) - 1, ly_mksmall(1));
        return;
    }
    *coef = ly_mksmall(1);
    ly_ref(t);
    *rest = t;
}

static bool is_inexact_zero(LyExpr x) { return ly_is_real(x) && ly_realv(x) == 0.0; }

/* ---- inexact contagion ---------------------------------------------------------------- */

/* NumericQ: numbers, Constant symbols (Pi, E, ...), NumericFunction heads of
 * numeric arguments.  Depth-limited; deep expressions answer false. */
static bool numericq(LyVM *vm, LyExpr e, int depth) {
    if (ly_is_number(e)) return true;
    if (ly_is_sym(e)) return (lyv_attrs(vm, e) & LYA_CONSTANT) != 0;
    if (!ly_is_normal(e) || depth > 32 || !ly_is_sym(ly_nhead(e))) return false;
    if (!(lyv_attrs(vm, ly_nhead(e)) & LYA_NUMERICFUNCTION)) return false;
    for (size_t i = 1; i <= ly_nlen(e); i++) if (!numericq(vm, ly_narg(e, i), depth + 1)) return false;
    return true;
}

/* 2. Pi -> 6.28319, E^1. -> 2.71828: when a machine real meets numeric
 * non-numbers in Plus/Times/Power, those that have machine values (N)
 * take them, whatever else is there (2. Pi x -> 6.28319 x, 1. + Sqrt[2] +
 * y -> 2.41421 + y, as Wolfram); NULL when none changes (2. f[2] with a
 * NumericFunction f that N leaves as f[2.]). */
static LyExpr contagion(LyVM *vm, LyExpr e) {
    bool real = false, other = false;
    size_t n = ly_nlen(e);
    for (size_t i = 1; i <= n && !real; i++) {
        LyExpr a = ly_narg(e, i);
        real = ly_is_real(a) || (ly_type(a) == LY_TCOMPLEX && !ly_is_exact(a));
    }
    if (!real) return NULL;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (ly_is_number(a)) continue;
        if (numericq(vm, a, 0)) { other = true; break; }
    }
    if (!other) return NULL;
    LyExpr nsym = lyv_symbol("N");
    LyDefs *d = nsym ? lyv_defs_get(vm, ly_sym(nsym)) : NULL;
    if (!d || !d->builtin) return NULL;
    ly_ref(ly_nhead(e));
    LyExpr r = ly_mknormal(vm, ly_nhead(e), n);
    if (!r) return NULL;
    bool any = false;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i), v = NULL;
        if (!ly_is_number(a) && numericq(vm, a, 0)) {
            ly_ref(a);
            LyExpr call = ly_mk(vm, nsym, 1, a);
            v = call ? lyv_eval(vm, call) : NULL;
            ly_unref(vm, call);
            if (!v) {
                for (size_t j = i; j <= n; j++) ly_nset(r, j, LY_SYM(Null));
                ly_unref(vm, r);
                return NULL;
            }
            if (ly_is_number(v)) any = true;
            else { ly_unref(vm, v); v = NULL; }
        }
        if (!v) { v = a; ly_ref(v); }
        ly_nset(r, i, v);
    }
    if (!any) { ly_unref(vm, r); return NULL; }
    return r;
}

/* ---- Plus --------------------------------------------------------------------------- */

/* All arguments machine-size integers: the common case of loop counters
 * and recursion arguments, summed without the general machinery. */
static bool small_fold(LyExpr e, bool mul, int64_t *out) {
    int64_t acc = mul ? 1 : 0;
    for (size_t i = 1; i <= ly_nlen(e); i++) {
        LyExpr a = ly_narg(e, i);
        if (!ly_is_small(a)) return false;
        if (mul ? __builtin_mul_overflow(acc, ly_small(a), &acc)
                : __builtin_add_overflow(acc, ly_small(a), &acc)) return false;
    }
    *out = acc;
    return true;
}

/* Like terms (Plus) and like bases (Times) are found through a hash index
 * once there are many: a sum of 10^6 distinct terms would otherwise take
 * 10^12 comparisons with no safe point.  tab (cap slots, a power of two,
 * or NULL for a linear search) holds index + 1, 0 when empty. */
#define TERM_INDEX_MIN 32        /* up to here: a linear search, nothing allocated */

static size_t term_index_cap(size_t n) {
    if (n <= TERM_INDEX_MIN) return 0;
    size_t cap = 64;
    while (cap < 2 * n) cap *= 2;
    return cap;
}

/* The position of x among v[0..nv), or nv with *slot set to where its
 * index goes when it is added. */
static size_t term_find(size_t *tab, size_t cap, const LyExpr *v, size_t nv, LyExpr x, size_t **slot) {
    *slot = NULL;
    if (!cap) {
        size_t j;
        for (j = 0; j < nv; j++) if (ly_equal(v[j], x)) break;
        return j;
    }
    for (size_t i = (size_t)ly_hash(x) & (cap - 1);; i = (i + 1) & (cap - 1)) {
        if (!tab[i]) { *slot = &tab[i]; return nv; }
        if (ly_equal(v[tab[i] - 1], x)) return tab[i] - 1;
    }
}

/* ---- infinities ------------------------------------------------------------------------ */

static bool is_dinf(LyExpr a) { return ly_head_is(a, LY_SYM(DirectedInfinity)) && ly_nlen(a) == 1; }
static bool is_special(LyExpr a) {
    return is_dinf(a) || a == LY_SYM(ComplexInfinity) || a == LY_SYM(Indeterminate);
}

static LyExpr indet(LyVM *vm, LyExpr e) {
    LyExpr hf = ly_mk(vm, LY_SYM(HoldForm), 1, (ly_ref(e), e));
    ly_message(vm, LY_SYM(Infinity), "indet", 1, hf);
    ly_unref(vm, hf);
    return LY_SYM(Indeterminate);
}

/* The unit direction of a nonzero number: its sign, or z/|z|. */
static LyExpr unit_dir(LyVM *vm, LyExpr c) {
    if (ly_type(c) != LY_TCOMPLEX) return ly_mksmall(ly_num_sign(c) < 0 ? -1 : 1);
    LyComplex *z = (LyComplex *)c;
    if (ly_is_small(z->re) && ly_small(z->re) == 0)
        return ly_mkcomplex(vm, ly_mksmall(0), ly_mksmall(ly_num_sign(z->im) < 0 ? -1 : 1));
    if (!ly_is_exact(c)) {
        double x = ly_num_to_double(z->re), y = ly_num_to_double(z->im), r = hypot(x, y);
        return ly_mkcomplex(vm, ly_mkreal(vm, x / r), ly_mkreal(vm, y / r));
    }
    ly_ref(c);
    return c;    /* exact: DirectedInfinity[1 + I] stays as it is */
}

/* Plus with an infinity or Indeterminate among its arguments; NULL: not
 * handled here. */
static LyExpr inf_plus(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e), keep = 0;
    LyExpr dir = NULL;
    bool cinf = false;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (a == LY_SYM(Indeterminate)) return LY_SYM(Indeterminate);
        if (a == LY_SYM(ComplexInfinity)) {
            if (cinf || dir) return indet(vm, e);
            cinf = true;
        } else if (is_dinf(a)) {
            if (cinf || (dir && !ly_equal(dir, ly_narg(a, 1)))) return indet(vm, e);
            dir = ly_narg(a, 1);
        } else if (!ly_is_number(a)) keep++;
    }
    LyExpr inf = cinf ? LY_SYM(ComplexInfinity) : ly_mk(vm, LY_SYM(DirectedInfinity), 1, (ly_ref(dir), dir));
    if (!inf) return NULL;
    if (keep == 0) return inf;
    if (keep + 1 == n) { ly_unref(vm, inf); return NULL; }    /* nothing to drop: ordinary Plus */
    LyExpr r = ly_mknormal(vm, LY_SYM(Plus), keep + 1);
    if (!r) { ly_unref(vm, inf); return NULL; }
    size_t k = 1;
    ly_nset(r, k++, inf);
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (!ly_is_number(a) && !is_special(a)) ly_nset(r, k++, (ly_ref(a), a));
    }
    return r;
}

/* Times with an infinity or Indeterminate among its arguments. */
/* 1 or -1 for a numeric non-number with a real machine value (Sqrt[2],
 * -Pi), else NULL */
static LyExpr real_sign_of(LyVM *vm, LyExpr a) {
    if (!numericq(vm, a, 0)) return NULL;
    LyExpr nsym = lyv_symbol("N");
    LyDefs *d = nsym ? lyv_defs_get(vm, ly_sym(nsym)) : NULL;
    if (!d || !d->builtin) return NULL;
    ly_ref(a);
    LyExpr call = ly_mk(vm, nsym, 1, a);
    LyExpr v = call ? lyv_eval(vm, call) : NULL;
    ly_unref(vm, call);
    LyExpr r = NULL;
    if (v && ly_is_real(v) && ly_realv(v) != 0) r = ly_mksmall(ly_realv(v) > 0 ? 1 : -1);
    ly_unref(vm, v);
    return r;
}

static LyExpr inf_times(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e), keep = 0, ninf = 0, nnum = 0;
    LyExpr c = ly_mksmall(1);
    bool cinf = false;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (a == LY_SYM(Indeterminate)) { ly_unref(vm, c); return LY_SYM(Indeterminate); }
        LyExpr f = NULL;
        if (a == LY_SYM(ComplexInfinity)) { cinf = true; ninf++; continue; }
        if (is_dinf(a)) { f = ly_narg(a, 1); ninf++; }
        else if (ly_is_number(a)) { f = a; nnum++; }
        else if ((f = real_sign_of(vm, a))) {
            /* a numeric real factor (Sqrt[2], Pi): only its sign counts */
            nnum++;
        }
        else { if (vm->unwind) { ly_unref(vm, c); return NULL; } keep++; continue; }
        if (!ly_is_number(f)) { keep++; continue; }       /* DirectedInfinity[x]: leave it */
        LyExpr t = ly_num_mul(vm, c, f);
        ly_unref(vm, c);
        c = t;
        if (!c) return NULL;
    }
    if (ly_num_is_zero(c) || (ly_is_number(c) && ly_is_exact(c) && ly_num_is_zero(c))) { ly_unref(vm, c); return indet(vm, e); }
    LyExpr inf;
    if (cinf) inf = LY_SYM(ComplexInfinity);
    else {
        LyExpr d = unit_dir(vm, c);
        inf = d ? ly_mk(vm, LY_SYM(DirectedInfinity), 1, d) : NULL;
    }
    ly_unref(vm, c);
    if (!inf) return NULL;
    if (keep == 0) return inf;
    if (ninf == 1 && nnum == 0) {
        /* x Infinity stays, unless the infinity was not normal */
        bool normal = true;
        for (size_t i = 1; i <= n; i++)
            if (is_dinf(ly_narg(e, i)) && !ly_equal(ly_narg(e, i), inf)) normal = false;
        if (normal) { ly_unref(vm, inf); return NULL; }
    }
    LyExpr r = ly_mknormal(vm, LY_SYM(Times), keep + 1);
    if (!r) { ly_unref(vm, inf); return NULL; }
    size_t k = 1;
    ly_nset(r, k++, inf);
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (!ly_is_number(a) && !is_special(a)) {
            if (k <= keep + 1 && !real_sign_of(vm, a)) ly_nset(r, k++, (ly_ref(a), a));
        }
        else if (is_dinf(a) && !ly_is_number(ly_narg(a, 1))) ly_nset(r, k++, (ly_ref(a), a));
    }
    if (k <= keep + 1) { for (; k <= keep + 1; k++) ly_nset(r, k, ly_mksmall(1)); }
    return r;
}

/* Power with an infinity: Infinity^2, 2^Infinity, E^-Infinity, 1/Infinity. */
static LyExpr inf_power(LyVM *vm, LyExpr e) {
    LyExpr b = ly_narg(e, 1), x = ly_narg(e, 2);
    if (b == LY_SYM(Indeterminate) || x == LY_SYM(Indeterminate)) return LY_SYM(Indeterminate);
    if ((is_dinf(b) || b == LY_SYM(ComplexInfinity)) && ly_is_number(x) && ly_type(x) != LY_TCOMPLEX) {
        int s = ly_num_sign(x);
        if (s == 0) {
            LyExpr hf = ly_mk(vm, LY_SYM(HoldForm), 1, (ly_ref(e), e));
            ly_message(vm, LY_SYM(Power), "indet", 1, hf);
            ly_unref(vm, hf);
            return LY_SYM(Indeterminate);
        }
        if (s < 0) return ly_is_exact(x) ? ly_mksmall(0) : ly_mkreal(vm, 0.0);
        if (b == LY_SYM(ComplexInfinity)) return LY_SYM(ComplexInfinity);
        LyExpr d = ly_narg(b, 1);
        if (ly_is_small(d) && ly_small(d) == 1) { ly_ref(b); return b; }
        if (ly_is_small(d) && ly_small(d) == -1 && ly_is_small(x))
            return ly_mk(vm, LY_SYM(DirectedInfinity), 1, ly_mksmall(ly_small(x) % 2 ? -1 : 1));
        return NULL;
    }
    if (is_dinf(x) && ly_is_small(ly_narg(x, 1)) && (ly_small(ly_narg(x, 1)) == 1 || ly_small(ly_narg(x, 1)) == -1)) {
        bool pos = ly_small(ly_narg(x, 1)) == 1;
        double v;
        if (b == LY_SYM(E)) v = 2.718281828459045;
        else if (ly_is_number(b) && ly_type(b) != LY_TCOMPLEX) v = ly_num_to_double(b);
        else return NULL;
        double m = fabs(v);
        if (m == 1) return indet(vm, e);
        bool big = pos ? m > 1 : m < 1;
        if (!big) return b == LY_SYM(E) || ly_is_exact(b) ? ly_mksmall(0) : ly_mkreal(vm, 0.0);
        if (v > 0) return ly_mk(vm, LY_SYM(DirectedInfinity), 1, ly_mksmall(1));
        return LY_SYM(ComplexInfinity);
    }
    return NULL;
}

static LyExpr b_plus(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    int64_t sv;
    if (small_fold(e, false, &sv)) return lyv_int_from_int64(vm, sv);
    for (size_t i = 1; i <= n; i++)
        if (is_special(ly_narg(e, i))) {
            LyExpr r = inf_plus(vm, e);
            if (r || vm->unwind) return r;
            break;
        }
    LyExpr nv = contagion(vm, e);
    if (nv || vm->unwind) return nv;
    LyExpr sum = ly_mksmall(0);
    bool changed = false, have_num = false;
    LY_SCRATCH(LyExpr, terms, vm, n);
    LY_SCRATCH(LyExpr, coefs, vm, n);
    LY_SCRATCH(LyExpr, items, vm, n + 1);    /* the rebuilt sum */
    size_t cap = term_index_cap(n), *slot;
    LY_SCRATCH(size_t, tab, vm, cap);
    if (!terms || !coefs || !items || !tab) return NULL;
    if (cap) memset(tab, 0, cap * sizeof *tab);
    size_t nt = 0;
    bool ok = true;

    for (size_t i = 1; i <= n && ok; i++) {
        LyExpr a = ly_narg(e, i);
        if (ly_is_number(a)) {
            if (have_num) changed = true;
            have_num = true;
            LyExpr s = ly_num_add(vm, sum, a);
            ly_unref(vm, sum);
            sum = s;
            if (!s) ok = false;
            continue;
        }
        LyExpr c, r;
        split_coef(vm, a, &c, &r);
        if (!r) { ly_unref(vm, c); ok = false; break; }
        size_t j = term_find(tab, cap, terms, nt, r, &slot);
        if (j < nt) {
            LyExpr s = ly_num_add(vm, coefs[j], c);
            ly_unref(vm, coefs[j]);
            ly_unref(vm, c);
            ly_unref(vm, r);
            coefs[j] = s;
            if (!s) { coefs[j] = ly_mksmall(0); ok = false; }
            changed = true;
        } else {
            if (slot) *slot = nt + 1;
            terms[nt] = r;
            coefs[nt] = c;
            nt++;
        }
    }
    LyExpr result = NULL;
    if (ok && (changed || (have_num && ly_is_exact(sum) && ly_num_is_zero(sum) && nt > 0) ||
               nt + have_num <= 1)) {
        /* rebuild: number first, then c*t for nonzero c */
        size_t k = 0;
        if (have_num && !(ly_num_is_zero(sum) && nt > 0)) { ly_ref(sum); items[k++] = sum; }
        for (size_t j = 0; j < nt && ok; j++) {
            if (ly_is_exact(coefs[j]) && ly_num_is_zero(coefs[j])) continue;
            LyExpr t;
            if (ly_num_is_one(coefs[j]) && ly_is_exact(coefs[j])) { ly_ref(terms[j]); t = terms[j]; }
            else {
                ly_ref(coefs[j]); ly_ref(terms[j]);
                t = eval_steal(vm, mk2(vm, LY_SYM(Times), coefs[j], terms[j]));
            }
            if (!t) { ok = false; break; }
            items[k++] = t;
        }
        if (ok) result = k == 0 ? (is_inexact_zero(sum) ? (ly_ref(sum), sum) : ly_mksmall(0))
                                : rebuild(vm, LY_SYM(Plus), items, k, ly_mksmall(0));
        for (size_t j = 0; j < k; j++) ly_unref(vm, items[j]);
    }
    ly_unref(vm, sum);
    for (size_t j = 0; j < nt; j++) { ly_unref(vm, terms[j]); ly_unref(vm, coefs[j]); }
    if (!ok && !vm->unwind) return NULL;
    return result;
}

/* ---- Times --------------------------------------------------------------------------- */

static void split_power(LyExpr f, LyExpr *base, LyExpr *ex) {
    /* numeric bases merge only through fractional powers: Sqrt[2]/Sqrt[2] -> 1,
     * 2^(1/2) 2^(1/3) -> 2^(5/6), but 2 Sqrt[2] stays */
    if (ly_head_is(f, LY_SYM(Power)) && ly_nlen(f) == 2 &&
        (!ly_is_number(ly_narg(f, 1)) || ly_type(ly_narg(f, 2)) == LY_TRAT || !ly_is_number(ly_narg(f, 2)))) {
        *base = ly_narg(f, 1);
        *ex = ly_narg(f, 2);
    } else {
        *base = f;
        *ex = ly_mksmall(1);
    }
}

static LyExpr add_exponents(LyVM *vm, LyExpr a, LyExpr b) {
    if (ly_is_number(a) && ly_is_number(b)) return ly_num_add(vm, a, b);
    ly_ref(a); ly_ref(b);
    return eval_steal(vm, mk2(vm, LY_SYM(Plus), a, b));
}

/* ---- numeric radicals in products, as Wolfram writes them ------------------------------- */

/* An exact positive rational base with a rational, non-integer exponent. */
static bool radical(LyExpr b, LyExpr x) {
    return (ly_is_integer(b) || ly_type(b) == LY_TRAT) && ly_num_sign(b) > 0 && ly_type(x) == LY_TRAT &&
           ly_is_small(((LyRational *)x)->num) && ly_is_small(((LyRational *)x)->den);
}

/* Radicals of a product in Wolfram's normal form: powers with the same
 * exponent up to sign merge (Sqrt[2] Sqrt[3] -> Sqrt[6], Sqrt[6]/Sqrt[2]
 * -> Sqrt[3], Sqrt[5]/Sqrt[3] -> Sqrt[5/3]), and factors the rational
 * coefficient shares with a radicand go inside (Sqrt[2]/2 -> 1/Sqrt[2],
 * 2/Sqrt[2] -> Sqrt[2], Sqrt[6]/4 -> Sqrt[3/2]/2, 2^(2/3)/2 -> 1/2^(1/3));
 * 2 Sqrt[2] and Sqrt[3]/2 stay.  bases/exps as b_times collects them; prod
 * the numeric coefficient.  True when something changed. */
static bool radical_fold(LyVM *vm, LyExpr *prod, LyExpr *bases, LyExpr *exps, size_t *pnb, bool *ok) {
    size_t nb = *pnb, nrad = 0;
    for (size_t i = 0; i < nb; i++) nrad += radical(bases[i], exps[i]);
    if (nrad == 0) return false;
    /* the coefficient: a rational, or a rational times I */
    LyExpr c = *prod;
    bool imag = false;
    if (ly_type(c) == LY_TCOMPLEX) {
        LyComplex *z = (LyComplex *)c;
        if (!(ly_is_small(z->re) && ly_small(z->re) == 0) || !ly_is_exact(z->im)) return false;
        c = z->im;
        imag = true;
    }
    if (!ly_is_exact(c) || ly_type(c) == LY_TCOMPLEX || ly_num_is_zero(c)) return false;
    bool changed = false;
    mpq_t cq, r, t;
    mpz_t g, pw;
    mpq_init(cq); mpq_init(r); mpq_init(t); mpz_init(g); mpz_init(pw);
    lyv_mpq_set(cq, c);
    for (size_t i = 0; i < nb; i++) {
        if (!radical(bases[i], exps[i])) continue;
        /* the radicand with a positive exponent f = p/q */
        int64_t p = ly_small(((LyRational *)exps[i])->num), q = ly_small(((LyRational *)exps[i])->den);
        lyv_mpq_set(r, bases[i]);
        if (p < 0) { mpq_inv(r, r); p = -p; }
        bool here = false;
        /* the other radicals with exponent +-p/q */
        for (size_t j = i + 1; j < nb; j++) {
            if (!radical(bases[j], exps[j])) continue;
            int64_t pj = ly_small(((LyRational *)exps[j])->num), qj = ly_small(((LyRational *)exps[j])->den);
            if (qj != q || (pj != p && pj != -p)) continue;
            lyv_mpq_set(t, bases[j]);
            if (pj > 0) mpq_mul(r, r, t); else mpq_div(r, r, t);
            ly_unref(vm, bases[j]); ly_unref(vm, exps[j]);
            for (size_t k = j; k + 1 < nb; k++) { bases[k] = bases[k + 1]; exps[k] = exps[k + 1]; }
            nb--;
            j--;
            here = true;
        }
        /* the coefficient: a factor of its denominator shared with the
         * radicand's numerator goes in, and of its numerator with the
         * radicand's denominator (unit exponents 1/q); an integer radicand
         * that divides the coefficient takes it whole (any p/q) */
        if (p == 1) {
            mpz_gcd(g, mpq_denref(cq), mpq_numref(r));
            if (mpz_cmp_ui(g, 1) > 0) {
                mpz_divexact(mpq_denref(cq), mpq_denref(cq), g);
                mpz_pow_ui(pw, g, (unsigned long)q);
                mpz_mul(mpq_denref(r), mpq_denref(r), pw);
                mpq_canonicalize(r);
                here = true;
            }
            mpz_gcd(g, mpq_numref(cq), mpq_denref(r));
            if (mpz_cmp_ui(g, 1) > 0) {
                mpz_divexact(mpq_numref(cq), mpq_numref(cq), g);
                mpz_pow_ui(pw, g, (unsigned long)q);
                mpz_mul(mpq_numref(r), mpq_numref(r), pw);
                mpq_canonicalize(r);
                here = true;
            }
        } else if (mpz_cmp_ui(mpq_denref(r), 1) == 0 && mpz_cmp_ui(mpq_numref(r), 1) > 0 &&
                   mpz_divisible_p(mpq_denref(cq), mpq_numref(r))) {
            /* n^(p/q)/n = n^(p/q - 1) = (1/n)^(1 - p/q) */
            mpz_divexact(mpq_denref(cq), mpq_denref(cq), mpq_numref(r));
            mpq_inv(r, r);
            p = q - p;
            here = true;
        } else if (mpz_cmp_ui(mpq_numref(r), 1) == 0 && mpz_cmp_ui(mpq_denref(r), 1) > 0 &&
                   mpz_divisible_p(mpq_numref(cq), mpq_denref(r))) {
            /* n (1/n)^(p/q) = n^(1 - p/q) */
            mpz_divexact(mpq_numref(cq), mpq_numref(cq), mpq_denref(r));
            mpq_inv(r, r);
            p = q - p;
            here = true;
        }
        if (!here) continue;
        changed = true;
        LyExpr nbase = lyv_rat_from_mpq(vm, r), nexp = ly_rational(vm, p, q);
        if (!nbase || !nexp) { ly_unref(vm, nbase); ly_unref(vm, nexp); *ok = false; break; }
        ly_unref(vm, bases[i]); ly_unref(vm, exps[i]);
        bases[i] = nbase;
        exps[i] = nexp;
    }
    if (changed && *ok) {
        LyExpr nc = lyv_rat_from_mpq(vm, cq);
        if (nc && imag) nc = ly_mkcomplex(vm, ly_mksmall(0), nc);
        if (!nc) *ok = false;
        else { ly_unref(vm, *prod); *prod = nc; }
    }
    *pnb = nb;
    mpq_clear(cq); mpq_clear(r); mpq_clear(t); mpz_clear(g); mpz_clear(pw);
    return changed;
}

/* ---- trigonometric quotients, as Wolfram writes them ------------------------------------ */

/* 1/Sin[x] -> Csc[x], Cos[x]/Sin[x] -> Cot[x], Sin[x] Csc[x] -> 1: pairs of
 * reciprocal functions, and products (f, g) -> h with f g = h. */
static const char *const trig_recip[][2] = {
    { "Sin", "Csc" }, { "Cos", "Sec" }, { "Tan", "Cot" },
    { "Sinh", "Csch" }, { "Cosh", "Sech" }, { "Tanh", "Coth" },
};
static const char *const trig_prod[][3] = {
    { "Cos", "Csc", "Cot" }, { "Sin", "Sec", "Tan" }, { "Cosh", "Csch", "Coth" }, { "Sinh", "Sech", "Tanh" },
};

static const char *trig_name(LyExpr f) {
    if (!ly_is_normal(f) || ly_nlen(f) != 1 || !ly_is_sym(ly_nhead(f))) return NULL;
    const char *n = ly_sym(ly_nhead(f))->name;
    for (size_t i = 0; i < sizeof trig_recip / sizeof trig_recip[0]; i++)
        for (int k = 0; k < 2; k++)
            if (!strcmp(n, trig_recip[i][k])) return trig_recip[i][k];
    return NULL;
}

static const char *trig_recip_of(const char *n) {
    for (size_t i = 0; i < sizeof trig_recip / sizeof trig_recip[0]; i++)
        for (int k = 0; k < 2; k++)
            if (n == trig_recip[i][k]) return trig_recip[i][1 - k];
    return NULL;
}

static LyExpr trig_call(LyVM *vm, const char *name, LyExpr arg) {
    ly_ref(arg);
    return ly_mk(vm, ly_symbol(vm, name), 1, arg);
}

/* Combines trigonometric bases with integer exponents in place; true when
 * something changed. */
static bool trig_fold(LyVM *vm, LyExpr *bases, LyExpr *exps, size_t *pnb, bool *ok) {
    size_t nb = *pnb;
    bool any = false, changed = false;
    for (size_t i = 0; i < nb && !any; i++) any = trig_name(bases[i]) != NULL;
    if (!any) return false;
    for (size_t i = 0; i < nb && *ok; i++) {
        const char *ni = trig_name(bases[i]);
        if (!ni || !ly_is_small(exps[i])) continue;
        for (size_t j = i + 1; j < nb && *ok; j++) {
            const char *nj = trig_name(bases[j]);
            if (!nj || !ly_is_small(exps[j]) || !ly_equal(ly_narg(bases[i], 1), ly_narg(bases[j], 1))) continue;
            int64_t a = ly_small(exps[i]), b = ly_small(exps[j]);
            if (a == 0 || b == 0) continue;
            if (trig_recip_of(ni) == nj) {           /* Sin^a Csc^b = Sin^(a - b) */
                exps[i] = ly_mksmall(a - b);
                exps[j] = ly_mksmall(0);
                changed = true;
                continue;
            }
            for (size_t t = 0; t < sizeof trig_prod / sizeof trig_prod[0]; t++) {
                bool fwd = !strcmp(ni, trig_prod[t][0]) && !strcmp(nj, trig_prod[t][1]);
                bool rev = !strcmp(nj, trig_prod[t][0]) && !strcmp(ni, trig_prod[t][1]);
                if ((!fwd && !rev) || (a > 0) != (b > 0)) continue;
                int64_t m = (a > 0 ? a < b : a > b) ? a : b;
                LyExpr h = trig_call(vm, trig_prod[t][2], ly_narg(bases[i], 1));
                if (!h) { *ok = false; break; }
                exps[i] = ly_mksmall(a - m);
                exps[j] = ly_mksmall(b - m);
                bases[nb] = h;
                exps[nb] = ly_mksmall(m);
                nb++;
                changed = true;
                break;
            }
        }
    }
    *pnb = nb;
    return changed;
}

/* The numeric factor c joins a power of the same number with a symbolic
 * exponent, as Wolfram: 2 2^n is 2^(1 + n), 2^n/2 is 2^(-1 + n), -3 3^n is
 * -3^(1 + n).  True when it did. */
static bool number_base_fold(LyVM *vm, LyExpr *prod, LyExpr *bases, LyExpr *exps, size_t nb, bool *ok) {
    LyExpr c = *prod;
    if (!ly_is_exact(c) || ly_type(c) == LY_TCOMPLEX || ly_num_is_zero(c)) return false;
    int sign = ly_num_sign(c);
    LyExpr num = ly_type(c) == LY_TRAT ? ((LyRational *)c)->num : c;
    LyExpr k = ly_type(c) == LY_TRAT ? ((LyRational *)c)->den : c;
    int dir = ly_type(c) == LY_TRAT ? -1 : 1;
    /* c is +-k or +-1/k with k > 1 */
    if (ly_type(c) == LY_TRAT ? !(ly_is_small(num) && (ly_small(num) == 1 || ly_small(num) == -1)) : false) return false;
    LyExpr ak = dir > 0 && sign < 0 ? ly_num_neg(vm, k) : (ly_ref(k), k);
    if (!ak) { *ok = false; return false; }
    bool done = false;
    if (!(ly_is_small(ak) && ly_small(ak) == 1)) {
        for (size_t j = 0; j < nb; j++) {
            if (!ly_is_number(bases[j]) || ly_is_number(exps[j]) || !ly_equal(bases[j], ak)) continue;
            LyExpr s = add_exponents(vm, exps[j], ly_mksmall(dir));
            if (!s) { *ok = false; break; }
            ly_unref(vm, exps[j]);
            exps[j] = s;
            ly_unref(vm, *prod);
            *prod = ly_mksmall(sign < 0 ? -1 : 1);
            done = true;
            break;
        }
    }
    ly_unref(vm, ak);
    return done;
}

static LyExpr b_times(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    int64_t sv;
    if (small_fold(e, true, &sv)) return lyv_int_from_int64(vm, sv);
    LyExpr c1 = n == 2 ? ly_narg(e, 1) : NULL;
    bool minus_one = c1 && ly_is_small(c1) && ly_small(c1) == -1;
    bool minus_unit_frac = c1 && ly_type(c1) == LY_TRAT && ly_is_small(((LyRational *)c1)->num) &&
                           ly_small(((LyRational *)c1)->num) == -1;
    if ((minus_one || minus_unit_frac) && ly_head_is(ly_narg(e, 2), LY_SYM(Plus))) {
        /* -(a + b) is -a - b, and -(a + b)/2 is (-a - b)/2: Wolfram takes the -1
         * out of -1 and -1/n into the sum */
        if (minus_unit_frac) {
            LyExpr d = ((LyRational *)c1)->den;
            LyExpr neg = eval_steal(vm, mk2(vm, LY_SYM(Times), ly_mksmall(-1), (ly_ref(ly_narg(e, 2)), ly_narg(e, 2))));
            if (!neg) return NULL;
            LyExpr inv = eval_steal(vm, mk2(vm, LY_SYM(Power), (ly_ref(d), d), ly_mksmall(-1)));
            if (!inv) { ly_unref(vm, neg); return NULL; }
            return mk2(vm, LY_SYM(Times), inv, neg);
        }
        LyExpr s = ly_narg(e, 2);
        LyExpr r = ly_mknormal(vm, LY_SYM(Plus), ly_nlen(s));
        for (size_t i = 1; r && i <= ly_nlen(s); i++) {
            LyExpr t = ly_narg(s, i);
            ly_ref(t);
            LyExpr nt = eval_steal(vm, mk2(vm, LY_SYM(Times), ly_mksmall(-1), t));
            if (!nt) { for (size_t j = i; j <= ly_nlen(s); j++) ly_nset(r, j, LY_SYM(Null)); ly_unref(vm, r); return NULL; }
            ly_nset(r, i, nt);
        }
        return r;
    }
    for (size_t i = 1; i <= n; i++)
        if (is_special(ly_narg(e, i))) {
            LyExpr r = inf_times(vm, e);
            if (r || vm->unwind) return r;
            break;
        }
    LyExpr nv = contagion(vm, e);
    if (nv || vm->unwind) return nv;
    LyExpr prod = ly_mksmall(1);
    bool changed = false, have_num = false, ok = true;
    /* trig_fold may add one base per pair: room for 2n + 1 bases */
    LY_SCRATCH(LyExpr, bases, vm, 2 * n + 1);
    LY_SCRATCH(LyExpr, exps, vm, 2 * n + 1);
    LY_SCRATCH(LyExpr, items, vm, 2 * n + 2);    /* the rebuilt product */
    size_t cap = term_index_cap(n), *slot;
    LY_SCRATCH(size_t, tab, vm, cap);
    if (!bases || !exps || !items || !tab) return NULL;
    if (cap) memset(tab, 0, cap * sizeof *tab);
    size_t nb = 0;

    for (size_t i = 1; i <= n && ok; i++) {
        LyExpr a = ly_narg(e, i);
        if (ly_is_number(a)) {
            if (have_num) changed = true;
            have_num = true;
            LyExpr p = ly_num_mul(vm, prod, a);
            ly_unref(vm, prod);
            prod = p;
            if (!p) ok = false;
            continue;
        }
        LyExpr b, x;
        split_power(a, &b, &x);
        size_t j = term_find(tab, cap, bases, nb, b, &slot);
        if (j < nb) {
            LyExpr s = add_exponents(vm, exps[j], x);
            ly_unref(vm, exps[j]);
            exps[j] = s ? s : ly_mksmall(0);
            if (!s) ok = false;
            changed = true;
        } else {
            ly_ref(b); ly_ref(x);
            if (slot) *slot = nb + 1;
            bases[nb] = b;
            exps[nb] = x;
            nb++;
        }
    }
    if (ok && have_num && nb >= 1 && number_base_fold(vm, &prod, bases, exps, nb, &ok)) changed = true;
    if (ok && nb >= 2 && trig_fold(vm, bases, exps, &nb, &ok)) changed = true;
    if (ok && nb >= 1 && radical_fold(vm, &prod, bases, exps, &nb, &ok)) { changed = true; have_num = true; }
    LyExpr result = NULL;
    if (ok && have_num && ly_num_is_zero(prod) && nb > 0) {
        /* 0 x -> 0, 0. x -> 0. */
        ly_ref(prod);
        result = prod;
    } else if (ok && (changed || (have_num && ly_is_exact(prod) && ly_num_is_one(prod) && nb > 0) ||
                      nb + have_num <= 1)) {
        size_t k = 0;
        if (have_num && !(ly_is_exact(prod) && ly_num_is_one(prod) && nb > 0)) { ly_ref(prod); items[k++] = prod; }
        for (size_t j = 0; j < nb && ok; j++) {
            LyExpr f;
            if (ly_num_is_one(exps[j]) && ly_is_exact(exps[j])) { ly_ref(bases[j]); f = bases[j]; }
            else {
                ly_ref(bases[j]); ly_ref(exps[j]);
                f = eval_steal(vm, mk2(vm, LY_SYM(Power), bases[j], exps[j]));
            }
            if (!f) { ok = false; break; }
            if (ly_is_number(f) && ly_num_is_one(f) && ly_is_exact(f)) { ly_unref(vm, f); continue; }
            items[k++] = f;
        }
        if (ok) {
            result = rebuild(vm, LY_SYM(Times), items, k, ly_mksmall(1));
        }
        for (size_t j = 0; j < k; j++) ly_unref(vm, items[j]);
    }
    ly_unref(vm, prod);
    for (size_t j = 0; j < nb; j++) { ly_unref(vm, bases[j]); ly_unref(vm, exps[j]); }
    return result;
}

/* ---- Power ----------------------------------------------------------------------------- */

static LyExpr b_power(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2) {
        if (ly_nlen(e) == 1) { ly_ref(ly_narg(e, 1)); return ly_narg(e, 1); }
        if (ly_nlen(e) == 0) return ly_mksmall(1);
        /* Power[a, b, c] = Power[a, Power[b, c]] */
        LyExpr rest = ly_apply(vm, LY_SYM(Power), ly_nlen(e) - 1, ly_nargs(e) + 1);
        LyExpr a = ly_narg(e, 1);
        ly_ref(a);
        return rest ? mk2(vm, LY_SYM(Power), a, rest) : NULL;
    }
    LyExpr b = ly_narg(e, 1), x = ly_narg(e, 2);
    if (is_special(b) || is_special(x)) {
        LyExpr r = inf_power(vm, e);
        if (r || vm->unwind) return r;
    }
    if (b == LY_SYM(E) && ly_head_is(x, LY_SYM(Times)) && ly_nlen(x) == 2 && ly_narg(x, 2) == LY_SYM(Pi) &&
        ly_type(ly_narg(x, 1)) == LY_TCOMPLEX && ly_is_exact(ly_narg(x, 1))) {
        /* E^(I q Pi) = (-1)^q when 2 q is an integer: E^(I Pi) -> -1,
         * E^(I Pi/2) -> I; E^(I Pi/3) stays, as in Wolfram */
        LyComplex *c = (LyComplex *)ly_narg(x, 1);
        LyExpr q2 = ly_is_small(c->re) && ly_small(c->re) == 0 ? ly_num_mul(vm, c->im, ly_mksmall(2)) : NULL;
        bool half = q2 && ly_is_small(q2);
        ly_unref(vm, q2);
        if (half) {
            ly_ref(c->im);
            return mk2(vm, LY_SYM(Power), ly_mksmall(-1), c->im);
        }
    }
    if (ly_type(b) == LY_TRAT && ly_is_small(((LyRational *)b)->num) && ly_small(((LyRational *)b)->num) == 1 &&
        !ly_is_number(x) && !is_special(x)) {
        /* (1/2)^k is 2^-k, as Wolfram */
        LyExpr nx = eval_steal(vm, mk2(vm, LY_SYM(Times), ly_mksmall(-1), (ly_ref(x), x)));
        if (!nx) return NULL;
        LyExpr d = ((LyRational *)b)->den;
        ly_ref(d);
        return mk2(vm, LY_SYM(Power), d, nx);
    }
    if (b == LY_SYM(E) && ly_head_is(x, LY_SYM(Plus))) {
        /* E^(x + I Pi) is -E^x: a term I q Pi with 2 q an integer comes out as (-1)^q */
        for (size_t i = 1; i <= ly_nlen(x); i++) {
            LyExpr t = ly_narg(x, i);
            if (!(ly_head_is(t, LY_SYM(Times)) && ly_nlen(t) == 2 && ly_narg(t, 2) == LY_SYM(Pi) &&
                  ly_type(ly_narg(t, 1)) == LY_TCOMPLEX && ly_is_exact(ly_narg(t, 1)))) continue;
            LyComplex *c = (LyComplex *)ly_narg(t, 1);
            LyExpr q2 = ly_is_small(c->re) && ly_small(c->re) == 0 ? ly_num_mul(vm, c->im, ly_mksmall(2)) : NULL;
            bool half = q2 && ly_is_small(q2);
            ly_unref(vm, q2);
            if (!half) continue;
            LyExpr rest = ly_mknormal(vm, LY_SYM(Plus), ly_nlen(x) - 1);
            for (size_t j = 1, k = 1; rest && j <= ly_nlen(x); j++) if (j != i) ly_nset(rest, k++, (ly_ref(ly_narg(x, j)), ly_narg(x, j)));
            if (!rest) return NULL;
            ly_ref(c->im);
            return mk2(vm, LY_SYM(Times), mk2(vm, LY_SYM(Power), ly_mksmall(-1), c->im), mk2(vm, LY_SYM(Power), LY_SYM(E), rest));
        }
        /* E^(Log[a] - 2 Log[b]) is a/b^2: a sum of logarithms only */
        size_t m = ly_nlen(x);
        bool all = m > 0;
        for (size_t i = 1; all && i <= m; i++) {
            LyExpr t = ly_narg(x, i);
            if (ly_head_is(t, LY_SYM(Times)) && ly_nlen(t) == 2 && ly_is_number(ly_narg(t, 1))) t = ly_narg(t, 2);
            all = ly_is_normal(t) && ly_nlen(t) == 1 && ly_is_sym(ly_nhead(t)) && !strcmp(ly_sym(ly_nhead(t))->name, "Log");
        }
        if (all) {
            LyExpr r = ly_mknormal(vm, LY_SYM(Times), m);
            for (size_t i = 1; r && i <= m; i++) {
                LyExpr t = ly_narg(x, i);
                ly_ref(t);
                LyExpr f = eval_steal(vm, mk2(vm, LY_SYM(Power), LY_SYM(E), t));
                if (!f) { for (size_t j = i; j <= m; j++) ly_nset(r, j, LY_SYM(Null)); ly_unref(vm, r); return NULL; }
                ly_nset(r, i, f);
            }
            return r;
        }
    }
    if (b == LY_SYM(E)) {
        /* E^Log[z] -> z, E^(k Log[z]) -> z^k for a number k, as Wolfram */
        LyExpr lg = x, k = NULL;
        if (ly_head_is(x, LY_SYM(Times)) && ly_nlen(x) == 2 && ly_is_number(ly_narg(x, 1))) {
            k = ly_narg(x, 1);
            lg = ly_narg(x, 2);
        }
        if (ly_is_normal(lg) && ly_nlen(lg) == 1 && ly_is_sym(ly_nhead(lg)) &&
            !strcmp(ly_sym(ly_nhead(lg))->name, "Log")) {
            LyExpr z = ly_narg(lg, 1);
            ly_ref(z);
            if (!k) return z;
            ly_ref(k);
            return mk2(vm, LY_SYM(Power), z, k);
        }
    }
    LyExpr nv = contagion(vm, e);
    if (nv || vm->unwind) return nv;
    if (ly_is_number(b) && ly_is_number(x)) {
        if (ly_num_is_zero(b)) {             /* 0 and 0. alike: 1/0. is ComplexInfinity */
            int s = ly_type(x) == LY_TCOMPLEX ? 0 : ly_num_sign(x);
            if (s > 0) {
                if (ly_is_real(x)) return ly_mkreal(vm, 0.0);
                ly_ref(b);
                return b;
            }
            if (s < 0) {
                LyExpr hf = ly_mk(vm, LY_SYM(HoldForm), 1, (ly_ref(e), e));
                ly_message(vm, LY_SYM(Power), "infy", 1, hf);
                ly_unref(vm, hf);
                return LY_SYM(ComplexInfinity);
            }
            LyExpr hf = ly_mk(vm, LY_SYM(HoldForm), 1, (ly_ref(e), e));
            ly_message(vm, LY_SYM(Power), "indet", 1, hf);
            ly_unref(vm, hf);
            return LY_SYM(Indeterminate);
        }
        LyExpr r = lyv_num_power(vm, b, x);
        if (r || vm->unwind) return r;
        return ly_is_exact(b) ? lyv_exact_root(vm, b, x) : NULL;
    }
    if (ly_is_number(x) && ly_is_exact(x)) {
        if (ly_num_is_zero(x)) return ly_mksmall(1);
        if (ly_num_is_one(x)) { ly_ref(b); return b; }
    }
    if (ly_is_number(b) && ly_is_exact(b) && ly_num_is_one(b)) return ly_mksmall(1);
    if (ly_is_small(x) && ly_small(x) < 0) {
        /* 1/Sin[x] -> Csc[x], Cot[x]^-2 -> Tan[x]^2 */
        const char *tn = trig_name(b);
        if (tn) {
            LyExpr r = trig_call(vm, trig_recip_of(tn), ly_narg(b, 1));
            if (!r || ly_small(x) == -1) return r;
            return mk2(vm, LY_SYM(Power), r, ly_mksmall(-ly_small(x)));
        }
    }
    if (ly_is_integer(x)) {
        /* (a^p)^n -> a^(p n); (a b)^n -> a^n b^n */
        if (ly_head_is(b, LY_SYM(Power)) && ly_nlen(b) == 2) {
            LyExpr a = ly_narg(b, 1), p = ly_narg(b, 2);
            ly_ref(p); ly_ref(x);
            LyExpr pn = eval_steal(vm, mk2(vm, LY_SYM(Times), p, x));
            if (!pn) return NULL;
            ly_ref(a);
            return mk2(vm, LY_SYM(Power), a, pn);
        }
        if (ly_head_is(b, LY_SYM(Times))) {
            size_t n = ly_nlen(b);
            LyExpr t = ly_mknormal(vm, LY_SYM(Times), n);
            if (!t) return NULL;
            for (size_t i = 1; i <= n; i++) {
                LyExpr f = ly_narg(b, i);
                ly_ref(f); ly_ref(x);
                ly_nset(t, i, mk2(vm, LY_SYM(Power), f, x));
                if (!ly_narg(t, i)) {
                    for (size_t j = i; j <= n; j++) ly_nset(t, j, LY_SYM(Null));
                    ly_unref(vm, t);
                    return NULL;
                }
            }
            return t;
        }
    }
    return NULL;
}

/* ---- derived forms ------------------------------------------------------------------------ */

static LyExpr b_minus(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 1) return lyv_argx(vm, e);
    LyExpr a = ly_narg(e, 1);
    if (ly_is_number(a)) return ly_num_neg(vm, a);
    ly_ref(a);
    return mk2(vm, LY_SYM(Times), ly_mksmall(-1), a);
}

static LyExpr argrx(LyVM *vm, LyExpr e, LyExpr sym, int want) {
    LyExpr n = lyv_int_from_int64(vm, (int64_t)ly_nlen(e)), w = ly_mksmall(want);
    if (ly_nlen(e) == 1 && want == 2) ly_message(vm, sym, "argr", 2, sym, w);
    else ly_message(vm, sym, "argrx", 3, sym, n, w);
    ly_unref(vm, n);
    return NULL;
}

static LyExpr b_subtract(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2) return argrx(vm, e, LY_SYM(Subtract), 2);
    LyExpr a = ly_narg(e, 1), b = ly_narg(e, 2);
    ly_ref(a); ly_ref(b);
    return mk2(vm, LY_SYM(Plus), a, mk2(vm, LY_SYM(Times), ly_mksmall(-1), b));
}

static LyExpr b_divide(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2) return argrx(vm, e, LY_SYM(Divide), 2);
    LyExpr a = ly_narg(e, 1), b = ly_narg(e, 2);
    if (ly_is_number(a) && ly_is_number(b) && !(ly_is_exact(b) && ly_num_is_zero(b)))
        return ly_num_div(vm, a, b);
    ly_ref(a); ly_ref(b);
    return mk2(vm, LY_SYM(Times), a, mk2(vm, LY_SYM(Power), b, ly_mksmall(-1)));
}

static LyExpr b_sqrt(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 1) return lyv_argx(vm, e);
    LyExpr a = ly_narg(e, 1);
    ly_ref(a);
    return mk2(vm, LY_SYM(Power), a, ly_rational(vm, 1, 2));
}

static const LyBuiltin arith_builtins[] = {
    { "Plus", b_plus, "Flat Listable NumericFunction OneIdentity Orderless Protected",
      "x + y + z represents a sum of terms." },
    { "Times", b_times, "Flat Listable NumericFunction OneIdentity Orderless Protected",
      "x*y*z or x y z represents a product of terms." },
    { "Power", b_power, "Listable NumericFunction OneIdentity Protected",
      "x^y gives x to the power y." },
    { "Minus", b_minus, "Listable NumericFunction Protected", "-x is the arithmetic negation of x." },
    { "Subtract", b_subtract, "Listable NumericFunction Protected", "x - y is equivalent to x + (-1 * y)." },
    { "Divide", b_divide, "Listable NumericFunction Protected", "x/y is equivalent to x y^-1." },
    { "Sqrt", b_sqrt, "Listable NumericFunction Protected", "Sqrt[z] gives the square root of z." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lyv_open_arith(LyVM *vm) { return ly_register_table(vm, arith_builtins); }

/* ---- exact roots ------------------------------------------------------------------------ */

/* n^(r/q) for a positive integer n, 0 < r < q: pulls out q-th power factors
 * found by trial division (Sqrt[8] -> 2 Sqrt[2], 4^(1/3) -> 2^(2/3) stays).
 * Returns Times[c, Power[m, r/q]] or NULL when nothing comes out. */
static LyExpr extract_root(LyVM *vm, LyExpr n, int64_t r, int64_t q) {
    mpz_t m, c, f, t;
    mp_limb_t tmp[1];
    mpz_t nv;
    lyv_mpz_view(nv, n, tmp);
    mpz_init_set(m, nv); mpz_init_set_ui(c, 1); mpz_init(f); mpz_init(t);
    /* trial division by small primes (and 4, 9, ... handled by repetition) */
    for (unsigned long p = 2; p < 100000; p += (p == 2 ? 1 : 2)) {
        mpz_ui_pow_ui(t, p, (unsigned long)q);
        if (mpz_cmp(t, m) > 0) break;
        while (mpz_divisible_p(m, t)) {
            mpz_divexact(m, m, t);
            mpz_mul_ui(c, c, p);
        }
    }
    /* the rest may itself be a perfect power */
    if (mpz_root(f, m, (unsigned long)q)) { mpz_mul(c, c, f); mpz_set_ui(m, 1); }
    LyExpr res = NULL;
    if (mpz_cmp_ui(c, 1) != 0) {
        mpz_pow_ui(c, c, (unsigned long)r);
        LyExpr ce = lyv_int_from_mpz(vm, c);
        if (mpz_cmp_ui(m, 1) == 0) res = ce;
        else {
            LyExpr me = lyv_int_from_mpz(vm, m);
            LyExpr ex = ly_rational(vm, r, q);
            res = ly_mk(vm, LY_SYM(Times), 2, ce, ly_mk(vm, LY_SYM(Power), 2, me, ex));
        }
    }
    mpz_clear(m); mpz_clear(c); mpz_clear(f); mpz_clear(t);
    return res;
}

/* m = c^q m' with m' free of q-th powers found by trial division (and a
 * rest that is a perfect q-th power) */
static void split_power_part(mpz_t c, mpz_t m, int64_t q) {
    mpz_t t, f;
    mpz_init(t); mpz_init(f);
    mpz_set_ui(c, 1);
    for (unsigned long p = 2; p < 100000; p += (p == 2 ? 1 : 2)) {
        mpz_ui_pow_ui(t, p, (unsigned long)q);
        if (mpz_cmp(t, m) > 0) break;
        while (mpz_divisible_p(m, t)) {
            mpz_divexact(m, m, t);
            mpz_mul_ui(c, c, p);
        }
    }
    if (mpz_cmp_ui(m, 1) > 0 && mpz_root(f, m, (unsigned long)q)) { mpz_mul(c, c, f); mpz_set_ui(m, 1); }
    mpz_clear(t); mpz_clear(f);
}

/* (a/d)^(p/q) for a positive rational a/d, as Wolfram keeps it: the
 * q-th powers come out, and what stays is one power of a rational
 * (Sqrt[5/3]), of an integer (Sqrt[3/4] -> Sqrt[3]/2) or of the inverse of
 * one (Sqrt[1/3] -> 1/Sqrt[3]); common perfect powers fold into the
 * exponent ((4/9)^(1/3) -> (2/3)^(2/3)).  NULL when already so. */
static LyExpr rational_root(LyVM *vm, LyExpr b, int64_t p, int64_t q) {
    if (ly_num_sign(b) < 0) return NULL;
    bool neg = p < 0;
    int64_t P = neg ? -p : p;
    mpq_t B;
    mpq_init(B);
    lyv_mpq_set(B, b);
    if (neg) mpq_inv(B, B);
    LyExpr res = NULL;
    if (mpz_cmp_ui(mpq_denref(B), 1) == 0) {
        /* (1/n)^(-p/q) = n^(p/q) */
        LyExpr n = lyv_int_from_mpz(vm, mpq_numref(B));
        mpq_clear(B);
        return n ? ly_mk(vm, LY_SYM(Power), 2, n, ly_rational(vm, P, q)) : NULL;
    }
    mpz_t a, d, ra, rd, ca, cd, t;
    mpz_init_set(a, mpq_numref(B)); mpz_init_set(d, mpq_denref(B));
    mpz_init(ra); mpz_init(rd); mpz_init(ca); mpz_init(cd); mpz_init(t);
    /* a common perfect power */
    size_t bits = mpz_sizeinbase(d, 2);
    for (unsigned long j = bits < 64 ? bits : 64; j >= 2; j--) {
        if (mpz_root(ra, a, j) && mpz_root(rd, d, j)) {
            mpq_t nb;
            mpq_init(nb);
            mpq_set_num(nb, ra); mpq_set_den(nb, rd);
            mpq_canonicalize(nb);
            LyExpr e = lyv_rat_from_mpq(vm, nb);
            mpq_clear(nb);
            res = e ? ly_mk(vm, LY_SYM(Power), 2, e, ly_rational(vm, P * (int64_t)j, q)) : NULL;
            goto done;
        }
    }
    {
        split_power_part(ca, a, q);         /* a = ca^q a' */
        split_power_part(cd, d, q);         /* d = cd^q d' */
        int64_t k = P / q, r = P % q;
        if (k == 0 && !neg && !mpz_cmp_ui(ca, 1) && !mpz_cmp_ui(cd, 1) && mpz_cmp_ui(a, 1) && mpz_cmp_ui(d, 1))
            goto done;                      /* Power[a/d, p/q] is the normal form */
        /* the coefficient B^k (ca/cd)^r */
        mpq_t coef, tq;
        mpq_init(coef); mpq_init(tq);
        mpq_set_ui(coef, 1, 1);
        for (int64_t i = 0; i < k; i++) mpq_mul(coef, coef, B);
        mpz_pow_ui(t, ca, (unsigned long)r);
        mpq_set_z(tq, t);
        mpq_mul(coef, coef, tq);
        mpz_pow_ui(t, cd, (unsigned long)r);
        mpq_set_z(tq, t);
        mpq_div(coef, coef, tq);
        LyExpr c = lyv_rat_from_mpq(vm, coef);
        mpq_clear(coef); mpq_clear(tq);
        if (!c) goto done;
        /* the radical (a'/d')^(r/q) */
        LyExpr rad = NULL;
        bool one_a = !mpz_cmp_ui(a, 1), one_d = !mpz_cmp_ui(d, 1);
        if (one_a && one_d) { res = c; goto done; }
        if (one_d) rad = ly_mk(vm, LY_SYM(Power), 2, lyv_int_from_mpz(vm, a), ly_rational(vm, r, q));
        else if (one_a) rad = ly_mk(vm, LY_SYM(Power), 2, lyv_int_from_mpz(vm, d), ly_rational(vm, -r, q));
        else {
            mpq_t nb;
            mpq_init(nb);
            mpq_set_num(nb, a); mpq_set_den(nb, d);
            LyExpr e = lyv_rat_from_mpq(vm, nb);
            mpq_clear(nb);
            rad = e ? ly_mk(vm, LY_SYM(Power), 2, e, ly_rational(vm, r, q)) : NULL;
        }
        if (!rad) { ly_unref(vm, c); goto done; }
        if (ly_is_small(c) && ly_small(c) == 1) res = rad;
        else res = ly_mk(vm, LY_SYM(Times), 2, c, rad);
    }
done:
    mpz_clear(a); mpz_clear(d); mpz_clear(ra); mpz_clear(rd); mpz_clear(ca); mpz_clear(cd); mpz_clear(t);
    mpq_clear(B);
    return res;
}

/* Power[b, p/q] for exact b and a rational exponent when lyv_num_power
 * found no exact number.  NULL when the form is already normal. */
LyExpr lyv_exact_root(LyVM *vm, LyExpr b, LyExpr x) {
    if (ly_type(x) != LY_TRAT) return NULL;
    LyExpr pn = ((LyRational *)x)->num, qn = ((LyRational *)x)->den;
    if (!ly_is_small(pn) || !ly_is_small(qn) || ly_small(qn) > 64) return NULL;
    int64_t p = ly_small(pn), q = ly_small(qn);
    if (ly_type(b) == LY_TRAT) return rational_root(vm, b, p, q);
    if (!ly_is_integer(b)) return NULL;
    if (ly_num_sign(b) < 0) {
        if (ly_is_small(b) && ly_small(b) == -1) {
            if (q == 2) {
                LyExpr i = ly_mkcomplex(vm, ly_mksmall(0), ly_mksmall(1));
                LyExpr r = i ? lyv_num_power(vm, i, pn) : NULL;
                ly_unref(vm, i);
                return r;
            }
            /* (-1)^(p/q) with 0 < p/q < 1, as Wolfram: (-1)^(4/3) -> -(-1)^(1/3),
             * (-1)^(-1/3) -> -(-1)^(2/3) */
            int64_t pm = ((p % (2 * q)) + 2 * q) % (2 * q);
            if (p > 0 && p < q) return NULL;
            if (pm < q) return ly_mk(vm, LY_SYM(Power), 2, ly_mksmall(-1), ly_rational(vm, pm, q));
            return ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1),
                         ly_mk(vm, LY_SYM(Power), 2, ly_mksmall(-1), ly_rational(vm, pm - q, q)));
        }
        LyExpr nb = ly_num_neg(vm, b);
        ly_ref(x); ly_ref(x);
        return ly_mk(vm, LY_SYM(Times), 2, ly_mk(vm, LY_SYM(Power), 2, ly_mksmall(-1), x),
                     ly_mk(vm, LY_SYM(Power), 2, nb, x));
    }
    if (p < 0) {
        /* n^(-p/q) = 1/n^(p/q): 8^(-1/2) -> 1/(2 Sqrt[2]); 2^(-1/2) stays */
        LyExpr nx = ly_rational(vm, -p, q);
        LyExpr pos = nx ? lyv_exact_root(vm, b, nx) : NULL;
        ly_unref(vm, nx);
        return pos ? ly_mk(vm, LY_SYM(Power), 2, pos, ly_mksmall(-1)) : NULL;
    }
    {
        /* a perfect power m^j: 4^(1/3) -> 2^(2/3), 8^(1/2) -> 2^(3/2) */
        mpz_t z, m; mp_limb_t t1[1];
        lyv_mpz_view(z, b, t1);
        mpz_init(m);
        for (unsigned long j = 64; j >= 2; j--) {
            if (mpz_sizeinbase(z, 2) < j + 1) continue;
            if (mpz_root(m, z, j)) {
                LyExpr me = lyv_int_from_mpz(vm, m);
                mpz_clear(m);
                return ly_mk(vm, LY_SYM(Power), 2, me, ly_rational(vm, p * (int64_t)j, q));
            }
        }
        mpz_clear(m);
    }
    /* p = k q + r, 0 <= r < q */
    int64_t k = p / q, r = p % q;
    if (r < 0) { r += q; k--; }
    LyExpr root = extract_root(vm, b, r, q);
    if (k == 0) return root;
    LyExpr bk = lyv_num_power(vm, b, ly_mksmall(k));
    if (!bk) { ly_unref(vm, root); return NULL; }
    if (!root) {
        ly_ref(b);
        root = ly_mk(vm, LY_SYM(Power), 2, b, ly_rational(vm, r, q));
    }
    return ly_mk(vm, LY_SYM(Times), 2, bk, root);
}
