/*
 * root.c — algebraic numbers: Root[f, k], ToRadicals, the numeric roots of
 * univariate polynomials, and the radical formulas Solve shares (quadratic
 * with Wolfram's factored form, binomials with roots of unity, biquadratic,
 * Cardano, Ferrari).  Written against lyra.h + lyra_ext.h.
 *
 * Numeric roots: Aberth-Ehrlich iteration in complex doubles, then Newton
 * steps on the original polynomial.  Root order (Wolfram's): real roots
 * first, increasing; then complex roots by real part, then by the size of
 * the imaginary part, the negative one of a conjugate pair first.
 *
 * Root[f, k] with f a pure function of a polynomial with rational
 * coefficients evaluates to a rational or quadratic radical when the root
 * lies on a factor of degree 1 or 2, and otherwise to Root[g, j] for the
 * irreducible factor g (primitive, positive leading coefficient, in #1).
 * Inexact coefficients give the machine number.
 */
#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lys_poly.h"
#include "lys_root.h"
#undef I
#define CI _Complex_I

typedef double _Complex cplx;

static LyExpr ref(LyExpr e) { ly_ref(e); return e; }

/* ---- numeric roots -------------------------------------------------------------------------- */

static cplx horner(const cplx *c, int d, cplx z, cplx *dp) {
    cplx p = c[d], q = 0;
    for (int i = d - 1; i >= 0; i--) { q = q * z + p; p = p * z + c[i]; }
    *dp = q;
    return p;
}

static bool root_is_real(cplx z) { return cimag(z) == 0; }

static int root_order_cmp(const void *pa, const void *pb) {
    cplx a = *(const cplx *)pa, b = *(const cplx *)pb;
    bool ra = root_is_real(a), rb = root_is_real(b);
    if (ra != rb) return ra ? -1 : 1;
    double tol = 1e-10 * (1 + fabs(creal(a)) + fabs(creal(b)));
    if (fabs(creal(a) - creal(b)) > (ra ? 0 : tol)) return creal(a) < creal(b) ? -1 : 1;
    if (ra) return 0;
    double ia = fabs(cimag(a)), ib = fabs(cimag(b));
    if (fabs(ia - ib) > tol) return ia < ib ? -1 : 1;
    return cimag(a) < cimag(b) ? -1 : cimag(a) > cimag(b);
}

bool lys_cpoly_roots(const cplx *c0, int d, bool real_coeffs, cplx *z) {
    if (d < 1 || c0[d] == 0) return false;
    cplx *c = malloc((size_t)(d + 1) * sizeof(cplx));
    if (!c) return false;
    for (int i = 0; i <= d; i++) c[i] = c0[i] / c0[d];
    /* Fujiwara bound for the starting circle */
    double r = 0;
    for (int i = 0; i < d; i++) {
        double t = pow(cabs(c[i]) / (i == 0 ? 2 : 1), 1.0 / (d - i));
        if (t > r) r = t;
    }
    r = r > 0 ? 2 * r : 1;
    for (int k = 0; k < d; k++) z[k] = r * cexp(CI * (2 * M_PI * k / d + 0.4));
    for (int it = 0; it < 2000; it++) {
        double worst = 0;
        for (int k = 0; k < d; k++) {
            cplx dp, p = horner(c, d, z[k], &dp);
            if (p == 0) continue;
            cplx ratio = p / dp, s = 0;
            for (int j = 0; j < d; j++) if (j != k) s += 1.0 / (z[k] - z[j]);
            cplx w = ratio / (1.0 - ratio * s);
            if (!isfinite(creal(w)) || !isfinite(cimag(w))) w = ratio;
            if (!isfinite(creal(w)) || !isfinite(cimag(w))) continue;
            z[k] -= w;
            double rel = cabs(w) / (cabs(z[k]) + 1e-300);
            if (rel > worst) worst = rel;
        }
        if (worst < 1e-15) break;
    }
    for (int k = 0; k < d; k++)          /* polish */
        for (int it = 0; it < 3; it++) {
            cplx dp, p = horner(c, d, z[k], &dp);
            if (p == 0 || dp == 0) break;
            cplx w = p / dp;
            if (cabs(w) > 1e-6 * (1 + cabs(z[k]))) break;
            z[k] -= w;
        }
    if (real_coeffs) {
        /* real roots exactly real; conjugate pairs exactly conjugate */
        for (int k = 0; k < d; k++) {
            double scale = 1 + cabs(z[k]);
            if (fabs(cimag(z[k])) < 1e-9 * scale) {
                /* is it a real root?  a lone root without a conjugate partner */
                bool partner = false;
                for (int j = 0; j < d && !partner; j++)
                    if (j != k && cabs(z[j] - conj(z[k])) < 1e-7 * scale && cabs(z[j] - z[k]) > 1e-14 * scale)
                        partner = fabs(cimag(z[k])) > 1e-13 * scale;
                if (!partner) z[k] = creal(z[k]);
            }
        }
        for (int k = 0; k < d; k++) {
            if (cimag(z[k]) <= 0) continue;
            int best = -1;
            double bd = INFINITY;
            for (int j = 0; j < d; j++) {
                if (cimag(z[j]) >= 0) continue;
                double dd = cabs(z[j] - conj(z[k]));
                if (dd < bd) { bd = dd; best = j; }
            }
            if (best >= 0 && bd < 1e-6 * (1 + cabs(z[k]))) {
                cplx m = (z[k] + conj(z[best])) / 2;
                z[k] = m;
                z[best] = conj(m);
            }
        }
    }
    free(c);
    qsort(z, (size_t)d, sizeof(cplx), root_order_cmp);
    return true;
}

