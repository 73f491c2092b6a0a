/*
 * solve.c — Solve: linear systems by exact Gaussian elimination over the
 * rationals; one polynomial equation in one variable through Factor
 * (rational roots from linear factors, the quadratic formula for quadratic
 * factors, x^n == c for binomials); one linear equation with symbolic
 * coefficients.  Written against lyra.h + lyra_ext.h.
 */
#include <stdlib.h>
#include <string.h>
#include <complex.h>
#include "lys_poly.h"
#include "lys_alg.h"
#include "lys_root.h"
#include <math.h>

static LyExpr ref(LyExpr e) { ly_ref(e); return e; }

/* lhs - rhs of each equation (new List), NULL when not equations. */
static LyExpr differences(LyVM *vm, LyExpr eqs) {
    size_t n = ly_head_is(eqs, LY_SYM(List)) ? ly_nlen(eqs) : 1;
    LyExpr *items = ly_head_is(eqs, LY_SYM(List)) ? ly_nargs(eqs) : &eqs;
    LyExpr l = ly_mknormal(vm, LY_SYM(List), n);
    if (!l) return NULL;
    for (size_t i = 0; i < n; i++) {
        LyExpr q = items[i];
        if (!ly_head_is(q, LY_SYM(Equal)) || ly_nlen(q) != 2) { lys_abandon(vm, l, i + 1); return NULL; }
        LyExpr d = ly_mk(vm, LY_SYM(Plus), 2, ref(ly_narg(q, 1)),
                         ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ref(ly_narg(q, 2))));
        if (!d) { lys_abandon(vm, l, i + 1); return NULL; }
        ly_nset(l, i + 1, d);
    }
    return lys_eval_steal(vm, l);
}

static LyExpr rule(LyVM *vm, LyExpr x, LyExpr v) { return ly_mk(vm, LY_SYM(Rule), 2, ref(x), v); }

/* ---- one polynomial in one variable ------------------------------------------------------------ */

enum { DOM_COMPLEX, DOM_REAL, DOM_INTEGER };

typedef struct Opts { unsigned how; int domain; } Opts;

static int order_cmp(const void *a, const void *b) {
    return ly_order(*(const LyExpr *)a, *(const LyExpr *)b);
}

static bool in_domain(LyVM *vm, LyExpr r, int domain) {
    if (domain == DOM_COMPLEX) return true;
    if (domain == DOM_INTEGER) return ly_is_integer(r);
    double _Complex z;
    if (!lys_nvalue(vm, r, &z)) return !ly_type(r) || ly_type(r) != LY_TCOMPLEX;
    return fabs(cimag(z)) <= 1e-10 * (1 + fabs(creal(z)));
}

/* {{x -> r1}, {x -> r2}, ...} from n roots (stolen), canonically sorted. */
static LyExpr roots_result(LyVM *vm, LyExpr x, LyExpr *roots, size_t n, int domain) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (in_domain(vm, roots[i], domain)) roots[k++] = roots[i];
        else ly_unref(vm, roots[i]);
    }
    qsort(roots, k, sizeof(LyExpr), order_cmp);
    LyExpr l = ly_mknormal(vm, LY_SYM(List), k);
    for (size_t i = 0; i < k; i++) {
        LyExpr r = l ? ly_mk(vm, LY_SYM(List), 1, rule(vm, x, roots[i])) : NULL;
        if (!r) { for (size_t j = i + 1; j < k; j++) ly_unref(vm, roots[j]); lys_abandon(vm, l, i + 1); return NULL; }
        ly_nset(l, i + 1, r);
    }
    return l;
}

/* Inexact coefficients: machine roots. */
static LyExpr solve_numeric(LyVM *vm, const LysPoly *f, LyExpr x, int domain) {
    int d = lys_poly_deg(f, 0);
    if (d < 1 || d > 512) return NULL;
    double _Complex c[513], z[512];
    for (int i = 0; i <= d; i++) c[i] = 0;
    for (size_t i = 0; i < f->n; i++) c[lys_pexp(f, i)[0]] = mpq_get_d(f->c[i]);
    if (!lys_cpoly_roots(c, d, true, z)) return NULL;
    LyExpr roots[512];
    for (int i = 0; i < d; i++) {
        roots[i] = cimag(z[i]) == 0 ? ly_mkreal(vm, creal(z[i]))
                   : ly_mkcomplex(vm, ly_mkreal(vm, creal(z[i])), ly_mkreal(vm, cimag(z[i])));
        if (!roots[i]) { for (int j = 0; j < i; j++) ly_unref(vm, roots[j]); return NULL; }
    }
    return roots_result(vm, x, roots, (size_t)d, domain);
}

/* The roots of one polynomial factor (with rational coefficients) into
 * roots[*n...]: radicals when simple (or asked for), else Root objects. */
static bool factor_roots(LyVM *vm, const LysPoly *g, unsigned how, LyExpr *roots, size_t *n) {
    int d = lys_poly_deg(g, 0);
    int got = lys_radical_roots(vm, g, how, roots + *n);
    if (got < 0) return false;
    if (got > 0) { *n += (size_t)got; return true; }
    for (int j = 1; j <= d; j++) {
        LyExpr r = lys_eval_steal(vm, lys_root_object(vm, g, j));
        if (!r) return false;
        roots[(*n)++] = r;
    }
    return true;
}

static LyExpr solve_linear(LyVM *vm, LyExpr ps, LyExpr xs);

