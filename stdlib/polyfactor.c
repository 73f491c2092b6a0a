/*
 * polyfactor.c — factoring polynomials over the integers (lys_factor).
 *
 * Univariate: content, powers of the variable, square-free decomposition
 * (Yun), then each square-free part by the "big prime" variant of
 * Zassenhaus: choose a prime p larger than twice the Mignotte bound on the
 * coefficients of lc(f) times any factor, factor f mod p (distinct-degree,
 * then Cantor–Zassenhaus equal-degree splitting), and recombine subsets of
 * the modular factors, checking each candidate by exact division over Z.
 * No Hensel lifting is needed because p already bounds the coefficients;
 * the price is arithmetic on numbers of a few hundred bits, which is cheap
 * for the degrees scripts meet.
 *
 * Multivariate: content with respect to each variable (recursively), the
 * common monomial, square-free decomposition in the main variable, and
 * homogeneous bivariate parts by dehomogenising (x^2 - y^2 -> x - y, x + y).
 * Other multivariate square-free parts are left as they are.
 *
 * Scratch arrays of the modular arithmetic use malloc, as GMP does for its
 * limbs; they never outlive a call.
 */
#include <stdlib.h>
#include <string.h>
#include "lys_poly.h"

/* ---- factor lists ------------------------------------------------------------------------------- */

void lys_factors_init(LysFactors *fs) { mpq_init(fs->unit); mpq_set_ui(fs->unit, 1, 1); fs->n = fs->cap = 0; fs->f = NULL; }

void lys_factors_clear(LyVM *vm, LysFactors *fs) {
    for (size_t i = 0; i < fs->n; i++) lys_poly_clear(&fs->f[i].f);
    free(fs->f);
    mpq_clear(fs->unit);
    fs->f = NULL; fs->n = fs->cap = 0;
}

/* Appends f (moved: the caller's f becomes empty) with multiplicity k;
 * merges with an equal factor. */
static bool push_factor(LysFactors *fs, LysPoly *f, long k) {
    for (size_t i = 0; i < fs->n; i++)
        if (lys_poly_equal(&fs->f[i].f, f)) { fs->f[i].k += k; lys_poly_clear(f); return true; }
    if (fs->n == fs->cap) {
        size_t nc = fs->cap ? fs->cap * 2 : 8;
        LysFactor *nf = realloc(fs->f, nc * sizeof(LysFactor));
        if (!nf) return false;
        fs->f = nf; fs->cap = nc;
    }
    fs->f[fs->n].f = *f;
    fs->f[fs->n].k = k;
    fs->n++;
    lys_poly_init(f, f->vm, f->nv);
    return true;
}

/* ---- dense polynomials mod p ------------------------------------------------------------------------- */

typedef struct ZP { int d; int cap; mpz_t *c; } ZP;    /* d = -1 for zero */

static void zp_init(ZP *a, int cap) {
    a->cap = cap < 1 ? 1 : cap;
    a->c = malloc((size_t)a->cap * sizeof(mpz_t));
    for (int i = 0; i < a->cap; i++) mpz_init(a->c[i]);
    a->d = -1;
}
static void zp_clear(ZP *a) { for (int i = 0; i < a->cap; i++) mpz_clear(a->c[i]); free(a->c); a->c = NULL; }
static void zp_grow(ZP *a, int cap) {
    if (cap <= a->cap) return;
    a->c = realloc(a->c, (size_t)cap * sizeof(mpz_t));
    for (int i = a->cap; i < cap; i++) mpz_init(a->c[i]);
    a->cap = cap;
}
static void zp_trim(ZP *a) { while (a->d >= 0 && mpz_sgn(a->c[a->d]) == 0) a->d--; }
static void zp_set(ZP *r, const ZP *a) {
    if (r == a) return;
    zp_grow(r, a->d + 1);
    for (int i = 0; i <= a->d; i++) mpz_set(r->c[i], a->c[i]);
    r->d = a->d;
}
static void zp_swap(ZP *a, ZP *b) { ZP t = *a; *a = *b; *b = t; }

