/*
 * algebra.c — polynomial algebra on expressions: Expand, ExpandAll,
 * Together, Cancel, Apart, Factor, Collect, Coefficient, CoefficientList,
 * Exponent, Variables, PolynomialQ, PolynomialGCD, PolynomialQuotient,
 * PolynomialRemainder.  Written against lyra.h + lyra_ext.h; the work is
 * done on the sparse polynomials of poly.c, and each result is built as
 * one expression that the evaluator puts in canonical order.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lys_poly.h"
#include "lys_alg.h"

static LyExpr sym(LyVM *vm, const char *name) { return ly_symbol(vm, name); }

static bool has_head(LyExpr e, LyVM *vm, const char *name) {
    return ly_is_normal(e) && ly_is_sym(ly_nhead(e)) && !strcmp(ly_sym(ly_nhead(e))->name, name);
}

/* f mapped over the arguments of e (List, Equal, ...), evaluated. */
static LyExpr thread(LyVM *vm, LyExpr e, LyExpr (*f)(LyVM *, LyExpr, void *), void *ud) {
    size_t n = ly_nlen(e);
    LyExpr h = ly_nhead(e);
    ly_ref(h);
    LyExpr r = ly_mknormal(vm, h, n);
    if (!r) return NULL;
    for (size_t i = 1; i <= n; i++) {
        LyExpr v = f(vm, ly_narg(e, i), ud);
        if (!v) { lys_abandon(vm, r, i); return NULL; }
        ly_nset(r, i, v);
    }
    return lys_eval_steal(vm, r);
}

static bool threads(LyExpr e) {
    return ly_head_is(e, LY_SYM(List)) || ly_head_is(e, LY_SYM(Equal)) || ly_head_is(e, LY_SYM(Rule)) ||
           ly_head_is(e, LY_SYM(Unequal)) || ly_head_is(e, LY_SYM(Less)) || ly_head_is(e, LY_SYM(Greater)) ||
           ly_head_is(e, LY_SYM(LessEqual)) || ly_head_is(e, LY_SYM(GreaterEqual)) ||
           ly_head_is(e, LY_SYM(And)) || ly_head_is(e, LY_SYM(Or)) || ly_head_is(e, LY_SYM(Not));
}

static LyExpr ref(LyExpr e) { ly_ref(e); return e; }

/* ---- Expand -------------------------------------------------------------------------------------- */

static bool needs_expand(LyExpr e) {
    if (!ly_is_normal(e)) return false;
    LyExpr h = ly_nhead(e);
    if (h == LY_SYM(Plus)) {
        for (size_t i = 1; i <= ly_nlen(e); i++) if (needs_expand(ly_narg(e, i))) return true;
        return false;
    }
    if (h == LY_SYM(Times)) {
        for (size_t i = 1; i <= ly_nlen(e); i++) {
            LyExpr a = ly_narg(e, i);
            if (ly_head_is(a, LY_SYM(Plus)) || needs_expand(a)) return true;
        }
        return false;
    }
    if (h == LY_SYM(Power) && ly_nlen(e) == 2)
        return ly_is_small(ly_narg(e, 2)) && ly_small(ly_narg(e, 2)) > 1 && ly_head_is(ly_narg(e, 1), LY_SYM(Plus));
    return false;
}

/* ---- machine reals as exact numbers times a marker ------------------------------------------------ */

/* The polynomial code works with exact coefficients and makes every
 * coefficient inexact once it meets a machine real.  Wolfram keeps the terms
 * that no real reached exact: Expand[(1.5 + x)^2] is 2.25 + 3. x + x^2,
 * Coefficient[9.8 + x^2, x, 2] is 1.  So reals are replaced by their exact
 * values times a marker symbol M, the work is done exactly, and M -> 1. puts
 * the reals back: a term is inexact exactly when M is in it. */
static bool has_machine_real(LyExpr e) {
    if (ly_is_real(e)) return true;
    if (ly_type(e) == LY_TCOMPLEX) return ly_is_real(((LyComplex *)e)->re) || ly_is_real(((LyComplex *)e)->im);
    if (!ly_is_normal(e)) return false;
    for (size_t i = 0; i <= ly_nlen(e); i++) if (has_machine_real(ly_normal(e)->e[i])) return true;
    return false;
}

static LyExpr marker(LyVM *vm) { return ly_symbol(vm, "Lyra`inexact"); }

static LyExpr exact_value(LyVM *vm, LyExpr r) {
    if (!ly_is_real(r)) return ref(r);
    double d = ly_realv(r);
    if (!isfinite(d)) return ref(r);
    mpq_t q;
    mpq_init(q);
    mpq_set_d(q, d);
    LyExpr v = lys_from_mpq(vm, q);
    mpq_clear(q);
    return v;
}

/* e with each machine real r as (exact r) M, evaluated (new reference) */
static LyExpr exactify_rec(LyVM *vm, LyExpr e) {
    if (ly_is_real(e) || (ly_type(e) == LY_TCOMPLEX && has_machine_real(e))) {
        LyExpr v;
        if (ly_is_real(e)) v = exact_value(vm, e);
        else {
            LyExpr re = exact_value(vm, ((LyComplex *)e)->re), im = re ? exact_value(vm, ((LyComplex *)e)->im) : NULL;
            v = im ? ly_mkcomplex(vm, re, im) : (ly_unref(vm, re), NULL);
        }
        return v ? ly_mk(vm, LY_SYM(Times), 2, v, marker(vm)) : NULL;
    }
    if (!ly_is_normal(e) || !has_machine_real(e)) return ref(e);
    LyExpr r = ly_mknormal(vm, ref(ly_nhead(e)), ly_nlen(e));
    for (size_t i = 1; r && i <= ly_nlen(e); i++) {
        LyExpr a = exactify_rec(vm, ly_narg(e, i));
        if (!a) { lys_abandon(vm, r, i); return NULL; }
        ly_nset(r, i, a);
    }
    return r;
}

static LyExpr exactify(LyVM *vm, LyExpr e) { return lys_eval_steal(vm, exactify_rec(vm, e)); }

/* M -> 1. in r (steals r) */
static LyExpr inexact_again(LyVM *vm, LyExpr r) {
    if (!r) return NULL;
    LyExpr m = marker(vm), one = ly_mkreal(vm, 1.0);
    LyExpr s = one ? ly_substitute(vm, r, 1, &m, &one) : NULL;
    ly_unref(vm, one);
    ly_unref(vm, r);
    return lys_eval_steal(vm, s);
}

static LyExpr expand_exact(LyVM *vm, LyExpr e);

LyExpr lys_expand(LyVM *vm, LyExpr e) {
    if (!needs_expand(e)) return ref(e);
    if (!has_machine_real(e)) return expand_exact(vm, e);
    LyExpr x = exactify(vm, e);
    LyExpr r = x ? inexact_again(vm, expand_exact(vm, x)) : NULL;
    ly_unref(vm, x);
    return r;
}

static LyExpr expand_exact(LyVM *vm, LyExpr e) {
    if (!needs_expand(e)) return ref(e);
    LysVars vs;
    LysPoly p;
    lys_vars_init(&vs, vm);
    LyExpr r = NULL;
    if (lys_expr_to_poly(&vs, e, &p, 0)) r = lys_poly_to_expr(&vs, &p);
    else if (!ly_unwinding(vm)) r = ref(e);
    lys_poly_clear(&p);
    lys_vars_free(&vs);
    return r;
}

static LyExpr expand_cb(LyVM *vm, LyExpr e, void *ud) {
    if (threads(e)) return thread(vm, e, expand_cb, ud);
    return lys_expand(vm, e);
}

static LyExpr b_expand(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    return expand_cb(vm, ly_narg(e, 1), NULL);
}