/* ---- polynomials from pure functions --------------------------------------------------------- */

/* The polynomial f[t] in a fresh variable: p initialised (vs too).  False
 * when f is not a pure function of one univariate polynomial. */
static bool fn_poly_in(LyVM *vm, LyExpr f, LysVars *vs, LysPoly *p, LyExpr t);

/* t is a local variable, gone after: p keeps only its coefficients. */
static bool fn_poly(LyVM *vm, LyExpr f, LysVars *vs, LysPoly *p) {
    if (!ly_head_is(f, ly_symbol(vm, "Function")) || ly_nlen(f) < 1) return false;
    LyExpr name = ly_symbol(vm, "x"), t;
    LyScope sc;
    if (!name || !ly_scope_open(vm, &sc, 1, &name, &t)) return false;
    bool ok = fn_poly_in(vm, f, vs, p, t);
    ly_scope_close(vm, &sc, NULL);
    return ok;
}

static bool fn_poly_in(LyVM *vm, LyExpr f, LysVars *vs, LysPoly *p, LyExpr t) {
    LyExpr body = ly_apply_function(vm, f, 1, &t);
    if (!body) return false;
    body = lys_eval_steal(vm, body);
    if (!body) return false;
    lys_vars_init(vs, vm);
    bool ok = lys_vars_add(vs, t) == 0 && lys_expr_to_poly(vs, body, p, 0);
    ly_unref(vm, body);
    if (ok && (vs->n != 1 || lys_poly_has_negative(p) || p->n == 0 || lys_poly_deg(p, 0) < 1)) {
        lys_poly_clear(p);
        ok = false;
    }
    if (!ok) lys_vars_free(vs);
    return ok;
}

/* Coefficients c[0..d] of a univariate polynomial as complex doubles. */
static int poly_coeffs(const LysPoly *p, cplx *c, int cap) {
    int d = lys_poly_deg(p, 0);
    if (d >= cap) return -1;
    for (int i = 0; i <= d; i++) c[i] = 0;
    for (size_t i = 0; i < p->n; i++) c[lys_pexp(p, i)[0]] = mpq_get_d(p->c[i]);
    return d;
}

#define MAXDEG 512

/* All roots of p in Root order. */
static int poly_roots(const LysPoly *p, cplx *z) {
    cplx c[MAXDEG + 1];
    int d = poly_coeffs(p, c, MAXDEG + 1);
    if (d < 1 || !lys_cpoly_roots(c, d, true, z)) return -1;
    return d;
}

static LyExpr mk_cnum(LyVM *vm, cplx z) {
    if (cimag(z) == 0) return ly_mkreal(vm, creal(z));
    return ly_mkcomplex(vm, ly_mkreal(vm, creal(z)), ly_mkreal(vm, cimag(z)));
}

bool lys_root_nvalue(LyVM *vm, LyExpr e, cplx *out) {
    if (!ly_head_is(e, ly_symbol(vm, "Root")) || ly_nlen(e) != 2 || !ly_is_small(ly_narg(e, 2))) return false;
    int64_t k = ly_small(ly_narg(e, 2));
    LysVars vs;
    LysPoly p;
    if (!fn_poly(vm, ly_narg(e, 1), &vs, &p)) return false;
    cplx z[MAXDEG];
    int d = poly_roots(&p, z);
    lys_poly_clear(&p);
    lys_vars_free(&vs);
    if (d < 1 || k < 1 || k > d) return false;
    *out = z[k - 1];
    return true;
}