static void zp_mul(ZP *r, const ZP *a, const ZP *b, const mpz_t p) {
    if (a->d < 0 || b->d < 0) { r->d = -1; return; }
    ZP t;
    zp_init(&t, a->d + b->d + 1);
    for (int i = 0; i <= a->d; i++)
        for (int j = 0; j <= b->d; j++) mpz_addmul(t.c[i + j], a->c[i], b->c[j]);
    t.d = a->d + b->d;
    for (int i = 0; i <= t.d; i++) mpz_mod(t.c[i], t.c[i], p);
    zp_trim(&t);
    zp_swap(r, &t);
    zp_clear(&t);
}

/* q, r = a divmod b (q may be NULL). */
static void zp_divrem(ZP *q, ZP *r, const ZP *a, const ZP *b, const mpz_t p) {
    ZP x;
    zp_init(&x, a->d + 1);
    zp_set(&x, a);
    mpz_t inv, f;
    mpz_init(inv); mpz_init(f);
    mpz_invert(inv, b->c[b->d], p);
    if (q) { zp_grow(q, a->d - b->d + 1); q->d = a->d - b->d; for (int i = 0; i <= q->d; i++) mpz_set_ui(q->c[i], 0); }
    for (int k = x.d; k >= b->d; k--) {
        if (mpz_sgn(x.c[k]) == 0) continue;
        mpz_mul(f, x.c[k], inv);
        mpz_mod(f, f, p);
        if (q) mpz_set(q->c[k - b->d], f);
        for (int j = 0; j <= b->d; j++) {
            mpz_submul(x.c[k - b->d + j], f, b->c[j]);
            mpz_mod(x.c[k - b->d + j], x.c[k - b->d + j], p);
        }
    }
    if (x.d >= b->d) x.d = b->d - 1;
    zp_trim(&x);
    if (q) zp_trim(q);
    zp_swap(r, &x);
    zp_clear(&x);
    mpz_clear(inv); mpz_clear(f);
}

static void zp_monic(ZP *a, const mpz_t p) {
    if (a->d < 0) return;
    mpz_t inv;
    mpz_init(inv);
    mpz_invert(inv, a->c[a->d], p);
    for (int i = 0; i <= a->d; i++) { mpz_mul(a->c[i], a->c[i], inv); mpz_mod(a->c[i], a->c[i], p); }
    mpz_clear(inv);
}

static void zp_gcd(ZP *g, const ZP *a, const ZP *b, const mpz_t p) {
    ZP x, y, r;
    zp_init(&x, a->d + 1); zp_init(&y, b->d + 1); zp_init(&r, 1);
    zp_set(&x, a); zp_set(&y, b);
    while (y.d >= 0) {
        zp_divrem(NULL, &r, &x, &y, p);
        zp_swap(&x, &y);
        zp_swap(&y, &r);
    }
    zp_monic(&x, p);
    zp_swap(g, &x);
    zp_clear(&x); zp_clear(&y); zp_clear(&r);
}

/* r = b^e mod f */
static void zp_powmod(ZP *r, const ZP *b, const mpz_t e, const ZP *f, const mpz_t p) {
    ZP acc, base;
    zp_init(&acc, f->d + 1); zp_init(&base, f->d + 1);
    mpz_set_ui(acc.c[0], 1); acc.d = 0;
    zp_divrem(NULL, &base, b, f, p);
    size_t bits = mpz_sizeinbase(e, 2);
    for (size_t i = bits; i-- > 0;) {
        zp_mul(&acc, &acc, &acc, p);
        zp_divrem(NULL, &acc, &acc, f, p);
        if (mpz_tstbit(e, i)) {
            zp_mul(&acc, &acc, &base, p);
            zp_divrem(NULL, &acc, &acc, f, p);
        }
    }
    zp_swap(r, &acc);
    zp_clear(&acc); zp_clear(&base);
}

