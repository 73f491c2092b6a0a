/*
 * number.c — integers, rationals, machine reals and complex numbers.
 *
 * Integers have one representation each: a tagged small integer when the
 * value fits in 63 bits, else an LyBig holding GMP limbs in VM memory.  GMP
 * works on read-only views of those limbs (mpz_roinit_n); results computed
 * in GMP temporaries (GMP's own malloc) are copied into VM memory and the
 * temporaries cleared, so nothing the VM keeps lives outside its allocator.
 *
 * Contagion: integer < rational < real; complex combines componentwise; any
 * machine real makes the result inexact.
 */
#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <complex.h>
#undef I            /* complex.h's I would clash with the symbol names */
#include "lyv.h"
#undef I

_Static_assert(sizeof(mp_limb_t) == sizeof(uint64_t), "64-bit GMP limbs expected");

/* ---- integers ------------------------------------------------------------------------ */

LyExpr lyv_int_from_int64(LyVM *vm, int64_t v) {
    if (ly_fits_small(v)) return ly_mksmall(v);
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    return lyv_mkbig_from_limbs(vm, v < 0 ? -1 : 1, &mag);
}

LyExpr ly_int(LyVM *vm, int64_t v) { return lyv_int_from_int64(vm, v); }

LyExpr lyv_int_from_mpz(LyVM *vm, mpz_srcptr z) {
    if (mpz_fits_slong_p(z)) {
        long v = mpz_get_si(z);
        if (ly_fits_small(v)) return ly_mksmall(v);
    }
    int size = z->_mp_size;
    if (size > INT32_MAX / 2 || size < -(INT32_MAX / 2)) return ly_raise_nomem(vm);
    return lyv_mkbig_from_limbs(vm, size, (const uint64_t *)z->_mp_d);
}

LyExpr ly_mkint_big(LyVM *vm, const void *z) { return lyv_int_from_mpz(vm, (mpz_srcptr)z); }

void lyv_mpz_view(mpz_ptr out, LyExpr e, mp_limb_t tmp[1]) {
    if (ly_is_small(e)) {
        int64_t v = ly_small(e);
        tmp[0] = v < 0 ? (mp_limb_t)0 - (mp_limb_t)v : (mp_limb_t)v;
        mpz_roinit_n(out, tmp, v < 0 ? -1 : v > 0 ? 1 : 0);
    } else {
        LyBig *b = (LyBig *)e;
        mpz_roinit_n(out, (const mp_limb_t *)b->limbs, b->size);
    }
}

LyExpr ly_int_parse(LyVM *vm, const char *digits, int base) {
    mpz_t z;
    if (mpz_init_set_str(z, digits, base) != 0) { mpz_clear(z); return NULL; }
    LyExpr r = lyv_int_from_mpz(vm, z);
    mpz_clear(z);
    return r;
}

/* ---- rationals ------------------------------------------------------------------------- */

void lyv_mpq_set(mpq_ptr q, LyExpr e) {
    mp_limb_t t1[1], t2[1];
    mpz_t a, b;
    if (ly_type(e) == LY_TRAT) {
        lyv_mpz_view(a, ((LyRational *)e)->num, t1);
        lyv_mpz_view(b, ((LyRational *)e)->den, t2);
        mpq_set_num(q, a);
        mpq_set_den(q, b);
    } else {
        lyv_mpz_view(a, e, t1);
        mpq_set_z(q, a);
    }
}

LyExpr lyv_rat_from_mpq(LyVM *vm, mpq_srcptr q) {
    if (mpz_cmp_ui(mpq_denref(q), 1) == 0) return lyv_int_from_mpz(vm, mpq_numref(q));
    LyExpr n = lyv_int_from_mpz(vm, mpq_numref(q));
    if (!n) return NULL;
    LyExpr d = lyv_int_from_mpz(vm, mpq_denref(q));
    if (!d) { ly_unref(vm, n); return NULL; }
    LyRational *r = lyv_alloc(vm, sizeof(LyRational));
    if (!r) { ly_unref(vm, n); ly_unref(vm, d); return NULL; }
    r->h.rc = 1; r->h.type = LY_TRAT; r->h.flags = 0; r->h.aux = 0;
    r->num = n;
    r->den = d;
    return (LyExpr)r;
}

