/*
 * numtheory.c — primes and factoring: PrimeQ, PrimePi, NextPrime,
 * FactorInteger, Divisors, DivisorSigma, EulerPhi, MoebiusMu, PowerMod,
 * ExtendedGCD, ChineseRemainder; IntegerDigits, IntegerLength,
 * IntegerExponent, FromDigits; BitAnd, BitOr, BitXor, BitNot, BitShiftLeft,
 * BitShiftRight, BitLength.  Written against lyra.h + lyra_ext.h (and
 * GMP).
 *
 * PrimeQ below 2^64 is a deterministic Miller-Rabin test (trial division,
 * then bases 2, 7, 61 below 2^32 and the seven bases of Jim Sinclair below
 * 2^64) in 128-bit machine arithmetic; above, GMP's mpz_probab_prime_p with
 * 25 reps, which since GMP 6.2 is a Baillie-PSW test (no known
 * counterexample) plus one random-base Miller-Rabin round.  The evaluator
 * hands PrimeQ whole packed arrays (vm/extapi_lists.c), so PrimeQ[Range[n]]
 * is one loop.
 *
 * FactorInteger: trial division by the primes below 2^14, then for each
 * composite cofactor: perfect powers by mpz_perfect_power_p, Pollard rho
 * with Brent's cycle finding and batched gcds (in machine words below 2^64),
 * and the elliptic curve method (Montgomery curves in Suyama's
 * parametrisation, Montgomery-ladder stage 1, the standard continuation of
 * Crandall & Pomerance, Algorithm 7.4.4, for stage 2) with B1 rising along
 * GMP-ECM's table, so 20-25 digit factors come out in seconds.
 *
 * PrimePi is Lucy Hedgehog's O(n^(3/4)) prime-counting recurrence over the
 * values floor(n/k): a few milliseconds at 10^10.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lys_data.h"

typedef unsigned __int128 u128;

/* ---- machine-word primality ------------------------------------------------------------------ */

static uint64_t mulmod64(uint64_t a, uint64_t b, uint64_t m) { return (uint64_t)((u128)a * b % m); }

static uint64_t powmod64(uint64_t a, uint64_t e, uint64_t m) {
    uint64_t r = 1 % m;
    a %= m;
    while (e) {
        if (e & 1) r = mulmod64(r, a, m);
        a = mulmod64(a, a, m);
        e >>= 1;
    }
    return r;
}

/* One strong-probable-prime round to base a (n odd, n > 3). */
static bool sprp64(uint64_t n, uint64_t a) {
    a %= n;
    if (a == 0) return true;
    uint64_t d = n - 1;
    int s = __builtin_ctzll(d);
    d >>= s;
    uint64_t x;
    if (n < (1ULL << 32)) {
        /* products fit 64 bits */
        x = 1;
        uint64_t b = a, e = d;
        while (e) { if (e & 1) x = x * b % n; b = b * b % n; e >>= 1; }
        if (x == 1 || x == n - 1) return true;
        for (int i = 1; i < s; i++) { x = x * x % n; if (x == n - 1) return true; if (x == 1) return false; }
        return false;
    }
    x = powmod64(a, d, n);
    if (x == 1 || x == n - 1) return true;
    for (int i = 1; i < s; i++) {
        x = mulmod64(x, x, n);
        if (x == n - 1) return true;
        if (x == 1) return false;
    }
    return false;
}

static const uint8_t small_primes[] = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71 };

bool lys_prime_u64(uint64_t n) {
    if (n < 2) return false;
    for (size_t i = 0; i < sizeof small_primes; i++) {
        uint64_t p = small_primes[i];
        if (n == p) return true;
        if (n % p == 0) return false;
    }
    if (n < 73 * 73) return true;
    if (n < (1ULL << 32)) return sprp64(n, 2) && sprp64(n, 7) && sprp64(n, 61);
    static const uint64_t bases[] = { 2, 325, 9375, 28178, 450775, 9780504, 1795265022 };
    for (size_t i = 0; i < 7; i++) if (!sprp64(n, bases[i])) return false;
    return true;
}

bool lys_prime_mpz(const mpz_t z) {
    if (mpz_sgn(z) < 0) {
        mpz_t a;
        mpz_init(a);
        mpz_abs(a, z);
        bool r = lys_prime_mpz(a);
        mpz_clear(a);
        return r;
    }
    if (mpz_fits_ulong_p(z)) return lys_prime_u64(mpz_get_ui(z));
    return mpz_probab_prime_p(z, 25) > 0;
}

static bool primeq_expr(LyExpr x) {
    if (ly_is_small(x)) {
        int64_t v = ly_small(x);
        return lys_prime_u64(v < 0 ? (uint64_t)-v : (uint64_t)v);
    }
    if (ly_type(x) != LY_TBIG) return false;
    mpz_t z;
    lys_mpz_get(z, x);
    bool r = lys_prime_mpz(z);
    mpz_clear(z);
    return r;
}

static LyExpr b_primeq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_is_packed(x)) {
        /* the whole array at once (offered by the evaluator's Listable
         * threading): one list of True/False */
        LyPacked *p = ly_packed(x);
        if (p->h.aux != 1) return NULL;
        LyExpr out = ly_mknormal(vm, LY_SYM(List), p->len);
        if (!out) return NULL;
        if (p->h.flags == LY_PACKED_REAL) { for (size_t i = 1; i <= p->len; i++) ly_nset(out, i, LY_SYM(False)); return out; }
        const int64_t *d = p->data;
        uint64_t top = 0;
        for (size_t i = 0; i < p->len; i++) {
            uint64_t v = d[i] < 0 ? -(uint64_t)d[i] : (uint64_t)d[i];
            top = v > top ? v : top;
        }
        if (top < ((uint64_t)1 << 32) && top / 64 <= p->len + 4096) {
            /* dense small values (PrimeQ[Range[n]]): one sieve up to the largest */
            size_t np = 0, bytes = 0, sb = (size_t)(top / 16 + 1);
            uint8_t *comp = ly_alloc(vm, sb);              /* bit i: 2i + 1 is composite */
            if (!comp) { lys_abandon(vm, out, 1); return ly_raise_nomem(vm); }
            memset(comp, 0, sb);
            comp[0] = 1;                                   /* 1 */
            for (uint64_t q = 3; q * q <= top; q += 2)
                if (!(comp[q / 16] & (1u << ((q / 2) & 7))))
                    for (uint64_t j = q * q; j <= top; j += 2 * q) comp[j / 16] |= (uint8_t)(1u << ((j / 2) & 7));
            for (size_t i = 0; i < p->len; i++) {
                uint64_t v = d[i] < 0 ? -(uint64_t)d[i] : (uint64_t)d[i];
                bool pr = v == 2 || ((v & 1) && !(comp[v / 16] & (1u << ((v / 2) & 7))));
                ly_nset(out, i + 1, lys_bool(pr));
            }
            ly_dealloc(vm, comp, sb);
            (void)np; (void)bytes;
            return out;
        }
        for (size_t i = 0; i < p->len; i++) {
            uint64_t v = d[i] < 0 ? -(uint64_t)d[i] : (uint64_t)d[i];
            ly_nset(out, i + 1, lys_bool(lys_prime_u64(v)));
            if ((i & 0xFFFF) == 0xFFFF && !ly_safe_point(vm)) { lys_abandon(vm, out, i + 2); return NULL; }
        }
        return out;
    }
    if (ly_type(x) == LY_TBIG) {
        /* big ones in steps with safe points (bigint.c) */
        mpz_t z;
        lys_mpz_get(z, x);
        int r = lys_prime_big(vm, z);
        mpz_clear(z);
        return r < 0 ? NULL : lys_bool(r);
    }
    return lys_bool(primeq_expr(x));
}

