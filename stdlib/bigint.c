/*
 * bigint.c — exact integer functions whose results or work can be huge,
 * computed in steps with safe points between them (issue 9).
 *
 * One GMP call cannot be interrupted: mpz_fac_ui(10^7) is seconds of work
 * that TimeConstrained and Ctrl-C could not stop.  Here the work is split:
 *
 *   Factorial   n! = ((n/2)!)^2 * swing(n) (Luschny's prime swing), the
 *               swing a product tree of prime powers;
 *   Binomial    a product tree of n-k+1..n divided by k!;
 *   Fibonacci   the doubling formulas, one step per bit of n;
 *   PowerMod    the exponent in chunks of bits, one mpz_powm per chunk;
 *   PrimeQ      Miller-Rabin rounds on those chunks for big numbers.
 *
 * Each step is a safe point (ly_safe_point_long: the clock is read every
 * time), so a stop comes within one step: the largest single multiplication,
 * a fraction of a second for results of 10^8 bits.  Results are sized first
 * (ly_bignum_room: General::ovfl beyond 2^32 bits, General::nomem or the
 * MemoryConstrained abort past the memory limits).  Small cases go straight
 * to GMP.  Written against lyra.h + lyra_ext.h (and GMP).
 */
#include <limits.h>
#include <math.h>
#include <string.h>
#include "lys_data.h"

/* ---- product trees ---------------------------------------------------------------------------- */

/* r = v[0] * ... * v[n-1] (n >= 1).  False when stopped (an exit started). */
static bool prod_tree(LyVM *vm, mpz_t r, const unsigned long *v, size_t n) {
    if (n <= 16) {
        mpz_set_ui(r, v[0]);
        for (size_t i = 1; i < n; i++) mpz_mul_ui(r, r, v[i]);
        return true;
    }
    mpz_t t;
    mpz_init(t);
    bool ok = prod_tree(vm, r, v, n / 2) && prod_tree(vm, t, v + n / 2, n - n / 2) && ly_safe_point_long(vm);
    if (ok) mpz_mul(r, r, t);
    mpz_clear(t);
    return ok;
}

/* Word-sized factors: products of several small numbers packed into one
 * unsigned long before the tree (fewer, bigger leaves). */
typedef struct Words { LyVM *vm; unsigned long *v; size_t n, cap; unsigned long acc; bool oom; } Words;

static void words_store(Words *w, unsigned long x) {
    if (w->n == w->cap) {
        size_t nc = w->cap ? 2 * w->cap : 256;
        unsigned long *nv = ly_realloc(w->vm, w->v, w->cap * sizeof *nv, nc * sizeof *nv);
        if (!nv) { w->oom = true; return; }
        w->v = nv;
        w->cap = nc;
    }
    w->v[w->n++] = x;
}

static void words_push(Words *w, unsigned long x) {
    if (w->acc <= ULONG_MAX / x) { w->acc *= x; return; }
    words_store(w, w->acc);
    w->acc = x;
}

/* r = the product of what was pushed.  False when stopped or out of memory. */
static bool words_product(Words *w, mpz_t r) {
    if (w->acc > 1) words_store(w, w->acc);     /* the last, partly filled word */
    bool ok = !w->oom && (w->n == 0 ? (mpz_set_ui(r, 1), true) : prod_tree(w->vm, r, w->v, w->n));
    if (w->v) ly_dealloc(w->vm, w->v, w->cap * sizeof *w->v);
    w->v = NULL;
    w->n = w->cap = 0;
    w->acc = 1;
    return ok;
}

/* ---- Factorial ------------------------------------------------------------------------------------ */

#define FAC_DIRECT 20000          /* below: mpz_fac_ui (milliseconds) */

/* Odd numbers 3..n marked composite: bit (i-3)/2 set for composite i. */
static uint8_t *sieve(LyVM *vm, uint64_t n, size_t *bytes) {
    size_t nb = (size_t)(n / 16 + 1);
    uint8_t *s = ly_alloc(vm, nb);
    if (!s) return NULL;
    memset(s, 0, nb);
    for (uint64_t i = 3; i * i <= n; i += 2) {
        if (s[(i - 3) / 16] >> ((i - 3) / 2 % 8) & 1) continue;
        for (uint64_t j = i * i; j <= n; j += 2 * i) s[(j - 3) / 16] |= (uint8_t)(1u << ((j - 3) / 2 % 8));
        if ((i & 1023) == 1 && !ly_safe_point(vm)) { ly_dealloc(vm, s, nb); return NULL; }
    }
    *bytes = nb;
    return s;
}

static bool is_prime_in(const uint8_t *s, uint64_t i) { return !(s[(i - 3) / 16] >> ((i - 3) / 2 % 8) & 1); }

/* r = swing(n) = n! / ((n/2)!)^2 = prod over primes p <= n of p^e,
 * e = sum_k floor(n / p^k) mod 2. */
