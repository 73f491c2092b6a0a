/*
 * poly.c — sparse multivariate polynomials with rational coefficients
 * (see lys_poly.h): conversion from and to expressions, arithmetic,
 * division, gcd.  Factoring lives in polyfactor.c.
 *
 * Why a representation of our own: expanding (x + y + z)^30 through
 * symbolic Times/Plus builds and sorts thousands of intermediate
 * expressions; here a product is a loop over exponent vectors with a hash
 * table merging like terms, and the canonical Plus is built once.
 */
#include <stdlib.h>
#include <string.h>
#include "lys_poly.h"

/* ---- kernels ---------------------------------------------------------------------------------- */

void lys_vars_init(LysVars *vs, LyVM *vm) { vs->vm = vm; vs->n = vs->cap = 0; vs->v = NULL; vs->inexact = false; }

void lys_vars_free(LysVars *vs) {
    for (size_t i = 0; i < vs->n; i++) ly_unref(vs->vm, vs->v[i]);
    if (vs->v) ly_dealloc(vs->vm, vs->v, vs->cap * sizeof(LyExpr));
    vs->v = NULL; vs->n = vs->cap = 0;
}

int lys_vars_find(const LysVars *vs, LyExpr k) {
    for (size_t i = 0; i < vs->n; i++) if (vs->v[i] == k || ly_equal(vs->v[i], k)) return (int)i;
    return -1;
}

int lys_vars_add(LysVars *vs, LyExpr k) {
    int i = lys_vars_find(vs, k);
    if (i >= 0) return i;
    if (vs->n == vs->cap) {
        size_t nc = vs->cap ? vs->cap * 2 : 8;
        LyExpr *nv = ly_realloc(vs->vm, vs->v, vs->cap * sizeof(LyExpr), nc * sizeof(LyExpr));
        if (!nv) return -1;
        vs->v = nv; vs->cap = nc;
    }
    ly_ref(k);
    vs->v[vs->n] = k;
    return (int)vs->n++;
}

static int order_cmp(const void *a, const void *b) { return ly_order(*(LyExpr const *)a, *(LyExpr const *)b); }
void lys_vars_sort(LysVars *vs, size_t from) {
    if (vs->n > from + 1) qsort(vs->v + from, vs->n - from, sizeof(LyExpr), order_cmp);
}

/* ---- polynomials: storage ----------------------------------------------------------------------- */

void lys_poly_init(LysPoly *p, LyVM *vm, int nv) { p->vm = vm; p->nv = nv; p->n = p->cap = 0; p->c = NULL; p->e = NULL; }

static size_t esize(const LysPoly *p) { return (size_t)(p->nv ? p->nv : 1) * sizeof(int32_t); }

void lys_poly_clear(LysPoly *p) {
    for (size_t i = 0; i < p->n; i++) mpq_clear(p->c[i]);
    if (p->cap) {
        ly_dealloc(p->vm, p->c, p->cap * sizeof(mpq_t));
        ly_dealloc(p->vm, p->e, p->cap * esize(p));
    }
    p->c = NULL; p->e = NULL; p->n = p->cap = 0;
}

void lys_poly_swap(LysPoly *a, LysPoly *b) { LysPoly t = *a; *a = *b; *b = t; }

static bool reserve(LysPoly *p, size_t want) {
    if (want <= p->cap) return true;
    size_t nc = p->cap ? p->cap : 4;
    while (nc < want) nc *= 2;
    /* both new arrays first: out of memory leaves p as it was (shrinking
     * one back after the other failed needs memory too) */
    mpq_t *c = ly_alloc(p->vm, nc * sizeof(mpq_t));
    int32_t *e = c ? ly_alloc(p->vm, nc * esize(p)) : NULL;
    if (!e) {
        if (c) ly_dealloc(p->vm, c, nc * sizeof(mpq_t));
        return false;
    }
    if (p->n) {
        memcpy(c, p->c, p->n * sizeof(mpq_t));      /* GMP values move by copying their struct */
        memcpy(e, p->e, p->n * esize(p));
    }
    if (p->cap) {
        ly_dealloc(p->vm, p->c, p->cap * sizeof(mpq_t));
        ly_dealloc(p->vm, p->e, p->cap * esize(p));
    }
    p->c = c;
    p->e = e;
    p->cap = nc;
    return true;
}

bool lys_poly_push(LysPoly *p, const int32_t *exps, const mpq_t c) {
    if (!reserve(p, p->n + 1)) return false;
    mpq_init(p->c[p->n]);
    mpq_set(p->c[p->n], c);
    int32_t *d = lys_pexp(p, p->n);
    if (exps) memcpy(d, exps, (size_t)p->nv * sizeof(int32_t));
    else memset(d, 0, (size_t)p->nv * sizeof(int32_t));
    p->n++;
    return true;
}