LyExpr ly_mkrational(LyVM *vm, LyExpr num, LyExpr den) {
    LyExpr r = NULL;
    if (ly_is_integer(num) && ly_is_integer(den) && !ly_num_is_zero(den)) {
        mpq_t q;
        mp_limb_t t1[1], t2[1];
        mpz_t a, b;
        lyv_mpz_view(a, num, t1);
        lyv_mpz_view(b, den, t2);
        mpq_init(q);
        mpq_set_num(q, a);
        mpq_set_den(q, b);
        mpq_canonicalize(q);
        r = lyv_rat_from_mpq(vm, q);
        mpq_clear(q);
    }
    ly_unref(vm, num);
    ly_unref(vm, den);
    return r;
}

LyExpr ly_rational(LyVM *vm, int64_t num, int64_t den) {
    LyExpr n = lyv_int_from_int64(vm, num), d = n ? lyv_int_from_int64(vm, den) : NULL;
    if (!d) { ly_unref(vm, n); return NULL; }
    return ly_mkrational(vm, n, d);
}

/* ---- complex -------------------------------------------------------------------------- */

/* Overflow[] or -Overflow[] (ly_real_result). */
static bool is_overflow(LyExpr x) {
    if (ly_head_is(x, LY_SYM(Times)) && ly_nlen(x) == 2 && ly_narg(x, 1) == ly_mksmall(-1)) x = ly_narg(x, 2);
    return ly_head_is(x, LY_SYM(Overflow)) && ly_nlen(x) == 0;
}

/* Machine reals past $MaxMachineNumber: Overflow[] (-Overflow[] for -inf)
 * with General::ovfl, as Wolfram does past $MaxNumber, instead of an
 * infinite machine real.  Callers that still have the operands ask the
 * range hook first (real_op_result), which goes on in arbitrary precision
 * as Wolfram does. */
LyExpr ly_real_result(LyVM *vm, double v) {
    if (!isinf(v)) return ly_mkreal(vm, v);
    ly_message(vm, LY_SYM(General), "ovfl", 0);
    LyExpr o = ly_mk(vm, LY_SYM(Overflow), 0);
    return v > 0 ? o : ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), o);
}

/* v = op[a, b] computed in machine arithmetic (op Plus, Times or Power):
 * when v is not finite, or a product or power of nonzero numbers underflowed
 * below the normal range, the range hook gives the value (ly_set_range_hook). */
static LyExpr real_op_result(LyVM *vm, double v, LyExpr op, LyExpr a, LyExpr b) {
    bool out = !isfinite(v);
    if ((v == 0 || fpclassify(v) == FP_SUBNORMAL) && op != LY_SYM(Plus) && !ly_num_is_zero(a) &&
        (op == LY_SYM(Power) || !ly_num_is_zero(b)))
        out = true;
    if (!out) return ly_mkreal(vm, v);
    if (vm->range_hook) {
        LyExpr args[2] = { a, b };
        LyExpr r = vm->range_hook(vm, op, 2, args);
        if (r || ly_unwinding(vm)) return r;
    }
    return ly_real_result(vm, v);
}

LyExpr ly_mkcomplex(LyVM *vm, LyExpr re, LyExpr im) {
    if (!re || !im) { ly_unref(vm, re); ly_unref(vm, im); return NULL; }
    if (is_overflow(re) || is_overflow(im)) {      /* a part overflowed (ly_real_result) */
        ly_unref(vm, is_overflow(re) ? im : re);
        return is_overflow(re) ? re : im;
    }
    if (ly_is_exact(im) && ly_num_is_zero(im)) { ly_unref(vm, im); return re; }
    LyComplex *c = lyv_alloc(vm, sizeof(LyComplex));
    if (!c) { ly_unref(vm, re); ly_unref(vm, im); return NULL; }
    c->h.rc = 1; c->h.type = LY_TCOMPLEX; c->h.flags = 0; c->h.aux = 0;
    /* a complex with one inexact part is inexact in both (1. + 2 I -> 1. + 2. I) */
    if (ly_is_real(re) && !ly_is_real(im)) {
        double d = ly_num_to_double(im); ly_unref(vm, im); im = ly_real_result(vm, d);
    } else if (ly_is_real(im) && !ly_is_real(re)) {
        double d = ly_num_to_double(re); ly_unref(vm, re); re = ly_real_result(vm, d);
    }
    if (is_overflow(re) || is_overflow(im)) {
        lyv_free(vm, c, sizeof(LyComplex));
        ly_unref(vm, is_overflow(re) ? im : re);
        return is_overflow(re) ? re : im;
    }
    c->re = re;
    c->im = im;
    if (!re || !im) {
        if (!re) c->re = ly_mksmall(0);
        if (!im) c->im = ly_mksmall(0);
        ly_unref(vm, (LyExpr)c);
        return NULL;
    }
    return (LyExpr)c;
}

