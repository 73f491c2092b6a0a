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

typedef struct Root { LyExpr e; double re, im; } Root;

static int root_cmp(const void *a, const void *b) {
    const Root *x = a, *y = b;
    if (x->re != y->re) return x->re < y->re ? -1 : 1;
    if (x->im != y->im) return x->im < y->im ? -1 : 1;
    return 0;
}

static bool push_root(LyVM *vm, Root *roots, size_t *n, size_t cap, LyExpr r) {
    if (!r || *n >= cap) { ly_unref(vm, r); return false; }
    double _Complex z = 0;
    lys_nvalue(vm, r, &z);
    roots[*n].e = r; roots[*n].re = creal(z); roots[*n].im = cimag(z);
    (*n)++;
    return true;
}

static LyExpr coef(LyVM *vm, const LysPoly *f, int32_t k) {
    for (size_t i = 0; i < f->n; i++) if (lys_pexp(f, i)[0] == k) return lys_from_mpq(vm, f->c[i]);
    return ly_mksmall(0);
}

static LyExpr solve_poly(LyVM *vm, LyExpr p, LyExpr x) {
    LysVars vs;
    lys_vars_init(&vs, vm);
    LysPoly f;
    LyExpr res = NULL;
    if (lys_vars_add(&vs, x) < 0 || !lys_expr_to_poly(&vs, p, &f, 0)) { lys_vars_free(&vs); return NULL; }
    bool ok = vs.n == 1 && !lys_poly_has_negative(&f) && !vs.inexact;
    if (ok && f.n == 0) { res = ly_mk(vm, LY_SYM(List), 1, ly_list(vm, 0, NULL)); goto out; }
    if (ok && lys_poly_is_const(&f)) { res = ly_list(vm, 0, NULL); goto out; }
    if (ok) {
        LysFactors fs;
        lys_factors_init(&fs);
        size_t cap = (size_t)lys_poly_deg(&f, 0) + 1, nr = 0;
        Root *roots = calloc(cap, sizeof(Root));
        ok = lys_factor(&fs, &f);
        for (size_t i = 0; ok && i < fs.n; i++) {
            LysPoly *g = &fs.f[i].f;
            int32_t d = lys_poly_deg(g, 0);
            for (long m = 0; ok && m < fs.f[i].k; m++) {
                if (d == 1) {
                    LyExpr c0 = coef(vm, g, 0), c1 = coef(vm, g, 1);
                    LyExpr r = c0 && c1 ? ly_num_div(vm, c0, c1) : NULL;
                    ly_unref(vm, c0); ly_unref(vm, c1);
                    ok = push_root(vm, roots, &nr, cap, r ? ly_num_neg(vm, r) : NULL);
                    ly_unref(vm, r);
                } else if (d == 2) {
                    LyExpr a = coef(vm, g, 2), b = coef(vm, g, 1), c = coef(vm, g, 0);
                    for (int s = -1; ok && s <= 1; s += 2) {
                        LyExpr disc = ly_mk(vm, LY_SYM(Plus), 2, ly_mk(vm, LY_SYM(Power), 2, ref(b), ly_mksmall(2)),
                                            ly_mk(vm, LY_SYM(Times), 3, ly_mksmall(-4), ref(a), ref(c)));
                        LyExpr r = ly_mk(vm, LY_SYM(Times), 2,
                                         ly_mk(vm, LY_SYM(Power), 2, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(2), ref(a)), ly_mksmall(-1)),
                                         ly_mk(vm, LY_SYM(Plus), 2, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ref(b)),
                                               ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(s), ly_mk(vm, LY_SYM(Power), 2, disc, ly_rational(vm, 1, 2)))));
                        ok = push_root(vm, roots, &nr, cap, lys_eval_steal(vm, r));
                    }
                    ly_unref(vm, a); ly_unref(vm, b); ly_unref(vm, c);
                } else if (g->n == 2 && d > 2) {
                    /* a x^d + c: the d roots c' (-1)^(2k/d)... as (-c/a)^(1/d) times roots of unity */
                    LyExpr a = coef(vm, g, d), c = coef(vm, g, 0);
                    LyExpr q = ly_num_div(vm, c, a);
                    LyExpr mq = q ? ly_num_neg(vm, q) : NULL;
                    ly_unref(vm, q); ly_unref(vm, a); ly_unref(vm, c);
                    for (int32_t k = 0; ok && mq && k < d; k++) {
                        LyExpr r = ly_mk(vm, LY_SYM(Times), 2, ly_mk(vm, LY_SYM(Power), 2, ref(mq), ly_rational(vm, 1, d)),
                                         ly_mk(vm, LY_SYM(Power), 2, ly_mksmall(-1), ly_rational(vm, 2 * k, d)));
                        ok = push_root(vm, roots, &nr, cap, lys_eval_steal(vm, r));
                    }
                    ly_unref(vm, mq);
                    if (!mq) ok = false;
                } else ok = false;     /* irreducible cubics and beyond: no radicals here */
            }
        }
        if (ok) {
            qsort(roots, nr, sizeof(Root), root_cmp);
            LyExpr l = ly_mknormal(vm, LY_SYM(List), nr);
            bool built = l != NULL;
            for (size_t i = 0; l && i < nr; i++) {
                lys_nset_ok(l, i + 1, ly_mk(vm, LY_SYM(List), 1, rule(vm, x, roots[i].e)), &built);
                roots[i].e = NULL;
            }
            if (!built) { ly_unref(vm, l); l = NULL; }
            res = l;
        }
        for (size_t i = 0; i < nr; i++) ly_unref(vm, roots[i].e);
        free(roots);
        lys_factors_clear(vm, &fs);
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