bool lys_poly_copy(LysPoly *dst, const LysPoly *src) {
    lys_poly_clear(dst);
    dst->nv = src->nv;
    if (!reserve(dst, src->n)) return false;
    for (size_t i = 0; i < src->n; i++) { mpq_init(dst->c[i]); mpq_set(dst->c[i], src->c[i]); }
    if (src->n) memcpy(dst->e, src->e, src->n * (size_t)src->nv * sizeof(int32_t));
    dst->n = src->n;
    return true;
}

static int cmp_exps(const int32_t *a, const int32_t *b, int nv) {
    for (int i = 0; i < nv; i++) if (a[i] != b[i]) return a[i] > b[i] ? -1 : 1;
    return 0;
}

static int cmp_idx(const void *x, const void *y, void *ctx) {
    const LysPoly *p = ctx;
    return cmp_exps(lys_pexp(p, *(const size_t *)x), lys_pexp(p, *(const size_t *)y), p->nv);
}

/* Sorts, merges equal exponent vectors and drops zero terms. */
void lys_poly_normalize(LysPoly *p) {
    size_t n = p->n;
    if (n == 0) return;
    size_t *idx = malloc(n * sizeof(size_t));
    mpq_t *c = malloc(n * sizeof(mpq_t));
    int32_t *e = malloc(n * esize(p));
    if (!idx || !c || !e) { free(idx); free(c); free(e); return; }
    for (size_t i = 0; i < n; i++) idx[i] = i;
    qsort_r(idx, n, sizeof(size_t), cmp_idx, p);
    size_t k = 0;
    int nv = p->nv;
    for (size_t j = 0; j < n; j++) {
        size_t i = idx[j];
        if (k > 0 && cmp_exps(e + (k - 1) * (size_t)nv, lys_pexp(p, i), nv) == 0) {
            mpq_add(c[k - 1], c[k - 1], p->c[i]);
            mpq_clear(p->c[i]);
            continue;
        }
        memcpy(c[k], p->c[i], sizeof(mpq_t));     /* move */
        memcpy(e + k * (size_t)nv, lys_pexp(p, i), (size_t)nv * sizeof(int32_t));
        k++;
    }
    size_t m = 0;
    for (size_t i = 0; i < k; i++) {
        if (mpq_sgn(c[i]) == 0) { mpq_clear(c[i]); continue; }
        memcpy(p->c[m], c[i], sizeof(mpq_t));
        memcpy(lys_pexp(p, m), e + i * (size_t)nv, (size_t)nv * sizeof(int32_t));
        m++;
    }
    p->n = m;
    free(idx); free(c); free(e);
}

bool lys_poly_set_q(LysPoly *p, const mpq_t c) {
    lys_poly_clear(p);
    if (mpq_sgn(c) == 0) return true;
    return lys_poly_push(p, NULL, c);
}

bool lys_poly_set_var(LysPoly *p, int v, int32_t k) {
    lys_poly_clear(p);
    mpq_t one;
    mpq_init(one); mpq_set_ui(one, 1, 1);
    bool ok = lys_poly_push(p, NULL, one);
    mpq_clear(one);
    if (ok) lys_pexp(p, 0)[v] = k;
    return ok;
}

bool lys_poly_is_const(const LysPoly *p) {
    if (p->n == 0) return true;
    if (p->n > 1) return false;
    for (int i = 0; i < p->nv; i++) if (p->e[i]) return false;
    return true;
}

bool lys_poly_equal(const LysPoly *a, const LysPoly *b) {
    if (a->n != b->n || a->nv != b->nv) return false;
    for (size_t i = 0; i < a->n; i++)
        if (!mpq_equal(a->c[i], b->c[i]) || cmp_exps(lys_pexp(a, i), lys_pexp(b, i), a->nv)) return false;
    return true;
}

/* ---- arithmetic ---------------------------------------------------------------------------------- */

static bool addsub(LysPoly *r, const LysPoly *a, const LysPoly *b, bool sub) {
    LysPoly t;
    lys_poly_init(&t, a->vm, a->nv);
    if (!reserve(&t, a->n + b->n)) return false;
    size_t i = 0, j = 0;
    int nv = a->nv;
    while (i < a->n || j < b->n) {
        int c = i == a->n ? 1 : j == b->n ? -1 : cmp_exps(lys_pexp(a, i), lys_pexp(b, j), nv);
        mpq_ptr dst = t.c[t.n];
        mpq_init(dst);
        if (c < 0) {
            mpq_set(dst, a->c[i]);
            memcpy(lys_pexp(&t, t.n), lys_pexp(a, i), (size_t)nv * sizeof(int32_t));
            i++;
        } else if (c > 0) {
            if (sub) mpq_neg(dst, b->c[j]); else mpq_set(dst, b->c[j]);
            memcpy(lys_pexp(&t, t.n), lys_pexp(b, j), (size_t)nv * sizeof(int32_t));
            j++;
        } else {
            if (sub) mpq_sub(dst, a->c[i], b->c[j]); else mpq_add(dst, a->c[i], b->c[j]);
            memcpy(lys_pexp(&t, t.n), lys_pexp(a, i), (size_t)nv * sizeof(int32_t));
            i++; j++;
            if (mpq_sgn(dst) == 0) { mpq_clear(dst); continue; }
        }
        t.n++;
    }
    lys_poly_clear(r);
    *r = t;
    return true;
}

