/*
 * sums.c — symbolic sums and products, for Sum and Product when an upper
 * bound is symbolic or infinite: polynomial summands (by the finite
 * differences of the partial sums, which are polynomials of one degree
 * more), geometric series, p-series (Zeta), exponential series (E^x), and
 * the products of k and of constants.  Written against lyra.h + lyra_ext.h.
 */
#include <complex.h>
#include <string.h>
#include "lys_data.h"
#include "lys_alg.h"
#include "lys_poly.h"
#undef I

static LyExpr ref(LyExpr e) { ly_ref(e); return e; }
static LyExpr ev(LyVM *vm, LyExpr e) { return lys_eval_steal(vm, e); }
static LyExpr plus2(LyVM *vm, LyExpr a, LyExpr b) { return ev(vm, ly_mk(vm, LY_SYM(Plus), 2, a, b)); }
static LyExpr times2(LyVM *vm, LyExpr a, LyExpr b) { return ev(vm, ly_mk(vm, LY_SYM(Times), 2, a, b)); }
static LyExpr neg(LyVM *vm, LyExpr a) { return times2(vm, ly_mksmall(-1), a); }
static LyExpr recip(LyVM *vm, LyExpr a) { return ev(vm, ly_mk(vm, LY_SYM(Power), 2, a, ly_mksmall(-1))); }

static LyExpr subst(LyVM *vm, LyExpr f, LyExpr k, LyExpr v) {
    LyExpr s = ly_substitute(vm, f, 1, &k, &v);
    return s ? ev(vm, s) : NULL;
}

static LyExpr simplify(LyVM *vm, LyExpr e) {
    if (!e) return NULL;
    LyExpr s = lys_apply_eval(vm, ly_symbol(vm, "Simplify"), 1, &e);
    ly_unref(vm, e);
    return s;
}

/* The degree of f as a polynomial in k (coefficients free of k), or -1. */
static int poly_degree(LyVM *vm, LyExpr f, LyExpr k) {
    LyExpr pq = lys_apply_eval(vm, ly_symbol(vm, "PolynomialQ"), 2, (LyExpr[]){ f, k });
    bool poly = pq == LY_SYM(True);
    ly_unref(vm, pq);
    if (!poly) return -1;
    LyExpr d = lys_apply_eval(vm, ly_symbol(vm, "Exponent"), 2, (LyExpr[]){ f, k });
    int deg = d && ly_is_small(d) ? (int)ly_small(d) : -1;
    ly_unref(vm, d);
    return deg > 60 ? -1 : deg;
}

/* S(n) = sum_{k=0}^{n} f(k) as a polynomial in n (f of degree deg). */
static LyExpr partial_sum_poly(LyVM *vm, LyExpr f, LyExpr k, int deg, LyExpr n) {
    int m = deg + 2;
    LyExpr vals[64];
    LyExpr acc = ly_mksmall(0);
    for (int i = 0; i < m; i++) {
        LyExpr t = subst(vm, f, k, ly_mksmall(i));
        acc = t ? plus2(vm, acc, t) : (ly_unref(vm, acc), NULL);
        if (!acc) { for (int j = 0; j < i; j++) ly_unref(vm, vals[j]); return NULL; }
        vals[i] = ref(acc);
    }
    ly_unref(vm, acc);
    /* Newton: S(n) = sum_i Delta^i S(0) Binomial[n, i] */
    LyExpr sum = ly_mksmall(0);
    LyExpr binom = ly_mksmall(1);          /* n (n - 1) ... (n - i + 1) / i! */
    for (int i = 0; i < m && sum; i++) {
        LyExpr d0 = ref(vals[0]);
        LyExpr term = times2(vm, d0, ref(binom));
        sum = term ? plus2(vm, sum, term) : (ly_unref(vm, sum), NULL);
        /* next differences */
        for (int j = 0; j + 1 < m - i; j++) {
            LyExpr d = plus2(vm, ref(vals[j + 1]), neg(vm, ref(vals[j])));
            ly_unref(vm, vals[j]);
            vals[j] = d ? d : ly_mksmall(0);
        }
        ly_unref(vm, vals[m - i - 1]);
        vals[m - i - 1] = ly_mksmall(0);
        LyExpr nb = times2(vm, binom, times2(vm, plus2(vm, ref(n), ly_mksmall(-i)), ly_rational(vm, 1, i + 1)));
        binom = nb;
        if (!binom) { ly_unref(vm, sum); sum = NULL; }
    }
    for (int i = 0; i < m; i++) ly_unref(vm, vals[i]);
    ly_unref(vm, binom);
    LyExpr x = sum ? lys_expand(vm, sum) : NULL;
    ly_unref(vm, sum);
    return x;
}