static bool swing(LyVM *vm, mpz_t r, uint64_t n, const uint8_t *s) {
    Words w = { vm, NULL, 0, 0, 1, false };
    for (uint64_t p = 2; p <= n; p = p == 2 ? 3 : p + 2) {
        if (p > 2 && !is_prime_in(s, p)) continue;
        uint64_t q = n;
        while ((q /= p) > 0) if (q & 1) words_push(&w, (unsigned long)p);
        if ((p & 0xFFFFF) == 1 && !ly_safe_point(vm)) { words_product(&w, r); return false; }
    }
    return words_product(&w, r);
}

static bool factorial_rec(LyVM *vm, mpz_t r, uint64_t n, const uint8_t *s) {
    if (n < FAC_DIRECT) { mpz_fac_ui(r, (unsigned long)n); return true; }
    if (!factorial_rec(vm, r, n / 2, s) || !ly_safe_point_long(vm)) return false;
    mpz_mul(r, r, r);
    mpz_t t;
    mpz_init(t);
    bool ok = swing(vm, t, n, s) && ly_safe_point_long(vm);
    if (ok) mpz_mul(r, r, t);
    mpz_clear(t);
    return ok;
}

/* r = n!.  False when stopped or out of memory (the exit started). */
static bool factorial_mpz(LyVM *vm, mpz_t r, uint64_t n) {
    if (n < FAC_DIRECT) { mpz_fac_ui(r, (unsigned long)n); return true; }
    size_t nb = 0;
    uint8_t *s = sieve(vm, n, &nb);
    if (!s) return false;
    bool ok = factorial_rec(vm, r, n, s);
    ly_dealloc(vm, s, nb);
    return ok;
}

/* log2(n!) */
static double factorial_bits(double n) { return lgamma(n + 1) / log(2.0); }

LyExpr lys_factorial(LyVM *vm, uint64_t n) {
    LyExpr fail;
    if (!ly_bignum_room(vm, factorial_bits((double)n), &fail)) return fail;
    mpz_t z;
    mpz_init(z);
    LyExpr r = factorial_mpz(vm, z, n) ? ly_mkint_big(vm, z) : NULL;
    mpz_clear(z);
    return r;
}

/* ---- Binomial ----------------------------------------------------------------------------------- */

#define BIN_DIRECT 4000           /* k below this: mpz_bin_ui */

LyExpr lys_binomial(LyVM *vm, const mpz_t n, uint64_t k) {
    /* Binomial[n, k] = Binomial[n, n - k] for 0 <= k <= n: the smaller side */
    mpz_t z;
    mpz_init(z);
    if (mpz_sgn(n) >= 0 && mpz_cmp_ui(n, k) >= 0) {
        mpz_sub_ui(z, n, k);
        if (mpz_cmp_ui(z, k) < 0) k = mpz_get_ui(z);
    }
    double nb = (double)mpz_sizeinbase(n, 2), bits;
    if (mpz_sgn(n) >= 0 && mpz_fits_ulong_p(n)) {
        double dn = mpz_get_d(n);
        bits = (double)k > dn ? 0 : (lgamma(dn + 1) - lgamma((double)k + 1) - lgamma(dn - (double)k + 1)) / log(2.0);
    } else {
        bits = (double)k * nb;
    }
    LyExpr fail;
    if (!ly_bignum_room(vm, bits, &fail)) { mpz_clear(z); return fail; }
    LyExpr r = NULL;
    if (k < BIN_DIRECT || mpz_sgn(n) < 0 || !mpz_fits_ulong_p(n) || mpz_cmp_ui(n, k) < 0) {
        /* small k, or n beyond a machine word: GMP at once (the size was checked) */
        mpz_bin_ui(z, n, (unsigned long)k);
        r = ly_mkint_big(vm, z);
    } else {
        /* (n-k+1) ... n / k! */
        uint64_t top = mpz_get_ui(n);
        Words w = { vm, NULL, 0, 0, 1, false };
        for (uint64_t i = top - k + 1; i <= top && i != 0; i++) words_push(&w, (unsigned long)i);
        mpz_t d;
        mpz_init(d);
        bool ok = words_product(&w, z) && factorial_mpz(vm, d, k) && ly_safe_point_long(vm);
        if (ok) {
            mpz_divexact(z, z, d);
            r = ly_mkint_big(vm, z);
        }
        mpz_clear(d);
    }
    mpz_clear(z);
    return r;
}

/* ---- Fibonacci ---------------------------------------------------------------------------------- */

#define FIB_DIRECT 1000000        /* below: mpz_fib_ui */