/* ExpandAll: every level, denominators included. */
LyExpr lys_expand_all(LyVM *vm, LyExpr e) {
    if (!ly_is_normal(e)) return ref(e);
    size_t n = ly_nlen(e);
    LyExpr h = ly_nhead(e);
    if (h == LY_SYM(Power) && n == 2 && ly_is_small(ly_narg(e, 2)) && ly_small(ly_narg(e, 2)) < 0) {
        LyExpr b = lys_expand_all(vm, ly_narg(e, 1));
        if (!b) return NULL;
        LyExpr bn = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Power), 2, b, ly_mksmall(-ly_small(ly_narg(e, 2)))));
        LyExpr be = bn ? lys_expand(vm, bn) : NULL;
        ly_unref(vm, bn);
        if (!be) return NULL;
        return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Power), 2, be, ly_mksmall(-1)));
    }
    LyExpr r = ly_mknormal(vm, ref(h), n);
    if (!r) return NULL;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = lys_expand_all(vm, ly_narg(e, i));
        if (!a) { lys_abandon(vm, r, i); return NULL; }
        ly_nset(r, i, a);
    }
    LyExpr v = lys_eval_steal(vm, r);
    if (!v) return NULL;
    LyExpr x = lys_expand(vm, v);
    ly_unref(vm, v);
    return x;
}

static LyExpr b_expandall(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    return lys_expand_all(vm, ly_narg(e, 1));
}

/* ---- numerator / denominator ---------------------------------------------------------------------- */

/* Splits a product into numerator and denominator factors (new refs). */
void lys_numden(LyVM *vm, LyExpr e, LyExpr *num, LyExpr *den) {
    LyExpr fs1 = e;
    size_t n = 1;
    LyExpr *items = &fs1;
    if (ly_head_is(e, LY_SYM(Times))) { n = ly_nlen(e); items = ly_nargs(e); }
    LyExpr nn = ly_mknormal(vm, LY_SYM(Times), n), dd = ly_mknormal(vm, LY_SYM(Times), n);
    *num = *den = NULL;
    if (!nn || !dd) { ly_unref(vm, nn); ly_unref(vm, dd); return; }
    size_t kn = 0, kd = 0;
    bool ok = true;       /* a part could not be made (out of memory): NULL results */
    for (size_t i = 0; i < n; i++) {
        LyExpr f = items[i];
        if (ly_head_is(f, LY_SYM(Power)) && ly_nlen(f) == 2) {
            LyExpr x = ly_narg(f, 2);
            bool neg = (lys_is_realnum(x) && ly_num_sign(x) < 0) ||
                       (ly_head_is(x, LY_SYM(Times)) && lys_is_realnum(ly_narg(x, 1)) && ly_num_sign(ly_narg(x, 1)) < 0);
            if (neg) {
                LyExpr nx = ly_is_number(x) ? ly_num_neg(vm, x)
                          : lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ref(x)));
                LyExpr p = nx ? ly_mk(vm, LY_SYM(Power), 2, ref(ly_narg(f, 1)), nx) : NULL;
                if (!p) { ok = false; p = ly_mksmall(1); }
                ly_nset(dd, ++kd, p);
                continue;
            }
        }
        if (ly_type(f) == LY_TRAT) {
            ly_nset(nn, ++kn, ref(((LyRational *)f)->num));
            ly_nset(dd, ++kd, ref(((LyRational *)f)->den));
            continue;
        }
        ly_nset(nn, ++kn, ref(f));
    }
    for (size_t i = kn + 1; i <= n; i++) ly_nset(nn, i, ly_mksmall(1));
    for (size_t i = kd + 1; i <= n; i++) ly_nset(dd, i, ly_mksmall(1));
    if (!ok) { ly_unref(vm, nn); ly_unref(vm, dd); return; }
    *num = lys_eval_steal(vm, nn);
    *den = lys_eval_steal(vm, dd);
    if (!*num || !*den) { ly_unref(vm, *num); ly_unref(vm, *den); *num = *den = NULL; }
}

/* ---- rational functions with factored denominators (Together) -------------------------------------- */

typedef struct Den { size_t n, cap; LysPoly *f; long *k; } Den;

typedef struct Rat {
    LysPoly num;       /* integer coefficients */
    mpq_t c;           /* numeric factor */
    Den d;             /* primitive factors */
} Rat;

static void den_init(Den *d) { d->n = d->cap = 0; d->f = NULL; d->k = NULL; }
static void den_clear(Den *d) {
    for (size_t i = 0; i < d->n; i++) lys_poly_clear(&d->f[i]);
    free(d->f); free(d->k);
    den_init(d);
}
static bool den_push(Den *d, const LysPoly *f, long k) {
    if (k == 0 || lys_poly_is_const(f)) return true;
    for (size_t i = 0; i < d->n; i++) if (lys_poly_equal(&d->f[i], f)) { d->k[i] += k; return true; }
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 4;
        d->f = realloc(d->f, d->cap * sizeof(LysPoly));
        d->k = realloc(d->k, d->cap * sizeof(long));
        if (!d->f || !d->k) return false;
    }
    lys_poly_init(&d->f[d->n], f->vm, f->nv);
    if (!lys_poly_copy(&d->f[d->n], f)) return false;
    d->k[d->n++] = k;
    return true;
}

static void rat_init(Rat *r, LyVM *vm, int nv) { lys_poly_init(&r->num, vm, nv); mpq_init(r->c); mpq_set_ui(r->c, 1, 1); den_init(&r->d); }
static void rat_clear(Rat *r) { lys_poly_clear(&r->num); mpq_clear(r->c); den_clear(&r->d); }

/* Product of the denominator factors raised to k - skip[i] (skip may be NULL). */
static bool den_product(LysPoly *out, const Den *d, const long *sub, int nv, LyVM *vm) {
    mpq_t one; mpq_init(one); mpq_set_ui(one, 1, 1);
    lys_poly_clear(out); out->nv = nv;
    bool ok = lys_poly_set_q(out, one);
    mpq_clear(one);
    LysPoly t;
    lys_poly_init(&t, vm, nv);
    for (size_t i = 0; i < d->n && ok; i++) {
        long k = d->k[i] - (sub ? sub[i] : 0);
        if (k <= 0) continue;
        ok = lys_poly_pow(&t, &d->f[i], (unsigned long)k) && lys_poly_mul(out, out, &t);
    }
    lys_poly_clear(&t);
    return ok;
}

/* Puts the numerator's content into c. */
static void rat_fix(Rat *r) {
    mpq_t q; mpq_init(q);
    if (r->num.n) { lys_poly_primitive(&r->num, q); mpq_mul(r->c, r->c, q); }
    else mpq_set_ui(r->c, 0, 1);
    mpq_clear(q);
}

/* Multiplicities of b's factors in a's basis after merging (a gets new factors). */
static bool den_merge(Den *a, const Den *b, bool add) {
    for (size_t j = 0; j < b->n; j++) {
        size_t i;
        for (i = 0; i < a->n; i++) if (lys_poly_equal(&a->f[i], &b->f[j])) break;
        if (i < a->n) {
            if (add) a->k[i] += b->k[j];
            else if (b->k[j] > a->k[i]) a->k[i] = b->k[j];
        } else if (!den_push(a, &b->f[j], b->k[j])) return false;
    }
    return true;
}

static bool rat_of(LyVM *vm, LysVars *vs, LyExpr e, Rat *r);

/* Replaces factor i of d (f^k) by g^k (f/g)^k. */
static bool den_split(Den *d, size_t i, const LysPoly *g) {
    LysPoly h;
    lys_poly_init(&h, g->vm, g->nv);
    bool ok = lys_poly_divexact(&h, &d->f[i], g);
    if (ok) {
        mpq_t c; mpq_init(c); lys_poly_primitive(&h, c); mpq_clear(c);
        long k = d->k[i];
        lys_poly_swap(&h, &d->f[i]);
        ok = den_push(d, g, k);
    }
    lys_poly_clear(&h);
    return ok;
}