/* Root[g, k] for g over variable 0: the pure function in #1. */
LyExpr lys_root_object(LyVM *vm, const LysPoly *g, int64_t k) {
    LysVars vs;
    lys_vars_init(&vs, vm);
    LyExpr slot = ly_mk(vm, ly_symbol(vm, "Slot"), 1, ly_mksmall(1));
    LyExpr body = NULL;
    if (slot && lys_vars_add(&vs, slot) == 0) body = lys_poly_to_expr(&vs, g);
    ly_unref(vm, slot);
    lys_vars_free(&vs);
    if (!body) return NULL;
    LyExpr fn = ly_mk(vm, ly_symbol(vm, "Function"), 1, body);
    return fn ? ly_mk(vm, ly_symbol(vm, "Root"), 2, fn, ly_mksmall(k)) : NULL;
}

/* ---- radical formulas ------------------------------------------------------------------------ */

static LyExpr coef(LyVM *vm, const LysPoly *f, int32_t k) {
    for (size_t i = 0; i < f->n; i++) if (lys_pexp(f, i)[0] == k) return lys_from_mpq(vm, f->c[i]);
    return ly_mksmall(0);
}

static void coefq(mpq_t q, const LysPoly *f, int32_t k) {
    mpq_set_ui(q, 0, 1);
    for (size_t i = 0; i < f->n; i++) if (lys_pexp(f, i)[0] == k) mpq_set(q, f->c[i]);
}

static LyExpr eval2(LyVM *vm, LyExpr h, LyExpr a, LyExpr b) { return lys_eval_steal(vm, ly_mk(vm, h, 2, a, b)); }
static LyExpr plus(LyVM *vm, LyExpr a, LyExpr b) { return eval2(vm, LY_SYM(Plus), a, b); }
static LyExpr times(LyVM *vm, LyExpr a, LyExpr b) { return eval2(vm, LY_SYM(Times), a, b); }
static LyExpr power(LyVM *vm, LyExpr a, LyExpr b) { return eval2(vm, LY_SYM(Power), a, b); }
static LyExpr sqrt_of(LyVM *vm, LyExpr a) { return power(vm, a, ly_rational(vm, 1, 2)); }
static LyExpr recip(LyVM *vm, LyExpr a) { return power(vm, a, ly_mksmall(-1)); }
static LyExpr neg(LyVM *vm, LyExpr a) { return times(vm, ly_mksmall(-1), a); }

/* The rational content of a numeric coefficient: |q| for rationals, the
 * gcd of both parts for Gaussian rationals. */
static void content_of(mpq_t g, LyExpr c) {
    mpq_t a, b;
    if (ly_type(c) == LY_TCOMPLEX) {
        lys_mpq_get(a, ((LyComplex *)c)->re);
        lys_mpq_get(b, ((LyComplex *)c)->im);
    } else {
        lys_mpq_get(a, c);
        mpq_init(b);
    }
    mpq_abs(a, a); mpq_abs(b, b);
    if (mpq_sgn(a) == 0) mpq_set(g, b);
    else if (mpq_sgn(b) == 0) mpq_set(g, a);
    else {
        mpz_t n, d;
        mpz_init(n); mpz_init(d);
        mpz_gcd(n, mpq_numref(a), mpq_numref(b));
        mpz_lcm(d, mpq_denref(a), mpq_denref(b));
        mpq_set_num(g, n); mpq_set_den(g, d);
        mpq_canonicalize(g);
        mpz_clear(n); mpz_clear(d);
    }
    mpq_clear(a); mpq_clear(b);
}

static bool exact_numeric(LyExpr c) {
    int t = ly_type(c);
    if (ly_is_integer(c) || t == LY_TRAT) return true;
    if (t != LY_TCOMPLEX) return false;
    LyExpr re = ((LyComplex *)c)->re, im = ((LyComplex *)c)->im;
    return (ly_is_integer(re) || ly_type(re) == LY_TRAT) && (ly_is_integer(im) || ly_type(im) == LY_TRAT);
}

/* p + s q r as Wolfram writes it: the common rational content of p and q
 * in front, 1/2 (1 + Sqrt[5]).  p rational, q (Gaussian) rational, r the
 * radical without its numeric coefficient. */