/* ---- predicates ------------------------------------------------------------------------- */

static int level(LyExpr a) {
    if (ly_is_small(a)) return 0;
    switch (a->type) {
    case LY_TBIG: return 0;
    case LY_TRAT: return 1;
    case LY_TREAL: return 2;
    case LY_TCOMPLEX: return 3;
    default: return -1;
    }
}

bool ly_num_is_zero(LyExpr a) {
    if (ly_is_small(a)) return ly_small(a) == 0;
    if (ly_is_real(a)) return ly_realv(a) == 0.0;
    return false;   /* bigs and rationals are never zero; complex has im != 0 */
}

bool ly_num_is_one(LyExpr a) {
    if (ly_is_small(a)) return ly_small(a) == 1;
    if (ly_is_real(a)) return ly_realv(a) == 1.0;
    return false;
}

bool ly_is_exact(LyExpr a) {
    int l = level(a);
    if (l == 3) return ly_is_exact(((LyComplex *)a)->re) && ly_is_exact(((LyComplex *)a)->im);
    return l == 0 || l == 1;
}

int ly_num_sign(LyExpr a) {
    if (ly_is_small(a)) { int64_t v = ly_small(a); return (v > 0) - (v < 0); }
    switch (a->type) {
    case LY_TBIG: return ((LyBig *)a)->size > 0 ? 1 : -1;
    case LY_TRAT: return ly_num_sign(((LyRational *)a)->num);
    case LY_TREAL: { double d = ly_realv(a); return (d > 0) - (d < 0); }
    default: return ly_is_bigreal(a) ? ly_num_sign(ly_narg(a, 1)) : 0;
    }
}

double ly_num_to_double(LyExpr a) {
    if (ly_is_small(a)) return (double)ly_small(a);
    switch (a->type) {
    case LY_TBIG: { mpz_t z; mp_limb_t t[1]; lyv_mpz_view(z, a, t); return mpz_get_d(z); }
    case LY_TRAT: {
        mpq_t q; mpq_init(q); lyv_mpq_set(q, a);
        double d = mpq_get_d(q); mpq_clear(q); return d;
    }
    case LY_TREAL: return ly_realv(a);
    default: return NAN;
    }
}

int ly_num_cmp(LyExpr a, LyExpr b) {
    if (ly_is_small(a) && ly_is_small(b)) {
        int64_t x = ly_small(a), y = ly_small(b);
        return (x > y) - (x < y);
    }
    int la = level(a), lb = level(b);
    if (la == 2 || lb == 2) {
        double x = ly_num_to_double(a), y = ly_num_to_double(b);
        return (x > y) - (x < y);
    }
    if (la == 0 && lb == 0) {
        mpz_t x, y; mp_limb_t t1[1], t2[1];
        lyv_mpz_view(x, a, t1); lyv_mpz_view(y, b, t2);
        int c = mpz_cmp(x, y);
        return (c > 0) - (c < 0);
    }
    mpq_t x, y;
    mpq_init(x); mpq_init(y);
    lyv_mpq_set(x, a); lyv_mpq_set(y, b);
    int c = mpq_cmp(x, y);
    mpq_clear(x); mpq_clear(y);
    return (c > 0) - (c < 0);
}

/* ---- arithmetic --------------------------------------------------------------------------- */

typedef enum { OP_ADD, OP_MUL } Op;

static LyExpr exact_op(LyVM *vm, LyExpr a, LyExpr b, Op op, int lvl) {
    if (lvl == 0) {
        mpz_t x, y, r; mp_limb_t t1[1], t2[1];
        lyv_mpz_view(x, a, t1); lyv_mpz_view(y, b, t2);
        mpz_init(r);
        if (op == OP_ADD) mpz_add(r, x, y); else mpz_mul(r, x, y);
        LyExpr e = lyv_int_from_mpz(vm, r);
        mpz_clear(r);
        return e;
    }
    mpq_t x, y;
    mpq_init(x); mpq_init(y);
    lyv_mpq_set(x, a); lyv_mpq_set(y, b);
    if (op == OP_ADD) mpq_add(x, x, y); else mpq_mul(x, x, y);
    LyExpr e = lyv_rat_from_mpq(vm, x);
    mpq_clear(x); mpq_clear(y);
    return e;
}