bool lys_poly_add(LysPoly *r, const LysPoly *a, const LysPoly *b) { return addsub(r, a, b, false); }
bool lys_poly_sub(LysPoly *r, const LysPoly *a, const LysPoly *b) { return addsub(r, a, b, true); }

static uint64_t hash_exps(const int32_t *e, int nv) {
    uint64_t h = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < nv; i++) { h ^= (uint32_t)e[i]; h *= 0xff51afd7ed558ccdull; h ^= h >> 29; }
    return h;
}

bool lys_poly_mul(LysPoly *r, const LysPoly *a, const LysPoly *b) {
    int nv = a->nv;
    LysPoly t;
    lys_poly_init(&t, a->vm, nv);
    if (a->n == 0 || b->n == 0) { lys_poly_clear(r); *r = t; return true; }
    size_t est = a->n * b->n, cap = 16;
    while (cap < 2 * est && cap < ((size_t)1 << 26)) cap *= 2;
    size_t *tab = malloc(cap * sizeof(size_t));
    int32_t *ex = malloc((size_t)(nv ? nv : 1) * sizeof(int32_t));
    if (!tab || !ex) { free(tab); free(ex); ly_raise_nomem(a->vm); return false; }
    memset(tab, 0xff, cap * sizeof(size_t));
    mpq_t prod;
    mpq_init(prod);
    bool ok = true;
    for (size_t i = 0; i < a->n && ok; i++) {
        const int32_t *ea = lys_pexp(a, i);
        for (size_t j = 0; j < b->n; j++) {
            const int32_t *eb = lys_pexp(b, j);
            for (int k = 0; k < nv; k++) ex[k] = ea[k] + eb[k];
            mpq_mul(prod, a->c[i], b->c[j]);
            size_t h = (size_t)hash_exps(ex, nv) & (cap - 1);
            for (;;) {
                size_t s = tab[h];
                if (s == (size_t)-1) {
                    if (t.n * 2 >= cap) {
                        /* table too full (cap was clamped): fall back to pushing */
                        if (!lys_poly_push(&t, ex, prod)) ok = false;
                        break;
                    }
                    if (!lys_poly_push(&t, ex, prod)) { ok = false; break; }
                    tab[h] = t.n - 1;
                    break;
                }
                if (memcmp(lys_pexp(&t, s), ex, (size_t)nv * sizeof(int32_t)) == 0) {
                    mpq_add(t.c[s], t.c[s], prod);
                    break;
                }
                h = (h + 1) & (cap - 1);
            }
            if (!ok) break;
        }
    }
    mpq_clear(prod);
    free(tab); free(ex);
    if (!ok) { lys_poly_clear(&t); return false; }
    lys_poly_normalize(&t);
    lys_poly_clear(r);
    *r = t;
    return true;
}

bool lys_poly_pow(LysPoly *r, const LysPoly *a, unsigned long n) {
    LysPoly acc, base;
    lys_poly_init(&acc, a->vm, a->nv);
    lys_poly_init(&base, a->vm, a->nv);
    mpq_t one;
    mpq_init(one); mpq_set_ui(one, 1, 1);
    bool ok = lys_poly_push(&acc, NULL, one) && lys_poly_copy(&base, a);
    mpq_clear(one);
    if (a->n <= 16) {
        /* sparse bases: multiplying by the base n times touches fewer terms
         * than squaring ((x+y+z)^30: 30 products of <= 496 x 3 terms) */
        for (unsigned long i = 0; i < n && ok; i++) {
            ok = lys_poly_mul(&acc, &acc, &base);
            if (ok && !ly_safe_point(a->vm)) ok = false;
        }
    } else {
        while (n && ok) {
            if (n & 1) ok = lys_poly_mul(&acc, &acc, &base);
            n >>= 1;
            if (n && ok) ok = lys_poly_mul(&base, &base, &base);
            if (ok && !ly_safe_point(a->vm)) ok = false;
        }
    }
    lys_poly_clear(&base);
    if (!ok) { lys_poly_clear(&acc); return false; }
    lys_poly_clear(r);
    *r = acc;
    return true;
}

void lys_poly_scale(LysPoly *p, const mpq_t c) {
    if (mpq_sgn(c) == 0) { lys_poly_clear(p); return; }
    for (size_t i = 0; i < p->n; i++) mpq_mul(p->c[i], p->c[i], c);
}