static LyExpr solve_poly(LyVM *vm, LyExpr p, LyExpr x, const Opts *o) {
    LysVars vs;
    lys_vars_init(&vs, vm);
    LysPoly f;
    LyExpr res = NULL;
    if (lys_vars_add(&vs, x) < 0 || !lys_expr_to_poly(&vs, p, &f, 0)) { lys_vars_free(&vs); return NULL; }
    bool ok = vs.n == 1 && !lys_poly_has_negative(&f);
    if (ok && f.n == 0) { res = ly_mk(vm, LY_SYM(List), 1, ly_list(vm, 0, NULL)); goto out; }
    if (ok && lys_poly_is_const(&f)) { res = ly_list(vm, 0, NULL); goto out; }
    if (ok && vs.inexact) { res = solve_numeric(vm, &f, x, o->domain); goto out; }
    if (ok) {
        size_t cap = (size_t)lys_poly_deg(&f, 0) + 1, nr = 0;
        LyExpr *roots = ly_alloc(vm, cap * sizeof(LyExpr));
        if (!roots) { ly_raise_nomem(vm); goto out; }
        /* x^m g with g(0) != 0: zeros first; a binomial g without factoring,
         * so x^3 == 1 gives 1, -(-1)^(1/3), (-1)^(2/3) as Wolfram */
        int32_t m = lys_poly_lowdeg(&f, 0);
        for (int32_t i = 0; i < m; i++) roots[nr++] = ly_mksmall(0);
        LysPoly g;
        lys_poly_init(&g, vm, 1);
        ok = lys_poly_copy(&g, &f);
        for (size_t i = 0; ok && i < g.n; i++) lys_pexp(&g, i)[0] -= m;
        if (ok && lys_poly_deg(&g, 0) >= 1) {
            if (g.n == 2) ok = factor_roots(vm, &g, o->how, roots, &nr);
            else {
                LysFactors fs;
                lys_factors_init(&fs);
                ok = lys_factor(&fs, &g);
                for (size_t i = 0; ok && i < fs.n; i++)
                    for (long k = 0; ok && k < fs.f[i].k; k++)
                        ok = factor_roots(vm, &fs.f[i].f, o->how, roots, &nr);
                lys_factors_clear(vm, &fs);
            }
        }
        lys_poly_clear(&g);
        if (ok) res = roots_result(vm, x, roots, nr, o->domain);
        else for (size_t i = 0; i < nr; i++) ly_unref(vm, roots[i]);
        ly_dealloc(vm, roots, cap * sizeof(LyExpr));
    }
out:
    lys_poly_clear(&f);
    lys_vars_free(&vs);
    return res;
}

/* ---- linear systems ------------------------------------------------------------------------------- */

static LyExpr solve_linear(LyVM *vm, LyExpr ps, LyExpr xs) {
    size_t m = ly_nlen(ps), n = ly_nlen(xs);
    LysVars vs;
    lys_vars_init(&vs, vm);
    for (size_t j = 1; j <= n; j++) if (lys_vars_add(&vs, ly_narg(xs, j)) < 0) { lys_vars_free(&vs); return NULL; }
    for (size_t i = 1; i <= m; i++) if (!lys_collect_kernels(&vs, ly_narg(ps, i), 0)) { lys_vars_free(&vs); return NULL; }
    if (vs.n != n) { lys_vars_free(&vs); return NULL; }   /* symbolic coefficients: not here */
    mpq_t *a = malloc(m * (n + 1) * sizeof(mpq_t));
    for (size_t k = 0; k < m * (n + 1); k++) mpq_init(a[k]);
#define A(i, j) a[(i) * (n + 1) + (j)]
    bool ok = true;
    LysPoly p;
    lys_poly_init(&p, vm, (int)n);
    for (size_t i = 0; i < m && ok; i++) {
        ok = lys_poly_from_expr(&vs, ly_narg(ps, i + 1), &p, 0);
        for (size_t t = 0; ok && t < p.n; t++) {
            const int32_t *e = lys_pexp(&p, t);
            int deg = 0, at = -1;
            for (size_t j = 0; j < n; j++) { if (e[j] < 0) ok = false; deg += e[j]; if (e[j]) at = (int)j; }
            if (deg > 1) ok = false;
            if (!ok) break;
            if (at < 0) mpq_neg(A(i, n), p.c[t]);
            else mpq_set(A(i, (size_t)at), p.c[t]);
        }
    }
    lys_poly_clear(&p);
    LyExpr res = NULL;
    if (ok) {
        size_t *piv = malloc((n + 1) * sizeof(size_t));
        size_t r = 0;
        mpq_t f;
        mpq_init(f);
        for (size_t c = 0; c < n && r < m; c++) {
            size_t s = r;
            while (s < m && mpq_sgn(A(s, c)) == 0) s++;
            if (s == m) continue;
            for (size_t j = 0; j <= n; j++) mpq_swap(A(r, j), A(s, j));
            mpq_t iv; mpq_init(iv); mpq_inv(iv, A(r, c));
            for (size_t j = 0; j <= n; j++) mpq_mul(A(r, j), A(r, j), iv);
            mpq_clear(iv);
            for (size_t i = 0; i < m; i++) {
                if (i == r || mpq_sgn(A(i, c)) == 0) continue;
                mpq_set(f, A(i, c));
                for (size_t j = 0; j <= n; j++) { mpq_t t; mpq_init(t); mpq_mul(t, f, A(r, j)); mpq_sub(A(i, j), A(i, j), t); mpq_clear(t); }
            }
            piv[r++] = c;
        }
        bool consistent = true;
        for (size_t i = r; i < m; i++) if (mpq_sgn(A(i, n))) consistent = false;
        if (!consistent) res = ly_list(vm, 0, NULL);
        else {
            if (r < n) ly_message(vm, ly_symbol(vm, "Solve"), "svars", 0);
            LyExpr sol = ly_mknormal(vm, LY_SYM(List), r);
            bool built = sol != NULL;
            for (size_t i = 0; sol && i < r; i++) {
                /* x_piv = b - sum over free columns */
                LyExpr s = ly_mknormal(vm, LY_SYM(Plus), n + 1);
                if (!s) { lys_nset_ok(sol, i + 1, NULL, &built); continue; }
                lys_nset_ok(s, 1, lys_from_mpq(vm, A(i, n)), &built);
                for (size_t j = 0; j < n; j++) {
                    if (j == piv[i] || mpq_sgn(A(i, j)) == 0) { ly_nset(s, j + 2, ly_mksmall(0)); continue; }
                    mpq_neg(f, A(i, j));
                    lys_nset_ok(s, j + 2, ly_mk(vm, LY_SYM(Times), 2, lys_from_mpq(vm, f), ref(vs.v[j])), &built);
                }
                LyExpr v = built ? lys_eval_steal(vm, s) : (ly_unref(vm, s), NULL);
                lys_nset_ok(sol, i + 1, v ? rule(vm, vs.v[piv[i]], v) : NULL, &built);
            }
            res = built ? ly_list(vm, 1, &sol) : NULL;
            ly_unref(vm, sol);
        }
        mpq_clear(f);
        free(piv);
    }
#undef A
    for (size_t k = 0; k < m * (n + 1); k++) mpq_clear(a[k]);
    free(a);
    lys_vars_free(&vs);
    return res;
}

