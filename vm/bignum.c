/*
 * bignum.c — big integers that take long: the size check before GMP is
 * asked, and digit conversion in steps (issue 9).
 *
 * GMP computes outside the VM's funnel and one call cannot be interrupted,
 * so builtins about to build an exact integer ask ly_bignum_room first
 * (exact-size limit, memory caps, MemoryConstrained), and long computations
 * are split into steps with ly_safe_point_long between them: powers
 * (number.c), factorials, binomials, Fibonacci numbers and PowerMod
 * (stdlib/bigint.c), and the conversion to digits here.
 *
 * Digits: mpz_get_str on a number of 10^8 digits is one call of many
 * seconds.  ly_bignum_digits divides by powers base^(L 2^i) (computed by
 * squaring) down to pieces of L digits that mpz_get_str converts quickly;
 * this is what GMP does inside, with a safe point between pieces.
 */
#include "lyv.h"

/* Largest exact result we build, in bits; beyond it General::ovfl and Overflow[]. */
#define LY_MAX_EXACT_BITS ((uint64_t)1 << 32)

bool ly_bignum_room(LyVM *vm, double bits, LyExpr *fail) {
    *fail = NULL;
    if (bits > (double)LY_MAX_EXACT_BITS) {
        ly_message(vm, LY_SYM(General), "ovfl", 0);
        *fail = ly_mk(vm, LY_SYM(Overflow), 0);
        return false;
    }
    /* the result is copied into the funnel; GMP needs about as much again */
    return ly_mem_check(vm, (size_t)(bits / 8) + 64);
}

/* ---- digits ------------------------------------------------------------------------------ */

#define LEAF_DIGITS 8192          /* pieces mpz_get_str converts at once */
#define STEP_DIGITS 100000        /* below this many digits: one mpz_get_str call */

typedef struct Conv {
    LyVM *vm;
    LyBuf *out;
    int base;
    mpz_t *pw;                    /* pw[i] = base^(LEAF_DIGITS 2^i) */
    char *leaf;                   /* LEAF_DIGITS + 2 bytes */
    bool stopped;
} Conv;

/* Appends the digits of z (0 <= z < base^(LEAF_DIGITS 2^level)); with pad,
 * exactly LEAF_DIGITS 2^level of them (leading zeros). */
static void conv(Conv *c, mpz_srcptr z, int level, bool pad) {
    if (c->stopped || c->out->oom) return;
    if (level == 0) {
        mpz_get_str(c->leaf, c->base, z);
        size_t n = strlen(c->leaf);
        if (pad) for (size_t i = n; i < LEAF_DIGITS; i++) ly_buf_put(c->out, "0", 1);
        ly_buf_put(c->out, c->leaf, n);
        return;
    }
    if (!pad && mpz_cmp(z, c->pw[level - 1]) < 0) { conv(c, z, level - 1, false); return; }
    if (!ly_safe_point_long(c->vm)) { c->stopped = true; return; }
    mpz_t q, r;
    mpz_init(q);
    mpz_init(r);
    mpz_tdiv_qr(q, r, z, c->pw[level - 1]);
    conv(c, q, level - 1, pad);
    conv(c, r, level - 1, true);
    mpz_clear(q);
    mpz_clear(r);
}

bool ly_bignum_digits(LyVM *vm, LyBuf *out, const void *zp, int base) {
    mpz_srcptr z0 = zp;
    mpz_t z;
    mpz_roinit_n(z, mpz_limbs_read(z0), (mp_size_t)mpz_size(z0));   /* |z0| */
    size_t nd = mpz_sizeinbase(z, base);
    if (nd < STEP_DIGITS) {
        size_t need = nd + 2;
        char *tmp = ly_alloc(vm, need);
        if (!tmp) { out->oom = true; return false; }
        mpz_get_str(tmp, base, z);
        ly_buf_puts(out, tmp);
        ly_dealloc(vm, tmp, need);
        return !out->oom;
    }
    int levels = 0;
    while (((size_t)LEAF_DIGITS << levels) < nd) levels++;
    Conv c = { vm, out, base, NULL, NULL, false };
    c.pw = ly_alloc(vm, (size_t)levels * sizeof(mpz_t));
    c.leaf = c.pw ? ly_alloc(vm, LEAF_DIGITS + 2) : NULL;
    if (!c.leaf) {
        if (c.pw) ly_dealloc(vm, c.pw, (size_t)levels * sizeof(mpz_t));
        out->oom = true;
        return false;
    }
    int made = 0;
    for (; made < levels; made++) {
        if (!ly_safe_point_long(vm)) { c.stopped = true; break; }
        mpz_init(c.pw[made]);
        if (made == 0) mpz_ui_pow_ui(c.pw[0], (unsigned long)base, LEAF_DIGITS);
        else mpz_mul(c.pw[made], c.pw[made - 1], c.pw[made - 1]);
    }
    if (!c.stopped) conv(&c, z, levels, false);
    for (int i = 0; i < made; i++) mpz_clear(c.pw[i]);
    ly_dealloc(vm, c.leaf, LEAF_DIGITS + 2);
    ly_dealloc(vm, c.pw, (size_t)levels * sizeof(mpz_t));
    return !c.stopped && !out->oom;
}