typedef struct ZList { int n, cap; ZP *f; } ZList;
static void zl_push(ZList *l, ZP *f) {
    if (l->n == l->cap) { l->cap = l->cap ? l->cap * 2 : 8; l->f = realloc(l->f, (size_t)l->cap * sizeof(ZP)); }
    l->f[l->n++] = *f;
    zp_init(f, 1);
}

static uint64_t rng_next(uint64_t *s) {
    *s ^= *s << 13; *s ^= *s >> 7; *s ^= *s << 17;
    return *s;
}

/* Equal-degree splitting of g (monic, a product of irreducibles of degree d). */
static void edf(ZList *out, ZP *g, int d, const mpz_t p, uint64_t *seed) {
    if (g->d <= d) { zl_push(out, g); return; }
    mpz_t e;
    mpz_init(e);
    mpz_pow_ui(e, p, (unsigned long)d);
    mpz_sub_ui(e, e, 1);
    mpz_fdiv_q_2exp(e, e, 1);
    ZP a, b, u, q;
    zp_init(&a, g->d); zp_init(&b, g->d); zp_init(&u, g->d); zp_init(&q, g->d);
    for (int tries = 0; tries < 200; tries++) {
        a.d = g->d - 1;
        for (int i = 0; i <= a.d; i++) { mpz_set_ui(a.c[i], rng_next(seed)); mpz_mod(a.c[i], a.c[i], p); }
        zp_trim(&a);
        if (a.d < 1) continue;
        zp_powmod(&b, &a, e, g, p);
        if (b.d < 0) continue;
        mpz_sub_ui(b.c[0], b.c[0], 1);
        mpz_mod(b.c[0], b.c[0], p);
        zp_trim(&b);
        zp_gcd(&u, g, &b, p);
        if (u.d > 0 && u.d < g->d) {
            zp_divrem(&q, &b, g, &u, p);
            zp_monic(&q, p);
            edf(out, &u, d, p, seed);
            edf(out, &q, d, p, seed);
            break;
        }
    }
    zp_clear(&a); zp_clear(&b); zp_clear(&u); zp_clear(&q);
    mpz_clear(e);
}

/* Factors monic square-free f mod p into irreducibles. */
static void factor_modp(ZList *out, const ZP *f0, const mpz_t p) {
    uint64_t seed = 0x2545F4914F6CDD1Dull;
    ZP f, h, x, t, g;
    zp_init(&f, f0->d + 1); zp_init(&h, f0->d + 1); zp_init(&x, 2); zp_init(&t, f0->d + 1); zp_init(&g, 1);
    zp_set(&f, f0);
    mpz_set_ui(x.c[1], 1); x.d = 1;
    zp_set(&h, &x);
    for (int d = 1; 2 * d <= f.d; d++) {
        zp_powmod(&h, &h, p, &f, p);
        zp_set(&t, &h);
        zp_grow(&t, 2);
        if (t.d < 1) { for (int i = t.d + 1; i <= 1; i++) mpz_set_ui(t.c[i], 0); t.d = 1; }
        mpz_sub_ui(t.c[1], t.c[1], 1);
        mpz_mod(t.c[1], t.c[1], p);
        zp_trim(&t);
        zp_gcd(&g, &f, &t, p);
        if (g.d > 0) {
            ZP q;
            zp_init(&q, f.d + 1);
            zp_divrem(&q, &t, &f, &g, p);
            zp_swap(&f, &q);
            zp_clear(&q);
            zp_monic(&f, p);
            edf(out, &g, d, p, &seed);      /* consumes g when it keeps it whole */
            zp_divrem(NULL, &h, &h, &f, p);
        }
    }
    if (f.d > 0) zl_push(out, &f);
    zp_clear(&f); zp_clear(&h); zp_clear(&x); zp_clear(&t); zp_clear(&g);
}