/* a x + b == 0 and a x^2 + b x + c == 0 with symbolic coefficients */
static LyExpr coeff_of(LyVM *vm, LyExpr p, LyExpr x, int k) {
    return lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "Coefficient"), 3, ref(p), ref(x), ly_mksmall(k)));
}

static LyExpr solve_symbolic(LyVM *vm, LyExpr p, LyExpr x) {
    LyExpr d = lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "Exponent"), 2, ref(p), ref(x)));
    int deg = d && ly_is_small(d) ? (int)ly_small(d) : 0;
    ly_unref(vm, d);
    if (deg != 1 && deg != 2) return NULL;
    LyExpr c[3] = { NULL, NULL, NULL };
    bool ok = true;
    for (int k = 0; k <= deg; k++) {
        c[k] = coeff_of(vm, p, x, k);
        if (!c[k] || !lys_free_of(c[k], x)) ok = false;
    }
    /* the coefficients must rebuild p: no x hiding in other kernels */
    if (ok) {
        LyExpr sum = ly_mknormal(vm, LY_SYM(Plus), (size_t)deg + 2);
        for (int k = 0; sum && k <= deg; k++)
            ly_nset(sum, (size_t)k + 1, ly_mk(vm, LY_SYM(Times), 2, ref(c[k]), ly_mk(vm, LY_SYM(Power), 2, ref(x), ly_mksmall(k))));
        if (sum) ly_nset(sum, (size_t)deg + 2, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ref(p)));
        LyExpr z = sum ? lys_expand(vm, sum) : NULL;
        ly_unref(vm, sum);
        ok = z && ly_is_number(z) && ly_num_is_zero(z);
        ly_unref(vm, z);
    }
    LyExpr res = NULL;
    if (ok && deg == 1) {
        LyExpr v = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 3, ly_mksmall(-1), ref(c[0]),
                                            ly_mk(vm, LY_SYM(Power), 2, ref(c[1]), ly_mksmall(-1))));
        res = v ? ly_mk(vm, LY_SYM(List), 1, ly_mk(vm, LY_SYM(List), 1, rule(vm, x, v))) : NULL;
    } else if (ok) {
        LyExpr roots[2];
        bool nob = ly_is_number(c[1]) && ly_num_is_zero(c[1]);
        for (int i = 0; i < 2; i++) {
            int sg = i ? 1 : -1;
            if (nob) {   /* +-Sqrt[-c/a] */
                roots[i] = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(sg),
                    ly_mk(vm, LY_SYM(Power), 2, ly_mk(vm, LY_SYM(Times), 3, ly_mksmall(-1), ref(c[0]),
                                                      ly_mk(vm, LY_SYM(Power), 2, ref(c[2]), ly_mksmall(-1))),
                          ly_rational(vm, 1, 2))));
            } else {     /* (-b +- Sqrt[b^2 - 4 a c])/(2 a) */
                LyExpr disc = ly_mk(vm, LY_SYM(Plus), 2, ly_mk(vm, LY_SYM(Power), 2, ref(c[1]), ly_mksmall(2)),
                                    ly_mk(vm, LY_SYM(Times), 3, ly_mksmall(-4), ref(c[2]), ref(c[0])));
                roots[i] = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2,
                    ly_mk(vm, LY_SYM(Power), 2, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(2), ref(c[2])), ly_mksmall(-1)),
                    ly_mk(vm, LY_SYM(Plus), 2, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ref(c[1])),
                          ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(sg), ly_mk(vm, LY_SYM(Power), 2, disc, ly_rational(vm, 1, 2))))));
            }
            if (!roots[i]) { if (i) ly_unref(vm, roots[0]); ok = false; break; }
        }
        if (ok) res = roots_result(vm, x, roots, 2, DOM_COMPLEX);
    }
    for (int k = 0; k < 3; k++) ly_unref(vm, c[k]);
    return res;
}

/* ---- systems ------------------------------------------------------------------------------------- */

static LyExpr solve_system(LyVM *vm, LyExpr ps, LyExpr xs, const Opts *o, int depth);

/* The numerator of e, expanded-cancelled (new reference). */
static LyExpr numerator_of(LyVM *vm, LyExpr e) {
    LyExpr t = lys_together(vm, e);
    LyExpr num = NULL, den = NULL;
    if (t) lys_numden(vm, t, &num, &den);
    ly_unref(vm, t);
    ly_unref(vm, den);
    return num;
}