static LyExpr factored(LyVM *vm, LyExpr e) {
    if (!e) return NULL;
    LyExpr t = lys_together(vm, e);
    ly_unref(vm, e);
    if (!t) return NULL;
    LyExpr f = lys_factor_expr(vm, t);
    if (f) { ly_unref(vm, t); return f; }
    return t;
}

static void div_msg(LyVM *vm, LyExpr e) {
    ly_set_message(vm, "Sum", "div", "Sum does not converge.");
    ly_message(vm, ly_nhead(e), "div", 0);
}

/* The ratio f(k + 1)/f(k), simplified; NULL when f is zero. */
static LyExpr ratio_of(LyVM *vm, LyExpr f, LyExpr k) {
    LyExpr k1 = ev(vm, ly_mk(vm, LY_SYM(Plus), 2, ref(k), ly_mksmall(1)));
    LyExpr f1 = k1 ? subst(vm, f, k, k1) : NULL;
    ly_unref(vm, k1);
    if (!f1) return NULL;
    LyExpr q = times2(vm, f1, recip(vm, ref(f)));
    if (!q) return NULL;
    /* (k + 1)! -> (k + 1) k! so that factorials cancel */
    LyExpr rule = ly_mk(vm, LY_SYM(Rule), 2,
                        ly_mk(vm, ly_symbol(vm, "Factorial"), 1, ly_mk(vm, LY_SYM(Plus), 2, ly_mksmall(1), ref(k))),
                        ly_mk(vm, LY_SYM(Times), 2, ly_mk(vm, LY_SYM(Plus), 2, ly_mksmall(1), ref(k)),
                              ly_mk(vm, ly_symbol(vm, "Factorial"), 1, ref(k))));
    LyExpr q2 = rule ? ev(vm, ly_mk(vm, LY_SYM(ReplaceAll), 2, q, rule)) : (ly_unref(vm, q), NULL);
    LyExpr t = q2 ? lys_together(vm, q2) : NULL;
    ly_unref(vm, q2);
    return simplify(vm, t);
}