/* ---- small-prime sieve ----------------------------------------------------------------------- */

/* The primes below lim (lim >= 3) in a fresh array of *bytes bytes (*np
 * of them), from an odd-only bit sieve. */
static uint32_t *primes_below(LyVM *vm, uint32_t lim, size_t *np, size_t *bytes) {
    size_t bits = lim / 2 + 1, sb = bits / 8 + 1;
    uint8_t *s = ly_alloc(vm, sb);                /* bit i: 2i + 1 is composite */
    if (!s) return NULL;
    memset(s, 0, sb);
    for (size_t i = 1; (2 * i + 1) * (2 * i + 1) < lim; i++)
        if (!(s[i >> 3] & (1u << (i & 7))))
            for (size_t j = (2 * i + 1) * (2 * i + 1) / 2; j < bits; j += 2 * i + 1) s[j >> 3] |= (uint8_t)(1u << (j & 7));
    size_t n = 1;
    for (size_t i = 1; 2 * i + 1 < lim; i++) n += !(s[i >> 3] & (1u << (i & 7)));
    *bytes = n * sizeof(uint32_t);
    uint32_t *p = ly_alloc(vm, *bytes);
    if (p) {
        p[0] = 2;
        n = 1;
        for (size_t i = 1; 2 * i + 1 < lim; i++) if (!(s[i >> 3] & (1u << (i & 7)))) p[n++] = (uint32_t)(2 * i + 1);
        *np = n;
    }
    ly_dealloc(vm, s, sb);
    return p;
}

/* ---- PrimePi --------------------------------------------------------------------------------- */

/* pi(n) by Lucy Hedgehog's recurrence; -1 when aborted or out of memory. */
static int64_t prime_pi(LyVM *vm, int64_t n) {
    if (n < 2) return 0;
    int64_t r = (int64_t)sqrt((double)n);
    while (r * r > n) r--;
    while ((r + 1) * (r + 1) <= n) r++;
    /* lo[v] = S(v) for v <= r; hi[k] = S(n / k) for k <= r */
    size_t sz = (size_t)(r + 2) * sizeof(int64_t);
    int64_t *lo = ly_alloc(vm, sz), *hi = ly_alloc(vm, sz);
    if (!lo || !hi) {
        if (lo) ly_dealloc(vm, lo, sz);
        if (hi) ly_dealloc(vm, hi, sz);
        ly_raise_nomem(vm);
        return -1;
    }
    for (int64_t v = 1; v <= r; v++) lo[v] = v - 1;
    for (int64_t k = 1; k <= r; k++) hi[k] = n / k - 1;
    int64_t res = -1;
    for (int64_t p = 2; p <= r; p++) {
        if (lo[p] == lo[p - 1]) continue;           /* p is not prime */
        int64_t sp = lo[p - 1], p2 = p * p;
        int64_t kmax = r < n / p2 ? r : n / p2;
        for (int64_t k = 1; k <= kmax; k++) {
            int64_t kp = k * p;
            hi[k] -= (kp <= r ? hi[kp] : lo[n / kp]) - sp;
        }
        for (int64_t v = r; v >= p2; v--) lo[v] -= lo[v / p] - sp;
        if (!ly_safe_point(vm)) goto done;
    }
    res = hi[1];
done:
    ly_dealloc(vm, lo, sz);
    ly_dealloc(vm, hi, sz);
    return res;
}

#define PRIMEPI_MAX 1000000000000LL      /* 10^12: about a second */

static LyExpr b_primepi(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    int64_t n;
    if (ly_is_small(x)) n = ly_small(x);
    else if (ly_is_real(x) && fabs(ly_realv(x)) < 1e15) n = (int64_t)floor(ly_realv(x));
    else if (ly_type(x) == LY_TRAT) {
        double v = ly_num_to_double(x);
        if (fabs(v) > 1e15) return NULL;
        n = (int64_t)floor(v);
    } else return NULL;
    if (n > PRIMEPI_MAX) return NULL;
    int64_t r = prime_pi(vm, n);
    return r < 0 ? NULL : ly_int(vm, r);
}

/* ---- NextPrime -------------------------------------------------------------------------------- */

/* The next prime after z (dir 1) or before it (dir -1), counting negative
 * primes ..., -3, -2, 2, 3, ... as Wolfram does. */
static void step_prime(mpz_t z, int dir) {
    mpz_t a;
    mpz_init(a);
    for (;;) {
        if (dir > 0) mpz_add_ui(z, z, 1); else mpz_sub_ui(z, z, 1);
        mpz_abs(a, z);
        if (mpz_cmp_ui(a, 2) >= 0 && lys_prime_mpz(a)) break;
        if (mpz_sgn(z) == 0 || mpz_cmp_si(z, -1) == 0 || mpz_cmp_ui(z, 1) == 0) continue;
        /* skip even numbers once past 2 */
        if (mpz_cmp_ui(a, 3) >= 0 && mpz_even_p(z)) continue;
    }
    mpz_clear(a);
}

static LyExpr b_nextprime(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    int64_t k = 1;
    if (ly_nlen(e) == 2) {
        if (!ly_is_small(ly_narg(e, 2)) || ly_small(ly_narg(e, 2)) == 0) return NULL;
        k = ly_small(ly_narg(e, 2));
    }
    mpz_t z;
    if (ly_is_integer(x)) lys_mpz_get(z, x);
    else if (ly_is_real(x) || ly_type(x) == LY_TRAT) {
        double v = ly_num_to_double(x);
        if (!isfinite(v)) return NULL;
        mpz_init_set_d(z, k > 0 ? floor(v) : ceil(v));
    } else return NULL;
    int dir = k > 0 ? 1 : -1;
    for (int64_t i = 0; i < (k > 0 ? k : -k); i++) {
        step_prime(z, dir);
        if ((i & 1023) == 1023 && !ly_safe_point(vm)) { mpz_clear(z); return NULL; }
    }
    LyExpr r = ly_mkint_big(vm, z);
    mpz_clear(z);
    return r;
}

/* ---- factoring -------------------------------------------------------------------------------- */

typedef struct Factors { LyVM *vm; mpz_t *p; int64_t *e; size_t n, cap; bool fail; } Factors;

static void fac_add(Factors *f, const mpz_t p, int64_t e) {
    if (f->fail) return;
    for (size_t i = 0; i < f->n; i++) if (mpz_cmp(f->p[i], p) == 0) { f->e[i] += e; return; }
    if (f->n == f->cap) {
        size_t nc = f->cap ? 2 * f->cap : 16;
        mpz_t *np = ly_realloc(f->vm, f->p, f->cap * sizeof(mpz_t), nc * sizeof(mpz_t));
        if (!np) { f->fail = true; return; }
        f->p = np;
        int64_t *ne = ly_realloc(f->vm, f->e, f->cap * sizeof(int64_t), nc * sizeof(int64_t));
        if (!ne) { f->fail = true; return; }
        f->e = ne;
        f->cap = nc;
    }
    mpz_init_set(f->p[f->n], p);
    f->e[f->n++] = e;
}

static void fac_free(Factors *f) {
    for (size_t i = 0; i < f->n; i++) mpz_clear(f->p[i]);
    if (f->p) ly_dealloc(f->vm, f->p, f->cap * sizeof(mpz_t));
    if (f->e) ly_dealloc(f->vm, f->e, f->cap * sizeof(int64_t));
}