/* ---- integer polynomials ----------------------------------------------------------------------------- */

/* Exact division over Z: q = a / b, false when b does not divide a. */
static bool z_divexact(ZP *q, const ZP *a, const ZP *b) {
    if (a->d < b->d) return false;
    ZP x;
    zp_init(&x, a->d + 1);
    zp_set(&x, a);
    zp_grow(q, a->d - b->d + 1);
    q->d = a->d - b->d;
    bool ok = true;
    for (int k = x.d; k >= b->d && ok; k--) {
        mpz_ptr qc = q->c[k - b->d];
        if (!mpz_divisible_p(x.c[k], b->c[b->d])) { ok = false; break; }
        mpz_divexact(qc, x.c[k], b->c[b->d]);
        for (int j = 0; j <= b->d; j++) mpz_submul(x.c[k - b->d + j], qc, b->c[j]);
    }
    for (int i = 0; ok && i < b->d && i <= x.d; i++) if (mpz_sgn(x.c[i])) ok = false;
    zp_clear(&x);
    return ok;
}

static void z_primitive(ZP *a) {
    mpz_t g;
    mpz_init(g);
    for (int i = 0; i <= a->d; i++) mpz_gcd(g, g, a->c[i]);
    if (a->d >= 0 && mpz_sgn(a->c[a->d]) < 0) mpz_neg(g, g);
    if (mpz_sgn(g)) for (int i = 0; i <= a->d; i++) mpz_divexact(a->c[i], a->c[i], g);
    mpz_clear(g);
}

/* Square-free primitive f (positive leading coefficient) into irreducibles over Z. */
static void factor_sqfree_z(ZList *out, const ZP *f0) {
    if (f0->d <= 1) { ZP c; zp_init(&c, f0->d + 1); zp_set(&c, f0); zl_push(out, &c); zp_clear(&c); return; }
    int n = f0->d;
    mpz_t norm, bound, p, lc;
    mpz_init(norm); mpz_init(bound); mpz_init(p); mpz_init_set(lc, f0->c[n]);
    for (int i = 0; i <= n; i++) mpz_addmul(norm, f0->c[i], f0->c[i]);
    mpz_sqrt(norm, norm);
    mpz_add_ui(norm, norm, 1);
    mpz_mul_2exp(bound, norm, (mp_bitcnt_t)n);
    mpz_mul(bound, bound, lc);
    mpz_abs(bound, bound);
    mpz_mul_2exp(p, bound, 1);
    ZP fm, df, g;
    zp_init(&fm, n + 1); zp_init(&df, n); zp_init(&g, 1);
    for (;;) {
        mpz_nextprime(p, p);
        for (int i = 0; i <= n; i++) mpz_mod(fm.c[i], f0->c[i], p);
        fm.d = n;
        for (int i = 1; i <= n; i++) { mpz_mul_ui(df.c[i - 1], fm.c[i], (unsigned long)i); mpz_mod(df.c[i - 1], df.c[i - 1], p); }
        df.d = n - 1;
        zp_trim(&df);
        zp_gcd(&g, &fm, &df, p);
        if (g.d == 0) break;
    }
    zp_monic(&fm, p);
    ZList mods = { 0, 0, NULL };
    factor_modp(&mods, &fm, p);

    ZP F, G, Q;
    zp_init(&F, n + 1); zp_init(&G, n + 1); zp_init(&Q, n + 1);
    zp_set(&F, f0);
    int r = mods.n;
    bool *used = calloc((size_t)r + 1, sizeof(bool));
    int *idx = malloc(((size_t)r + 1) * sizeof(int));
    mpz_t half;
    mpz_init(half);
    mpz_fdiv_q_2exp(half, p, 1);
    int left = r;
    for (int s = 1; 2 * s <= left; ) {
        /* enumerate s-subsets of the unused factors */
        int avail[r + 1], na = 0;
        for (int i = 0; i < r; i++) if (!used[i]) avail[na++] = i;
        for (int i = 0; i < s; i++) idx[i] = i;
        bool found = false;
        for (;;) {
            /* G = lc(F) prod u mod p, symmetric */
            zp_grow(&G, 1);
            mpz_mod(G.c[0], F.c[F.d], p); G.d = 0;
            for (int i = 0; i < s; i++) zp_mul(&G, &G, &mods.f[avail[idx[i]]], p);
            for (int i = 0; i <= G.d; i++) if (mpz_cmp(G.c[i], half) > 0) mpz_sub(G.c[i], G.c[i], p);
            z_primitive(&G);
            if (z_divexact(&Q, &F, &G)) {
                ZP c; zp_init(&c, G.d + 1); zp_set(&c, &G); zl_push(out, &c); zp_clear(&c);
                zp_swap(&F, &Q);
                for (int i = 0; i < s; i++) used[avail[idx[i]]] = true;
                left -= s;
                found = true;
                break;
            }
            int k = s - 1;
            while (k >= 0 && idx[k] == na - s + k) k--;
            if (k < 0) break;
            idx[k]++;
            for (int j = k + 1; j < s; j++) idx[j] = idx[j - 1] + 1;
        }
        if (!found) s++;
    }
    if (F.d > 0) { z_primitive(&F); zl_push(out, &F); }
    free(used); free(idx);
    for (int i = 0; i < mods.n; i++) zp_clear(&mods.f[i]);
    free(mods.f);
    zp_clear(&F); zp_clear(&G); zp_clear(&Q);
    zp_clear(&fm); zp_clear(&df); zp_clear(&g);
    mpz_clear(norm); mpz_clear(bound); mpz_clear(p); mpz_clear(lc); mpz_clear(half);
}