/* ps with x -> v substituted, numerators, zeros dropped; NULL on an exit.
 * *bad is set when an equation became a nonzero constant. */
static LyExpr substitute_eqs(LyVM *vm, LyExpr ps, size_t skip, LyExpr x, LyExpr v, bool *bad) {
    LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(ps));
    size_t k = 0;
    for (size_t i = 1; out && i <= ly_nlen(ps); i++) {
        if (i == skip) continue;
        /* an indexed unknown (x[1], C[2]) by ReplaceAll: ly_substitute replaces symbols */
        LyExpr s = ly_is_sym(x) ? ly_substitute(vm, ly_narg(ps, i), 1, &x, &v)
                                : ly_mk(vm, LY_SYM(ReplaceAll), 2, ref(ly_narg(ps, i)), rule(vm, x, ref(v)));
        LyExpr se = s ? lys_eval_steal(vm, s) : NULL;
        LyExpr num = se ? numerator_of(vm, se) : NULL;
        LyExpr ex = num ? lys_expand(vm, num) : NULL;
        ly_unref(vm, se); ly_unref(vm, num);
        if (!ex) { lys_abandon(vm, out, k + 1); return NULL; }
        if (ly_is_number(ex)) {
            if (!ly_num_is_zero(ex)) *bad = true;
            ly_unref(vm, ex);
            continue;
        }
        ly_nset(out, ++k, ex);
    }
    if (!out) return NULL;
    LyExpr r = ly_apply(vm, LY_SYM(List), k, ly_nargs(out));
    for (size_t i = k + 1; i <= ly_nlen(out); i++) ly_nset(out, i, LY_SYM(Null));
    ly_unref(vm, out);
    return r;
}

/* xs without element j (1-based). */
static LyExpr drop_var(LyVM *vm, LyExpr xs, size_t j) {
    LyExpr r = ly_mknormal(vm, LY_SYM(List), ly_nlen(xs) - 1);
    for (size_t i = 1, k = 1; r && i <= ly_nlen(xs); i++) if (i != j) ly_nset(r, k++, ref(ly_narg(xs, i)));
    return r;
}

static int var_index(LyExpr xs, LyExpr v) {
    for (size_t i = 1; i <= ly_nlen(xs); i++) if (ly_equal(ly_narg(xs, i), v)) return (int)i;
    return 0;
}

/* Rules of one solution in the order of xs. */
static void sort_rules(LyExpr sol, LyExpr xs) {
    size_t n = ly_nlen(sol);
    LyExpr *r = ly_nargs(sol);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && var_index(xs, ly_narg(r[j - 1], 1)) > var_index(xs, ly_narg(r[j], 1)); j--) {
            LyExpr t = r[j]; r[j] = r[j - 1]; r[j - 1] = t;
        }
}

/* Solves ps (numerators) with var xs[j] eliminated by value v (a solution
 * of one equation, possibly in the other variables). */
static LyExpr eliminate(LyVM *vm, LyExpr ps, size_t skip, LyExpr xs, size_t j, LyExpr v, const Opts *o, int depth) {
    LyExpr x = ly_narg(xs, j);
    bool bad = false;
    LyExpr rest = substitute_eqs(vm, ps, skip, x, v, &bad);
    if (!rest) return NULL;
    if (bad) { ly_unref(vm, rest); return ly_list(vm, 0, NULL); }
    LyExpr oxs = drop_var(vm, xs, j);
    LyExpr subs = !oxs ? NULL : ly_nlen(rest) == 0 ? ly_mk(vm, LY_SYM(List), 1, ly_list(vm, 0, NULL))
                                                  : solve_system(vm, rest, oxs, o, depth + 1);
    ly_unref(vm, rest); ly_unref(vm, oxs);
    if (!subs) return NULL;
    /* back-substitute: x -> v /. sub */
    LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(subs));
    for (size_t i = 1; out && i <= ly_nlen(subs); i++) {
        LyExpr sub = ly_narg(subs, i);
        LyExpr val = lys_eval_steal(vm, ly_mk(vm, LY_SYM(ReplaceAll), 2, ref(v), ref(sub)));
        if (val && !lys_numericq(vm, val)) {    /* parameters: one fraction */
            LyExpr t = lys_together(vm, val);
            ly_unref(vm, val);
            val = t;
        }
        LyExpr sol = val ? ly_mknormal(vm, LY_SYM(List), ly_nlen(sub) + 1) : NULL;
        if (sol) {
            for (size_t k = 1; k <= ly_nlen(sub); k++) ly_nset(sol, k, ref(ly_narg(sub, k)));
            ly_nset(sol, ly_nlen(sub) + 1, rule(vm, x, val));
        } else ly_unref(vm, val);
        if (!sol) { lys_abandon(vm, out, i); out = NULL; break; }
        ly_nset(out, i, sol);
    }
    ly_unref(vm, subs);
    return out;
}

/* Appends the elements of b (stolen list) to *acc (a fresh list). */
static LyExpr join_lists(LyVM *vm, LyExpr acc, LyExpr b) {
    if (!acc) return b;
    if (!b) { ly_unref(vm, acc); return NULL; }
    LyExpr r = lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "Join"), 2, acc, b));
    return r;
}

/* ---- inverse functions ---------------------------------------------------------------------- */

static bool head_named(LyExpr e, const char *name) {
    return ly_is_normal(e) && ly_is_sym(ly_nhead(e)) && !strcmp(ly_sym(ly_nhead(e))->name, name);
}