void lys_poly_neg(LysPoly *p) { for (size_t i = 0; i < p->n; i++) mpq_neg(p->c[i], p->c[i]); }

/* ---- expressions -> polynomials ------------------------------------------------------------------ */

static LyExpr imag_unit(LyVM *vm) { return ly_own_value(vm, LY_SYM(I)); }

static bool is_plus(LyExpr e) { return ly_head_is(e, LY_SYM(Plus)); }

/* One walk serves both passes: with p == NULL it only collects kernels. */
static bool walk(LysVars *vs, LyExpr e, LysPoly *p, unsigned flags);

static bool kernel(LysVars *vs, LyExpr k, int32_t ex, LysPoly *p) {
    if (!p) return lys_vars_add(vs, k) >= 0;
    int i = lys_vars_find(vs, k);
    if (i < 0 || i >= p->nv) return false;
    return lys_poly_set_var(p, i, ex);
}

static bool walk_number(LysVars *vs, LyExpr e, LysPoly *p) {
    LyVM *vm = vs->vm;
    if (ly_type(e) == LY_TCOMPLEX) {
        LyComplex *z = (LyComplex *)e;
        LyExpr iu = imag_unit(vm);
        if (!iu) return false;
        if (!p) return kernel(vs, iu, 1, NULL);
        LysPoly re, im;
        lys_poly_init(&re, vm, p->nv); lys_poly_init(&im, vm, p->nv);
        bool ok = walk_number(vs, z->re, &re) && walk_number(vs, z->im, &im);
        LysPoly iv;
        lys_poly_init(&iv, vm, p->nv);
        ok = ok && kernel(vs, iu, 1, &iv) && lys_poly_mul(&im, &im, &iv) && lys_poly_add(p, &re, &im);
        lys_poly_clear(&re); lys_poly_clear(&im); lys_poly_clear(&iv);
        return ok;
    }
    if (!p) { if (ly_is_real(e)) vs->inexact = true; return true; }
    mpq_t q;
    if (ly_is_real(e)) {
        vs->inexact = true;
        mpq_init(q);
        mpq_set_d(q, ly_realv(e));
    } else lys_mpq_get(q, e);
    bool ok = lys_poly_set_q(p, q);
    mpq_clear(q);
    return ok;
}

/* Inverts a single-term polynomial; false when p has several terms. */
static bool invert_monomial(LysPoly *p) {
    if (p->n != 1) return false;
    mpq_inv(p->c[0], p->c[0]);
    for (int k = 0; k < p->nv; k++) p->e[k] = -p->e[k];
    return true;
}

static bool walk(LysVars *vs, LyExpr e, LysPoly *p, unsigned flags) {
    LyVM *vm = vs->vm;
    if (ly_is_number(e)) return walk_number(vs, e, p);
    if (!ly_is_normal(e)) return kernel(vs, e, 1, p);
    LyExpr h = ly_nhead(e);
    size_t n = ly_nlen(e);
    if ((h == LY_SYM(Plus) || h == LY_SYM(Times)) && n > 0) {
        if (!p) {
            for (size_t i = 1; i <= n; i++) if (!walk(vs, ly_narg(e, i), NULL, flags)) return false;
            return true;
        }
        LysPoly t;
        lys_poly_init(&t, vm, p->nv);
        bool ok = walk(vs, ly_narg(e, 1), p, flags);
        for (size_t i = 2; i <= n && ok; i++) {
            ok = walk(vs, ly_narg(e, i), &t, flags);
            if (ok) ok = h == LY_SYM(Plus) ? lys_poly_add(p, p, &t) : lys_poly_mul(p, p, &t);
        }
        lys_poly_clear(&t);
        return ok;
    }
    if (h == LY_SYM(Power) && n == 2) {
        LyExpr b = ly_narg(e, 1), x = ly_narg(e, 2);
        int64_t k;
        if (ly_is_small(x) && (k = ly_small(x), k > INT32_MIN / 2 && k < INT32_MAX / 2)) {
            if (k > 0) {
                if (is_plus(b) && (flags & LYS_P_NOEXPAND)) return kernel(vs, e, 1, p);
                if (!p) return walk(vs, b, NULL, flags);
                if (!walk(vs, b, p, flags)) return false;
                if (p->n == 1) {        /* monomial: exponents scale */
                    for (int i = 0; i < p->nv; i++) p->e[i] *= (int32_t)k;
                    mpz_pow_ui(mpq_numref(p->c[0]), mpq_numref(p->c[0]), (unsigned long)k);
                    mpz_pow_ui(mpq_denref(p->c[0]), mpq_denref(p->c[0]), (unsigned long)k);
                    return true;
                }
                return lys_poly_pow(p, p, (unsigned long)k);
            }
            /* negative: a sum stays a kernel 1/(sum) unless the caller
             * handles denominators */
            if (is_plus(b)) {
                if (flags & LYS_P_RATIONAL) return p ? false : walk(vs, b, NULL, flags);
                LyExpr inv = ly_mk(vm, LY_SYM(Power), 2, (ly_ref(b), b), ly_mksmall(-1));
                if (!inv) return false;
                bool ok = kernel(vs, inv, (int32_t)-k, p);
                ly_unref(vm, inv);
                return ok;
            }
            if (!p) return walk(vs, b, NULL, flags);
            if (!walk(vs, b, p, flags) || !invert_monomial(p)) return false;
            if (k != -1) {
                for (int i = 0; i < p->nv; i++) p->e[i] *= (int32_t)-k;
                mpz_pow_ui(mpq_numref(p->c[0]), mpq_numref(p->c[0]), (unsigned long)-k);
                mpz_pow_ui(mpq_denref(p->c[0]), mpq_denref(p->c[0]), (unsigned long)-k);
            }
            return true;
        }
        if (ly_type(x) == LY_TRAT) {
            /* b^(p/q): the kernel b^(1/q) to the p-th power */
            LyRational *r = (LyRational *)x;
            if (ly_is_small(r->num) && ly_is_small(r->den) && ly_small(r->num) > INT32_MIN / 2 &&
                ly_small(r->num) < INT32_MAX / 2) {
                LyExpr kq = ly_mk(vm, LY_SYM(Power), 2, (ly_ref(b), b), ly_rational(vm, 1, ly_small(r->den)));
                if (!kq) return false;
                bool ok = kernel(vs, kq, (int32_t)ly_small(r->num), p);
                ly_unref(vm, kq);
                return ok;
            }
        }
    }
    return kernel(vs, e, 1, p);
}