/* Refines the factors of a and b into a common coprime basis
 * (1/(x^2 - 1) + 1/(x - 1): x^2 - 1 splits into x - 1, x + 1). */
static bool den_refine(Den *a, Den *b) {
    if (!a->n || !b->n) return true;
    LysPoly g;
    lys_poly_init(&g, a->f[0].vm, a->f[0].nv);
    bool ok = true, changed = true;
    for (int rounds = 0; changed && ok && rounds < 64; rounds++) {
        changed = false;
        for (size_t i = 0; i < a->n && ok && !changed; i++)
            for (size_t j = 0; j < b->n && ok && !changed; j++) {
                if (lys_poly_equal(&a->f[i], &b->f[j])) continue;
                ok = lys_poly_gcd(&g, &a->f[i], &b->f[j]);
                if (!ok || lys_poly_is_const(&g)) continue;
                if (!lys_poly_equal(&g, &a->f[i])) ok = den_split(a, i, &g);
                if (ok && !lys_poly_equal(&g, &b->f[j])) ok = den_split(b, j, &g);
                changed = true;
            }
    }
    lys_poly_clear(&g);
    return ok;
}

static bool rat_mul(Rat *a, const Rat *b) {
    mpq_mul(a->c, a->c, b->c);
    return lys_poly_mul(&a->num, &a->num, &b->num) && den_merge(&a->d, &b->d, true);
}

/* Cancels the denominator factors against the numerator. */
static bool rat_cancel(Rat *r) {
    LyVM *vm = r->num.vm;
    int nv = r->num.nv;
    LysPoly g, q, h;
    lys_poly_init(&g, vm, nv); lys_poly_init(&q, vm, nv); lys_poly_init(&h, vm, nv);
    bool ok = true;
    for (size_t i = 0; i < r->d.n && ok; i++) {
        while (r->d.k[i] > 0 && ok && r->num.n) {
            ok = lys_poly_gcd(&g, &r->num, &r->d.f[i]);
            if (!ok || lys_poly_is_const(&g)) break;
            ok = lys_poly_divexact(&q, &r->num, &g);
            if (!ok) break;
            lys_poly_swap(&q, &r->num);
            if (lys_poly_equal(&g, &r->d.f[i])) { r->d.k[i]--; continue; }
            ok = lys_poly_divexact(&h, &r->d.f[i], &g);
            if (!ok) break;
            mpq_t c; mpq_init(c); lys_poly_primitive(&h, c); mpq_div(r->c, r->c, c); mpq_clear(c);
            long k = r->d.k[i];
            lys_poly_swap(&h, &r->d.f[i]);
            ok = den_push(&r->d, &g, k - 1);
        }
    }
    rat_fix(r);
    lys_poly_clear(&g); lys_poly_clear(&q); lys_poly_clear(&h);
    return ok;
}

static bool rat_add(Rat *a, const Rat *b) {
    LyVM *vm = a->num.vm;
    int nv = a->num.nv;
    Den m, bd;
    den_init(&m); den_init(&bd);
    bool ok = den_merge(&bd, &b->d, true) && den_refine(&a->d, &bd) &&
              den_merge(&m, &a->d, false) && den_merge(&m, &bd, false);
    /* numerator: ca na (M / Da) + cb nb (M / Db) */
    long sa[m.n ? m.n : 1], sb[m.n ? m.n : 1];
    for (size_t i = 0; i < m.n; i++) {
        sa[i] = sb[i] = 0;
        for (size_t j = 0; j < a->d.n; j++) if (lys_poly_equal(&m.f[i], &a->d.f[j])) sa[i] = a->d.k[j];
        for (size_t j = 0; j < bd.n; j++) if (lys_poly_equal(&m.f[i], &bd.f[j])) sb[i] = bd.k[j];
    }
    LysPoly ma, mb, ta, tb;
    lys_poly_init(&ma, vm, nv); lys_poly_init(&mb, vm, nv); lys_poly_init(&ta, vm, nv); lys_poly_init(&tb, vm, nv);
    ok = ok && den_product(&ma, &m, sa, nv, vm) && den_product(&mb, &m, sb, nv, vm) &&
         lys_poly_mul(&ta, &a->num, &ma) && lys_poly_mul(&tb, &b->num, &mb);
    if (ok) {
        lys_poly_scale(&ta, a->c);
        lys_poly_scale(&tb, b->c);
        ok = lys_poly_add(&a->num, &ta, &tb);
        mpq_set_ui(a->c, 1, 1);
        den_clear(&a->d);
        a->d = m;
        den_init(&m);
        rat_fix(a);
    }
    lys_poly_clear(&ma); lys_poly_clear(&mb); lys_poly_clear(&ta); lys_poly_clear(&tb);
    den_clear(&m); den_clear(&bd);
    return ok && rat_cancel(a);
}

static bool rat_pow(Rat *r, long k) {
    if (k >= 0) {
        for (size_t i = 0; i < r->d.n; i++) r->d.k[i] *= k;
        mpz_pow_ui(mpq_numref(r->c), mpq_numref(r->c), (unsigned long)k);
        mpz_pow_ui(mpq_denref(r->c), mpq_denref(r->c), (unsigned long)k);
        return lys_poly_pow(&r->num, &r->num, (unsigned long)k);
    }
    /* invert: the numerator becomes one denominator factor */
    LyVM *vm = r->num.vm;
    int nv = r->num.nv;
    if (r->num.n == 0) return false;
    LysPoly dp;
    lys_poly_init(&dp, vm, nv);
    bool ok = den_product(&dp, &r->d, NULL, nv, vm);
    Den nd;
    den_init(&nd);
    ok = ok && den_push(&nd, &r->num, 1);
    den_clear(&r->d);
    r->d = nd;
    lys_poly_swap(&r->num, &dp);
    lys_poly_clear(&dp);
    mpq_inv(r->c, r->c);
    rat_fix(r);
    return ok && rat_pow(r, -k);
}

static bool rat_of(LyVM *vm, LysVars *vs, LyExpr e, Rat *r) {
    int nv = (int)vs->n;
    if (ly_head_is(e, LY_SYM(Plus)) || ly_head_is(e, LY_SYM(Times))) {
        bool plus = ly_head_is(e, LY_SYM(Plus));
        if (!rat_of(vm, vs, ly_narg(e, 1), r)) return false;
        for (size_t i = 2; i <= ly_nlen(e); i++) {
            Rat t;
            rat_init(&t, vm, nv);
            bool ok = rat_of(vm, vs, ly_narg(e, i), &t) && (plus ? rat_add(r, &t) : rat_mul(r, &t));
            rat_clear(&t);
            if (!ok) return false;
            if (!ly_safe_point(vm)) return false;
        }
        return plus || rat_cancel(r);
    }
    if (ly_head_is(e, LY_SYM(Power)) && ly_nlen(e) == 2 && ly_is_small(ly_narg(e, 2))) {
        if (!rat_of(vm, vs, ly_narg(e, 1), r)) return false;
        return rat_pow(r, (long)ly_small(ly_narg(e, 2)));
    }
    LysPoly p;
    lys_poly_init(&p, vm, nv);
    if (!lys_poly_from_expr(vs, e, &p, LYS_P_RATIONAL)) { lys_poly_clear(&p); return false; }
    lys_poly_swap(&p, &r->num);
    lys_poly_clear(&p);
    mpq_set_ui(r->c, 1, 1);
    rat_fix(r);
    /* a monomial with negative exponents (Laurent) goes to the denominator */
    for (int v = 0; v < nv; v++) {
        int32_t lo = lys_poly_lowdeg(&r->num, v);
        if (lo >= 0 || r->num.n == 0) continue;
        for (size_t i = 0; i < r->num.n; i++) lys_pexp(&r->num, i)[v] -= lo;
        LysPoly x;
        lys_poly_init(&x, vm, nv);
        bool ok = lys_poly_set_var(&x, v, 1) && den_push(&r->d, &x, -lo);
        lys_poly_clear(&x);
        if (!ok) return false;
    }
    return true;
}