static uint64_t gcd64(uint64_t a, uint64_t b) {
    while (b) { uint64_t t = a % b; a = b; b = t; }
    return a;
}

/* A nontrivial factor of the odd composite n < 2^64 (Pollard-Brent). */
static uint64_t rho64(uint64_t n) {
    for (uint64_t c = 1;; c++) {
        uint64_t y = 2, x = 2, q = 1, g = 1, ys = 2;
        uint64_t r = 1, m = 128;
        do {
            x = y;
            for (uint64_t i = 0; i < r; i++) y = (mulmod64(y, y, n) + c) % n;
            uint64_t k = 0;
            do {
                ys = y;
                for (uint64_t i = 0; i < m && i < r - k; i++) {
                    y = (mulmod64(y, y, n) + c) % n;
                    q = mulmod64(q, x > y ? x - y : y - x, n);
                }
                g = gcd64(q, n);
                k += m;
            } while (k < r && g == 1);
            r *= 2;
        } while (g == 1);
        if (g == n) {
            do {
                ys = (mulmod64(ys, ys, n) + c) % n;
                g = gcd64(x > ys ? x - ys : ys - x, n);
            } while (g == 1);
        }
        if (g != n) return g;
    }
}

/* Pollard-Brent on a big n for at most `limit` steps: a factor in d, or
 * false.  */
static bool rho_mpz(LyVM *vm, const mpz_t n, mpz_t d, uint64_t limit, unsigned long c) {
    mpz_t x, y, ys, q, t;
    mpz_inits(x, y, ys, q, t, NULL);
    mpz_set_ui(y, 2);
    mpz_set_ui(q, 1);
    mpz_set_ui(d, 1);
    uint64_t r = 1, m = 256, steps = 0;
    bool found = false;
    while (mpz_cmp_ui(d, 1) == 0 && steps < limit) {
        mpz_set(x, y);
        for (uint64_t i = 0; i < r; i++) { mpz_mul(y, y, y); mpz_add_ui(y, y, c); mpz_mod(y, y, n); }
        uint64_t k = 0;
        do {
            mpz_set(ys, y);
            for (uint64_t i = 0; i < m && i < r - k; i++) {
                mpz_mul(y, y, y); mpz_add_ui(y, y, c); mpz_mod(y, y, n);
                mpz_sub(t, x, y);
                mpz_mul(q, q, t); mpz_mod(q, q, n);
            }
            mpz_gcd(d, q, n);
            k += m;
            steps += m;
        } while (k < r && mpz_cmp_ui(d, 1) == 0);
        r *= 2;
        if (!ly_safe_point(vm)) break;
    }
    if (mpz_cmp(d, n) == 0) {
        do {
            mpz_mul(ys, ys, ys); mpz_add_ui(ys, ys, c); mpz_mod(ys, ys, n);
            mpz_sub(t, x, ys);
            mpz_gcd(d, t, n);
        } while (mpz_cmp_ui(d, 1) == 0);
    }
    found = mpz_cmp_ui(d, 1) > 0 && mpz_cmp(d, n) < 0;
    mpz_clears(x, y, ys, q, t, NULL);
    return found;
}

/* ---- ECM ------------------------------------------------------------------------------------------ */

typedef struct Pt { mpz_t x, z; } Pt;
typedef struct Ecm { mpz_srcptr n; mpz_t a24, t1, t2, t3, t4; } Ecm;

static void pt_init(Pt *p) { mpz_init(p->x); mpz_init(p->z); }
static void pt_clear(Pt *p) { mpz_clear(p->x); mpz_clear(p->z); }
static void pt_set(Pt *d, const Pt *s) { mpz_set(d->x, s->x); mpz_set(d->z, s->z); }

static void mmod(Ecm *c, mpz_t r) { mpz_mod(r, r, c->n); }

/* r = 2p */
static void xdbl(Ecm *c, Pt *r, const Pt *p) {
    mpz_add(c->t1, p->x, p->z); mpz_mul(c->t1, c->t1, c->t1); mmod(c, c->t1);
    mpz_sub(c->t2, p->x, p->z); mpz_mul(c->t2, c->t2, c->t2); mmod(c, c->t2);
    mpz_sub(c->t3, c->t1, c->t2);
    mpz_mul(r->x, c->t1, c->t2); mmod(c, r->x);
    mpz_mul(c->t4, c->a24, c->t3); mpz_add(c->t4, c->t4, c->t2); mmod(c, c->t4);
    mpz_mul(r->z, c->t3, c->t4); mmod(c, r->z);
}

/* r = p + q, given d = p - q (r may alias p or q, not d) */
static void xadd(Ecm *c, Pt *r, const Pt *p, const Pt *q, const Pt *d) {
    mpz_sub(c->t1, p->x, p->z); mpz_add(c->t2, q->x, q->z); mpz_mul(c->t1, c->t1, c->t2); mmod(c, c->t1);
    mpz_add(c->t3, p->x, p->z); mpz_sub(c->t4, q->x, q->z); mpz_mul(c->t3, c->t3, c->t4); mmod(c, c->t3);
    mpz_add(c->t2, c->t1, c->t3); mpz_mul(c->t2, c->t2, c->t2);
    mpz_sub(c->t4, c->t1, c->t3); mpz_mul(c->t4, c->t4, c->t4);
    mpz_mul(r->x, d->z, c->t2); mmod(c, r->x);
    mpz_mul(r->z, d->x, c->t4); mmod(c, r->z);
}

/* p = k p (Montgomery ladder) */
static void ladder(Ecm *c, Pt *p, uint64_t k) {
    if (k == 1) return;
    Pt r0, r1, base;
    pt_init(&r0); pt_init(&r1); pt_init(&base);
    pt_set(&base, p);
    pt_set(&r0, p);
    xdbl(c, &r1, p);
    for (int b = 62 - __builtin_clzll(k); b >= 0; b--) {
        if ((k >> b) & 1) { xadd(c, &r0, &r1, &r0, &base); xdbl(c, &r1, &r1); }
        else { xadd(c, &r1, &r1, &r0, &base); xdbl(c, &r0, &r0); }
    }
    pt_set(p, &r0);
    pt_clear(&r0); pt_clear(&r1); pt_clear(&base);
}

/* One ECM curve with Suyama parameter sigma.  1: factor in f; 0: none;
 * -1: aborted. */