static LyExpr content_form(LyVM *vm, LyExpr p, LyExpr q, LyExpr r) {
    mpq_t g, gp;
    mpq_init(g); mpq_init(gp);
    content_of(g, q);
    if (!ly_num_is_zero(p)) {
        content_of(gp, p);
        mpz_t n, d;
        mpz_init(n); mpz_init(d);
        mpz_gcd(n, mpq_numref(g), mpq_numref(gp));
        mpz_lcm(d, mpq_denref(g), mpq_denref(gp));
        mpq_set_num(g, n); mpq_set_den(g, d);
        mpq_canonicalize(g);
        mpz_clear(n); mpz_clear(d);
    }
    LyExpr c = lys_from_mpq(vm, g);
    mpq_clear(g); mpq_clear(gp);
    if (!c) return NULL;
    LyExpr pc = ly_num_div(vm, p, c), qc = ly_num_div(vm, q, c);
    LyExpr inner = pc && qc ? plus(vm, pc, times(vm, qc, ref(r))) : NULL;
    if (!pc || !qc) { ly_unref(vm, pc); ly_unref(vm, qc); }
    if (!inner) { ly_unref(vm, c); return NULL; }
    if (ly_num_is_one(c)) { ly_unref(vm, c); return inner; }
    /* keep c (1 + Sqrt[5]) unexpanded: Times does not distribute */
    return times(vm, c, inner);
}

/* Roots of a x^2 + b x + c with rational coefficients. */
static bool quadratic_roots(LyVM *vm, LyExpr a, LyExpr b, LyExpr c, LyExpr *out) {
    /* disc = b^2 - 4 a c */
    LyExpr b2 = ly_num_mul(vm, b, b), ac = ly_num_mul(vm, a, c);
    LyExpr ac4 = ac ? ly_num_mul(vm, ac, ly_mksmall(-4)) : NULL;
    LyExpr disc = b2 && ac4 ? ly_num_add(vm, b2, ac4) : NULL;
    ly_unref(vm, b2); ly_unref(vm, ac); ly_unref(vm, ac4);
    LyExpr a2 = ly_num_mul(vm, a, ly_mksmall(2));
    LyExpr s = disc ? sqrt_of(vm, disc) : NULL;      /* disc stolen */
    LyExpr nb = ly_num_neg(vm, b);
    LyExpr p = a2 && nb ? ly_num_div(vm, nb, a2) : NULL;
    ly_unref(vm, nb);
    bool ok = s && p && a2;
    for (int i = 0; ok && i < 2; i++) {
        int sg = i == 0 ? -1 : 1;
        if (ly_is_number(s)) {
            LyExpr ss = ly_num_mul(vm, s, ly_mksmall(sg));
            LyExpr t = ss ? ly_num_div(vm, ss, a2) : NULL;
            ly_unref(vm, ss);
            out[i] = t ? ly_num_add(vm, p, t) : NULL;
            ly_unref(vm, t);
        } else {
            /* s = k r with k numeric */
            LyExpr k = ly_mksmall(1), r = s;
            if (ly_head_is(s, LY_SYM(Times)) && ly_nlen(s) >= 2 && exact_numeric(ly_narg(s, 1))) {
                k = ly_narg(s, 1);
                r = ly_nlen(s) == 2 ? ly_narg(s, 2) : NULL;
            }
            LyExpr rr = r ? ref(r) : ly_apply(vm, LY_SYM(Times), ly_nlen(s) - 1, ly_nargs(s) + 1);
            LyExpr ks = ly_num_mul(vm, k, ly_mksmall(sg));
            LyExpr q = ks && rr ? ly_num_div(vm, ks, a2) : NULL;
            out[i] = q && rr ? content_form(vm, p, q, rr) : NULL;
            ly_unref(vm, ks); ly_unref(vm, q); ly_unref(vm, rr);
        }
        if (!out[i]) { if (i == 1) ly_unref(vm, out[0]); ok = false; }
    }
    ly_unref(vm, s); ly_unref(vm, p); ly_unref(vm, a2);
    return ok;
}

/* a x^n + c: (-c/a)^(1/n) (-1)^(2k/n). */
static bool binomial_roots(LyVM *vm, LyExpr a, LyExpr c, int n, LyExpr *out) {
    LyExpr q = ly_num_div(vm, c, a);
    LyExpr mq = q ? ly_num_neg(vm, q) : NULL;
    ly_unref(vm, q);
    LyExpr base = mq ? power(vm, mq, ly_rational(vm, 1, n)) : NULL;
    if (!base) return false;
    for (int k = 0; k < n; k++) {
        out[k] = times(vm, ref(base), power(vm, ly_mksmall(-1), ly_rational(vm, 2 * k, n)));
        if (!out[k]) {
            for (int j = 0; j < k; j++) ly_unref(vm, out[j]);
            ly_unref(vm, base);
            return false;
        }
    }
    ly_unref(vm, base);
    return true;
}