/* Builds c * num / prod(d_i^k_i), with the numerator's integer content
 * kept inside it (Together[2 + 2 x] stays 2 + 2 x). */
static LyExpr rat_to_expr(LyVM *vm, const LysVars *vs, Rat *r, bool expand_den) {
    if (r->num.n == 0) return ly_mksmall(0);
    mpq_t nc; mpq_init(nc);
    mpq_set_z(nc, mpq_numref(r->c));
    LysPoly n2;
    lys_poly_init(&n2, vm, r->num.nv);
    bool ok = lys_poly_copy(&n2, &r->num);
    if (ok) lys_poly_scale(&n2, nc);
    mpq_clear(nc);
    size_t nd = r->d.n;
    LyExpr t = ly_mknormal(vm, LY_SYM(Times), nd + 2);
    if (!t || !ok) { ly_unref(vm, t); lys_poly_clear(&n2); return NULL; }
    mpq_t dc; mpq_init(dc); mpq_set_z(dc, mpq_denref(r->c)); mpq_inv(dc, dc);
    ly_nset(t, 1, lys_from_mpq(vm, dc));
    mpq_clear(dc);
    ly_nset(t, 2, lys_poly_to_expr(vs, &n2));
    lys_poly_clear(&n2);
    if (expand_den) {
        LysPoly dp;
        lys_poly_init(&dp, vm, r->num.nv);
        den_product(&dp, &r->d, NULL, r->num.nv, vm);
        LyExpr de = lys_poly_to_expr(vs, &dp);
        lys_poly_clear(&dp);
        ly_nset(t, 3, ly_mk(vm, LY_SYM(Power), 2, de, ly_mksmall(-1)));
        for (size_t i = 4; i <= nd + 2; i++) ly_nset(t, i, ly_mksmall(1));
    } else {
        for (size_t i = 0; i < nd; i++)
            ly_nset(t, i + 3, ly_mk(vm, LY_SYM(Power), 2, lys_poly_to_expr(vs, &r->d.f[i]), ly_mksmall(-r->d.k[i])));
    }
    for (size_t i = 1; i <= nd + 2; i++) if (!ly_narg(t, i)) { lys_abandon(vm, t, 1); return NULL; }
    return lys_eval_steal(vm, t);
}

/* Together of e over the kernels of e (NULL when e is not rational in its kernels). */
static LyExpr together(LyVM *vm, LyExpr e, bool expand_den) {
    LysVars vs;
    lys_vars_init(&vs, vm);
    LyExpr res = NULL;
    if (lys_collect_kernels(&vs, e, LYS_P_RATIONAL)) {
        lys_vars_sort(&vs, 0);
        Rat r;
        rat_init(&r, vm, (int)vs.n);
        if (rat_of(vm, &vs, e, &r) && rat_cancel(&r)) res = rat_to_expr(vm, &vs, &r, expand_den);
        rat_clear(&r);
    }
    lys_vars_free(&vs);
    if (!res && !ly_unwinding(vm)) res = ref(e);
    return res;
}

LyExpr lys_together(LyVM *vm, LyExpr e) { return together(vm, e, false); }

static LyExpr together_cb(LyVM *vm, LyExpr e, void *ud) {
    if (threads(e)) return thread(vm, e, together_cb, ud);
    return together(vm, e, false);
}

static LyExpr b_together(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    return together_cb(vm, ly_narg(e, 1), NULL);
}

/* ---- Cancel -------------------------------------------------------------------------------------------- */

static LyExpr cancel_term(LyVM *vm, LyExpr e, void *ud) { return lys_cancel(vm, e); }

LyExpr lys_cancel(LyVM *vm, LyExpr e) {
    if (ly_head_is(e, LY_SYM(Plus))) return thread(vm, e, cancel_term, NULL);
    LyExpr num, den;
    lys_numden(vm, e, &num, &den);
    if (!num || !den) { ly_unref(vm, num); ly_unref(vm, den); return NULL; }
    if (ly_is_number(den)) { ly_unref(vm, num); ly_unref(vm, den); return ref(e); }
    LysVars vs;
    lys_vars_init(&vs, vm);
    LysPoly pn, pd, g;
    lys_poly_init(&g, vm, 0);
    lys_poly_init(&pn, vm, 0); lys_poly_init(&pd, vm, 0);
    LyExpr res = NULL;
    bool ok = lys_collect_kernels(&vs, num, 0) && lys_collect_kernels(&vs, den, 0);
    if (ok) {
        lys_vars_sort(&vs, 0);
        ok = lys_poly_from_expr(&vs, num, &pn, 0) && lys_poly_from_expr(&vs, den, &pd, 0) &&
             !lys_poly_has_negative(&pn) && !lys_poly_has_negative(&pd);
        g.nv = (int)vs.n;
    }
    if (ok) ok = lys_poly_gcd(&g, &pn, &pd) && lys_poly_divexact(&pn, &pn, &g) && lys_poly_divexact(&pd, &pd, &g);
    if (ok) {
        mpq_t c; mpq_init(c);
        lys_poly_primitive(&pd, c);
        mpq_t nc; mpq_init(nc);
        lys_poly_primitive(&pn, nc);
        mpq_div(c, nc, c);
        /* integer part of the content stays in the numerator */
        mpq_t ci; mpq_init(ci); mpq_set_z(ci, mpq_numref(c));
        lys_poly_scale(&pn, ci);
        mpq_set_z(ci, mpq_denref(c));
        mpq_inv(ci, ci);
        LyExpr ne = lys_poly_to_expr(&vs, &pn), de = lys_poly_to_expr(&vs, &pd);
        res = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 3, lys_from_mpq(vm, ci), ne,
                                       ly_mk(vm, LY_SYM(Power), 2, de, ly_mksmall(-1))));
        mpq_clear(c); mpq_clear(nc); mpq_clear(ci);
    }
    lys_poly_clear(&pn); lys_poly_clear(&pd); lys_poly_clear(&g);
    lys_vars_free(&vs);
    ly_unref(vm, num); ly_unref(vm, den);
    if (!res && !ly_unwinding(vm)) res = ref(e);
    return res;
}

static LyExpr cancel_cb(LyVM *vm, LyExpr e, void *ud) {
    if (threads(e)) return thread(vm, e, cancel_cb, ud);
    return lys_cancel(vm, e);
}

static LyExpr b_cancel(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    return cancel_cb(vm, ly_narg(e, 1), NULL);
}

/* ---- Factor ------------------------------------------------------------------------------------------------ */