static int ecm_curve(LyVM *vm, const mpz_t n, mpz_t f, uint64_t sigma, uint64_t B1, uint64_t B2,
                     const uint32_t *pr, size_t np) {
    Ecm c = { .n = n };
    mpz_inits(c.a24, c.t1, c.t2, c.t3, c.t4, NULL);
    mpz_t u, v, t;
    mpz_inits(u, v, t, NULL);
    Pt P;
    pt_init(&P);
    int res = 0;
    /* u = s^2 - 5, v = 4 s, x = u^3, z = v^3, a24 = (v-u)^3 (3u+v) / (16 u^3 v) */
    mpz_set_ui(u, sigma); mpz_mul(u, u, u); mpz_sub_ui(u, u, 5); mpz_mod(u, u, n);
    mpz_set_ui(v, sigma); mpz_mul_ui(v, v, 4); mpz_mod(v, v, n);
    mpz_powm_ui(P.x, u, 3, n);
    mpz_powm_ui(P.z, v, 3, n);
    mpz_sub(t, v, u); mpz_powm_ui(t, t, 3, n);
    mpz_mul_ui(c.t1, u, 3); mpz_add(c.t1, c.t1, v); mpz_mul(t, t, c.t1); mpz_mod(t, t, n);   /* numerator */
    mpz_mul_ui(c.t2, P.x, 16); mpz_mul(c.t2, c.t2, v); mpz_mod(c.t2, c.t2, n);             /* 16 u^3 v */
    if (!mpz_invert(c.t3, c.t2, n)) {
        mpz_gcd(f, c.t2, n);
        res = mpz_cmp_ui(f, 1) > 0 && mpz_cmp(f, n) < 0;
        goto out;
    }
    mpz_mul(c.a24, t, c.t3); mpz_mod(c.a24, c.a24, n);
    /* stage 1 */
    for (size_t i = 0; i < np && pr[i] <= B1; i++) {
        uint64_t q = pr[i];
        while (q * pr[i] <= B1) q *= pr[i];
        ladder(&c, &P, q);
        if ((i & 255) == 255 && !ly_safe_point(vm)) { res = -1; goto out; }
    }
    mpz_gcd(f, P.z, n);
    if (mpz_cmp_ui(f, 1) > 0) { res = mpz_cmp(f, n) < 0; goto out; }
    /* stage 2: primes q in (B1, B2] with q P = O (mod p) */
    {
        enum { D = 100 };
        Pt S[D + 1], R, T, W;
        mpz_t beta[D + 1], g, alpha;
        for (int d = 0; d <= D; d++) { pt_init(&S[d]); mpz_init(beta[d]); }
        pt_init(&R); pt_init(&T); pt_init(&W);
        mpz_inits(g, alpha, NULL);
        xdbl(&c, &S[1], &P);                         /* 2P */
        xdbl(&c, &S[2], &S[1]);                      /* 4P */
        for (int d = 3; d <= D; d++) xadd(&c, &S[d], &S[d - 1], &S[1], &S[d - 2]);
        for (int d = 1; d <= D; d++) { mpz_mul(beta[d], S[d].x, S[d].z); mpz_mod(beta[d], beta[d], n); }
        mpz_set_ui(g, 1);
        uint64_t B = B1 - 1;
        if (!(B & 1)) B--;
        pt_set(&R, &P); ladder(&c, &R, B);
        pt_set(&T, &P); ladder(&c, &T, B - 2 * D);
        size_t pi = 0;
        while (pi < np && pr[pi] <= B + 2) pi++;
        for (uint64_t r = B; r < B2; r += 2 * D) {
            mpz_mul(alpha, R.x, R.z); mpz_mod(alpha, alpha, n);
            for (; pi < np && pr[pi] <= r + 2 * D; pi++) {
                size_t delta = (size_t)(pr[pi] - r) / 2;
                mpz_sub(c.t1, R.x, S[delta].x);
                mpz_add(c.t2, R.z, S[delta].z);
                mpz_mul(c.t1, c.t1, c.t2);
                mpz_sub(c.t1, c.t1, alpha);
                mpz_add(c.t1, c.t1, beta[delta]);
                mpz_mul(g, g, c.t1);
                mpz_mod(g, g, n);
            }
            pt_set(&W, &R);
            xadd(&c, &R, &R, &S[D], &T);
            pt_set(&T, &W);
            if (pi >= np) break;
            if (((r / (2 * D)) & 127) == 0 && !ly_safe_point(vm)) { res = -1; break; }
        }
        if (res == 0) {
            mpz_gcd(f, g, n);
            res = mpz_cmp_ui(f, 1) > 0 && mpz_cmp(f, n) < 0;
        }
        for (int d = 0; d <= D; d++) { pt_clear(&S[d]); mpz_clear(beta[d]); }
        pt_clear(&R); pt_clear(&T); pt_clear(&W);
        mpz_clears(g, alpha, NULL);
    }
out:
    pt_clear(&P);
    mpz_clears(u, v, t, NULL);
    mpz_clears(c.a24, c.t1, c.t2, c.t3, c.t4, NULL);
    return res;
}

/* A nontrivial factor of the composite n (no small factors), or false
 * when aborted. */
static bool find_factor(LyVM *vm, const mpz_t n, mpz_t f) {
    if (mpz_fits_ulong_p(n)) { mpz_set_ui(f, rho64(mpz_get_ui(n))); return true; }
    if (mpz_perfect_power_p(n)) {
        for (unsigned long k = mpz_sizeinbase(n, 2); k >= 2; k--)
            if (mpz_root(f, n, k)) return true;
    }
    if (rho_mpz(vm, n, f, 1u << 16, 1)) return true;
    if (ly_unwinding(vm)) return false;
    /* B1 and curve counts of GMP-ECM's table for 15..40-digit factors
     * (with a smaller B2 = 50 B1, so a few more curves are needed) */
    static const struct { uint32_t b1, curves; } plan[] = {
        { 2000, 30 }, { 11000, 110 }, { 50000, 350 }, { 250000, 800 }, { 1000000, 2000 }, { 3000000, 6000 },
    };
    uint64_t sigma = 7;
    for (size_t lv = 0; lv < sizeof plan / sizeof plan[0]; lv++) {
        uint64_t B1 = plan[lv].b1, B2 = 50 * B1;
        size_t np = 0, bytes = 0;
        uint32_t *pr = primes_below(vm, (uint32_t)B2 + 1, &np, &bytes);
        if (!pr) { ly_raise_nomem(vm); return false; }
        int r = 0;
        for (uint32_t k = 0; k < plan[lv].curves && r == 0; k++)
            r = ecm_curve(vm, n, f, sigma++, B1, B2, pr, np);
        ly_dealloc(vm, pr, bytes);
        if (r < 0) return false;
        if (r > 0) return true;
    }
    /* very hard numbers: rho until done (still abortable) */
    for (unsigned long c = 2;; c++) {
        if (rho_mpz(vm, n, f, UINT64_MAX, c)) return true;
        if (ly_unwinding(vm)) return false;
    }
}

static bool factor_rec(LyVM *vm, Factors *fs, const mpz_t n, int64_t mult) {
    if (mpz_cmp_ui(n, 1) == 0) return true;
    if (lys_prime_mpz(n)) { fac_add(fs, n, mult); return !fs->fail; }
    mpz_t f, g;
    mpz_inits(f, g, NULL);
    bool ok = find_factor(vm, n, f);
    if (ok) {
        mpz_divexact(g, n, f);
        ok = factor_rec(vm, fs, f, mult) && factor_rec(vm, fs, g, mult);
    }
    mpz_clears(f, g, NULL);
    return ok;
}

/* Factors of |n| (n != 0) into fs, sorted by prime; false on an exit. */
static bool factor_abs(LyVM *vm, Factors *fs, const mpz_t n0, int64_t mult) {
    mpz_t n, p;
    mpz_init(n);
    mpz_abs(n, n0);
    mpz_init(p);
    static const uint16_t wheel[] = { 2, 3, 5, 7 };
    for (size_t i = 0; i < 4; i++) {
        unsigned long q = wheel[i];
        if (!mpz_divisible_ui_p(n, q)) continue;
        int64_t e = 0;
        while (mpz_divisible_ui_p(n, q)) { mpz_divexact_ui(n, n, q); e++; }
        mpz_set_ui(p, q);
        fac_add(fs, p, e * mult);
    }
    /* trial division by 6k +- 1 below 2^14 */
    for (unsigned long q = 11; q < 16384 && mpz_cmp_ui(n, q * q) >= 0; q += (q % 6 == 5) ? 2 : 4) {
        if (!mpz_divisible_ui_p(n, q)) continue;
        int64_t e = 0;
        while (mpz_divisible_ui_p(n, q)) { mpz_divexact_ui(n, n, q); e++; }
        mpz_set_ui(p, q);
        fac_add(fs, p, e * mult);
    }
    bool ok = true;
    if (mpz_cmp_ui(n, 1) > 0 && !fs->fail) ok = factor_rec(vm, fs, n, mult);
    mpz_clear(n);
    mpz_clear(p);
    if (fs->fail) { if (!ly_unwinding(vm)) ly_raise_nomem(vm); return false; }
    /* sort by prime (insertion sort: few factors) */
    for (size_t i = 1; i < fs->n; i++)
        for (size_t j = i; j > 0 && mpz_cmp(fs->p[j - 1], fs->p[j]) > 0; j--) {
            mpz_swap(fs->p[j - 1], fs->p[j]);
            int64_t t = fs->e[j - 1]; fs->e[j - 1] = fs->e[j]; fs->e[j] = t;
        }
    return ok;
}