static LyExpr re_part(LyExpr a) { return level(a) == 3 ? ((LyComplex *)a)->re : a; }
static LyExpr im_part(LyExpr a) { return level(a) == 3 ? ((LyComplex *)a)->im : ly_mksmall(0); }

static LyExpr num_op(LyVM *vm, LyExpr a, LyExpr b, Op op, bool hook);

/* Parts of complex numbers are computed without the range hook: a part
 * out of range gives Overflow[] (ly_real_result), as before. */
static LyExpr part_add(LyVM *vm, LyExpr a, LyExpr b) { return num_op(vm, a, b, OP_ADD, false); }
static LyExpr part_mul(LyVM *vm, LyExpr a, LyExpr b) { return num_op(vm, a, b, OP_MUL, false); }

static LyExpr complex_op(LyVM *vm, LyExpr a, LyExpr b, Op op) {
    LyExpr ar = re_part(a), ai = im_part(a), br = re_part(b), bi = im_part(b);
    if (op == OP_ADD)
        return ly_mkcomplex(vm, part_add(vm, ar, br), part_add(vm, ai, bi));
    /* (ar + ai i)(br + bi i) = (ar br - ai bi) + (ar bi + ai br) i */
    LyExpr p1 = part_mul(vm, ar, br), p2 = part_mul(vm, ai, bi);
    LyExpr p3 = part_mul(vm, ar, bi), p4 = part_mul(vm, ai, br);
    LyExpr re = NULL, im = NULL;
    if (p1 && p2 && p3 && p4) {
        LyExpr n2 = part_mul(vm, ly_mksmall(-1), p2);
        re = n2 ? part_add(vm, p1, n2) : NULL;
        ly_unref(vm, n2);
        im = part_add(vm, p3, p4);
    }
    ly_unref(vm, p1); ly_unref(vm, p2); ly_unref(vm, p3); ly_unref(vm, p4);
    return ly_mkcomplex(vm, re, im);
}

static LyExpr num_op(LyVM *vm, LyExpr a, LyExpr b, Op op, bool hook) {
    int la = level(a), lb = level(b);
    int l = la > lb ? la : lb;
    if (la < 0 || lb < 0) {
        /* an overflowed part of a sum or product so far stays Overflow[] */
        LyExpr o = is_overflow(a) ? a : is_overflow(b) ? b : NULL;
        if (o) { ly_ref(o); return o; }
        /* an out-of-range value the range hook made, such as a sum so far */
        if (!hook || !vm->range_hook) return NULL;
        LyExpr args[2] = { a, b };
        return vm->range_hook(vm, op == OP_ADD ? LY_SYM(Plus) : LY_SYM(Times), 2, args);
    }
    if (l == 3) return complex_op(vm, a, b, op);
    if (l == 2) {
        double x = ly_num_to_double(a), y = ly_num_to_double(b);
        double v = op == OP_ADD ? x + y : x * y;
        if (!hook) return ly_real_result(vm, v);
        return real_op_result(vm, v, op == OP_ADD ? LY_SYM(Plus) : LY_SYM(Times), a, b);
    }
    return exact_op(vm, a, b, op, l);
}

LyExpr ly_num_add(LyVM *vm, LyExpr a, LyExpr b) {
    if (ly_is_small(a) && ly_is_small(b)) {
        int64_t r;
        if (!__builtin_add_overflow(ly_small(a), ly_small(b), &r)) return lyv_int_from_int64(vm, r);
    }
    if (ly_is_real(a) && ly_is_real(b)) return real_op_result(vm, ly_realv(a) + ly_realv(b), LY_SYM(Plus), a, b);
    return num_op(vm, a, b, OP_ADD, true);
}

LyExpr ly_num_mul(LyVM *vm, LyExpr a, LyExpr b) {
    if (ly_is_small(a) && ly_is_small(b)) {
        int64_t r;
        if (!__builtin_mul_overflow(ly_small(a), ly_small(b), &r)) return lyv_int_from_int64(vm, r);
    }
    if (ly_is_real(a) && ly_is_real(b)) return real_op_result(vm, ly_realv(a) * ly_realv(b), LY_SYM(Times), a, b);
    return num_op(vm, a, b, OP_MUL, true);
}