/* each solution value wrapped as ConditionalExpression[value, C[1] \[Element] Integers] */
static LyExpr with_constant(LyVM *vm, LyExpr res) {
    if (!res || !ly_head_is(res, LY_SYM(List))) return res;
    LyExpr cond = lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "Element"), 2,
                                           ly_mk(vm, ly_symbol(vm, "C"), 1, ly_mksmall(1)), ly_symbol(vm, "Integers")));
    LyExpr args[2] = { res, cond };
    LyExpr r = cond ? lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "ReplaceAll"), 2, ref(res),
        ly_mk(vm, LY_SYM(RuleDelayed), 2,
              ly_mk(vm, LY_SYM(Rule), 2, ly_mk(vm, LY_SYM(Pattern), 2, ly_symbol(vm, "ly$v"), ly_mk(vm, LY_SYM(Blank), 0)),
                    ly_mk(vm, LY_SYM(Pattern), 2, ly_symbol(vm, "ly$w"), ly_mk(vm, LY_SYM(Blank), 0))),
              ly_mk(vm, LY_SYM(Rule), 2, ly_symbol(vm, "ly$v"),
                    ly_mk(vm, ly_symbol(vm, "ConditionalExpression"), 2, ly_symbol(vm, "ly$w"), ref(cond)))))) : NULL;
    (void)args;
    ly_unref(vm, cond);
    ly_unref(vm, res);
    return r;
}

static LyExpr solve_system(LyVM *vm, LyExpr ps, LyExpr xs, const Opts *o, int depth);

/* p == 0 where x sits in one invertible function: k f(u) + c == 0 with k
 * and c free of x.  Log[u] == v gives u == E^v, u^r == v gives u == v^(1/r)
 * (solutions checked in p), E^u == v gives u == Log[v] + 2 I Pi C[1] (over
 * the reals u == Log[v]), b^u likewise, ArcSin[u] == v gives u == Sin[v]
 * (ArcCos, ArcTan alike). */
static LyExpr solve_invert(LyVM *vm, LyExpr p, LyExpr x, const Opts *o, int depth) {
    size_t nt = ly_head_is(p, LY_SYM(Plus)) ? ly_nlen(p) : 1;
    LyExpr *terms = ly_head_is(p, LY_SYM(Plus)) ? ly_nargs(p) : &p;
    LyExpr t = NULL;
    for (size_t i = 0; i < nt; i++) {
        if (lys_free_of(terms[i], x)) continue;
        if (t) return NULL;
        t = terms[i];
    }
    if (!t) return NULL;
    size_t nf = ly_head_is(t, LY_SYM(Times)) ? ly_nlen(t) : 1;
    LyExpr *fs = ly_head_is(t, LY_SYM(Times)) ? ly_nargs(t) : &t;
    LyExpr f = NULL;
    for (size_t i = 0; i < nf; i++) {
        if (lys_free_of(fs[i], x)) continue;
        if (f) return NULL;
        f = fs[i];
    }
    if (!f || !ly_is_normal(f)) return NULL;
    /* v = (t - p) f / t: minus the rest of p over the coefficient of f */
    LyExpr v = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 3, ly_mk(vm, LY_SYM(Plus), 2, ref(t), ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ref(p))),
                                        ref(f), ly_mk(vm, LY_SYM(Power), 2, ref(t), ly_mksmall(-1))));
    if (!v) return NULL;
    v = lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "Together"), 1, v));
    if (!v || !lys_free_of(v, x)) { ly_unref(vm, v); return NULL; }
    LyExpr u = NULL, w = NULL;       /* the new equation u == w */
    bool check = false, constant = false;
    if (head_named(f, "Log") && ly_nlen(f) == 1) {
        u = ly_narg(f, 1);
        w = ly_mk(vm, LY_SYM(Power), 2, LY_SYM(E), ref(v));
    } else if (ly_head_is(f, LY_SYM(Power)) && ly_nlen(f) == 2 && lys_free_of(ly_narg(f, 2), x) &&
               !lys_free_of(ly_narg(f, 1), x) && !ly_is_integer(ly_narg(f, 2))) {
        u = ly_narg(f, 1);
        w = ly_mk(vm, LY_SYM(Power), 2, ref(v), ly_mk(vm, LY_SYM(Power), 2, ref(ly_narg(f, 2)), ly_mksmall(-1)));
        check = true;
    } else if (ly_head_is(f, LY_SYM(Power)) && ly_nlen(f) == 2 && lys_free_of(ly_narg(f, 1), x) &&
               lys_numericq(vm, ly_narg(f, 1))) {
        /* b^u == v: u == Log[v]/Log[b] (+ 2 I Pi C[1]/Log[b] over the complexes) */
        LyExpr b = ly_narg(f, 1);
        u = ly_narg(f, 2);
        LyExpr lg = b == LY_SYM(E) ? ly_mk(vm, ly_symbol(vm, "Log"), 1, ref(v)) : ly_mk(vm, ly_symbol(vm, "Log"), 2, ref(b), ref(v));
        if (o->domain == DOM_COMPLEX) {
            LyExpr lb = b == LY_SYM(E) ? ly_mksmall(1) : ly_mk(vm, ly_symbol(vm, "Log"), 1, ref(b));
            w = ly_mk(vm, LY_SYM(Plus), 2, lg,
                      ly_mk(vm, LY_SYM(Times), 5, ly_mksmall(2), ly_mkcomplex(vm, ly_mksmall(0), ly_mksmall(1)),
                            LY_SYM(Pi), ly_mk(vm, ly_symbol(vm, "C"), 1, ly_mksmall(1)), ly_mk(vm, LY_SYM(Power), 2, lb, ly_mksmall(-1))));
            constant = true;
        } else {
            double _Complex z;
            if (lys_nvalue(vm, v, &z) && (cimag(z) != 0 || creal(z) <= 0)) {
                ly_unref(vm, v); ly_unref(vm, lg);
                return ly_list(vm, 0, NULL);
            }
            w = lg;
        }
    } else if ((head_named(f, "ArcSin") || head_named(f, "ArcCos") || head_named(f, "ArcTan")) && ly_nlen(f) == 1) {
        const char *fwd = head_named(f, "ArcSin") ? "Sin" : head_named(f, "ArcCos") ? "Cos" : "Tan";
        u = ly_narg(f, 1);
        w = ly_mk(vm, ly_symbol(vm, fwd), 1, ref(v));
        check = true;
    }
    ly_unref(vm, v);
    if (!u || !w) { ly_unref(vm, w); return NULL; }
    if (u == x) {
        /* x itself: the value at once */
        LyExpr val = lys_eval_steal(vm, w);
        LyExpr res = val ? ly_mk(vm, LY_SYM(List), 1, ly_mk(vm, LY_SYM(List), 1, rule(vm, x, val))) : NULL;
        if (res && check) {
            LyExpr chk = lys_eval_steal(vm, ly_mk(vm, LY_SYM(ReplaceAll), 2, ref(p), ref(ly_narg(res, 1))));
            double _Complex z;
            bool ok = chk && (ly_is_number(chk) ? ly_num_is_zero(chk) || (!ly_is_exact(chk) && lys_nvalue(vm, chk, &z) && cabs(z) < 1e-9)
                                                : !lys_nvalue(vm, chk, &z) || cabs(z) < 1e-9);
            ly_unref(vm, chk);
            if (!ok) { ly_unref(vm, res); res = ly_list(vm, 0, NULL); }
        }
        return constant ? with_constant(vm, res) : res;
    }
    LyExpr q = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, ref(u), ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), w)));
    LyExpr num = q ? numerator_of(vm, q) : NULL;
    ly_unref(vm, q);
    LyExpr ql = num ? ly_mk(vm, LY_SYM(List), 1, num) : NULL;
    LyExpr xl = ql ? ly_mk(vm, LY_SYM(List), 1, ref(x)) : NULL;
    LyExpr res = xl ? solve_system(vm, ql, xl, o, depth + 1) : NULL;
    ly_unref(vm, ql);
    ly_unref(vm, xl);
    if (res && check && ly_head_is(res, LY_SYM(List))) {
        /* keep the solutions that satisfy p == 0 (Sqrt[x] == -3 has none) */
        size_t kept = 0, ns = ly_nlen(res);
        LyExpr keep[ns ? ns : 1];
        for (size_t i = 1; i <= ns; i++) {
            LyExpr sol = ly_narg(res, i);
            LyExpr val = lys_eval_steal(vm, ly_mk(vm, LY_SYM(ReplaceAll), 2, ref(p), ref(sol)));
            double _Complex z;
            bool ok = val && (ly_is_number(val) ? ly_num_is_zero(val) || (!ly_is_exact(val) && lys_nvalue(vm, val, &z) && cabs(z) < 1e-9)
                                                : !lys_nvalue(vm, val, &z) || cabs(z) < 1e-9);
            ly_unref(vm, val);
            if (ok) keep[kept++] = sol;
        }
        LyExpr r2 = ly_apply(vm, LY_SYM(List), kept, keep);
        ly_unref(vm, res);
        res = r2;
    }
    return constant ? with_constant(vm, res) : res;
}