/* Integer factors of the integer x into fs (x != 0); false on an exit. */
static bool factor_expr(LyVM *vm, Factors *fs, LyExpr x, int64_t mult) {
    mpz_t z;
    lys_mpz_get(z, x);
    bool ok = factor_abs(vm, fs, z, mult);
    mpz_clear(z);
    return ok;
}

static LyExpr pair(LyVM *vm, LyExpr a, LyExpr b) { return ly_mk(vm, LY_SYM(List), 2, a, b); }

static LyExpr factors_list(LyVM *vm, Factors *fs, bool negative) {
    size_t k = negative ? 1 : 0;
    LyExpr out = ly_mknormal(vm, LY_SYM(List), fs->n + k);
    if (!out) return NULL;
    if (negative) {
        LyExpr m = pair(vm, ly_mksmall(-1), ly_mksmall(1));
        if (!m) { lys_abandon(vm, out, 1); return NULL; }
        ly_nset(out, 1, m);
    }
    for (size_t i = 0; i < fs->n; i++) {
        LyExpr p = pair(vm, ly_mkint_big(vm, fs->p[i]), ly_int(vm, fs->e[i]));
        if (!p) { lys_abandon(vm, out, k + i + 1); return NULL; }
        ly_nset(out, k + i + 1, p);
    }
    return lys_pack_steal(vm, out);
}

static LyExpr b_factorinteger(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_integer(x) && ly_type(x) != LY_TRAT) return NULL;
    if (ly_is_small(x) && ly_small(x) == 0) {
        LyExpr z = pair(vm, ly_mksmall(0), ly_mksmall(1));
        return z ? ly_mk(vm, LY_SYM(List), 1, z) : NULL;
    }
    Factors fs = { .vm = vm };
    bool ok;
    if (ly_type(x) == LY_TRAT) {
        ok = factor_expr(vm, &fs, ((LyRational *)x)->num, 1) && factor_expr(vm, &fs, ((LyRational *)x)->den, -1);
        if (ok)   /* merge the two sorted runs */
            for (size_t i = 1; i < fs.n; i++)
                for (size_t j = i; j > 0 && mpz_cmp(fs.p[j - 1], fs.p[j]) > 0; j--) {
                    mpz_swap(fs.p[j - 1], fs.p[j]);
                    int64_t t = fs.e[j - 1]; fs.e[j - 1] = fs.e[j]; fs.e[j] = t;
                }
    } else ok = factor_expr(vm, &fs, x, 1);
    LyExpr r = ok ? factors_list(vm, &fs, ly_num_sign(x) < 0) : NULL;
    fac_free(&fs);
    return r;
}

/* ---- functions of the factorisation ------------------------------------------------------------ */

/* |x| factored (x a nonzero integer); false when x is not one or on an exit. */
static bool factored(LyVM *vm, LyExpr x, Factors *fs) {
    fs->vm = vm; fs->p = NULL; fs->e = NULL; fs->n = fs->cap = 0; fs->fail = false;
    if (!ly_is_integer(x) || (ly_is_small(x) && ly_small(x) == 0)) return false;
    if (!factor_expr(vm, fs, x, 1)) { fac_free(fs); return false; }
    return true;
}

static int mpz_ptr_cmp(const void *a, const void *b) { return mpz_cmp(*(const mpz_t *)a, *(const mpz_t *)b); }

static LyExpr b_divisors(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    Factors fs;
    if (!factored(vm, ly_narg(e, 1), &fs)) return NULL;
    size_t n = 1;
    for (size_t i = 0; i < fs.n; i++) {
        if (n > (size_t)1 << 26) { fac_free(&fs); return NULL; }
        n *= (size_t)fs.e[i] + 1;
    }
    mpz_t *d = ly_alloc(vm, n * sizeof(mpz_t));
    if (!d) { fac_free(&fs); return ly_raise_nomem(vm); }
    size_t k = 1;
    mpz_init_set_ui(d[0], 1);
    for (size_t i = 0; i < fs.n; i++) {
        size_t base = k;
        for (int64_t j = 1; j <= fs.e[i]; j++)
            for (size_t t = 0; t < base; t++) {
                mpz_init(d[k]);
                mpz_mul(d[k], d[k - base], fs.p[i]);
                k++;
            }
    }
    qsort(d, n, sizeof(mpz_t), mpz_ptr_cmp);
    LyExpr out = ly_mknormal(vm, LY_SYM(List), n);
    for (size_t i = 0; out && i < n; i++) {
        LyExpr v = ly_mkint_big(vm, d[i]);
        if (!v) { lys_abandon(vm, out, i + 1); out = NULL; break; }
        ly_nset(out, i + 1, v);
    }
    for (size_t i = 0; i < n; i++) mpz_clear(d[i]);
    ly_dealloc(vm, d, n * sizeof(mpz_t));
    fac_free(&fs);
    return lys_pack_steal(vm, out);
}

static LyExpr b_divisorsigma(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr k = ly_narg(e, 1);
    if (!ly_is_small(k) || ly_small(k) > 100000 || ly_small(k) < -100000) return NULL;
    Factors fs;
    if (!factored(vm, ly_narg(e, 2), &fs)) return NULL;
    long kk = (long)ly_small(k);
    unsigned long ak = (unsigned long)(kk < 0 ? -kk : kk);
    mpq_t acc;
    mpq_init(acc);
    mpq_set_ui(acc, 1, 1);
    mpz_t s, pk, term;
    mpz_inits(s, pk, term, NULL);
    for (size_t i = 0; i < fs.n; i++) {
        /* 1 + p^k + ... + p^(k e) over p^(k e) when k < 0 */
        mpz_pow_ui(pk, fs.p[i], ak);
        mpz_set_ui(s, 1);
        mpz_set_ui(term, 1);
        for (int64_t j = 1; j <= fs.e[i]; j++) { mpz_mul(term, term, pk); mpz_add(s, s, term); }
        mpq_t f;
        mpq_init(f);
        mpz_set(mpq_numref(f), s);
        if (kk < 0) mpz_set(mpq_denref(f), term);
        mpq_canonicalize(f);
        mpq_mul(acc, acc, f);
        mpq_clear(f);
    }
    LyExpr r = lys_from_mpq(vm, acc);
    mpz_clears(s, pk, term, NULL);
    mpq_clear(acc);
    fac_free(&fs);
    return r;
}

static LyExpr b_eulerphi(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_is_small(x) && ly_small(x) == 0) return ly_mksmall(0);
    Factors fs;
    if (!factored(vm, x, &fs)) return NULL;
    mpz_t r, t;
    mpz_init_set_ui(r, 1);
    mpz_init(t);
    for (size_t i = 0; i < fs.n; i++) {
        mpz_pow_ui(t, fs.p[i], (unsigned long)fs.e[i] - 1);
        mpz_mul(r, r, t);
        mpz_sub_ui(t, fs.p[i], 1);
        mpz_mul(r, r, t);
    }
    LyExpr v = ly_mkint_big(vm, r);
    mpz_clear(r); mpz_clear(t);
    fac_free(&fs);
    return v;
}