LyExpr ly_num_neg(LyVM *vm, LyExpr a) {
    if (ly_is_small(a)) return lyv_int_from_int64(vm, -ly_small(a));
    if (ly_is_real(a)) return ly_mkreal(vm, -ly_realv(a));
    if (ly_is_bigreal(a)) {
        /* the mantissa negated, exponent and precision kept (the parser's
         * -1.5`20 was a machine number) */
        LyExpr m = ly_num_neg(vm, ly_narg(a, 1));
        LyExpr r = m ? ly_mknormal(vm, ly_nhead(a), 3) : NULL;
        if (!r) { ly_unref(vm, m); return NULL; }
        ly_nset(r, 1, m);
        ly_ref(ly_narg(a, 2)); ly_nset(r, 2, ly_narg(a, 2));
        ly_ref(ly_narg(a, 3)); ly_nset(r, 3, ly_narg(a, 3));
        return r;
    }
    return ly_num_mul(vm, ly_mksmall(-1), a);
}

/* 1/a for a nonzero number. */
static LyExpr num_inverse(LyVM *vm, LyExpr a) {
    int l = level(a);
    if (l == 2) return real_op_result(vm, 1.0 / ly_realv(a), LY_SYM(Power), a, ly_mksmall(-1));
    if (l == 3) {
        /* 1/(x + y i) = (x - y i)/(x^2 + y^2) */
        LyExpr x = re_part(a), y = im_part(a);
        LyExpr x2 = part_mul(vm, x, x), y2 = part_mul(vm, y, y);
        LyExpr d = x2 && y2 ? part_add(vm, x2, y2) : NULL;
        ly_unref(vm, x2); ly_unref(vm, y2);
        if (!d) return NULL;
        if (!ly_is_number(d)) return d;     /* Overflow[] */
        LyExpr di = ly_is_real(d) ? ly_real_result(vm, 1.0 / ly_realv(d)) : num_inverse(vm, d);
        ly_unref(vm, d);
        if (!di) return NULL;
        if (!ly_is_number(di)) return di;
        LyExpr ny = ly_num_neg(vm, y);
        LyExpr re = part_mul(vm, x, di), im = ny ? part_mul(vm, ny, di) : NULL;
        ly_unref(vm, ny); ly_unref(vm, di);
        return ly_mkcomplex(vm, re, im);
    }
    mpq_t q;
    mpq_init(q);
    lyv_mpq_set(q, a);
    mpq_inv(q, q);
    LyExpr r = lyv_rat_from_mpq(vm, q);
    mpq_clear(q);
    return r;
}

LyExpr ly_num_div(LyVM *vm, LyExpr a, LyExpr b) {
    if (ly_is_exact(b) && ly_num_is_zero(b)) return NULL;
    LyExpr inv = num_inverse(vm, b);
    if (!inv) return NULL;
    if (!ly_is_number(inv)) {
        /* 1/b out of the machine range: the range hook's value (or Overflow[]) */
        LyExpr args[2] = { a, inv };
        LyExpr r = vm->range_hook && !is_overflow(inv) ? vm->range_hook(vm, LY_SYM(Times), 2, args) : NULL;
        if (r || ly_unwinding(vm)) { ly_unref(vm, inv); return r; }
        return inv;
    }
    LyExpr r = ly_num_mul(vm, a, inv);
    ly_unref(vm, inv);
    return r;
}

/* ---- powers --------------------------------------------------------------------------- */

/* Bits of an exact integer. */
static double exact_bits(LyExpr x) {
    mpz_t z; mp_limb_t t[1];
    lyv_mpz_view(z, x, t);
    return (double)mpz_sizeinbase(z, 2);
}

/* Results above this many bits are computed by squaring step by step with
 * a safe point between steps (one GMP call of that size takes long), so
 * TimeConstrained and Ctrl-C stop 3^(10^9) within one squaring. */
#define POW_STEP_BITS ((double)(1 << 22))