/* Cardano: the three roots of a x^3 + b x^2 + c x + d, as expressions. */
static bool cardano(LyVM *vm, LyExpr a, LyExpr b, LyExpr c, LyExpr d, LyExpr *out) {
    /* D0 = b^2 - 3 a c, D1 = 2 b^3 - 9 a b c + 27 a^2 d (exact numbers or expressions) */
    LyExpr D0 = plus(vm, power(vm, ref(b), ly_mksmall(2)),
                     lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 3, ly_mksmall(-3), ref(a), ref(c))));
    LyExpr D1 = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 3,
        ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(2), ly_mk(vm, LY_SYM(Power), 2, ref(b), ly_mksmall(3))),
        ly_mk(vm, LY_SYM(Times), 4, ly_mksmall(-9), ref(a), ref(b), ref(c)),
        ly_mk(vm, LY_SYM(Times), 3, ly_mksmall(27), ly_mk(vm, LY_SYM(Power), 2, ref(a), ly_mksmall(2)), ref(d))));
    if (!D0 || !D1) { ly_unref(vm, D0); ly_unref(vm, D1); return false; }
    /* C = ((D1 + Sqrt[D1^2 - 4 D0^3]) / 2)^(1/3), the other sign when that is 0 */
    LyExpr disc = plus(vm, power(vm, ref(D1), ly_mksmall(2)),
                       times(vm, ly_mksmall(-4), power(vm, ref(D0), ly_mksmall(3))));
    LyExpr sq = disc ? sqrt_of(vm, disc) : NULL;
    LyExpr inner = sq ? times(vm, ly_rational(vm, 1, 2), plus(vm, ref(D1), ref(sq))) : NULL;
    if (inner && ly_is_number(inner) && ly_num_is_zero(inner)) {
        ly_unref(vm, inner);
        inner = times(vm, ly_rational(vm, 1, 2), plus(vm, ref(D1), neg(vm, ref(sq))));
    }
    ly_unref(vm, sq);
    LyExpr C = inner ? power(vm, inner, ly_rational(vm, 1, 3)) : NULL;
    bool ok = C != NULL;
    for (int k = 0; ok && k < 3; k++) {
        LyExpr xk = power(vm, ly_mksmall(-1), ly_rational(vm, 2 * k, 3));
        LyExpr u = xk ? times(vm, xk, ref(C)) : NULL;     /* xi^k C */
        LyExpr v = u ? times(vm, ref(D0), recip(vm, ref(u))) : NULL;
        LyExpr s = u && v ? lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 3, ref(b), u, v)) : NULL;
        if (!s) { ly_unref(vm, u); ly_unref(vm, v); }
        out[k] = s ? times(vm, times(vm, ly_rational(vm, -1, 3), recip(vm, ref(a))), s) : NULL;
        if (!out[k]) { for (int j = 0; j < k; j++) ly_unref(vm, out[j]); ok = false; }
    }
    ly_unref(vm, C); ly_unref(vm, D0); ly_unref(vm, D1);
    return ok;
}

static bool biquadratic_roots(LyVM *vm, LyExpr a, LyExpr b, LyExpr c, LyExpr *out) {
    LyExpr y[2];
    if (!quadratic_roots(vm, a, b, c, y)) return false;
    bool ok = true;
    for (int i = 0; i < 2; i++) {
        LyExpr s = ok ? sqrt_of(vm, ref(y[i])) : NULL;
        out[2 * i] = s ? neg(vm, ref(s)) : NULL;
        out[2 * i + 1] = s;
        if (!out[2 * i]) { ok = false; ly_unref(vm, out[2 * i + 1]); out[2 * i + 1] = NULL; }
    }
    ly_unref(vm, y[0]); ly_unref(vm, y[1]);
    if (!ok) for (int i = 0; i < 4; i++) ly_unref(vm, out[i]);
    return ok;
}