bool lys_collect_kernels(LysVars *vs, LyExpr e, unsigned flags) { return walk(vs, e, NULL, flags); }

bool lys_expr_to_poly(LysVars *vs, LyExpr e, LysPoly *p, unsigned flags) {
    size_t from = vs->n;
    lys_poly_init(p, vs->vm, 0);
    if (!walk(vs, e, NULL, flags)) return false;
    lys_vars_sort(vs, from);
    if (lys_poly_from_expr(vs, e, p, flags)) return true;
    lys_poly_clear(p);            /* p is the caller's only on success */
    return false;
}

bool lys_poly_from_expr(LysVars *vs, LyExpr e, LysPoly *p, unsigned flags) {
    lys_poly_clear(p);
    p->nv = (int)vs->n;
    return walk(vs, e, p, flags);
}

/* ---- polynomials -> expressions ----------------------------------------------------------------------- */

LyExpr lys_q_to_expr(LyVM *vm, const mpq_t q) { return lys_from_mpq(vm, q); }

static LyExpr coef_expr(const LysVars *vs, mpq_srcptr c) {
    if (vs->inexact) return ly_mkreal(vs->vm, mpq_get_d(c));
    return lys_from_mpq(vs->vm, c);
}

/* Times[c, k1^e1, ...] unevaluated (c omitted when 1). */
static LyExpr term_raw(const LysVars *vs, const LysPoly *p, size_t i) {
    LyVM *vm = vs->vm;
    const int32_t *e = lys_pexp(p, i);
    size_t nf = 0;
    for (int k = 0; k < p->nv; k++) if (e[k]) nf++;
    bool one = mpq_cmp_ui(p->c[i], 1, 1) == 0 && !vs->inexact;
    if (nf == 0) return coef_expr(vs, p->c[i]);
    LyExpr t = ly_mknormal(vm, LY_SYM(Times), nf + (one ? 0 : 1));
    if (!t) return NULL;
    size_t j = 1;
    if (!one) ly_nset(t, j++, coef_expr(vs, p->c[i]));
    for (int k = 0; k < p->nv; k++) {
        if (!e[k]) continue;
        LyExpr v = vs->v[k];
        ly_ref(v);
        ly_nset(t, j++, e[k] == 1 ? v : ly_mk(vm, LY_SYM(Power), 2, v, ly_mksmall(e[k])));
    }
    for (size_t q = 1; q < j; q++) if (!ly_narg(t, q)) { lys_abandon(vm, t, 1); return NULL; }
    if (nf == 1 && one) {
        LyExpr f = ly_narg(t, 1);
        ly_ref(f);
        ly_unref(vm, t);
        return f;
    }
    return t;
}

LyExpr lys_term_to_expr(const LysVars *vs, const LysPoly *p, size_t i) {
    return lys_eval_steal(vs->vm, term_raw(vs, p, i));
}