/* Factored form of a polynomial expression (new reference). */
static LyExpr factor_poly(LyVM *vm, LyExpr e) {
    LysVars vs;
    LysPoly p;
    lys_vars_init(&vs, vm);
    LyExpr res = NULL;
    if (lys_expr_to_poly(&vs, e, &p, 0)) {
        LysFactors fs;
        lys_factors_init(&fs);
        if (lys_factor(&fs, &p)) {
            LyExpr t = ly_mknormal(vm, LY_SYM(Times), fs.n + 1);
            if (t) {
                ly_nset(t, 1, vs.inexact ? ly_mkreal(vm, mpq_get_d(fs.unit)) : lys_from_mpq(vm, fs.unit));
                for (size_t i = 0; i < fs.n; i++) {
                    LyExpr f = lys_poly_to_expr(&vs, &fs.f[i].f);
                    ly_nset(t, i + 2, f && fs.f[i].k != 1 ? ly_mk(vm, LY_SYM(Power), 2, f, ly_mksmall(fs.f[i].k)) : f);
                }
                bool ok = true;
                for (size_t i = 1; i <= fs.n + 1; i++) if (!ly_narg(t, i)) ok = false;
                if (ok) res = lys_eval_steal(vm, t);
                else lys_abandon(vm, t, 1);
            }
        }
        lys_factors_clear(vm, &fs);
    }
    lys_poly_clear(&p);
    lys_vars_free(&vs);
    if (!res && !ly_unwinding(vm)) res = ref(e);
    return res;
}

LyExpr lys_factor_expr(LyVM *vm, LyExpr e) {
    if (ly_is_number(e) || ly_is_sym(e)) return ref(e);
    LyExpr t = lys_together(vm, e);
    if (!t) return NULL;
    LyExpr num, den;
    lys_numden(vm, t, &num, &den);
    ly_unref(vm, t);
    if (!num || !den) { ly_unref(vm, num); ly_unref(vm, den); return NULL; }
    LyExpr fn = factor_poly(vm, num);
    LyExpr fd = fn ? factor_poly(vm, den) : NULL;
    ly_unref(vm, num); ly_unref(vm, den);
    if (!fd) { ly_unref(vm, fn); return NULL; }
    if (ly_is_small(fd) && ly_small(fd) == 1) { ly_unref(vm, fd); return fn; }
    return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, fn, ly_mk(vm, LY_SYM(Power), 2, fd, ly_mksmall(-1))));
}

static LyExpr factor_cb(LyVM *vm, LyExpr e, void *ud) {
    if (threads(e)) return thread(vm, e, factor_cb, ud);
    return lys_factor_expr(vm, e);
}

static LyExpr b_factor(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    return factor_cb(vm, ly_narg(e, 1), NULL);
}

/* FactorSquareFree */
static LyExpr b_factorsquarefree(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LysVars vs;
    LysPoly p;
    lys_vars_init(&vs, vm);
    LyExpr res = NULL;
    if (lys_expr_to_poly(&vs, ly_narg(e, 1), &p, 0)) {
        LysFactors fs;
        lys_factors_init(&fs);
        if (lys_factor_squarefree(&fs, &p)) {
            LyExpr t = ly_mknormal(vm, LY_SYM(Times), fs.n + 1);
            ly_nset(t, 1, lys_from_mpq(vm, fs.unit));
            for (size_t i = 0; i < fs.n; i++) {
                LyExpr f = lys_poly_to_expr(&vs, &fs.f[i].f);
                ly_nset(t, i + 2, fs.f[i].k != 1 ? ly_mk(vm, LY_SYM(Power), 2, f, ly_mksmall(fs.f[i].k)) : f);
            }
            res = lys_eval_steal(vm, t);
        }
        lys_factors_clear(vm, &fs);
    }
    lys_poly_clear(&p);
    lys_vars_free(&vs);
    return res;
}

/* ---- Variables, PolynomialQ ------------------------------------------------------------------------------- */

static bool free_of(LyExpr e, LyExpr x) {
    if (ly_equal(e, x)) return false;
    if (!ly_is_normal(e)) return true;
    if (!free_of(ly_nhead(e), x)) return false;
    for (size_t i = 1; i <= ly_nlen(e); i++) if (!free_of(ly_narg(e, i), x)) return false;
    return true;
}
bool lys_free_of(LyExpr e, LyExpr x) { return free_of(e, x); }

static bool vars_walk(LyVM *vm, LysVars *vs, LyExpr e) {
    if (ly_is_number(e)) return true;
    if (ly_is_normal(e)) {
        LyExpr h = ly_nhead(e);
        if (h == LY_SYM(Plus) || h == LY_SYM(Times)) {
            for (size_t i = 1; i <= ly_nlen(e); i++) if (!vars_walk(vm, vs, ly_narg(e, i))) return false;
            return true;
        }
        if (h == LY_SYM(Power) && ly_nlen(e) == 2 && (ly_is_integer(ly_narg(e, 2)) || ly_type(ly_narg(e, 2)) == LY_TRAT))
            return vars_walk(vm, vs, ly_narg(e, 1));
        if (h == LY_SYM(List)) {
            for (size_t i = 1; i <= ly_nlen(e); i++) if (!vars_walk(vm, vs, ly_narg(e, i))) return false;
            return true;
        }
    }
    if (lys_numericq(vm, e)) return true;
    return lys_vars_add(vs, e) >= 0;
}

static LyExpr b_variables(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LysVars vs;
    lys_vars_init(&vs, vm);
    LyExpr r = NULL;
    if (vars_walk(vm, &vs, ly_narg(e, 1))) {
        lys_vars_sort(&vs, 0);
        r = ly_list(vm, vs.n, vs.v);
    }
    lys_vars_free(&vs);
    return r;
}

static bool polyq(LyExpr e, const LyExpr *xs, size_t nx) {
    for (size_t i = 0; i < nx; i++) if (ly_equal(e, xs[i])) return true;
    bool fr = true;
    for (size_t i = 0; i < nx && fr; i++) fr = free_of(e, xs[i]);
    if (fr) return true;
    if (!ly_is_normal(e)) return true;
    LyExpr h = ly_nhead(e);
    if (h == LY_SYM(Plus) || h == LY_SYM(Times)) {
        for (size_t i = 1; i <= ly_nlen(e); i++) if (!polyq(ly_narg(e, i), xs, nx)) return false;
        return true;
    }
    if (h == LY_SYM(Power) && ly_nlen(e) == 2 && ly_is_integer(ly_narg(e, 2)) && ly_num_sign(ly_narg(e, 2)) >= 0)
        return polyq(ly_narg(e, 1), xs, nx);
    return false;
}

static LyExpr b_polynomialq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr p = ly_narg(e, 1);
    LyExpr xs;
    if (ly_nlen(e) == 2) xs = ref(ly_narg(e, 2));
    else {
        LyExpr call = ly_mk(vm, sym(vm, "Variables"), 1, ref(p));
        xs = lys_eval_steal(vm, call);
        if (!xs) return NULL;
    }
    bool r;
    if (ly_head_is(xs, LY_SYM(List))) r = polyq(p, ly_nargs(xs), ly_nlen(xs));
    else r = polyq(p, &xs, 1);
    ly_unref(vm, xs);
    return lys_bool(r);
}

/* ---- Coefficient, Exponent, CoefficientList, Collect --------------------------------------------------------- */

/* The exponent of x in term i of p as a rational (kernels x^(1/q) count 1/q). */
static void term_exponent(const LysVars *vs, const LysPoly *p, size_t i, LyExpr x, mpq_t out) {
    mpq_set_ui(out, 0, 1);
    const int32_t *e = lys_pexp(p, i);
    mpq_t t; mpq_init(t);
    for (int k = 0; k < p->nv; k++) {
        if (!e[k]) continue;
        LyExpr v = vs->v[k];
        if (ly_equal(v, x)) { mpq_set_si(t, e[k], 1); mpq_add(out, out, t); }
        else if (ly_head_is(v, LY_SYM(Power)) && ly_nlen(v) == 2 && ly_equal(ly_narg(v, 1), x) &&
                 ly_type(ly_narg(v, 2)) == LY_TRAT) {
            mpq_t r; lys_mpq_get(r, ly_narg(v, 2));
            mpq_set_si(t, e[k], 1); mpq_mul(t, t, r); mpq_add(out, out, t);
            mpq_clear(r);
        }
    }
    mpq_clear(t);
}