static LyExpr solve_system(LyVM *vm, LyExpr ps, LyExpr xs, const Opts *o, int depth) {
    if (depth > 16 || !ly_safe_point(vm)) return NULL;
    size_t m = ly_nlen(ps), n = ly_nlen(xs);
    if (m == 1 && n == 1) {
        LyExpr r = solve_poly(vm, ly_narg(ps, 1), ly_narg(xs, 1), o);
        if (!r && !ly_unwinding(vm)) r = solve_symbolic(vm, ly_narg(ps, 1), ly_narg(xs, 1));
        if (!r && !ly_unwinding(vm)) r = solve_invert(vm, ly_narg(ps, 1), ly_narg(xs, 1), o, depth);
        return r;
    }
    LyExpr r = solve_linear(vm, ps, xs);
    if (r || ly_unwinding(vm)) return r;
    /* an equation of degree 1 in a variable with a constant coefficient:
     * eliminate that variable */
    for (size_t i = 1; i <= m; i++)
        for (size_t j = 1; j <= n; j++) {
            LyExpr p = ly_narg(ps, i), x = ly_narg(xs, j);
            if (lys_free_of(p, x)) continue;
            LyExpr d = lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "Exponent"), 2, ref(p), ref(x)));
            bool lin = d && ly_is_small(d) && ly_small(d) == 1;
            ly_unref(vm, d);
            if (!lin) continue;
            LyExpr a = coeff_of(vm, p, x, 1);
            /* a number, or a coefficient free of the unknowns (assumed nonzero, as Wolfram's
             * generic solutions do) */
            bool num = a && !(ly_is_number(a) && ly_num_is_zero(a));
            for (size_t t = 1; num && t <= n; t++) num = lys_free_of(a, ly_narg(xs, t));
            ly_unref(vm, a);
            if (!num) continue;
            LyExpr one = solve_symbolic(vm, p, x);
            if (!one) { if (ly_unwinding(vm)) return NULL; continue; }
            LyExpr v = ly_narg(ly_narg(ly_narg(one, 1), 1), 2);
            LyExpr res = eliminate(vm, ps, i, xs, j, v, o, depth);
            ly_unref(vm, one);
            return res;
        }
    /* an equation in a single variable: its roots, one by one */
    for (size_t i = 1; i <= m; i++)
        for (size_t j = 1; j <= n; j++) {
            LyExpr p = ly_narg(ps, i), x = ly_narg(xs, j);
            bool only = !lys_free_of(p, x);
            for (size_t k = 1; only && k <= n; k++) if (k != j && !lys_free_of(p, ly_narg(xs, k))) only = false;
            if (!only) continue;
            LyExpr roots = solve_poly(vm, p, x, o);
            if (!roots) return NULL;
            LyExpr acc = NULL;
            for (size_t k = 1; k <= ly_nlen(roots); k++) {
                LyExpr v = ly_narg(ly_narg(ly_narg(roots, k), 1), 2);
                LyExpr part = eliminate(vm, ps, i, xs, j, v, o, depth);
                acc = join_lists(vm, acc, part);
                if (!acc) break;
            }
            ly_unref(vm, roots);
            return acc ? acc : ly_list(vm, 0, NULL);
        }
    return NULL;
}