LyExpr lys_poly_to_expr(const LysVars *vs, const LysPoly *p) {
    LyVM *vm = vs->vm;
    if (p->n == 0) return vs->inexact ? ly_mkreal(vm, 0.0) : ly_mksmall(0);
    if (p->n == 1) return lys_term_to_expr(vs, p, 0);
    LyExpr s = ly_mknormal(vm, LY_SYM(Plus), p->n);
    if (!s) return NULL;
    for (size_t i = 0; i < p->n; i++) {
        LyExpr t = term_raw(vs, p, i);
        if (!t) { lys_abandon(vm, s, i + 1); return NULL; }
        ly_nset(s, i + 1, t);
    }
    return lys_eval_steal(vm, s);
}

/* ---- structure --------------------------------------------------------------------------------------- */

int32_t lys_poly_deg(const LysPoly *p, int v) {
    int32_t d = INT32_MIN;
    for (size_t i = 0; i < p->n; i++) if (lys_pexp(p, i)[v] > d) d = lys_pexp(p, i)[v];
    return d;
}

int32_t lys_poly_lowdeg(const LysPoly *p, int v) {
    int32_t d = INT32_MAX;
    for (size_t i = 0; i < p->n; i++) if (lys_pexp(p, i)[v] < d) d = lys_pexp(p, i)[v];
    return d;
}

bool lys_poly_coeff(LysPoly *r, const LysPoly *p, int v, int32_t k) {
    LysPoly t;
    lys_poly_init(&t, p->vm, p->nv);
    for (size_t i = 0; i < p->n; i++) {
        if (lys_pexp(p, i)[v] != k) continue;
        if (!lys_poly_push(&t, lys_pexp(p, i), p->c[i])) { lys_poly_clear(&t); return false; }
        lys_pexp(&t, t.n - 1)[v] = 0;
    }
    lys_poly_normalize(&t);
    lys_poly_clear(r);
    *r = t;
    return true;
}

bool lys_poly_depends(const LysPoly *p, int v) {
    for (size_t i = 0; i < p->n; i++) if (lys_pexp(p, i)[v]) return true;
    return false;
}

int lys_poly_mainvar(const LysPoly *p) {
    int best = -1;
    for (size_t i = 0; i < p->n; i++)
        for (int k = 0; k < p->nv && (best < 0 || k < best); k++)
            if (lys_pexp(p, i)[k]) { best = k; break; }
    return best;
}

bool lys_poly_has_negative(const LysPoly *p) {
    for (size_t i = 0; i < p->n * (size_t)p->nv; i++) if (p->e[i] < 0) return true;
    return false;
}

bool lys_poly_derivative(LysPoly *r, const LysPoly *p, int v) {
    LysPoly t;
    lys_poly_init(&t, p->vm, p->nv);
    mpq_t c;
    mpq_init(c);
    for (size_t i = 0; i < p->n; i++) {
        int32_t k = lys_pexp(p, i)[v];
        if (!k) continue;
        mpq_set_si(c, k, 1);
        mpq_mul(c, c, p->c[i]);
        if (!lys_poly_push(&t, lys_pexp(p, i), c)) { mpq_clear(c); lys_poly_clear(&t); return false; }
        lys_pexp(&t, t.n - 1)[v] = k - 1;
    }
    mpq_clear(c);
    lys_poly_normalize(&t);
    lys_poly_clear(r);
    *r = t;
    return true;
}

/* ---- division ------------------------------------------------------------------------------------------- */

/* r = a * c x^ex (single term), appended into r (normalised after). */
static bool mul_term(LysPoly *r, const LysPoly *a, mpq_srcptr c, const int32_t *ex) {
    LysPoly t;
    lys_poly_init(&t, a->vm, a->nv);
    if (!reserve(&t, a->n)) return false;
    for (size_t i = 0; i < a->n; i++) {
        mpq_init(t.c[i]);
        mpq_mul(t.c[i], a->c[i], c);
        for (int k = 0; k < a->nv; k++) lys_pexp(&t, i)[k] = lys_pexp(a, i)[k] + ex[k];
    }
    t.n = a->n;   /* adding a fixed vector keeps lex order */
    lys_poly_clear(r);
    *r = t;
    return true;
}

bool lys_poly_divexact(LysPoly *q, const LysPoly *a, const LysPoly *b) {
    if (b->n == 0) return false;
    int nv = a->nv;
    LysPoly r, quo, t;
    lys_poly_init(&r, a->vm, nv); lys_poly_init(&quo, a->vm, nv); lys_poly_init(&t, a->vm, nv);
    if (!lys_poly_copy(&r, a)) return false;
    int32_t ex[nv ? nv : 1];
    mpq_t c;
    mpq_init(c);
    bool ok = true;
    size_t steps = 0;
    while (r.n && ok) {
        const int32_t *er = lys_pexp(&r, 0), *eb = lys_pexp(b, 0);
        for (int k = 0; k < nv; k++) {
            ex[k] = er[k] - eb[k];
            if (ex[k] < 0 && er[k] >= 0) ok = false;
        }
        if (!ok) break;
        mpq_div(c, r.c[0], b->c[0]);
        if (!lys_poly_push(&quo, ex, c) || !mul_term(&t, b, c, ex) || !lys_poly_sub(&r, &r, &t)) { ok = false; break; }
        if ((++steps & 255) == 0 && !ly_safe_point(a->vm)) ok = false;
    }
    mpq_clear(c);
    lys_poly_clear(&r); lys_poly_clear(&t);
    if (!ok) { lys_poly_clear(&quo); return false; }
    lys_poly_normalize(&quo);
    lys_poly_clear(q);
    *q = quo;
    return true;
}