static LyExpr int_pow(LyVM *vm, LyExpr base, uint64_t n) {
    mpz_t b, r; mp_limb_t t[1];
    lyv_mpz_view(b, base, t);
    double bits = (double)mpz_sizeinbase(b, 2) * (double)n;
    LyExpr fail;
    if (mpz_cmpabs_ui(b, 1) > 0 && !ly_bignum_room(vm, bits, &fail)) return fail;
    mpz_init(r);
    if (bits <= POW_STEP_BITS || mpz_cmpabs_ui(b, 1) <= 0) {
        mpz_pow_ui(r, b, n);
    } else {
        /* left to right over the bits of n; powers of two as one shift */
        mp_bitcnt_t z = mpz_scan1(b, 0);
        mpz_t odd;
        mpz_init(odd);
        mpz_tdiv_q_2exp(odd, b, z);
        mpz_set_ui(r, 1);
        bool stopped = false;
        if (mpz_cmpabs_ui(odd, 1) != 0) {
            int top = 63 - __builtin_clzll(n);
            for (int i = top; i >= 0; i--) {
                if (!ly_safe_point_long(vm)) { stopped = true; break; }
                mpz_mul(r, r, r);
                if ((n >> i) & 1) mpz_mul(r, r, odd);
            }
        }
        if (!stopped) {
            if (mpz_sgn(odd) < 0 && !(n & 1)) mpz_abs(r, r);
            mpz_mul_2exp(r, r, (mp_bitcnt_t)z * n);
        }
        mpz_clear(odd);
        if (stopped) { mpz_clear(r); return NULL; }
    }
    LyExpr e = lyv_int_from_mpz(vm, r);
    mpz_clear(r);
    return e;
}

/* Exact power base^expo for numbers where the result is a number; NULL
 * (without unwinding) when the result is not a number (e.g. 2^(1/2)). */