static LyExpr b_moebiusmu(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_is_small(x) && ly_small(x) == 0) return ly_mksmall(0);
    Factors fs;
    if (!factored(vm, x, &fs)) return NULL;
    int mu = (fs.n & 1) ? -1 : 1;
    for (size_t i = 0; i < fs.n; i++) if (fs.e[i] > 1) mu = 0;
    fac_free(&fs);
    return ly_mksmall(mu);
}

/* ---- PowerMod, ExtendedGCD, ChineseRemainder --------------------------------------------------- */

static LyExpr b_powermod(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 3, 3)) return NULL;
    LyExpr a = ly_narg(e, 1), b = ly_narg(e, 2), m = ly_narg(e, 3);
    if (!ly_is_integer(a) || !ly_is_integer(b) || !ly_is_integer(m)) return NULL;
    if (ly_is_small(m) && ly_small(m) == 0) return NULL;
    mpz_t za, zb, zm, r;
    lys_mpz_get(za, a); lys_mpz_get(zb, b); lys_mpz_get(zm, m);
    mpz_init(r);
    LyExpr res = NULL;
    mpz_t am;
    mpz_init(am);
    mpz_abs(am, zm);
    if (mpz_sgn(zb) < 0) {
        if (!mpz_invert(r, za, am) && mpz_cmp_ui(am, 1) != 0) {
            ly_message(vm, ly_nhead(e), "ninv", 2, a, m);
            goto out;
        }
        mpz_neg(zb, zb);
        if (!lys_powm(vm, r, r, zb, am)) goto out;      /* in chunks (bigint.c) */
    } else if (!lys_powm(vm, r, za, zb, am)) goto out;
    if (mpz_sgn(zm) < 0 && mpz_sgn(r) != 0) mpz_add(r, r, zm);    /* Mod's sign convention */
    res = ly_mkint_big(vm, r);
out:
    mpz_clear(za); mpz_clear(zb); mpz_clear(zm); mpz_clear(r); mpz_clear(am);
    return res;
}

static LyExpr b_extendedgcd(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n == 0) return NULL;
    for (size_t i = 1; i <= n; i++) if (!ly_is_integer(ly_narg(e, i))) return NULL;
    /* g = sum c_i a_i, folded left: g' = s g + t a_k */
    mpz_t g, s, t, a;
    mpz_inits(g, s, t, a, NULL);
    mpz_t *c = ly_alloc(vm, n * sizeof(mpz_t));
    if (!c) { mpz_clears(g, s, t, a, NULL); return ly_raise_nomem(vm); }
    for (size_t i = 0; i < n; i++) mpz_init(c[i]);
    lys_mpz_get(a, ly_narg(e, 1));
    mpz_abs(g, a);
    mpz_set_si(c[0], mpz_sgn(a) < 0 ? -1 : 1);
    mpz_clear(a);
    for (size_t i = 1; i < n; i++) {
        lys_mpz_get(a, ly_narg(e, i + 1));
        mpz_gcdext(g, s, t, g, a);
        for (size_t j = 0; j < i; j++) mpz_mul(c[j], c[j], s);
        mpz_set(c[i], t);
        mpz_clear(a);
    }
    mpz_init(a);
    LyExpr coeffs = ly_mknormal(vm, LY_SYM(List), n);
    for (size_t i = 0; coeffs && i < n; i++) {
        LyExpr v = ly_mkint_big(vm, c[i]);
        if (!v) { lys_abandon(vm, coeffs, i + 1); coeffs = NULL; break; }
        ly_nset(coeffs, i + 1, v);
    }
    LyExpr r = coeffs ? ly_mk(vm, LY_SYM(List), 2, ly_mkint_big(vm, g), lys_pack_steal(vm, coeffs)) : NULL;
    for (size_t i = 0; i < n; i++) mpz_clear(c[i]);
    ly_dealloc(vm, c, n * sizeof(mpz_t));
    mpz_clears(g, s, t, a, NULL);
    return r;
}

static LyExpr b_chineseremainder(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 3)) return NULL;
    LyExpr rs = ly_narg(e, 1), ms = ly_narg(e, 2);
    if (!lys_is_list(rs) || !lys_is_list(ms) || lys_list_len(rs) != lys_list_len(ms)) return NULL;
    size_t n = lys_list_len(rs);
    LyExpr ur = lys_unpacked(vm, rs), um = ur ? lys_unpacked(vm, ms) : NULL;
    if (!um) { ly_unref(vm, ur); return NULL; }
    bool ok = true;
    for (size_t i = 1; i <= n; i++)
        if (!ly_is_integer(ly_narg(ur, i)) || !ly_is_integer(ly_narg(um, i)) || ly_num_sign(ly_narg(um, i)) <= 0) ok = false;
    if (ly_nlen(e) == 3 && !ly_is_integer(ly_narg(e, 3))) ok = false;
    LyExpr res = NULL;
    if (ok) {
        /* x = r (mod m), merged pairwise through gcds (moduli need not be coprime) */
        mpz_t x, m, r, mi, g, s, t, diff;
        mpz_inits(r, mi, g, s, t, diff, NULL);
        mpz_init_set_ui(x, 0);
        mpz_init_set_ui(m, 1);
        for (size_t i = 1; i <= n && ok; i++) {
            mpz_t ri, mm;
            lys_mpz_get(ri, ly_narg(ur, i));
            lys_mpz_get(mm, ly_narg(um, i));
            mpz_set(mi, mm);
            mpz_gcdext(g, s, t, m, mi);             /* s m + t mi = g */
            mpz_sub(diff, ri, x);
            if (!mpz_divisible_p(diff, g)) ok = false;
            else {
                mpz_divexact(diff, diff, g);
                mpz_mul(diff, diff, s);
                mpz_divexact(t, mi, g);
                mpz_mod(diff, diff, t);
                mpz_mul(diff, diff, m);
                mpz_add(x, x, diff);
                mpz_mul(m, m, t);                   /* lcm */
                mpz_mod(x, x, m);
            }
            mpz_clear(ri); mpz_clear(mm);
        }
        if (ok) {
            if (ly_nlen(e) == 3) {
                mpz_t d;
                lys_mpz_get(d, ly_narg(e, 3));
                mpz_sub(x, x, d);
                mpz_mod(x, x, m);
                mpz_add(x, x, d);
                mpz_clear(d);
            }
            res = ly_mkint_big(vm, x);
        }
        mpz_clears(x, m, r, mi, g, s, t, diff, NULL);
    }
    ly_unref(vm, ur); ly_unref(vm, um);
    return res;
}

/* ---- digits ------------------------------------------------------------------------------------ */

/* A base argument: an integer > 1 (message ibase otherwise). */
static bool base_arg(LyVM *vm, LyExpr e, size_t i, mpz_t b) {
    LyExpr x = ly_narg(e, i);
    if (ly_is_integer(x) && ly_num_sign(x) > 0 && !(ly_is_small(x) && ly_small(x) == 1)) { lys_mpz_get(b, x); return true; }
    ly_message(vm, ly_nhead(e), "ibase", 1, x);
    return false;
}

/* The digits of |z| in base b, most significant first: for bases up to 36
 * as characters ('0'-'9', 'a'-'z') of a subquadratic conversion with safe
 * points (vm/bignum.c), else as integers (a base past 36 is rarely used
 * with many digits). */