/* Ferrari through the resolvent cubic of the depressed quartic. */
static bool ferrari(LyVM *vm, const LysPoly *f, LyExpr *out) {
    mpq_t a, b, c, d, e, p, q, r, t, u;
    mpq_t *all[] = { &a, &b, &c, &d, &e, &p, &q, &r, &t, &u };
    for (size_t i = 0; i < 10; i++) mpq_init(*all[i]);
    coefq(a, f, 4); coefq(b, f, 3); coefq(c, f, 2); coefq(d, f, 1); coefq(e, f, 0);
    /* x = y - b/(4a); divide by a first: monic b, c, d, e */
    mpq_div(b, b, a); mpq_div(c, c, a); mpq_div(d, d, a); mpq_div(e, e, a);
    /* p = c - 3b^2/8; q = b^3/8 - b c/2 + d; r = -3b^4/256 + b^2 c/16 - b d/4 + e */
    mpq_mul(t, b, b);                                   /* b^2 */
    mpq_set_si(u, -3, 8); mpq_mul(u, u, t); mpq_add(p, c, u);
    mpq_mul(u, t, b); mpq_set_si(q, 1, 8); mpq_mul(q, q, u);   /* b^3/8 */
    mpq_mul(u, b, c); mpq_set_si(r, -1, 2); mpq_mul(u, u, r); mpq_add(q, q, u); mpq_add(q, q, d);
    mpq_mul(u, t, t); mpq_set_si(r, -3, 256); mpq_mul(r, r, u);             /* -3 b^4/256 */
    mpq_mul(u, t, c); mpq_set_si(t, 1, 16); mpq_mul(u, u, t); mpq_add(r, r, u);
    mpq_mul(u, b, d); mpq_set_si(t, -1, 4); mpq_mul(u, u, t); mpq_add(r, r, u); mpq_add(r, r, e);
    LyExpr shift = NULL;
    {
        mpq_set_si(t, -1, 4); mpq_mul(t, t, b);
        shift = lys_from_mpq(vm, t);
    }
    LyExpr P = lys_from_mpq(vm, p), Q = lys_from_mpq(vm, q), R = lys_from_mpq(vm, r);
    bool ok = shift && P && Q && R;
    LyExpr ys[4] = { NULL, NULL, NULL, NULL };
    if (ok && mpq_sgn(q) == 0) {
        ok = biquadratic_roots(vm, ly_mksmall(1), P, R, ys);
    } else if (ok) {
        /* resolvent 8 m^3 + 8 p m^2 + (2 p^2 - 8 r) m - q^2: a rational root if there is one */
        LysPoly res;
        lys_poly_init(&res, vm, 1);
        int32_t ex;
        mpq_set_ui(t, 8, 1); ex = 3; ok = lys_poly_push(&res, &ex, t);
        mpq_mul_2exp(t, p, 3); ex = 2; ok = ok && lys_poly_push(&res, &ex, t);
        mpq_mul(t, p, p); mpq_mul_2exp(t, t, 1); mpq_mul_2exp(u, r, 3); mpq_sub(t, t, u);
        ex = 1; ok = ok && lys_poly_push(&res, &ex, t);
        mpq_mul(t, q, q); mpq_neg(t, t); ex = 0; ok = ok && lys_poly_push(&res, &ex, t);
        lys_poly_normalize(&res);
        LyExpr m = NULL;
        LysFactors fs;
        lys_factors_init(&fs);
        if (ok && lys_factor(&fs, &res)) {
            for (size_t i = 0; i < fs.n && !m; i++)
                if (lys_poly_deg(&fs.f[i].f, 0) == 1) {
                    LyExpr c0 = coef(vm, &fs.f[i].f, 0), c1 = coef(vm, &fs.f[i].f, 1);
                    LyExpr v = c0 && c1 ? ly_num_div(vm, c0, c1) : NULL;
                    ly_unref(vm, c0); ly_unref(vm, c1);
                    m = v ? ly_num_neg(vm, v) : NULL;
                    ly_unref(vm, v);
                    if (m && ly_num_is_zero(m)) { ly_unref(vm, m); m = NULL; }
                }
        }
        lys_factors_clear(vm, &fs);
        if (ok && !m) {
            LyExpr rt[3];
            LyExpr A = coef(vm, &res, 3), B = coef(vm, &res, 2), C = coef(vm, &res, 1), D = coef(vm, &res, 0);
            if (cardano(vm, A, B, C, D, rt)) { m = rt[0]; ly_unref(vm, rt[1]); ly_unref(vm, rt[2]); }
            ly_unref(vm, A); ly_unref(vm, B); ly_unref(vm, C); ly_unref(vm, D);
        }
        lys_poly_clear(&res);
        ok = ok && m;
        /* y = (s1 S + s2 Sqrt[-(2p + 2m + s1 2q/S)])/2, S = Sqrt[2m] */
        LyExpr S = ok ? sqrt_of(vm, times(vm, ly_mksmall(2), ref(m))) : NULL;
        ok = ok && S;
        for (int s1 = -1, i = 0; ok && s1 <= 1; s1 += 2) {
            LyExpr w = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 3,
                ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(2), ref(P)),
                ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(2), ref(m)),
                ly_mk(vm, LY_SYM(Times), 3, ly_mksmall(2 * s1), ref(Q), ly_mk(vm, LY_SYM(Power), 2, ref(S), ly_mksmall(-1)))));
            LyExpr sw = w ? sqrt_of(vm, neg(vm, w)) : NULL;
            for (int s2 = -1; ok && s2 <= 1; s2 += 2, i++) {
                ys[i] = sw ? times(vm, ly_rational(vm, 1, 2),
                                   plus(vm, times(vm, ly_mksmall(s1), ref(S)), times(vm, ly_mksmall(s2), ref(sw)))) : NULL;
                if (!ys[i]) ok = false;
            }
            ly_unref(vm, sw);
        }
        ly_unref(vm, S);
        ly_unref(vm, m);
    }
    for (int i = 0; i < 4; i++) {
        out[i] = ok && ys[i] ? plus(vm, ref(ys[i]), ref(shift)) : NULL;
        if (!out[i]) ok = false;
        ly_unref(vm, ys[i]);
    }
    if (!ok) for (int i = 0; i < 4; i++) { ly_unref(vm, out[i]); out[i] = NULL; }
    ly_unref(vm, shift); ly_unref(vm, P); ly_unref(vm, Q); ly_unref(vm, R);
    for (size_t i = 0; i < 10; i++) mpq_clear(*all[i]);
    return ok;
}