/* ---- Solve --------------------------------------------------------------------------------------- */

static bool parse_opts(LyVM *vm, LyExpr e, size_t from, Opts *o) {
    o->how = 0;
    o->domain = DOM_COMPLEX;
    for (size_t i = from; i <= ly_nlen(e); i++) {
        LyExpr a = ly_narg(e, i);
        if (ly_head_is(a, LY_SYM(Rule)) && ly_nlen(a) == 2) {
            LyExpr k = ly_narg(a, 1);
            bool on = ly_narg(a, 2) == LY_SYM(True);
            if (k == ly_symbol(vm, "Cubics")) { if (on) o->how |= LYS_CUBICS; }
            else if (k == ly_symbol(vm, "Quartics")) { if (on) o->how |= LYS_QUARTICS; }
            continue;     /* other options are accepted and ignored */
        }
        if (a == ly_symbol(vm, "Reals")) o->domain = DOM_REAL;
        else if (a == ly_symbol(vm, "Integers")) o->domain = DOM_INTEGER;
        else if (a == ly_symbol(vm, "Complexes")) o->domain = DOM_COMPLEX;
        else return false;
    }
    return true;
}

/* Splits eqs (an equation, a list, or And[...]) into equations and other
 * conditions (inequalities); false when something is neither. */
static bool split_eqs(LyVM *vm, LyExpr eqs, LyExpr *eqv, size_t *ne, LyExpr *conds, size_t *nc, size_t cap, Opts *o) {
    if (ly_head_is(eqs, LY_SYM(List)) || ly_head_is(eqs, ly_symbol(vm, "And"))) {
        for (size_t i = 1; i <= ly_nlen(eqs); i++)
            if (!split_eqs(vm, ly_narg(eqs, i), eqv, ne, conds, nc, cap, o)) return false;
        return true;
    }
    if (ly_head_is(eqs, ly_symbol(vm, "Element")) && ly_nlen(eqs) == 2) {
        LyExpr d = ly_narg(eqs, 2);
        if (d == ly_symbol(vm, "Reals")) { o->domain = DOM_REAL; return true; }
        if (d == ly_symbol(vm, "Integers")) { o->domain = DOM_INTEGER; return true; }
        if (d == ly_symbol(vm, "Complexes")) return true;
        return false;
    }
    if (ly_head_is(eqs, LY_SYM(Equal)) && ly_nlen(eqs) == 2) {
        if (*ne == cap) return false;
        eqv[(*ne)++] = eqs;
        return true;
    }
    if (eqs == LY_SYM(True)) return true;
    if (ly_is_normal(eqs) && ly_is_sym(ly_nhead(eqs))) {
        const char *h = ly_sym(ly_nhead(eqs))->name;
        if (!strcmp(h, "Less") || !strcmp(h, "Greater") || !strcmp(h, "LessEqual") ||
            !strcmp(h, "GreaterEqual") || !strcmp(h, "Unequal")) {
            if (*nc == cap) return false;
            conds[(*nc)++] = eqs;
            return true;
        }
    }
    return false;
}

/* Solve[eqns] and NSolve[eqns]: the same call with the variables of eqns */
static LyExpr solve_all_vars(LyVM *vm, LyExpr e) {
    static const char fn[] =
        "Union @@ Map[Variables, Flatten[{# /. {And -> List, Or -> List}}] /. "
        "(Equal | Unequal | Less | Greater | LessEqual | GreaterEqual)[a_, b_] :> a - b] &";
    LyExpr f = lys_text_expr(vm, fn, "Solve");
    LyExpr vars = f ? lys_eval_steal(vm, ly_apply_function(vm, f, 1, ly_nargs(e))) : NULL;
    ly_unref(vm, f);
    if (!vars) return NULL;
    if (!ly_head_is(vars, LY_SYM(List)) || ly_nlen(vars) == 0) { ly_unref(vm, vars); return NULL; }
    LyExpr call = ly_mk(vm, (ly_ref(ly_nhead(e)), ly_nhead(e)), 2, (ly_ref(ly_narg(e, 1)), ly_narg(e, 1)), vars);
    return lys_eval_steal(vm, call);
}