LyExpr lyv_num_power(LyVM *vm, LyExpr base, LyExpr expo) {
    int lb = level(base), le = level(expo);
    if (lb < 0 || le < 0) return NULL;
    if (le == 0) {
        /* integer exponent */
        if (lb == 2) return real_op_result(vm, pow(ly_realv(base), ly_num_to_double(expo)), LY_SYM(Power), base, expo);
        if (ly_is_small(expo) && ly_small(expo) >= 0) {
            uint64_t n = (uint64_t)ly_small(expo);
            if (lb == 0) return int_pow(vm, base, n);
            if (n == 0) return ly_mksmall(1);
            if (lb == 1) {
                /* a rational: numerator and denominator as integers */
                LyExpr num = int_pow(vm, ((LyRational *)base)->num, n);
                if (!num || !ly_is_integer(num)) return num;
                LyExpr den = int_pow(vm, ((LyRational *)base)->den, n);
                if (!den || !ly_is_integer(den)) { ly_unref(vm, num); return den; }
                /* coprime already: no gcd of the (maybe huge) powers */
                if (ly_num_is_one(den)) return num;
                LyRational *r = lyv_alloc(vm, sizeof(LyRational));
                if (!r) { ly_unref(vm, num); ly_unref(vm, den); return NULL; }
                r->h.rc = 1; r->h.type = LY_TRAT; r->h.flags = 0; r->h.aux = 0;
                r->num = num;
                r->den = den;
                return (LyExpr)r;
            }
            /* repeated squaring on complex numbers; exact ones are sized first */
            if (ly_is_exact(base)) {
                double bits = 0;
                LyExpr parts[2] = { re_part(base), im_part(base) };
                for (int i = 0; i < 2; i++) {
                    LyExpr p = parts[i];
                    if (ly_type(p) == LY_TRAT) bits += exact_bits(((LyRational *)p)->num) + exact_bits(((LyRational *)p)->den);
                    else bits += exact_bits(p);
                }
                LyExpr fail;
                if (!ly_bignum_room(vm, bits * (double)n, &fail)) return fail;
            }
            LyExpr acc = ly_mksmall(1), sq = base;
            ly_ref(sq);
            while (n) {
                if (!ly_safe_point(vm)) { ly_unref(vm, acc); acc = NULL; break; }
                if (n & 1) { LyExpr t = ly_num_mul(vm, acc, sq); ly_unref(vm, acc); acc = t; if (!acc) break; }
                n >>= 1;
                if (n) { LyExpr t = ly_num_mul(vm, sq, sq); ly_unref(vm, sq); sq = t; if (!sq) break; }
            }
            ly_unref(vm, sq);
            return acc;
        }
        if (ly_is_small(expo)) {
            if (ly_is_exact(base) && ly_num_is_zero(base)) return NULL;  /* caller handles 1/0 */
            LyExpr ne = lyv_int_from_int64(vm, -ly_small(expo));
            LyExpr p = ne ? lyv_num_power(vm, base, ne) : NULL;
            if (!p) return NULL;
            if (!ly_is_number(p)) return p;
            LyExpr r = num_inverse(vm, p);
            ly_unref(vm, p);
            return r;
        }
        if (ly_is_exact(base) && (ly_num_is_one(base) || ly_num_is_zero(base)) && ly_num_sign(expo) > 0) {
            ly_ref(base);
            return base;
        }
        if (lb <= 1) {
            ly_message(vm, LY_SYM(General), "ovfl", 0);
            return ly_mk(vm, LY_SYM(Overflow), 0);
        }
        return NULL;
    }
    if ((le == 3 || (lb == 3 && le == 0)) && (!ly_is_exact(base) || !ly_is_exact(expo))) {
        /* complex with an inexact part: the principal value numerically */
        double _Complex b = ly_num_to_double(re_part(base)) + ly_num_to_double(im_part(base)) * _Complex_I;
        double _Complex x = ly_num_to_double(re_part(expo)) + ly_num_to_double(im_part(expo)) * _Complex_I;
        double _Complex r = b == 0 ? 0 : cpow(b, x);
        return ly_mkcomplex(vm, ly_mkreal(vm, creal(r)), ly_mkreal(vm, cimag(r)));
    }
    if ((le == 2 && lb <= 2) || (lb == 2 && le <= 2)) {
        double x = ly_num_to_double(base), y = ly_num_to_double(expo);
        if (x < 0 && y == 0.5)      /* Sqrt[-4.] is 0. + 2. I exactly, as Wolfram */
            return ly_mkcomplex(vm, ly_mkreal(vm, 0.0), ly_mkreal(vm, sqrt(-x)));
        if (x < 0 && y != floor(y)) {
            /* principal value: |x|^y (cos(pi y) + i sin(pi y)) */
            double m = pow(-x, y);
            return ly_mkcomplex(vm, ly_real_result(vm, m * cos(M_PI * y)), ly_real_result(vm, m * sin(M_PI * y)));
        }
        return real_op_result(vm, pow(x, y), LY_SYM(Power), base, expo);
    }
    if (le == 1 && lb <= 1) {
        /* rational exponent p/q on an exact rational base: exact when a perfect power */
        LyExpr p = ((LyRational *)expo)->num, q = ((LyRational *)expo)->den;
        if (!ly_is_small(q) || !ly_is_small(p) || ly_num_sign(base) < 0) return NULL;
        unsigned long qi = (unsigned long)ly_small(q);
        mpq_t bq; mpz_t rn, rd;
        mpq_init(bq); lyv_mpq_set(bq, base);
        mpz_init(rn); mpz_init(rd);
        int exact = mpz_root(rn, mpq_numref(bq), qi) && mpz_root(rd, mpq_denref(bq), qi);
        LyExpr r = NULL;
        if (exact) {
            mpq_t rq; mpq_init(rq);
            mpq_set_num(rq, rn); mpq_set_den(rq, rd);
            LyExpr root = lyv_rat_from_mpq(vm, rq);
            mpq_clear(rq);
            r = root ? lyv_num_power(vm, root, p) : NULL;
            ly_unref(vm, root);
        }
        mpz_clear(rn); mpz_clear(rd); mpq_clear(bq);
        return r;
    }
    if (lb == 3 && (le == 2 || (le == 1 && !ly_is_exact(base)))) {
        /* complex^real numerically (an inexact complex base takes exact
         * rational exponents too: Sqrt[-1. + 0. I]) */
        double x = ly_num_to_double(re_part(base)), y = ly_num_to_double(im_part(base));
        double e = ly_num_to_double(expo);
        if (e == 0.5) {             /* the accurate square root: Sqrt[-1. + 0. I] is 0. + 1. I */
            double _Complex z = csqrt(x + y * _Complex_I);
            return ly_mkcomplex(vm, ly_mkreal(vm, creal(z)), ly_mkreal(vm, cimag(z)));
        }
        double r = pow(hypot(x, y), e), t = atan2(y, x) * e;
        return ly_mkcomplex(vm, ly_real_result(vm, r * cos(t)), ly_real_result(vm, r * sin(t)));
    }
    return NULL;
}