/* Is f a x^n + c (c != 0)? */
static bool is_binomial(const LysPoly *f) {
    return f->n == 2 && lys_poly_lowdeg(f, 0) == 0;
}

static bool is_biquadratic(const LysPoly *f) {
    if (lys_poly_deg(f, 0) != 4) return false;
    for (size_t i = 0; i < f->n; i++) if (lys_pexp(f, i)[0] % 2) return false;
    return true;
}

int lys_radical_roots(LyVM *vm, const LysPoly *f, unsigned how, LyExpr *out) {
    int d = lys_poly_deg(f, 0);
    if (d < 1) return 0;
    LyExpr a = coef(vm, f, d), c0 = coef(vm, f, 0);
    bool ok = false;
    if (d == 1) {
        LyExpr q = ly_num_div(vm, c0, a);
        out[0] = q ? ly_num_neg(vm, q) : NULL;
        ly_unref(vm, q);
        ok = out[0] != NULL;
    } else if (is_binomial(f)) {
        ok = binomial_roots(vm, a, c0, d, out);
    } else if (d == 2) {
        LyExpr b = coef(vm, f, 1);
        ok = quadratic_roots(vm, a, b, c0, out);
        ly_unref(vm, b);
    } else if (is_biquadratic(f)) {
        LyExpr b = coef(vm, f, 2);
        ok = biquadratic_roots(vm, a, b, c0, out);
        ly_unref(vm, b);
    } else if (d == 3 && (how & LYS_CUBICS)) {
        LyExpr b = coef(vm, f, 2), c = coef(vm, f, 1);
        ok = cardano(vm, a, b, c, c0, out);
        ly_unref(vm, b); ly_unref(vm, c);
    } else if (d == 4 && (how & LYS_QUARTICS)) {
        ok = ferrari(vm, f, out);
    } else {
        ly_unref(vm, a); ly_unref(vm, c0);
        return 0;
    }
    ly_unref(vm, a); ly_unref(vm, c0);
    return ok ? d : -1;
}

/* ---- Root ----------------------------------------------------------------------------------- */

/* The root of the factors of p with index k (1-based, Root order). */
static LyExpr root_reduce(LyVM *vm, LyExpr e, const LysPoly *p, int64_t k) {
    int d = lys_poly_deg(p, 0);
    LysFactors fs;
    lys_factors_init(&fs);
    if (!lys_factor(&fs, p)) { lys_factors_clear(vm, &fs); return NULL; }
    /* the roots of every factor, tagged with the factor */
    typedef struct { cplx z; size_t f; int j; } Tag;
    Tag *tags = malloc((size_t)d * sizeof(Tag));
    cplx *z = malloc((size_t)d * sizeof(cplx));
    size_t nt = 0;
    bool ok = tags && z;
    for (size_t i = 0; ok && i < fs.n; i++) {
        int di = poly_roots(&fs.f[i].f, z);
        if (di < 1) { ok = false; break; }
        for (long m = 0; m < fs.f[i].k; m++)
            for (int j = 0; j < di && nt < (size_t)d; j++) tags[nt++] = (Tag){ z[j], i, j + 1 };
    }
    LyExpr r = NULL;
    if (ok && (size_t)k <= nt) {
        /* pick the k-th in Root order: sort the values, find the tag */
        for (size_t i = 0; i < nt; i++) z[i] = tags[i].z;
        qsort(z, nt, sizeof(cplx), root_order_cmp);
        cplx want = z[k - 1];
        size_t best = 0;
        double bd = INFINITY;
        for (size_t i = 0; i < nt; i++) {
            double dd = cabs(tags[i].z - want);
            if (dd < bd) { bd = dd; best = i; }
        }
        const LysPoly *g = &fs.f[tags[best].f].f;
        int dg = lys_poly_deg(g, 0);
        if (dg <= 2) {
            LyExpr rs[2] = { NULL, NULL };
            int n = lys_radical_roots(vm, g, 0, rs);
            if (n > 0) {
                int pick = 0;
                double pd = INFINITY;
                for (int i = 0; i < n; i++) {
                    cplx v;
                    if (lys_nvalue(vm, rs[i], &v) && cabs(v - want) < pd) { pd = cabs(v - want); pick = i; }
                }
                r = rs[pick];
                rs[pick] = NULL;
                for (int i = 0; i < n; i++) ly_unref(vm, rs[i]);
            }
        } else {
            r = lys_root_object(vm, g, tags[best].j);
            if (r && e && ly_equal(r, e)) { ly_unref(vm, r); r = NULL; }   /* already normal */
        }
    }
    free(tags);
    free(z);
    lys_factors_clear(vm, &fs);
    return r;
}