static LyExpr exponent1(LyVM *vm, LyExpr expr, LyExpr x) {
    LysVars vs;
    LysPoly p;
    lys_vars_init(&vs, vm);
    LyExpr r = NULL;
    if (lys_expr_to_poly(&vs, expr, &p, 0)) {
        if (p.n == 0) r = lys_infinity(vm, -1);
        else {
            mpq_t best, t; mpq_init(best); mpq_init(t);
            for (size_t i = 0; i < p.n; i++) {
                term_exponent(&vs, &p, i, x, t);
                if (i == 0 || mpq_cmp(t, best) > 0) mpq_set(best, t);
            }
            r = lys_from_mpq(vm, best);
            mpq_clear(best); mpq_clear(t);
        }
    }
    lys_poly_clear(&p);
    lys_vars_free(&vs);
    return r;
}

static LyExpr b_exponent(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 3)) return NULL;
    LyExpr expr = ly_narg(e, 1), x = ly_narg(e, 2);
    if (ly_head_is(x, LY_SYM(List))) {
        LyExpr l = ly_mknormal(vm, LY_SYM(List), ly_nlen(x));
        for (size_t i = 1; i <= ly_nlen(x); i++) {
            LyExpr v = exponent1(vm, expr, ly_narg(x, i));
            if (!v) { lys_abandon(vm, l, i); return NULL; }
            ly_nset(l, i, v);
        }
        return l;
    }
    return exponent1(vm, expr, x);
}

/* Sum of the terms of p whose exponents of the kernels of form match
 * n times form's exponents, with those kernels removed. */
static LyExpr coefficient_exact(LyVM *vm, LyExpr expr, LyExpr form, int64_t n);

static LyExpr coefficient(LyVM *vm, LyExpr expr, LyExpr form, int64_t n) {
    if (!has_machine_real(expr) || has_machine_real(form)) return coefficient_exact(vm, expr, form, n);
    LyExpr x = exactify(vm, expr);
    LyExpr r = x ? inexact_again(vm, coefficient_exact(vm, x, form, n)) : NULL;
    ly_unref(vm, x);
    return r;
}

static LyExpr coefficient_exact(LyVM *vm, LyExpr expr, LyExpr form, int64_t n) {
    LysVars vs;
    lys_vars_init(&vs, vm);
    LysPoly p, f, out;
    lys_poly_init(&out, vm, 0);
    LyExpr r = NULL;
    if (!lys_collect_kernels(&vs, form, 0) || !lys_expr_to_poly(&vs, expr, &p, 0)) goto done;
    lys_poly_init(&f, vm, (int)vs.n);
    if (!lys_poly_from_expr(&vs, form, &f, 0) || f.n != 1) {
        lys_poly_clear(&f); lys_poly_clear(&p);
        goto done;
    }
    out.nv = (int)vs.n;
    const int32_t *fe = f.e;
    for (size_t i = 0; i < p.n; i++) {
        const int32_t *ex = lys_pexp(&p, i);
        bool match = true;
        for (int k = 0; k < p.nv && match; k++) if (fe[k] && ex[k] != fe[k] * n) match = false;
        if (!match) continue;
        if (!lys_poly_push(&out, ex, p.c[i])) break;
        for (int k = 0; k < p.nv; k++) if (fe[k]) lys_pexp(&out, out.n - 1)[k] = 0;
    }
    lys_poly_normalize(&out);
    r = lys_poly_to_expr(&vs, &out);
    lys_poly_clear(&f); lys_poly_clear(&p);
done:
    lys_poly_clear(&out);
    lys_vars_free(&vs);
    return r;
}

static LyExpr b_coefficient(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 3)) return NULL;
    int64_t n = 1;
    if (ly_nlen(e) == 3 && !ly_get_int64(ly_narg(e, 3), &n)) return NULL;
    if (threads(ly_narg(e, 1))) {
        LyExpr l = ly_narg(e, 1);
        LyExpr r = ly_mknormal(vm, ref(ly_nhead(l)), ly_nlen(l));
        for (size_t i = 1; i <= ly_nlen(l); i++) {
            LyExpr v = coefficient(vm, ly_narg(l, i), ly_narg(e, 2), n);
            if (!v) { lys_abandon(vm, r, i); return NULL; }
            ly_nset(r, i, v);
        }
        return r;
    }
    return coefficient(vm, ly_narg(e, 1), ly_narg(e, 2), n);
}

static LyExpr coeff_list(LyVM *vm, LyExpr expr, const LyExpr *xs, size_t nx) {
    if (nx == 0) return lys_expand(vm, expr);
    LyExpr d = exponent1(vm, expr, xs[0]);
    if (!d) return NULL;
    int64_t deg;
    if (!ly_get_int64(d, &deg)) {
        bool minf = lys_infinity_sign(d) < 0;
        ly_unref(vm, d);
        if (minf) return ly_list(vm, 0, NULL);
        return NULL;
    }
    if (deg < 0) return NULL;
    LyExpr l = ly_mknormal(vm, LY_SYM(List), (size_t)deg + 1);
    for (int64_t k = 0; k <= deg; k++) {
        LyExpr c = coefficient(vm, expr, xs[0], k);
        LyExpr s = c ? coeff_list(vm, c, xs + 1, nx - 1) : NULL;
        ly_unref(vm, c);
        if (!s) { lys_abandon(vm, l, (size_t)k + 1); return NULL; }
        ly_nset(l, (size_t)k + 1, s);
    }
    return l;
}

static LyExpr b_coefficientlist(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr x = ly_narg(e, 2);
    if (ly_head_is(x, LY_SYM(List))) {
        if (ly_is_small(ly_narg(e, 1)) && ly_small(ly_narg(e, 1)) == 0) return ly_list(vm, 0, NULL);
        return coeff_list(vm, ly_narg(e, 1), ly_nargs(x), ly_nlen(x));
    }
    return coeff_list(vm, ly_narg(e, 1), &x, 1);
}

/* Collect[expr, x]: terms grouped by the powers of x, coefficients as sums. */
static LyExpr collect1(LyVM *vm, LyExpr expr, const LyExpr *xs, size_t nx, LyExpr h) {
    if (nx == 0) {
        if (!h) return lys_expand(vm, expr);
        return lys_eval_steal(vm, ly_mk(vm, ref(h), 1, ref(expr)));
    }
    LyExpr x = xs[0];
    LysVars vs;
    lys_vars_init(&vs, vm);
    LysPoly p;
    LyExpr res = NULL;
    if (!lys_expr_to_poly(&vs, expr, &p, 0)) { lys_vars_free(&vs); return ly_unwinding(vm) ? NULL : ref(expr); }
    /* group terms by the exponent of x (rational) */
    size_t n = p.n;
    mpq_t *ex = malloc((n ? n : 1) * sizeof(mpq_t));
    for (size_t i = 0; i < n; i++) { mpq_init(ex[i]); term_exponent(&vs, &p, i, x, ex[i]); }
    bool *done = calloc(n ? n : 1, 1);
    LyExpr sum = ly_mknormal(vm, LY_SYM(Plus), n);
    size_t ns = 0;
    for (size_t i = 0; i < n; i++) {
        if (done[i]) continue;
        /* the coefficient: sum of term/x^k */
        LyExpr xk = ly_mk(vm, LY_SYM(Power), 2, ref(x), lys_from_mpq(vm, ex[i]));
        LyExpr cs = ly_mknormal(vm, LY_SYM(Plus), n);
        size_t nc = 0;
        for (size_t j = i; j < n; j++) {
            if (done[j] || !mpq_equal(ex[i], ex[j])) continue;
            done[j] = true;
            LyExpr t = lys_term_to_expr(&vs, &p, j);
            ly_nset(cs, ++nc, ly_mk(vm, LY_SYM(Times), 2, t, ly_mk(vm, LY_SYM(Power), 2, ref(xk), ly_mksmall(-1))));
        }
        for (size_t j = nc + 1; j <= n; j++) ly_nset(cs, j, ly_mksmall(0));
        LyExpr c = lys_eval_steal(vm, cs);
        LyExpr cc = c ? collect1(vm, c, xs + 1, nx - 1, h) : NULL;
        ly_unref(vm, c);
        ly_nset(sum, ++ns, ly_mk(vm, LY_SYM(Times), 2, cc, xk));
    }
    for (size_t j = ns + 1; j <= n; j++) ly_nset(sum, j, ly_mksmall(0));
    res = lys_eval_steal(vm, sum);
    for (size_t i = 0; i < n; i++) mpq_clear(ex[i]);
    free(ex); free(done);
    lys_poly_clear(&p);
    lys_vars_free(&vs);
    return res;
}