typedef struct Digits { LyBuf s; mpz_t *d; size_t n, cap; } Digits;

static int digit_value(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

static bool digits_of(LyVM *vm, const mpz_t z0, const mpz_t b, Digits *out) {
    mpz_t z;
    mpz_init(z);
    mpz_abs(z, z0);
    ly_buf_init(&out->s, vm);
    out->d = NULL;
    out->n = out->cap = 0;
    if (mpz_cmp_ui(b, 36) <= 0) {
        bool ok = ly_bignum_digits(vm, &out->s, z, (int)mpz_get_ui(b));
        mpz_clear(z);
        if (!ok) { ly_buf_free(&out->s); return false; }
        out->n = out->s.len;
        return true;
    }
    size_t cap = mpz_sizeinbase(z, 2) / (mpz_sizeinbase(b, 2) - 1) + 2;
    /* each digit an mpz (GMP's own memory besides) and then a list slot */
    if (!lys_room(vm, (double)cap, sizeof(mpz_t) + 24)) { mpz_clear(z); return false; }
    mpz_t *d = ly_alloc(vm, cap * sizeof(mpz_t));
    if (!d) { mpz_clear(z); return false; }
    size_t k = 0;
    do {
        mpz_init(d[k]);
        mpz_fdiv_qr(z, d[k], z, b);
        k++;
    } while (mpz_sgn(z) != 0 && k < cap);
    for (size_t i = 0; i < k / 2; i++) mpz_swap(d[i], d[k - 1 - i]);
    mpz_clear(z);
    out->d = d; out->n = k; out->cap = cap;
    return true;
}

static void digits_free(LyVM *vm, Digits *g) {
    ly_buf_free(&g->s);
    if (!g->d) return;
    for (size_t i = 0; i < g->n; i++) mpz_clear(g->d[i]);
    ly_dealloc(vm, g->d, g->cap * sizeof(mpz_t));
}

static LyExpr b_integerdigits(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr x = ly_narg(e, 1);
    mpz_t b, z;
    mpz_init_set_ui(b, 10);
    if (ly_nlen(e) >= 2) { mpz_clear(b); if (!base_arg(vm, e, 2, b)) return NULL; }
    int64_t len = -1;
    if (ly_nlen(e) == 3) {
        if (!ly_is_small(ly_narg(e, 3)) || ly_small(ly_narg(e, 3)) < 0) { mpz_clear(b); return NULL; }
        len = ly_small(ly_narg(e, 3));
    }
    if (!ly_is_integer(x)) { mpz_clear(b); return NULL; }
    lys_mpz_get(z, x);
    Digits g;
    bool ok = digits_of(vm, z, b, &g);
    mpz_clear(z);
    mpz_clear(b);
    if (!ok) return ly_raise_nomem(vm);
    size_t n = g.n, m = len < 0 ? n : (size_t)len, skip = m < n ? n - m : 0, pad = m > n ? m - n : 0;
    LyExpr out;
    if (!g.d && m > 0) {
        /* small digits: straight into a packed array */
        out = ly_mkpacked(vm, LY_PACKED_INT64, 1, &m);
        if (out) {
            int64_t *v = ly_packed(out)->data;
            for (size_t i = 0; i < m; i++) v[i] = i < pad ? 0 : digit_value(g.s.p[skip + i - pad]);
        }
    } else {
        out = ly_mknormal(vm, LY_SYM(List), m);
        for (size_t i = 0; out && i < m; i++) {
            LyExpr v = i < pad ? ly_mksmall(0) : ly_mkint_big(vm, g.d[skip + i - pad]);
            if (!v) { lys_abandon(vm, out, i + 1); out = NULL; break; }
            ly_nset(out, i + 1, v);
        }
        out = out ? lys_pack_steal(vm, out) : NULL;
    }
    digits_free(vm, &g);
    return out ? out : ly_raise_nomem(vm);
}

static LyExpr b_integerlength(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    mpz_t b, z;
    mpz_init_set_ui(b, 10);
    if (ly_nlen(e) == 2) { mpz_clear(b); if (!base_arg(vm, e, 2, b)) return NULL; }
    if (!ly_is_integer(x)) { mpz_clear(b); return NULL; }
    lys_mpz_get(z, x);
    mpz_abs(z, z);
    int64_t k = 0;
    if (mpz_sgn(z) != 0) {
        /* estimate from the bit size, then correct */
        k = (int64_t)((double)(mpz_sizeinbase(z, 2) - 1) / log2(mpz_get_d(b)));
        if (k > 0) k--;
        mpz_t p;
        mpz_init(p);
        mpz_pow_ui(p, b, (unsigned long)k);
        while (mpz_cmp(p, z) <= 0) { mpz_mul(p, p, b); k++; }
        mpz_clear(p);
    }
    mpz_clear(b); mpz_clear(z);
    return ly_int(vm, k);
}

static LyExpr b_integerexponent(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    mpz_t b, z;
    mpz_init_set_ui(b, 10);
    if (ly_nlen(e) == 2) { mpz_clear(b); if (!base_arg(vm, e, 2, b)) return NULL; }
    if (!ly_is_integer(x)) { mpz_clear(b); return NULL; }
    lys_mpz_get(z, x);
    LyExpr r;
    if (mpz_sgn(z) == 0) r = lys_infinity(vm, 1);
    else {
        int64_t k = 0;
        if (mpz_cmp_ui(b, 2) == 0) k = (int64_t)mpz_scan1(z, 0);
        else while (mpz_divisible_p(z, b)) { mpz_divexact(z, z, b); k++; }
        r = ly_int(vm, k);
    }
    mpz_clear(b); mpz_clear(z);
    return r;
}

/* Digit value of a character (0-9, a-z, A-Z), or -1. */
static int char_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return -1;
}

static LyExpr b_fromdigits(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1), base = ly_nlen(e) == 2 ? ly_narg(e, 2) : ly_mksmall(10);
    if (ly_is_string(x)) {
        if (!ly_is_small(base) || ly_small(base) < 2 || ly_small(base) > 36) return NULL;
        mpz_t r;
        mpz_init(r);
        const char *s = ly_str(x)->s;
        for (size_t i = 0; i < ly_str(x)->len; i++) {
            int d = char_digit(s[i]);
            if (d < 0) { mpz_clear(r); return NULL; }
            mpz_mul_ui(r, r, (unsigned long)ly_small(base));
            mpz_add_ui(r, r, (unsigned long)d);
        }
        LyExpr v = ly_mkint_big(vm, r);
        mpz_clear(r);
        return v;
    }
    if (!lys_is_list(x)) return NULL;
    size_t n = lys_list_len(x);
    bool ints = ly_is_integer(base);
    if (ly_is_packed(x) && ly_packed(x)->h.flags != LY_PACKED_INT64) ints = false;
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    for (size_t i = 1; i <= n && ints; i++) ints = ly_is_integer(ly_narg(u, i));
    LyExpr r;
    if (ints) {
        mpz_t acc, b, d;
        mpz_init(acc);
        lys_mpz_get(b, base);
        for (size_t i = 1; i <= n; i++) {
            lys_mpz_get(d, ly_narg(u, i));
            mpz_mul(acc, acc, b);
            mpz_add(acc, acc, d);
            mpz_clear(d);
        }
        r = ly_mkint_big(vm, acc);
        mpz_clear(acc); mpz_clear(b);
    } else {
        /* FromDigits[{a, b, c}] is 100 a + 10 b + c */
        LyExpr sum = ly_mknormal(vm, LY_SYM(Plus), n);
        for (size_t i = 1; sum && i <= n; i++) {
            LyExpr pw = ly_mk(vm, LY_SYM(Power), 2, (ly_ref(base), base), ly_int(vm, (int64_t)(n - i)));
            LyExpr t = ly_mk(vm, LY_SYM(Times), 2, pw, (ly_ref(ly_narg(u, i)), ly_narg(u, i)));
            if (!t) { lys_abandon(vm, sum, i); sum = NULL; break; }
            ly_nset(sum, i, t);
        }
        r = n == 0 ? ly_mksmall(0) : lys_eval_steal(vm, sum);
        if (n == 0) ly_unref(vm, sum);
    }
    ly_unref(vm, u);
    return r;
}