bool lys_poly_divrem(LysPoly *q, LysPoly *rem, const LysPoly *a, const LysPoly *b, int v) {
    if (b->n == 0) return false;
    int nv = a->nv;
    int32_t db = lys_poly_deg(b, v);
    LysPoly lb, r, quo, t, lt;
    lys_poly_init(&lb, a->vm, nv); lys_poly_init(&r, a->vm, nv); lys_poly_init(&quo, a->vm, nv);
    lys_poly_init(&t, a->vm, nv); lys_poly_init(&lt, a->vm, nv);
    bool ok = lys_poly_coeff(&lb, b, v, db) && lys_poly_copy(&r, a);
    if (ok && lb.n != 1) ok = false;          /* leading coefficient must be a monomial */
    int32_t ex[nv ? nv : 1];
    mpq_t c;
    mpq_init(c);
    while (ok && r.n) {
        int32_t dr = lys_poly_deg(&r, v);
        if (dr < db) break;
        if (!lys_poly_coeff(&lt, &r, v, dr)) { ok = false; break; }
        /* lt / lb, term by term; then times v^(dr - db) */
        for (size_t i = 0; i < lt.n && ok; i++) {
            for (int k = 0; k < nv; k++) ex[k] = lys_pexp(&lt, i)[k] - lb.e[k];
            ex[v] += dr - db;
            mpq_div(c, lt.c[i], lb.c[0]);
            ok = lys_poly_push(&quo, ex, c) && mul_term(&t, b, c, ex) && lys_poly_sub(&r, &r, &t);
        }
        if (ok && !ly_safe_point(a->vm)) ok = false;
    }
    mpq_clear(c);
    lys_poly_clear(&lb); lys_poly_clear(&t); lys_poly_clear(&lt);
    if (!ok) { lys_poly_clear(&r); lys_poly_clear(&quo); return false; }
    lys_poly_normalize(&quo);
    if (q) { lys_poly_clear(q); *q = quo; } else lys_poly_clear(&quo);
    if (rem) { lys_poly_clear(rem); *rem = r; } else lys_poly_clear(&r);
    return true;
}

/* ---- gcd ------------------------------------------------------------------------------------------------ */

void lys_poly_primitive(LysPoly *p, mpq_t c) {
    if (p->n == 0) { mpq_set_ui(c, 1, 1); return; }
    mpz_t g, l;
    mpz_init(g); mpz_init_set_ui(l, 1);
    for (size_t i = 0; i < p->n; i++) {
        mpz_gcd(g, g, mpq_numref(p->c[i]));
        mpz_lcm(l, l, mpq_denref(p->c[i]));
    }
    mpq_set_num(c, g);
    mpq_set_den(c, l);
    mpq_canonicalize(c);
    if (mpq_sgn(p->c[0]) < 0) mpq_neg(c, c);
    mpq_t inv;
    mpq_init(inv);
    mpq_inv(inv, c);
    lys_poly_scale(p, inv);
    mpq_clear(inv);
    mpz_clear(g); mpz_clear(l);
}

static void make_primitive(LysPoly *p) { mpq_t c; mpq_init(c); lys_poly_primitive(p, c); mpq_clear(c); }

static bool gcd_rec(LysPoly *g, const LysPoly *a, const LysPoly *b);

/* gcd of the coefficients of p with respect to v */
static bool content_v(LysPoly *c, const LysPoly *p, int v) {
    int32_t lo = lys_poly_lowdeg(p, v), hi = lys_poly_deg(p, v);
    LysPoly t, acc;
    lys_poly_init(&t, p->vm, p->nv); lys_poly_init(&acc, p->vm, p->nv);
    bool ok = true, first = true;
    for (int32_t k = hi; k >= lo && ok; k--) {
        if (!lys_poly_coeff(&t, p, v, k)) { ok = false; break; }
        if (t.n == 0) continue;
        if (first) { ok = lys_poly_copy(&acc, &t); first = false; }
        else ok = gcd_rec(&acc, &acc, &t);
        if (ok && lys_poly_is_const(&acc)) break;
    }
    lys_poly_clear(&t);
    if (!ok) { lys_poly_clear(&acc); return false; }
    make_primitive(&acc);
    lys_poly_clear(c);
    *c = acc;
    return true;
}