static LyExpr b_solve(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) == 1) return solve_all_vars(vm, e);
    if (!lys_argc(vm, e, 2, SIZE_MAX)) return NULL;
    LyExpr eqs = ly_narg(e, 1), xs = ly_narg(e, 2);
    /* numbers and strings are no variables: Solve::ivar, as Wolfram */
    {
        LyExpr *vs = &xs;
        size_t nv = 1;
        if (ly_head_is(xs, LY_SYM(List))) { vs = ly_nargs(xs); nv = ly_nlen(xs); }
        for (size_t i = 0; i < nv; i++)
            if (ly_is_number(vs[i]) || ly_is_string(vs[i])) {
                ly_message(vm, ly_nhead(e), "ivar", 1, vs[i]);
                return NULL;
            }
    }
    if (eqs == LY_SYM(True)) return ly_mk(vm, LY_SYM(List), 1, ly_list(vm, 0, NULL));
    if (eqs == LY_SYM(False)) return ly_list(vm, 0, NULL);
    Opts o;
    if (!parse_opts(vm, e, 3, &o)) return NULL;
    LyExpr eqv[64], conds[64];
    size_t ne = 0, nc = 0;
    if (!split_eqs(vm, eqs, eqv, &ne, conds, &nc, 64, &o) || ne == 0) return NULL;
    if (nc && o.domain == DOM_COMPLEX) o.domain = DOM_REAL;    /* inequalities: real solutions */
    LyExpr eql = ly_list(vm, ne, eqv);
    LyExpr ps = eql ? differences(vm, eql) : NULL;
    ly_unref(vm, eql);
    if (!ps) return NULL;
    /* numerators only: x/(x + 1) == 0; identities drop out */
    size_t k = 0;
    for (size_t i = 1; i <= ly_nlen(ps); i++) {
        LyExpr num = numerator_of(vm, ly_narg(ps, i));
        if (!num) { ly_unref(vm, ps); return NULL; }
        ly_unref(vm, ly_narg(ps, i));
        ly_nset(ps, i, LY_SYM(Null));
        if (ly_is_number(num) && ly_num_is_zero(num)) continue;
        if (ly_is_number(num)) {   /* 1 == 0 */
            ly_unref(vm, num);
            for (size_t j = i + 1; j <= ly_nlen(ps); j++) { ly_unref(vm, ly_narg(ps, j)); ly_nset(ps, j, LY_SYM(Null)); }
            ly_unref(vm, ps);
            return ly_list(vm, 0, NULL);
        }
        ly_nset(ps, ++k, num);
    }
    LyExpr pl = ly_apply(vm, LY_SYM(List), k, ly_nargs(ps));
    ly_unref(vm, ps);
    if (!pl) return NULL;
    if (k == 0) { ly_unref(vm, pl); return ly_mk(vm, LY_SYM(List), 1, ly_list(vm, 0, NULL)); }
    LyExpr xl = ly_head_is(xs, LY_SYM(List)) ? ref(xs) : ly_list(vm, 1, &xs);
    LyExpr res = xl ? solve_system(vm, pl, xl, &o, 0) : NULL;
    ly_unref(vm, pl);
    if (res && ly_head_is(res, LY_SYM(List))) {
        /* each solution in the order of the variables, then conditions and domain */
        size_t kept = 0, ns = ly_nlen(res);
        LyExpr keep[ns ? ns : 1];
        for (size_t i = 1; i <= ns; i++) {
            LyExpr sol = ly_narg(res, i);
            if (ly_head_is(sol, LY_SYM(List))) sort_rules(sol, xl);
            bool ok = true;
            for (size_t j = 1; ok && o.domain != DOM_COMPLEX && j <= ly_nlen(sol); j++)
                ok = in_domain(vm, ly_narg(ly_narg(sol, j), 2), o.domain);
            for (size_t j = 0; ok && j < nc; j++) {
                LyExpr t = lys_eval_steal(vm, ly_mk(vm, LY_SYM(ReplaceAll), 2, ref(conds[j]), ref(sol)));
                ok = t == LY_SYM(True);
                ly_unref(vm, t);
            }
            if (ok) keep[kept++] = sol;
        }
        LyExpr r2 = ly_apply(vm, LY_SYM(List), kept, keep);
        ly_unref(vm, res);
        res = r2;
        if (res && ly_nlen(res) > 1 && ly_nlen(xl) > 1) qsort(ly_nargs(res), ly_nlen(res), sizeof(LyExpr), order_cmp);
    }
    ly_unref(vm, xl);
    return res;
}

static LyExpr b_nsolve(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, SIZE_MAX)) return NULL;
    LyExpr args[8];
    size_t n = ly_nlen(e) < 8 ? ly_nlen(e) : 8;
    for (size_t i = 0; i < n; i++) args[i] = ly_narg(e, i + 1);
    if (n == 1) return solve_all_vars(vm, e);
    LyExpr r = lys_apply_eval(vm, ly_symbol(vm, "Solve"), n, args);
    if (!r) return NULL;
    if (!ly_head_is(r, LY_SYM(List))) { ly_unref(vm, r); return NULL; }
    LyExpr nr = lys_numericalize(vm, r);
    ly_unref(vm, r);
    return nr;
}

static const LyBuiltin solve_builtins[] = {
    { "Solve", b_solve, "Protected",
      "Solve[expr, vars] attempts to solve the system expr of equations or inequalities for the variables vars.\n"
      "Solve[expr, vars, dom] solves over the domain dom (Reals, Integers, Complexes).\n"
      "Irreducible cubics and quartics give Root objects unless Cubics -> True or Quartics -> True." },
    { "NSolve", b_nsolve, "Protected",
      "NSolve[expr, vars] attempts to find numerical approximations to the solutions of the system expr of equations for the variables vars." },
    { "Reals", NULL, "Protected", "Reals represents the domain of real numbers, as in x \[Element] Reals." },
    { "Integers", NULL, "Protected", "Integers represents the domain of integers, as in x \[Element] Integers." },
    { "Complexes", NULL, "Protected", "Complexes represents the domain of complex numbers, as in x \[Element] Complexes." },
    { "Cubics", NULL, "Protected",
      "Cubics is an option for Solve that specifies whether explicit forms for solutions to cubic equations should be given." },
    { "Quartics", NULL, "Protected",
      "Quartics is an option for Solve that specifies whether explicit forms for solutions to quartic equations should be given." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_solve(LyVM *vm);
LyStatus lys_open_solve(LyVM *vm) {
    ly_set_message(vm, "Solve", "svars", "Equations may not give solutions for all \"solve\" variables.");
    return ly_register_table(vm, solve_builtins);
}