static LyExpr b_collect(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 3)) return NULL;
    LyExpr x = ly_narg(e, 2), h = ly_nlen(e) == 3 ? ly_narg(e, 3) : NULL;
    if (ly_head_is(x, LY_SYM(List))) return collect1(vm, ly_narg(e, 1), ly_nargs(x), ly_nlen(x), h);
    return collect1(vm, ly_narg(e, 1), &x, 1, h);
}

/* ---- PolynomialGCD, PolynomialQuotient, PolynomialRemainder -------------------------------------------------- */

static LyExpr b_polynomialgcd(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n == 0) return ly_mksmall(0);
    LysVars vs;
    lys_vars_init(&vs, vm);
    for (size_t i = 1; i <= n; i++) if (!lys_collect_kernels(&vs, ly_narg(e, i), 0)) { lys_vars_free(&vs); return NULL; }
    lys_vars_sort(&vs, 0);
    LysPoly g, t;
    lys_poly_init(&g, vm, (int)vs.n); lys_poly_init(&t, vm, (int)vs.n);
    bool ok = lys_poly_from_expr(&vs, ly_narg(e, 1), &g, 0) && !lys_poly_has_negative(&g);
    mpq_t cg; mpq_init(cg);
    if (ok) lys_poly_primitive(&g, cg);
    mpz_t zc; mpz_init(zc);
    mpz_abs(zc, mpq_numref(cg));
    for (size_t i = 2; i <= n && ok; i++) {
        ok = lys_poly_from_expr(&vs, ly_narg(e, i), &t, 0) && !lys_poly_has_negative(&t);
        if (!ok) break;
        mpq_t c; mpq_init(c);
        lys_poly_primitive(&t, c);
        mpz_gcd(zc, zc, mpq_numref(c));
        mpq_clear(c);
        ok = lys_poly_gcd(&g, &g, &t);
    }
    LyExpr r = NULL;
    if (ok) {
        mpq_t c; mpq_init(c); mpq_set_z(c, zc);
        if (mpz_sgn(zc) == 0) mpq_set_ui(c, 1, 1);
        lys_poly_scale(&g, c);
        r = lys_poly_to_expr(&vs, &g);
        mpq_clear(c);
    }
    mpz_clear(zc); mpq_clear(cg);
    lys_poly_clear(&g); lys_poly_clear(&t);
    lys_vars_free(&vs);
    return r;
}

static LyExpr quotrem(LyVM *vm, LyExpr e, bool want_q) {
    if (!lys_argc(vm, e, 3, 3)) return NULL;
    LyExpr x = ly_narg(e, 3);
    LysVars vs;
    lys_vars_init(&vs, vm);
    if (lys_vars_add(&vs, x) < 0 || !lys_collect_kernels(&vs, ly_narg(e, 1), 0) ||
        !lys_collect_kernels(&vs, ly_narg(e, 2), 0)) { lys_vars_free(&vs); return NULL; }
    lys_vars_sort(&vs, 1);
    LysPoly a, b, q, r;
    int nv = (int)vs.n;
    lys_poly_init(&a, vm, nv); lys_poly_init(&b, vm, nv); lys_poly_init(&q, vm, nv); lys_poly_init(&r, vm, nv);
    LyExpr res = NULL;
    if (lys_poly_from_expr(&vs, ly_narg(e, 1), &a, 0) && lys_poly_from_expr(&vs, ly_narg(e, 2), &b, 0) && b.n) {
        if (lys_poly_divrem(&q, &r, &a, &b, 0)) res = lys_poly_to_expr(&vs, want_q ? &q : &r);
    }
    lys_poly_clear(&a); lys_poly_clear(&b); lys_poly_clear(&q); lys_poly_clear(&r);
    lys_vars_free(&vs);
    return res;
}

static LyExpr b_polynomialquotient(LyVM *vm, LyExpr e) { return quotrem(vm, e, true); }
static LyExpr b_polynomialremainder(LyVM *vm, LyExpr e) { return quotrem(vm, e, false); }

/* ---- Apart --------------------------------------------------------------------------------------------------- */

/* s, t with s a + t b = 1 (a, b coprime, univariate in v). */
static bool ext_gcd(LysPoly *s, const LysPoly *a, const LysPoly *b, int v) {
    LyVM *vm = a->vm;
    int nv = a->nv;
    LysPoly r0, r1, s0, s1, q, t, u;
    lys_poly_init(&r0, vm, nv); lys_poly_init(&r1, vm, nv); lys_poly_init(&s0, vm, nv);
    lys_poly_init(&s1, vm, nv); lys_poly_init(&q, vm, nv); lys_poly_init(&t, vm, nv); lys_poly_init(&u, vm, nv);
    mpq_t one; mpq_init(one); mpq_set_ui(one, 1, 1);
    bool ok = lys_poly_copy(&r0, a) && lys_poly_copy(&r1, b) && lys_poly_set_q(&s0, one);
    while (ok && r1.n) {
        ok = lys_poly_divrem(&q, &t, &r0, &r1, v);
        if (!ok) break;
        lys_poly_swap(&r0, &r1); lys_poly_swap(&r1, &t);
        ok = lys_poly_mul(&u, &q, &s1) && lys_poly_sub(&u, &s0, &u);
        lys_poly_swap(&s0, &s1); lys_poly_swap(&s1, &u);
    }
    /* r0 is a constant gcd */
    if (ok && lys_poly_is_const(&r0) && r0.n) {
        mpq_t c; mpq_init(c); mpq_inv(c, r0.c[0]);
        lys_poly_scale(&s0, c);
        mpq_clear(c);
        lys_poly_swap(s, &s0);
    } else ok = false;
    mpq_clear(one);
    lys_poly_clear(&r0); lys_poly_clear(&r1); lys_poly_clear(&s0); lys_poly_clear(&s1);
    lys_poly_clear(&q); lys_poly_clear(&t); lys_poly_clear(&u);
    return ok;
}