/* pseudo remainder of a by b in v (lazy: multiplies by lc(b) each step) */
static bool prem(LysPoly *r, const LysPoly *a, const LysPoly *b, int v) {
    int nv = a->nv;
    int32_t db = lys_poly_deg(b, v);
    LysPoly lb, x, t, lr, rest;
    lys_poly_init(&lb, a->vm, nv); lys_poly_init(&x, a->vm, nv); lys_poly_init(&t, a->vm, nv);
    lys_poly_init(&lr, a->vm, nv); lys_poly_init(&rest, a->vm, nv);
    bool ok = lys_poly_coeff(&lb, b, v, db) && lys_poly_copy(&x, a);
    while (ok && x.n) {
        int32_t dx = lys_poly_deg(&x, v);
        if (dx < db) break;
        ok = lys_poly_coeff(&lr, &x, v, dx) && lys_poly_set_var(&t, v, dx - db) &&
             lys_poly_mul(&lr, &lr, &t) && lys_poly_mul(&t, &lr, b) &&
             lys_poly_mul(&x, &x, &lb) && lys_poly_sub(&x, &x, &t);
        if (ok) make_primitive(&x);
        if (ok && !ly_safe_point(a->vm)) ok = false;
    }
    lys_poly_clear(&lb); lys_poly_clear(&t); lys_poly_clear(&lr); lys_poly_clear(&rest);
    if (!ok) { lys_poly_clear(&x); return false; }
    lys_poly_clear(r);
    *r = x;
    return true;
}

static int common_mainvar(const LysPoly *a, const LysPoly *b) {
    int va = lys_poly_mainvar(a), vb = lys_poly_mainvar(b);
    if (va < 0) return vb;
    if (vb < 0) return va;
    return va < vb ? va : vb;
}

static bool gcd_rec(LysPoly *g, const LysPoly *a, const LysPoly *b) {
    LyVM *vm = a->vm;
    int nv = a->nv;
    if (a->n == 0 || b->n == 0) {
        bool ok = lys_poly_copy(g, a->n ? a : b);
        if (ok) make_primitive(g);
        return ok;
    }
    int v = common_mainvar(a, b);
    mpq_t one;
    mpq_init(one); mpq_set_ui(one, 1, 1);
    if (v < 0 || lys_poly_is_const(a) || lys_poly_is_const(b)) {
        bool ok = lys_poly_set_q(g, one);
        mpq_clear(one);
        return ok;
    }
    mpq_clear(one);
    LysPoly ca, cb, pa, pb, r, cg;
    lys_poly_init(&ca, vm, nv); lys_poly_init(&cb, vm, nv); lys_poly_init(&pa, vm, nv);
    lys_poly_init(&pb, vm, nv); lys_poly_init(&r, vm, nv); lys_poly_init(&cg, vm, nv);
    bool ok;
    if (!lys_poly_depends(a, v)) {
        ok = content_v(&cb, b, v) && gcd_rec(g, a, &cb);
        goto done;
    }
    if (!lys_poly_depends(b, v)) {
        ok = content_v(&ca, a, v) && gcd_rec(g, &ca, b);
        goto done;
    }
    ok = content_v(&ca, a, v) && content_v(&cb, b, v) &&
         lys_poly_divexact(&pa, a, &ca) && lys_poly_divexact(&pb, b, &cb) && gcd_rec(&cg, &ca, &cb);
    if (ok && lys_poly_deg(&pa, v) < lys_poly_deg(&pb, v)) lys_poly_swap(&pa, &pb);
    while (ok && pb.n) {
        ok = prem(&r, &pa, &pb, v);
        if (!ok) break;
        lys_poly_swap(&pa, &pb);
        if (r.n == 0) { lys_poly_clear(&pb); break; }
        if (!lys_poly_depends(&r, v)) {
            /* coprime in v: the gcd is the content part */
            mpq_t o; mpq_init(o); mpq_set_ui(o, 1, 1);
            ok = lys_poly_set_q(&pa, o);
            mpq_clear(o);
            lys_poly_clear(&pb);
            break;
        }
        LysPoly cr;
        lys_poly_init(&cr, vm, nv);
        ok = content_v(&cr, &r, v) && lys_poly_divexact(&pb, &r, &cr);
        lys_poly_clear(&cr);
    }
    if (ok) ok = lys_poly_mul(g, &cg, &pa);
    if (ok) make_primitive(g);
done:
    lys_poly_clear(&ca); lys_poly_clear(&cb); lys_poly_clear(&pa);
    lys_poly_clear(&pb); lys_poly_clear(&r); lys_poly_clear(&cg);
    return ok;
}

bool lys_poly_gcd(LysPoly *g, const LysPoly *a, const LysPoly *b) {
    LysPoly t;
    lys_poly_init(&t, a->vm, a->nv);
    bool ok = gcd_rec(&t, a, b);
    if (!ok) { lys_poly_clear(&t); return false; }
    lys_poly_clear(g);
    *g = t;
    return true;
}