/* ---- glue ---------------------------------------------------------------------------------------- */

static bool to_dense(ZP *z, const LysPoly *p, int v) {
    int32_t d = lys_poly_deg(p, v);
    zp_init(z, d + 1);
    z->d = d;
    for (size_t i = 0; i < p->n; i++) {
        if (mpz_cmp_ui(mpq_denref(p->c[i]), 1) != 0) return false;
        mpz_set(z->c[lys_pexp(p, i)[v]], mpq_numref(p->c[i]));
    }
    return true;
}

static bool from_dense(LysPoly *p, const ZP *z, int v) {
    lys_poly_clear(p);
    int32_t ex[p->nv ? p->nv : 1];
    memset(ex, 0, sizeof ex);
    mpq_t c;
    mpq_init(c);
    bool ok = true;
    for (int i = z->d; i >= 0 && ok; i--) {
        if (mpz_sgn(z->c[i]) == 0) continue;
        mpq_set_z(c, z->c[i]);
        ex[v] = i;
        ok = lys_poly_push(p, ex, c);
    }
    mpq_clear(c);
    lys_poly_normalize(p);
    return ok;
}

/* Univariate primitive square-free f in v: its irreducible factors, each pushed with k. */
static bool factor_univariate(LysFactors *fs, const LysPoly *f, int v, long k) {
    ZP z;
    if (!to_dense(&z, f, v)) { zp_clear(&z); return false; }
    ZList out = { 0, 0, NULL };
    factor_sqfree_z(&out, &z);
    zp_clear(&z);
    bool ok = true;
    for (int i = 0; i < out.n; i++) {
        LysPoly g;
        lys_poly_init(&g, f->vm, f->nv);
        if (ok) ok = from_dense(&g, &out.f[i], v) && push_factor(fs, &g, k);
        lys_poly_clear(&g);
        zp_clear(&out.f[i]);
    }
    free(out.f);
    return ok;
}

static int nvars_present(const LysPoly *p, int *which) {
    int c = 0;
    for (int k = 0; k < p->nv; k++) if (lys_poly_depends(p, k)) { if (c < 2 && which) which[c] = k; c++; }
    return c;
}