LyExpr lys_symbolic_sum(LyVM *vm, LyExpr e, LyExpr f, LyExpr k, LyExpr lo, LyExpr hi);
LyExpr lys_symbolic_sum(LyVM *vm, LyExpr e, LyExpr f, LyExpr k, LyExpr lo, LyExpr hi) {
    bool inf = lys_infinity_sign(hi) > 0;
    if (!ly_is_integer(lo) && lys_infinity_sign(lo) == 0 && !lys_free_of(lo, k)) return NULL;
    if (lys_free_of(f, k)) {
        if (inf) { div_msg(vm, e); return NULL; }
        LyExpr cnt = plus2(vm, plus2(vm, ref(hi), neg(vm, ref(lo))), ly_mksmall(1));
        return cnt ? times2(vm, ref(f), cnt) : NULL;
    }
    int deg = poly_degree(vm, f, k);
    if (deg >= 0) {
        if (inf) { div_msg(vm, e); return NULL; }
        /* the partial sum S(n) in a local variable n (gone after) */
        LyExpr name = ly_symbol(vm, "n"), n;
        LyScope sc;
        if (!name || !ly_scope_open(vm, &sc, 1, &name, &n)) return NULL;
        LyExpr S = partial_sum_poly(vm, f, k, deg, n), x = NULL;
        if (S) {
            /* S(hi) - S(lo - 1) */
            LyExpr a = subst(vm, S, n, hi);
            LyExpr lm = plus2(vm, ref(lo), ly_mksmall(-1));
            LyExpr b = lm ? subst(vm, S, n, lm) : NULL;
            ly_unref(vm, lm);
            ly_unref(vm, S);
            if (a && b) {
                LyExpr diff = plus2(vm, a, neg(vm, b));
                x = diff ? lys_expand(vm, diff) : NULL;
                ly_unref(vm, diff);
            } else {
                ly_unref(vm, a);
                ly_unref(vm, b);
            }
        }
        ly_scope_close(vm, &sc, x);
        return x ? factored(vm, x) : NULL;
    }
    LyExpr r = ratio_of(vm, f, k);
    if (!r) return NULL;
    LyExpr res = NULL;
    LyExpr flo = subst(vm, f, k, lo);
    if (flo && lys_free_of(r, k)) {
        /* geometric: f(lo) (1 - r^(hi - lo + 1))/(1 - r), or f(lo)/(1 - r) when infinite */
        double _Complex z;
        bool conv = !inf || (lys_numericq(vm, r) && lys_nvalue(vm, r, &z) && cabs(z) < 1);
        if (inf && lys_numericq(vm, r) && !conv) { div_msg(vm, e); ly_unref(vm, r); ly_unref(vm, flo); return NULL; }
        LyExpr one_r = plus2(vm, ly_mksmall(1), neg(vm, ref(r)));
        if (inf) res = times2(vm, ref(flo), recip(vm, one_r));
        else {
            LyExpr cnt = plus2(vm, plus2(vm, ref(hi), neg(vm, ref(lo))), ly_mksmall(1));
            LyExpr rn = cnt ? ev(vm, ly_mk(vm, LY_SYM(Power), 2, ref(r), cnt)) : NULL;
            LyExpr top = rn ? plus2(vm, ly_mksmall(1), neg(vm, rn)) : NULL;
            res = top ? times2(vm, ref(flo), times2(vm, top, recip(vm, one_r))) : (ly_unref(vm, one_r), NULL);
        }
        res = res ? factored(vm, res) : NULL;
    } else if (flo && inf) {
        /* r = c/(k + a): c^k/k! type, the exponential series */
        LyExpr kr = times2(vm, ref(r), plus2(vm, ref(k), ly_mksmall(1)));
        LyExpr krs = simplify(vm, kr);
        if (krs && lys_free_of(krs, k)) {
            /* sum_{k>=lo} f(k) = f(lo) lo! c^-lo (E^c - sum_{j<lo} c^j/j!) */
            LyExpr c = krs;
            if (ly_is_small(lo) && ly_small(lo) >= 0 && ly_small(lo) < 100) {
                int64_t l = ly_small(lo);
                LyExpr tail = ev(vm, ly_mk(vm, LY_SYM(Power), 2, LY_SYM(E), ref(c)));
                for (int64_t j = 0; tail && j < l; j++) {
                    LyExpr t = ev(vm, ly_mk(vm, LY_SYM(Times), 2, ly_mk(vm, LY_SYM(Power), 2, ref(c), ly_mksmall(j)),
                                            ly_mk(vm, LY_SYM(Power), 2, ly_mk(vm, ly_symbol(vm, "Factorial"), 1, ly_mksmall(j)), ly_mksmall(-1))));
                    tail = t ? plus2(vm, tail, neg(vm, t)) : (ly_unref(vm, tail), NULL);
                }
                LyExpr scale = ev(vm, ly_mk(vm, LY_SYM(Times), 3, ref(flo), ly_mk(vm, ly_symbol(vm, "Factorial"), 1, ly_mksmall(l)),
                                            ly_mk(vm, LY_SYM(Power), 2, ref(c), ly_mksmall(-l))));
                res = tail && scale ? times2(vm, scale, tail) : (ly_unref(vm, tail), ly_unref(vm, scale), NULL);
            }
        }
        ly_unref(vm, krs);
        /* p-series: f = c k^-p */
        if (!res && !ly_unwinding(vm)) {
            /* exponent of k in f: f(2k)/f(k) = 2^-p */
            LyExpr k2 = ev(vm, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(2), ref(k)));
            LyExpr f2 = k2 ? subst(vm, f, k, k2) : NULL;
            ly_unref(vm, k2);
            LyExpr q = f2 ? simplify(vm, times2(vm, f2, recip(vm, ref(f)))) : NULL;
            if (q && ly_is_number(q) && ly_type(q) == LY_TRAT) {
                /* q = 2^-p with p an integer */
                mpq_t qq; lys_mpq_get(qq, q);
                if (mpz_cmp_ui(mpq_numref(qq), 1) == 0 && mpz_popcount(mpq_denref(qq)) == 1) {
                    long p = (long)mpz_sizeinbase(mpq_denref(qq), 2) - 1;
                    LyExpr kpow = ev(vm, ly_mk(vm, LY_SYM(Power), 2, ref(k), ly_mksmall(p)));
                    LyExpr c = kpow ? simplify(vm, times2(vm, ref(f), kpow)) : NULL;
                    if (c && lys_free_of(c, k) && p >= 2) {
                        LyExpr z = ev(vm, ly_mk(vm, ly_symbol(vm, "Zeta"), 1, ly_mksmall(p)));
                        res = z ? times2(vm, ref(c), z) : NULL;
                        /* start above 1: minus the first terms */
                        if (res && ly_is_small(lo) && ly_small(lo) > 1 && ly_small(lo) < 10000)
                            for (int64_t j = 1; res && j < ly_small(lo); j++) {
                                LyExpr t = subst(vm, f, k, ly_mksmall(j));
                                res = t ? plus2(vm, res, neg(vm, t)) : (ly_unref(vm, res), NULL);
                            }
                        else if (res && !(ly_is_small(lo) && ly_small(lo) == 1)) { ly_unref(vm, res); res = NULL; }
                    } else if (c && lys_free_of(c, k) && p == 1) {
                        div_msg(vm, e);
                    }
                    ly_unref(vm, c);
                }
                mpq_clear(qq);
            }
            ly_unref(vm, q);
        }
    }
    ly_unref(vm, flo);
    ly_unref(vm, r);
    return res;
}