static LyExpr b_root(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr kk = ly_narg(e, 2);
    if (!ly_is_small(kk) || ly_small(kk) < 1) return NULL;
    int64_t k = ly_small(kk);
    LysVars vs;
    LysPoly p;
    if (!fn_poly(vm, ly_narg(e, 1), &vs, &p)) return NULL;
    LyExpr r = NULL;
    int d = lys_poly_deg(&p, 0);
    if (k <= d && d <= MAXDEG) {
        if (vs.inexact) {
            cplx z[MAXDEG];
            if (poly_roots(&p, z) == d) r = mk_cnum(vm, z[k - 1]);
        } else {
            r = root_reduce(vm, e, &p, k);
        }
    }
    lys_poly_clear(&p);
    lys_vars_free(&vs);
    return r;
}

/* ---- ToRadicals ------------------------------------------------------------------------------- */

static LyExpr to_radicals(LyVM *vm, LyExpr e) {
    if (!ly_is_normal(e)) { ly_ref(e); return e; }
    if (ly_head_is(e, ly_symbol(vm, "Root")) && ly_nlen(e) == 2) {
        cplx want;
        LysVars vs;
        LysPoly p;
        if (lys_root_nvalue(vm, e, &want) && fn_poly(vm, ly_narg(e, 1), &vs, &p)) {
            LyExpr rs[4] = { NULL, NULL, NULL, NULL }, best = NULL;
            int n = lys_poly_deg(&p, 0) <= 4 && !vs.inexact ? lys_radical_roots(vm, &p, LYS_CUBICS | LYS_QUARTICS, rs) : 0;
            double bd = INFINITY;
            for (int i = 0; i < n; i++) {
                cplx v;
                if (lys_nvalue(vm, rs[i], &v) && cabs(v - want) < bd) { bd = cabs(v - want); best = rs[i]; }
            }
            if (best) ly_ref(best);
            for (int i = 0; i < n; i++) ly_unref(vm, rs[i]);
            lys_poly_clear(&p);
            lys_vars_free(&vs);
            if (best) return best;
        }
        if (ly_unwinding(vm)) return NULL;
        ly_ref(e);
        return e;
    }
    size_t n = ly_nlen(e);
    LyExpr out = ly_mknormal(vm, ref(ly_nhead(e)), n);
    bool changed = false;
    for (size_t i = 1; out && i <= n; i++) {
        LyExpr a = to_radicals(vm, ly_narg(e, i));
        if (!a) { lys_abandon(vm, out, i); return NULL; }
        changed |= a != ly_narg(e, i);
        ly_nset(out, i, a);
    }
    if (!out) return NULL;
    if (!changed) { ly_unref(vm, out); ly_ref(e); return e; }
    return lys_eval_steal(vm, out);
}

static LyExpr b_toradicals(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    return to_radicals(vm, ly_narg(e, 1));
}

static const LyBuiltin root_builtins[] = {
    { "Root", b_root, "NHoldRest Protected",
      "Root[f, k] represents the exact kth root of the polynomial equation f[x] == 0." },
    { "ToRadicals", b_toradicals, "Protected",
      "ToRadicals[expr] attempts to express all Root objects in expr in terms of radicals." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_root(LyVM *vm);
LyStatus lys_open_root(LyVM *vm) { return ly_register_table(vm, root_builtins); }