static LyExpr apart(LyVM *vm, LyExpr expr, LyExpr x) {
    LyExpr t = lys_together(vm, expr);
    if (!t) return NULL;
    LyExpr num, den;
    lys_numden(vm, t, &num, &den);
    ly_unref(vm, t);
    LyExpr res = NULL;
    LysVars vs;
    lys_vars_init(&vs, vm);
    LysPoly pn, pd, q, r, P, Q, s, a, cj;
    int nv = 0;
    bool ok = num && den && lys_vars_add(&vs, x) >= 0 && lys_collect_kernels(&vs, num, 0) && lys_collect_kernels(&vs, den, 0);
    if (ok) { lys_vars_sort(&vs, 1); nv = (int)vs.n; }
    lys_poly_init(&pn, vm, nv); lys_poly_init(&pd, vm, nv); lys_poly_init(&q, vm, nv); lys_poly_init(&r, vm, nv);
    lys_poly_init(&P, vm, nv); lys_poly_init(&Q, vm, nv); lys_poly_init(&s, vm, nv); lys_poly_init(&a, vm, nv);
    lys_poly_init(&cj, vm, nv);
    LysFactors fs;
    lys_factors_init(&fs);
    /* univariate in x only */
    if (ok) ok = lys_poly_from_expr(&vs, num, &pn, 0) && lys_poly_from_expr(&vs, den, &pd, 0) && vs.n >= 1;
    for (int k = 1; ok && k < nv; k++) if (lys_poly_depends(&pn, k) || lys_poly_depends(&pd, k)) ok = false;
    if (ok && !lys_poly_depends(&pd, 0)) { ok = false; res = ref(expr); }
    if (ok) ok = lys_poly_divrem(&q, &r, &pn, &pd, 0) && lys_factor(&fs, &pd);
    if (ok) {
        /* pd = unit * prod f_i^k_i; r/pd = sum over i of A_i / f_i^k_i */
        LyExpr sum = ly_mknormal(vm, LY_SYM(Plus), 1 + 64 * (fs.n ? fs.n : 1));
        size_t ns = 0;
        LyExpr q0 = sum ? lys_poly_to_expr(&vs, &q) : NULL;
        if (!q0) ok = false;                     /* out of memory */
        else ly_nset(sum, ++ns, q0);
        mpq_t inv; mpq_init(inv); mpq_inv(inv, fs.unit);
        lys_poly_scale(&r, inv);
        mpq_clear(inv);
        for (size_t i = 0; i < fs.n && ok; i++) {
            ok = lys_poly_pow(&P, &fs.f[i].f, (unsigned long)fs.f[i].k);
            /* Q = prod of the others */
            mpq_t one; mpq_init(one); mpq_set_ui(one, 1, 1);
            ok = ok && lys_poly_set_q(&Q, one);
            mpq_clear(one);
            for (size_t j = 0; j < fs.n && ok; j++) {
                if (j == i) continue;
                LysPoly tj; lys_poly_init(&tj, vm, nv);
                ok = lys_poly_pow(&tj, &fs.f[j].f, (unsigned long)fs.f[j].k) && lys_poly_mul(&Q, &Q, &tj);
                lys_poly_clear(&tj);
            }
            /* A = r * Q^-1 mod P */
            ok = ok && ext_gcd(&s, &Q, &P, 0) && lys_poly_mul(&a, &r, &s) && lys_poly_divrem(NULL, &a, &a, &P, 0);
            /* A in base f: A = sum c_j f^j; term c_j / f^(k - j) */
            for (long j = 0; ok && a.n && j < fs.f[i].k; j++) {
                ok = lys_poly_divrem(&a, &cj, &a, &fs.f[i].f, 0);
                if (!ok || cj.n == 0) continue;
                /* c_j as |content| times a polynomial keeping its sign: (1 - x)/(2 (1 + x^2)) */
                mpq_t cc; mpq_init(cc);
                lys_poly_primitive(&cj, cc);
                if (mpq_sgn(cc) < 0) { mpq_neg(cc, cc); lys_poly_neg(&cj); }
                LyExpr ce = ly_mk(vm, LY_SYM(Times), 2, lys_from_mpq(vm, cc), lys_poly_to_expr(&vs, &cj));
                mpq_clear(cc);
                LyExpr fe = lys_poly_to_expr(&vs, &fs.f[i].f);
                if (ns < ly_nlen(sum)) {
                    LyExpr term = ly_mk(vm, LY_SYM(Times), 2, ce, ly_mk(vm, LY_SYM(Power), 2, fe, ly_mksmall(-(fs.f[i].k - j))));
                    if (!term) { ok = false; term = ly_mksmall(0); }
                    ly_nset(sum, ++ns, term);
                }
                else { ly_unref(vm, ce); ly_unref(vm, fe); ok = false; }
            }
        }
        if (sum) for (size_t j = ns + 1; j <= ly_nlen(sum); j++) ly_nset(sum, j, ly_mksmall(0));
        if (ok) res = lys_eval_steal(vm, sum);
        else ly_unref(vm, sum);
    }
    lys_factors_clear(vm, &fs);
    lys_poly_clear(&pn); lys_poly_clear(&pd); lys_poly_clear(&q); lys_poly_clear(&r);
    lys_poly_clear(&P); lys_poly_clear(&Q); lys_poly_clear(&s); lys_poly_clear(&a); lys_poly_clear(&cj);
    lys_vars_free(&vs);
    ly_unref(vm, num); ly_unref(vm, den);
    if (!res && !ly_unwinding(vm)) res = ref(expr);
    return res;
}

static LyExpr b_apart(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr expr = ly_narg(e, 1);
    if (ly_nlen(e) == 2) return apart(vm, expr, ly_narg(e, 2));
    LyExpr vars = lys_eval_steal(vm, ly_mk(vm, sym(vm, "Variables"), 1, ref(expr)));
    if (!vars) return NULL;
    LyExpr r;
    if (ly_nlen(vars) == 1) r = apart(vm, expr, ly_narg(vars, 1));
    else r = ref(expr);
    ly_unref(vm, vars);
    return r;
}

/* ---- table ----------------------------------------------------------------------------------------------------- */

static const LyBuiltin algebra_builtins[] = {
    { "Expand", b_expand, "Protected", "Expand[expr] expands out products and positive integer powers in expr." },
    { "ExpandAll", b_expandall, "Protected", "ExpandAll[expr] expands out all products and integer powers in any part of expr." },
    { "Together", b_together, "Listable Protected", "Together[expr] puts terms in a sum over a common denominator, and cancels factors in the result." },
    { "Cancel", b_cancel, "Listable Protected", "Cancel[expr] cancels out common factors in the numerator and denominator of expr." },
    { "Apart", b_apart, "Protected", "Apart[expr] rewrites a rational expression as a sum of terms with minimal denominators." },
    { "Factor", b_factor, "Listable Protected", "Factor[poly] factors a polynomial over the integers." },
    { "FactorSquareFree", b_factorsquarefree, "Listable Protected", "FactorSquareFree[poly] pulls out any multiple factors in a polynomial." },
    { "Collect", b_collect, "Protected", "Collect[expr, x] collects together terms involving the same powers of objects matching x." },
    { "Coefficient", b_coefficient, "Listable Protected", "Coefficient[expr, form] gives the coefficient of form in the polynomial expr." },
    { "CoefficientList", b_coefficientlist, "Protected", "CoefficientList[poly, var] gives a list of coefficients of powers of var in poly, starting with power 0." },
    { "Exponent", b_exponent, "Listable Protected", "Exponent[expr, form] gives the maximum power with which form appears in the expanded form of expr." },
    { "Variables", b_variables, "Protected", "Variables[poly] gives a list of all independent variables in a polynomial." },
    { "PolynomialQ", b_polynomialq, "Protected", "PolynomialQ[expr, var] yields True if expr is a polynomial in var, and yields False otherwise." },
    { "PolynomialGCD", b_polynomialgcd, "Listable Protected", "PolynomialGCD[poly1, poly2, ...] gives the greatest common divisor of the polynomials polyi." },
    { "PolynomialQuotient", b_polynomialquotient, "Listable Protected", "PolynomialQuotient[p, q, x] gives the quotient of p and q, treated as polynomials in x, with any remainder dropped." },
    { "PolynomialRemainder", b_polynomialremainder, "Listable Protected", "PolynomialRemainder[p, q, x] gives the remainder from dividing p by q, treated as polynomials in x." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_algebra(LyVM *vm);
LyStatus lys_open_algebra(LyVM *vm) {
    (void)has_head;
    return ly_register_table(vm, algebra_builtins);
}