LyExpr lys_fibonacci(LyVM *vm, uint64_t n) {
    LyExpr fail;
    if (!ly_bignum_room(vm, (double)n * 0.6942419, &fail)) return fail;
    mpz_t a, b, c, d;
    mpz_init(a);
    LyExpr r = NULL;
    if (n < FIB_DIRECT) {
        mpz_fib_ui(a, (unsigned long)n);
        r = ly_mkint_big(vm, a);
        mpz_clear(a);
        return r;
    }
    /* (a, b) = (F(k), F(k+1)) over the bits of n from the top:
     * F(2k) = F(k) (2 F(k+1) - F(k)), F(2k+1) = F(k)^2 + F(k+1)^2 */
    mpz_init_set_ui(b, 1);
    mpz_init(c);
    mpz_init(d);
    bool ok = true;
    for (int i = 63 - __builtin_clzll(n); i >= 0; i--) {
        if (!ly_safe_point_long(vm)) { ok = false; break; }
        mpz_mul_2exp(c, b, 1);
        mpz_sub(c, c, a);
        mpz_mul(c, c, a);             /* F(2k) */
        mpz_mul(d, a, a);
        mpz_mul(b, b, b);
        mpz_add(d, d, b);             /* F(2k+1) */
        if ((n >> i) & 1) { mpz_swap(a, d); mpz_add(b, c, a); }
        else { mpz_swap(a, c); mpz_swap(b, d); }
    }
    if (ok) r = ly_mkint_big(vm, a);
    mpz_clear(a); mpz_clear(b); mpz_clear(c); mpz_clear(d);
    return r;
}

/* ---- PowerMod and big primes --------------------------------------------------------------------- */

/* Work per mpz_powm call, in bit operations (bits of m times bits of e),
 * above which the exponent is taken in chunks. */
#define POWM_STEP ((double)(1 << 24))

bool lys_powm(LyVM *vm, mpz_t r, const mpz_t a, const mpz_t e, const mpz_t m) {
    double mb = (double)mpz_sizeinbase(m, 2), eb = (double)mpz_sizeinbase(e, 2);
    if (mb * eb <= POWM_STEP) { mpz_powm(r, a, e, m); return true; }
    /* r = r^(2^c) a^(next c bits of e) mod m, from the top */
    size_t c = (size_t)(POWM_STEP / mb);
    if (c < 4) c = 4;
    size_t nbits = mpz_sizeinbase(e, 2), chunks = (nbits + c - 1) / c;
    mpz_t acc, t, chunk, sh;
    mpz_init_set_ui(acc, 1);
    mpz_init(t);
    mpz_init(chunk);
    mpz_init(sh);
    mpz_setbit(sh, c);
    bool ok = true;
    for (size_t i = chunks; i-- > 0;) {
        if (!ly_safe_point_long(vm)) { ok = false; break; }
        mpz_fdiv_q_2exp(chunk, e, (mp_bitcnt_t)(i * c));
        mpz_fdiv_r_2exp(chunk, chunk, (mp_bitcnt_t)c);
        if (i + 1 < chunks) mpz_powm(acc, acc, sh, m);
        if (mpz_sgn(chunk)) {
            mpz_powm(t, a, chunk, m);
            mpz_mul(acc, acc, t);
            mpz_mod(acc, acc, m);
        }
    }
    if (ok) mpz_mod(r, acc, m);
    mpz_clear(acc); mpz_clear(t); mpz_clear(chunk); mpz_clear(sh);
    return ok;
}

/* Above this many bits PrimeQ runs its own Miller-Rabin rounds, each in
 * chunks: GMP's test is one call of hours on a 10^6-bit number.  Below it
 * GMP's test takes well under a second. */
#define PRIME_STEP_BITS 16384

int lys_prime_big(LyVM *vm, const mpz_t n0) {
    mpz_t n;
    mpz_init(n);
    mpz_abs(n, n0);
    if (mpz_sizeinbase(n, 2) <= PRIME_STEP_BITS) {
        int r = lys_prime_mpz(n);
        mpz_clear(n);
        return r;
    }
    int res = 1;
    for (unsigned long p = 3; p < 2000; p += 2)
        if (mpz_divisible_ui_p(n, p)) { res = 0; break; }
    if (mpz_even_p(n)) res = 0;
    /* strong probable prime to bases 2, 3 and 5 (no composite of this size
     * passing them is known; GMP's own test is BPSW plus one round) */
    static const unsigned long bases[] = { 2, 3, 5 };
    mpz_t d, x, nm1, a;
    mpz_init(d); mpz_init(x); mpz_init(nm1); mpz_init(a);
    mpz_sub_ui(nm1, n, 1);
    mp_bitcnt_t s = mpz_scan1(nm1, 0);
    mpz_tdiv_q_2exp(d, nm1, s);
    for (size_t b = 0; res == 1 && b < sizeof bases / sizeof bases[0]; b++) {
        mpz_set_ui(a, bases[b]);
        if (!lys_powm(vm, x, a, d, n)) { res = -1; break; }
        if (mpz_cmp_ui(x, 1) == 0 || mpz_cmp(x, nm1) == 0) continue;
        bool witness = true;
        for (mp_bitcnt_t i = 1; i < s; i++) {
            if (!ly_safe_point_long(vm)) { res = -1; break; }
            mpz_mul(x, x, x);
            mpz_mod(x, x, n);
            if (mpz_cmp(x, nm1) == 0) { witness = false; break; }
            if (mpz_cmp_ui(x, 1) == 0) break;
        }
        if (res == 1 && witness) res = 0;
    }
    mpz_clear(d); mpz_clear(x); mpz_clear(nm1); mpz_clear(a); mpz_clear(n);
    return res;
}