static bool is_homogeneous(const LysPoly *p, int a, int b, int32_t *deg) {
    for (size_t i = 0; i < p->n; i++) {
        int32_t d = lys_pexp(p, i)[a] + lys_pexp(p, i)[b];
        if (i == 0) *deg = d; else if (d != *deg) return false;
    }
    return true;
}

static bool factor_sqfree(LysFactors *fs, const LysPoly *f, long k);

/* Homogeneous in x_a, x_b: factor f(x_a, 1) and homogenise back. */
static bool factor_homogeneous(LysFactors *fs, const LysPoly *f, int a, int b, int32_t deg, long k) {
    LysPoly u;
    lys_poly_init(&u, f->vm, f->nv);
    if (!lys_poly_copy(&u, f)) return false;
    for (size_t i = 0; i < u.n; i++) lys_pexp(&u, i)[b] = 0;
    lys_poly_normalize(&u);
    LysFactors sub;
    lys_factors_init(&sub);
    bool ok = factor_univariate(&sub, &u, a, 1);
    int32_t used = 0;
    for (size_t i = 0; ok && i < sub.n; i++) {
        LysPoly *g = &sub.f[i].f;
        int32_t dg = lys_poly_deg(g, a);
        for (size_t j = 0; j < g->n; j++) lys_pexp(g, j)[b] = dg - lys_pexp(g, j)[a];
        lys_poly_normalize(g);
        mpq_t c; mpq_init(c); lys_poly_primitive(g, c); mpq_clear(c);
        used += dg * (int32_t)sub.f[i].k;
        ok = push_factor(fs, g, k * sub.f[i].k);
    }
    if (ok && deg > used) {
        LysPoly y;
        lys_poly_init(&y, f->vm, f->nv);
        ok = lys_poly_set_var(&y, b, 1) && push_factor(fs, &y, k * (deg - used));
        lys_poly_clear(&y);
    }
    lys_factors_clear(f->vm, &sub);
    lys_poly_clear(&u);
    return ok;
}

/* f primitive, no monomial factor, square-free. */
static bool factor_sqfree(LysFactors *fs, const LysPoly *f, long k) {
    int which[2];
    int nvp = nvars_present(f, which);
    if (nvp == 0) return true;
    if (nvp == 1) return factor_univariate(fs, f, which[0], k);
    int32_t deg = 0;
    if (nvp == 2 && is_homogeneous(f, which[0], which[1], &deg)) return factor_homogeneous(fs, f, which[0], which[1], deg, k);
    LysPoly c;
    lys_poly_init(&c, f->vm, f->nv);
    bool ok = lys_poly_copy(&c, f) && push_factor(fs, &c, k);
    lys_poly_clear(&c);
    return ok;
}

/* Yun's square-free decomposition of primitive f in its main variable v,
 * then each part factored. */
static bool yun(LysFactors *fs, const LysPoly *f, int v, bool full) {
    LyVM *vm = f->vm;
    int nv = f->nv;
    LysPoly a, b, c, d, g, t;
    lys_poly_init(&a, vm, nv); lys_poly_init(&b, vm, nv); lys_poly_init(&c, vm, nv);
    lys_poly_init(&d, vm, nv); lys_poly_init(&g, vm, nv); lys_poly_init(&t, vm, nv);
    bool ok = lys_poly_derivative(&d, f, v) && lys_poly_gcd(&a, f, &d) &&
              lys_poly_divexact(&b, f, &a) && lys_poly_divexact(&c, &d, &a);
    long i = 1;
    while (ok && !lys_poly_is_const(&b)) {
        /* d = c - b'; g = gcd(b, d) is the part of multiplicity i */
        ok = lys_poly_derivative(&t, &b, v) && lys_poly_sub(&d, &c, &t) && lys_poly_gcd(&g, &b, &d);
        if (!ok) break;
        if (!lys_poly_is_const(&g)) {
            if (full) ok = factor_sqfree(fs, &g, i);
            else { LysPoly m; lys_poly_init(&m, vm, nv); ok = lys_poly_copy(&m, &g) && push_factor(fs, &m, i); lys_poly_clear(&m); }
        }
        if (!ok) break;
        ok = lys_poly_divexact(&t, &b, &g) && lys_poly_divexact(&c, &d, &g);
        lys_poly_swap(&b, &t);
        i++;
        if (ok && !ly_safe_point(vm)) ok = false;
    }
    lys_poly_clear(&a); lys_poly_clear(&b); lys_poly_clear(&c);
    lys_poly_clear(&d); lys_poly_clear(&g); lys_poly_clear(&t);
    return ok;
}