/* a x + b == 0 with symbolic a, b */
static LyExpr solve_linear_symbolic(LyVM *vm, LyExpr p, LyExpr x) {
    LyExpr d = lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "Exponent"), 2, ref(p), ref(x)));
    bool lin = d && ly_is_small(d) && ly_small(d) == 1;
    ly_unref(vm, d);
    if (!lin) return NULL;
    LyExpr a = lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "Coefficient"), 3, ref(p), ref(x), ly_mksmall(1)));
    LyExpr b = lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "Coefficient"), 3, ref(p), ref(x), ly_mksmall(0)));
    if (!a || !b || !lys_free_of(a, x) || !lys_free_of(b, x)) { ly_unref(vm, a); ly_unref(vm, b); return NULL; }
    LyExpr v = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 3, ly_mksmall(-1), b, ly_mk(vm, LY_SYM(Power), 2, a, ly_mksmall(-1))));
    if (!v) return NULL;
    LyExpr r = ly_mk(vm, LY_SYM(List), 1, ly_mk(vm, LY_SYM(List), 1, rule(vm, x, v)));
    return r;
}

static LyExpr b_solve(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 3)) return NULL;
    LyExpr eqs = ly_narg(e, 1), xs = ly_narg(e, 2);
    if (eqs == LY_SYM(True)) return ly_mk(vm, LY_SYM(List), 1, ly_list(vm, 0, NULL));
    if (eqs == LY_SYM(False)) return ly_list(vm, 0, NULL);
    LyExpr ps = differences(vm, eqs);
    if (!ps) return NULL;
    /* numerators only: x/(x + 1) == 0 */
    for (size_t i = 1; i <= ly_nlen(ps); i++) {
        LyExpr t = lys_together(vm, ly_narg(ps, i));
        LyExpr num = NULL, den = NULL;
        if (t) lys_numden(vm, t, &num, &den);
        ly_unref(vm, t); ly_unref(vm, den);
        if (!num) { ly_unref(vm, ps); return NULL; }
        ly_unref(vm, ly_narg(ps, i));
        ly_nset(ps, i, num);
    }
    LyExpr xl = ly_head_is(xs, LY_SYM(List)) ? ref(xs) : ly_list(vm, 1, &xs);
    if (!xl) { ly_unref(vm, ps); return NULL; }
    LyExpr res = NULL;
    if (ly_nlen(ps) == 1 && ly_nlen(xl) == 1) {
        res = solve_poly(vm, ly_narg(ps, 1), ly_narg(xl, 1));
        if (!res && !ly_unwinding(vm)) res = solve_linear_symbolic(vm, ly_narg(ps, 1), ly_narg(xl, 1));
    } else res = solve_linear(vm, ps, xl);
    ly_unref(vm, ps); ly_unref(vm, xl);
    return res;
}

static const LyBuiltin solve_builtins[] = {
    { "Solve", b_solve, "Protected", "Solve[expr, vars] attempts to solve the system expr of equations or inequalities for the variables vars." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_solve(LyVM *vm);
LyStatus lys_open_solve(LyVM *vm) {
    ly_set_message(vm, "Solve", "svars", "Equations may not give solutions for all \"solve\" variables.");
    return ly_register_table(vm, solve_builtins);
}