/* ---- bits -------------------------------------------------------------------------------------- */

static LyExpr bit_fold(LyVM *vm, LyExpr e, int which) {
    size_t n = ly_nlen(e);
    for (size_t i = 1; i <= n; i++) if (!ly_is_integer(ly_narg(e, i))) return NULL;
    mpz_t acc, t;
    mpz_init_set_si(acc, which == 0 ? -1 : 0);
    for (size_t i = 1; i <= n; i++) {
        lys_mpz_get(t, ly_narg(e, i));
        if (which == 0) mpz_and(acc, acc, t);
        else if (which == 1) mpz_ior(acc, acc, t);
        else mpz_xor(acc, acc, t);
        mpz_clear(t);
    }
    LyExpr r = ly_mkint_big(vm, acc);
    mpz_clear(acc);
    return r;
}

static LyExpr b_bitand(LyVM *vm, LyExpr e) { return bit_fold(vm, e, 0); }
static LyExpr b_bitor(LyVM *vm, LyExpr e) { return bit_fold(vm, e, 1); }
static LyExpr b_bitxor(LyVM *vm, LyExpr e) { return bit_fold(vm, e, 2); }

static LyExpr b_bitnot(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_is_small(x)) return ly_int(vm, ~ly_small(x));
    if (!ly_is_integer(x)) return NULL;
    mpz_t z;
    lys_mpz_get(z, x);
    mpz_com(z, z);
    LyExpr r = ly_mkint_big(vm, z);
    mpz_clear(z);
    return r;
}

static LyExpr shift(LyVM *vm, LyExpr e, int dir) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1), k = ly_nlen(e) == 2 ? ly_narg(e, 2) : ly_mksmall(1);
    if (!ly_is_integer(x) || !ly_is_small(k)) return NULL;
    int64_t s = ly_small(k) * dir;
    if (s > (int64_t)1 << 32) return NULL;
    mpz_t z;
    lys_mpz_get(z, x);
    if (s >= 0) mpz_mul_2exp(z, z, (mp_bitcnt_t)s);
    else mpz_fdiv_q_2exp(z, z, (mp_bitcnt_t)-s);
    LyExpr r = ly_mkint_big(vm, z);
    mpz_clear(z);
    return r;
}

static LyExpr b_bitshiftleft(LyVM *vm, LyExpr e) { return shift(vm, e, 1); }
static LyExpr b_bitshiftright(LyVM *vm, LyExpr e) { return shift(vm, e, -1); }

static LyExpr b_bitlength(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_integer(x)) return NULL;
    mpz_t z;
    lys_mpz_get(z, x);
    if (mpz_sgn(z) < 0) mpz_com(z, z);          /* BitLength[-n] = BitLength[n - 1] */
    LyExpr r = ly_int(vm, mpz_sgn(z) == 0 ? 0 : (int64_t)mpz_sizeinbase(z, 2));
    mpz_clear(z);
    return r;
}

/* ---- table ------------------------------------------------------------------------------------- */

static const LyBuiltin numtheory_builtins[] = {
    { "PrimeQ", b_primeq, "Listable Protected",
      "PrimeQ[expr] yields True if expr is a prime number, and yields False otherwise." },
    { "PrimePi", b_primepi, "Listable Protected", "PrimePi[x] gives the number of primes pi(x) less than or equal to x." },
    { "NextPrime", b_nextprime, "Listable Protected",
      "NextPrime[x] gives the smallest prime above x. NextPrime[x, k] gives the k-th next prime above x." },
    { "FactorInteger", b_factorinteger, "Listable Protected",
      "FactorInteger[n] gives a list of the prime factors of the integer n, together with their exponents." },
    { "Divisors", b_divisors, "Listable Protected", "Divisors[n] gives a list of the integers that divide n." },
    { "DivisorSigma", b_divisorsigma, "Listable Protected",
      "DivisorSigma[k, n] gives the divisor function sigma_k(n)." },
    { "EulerPhi", b_eulerphi, "Listable Protected", "EulerPhi[n] gives the Euler totient function phi(n)." },
    { "MoebiusMu", b_moebiusmu, "Listable Protected", "MoebiusMu[n] gives the Möbius function mu(n)." },
    { "PowerMod", b_powermod, "Listable Protected", "PowerMod[a, b, m] gives a^b mod m." },
    { "ExtendedGCD", b_extendedgcd, "Listable Protected",
      "ExtendedGCD[n1, n2, ...] gives the extended greatest common divisor of the integers ni." },
    { "ChineseRemainder", b_chineseremainder, "Protected",
      "ChineseRemainder[{r1, r2, ...}, {m1, m2, ...}] gives the smallest x with x >= 0 that satisfies all the integer congruences x = ri mod mi." },
    { "IntegerDigits", b_integerdigits, "Listable Protected",
      "IntegerDigits[n] gives a list of the decimal digits in the integer n." },
    { "IntegerLength", b_integerlength, "Listable Protected",
      "IntegerLength[n] gives the number of decimal digits in the integer n." },
    { "IntegerExponent", b_integerexponent, "Listable Protected",
      "IntegerExponent[n, b] gives the highest power of b that divides n." },
    { "FromDigits", b_fromdigits, "Protected",
      "FromDigits[list] constructs an integer from the list of its decimal digits." },
    { "BitAnd", b_bitand, "Flat Listable OneIdentity Orderless Protected",
      "BitAnd[n1, n2, ...] gives the bitwise AND of the integers ni." },
    { "BitOr", b_bitor, "Flat Listable OneIdentity Orderless Protected",
      "BitOr[n1, n2, ...] gives the bitwise OR of the integers ni." },
    { "BitXor", b_bitxor, "Flat Listable OneIdentity Orderless Protected",
      "BitXor[n1, n2, ...] gives the bitwise XOR of the integers ni." },
    { "BitNot", b_bitnot, "Listable Protected", "BitNot[n] turns ones into zeros and vice versa in the binary bit representation of n." },
    { "BitShiftLeft", b_bitshiftleft, "Listable Protected",
      "BitShiftLeft[n, k] shifts the binary bits in the integer n to the left by k places, padding with zeros on the right." },
    { "BitShiftRight", b_bitshiftright, "Listable Protected",
      "BitShiftRight[n, k] shifts the bits in the integer n to the right by k places, dropping bits that are shifted past the units position on the right." },
    { "BitLength", b_bitlength, "Listable Protected",
      "BitLength[n] gives the number of binary bits necessary to represent the integer n." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_numtheory(LyVM *vm);
LyStatus lys_open_numtheory(LyVM *vm) {
    ly_set_message(vm, "PowerMod", "ninv", "`1` is not invertible modulo `2`.");
    ly_set_message(vm, "General", "ibase", "Base `1` is not an integer greater than 1.");
    return ly_register_table(vm, numtheory_builtins);
}