LyExpr lys_symbolic_product(LyVM *vm, LyExpr e, LyExpr f, LyExpr k, LyExpr lo, LyExpr hi);
LyExpr lys_symbolic_product(LyVM *vm, LyExpr e, LyExpr f, LyExpr k, LyExpr lo, LyExpr hi) {
    (void)e;
    if (lys_infinity_sign(hi)) return NULL;
    LyExpr cnt = plus2(vm, plus2(vm, ref(hi), neg(vm, ref(lo))), ly_mksmall(1));
    if (!cnt) return NULL;
    if (lys_free_of(f, k)) return ev(vm, ly_mk(vm, LY_SYM(Power), 2, ref(f), cnt));
    /* f = a k + b: a^cnt Pochhammer-like through factorials when a = 1, b = 0 */
    if (f == k) {
        ly_unref(vm, cnt);
        LyExpr num = ev(vm, ly_mk(vm, ly_symbol(vm, "Factorial"), 1, ref(hi)));
        LyExpr lm = plus2(vm, ref(lo), ly_mksmall(-1));
        LyExpr den = lm ? ev(vm, ly_mk(vm, ly_symbol(vm, "Factorial"), 1, lm)) : NULL;
        return num && den ? times2(vm, num, recip(vm, den)) : (ly_unref(vm, num), ly_unref(vm, den), NULL);
    }
    ly_unref(vm, cnt);
    return NULL;
}