static bool factor_rec(LysFactors *fs, const LysPoly *p, bool full) {
    LyVM *vm = p->vm;
    int nv = p->nv;
    LysPoly f, m;
    lys_poly_init(&f, vm, nv); lys_poly_init(&m, vm, nv);
    if (!lys_poly_copy(&f, p)) return false;
    mpq_t c;
    mpq_init(c);
    lys_poly_primitive(&f, c);
    mpq_mul(fs->unit, fs->unit, c);
    mpq_clear(c);
    bool ok = true;
    /* monomial factors (negative ones too: Laurent polynomials) */
    for (int v = 0; v < nv && ok; v++) {
        int32_t lo = lys_poly_lowdeg(&f, v);
        if (lo == 0 || f.n == 0) continue;
        for (size_t i = 0; i < f.n; i++) lys_pexp(&f, i)[v] -= lo;
        ok = lys_poly_set_var(&m, v, 1) && push_factor(fs, &m, lo);
    }
    int v = lys_poly_mainvar(&f);
    if (ok && v >= 0) {
        /* content with respect to each variable in turn */
        int which[2];
        if (nvars_present(&f, which) > 1) {
            for (int w = 0; w < nv && ok; w++) {
                if (!lys_poly_depends(&f, w)) continue;
                LysPoly cnt, rest;
                lys_poly_init(&cnt, vm, nv); lys_poly_init(&rest, vm, nv);
                /* content wrt w: gcd of the coefficients of the powers of w */
                int32_t hi = lys_poly_deg(&f, w);
                LysPoly t;
                lys_poly_init(&t, vm, nv);
                bool first = true;
                for (int32_t k = hi; k >= 0 && ok; k--) {
                    ok = lys_poly_coeff(&t, &f, w, k);
                    if (!ok || t.n == 0) continue;
                    if (first) { ok = lys_poly_copy(&cnt, &t); first = false; }
                    else ok = lys_poly_gcd(&cnt, &cnt, &t);
                }
                lys_poly_clear(&t);
                if (ok && !lys_poly_is_const(&cnt)) {
                    mpq_t q; mpq_init(q); lys_poly_primitive(&cnt, q); mpq_clear(q);
                    ok = lys_poly_divexact(&rest, &f, &cnt) && factor_rec(fs, &cnt, full);
                    if (ok) lys_poly_swap(&f, &rest);
                }
                lys_poly_clear(&cnt); lys_poly_clear(&rest);
            }
            v = lys_poly_mainvar(&f);
        }
        if (ok && v >= 0) {
            mpq_t q; mpq_init(q); lys_poly_primitive(&f, q); mpq_mul(fs->unit, fs->unit, q); mpq_clear(q);
            ok = yun(fs, &f, v, full);
        }
    }
    lys_poly_clear(&f); lys_poly_clear(&m);
    return ok;
}

bool lys_factor(LysFactors *fs, const LysPoly *p) {
    if (p->n == 0) { mpq_set_ui(fs->unit, 0, 1); return true; }
    return factor_rec(fs, p, true);
}

bool lys_factor_squarefree(LysFactors *fs, const LysPoly *p) {
    if (p->n == 0) { mpq_set_ui(fs->unit, 0, 1); return true; }
    return factor_rec(fs, p, false);
}
