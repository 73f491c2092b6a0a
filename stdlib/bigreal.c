/*
 * bigreal.c — arbitrary-precision reals: N[expr, p], SetPrecision, and
 * arithmetic on the numbers they give, on GMP integers (no MPFR).
 *
 * A number of precision p (decimal digits, as Wolfram's Precision) is the
 * expression Lyra`BigReal[m, e, p]: the value m 2^e, m an integer carrying
 * p digits and some guard bits.  It prints (OutputForm, through the format
 * hook) as Wolfram prints an arbitrary-precision real: p significant
 * digits, 3.1415926535897932384626433832795028841971693993751, or
 * 3.14159265358979323846264338328*10^20 outside [10^-5, 10^6).
 *
 * N[expr, p] evaluates the numeric parts of expr at increasing working
 * precision until two evaluations agree to p digits: integers, rationals,
 * Pi, E, GoldenRatio, Degree, Plus, Times, Power, Sqrt, Exp, Log, the
 * trigonometric and hyperbolic functions and their inverses (real
 * arguments).  What it cannot evaluate so (complex values, other
 * functions) falls back to machine numbers.  Machine reals in expr stay
 * machine reals, as in Wolfram.
 *
 * Arithmetic on these numbers goes through up-values of Lyra`BigReal
 * (defined the first time a number is made) calling Lyra`BigOp, with
 * Wolfram's first-order significance arithmetic: sums keep the smallest
 * accuracy, products the smallest precision, functions lose the log10 of
 * their condition number.  A machine number in the mix gives a machine
 * number.  Comparisons, NumberQ and NumericQ see them through
 * lys_bigreal_value (machine value).
 */
#include <complex.h>
#include <gmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lys_bf.h"
#undef I

/* ---- the expression form ------------------------------------------------------------------- */

static LyExpr big_sym(LyVM *vm) { return ly_symbol(vm, "Lyra`BigReal"); }

bool lys_is_bigreal(LyVM *vm, LyExpr e) {
    return ly_type(e) == LY_TNORMAL && ly_nhead(e) == big_sym(vm) && ly_nlen(e) == 3 &&
           ly_is_integer(ly_narg(e, 1)) && ly_is_small(ly_narg(e, 2)) && ly_is_real(ly_narg(e, 3));
}

static void get_bf(LyExpr e, LysBF *x, double *prec) {
    ly_int_get_mpz(ly_narg(e, 1), x->m);
    x->e = (long)ly_small(ly_narg(e, 2));
    if (prec) *prec = ly_num_to_double(ly_narg(e, 3));
}

double lys_bigreal_value(LyExpr e) {
    LysBF x;
    lys_bf_init(&x);
    get_bf(e, &x, NULL);
    double d = lys_bf_get_d(&x);
    lys_bf_clear(&x);
    return d;
}

static void define_upvalues(LyVM *vm);

/* log10(10^x + 10^y) without leaving the double range; -INFINITY stands
 * for an absent term */
static double log10_sum(double x, double y) {
    if (x == -INFINITY) return y;
    if (y == -INFINITY) return x;
    double hi = x > y ? x : y, lo = x > y ? y : x;
    return hi + log10(1 + pow(10, lo - hi));
}

/* Lyra`BigReal[m, e, p] for x at precision p (x rounded to p digits plus guard bits) */
static LyExpr mk_big(LyVM *vm, LysBF *x, double p) {
    if (!lys_bf_sgn(x)) return ly_mksmall(0);
    if (!(p >= 0.5)) p = 0.5;                    /* NaN too */
    if (p > 1e7) p = 1e7;                        /* no infinite (or absurd) mantissas */
    lys_bf_round(x, (long)ceil(p * LOG2_10) + 24);
    LyExpr m = ly_int_from_mpz(vm, x->m);
    if (!m) return NULL;
    define_upvalues(vm);
    return ly_mk(vm, big_sym(vm), 3, m, ly_mksmall(x->e), ly_mkreal(vm, p));
}

LyExpr lys_bf_to_expr(LyVM *vm, LysBF *x, double p) { return mk_big(vm, x, p); }
void lys_bf_from_expr(LyExpr e, LysBF *x, double *prec) { get_bf(e, x, prec); }

/* ---- evaluating a numeric expression at working precision wp -------------------------------------- */

typedef struct {
    LyVM *vm;
    double prec;    /* the smallest precision of Lyra`BigReal inputs (Infinity: none) */
} Ev;

static bool ev(Ev *E, LyExpr e, long wp, LysBF *out);

static bool is_named(LyExpr h, const char *name) { return ly_is_sym(h) && ly_is_symbol(h, name); }

/* Functions that are x (1 + O(x^2)) near 0, and those that are 1/x there. */
static bool odd_at_zero(const char *f) {
    return !strcmp(f, "Sin") || !strcmp(f, "Tan") || !strcmp(f, "Sinh") || !strcmp(f, "Tanh") ||
           !strcmp(f, "ArcSin") || !strcmp(f, "ArcTan");
}
static bool pole_at_zero(const char *f) { return !strcmp(f, "Cot") || !strcmp(f, "Csc"); }

static bool ev_fn(Ev *E, const char *f, const LysBF *x, long wp, LysBF *out) {
    /* The series below work to wp bits after the point, so a tiny x would
     * give 0 (Sin[1.`20*^-400]) or a division by 0 (Cot): with x^2 below
     * the last bit an odd function is x itself, else the work takes as
     * many more bits as x has leading zeros. */
    long mg = lys_bf_mag(x);
    if (mg < 0 && lys_bf_sgn(x) && (odd_at_zero(f) || pole_at_zero(f))) {
        if (odd_at_zero(f) && 2 * mg + 4 < -wp) {
            lys_bf_set(out, x);
            lys_bf_round(out, wp);
            return true;
        }
        wp -= mg;
    }
    long w2 = wp + 16;
    LysBF a, b, one;
    lys_bf_init(&a); lys_bf_init(&b); lys_bf_init(&one);
    lys_bf_set_si(&one, 1);
    bool ok = true;
    if (!strcmp(f, "Sin")) ok = lys_bf_sincos(out, NULL, x, wp);
    else if (!strcmp(f, "Cos")) ok = lys_bf_sincos(NULL, out, x, wp);
    else if (!strcmp(f, "Tan") || !strcmp(f, "Cot") || !strcmp(f, "Sec") || !strcmp(f, "Csc")) {
        ok = lys_bf_sincos(&a, &b, x, w2);
        if (ok) {
            if (!strcmp(f, "Tan")) ok = lys_bf_sgn(&b) && (lys_bf_div(out, &a, &b, wp), true);
            else if (!strcmp(f, "Cot")) ok = lys_bf_sgn(&a) && (lys_bf_div(out, &b, &a, wp), true);
            else if (!strcmp(f, "Sec")) ok = lys_bf_sgn(&b) && (lys_bf_div(out, &one, &b, wp), true);
            else ok = lys_bf_sgn(&a) && (lys_bf_div(out, &one, &a, wp), true);
        }
    } else if (!strcmp(f, "Exp")) ok = lys_bf_exp(out, x, wp);
    else if (!strcmp(f, "Log")) { ok = lys_bf_sgn(x) > 0; if (ok) lys_bf_log(out, x, wp); }
    else if (!strcmp(f, "Log2") || !strcmp(f, "Log10")) {
        ok = lys_bf_sgn(x) > 0;
        if (ok) {
            lys_bf_log(&a, x, w2);
            lys_bf_set_si(&b, f[3] == '2' ? 2 : 10);
            lys_bf_log(&b, &b, w2);
            lys_bf_div(out, &a, &b, wp);
        }
    }
    else if (!strcmp(f, "Sqrt")) { ok = lys_bf_sgn(x) >= 0; if (ok) lys_bf_sqrt(out, x, wp); }
    else if (!strcmp(f, "ArcTan")) lys_bf_atan(out, x, wp);
    else if (!strcmp(f, "ArcSin") || !strcmp(f, "ArcCos")) {
        /* asin x = atan(x / sqrt(1 - x^2)) */
        lys_bf_mul(&a, x, x, w2);
        lys_bf_sub(&a, &one, &a, w2);
        int s = lys_bf_sgn(&a);
        ok = s >= 0;
        if (ok) {
            if (s == 0) { lys_bf_pi(&b, w2); b.e -= 1; if (lys_bf_sgn(x) < 0) lys_bf_neg(&b, &b); }
            else { lys_bf_sqrt(&a, &a, w2); lys_bf_div(&a, x, &a, w2); lys_bf_atan(&b, &a, w2); }
            if (!strcmp(f, "ArcCos")) { lys_bf_pi(&a, w2); a.e -= 1; lys_bf_sub(&b, &a, &b, w2); }
            lys_bf_set(out, &b);
            lys_bf_round(out, wp);
        }
    } else if (!strcmp(f, "Sinh") || !strcmp(f, "Cosh") || !strcmp(f, "Tanh")) {
        LysBF nx;
        lys_bf_init(&nx);
        lys_bf_neg(&nx, x);
        ok = lys_bf_exp(&a, x, w2) && lys_bf_exp(&b, &nx, w2);
        if (ok) {
            if (!strcmp(f, "Sinh")) { lys_bf_sub(out, &a, &b, w2); out->e -= 1; }
            else if (!strcmp(f, "Cosh")) { lys_bf_add(out, &a, &b, w2); out->e -= 1; }
            else { lys_bf_sub(&nx, &a, &b, w2); lys_bf_add(&a, &a, &b, w2); lys_bf_div(out, &nx, &a, w2); }
            lys_bf_round(out, wp);
        }
        lys_bf_clear(&nx);
    } else if (!strcmp(f, "Abs")) { mpz_abs(out->m, x->m); out->e = x->e; }
    else ok = false;
    lys_bf_clear(&a); lys_bf_clear(&b); lys_bf_clear(&one);
    (void)E;
    return ok;
}

static bool ev(Ev *E, LyExpr e, long wp, LysBF *out) {
    LyVM *vm = E->vm;
    if (ly_is_integer(e)) { ly_int_get_mpz(e, out->m); out->e = 0; return true; }
    if (ly_type(e) == LY_TRAT) {
        mpq_t q;
        lys_mpq_get(q, e);
        lys_bf_set_q(out, q, wp);
        mpq_clear(q);
        return true;
    }
    if (ly_is_sym(e)) {
        if (e == LY_SYM(Pi)) { lys_bf_pi(out, wp); return true; }
        if (e == LY_SYM(E)) { lys_bf_e(out, wp); return true; }
        if (is_named(e, "Degree")) {
            LysBF d;
            lys_bf_init(&d);
            lys_bf_pi(out, wp + 8);
            lys_bf_set_si(&d, 180);
            lys_bf_div(out, out, &d, wp);
            lys_bf_clear(&d);
            return true;
        }
        if (is_named(e, "EulerGamma")) { lys_bf_euler_gamma(out, wp); return true; }
        if (is_named(e, "Catalan")) { lys_bf_catalan(out, wp); return true; }
        if (is_named(e, "GoldenRatio")) {
            LysBF f;
            lys_bf_init(&f);
            lys_bf_set_si(&f, 5);
            lys_bf_sqrt(out, &f, wp + 4);
            lys_bf_set_si(&f, 1);
            lys_bf_add(out, out, &f, wp + 4);
            out->e -= 1;
            lys_bf_round(out, wp);
            lys_bf_clear(&f);
            return true;
        }
        return false;
    }
    if (ly_type(e) != LY_TNORMAL) return false;
    if (lys_is_bigreal(vm, e)) {
        double p;
        get_bf(e, out, &p);
        if (p < E->prec) E->prec = p;
        return true;
    }
    LyExpr h = ly_nhead(e);
    size_t n = ly_nlen(e);
    if (!ly_is_sym(h) || n == 0) return false;
    if (!ly_safe_point(vm)) return false;
    bool ok = true;
    if (h == LY_SYM(Plus) || h == LY_SYM(Times)) {
        LysBF t;
        lys_bf_init(&t);
        /* sums are computed wider: cancellation is caught by the caller's second pass */
        ok = ev(E, ly_narg(e, 1), wp, out);
        for (size_t i = 2; ok && i <= n; i++) {
            ok = ev(E, ly_narg(e, i), wp, &t);
            if (ok) {
                if (h == LY_SYM(Plus)) lys_bf_add(out, out, &t, wp);
                else lys_bf_mul(out, out, &t, wp);
            }
        }
        lys_bf_clear(&t);
        return ok;
    }
    if (h == LY_SYM(Power) && n == 2) {
        LyExpr be = ly_narg(e, 1), xe = ly_narg(e, 2);
        LysBF b, x;
        lys_bf_init(&b); lys_bf_init(&x);
        if (ly_is_integer(xe)) {
            mpz_t k;
            mpz_init(k);
            ly_int_get_mpz(xe, k);
            ok = ev(E, be, wp + 16, &b) && (lys_bf_sgn(&b) || mpz_sgn(k) > 0);
            if (ok) lys_bf_pow_z(out, &b, k, wp);
            mpz_clear(k);
        } else if (be == LY_SYM(E)) {
            ok = ev(E, xe, wp + 16, &x) && lys_bf_exp(out, &x, wp);
        } else {
            /* b^x = exp(x log b), b > 0 */
            ok = ev(E, be, wp + 32, &b) && lys_bf_sgn(&b) > 0 && ev(E, xe, wp + 32, &x);
            if (ok) {
                bool half = ly_type(xe) == LY_TRAT && mpz_cmp_ui(x.m, 1) == 0 && x.e == -1;
                if (half) lys_bf_sqrt(out, &b, wp);
                else {
                    LysBF l;
                    lys_bf_init(&l);
                    long extra = lys_bf_mag(&x) > 0 ? lys_bf_mag(&x) : 0;
                    lys_bf_log(&l, &b, wp + 32 + extra);
                    lys_bf_mul(&l, &l, &x, wp + 32 + extra);
                    ok = lys_bf_exp(out, &l, wp);
                    lys_bf_clear(&l);
                }
            }
        }
        lys_bf_clear(&b); lys_bf_clear(&x);
        return ok;
    }
    if (n == 1 && is_named(h, "Zeta") && ly_is_small(ly_narg(e, 1)) && ly_small(ly_narg(e, 1)) >= 2)
        return lys_bf_zeta_int(out, (unsigned long)ly_small(ly_narg(e, 1)), wp);
    if (n == 1) {
        const char *f = ly_sym(h)->name;
        LysBF x;
        lys_bf_init(&x);
        ok = ev(E, ly_narg(e, 1), wp + 32, &x) && ev_fn(E, f, &x, wp, out);
        lys_bf_clear(&x);
        return ok;
    }
    if (n == 2 && is_named(h, "Log")) {
        LysBF b, x;
        lys_bf_init(&b); lys_bf_init(&x);
        ok = ev(E, ly_narg(e, 1), wp + 32, &b) && ev(E, ly_narg(e, 2), wp + 32, &x) && lys_bf_sgn(&b) > 0 && lys_bf_sgn(&x) > 0;
        if (ok) {
            lys_bf_log(&b, &b, wp + 16);
            lys_bf_log(&x, &x, wp + 16);
            ok = lys_bf_sgn(&b) != 0;
            if (ok) lys_bf_div(out, &x, &b, wp);
        }
        lys_bf_clear(&b); lys_bf_clear(&x);
        return ok;
    }
    return false;
}

bool lys_bf_eval(LyVM *vm, LyExpr e, long wp, LysBF *out) {
    Ev E = { vm, INFINITY };
    return ev(&E, e, wp, out);
}

/* The value of e to p digits: evaluations at growing working precision until
 * two agree.  *pin gets the smallest input precision (Infinity when exact). */
static bool ev_adaptive(LyVM *vm, LyExpr e, double p, LysBF *out, double *pin) {
    long target = (long)ceil(p * LOG2_10) + 8;
    long wp = target + 32;
    LysBF a, b, d;
    lys_bf_init(&a); lys_bf_init(&b); lys_bf_init(&d);
    Ev E = { vm, INFINITY };
    bool ok = ev(&E, e, wp, &a);
    for (int it = 0; ok && it < 8; it++) {
        long w2 = wp + 64 + (wp >> 1) * it;
        Ev E2 = { vm, INFINITY };
        ok = ev(&E2, e, w2, &b);
        if (!ok) break;
        lys_bf_sub(&d, &a, &b, w2);
        /* agree: |a - b| < |b| 2^-target, or both zero */
        if (!lys_bf_sgn(&d) || (lys_bf_sgn(&b) && lys_bf_mag(&d) < lys_bf_mag(&b) - target)) { lys_bf_set(out, &b); break; }
        if (it == 7) { lys_bf_set(out, &b); break; }
        lys_bf_set(&a, &b);
        wp = w2;
        if (ly_unwinding(vm)) { ok = false; break; }
    }
    *pin = E.prec;
    lys_bf_clear(&a); lys_bf_clear(&b); lys_bf_clear(&d);
    return ok;
}

/* ---- machine precision beyond the machine range --------------------------------------------- */

/* A machine-precision result outside the range of doubles is, as in
 * Wolfram, an arbitrary-precision number of precision $MachinePrecision:
 * Lyra`BigReal[m, e, MACH_PREC] with a 53-bit m (2.^2000, N[2^2000],
 * Exp[1000.], 1000.!).  Arithmetic on machine numbers and these computes
 * on the exact binary values, rounds to 53 bits, and gives a machine real
 * again when the result is in range.  Past $MaxNumber (about 2^(2^52)):
 * Overflow[]; a machine computation below the normal range gives the
 * subnormal or zero machine value with General::munfl, as Wolfram's. */
#define MACH_PREC 15.954589770191003    /* 53 log10 2 */
#define MACH_WP (53 + 64)
#define MAX_MAG (1L << 52)

static bool is_mach(LyVM *vm, LyExpr e) {
    return lys_is_bigreal(vm, e) && ly_realv(ly_narg(e, 3)) == MACH_PREC;
}

static LyExpr overflow(LyVM *vm, int sign) {
    ly_message(vm, LY_SYM(General), "ovfl", 0);
    LyExpr o = ly_mk(vm, LY_SYM(Overflow), 0);
    return sign > 0 ? o : ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), o);
}

/* General::munfl about what, unless numerical methods sampling a function
 * have the check off (lys_underflow_check): Wolfram's evaluate on machine
 * arrays there, which do not issue it */
static const char munfl_key = 0;     /* slot: how many samplers have the check off */

void lys_munfl(LyVM *vm, LyExpr what) {
    if (what && !ly_get_slot(vm, &munfl_key)) ly_message(vm, LY_SYM(General), "munfl", 1, what);
}

void lys_underflow_check(LyVM *vm, bool on) {
    uintptr_t n = (uintptr_t)ly_get_slot(vm, &munfl_key);
    n = on ? (n ? n - 1 : 0) : n + 1;
    ly_set_slot(vm, &munfl_key, (void *)n, NULL);
}

/* a machine computation whose result is below every representable number */
static LyExpr underflow(LyVM *vm, LyExpr what) {
    lys_munfl(vm, what);
    return ly_mkreal(vm, 0.0);
}

/* x (consumed: rounded) as a machine-precision number; below the normal
 * range the machine value, with General::munfl about `what` when not NULL */
static LyExpr mk_mach(LyVM *vm, LysBF *x, LyExpr what) {
    if (!lys_bf_sgn(x)) return ly_mkreal(vm, 0.0);
    lys_bf_round(x, 53);
    long mag = lys_bf_mag(x);
    if (mag > MAX_MAG) return overflow(vm, lys_bf_sgn(x));
    if (mag < -MAX_MAG) return underflow(vm, what);
    if (mag <= 1024 && (mag >= -1021 || what)) {
        /* m has 53 bits: exact, except that ldexp rounds a subnormal */
        double d = mag < -1100 ? 0.0 : ldexp(mpz_get_d(x->m), (int)x->e);
        if (mag < -1021) lys_munfl(vm, what);
        return ly_mkreal(vm, d);
    }
    return mk_big(vm, x, MACH_PREC);
}

/* a real number for machine-precision arithmetic: machine reals exactly */
static bool mach_operand(LyVM *vm, LyExpr x, LysBF *v) {
    if (ly_is_real(x)) {
        if (!isfinite(ly_realv(x))) return false;
        lys_bf_set_d(v, ly_realv(x));
        return true;
    }
    if (lys_is_bigreal(vm, x)) { get_bf(x, v, NULL); return true; }
    if (ly_is_integer(x)) { ly_int_get_mpz(x, v->m); v->e = 0; return true; }
    if (ly_type(x) == LY_TRAT) {
        mpq_t q;
        lys_mpq_get(q, x);
        lys_bf_set_q(v, q, MACH_WP + 64);
        mpq_clear(q);
        return true;
    }
    return false;
}

/* the exact integer value k of x (v its value): an integer, or an
 * integral machine real below 2^62 */
static bool integral(LyExpr x, const LysBF *v, mpz_t k) {
    if (ly_is_integer(x)) { ly_int_get_mpz(x, k); return true; }
    if (!ly_is_real(x)) return false;
    if (!lys_bf_sgn(v)) { mpz_set_ui(k, 0); return true; }
    if (lys_bf_mag(v) > 62) return false;
    if (v->e >= 0) { mpz_mul_2exp(k, v->m, (mp_bitcnt_t)v->e); return true; }
    if (mpz_scan1(v->m, 0) < (mp_bitcnt_t)(-v->e)) return false;
    mpz_tdiv_q_2exp(k, v->m, (mp_bitcnt_t)(-v->e));
    return true;
}

/* a^b at machine precision; what: the expression, for messages */
static LyExpr mach_power(LyVM *vm, const LysBF *a, const LysBF *b, LyExpr bexpr, LyExpr what) {
    LysBF r, l;
    lys_bf_init(&r); lys_bf_init(&l);
    mpz_t k;
    mpz_init(k);
    LyExpr res = NULL;
    if (integral(bexpr, b, k)) {
        if (!mpz_sgn(k)) res = ly_mkreal(vm, 1.0);
        else if (!lys_bf_sgn(a)) res = mpz_sgn(k) > 0 ? ly_mkreal(vm, 0.0) : NULL;
        else {
            /* the size first: |a|^k past $MaxNumber or below $MinNumber */
            double est = mpz_get_d(k) * lys_bf_log10(a) * LOG2_10;
            if (est > (double)MAX_MAG) res = overflow(vm, lys_bf_sgn(a) < 0 && mpz_odd_p(k) ? -1 : 1);
            else if (est < -(double)MAX_MAG) res = underflow(vm, what);
            else {
                lys_bf_pow_z(&r, a, k, MACH_WP);
                res = mk_mach(vm, &r, what);
            }
        }
    } else if (lys_bf_sgn(a) > 0) {
        long extra = lys_bf_mag(b) > 0 ? lys_bf_mag(b) : 0;
        lys_bf_log(&l, a, MACH_WP + extra + 16);
        lys_bf_mul(&l, &l, b, MACH_WP + extra + 16);
        if (lys_bf_exp(&r, &l, MACH_WP)) res = mk_mach(vm, &r, what);
        else if (lys_bf_sgn(&l) > 0) res = overflow(vm, 1);
        else res = underflow(vm, what);
    }
    mpz_clear(k);
    lys_bf_clear(&r); lys_bf_clear(&l);
    return res;
}

/* op[args] at machine precision for Plus, Times, Power; NULL when an
 * operand is not a real number (complex values stay with the caller) */
static LyExpr mach_arith(LyVM *vm, LyExpr op, size_t n, const LyExpr *args) {
    if (n != 2) return NULL;
    LysBF a, b, r;
    lys_bf_init(&a); lys_bf_init(&b); lys_bf_init(&r);
    LyExpr res = NULL;
    if (mach_operand(vm, args[0], &a) && mach_operand(vm, args[1], &b)) {
        /* a machine underflow only when every operand is a machine real */
        LyExpr what = NULL;
        if (ly_is_real(args[0]) && (ly_is_real(args[1]) || (op == LY_SYM(Power) && ly_is_integer(args[1]))))
            what = ly_mk(vm, (ly_ref(op), op), 2, (ly_ref(args[0]), args[0]), (ly_ref(args[1]), args[1]));
        if (op == LY_SYM(Plus)) { lys_bf_add(&r, &a, &b, MACH_WP); res = mk_mach(vm, &r, what); }
        else if (op == LY_SYM(Times)) { lys_bf_mul(&r, &a, &b, MACH_WP); res = mk_mach(vm, &r, what); }
        else if (op == LY_SYM(Power)) res = mach_power(vm, &a, &b, args[1], what);
        ly_unref(vm, what);
    }
    lys_bf_clear(&a); lys_bf_clear(&b); lys_bf_clear(&r);
    return res;
}

static LyExpr range_hook(LyVM *vm, LyExpr op, size_t n, const LyExpr *args) {
    return mach_arith(vm, op, n, args);
}

/* Gamma[x] of a machine real x >= 100 past the machine range; an integral
 * x up to 10^6 exactly, (x - 1)! rounded */
LyExpr lys_machine_gamma(LyVM *vm, double x) {
    if (!(x >= 100) || !isfinite(x)) return NULL;
    LysBF a, r, l;
    lys_bf_init(&a); lys_bf_init(&r); lys_bf_init(&l);
    LyExpr res = NULL;
    if (x == floor(x) && x <= 1e6) {
        mpz_fac_ui(r.m, (unsigned long)x - 1);
        r.e = 0;
        res = mk_mach(vm, &r, NULL);
    } else if (!(x * log(x) < 1e18)) {
        /* log2 of the result past 10^18: no exponent holds it
         * ($MaxMachineNumber! made log2(x log x) infinite, UB as a long) */
        res = overflow(vm, 1);
    } else {
        lys_bf_set_d(&a, x);
        long mag = (long)ceil(log2(x * log(x))) + 2;
        lys_bf_lgamma(&l, &a, MACH_WP + mag);
        if (lys_bf_exp(&r, &l, MACH_WP)) res = mk_mach(vm, &r, NULL);
        else res = overflow(vm, 1);
    }
    lys_bf_clear(&a); lys_bf_clear(&r); lys_bf_clear(&l);
    return res;
}

/* N[x] of an exact number outside the machine range */
LyExpr lys_machine_value(LyVM *vm, LyExpr x) {
    LysBF v;
    lys_bf_init(&v);
    LyExpr r = mach_operand(vm, x, &v) ? mk_mach(vm, &v, NULL) : NULL;
    lys_bf_clear(&v);
    return r;
}

/* f[x] at machine precision for a machine real or machine-precision x
 * whose machine value overflowed; NULL when f is not one this file
 * computes (the caller gives Overflow[]).  what: the expression. */
LyExpr lys_machine_fn(LyVM *vm, const char *f, LyExpr x, LyExpr what) {
    LysBF a, r;
    lys_bf_init(&a); lys_bf_init(&r);
    LyExpr res = NULL;
    Ev E = { vm, MACH_PREC };
    if (mach_operand(vm, x, &a)) {
        if (ev_fn(&E, f, &a, MACH_WP, &r)) res = mk_mach(vm, &r, ly_is_real(x) ? what : NULL);
        else if (!strcmp(f, "Exp") || !strcmp(f, "Cosh") || !strcmp(f, "Sinh"))
            res = lys_bf_sgn(&a) > 0 || strcmp(f, "Exp") ? overflow(vm, !strcmp(f, "Sinh") ? lys_bf_sgn(&a) : 1)
                                                    : underflow(vm, ly_is_real(x) ? what : NULL);
        else if ((!strcmp(f, "Log") || !strcmp(f, "Sqrt")) && lys_bf_sgn(&a) < 0) {
            /* Log[-x] = Log[x] + I Pi, Sqrt[-x] = I Sqrt[x] */
            lys_bf_neg(&a, &a);
            LyExpr re = NULL, im = NULL;
            if (ev_fn(&E, f, &a, MACH_WP, &r)) {
                if (!strcmp(f, "Log")) { re = mk_mach(vm, &r, NULL); im = ly_mkreal(vm, M_PI); }
                else { re = ly_mkreal(vm, 0.0); im = mk_mach(vm, &r, NULL); }
            }
            if (re && im && ly_is_number(re) && ly_is_number(im)) res = ly_mkcomplex(vm, re, im);
            else { ly_unref(vm, re); ly_unref(vm, im); }
        }
    }
    lys_bf_clear(&a); lys_bf_clear(&r);
    return res;
}

/* ---- N[expr, p] -------------------------------------------------------------------------------- */

static LyExpr n_prec(LyVM *vm, LyExpr e, double p);

static LyExpr n_children(LyVM *vm, LyExpr e, double p) {
    LyExpr h = ly_nhead(e);
    size_t n = ly_nlen(e);
    uint32_t at = ly_is_sym(h) ? ly_attributes(vm, h) : 0;
    LyExpr nh = ly_is_sym(h) ? (ly_ref(h), h) : n_prec(vm, h, p);
    if (!nh) return NULL;
    LyExpr r = ly_mknormal(vm, nh, n);
    if (!r) return NULL;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        bool hold = (at & (1u << 15)) || (i == 1 && (at & (1u << 16))) || (i > 1 && (at & (1u << 17)));
        if (i == 2 && h == LY_SYM(Power) && n == 2 && ly_is_integer(a) && !ly_is_number(ly_narg(e, 1))) hold = true;
        LyExpr v = hold ? (ly_ref(a), a) : n_prec(vm, a, p);
        if (!v) { lys_abandon(vm, r, i); return NULL; }
        ly_nset(r, i, v);
    }
    return lys_eval_steal(vm, r);
}

static LyExpr n_prec(LyVM *vm, LyExpr e, double p) {
    if (!ly_safe_point(vm)) return NULL;
    if (ly_is_real(e) || ly_type(e) == LY_TCOMPLEX) { ly_ref(e); return e; }
    if (ly_is_string(e)) { ly_ref(e); return e; }
    if (ly_is_sym(e) || ly_is_integer(e) || ly_type(e) == LY_TRAT || ly_type(e) == LY_TNORMAL) {
        if (lys_is_bigreal(vm, e)) {
            LysBF x;
            double q;
            lys_bf_init(&x);
            get_bf(e, &x, &q);
            LyExpr r = mk_big(vm, &x, q < p ? q : p);
            lys_bf_clear(&x);
            return r;
        }
        if (ly_is_integer(e) && ly_is_small(e) && ly_small(e) == 0) return ly_mksmall(0);
        LysBF x;
        lys_bf_init(&x);
        double pin;
        if (ev_adaptive(vm, e, p, &x, &pin)) {
            LyExpr r = mk_big(vm, &x, pin < p ? pin : p);
            lys_bf_clear(&x);
            return r;
        }
        lys_bf_clear(&x);
        if (ly_unwinding(vm)) return NULL;
        /* a numeric expression this file cannot evaluate: its machine value */
        if (ly_type(e) == LY_TNORMAL && lys_numericq(vm, e)) return lys_numericalize(vm, e);
        if (ly_type(e) == LY_TNORMAL) return n_children(vm, e, p);
        if (ly_is_sym(e)) {
            /* constants this file cannot compute: machine value */
            if (lys_numericq(vm, e)) return lys_numericalize(vm, e);
        }
        ly_ref(e);
        return e;
    }
    if (ly_is_packed(e)) {
        LyExpr u = lys_unpacked(vm, e);
        if (!u) return NULL;
        LyExpr r = n_children(vm, u, p);
        ly_unref(vm, u);
        return r;
    }
    return lys_numericalize(vm, e);
}

/* N[e, p] for a precision other than MachinePrecision; NULL leaves the call
 * to the machine path (declined = true). */
LyExpr lys_n_precision(LyVM *vm, LyExpr e, LyExpr pe, bool *declined) {
    *declined = false;
    double p;
    if (ly_is_integer(pe) || ly_type(pe) == LY_TRAT || ly_is_real(pe)) p = ly_num_to_double(pe);
    else { *declined = true; return NULL; }
    if (!(p > 0) || p > 1e6) { *declined = true; return NULL; }
    return n_prec(vm, e, p);
}

/* SetPrecision[x, p]: machine reals converted exactly, exact numbers evaluated */
static LyExpr setprec(LyVM *vm, LyExpr e, double p) {
    if (ly_is_real(e)) {
        LysBF x;
        lys_bf_init(&x);
        lys_bf_set_d(&x, ly_num_to_double(e));
        LyExpr r = mk_big(vm, &x, p);
        lys_bf_clear(&x);
        return r;
    }
    if (lys_is_bigreal(vm, e)) {
        LysBF x;
        lys_bf_init(&x);
        get_bf(e, &x, NULL);
        LyExpr r = mk_big(vm, &x, p);
        lys_bf_clear(&x);
        return r;
    }
    if (ly_type(e) == LY_TNORMAL && !lys_numericq(vm, e)) {
        size_t n = ly_nlen(e);
        LyExpr r = ly_mknormal(vm, (ly_ref(ly_nhead(e)), ly_nhead(e)), n);
        for (size_t i = 1; r && i <= n; i++) {
            LyExpr v = setprec(vm, ly_narg(e, i), p);
            if (!v) { lys_abandon(vm, r, i); return NULL; }
            ly_nset(r, i, v);
        }
        return r ? lys_eval_steal(vm, r) : NULL;
    }
    return n_prec(vm, e, p);
}

static LyExpr b_setprecision(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr pe = ly_narg(e, 2);
    if (ly_is_symbol(pe, "MachinePrecision")) return lys_numericalize(vm, ly_narg(e, 1));
    if (pe == LY_SYM(Infinity) || ly_head_is(pe, LY_SYM(DirectedInfinity))) {
        LyExpr args[2] = { ly_narg(e, 1), ly_mksmall(0) };
        return lys_apply_eval(vm, ly_symbol(vm, "Rationalize"), 2, args);
    }
    if (!(ly_is_integer(pe) || ly_type(pe) == LY_TRAT || ly_is_real(pe))) return NULL;
    double p = ly_num_to_double(pe);
    if (!(p > 0) || p > 1e6) return NULL;
    return setprec(vm, ly_narg(e, 1), p);
}

/* ---- arithmetic on the numbers: Lyra`BigOp[op, args...] ------------------------------------------------ */

/* x as an exact/big value: false for machine and complex numbers */
static bool operand(LyVM *vm, LyExpr x, long wp, LysBF *v, double *p) {
    if (lys_is_bigreal(vm, x)) { get_bf(x, v, p); return true; }
    if (ly_is_real(x) && isfinite(ly_realv(x))) { lys_bf_set_d(v, ly_realv(x)); *p = MACH_PREC; return true; }
    *p = INFINITY;
    if (ly_is_integer(x)) { ly_int_get_mpz(x, v->m); v->e = 0; return true; }
    if (ly_type(x) == LY_TRAT) {
        mpq_t q;
        lys_mpq_get(q, x);
        lys_bf_set_q(v, q, wp);
        mpq_clear(q);
        return true;
    }
    return false;
}

static LyExpr machine_op(LyVM *vm, LyExpr op, size_t n, const LyExpr *args) {
    /* the same operation on machine values */
    LyExpr r = ly_mknormal(vm, (ly_ref(op), op), n);
    for (size_t i = 0; r && i < n; i++) {
        LyExpr v = lys_is_bigreal(vm, args[i]) ? ly_mkreal(vm, lys_bigreal_value(args[i])) : (ly_ref(args[i]), args[i]);
        if (!v) { lys_abandon(vm, r, i + 1); return NULL; }
        ly_nset(r, i + 1, v);
    }
    return r ? lys_eval_steal(vm, r) : NULL;
}

static long wp_of(double p) { return (long)ceil((isinf(p) ? 0 : p) * LOG2_10) + 64; }

/* log10 |f'(x)| for x beyond the machine range (xd is 0 or infinite
 * there), in terms of lx = log10 |x|: the leading term as x -> 0 or
 * x -> Infinity (Sqrt[8.8`4.69*^888] has precision 4.99, not 1000 more) */
static double log10_deriv_far(const char *f, double lx, double lr) {
    if (!strcmp(f, "Sqrt")) return -M_LN2 / M_LN10 - 0.5 * lx;
    if (!strcmp(f, "Log")) return -lx;
    if (!strcmp(f, "Log2")) return -lx - log10(M_LN2);
    if (!strcmp(f, "Log10")) return -lx - log10(M_LN10);
    if (lx > 0) {
        if (!strcmp(f, "ArcTan")) return -2 * lx;
        if (!strcmp(f, "Tanh")) return -1e300;
        return lr;          /* Exp, Sinh, Cosh: f' ~ f; the others are not finite there */
    }
    /* x -> 0 */
    if (!strcmp(f, "Cos") || !strcmp(f, "Sec") || !strcmp(f, "Cosh")) return lx;    /* f' ~ x */
    if (!strcmp(f, "Cot") || !strcmp(f, "Csc")) return -2 * lx;                       /* f' ~ 1/x^2 */
    return 0;               /* Sin, Tan, Exp, Sinh, Tanh, ArcTan, ArcSin, ArcCos: f' ~ 1 */
}

/* log10 |f'(x)| for the functions big_fn evaluates, from x and r = f(x) */
static double log10_deriv(const char *f, const LysBF *x, double xd, const LysBF *r) {
    double lr = lys_bf_log10(r), d = NAN;
    if (!isfinite(xd) || (xd == 0 && lys_bf_sgn(x))) return log10_deriv_far(f, lys_bf_log10(x), lr);
    if (!strcmp(f, "Sin")) d = fabs(cos(xd));
    else if (!strcmp(f, "Cos")) d = fabs(sin(xd));
    else if (!strcmp(f, "Tan")) d = 1 / (cos(xd) * cos(xd));
    else if (!strcmp(f, "Cot")) d = 1 / (sin(xd) * sin(xd));
    else if (!strcmp(f, "Sec")) d = fabs(tan(xd) / cos(xd));
    else if (!strcmp(f, "Csc")) d = fabs(1 / (tan(xd) * sin(xd)));
    else if (!strcmp(f, "Exp") || !strcmp(f, "Sinh") || !strcmp(f, "Cosh")) {
        if (fabs(xd) > 20) return lr;
        d = !strcmp(f, "Exp") ? exp(xd) : !strcmp(f, "Sinh") ? cosh(xd) : fabs(sinh(xd));
    } else if (!strcmp(f, "Log")) d = 1 / fabs(xd);
    else if (!strcmp(f, "Log2")) d = 1 / (fabs(xd) * M_LN2);
    else if (!strcmp(f, "Log10")) d = 1 / (fabs(xd) * M_LN10);
    else if (!strcmp(f, "Sqrt")) d = 0.5 / sqrt(xd);
    else if (!strcmp(f, "ArcTan")) d = 1 / (1 + xd * xd);
    else if (!strcmp(f, "ArcSin") || !strcmp(f, "ArcCos")) d = 1 / sqrt(1 - xd * xd);
    else if (!strcmp(f, "Tanh")) d = fabs(xd) > 300 ? 0 : 1 / (cosh(xd) * cosh(xd));
    if (!isfinite(d)) return lr;
    return d > 0 ? log10(d) : -1e300;
}

/* f(x) at the precision x supports: the result's absolute error is
 * |f'(x)| |x| 10^-p; below one digit the machine value. */
static LyExpr big_fn(LyVM *vm, const char *f, LyExpr a, LyExpr opsym) {
    LysBF x, r;
    double p;
    lys_bf_init(&x); lys_bf_init(&r);
    get_bf(a, &x, &p);
    Ev E = { vm, p };
    LyExpr res = NULL;
    long wp = wp_of(p) + 64;
    if (ev_fn(&E, f, &x, wp, &r) && lys_bf_sgn(&r)) {
        double xd = lys_bf_get_d(&x);
        double q = lys_bf_log10(&r) - (log10_deriv(f, &x, xd, &r) + lys_bf_log10(&x)) + p;
        if (q > p + 1000) q = p + 1000;
        /* below one digit the machine value, unless there is none (the
         * square root of 88*10^8888888888`8, precision 0.5, is 10^4444444444) */
        if (q >= 1 || (q > 0 && fabs(lys_bf_log10(&r)) > 300)) {
            if (q > p + 16) {
                /* more digits than were computed: compute again */
                ev_fn(&E, f, &x, wp_of(q) + 64, &r);
            }
            res = mk_big(vm, &r, q);
        }
    }
    if (!res && !ly_unwinding(vm)) {
        LyExpr args[1] = { a };
        res = machine_op(vm, opsym, 1, args);
    }
    lys_bf_clear(&x); lys_bf_clear(&r);
    return res;
}

/* Precision[expr]: MachinePrecision with a machine number, else the
 * smallest precision of the arbitrary-precision numbers, else Infinity. */
static void prec_walk(LyVM *vm, LyExpr e, bool *machine, double *pmin) {
    if (ly_is_real(e) || (ly_type(e) == LY_TCOMPLEX && (ly_is_real(((LyComplex *)e)->re) || ly_is_real(((LyComplex *)e)->im)))) {
        *machine = true;
        return;
    }
    if (ly_type(e) == LY_TPACKED) { if (ly_packed(e)->h.flags == LY_PACKED_REAL) *machine = true; return; }
    if (ly_type(e) == LY_TASSOC) {
        LyAssoc *a = ly_assoc(e);
        for (size_t i = 0; i < a->len; i++) prec_walk(vm, ly_narg(a->rules[i], 2), machine, pmin);
        return;
    }
    if (ly_type(e) != LY_TNORMAL) return;
    if (lys_is_bigreal(vm, e)) {
        double p = ly_num_to_double(ly_narg(e, 3));
        if (p == MACH_PREC) *machine = true;
        else if (p < *pmin) *pmin = p;
        return;
    }
    prec_walk(vm, ly_nhead(e), machine, pmin);
    for (size_t i = 1; i <= ly_nlen(e); i++) prec_walk(vm, ly_narg(e, i), machine, pmin);
}

static LyExpr b_precision(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    bool machine = false;
    double pmin = INFINITY;
    prec_walk(vm, ly_narg(e, 1), &machine, &pmin);
    if (machine) return ly_symbol(vm, "MachinePrecision");
    if (isinf(pmin)) return LY_SYM(Infinity);
    return ly_mkreal(vm, pmin);
}

static LyExpr b_bigop(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 2) return NULL;
    LyExpr op = ly_narg(e, 1);
    const LyExpr *args = ly_nargs(e) + 1;
    size_t na = n - 1;
    if (!ly_is_sym(op)) return NULL;
    const char *f = ly_sym(op)->name;
    /* an exact numeric operand that is no number (Pi, Sqrt[2], Sin[1]) with
     * an arbitrary-precision one: its value to enough digits (precision
     * past the other's and the ratio of their sizes), as Wolfram's 1.5`30
     * + Pi is 4.64159265358979323846264338328 */
    if (na == 2 && (op == LY_SYM(Plus) || op == LY_SYM(Times) || op == LY_SYM(Power))) {
        int k = !ly_is_number(args[0]) && !lys_is_bigreal(vm, args[0]) ? 0
              : !ly_is_number(args[1]) && !lys_is_bigreal(vm, args[1]) ? 1 : -1;
        LyExpr o = k >= 0 ? args[1 - k] : NULL;
        if (k >= 0 && lys_is_bigreal(vm, o) && lys_numericq(vm, args[k])) {
            double po = ly_num_to_double(ly_narg(o, 3)), want = po + 10;
            double _Complex z;
            if (lys_nvalue(vm, args[k], &z) && isfinite(creal(z)) && cimag(z) == 0 && creal(z) != 0) {
                double lo = lys_bigreal_value(o);
                if (lo != 0 && isfinite(lo)) want += fmax(0, log10(fabs(creal(z))) - log10(fabs(lo)));
            }
            LysBF v;
            double pin;
            lys_bf_init(&v);
            LyExpr nv = NULL;
            if (want < 1e6 && ev_adaptive(vm, args[k], want, &v, &pin)) nv = mk_big(vm, &v, want);
            lys_bf_clear(&v);
            if (!nv) return NULL;
            LyExpr a0 = k == 0 ? nv : o, a1 = k == 0 ? o : nv;
            LyExpr call = ly_mk(vm, ly_symbol(vm, "Lyra`BigOp"), 3, (ly_ref(op), op), (ly_ref(a0), a0), (ly_ref(a1), a1));
            ly_unref(vm, nv);
            return call ? lys_eval_steal(vm, call) : NULL;
        }
    }
    /* complex operands: the machine result; machine reals or numbers of
     * machine precision: machine-precision arithmetic */
    bool mach = false;
    for (size_t i = 0; i < na; i++) {
        LyExpr a = args[i];
        if (ly_is_real(a) || is_mach(vm, a)) mach = true;
        else if (!lys_is_bigreal(vm, a) && !ly_is_integer(a) && ly_type(a) != LY_TRAT)
            return ly_is_number(a) ? machine_op(vm, op, na, args) : NULL;
    }
    if (mach && na == 2 && (op == LY_SYM(Plus) || op == LY_SYM(Times) || op == LY_SYM(Power)))
        return mach_arith(vm, op, na, args);
    double pmax = 0;
    for (size_t i = 0; i < na; i++)
        if (lys_is_bigreal(vm, args[i])) {
            double p = ly_num_to_double(ly_narg(args[i], 3));
            if (p > pmax) pmax = p;
        }
    long wp = wp_of(pmax) + 64;
    LysBF a, b, r;
    double pa, pb;
    lys_bf_init(&a); lys_bf_init(&b); lys_bf_init(&r);
    LyExpr res = NULL;
    if ((op == LY_SYM(Plus) || op == LY_SYM(Times)) && na == 2) {
        operand(vm, args[0], wp, &a, &pa);
        operand(vm, args[1], wp, &b, &pb);
        if (op == LY_SYM(Plus)) {
            lys_bf_add(&r, &a, &b, wp + 64);
            if (!lys_bf_sgn(&r)) res = ly_mkreal(vm, 0.0);
            else {
                /* absolute errors |a| 10^-pa + |b| 10^-pb, in logarithms
                 * (10^-p underflows past 308 digits) */
                double err = log10_sum(isinf(pa) || !lys_bf_sgn(&a) ? -INFINITY : lys_bf_log10(&a) - pa,
                                       isinf(pb) || !lys_bf_sgn(&b) ? -INFINITY : lys_bf_log10(&b) - pb);
                res = mk_big(vm, &r, lys_bf_log10(&r) - err);
            }
        } else {
            lys_bf_mul(&r, &a, &b, wp);
            /* relative errors 10^-pa + 10^-pb */
            res = mk_big(vm, &r, -log10_sum(isinf(pa) ? -INFINITY : -pa, isinf(pb) ? -INFINITY : -pb));
        }
    } else if (op == LY_SYM(Power) && na == 2) {
        operand(vm, args[0], wp, &a, &pa);
        operand(vm, args[1], wp, &b, &pb);
        if (ly_is_integer(args[1])) {
            mpz_t k;
            mpz_init(k);
            ly_int_get_mpz(args[1], k);
            if (!mpz_sgn(k)) res = ly_mksmall(1);
            else if (!lys_bf_sgn(&a) && mpz_sgn(k) < 0) res = NULL;
            else {
                lys_bf_pow_z(&r, &a, k, wp);
                res = mk_big(vm, &r, pa - log10(fabs(mpz_get_d(k))));
            }
            mpz_clear(k);
        } else if (lys_bf_sgn(&a) > 0) {
            LysBF l;
            lys_bf_init(&l);
            double xd = lys_bf_get_d(&b);
            long extra = lys_bf_mag(&b) > 0 ? lys_bf_mag(&b) : 0;
            lys_bf_log(&l, &a, wp + extra);
            double ld = lys_bf_get_d(&l);
            lys_bf_mul(&l, &l, &b, wp + extra);
            if (lys_bf_exp(&r, &l, wp)) {
                /* relative error |y| 10^-pa + |y log x| 10^-pb */
                double rel = log10_sum(isinf(pa) || xd == 0 ? -INFINITY : log10(fabs(xd)) - pa,
                                       isinf(pb) || xd * ld == 0 ? -INFINITY : log10(fabs(xd * ld)) - pb);
                res = mk_big(vm, &r, rel > -INFINITY ? -rel : (pa < pb ? pa : pb));
            } else res = machine_op(vm, op, na, args);
            lys_bf_clear(&l);
        } else res = machine_op(vm, op, na, args);
    } else if (na == 1 && lys_is_bigreal(vm, args[0])) {
        LyExpr x = args[0];
        get_bf(x, &a, &pa);
        if (!strcmp(f, "Floor") || !strcmp(f, "Ceiling") || !strcmp(f, "IntegerPart") || !strcmp(f, "Round")) {
            mpz_t z;
            mpz_init(z);
            if (a.e >= 0) mpz_mul_2exp(z, a.m, (mp_bitcnt_t)a.e);
            else if (!strcmp(f, "Floor")) mpz_fdiv_q_2exp(z, a.m, (mp_bitcnt_t)(-a.e));
            else if (!strcmp(f, "Ceiling")) mpz_cdiv_q_2exp(z, a.m, (mp_bitcnt_t)(-a.e));
            else if (!strcmp(f, "IntegerPart")) mpz_tdiv_q_2exp(z, a.m, (mp_bitcnt_t)(-a.e));
            else {
                /* round half to even */
                LysBF h;
                lys_bf_init(&h);
                mpz_set_ui(h.m, 1);
                h.e = -1;
                lys_bf_add(&b, &a, &h, lys_bf_bits(&a) + labs(a.e) + 8);
                mpz_fdiv_q_2exp(z, b.m, (mp_bitcnt_t)(-b.e));
                /* exactly halfway and odd: step back */
                LysBF back;
                lys_bf_init(&back);
                lys_bf_set_z(&back, z);
                lys_bf_sub(&back, &b, &back, lys_bf_bits(&b) + labs(b.e) + 8);
                if (!lys_bf_sgn(&back) && mpz_odd_p(z)) mpz_sub_ui(z, z, 1);
                lys_bf_clear(&back);
                lys_bf_clear(&h);
            }
            res = ly_int_from_mpz(vm, z);
            mpz_clear(z);
        } else if (!strcmp(f, "FractionalPart")) {
            mpz_t z;
            mpz_init(z);
            if (a.e >= 0) res = ly_mksmall(0);
            else {
                mpz_tdiv_q_2exp(z, a.m, (mp_bitcnt_t)(-a.e));
                lys_bf_set_z(&b, z);
                lys_bf_sub(&r, &a, &b, lys_bf_bits(&a) + 8);
                double q = lys_bf_sgn(&r) ? pa - lys_bf_log10(&a) + lys_bf_log10(&r) : pa;
                res = mk_big(vm, &r, q);
            }
            mpz_clear(z);
        } else if (!strcmp(f, "Sign")) res = ly_mksmall(lys_bf_sgn(&a));
        else if (!strcmp(f, "Abs")) { mpz_abs(a.m, a.m); res = mk_big(vm, &a, pa); }
        else if (!strcmp(f, "Re") || !strcmp(f, "Conjugate")) { ly_ref(x); res = x; }
        else if (!strcmp(f, "Im")) res = ly_mksmall(0);
        else if (!strcmp(f, "Arg")) {
            if (lys_bf_sgn(&a) >= 0) res = ly_mksmall(0);
            else if (mach) res = ly_mkreal(vm, M_PI);
            else { lys_bf_pi(&r, wp_of(pa)); res = mk_big(vm, &r, pa); }
        }
        else if (!strcmp(f, "Precision")) res = mach ? ly_symbol(vm, "MachinePrecision") : ly_mkreal(vm, pa);
        else if (!strcmp(f, "Accuracy")) res = ly_mkreal(vm, pa - lys_bf_log10(&a));
        else if (mach) {
            res = lys_machine_fn(vm, f, x, NULL);
            if (!res && !ly_unwinding(vm)) res = machine_op(vm, op, na, args);
        } else res = big_fn(vm, f, x, op);
    } else if ((!strcmp(f, "Max") || !strcmp(f, "Min")) && na == 2) {
        operand(vm, args[0], wp, &a, &pa);
        operand(vm, args[1], wp, &b, &pb);
        int c = lys_bf_cmp(&a, &b);
        bool first = !strcmp(f, "Max") ? c >= 0 : c <= 0;
        res = first ? (ly_ref(args[0]), args[0]) : (ly_ref(args[1]), args[1]);
    }
    lys_bf_clear(&a); lys_bf_clear(&b); lys_bf_clear(&r);
    return res;
}

/* ---- comparison --------------------------------------------------------------------------------------- */

/* Order of a and b when one is an arbitrary-precision real and the other a
 * real number or one: -1, 1, or 0 when they agree to the lower precision
 * less 7 bits (Wolfram's tolerance, as for machine numbers); 2 otherwise. */
int lys_bigreal_cmp(LyVM *vm, LyExpr a, LyExpr b) {
    if (!lys_is_bigreal(vm, a) && !lys_is_bigreal(vm, b)) return 2;
    if (!(lys_is_bigreal(vm, a) || ly_is_integer(a) || ly_type(a) == LY_TRAT || ly_is_real(a)) ||
        !(lys_is_bigreal(vm, b) || ly_is_integer(b) || ly_type(b) == LY_TRAT || ly_is_real(b)))
        return 2;
    double pa = INFINITY, pb = INFINITY;
    if (lys_is_bigreal(vm, a)) pa = ly_num_to_double(ly_narg(a, 3));
    if (lys_is_bigreal(vm, b)) pb = ly_num_to_double(ly_narg(b, 3));
    if (ly_is_real(a)) pa = MACH_PREC;
    if (ly_is_real(b)) pb = MACH_PREC;
    double p = pa < pb ? pa : pb;
    long wp = wp_of(p);
    LysBF x, y, d;
    lys_bf_init(&x); lys_bf_init(&y); lys_bf_init(&d);
    int r = 2;
    if (operand(vm, a, wp, &x, &pa) && operand(vm, b, wp, &y, &pb)) {
        int sx = lys_bf_sgn(&x), sy = lys_bf_sgn(&y);
        long mx = lys_bf_mag(&x), my = lys_bf_mag(&y);
        if (sx != sy) r = sx < sy ? -1 : 1;
        else if (!sx) r = 0;
        else if (mx > my + 2 || my > mx + 2) r = (mx > my) == (sx > 0) ? 1 : -1;
        else {
            lys_bf_sub(&d, &x, &y, wp + 16);
            long tol = (long)(p * LOG2_10) - 7;
            if (!lys_bf_sgn(&d) || lys_bf_mag(&d) < (mx > my ? mx : my) - tol) r = 0;
            else r = lys_bf_sgn(&d);
        }
    }
    lys_bf_clear(&x); lys_bf_clear(&y); lys_bf_clear(&d);
    return r;
}

/* ---- printing: p significant digits ------------------------------------------------------------------ */

/* The digits of |x| rounded to nd significant digits, and the decimal
 * exponent of the first (x = 0.d1d2... 10^(ex+1)). */
static char *decimal_digits(const LysBF *x, long nd, long *ex) {
    mpz_t num, den, s, lim;
    mpz_init(num); mpz_init(den); mpz_init(s); mpz_init(lim);
    long E10 = (long)floor(lys_bf_log10(x));
    char *out = NULL;
    for (int tries = 0; tries < 3; tries++) {
        long k = nd - 1 - E10;
        mpz_set_ui(den, 1);
        long e2;
        if (k > -4096 && k < 4096) {
            mpz_abs(num, x->m);
            if (k >= 0) { mpz_ui_pow_ui(s, 10, (unsigned long)k); mpz_mul(num, num, s); }
            else { mpz_ui_pow_ui(s, 10, (unsigned long)(-k)); mpz_mul(den, den, s); }
            e2 = x->e;
        } else {
            /* a huge decimal exponent (10^8888888888`8): x 10^k in binary
             * floating point with nd digits and guard bits, not the exact
             * 10^k (billions of digits) */
            long wp = (long)(nd * LOG2_10) + 64;
            LysBF ten, t, y;
            lys_bf_init(&ten); lys_bf_init(&t); lys_bf_init(&y);
            lys_bf_set_si(&ten, 10);
            mpz_set_si(s, k);
            lys_bf_pow_z(&t, &ten, s, wp);
            lys_bf_mul(&y, x, &t, wp);
            mpz_abs(num, y.m);
            e2 = y.e;
            lys_bf_clear(&ten); lys_bf_clear(&t); lys_bf_clear(&y);
        }
        if (e2 >= 0) mpz_mul_2exp(num, num, (mp_bitcnt_t)e2);
        else mpz_mul_2exp(den, den, (mp_bitcnt_t)(-e2));
        /* round half up */
        mpz_mul_2exp(num, num, 1);
        mpz_add(num, num, den);
        mpz_mul_2exp(den, den, 1);
        mpz_fdiv_q(s, num, den);
        mpz_ui_pow_ui(lim, 10, (unsigned long)nd);
        if (mpz_cmp(s, lim) >= 0) { E10++; continue; }
        mpz_ui_pow_ui(lim, 10, (unsigned long)(nd - 1));
        if (mpz_cmp(s, lim) < 0) { E10--; continue; }
        out = mpz_get_str(NULL, 10, s);
        break;
    }
    *ex = E10;
    mpz_clear(num); mpz_clear(den); mpz_clear(s); mpz_clear(lim);
    return out;
}

static void gmp_free_str(char *d) {
    void (*gfree)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &gfree);
    gfree(d, strlen(d) + 1);
}

/* digits d (nd of them, the first of decimal exponent ex) as Wolfram writes
 * a real: fixed notation for exponents -5..5 (below nd too when fixed_big),
 * else d.ddd; *sci gets whether the exponent is to be written */
static void put_digits(LyBuf *b, const char *d, size_t nd, long ex, bool fixed_big, bool *sci) {
    *sci = false;
    if (ex >= -5 && ex <= 5 && (!fixed_big || ex < (long)nd)) {
        if (ex >= 0) {
            for (long i = 0; i <= ex; i++) ly_buf_put(b, i < (long)nd ? d + i : "0", 1);
            ly_buf_puts(b, ".");
            if ((long)nd > ex + 1) ly_buf_put(b, d + ex + 1, nd - (size_t)ex - 1);
        } else {
            ly_buf_puts(b, "0.");
            for (long i = 0; i < -ex - 1; i++) ly_buf_puts(b, "0");
            ly_buf_put(b, d, nd);
        }
        return;
    }
    ly_buf_put(b, d, 1);
    ly_buf_puts(b, ".");
    if (nd > 1) ly_buf_put(b, d + 1, nd - 1);
    *sci = true;
}

/* the precision mark of InputForm: `20., `15.954589770191003 */
static void put_mark(LyBuf *b, double p) {
    char t[40];
    if (p == floor(p) && p < 1e15) snprintf(t, sizeof t, "%.0f.", p);
    else {
        for (int k = 1; k <= 17; k++) {
            snprintf(t, sizeof t, "%.*f", k, p);
            if (strtod(t, NULL) == p) break;
        }
    }
    ly_buf_printf(b, "`%s", t);
}

/* |x| written with the nd digits d (trailing zeros dropped when input or
 * mach), the first of decimal exponent ex; InputForm: with the mark `p */
static void put_big(LyBuf *b, const char *d, size_t len, long ex, double p, bool mach, bool input) {
    if (mach || input) while (len > 1 && d[len - 1] == '0') len--;
    bool sci;
    put_digits(b, d, len, ex, !mach && !input, &sci);
    if (input) put_mark(b, p);
    if (sci) ly_buf_printf(b, input ? "*^%ld" : "*10^%ld", ex);
}

/* 1 when the InputForm text of b reads back as the value |x|, 0 when it
 * does not, -1 out of memory. */
static int reads_back(LyVM *vm, const LyBuf *b, const LysBF *x) {
    LyExpr r = NULL;
    if (b->oom) return -1;
    LyStatus st = ly_parse(vm, b->p, b->len, "InputForm", &r);
    if (st != LY_OK) return st == LY_ERRMEM ? -1 : 0;
    int same = 0;
    if (lys_is_bigreal(vm, r)) {
        LysBF y, ax;
        lys_bf_init(&y); lys_bf_init(&ax);
        get_bf(r, &y, NULL);
        mpz_abs(ax.m, x->m);
        ax.e = x->e;
        same = lys_bf_cmp(&y, &ax) == 0;
        lys_bf_clear(&y); lys_bf_clear(&ax);
    }
    ly_unref(vm, r);
    return same;
}

/* OutputForm: p significant digits; machine precision: 6, without
 * trailing zeros, as machine reals.  InputForm (Wolfram's shows the guard
 * digits too): the fewest digits, at least p, that read back as the same
 * number (1.5`20., 3.141592653589793238463`20.), so Put/Get and the
 * printer round trip lose nothing. */
static bool format_big(LyBuf *b, LyExpr e, bool input) {
    LysBF x;
    double p;
    lys_bf_init(&x);
    get_bf(e, &x, &p);
    bool mach = p == MACH_PREC;
    long nd = mach ? (input ? 16 : 6) : (long)floor(p + 0.5);
    if (nd < 1) nd = 1;
    long ex;
    char *d = lys_bf_sgn(&x) ? decimal_digits(&x, nd, &ex) : NULL;
    if (!d) {
        lys_bf_clear(&x);
        ly_buf_puts(b, "0.");
        if (input) put_mark(b, p);
        return true;
    }
    if (input) {
        /* the reader rounds to B bits (vm/lex.c); this many digits are
         * within half a unit of the last of them: the last try */
        long B = mach ? 53 : (long)ceil(p * LOG2_10) + 24;
        if (lys_bf_bits(&x) > B) B = lys_bf_bits(&x);
        long most = (long)ceil((double)B * 0.30102999566398120) + 2;
        for (;;) {
            LyBuf t;
            ly_buf_init(&t, b->vm);
            put_big(&t, d, strlen(d), ex, p, mach, true);
            int ok = nd >= most ? 1 : reads_back(b->vm, &t, &x);
            ly_buf_free(&t);
            if (ok < 0) { gmp_free_str(d); lys_bf_clear(&x); b->oom = true; return true; }
            if (ok) break;
            gmp_free_str(d);
            d = decimal_digits(&x, ++nd, &ex);
            if (!d) { lys_bf_clear(&x); b->oom = true; return true; }
        }
    }
    if (lys_bf_sgn(&x) < 0) ly_buf_puts(b, "-");
    put_big(b, d, strlen(d), ex, p, mach, input);
    gmp_free_str(d);
    lys_bf_clear(&x);
    return true;
}

bool lys_bigreal_format(LyBuf *b, LyExpr e) { return format_big(b, e, false); }

static bool input_format_hook(LyBuf *b, LyExpr e) {
    return lys_is_bigreal(b->vm, e) && format_big(b, e, true);
}

/* RealDigits[x, 10, len] of an exact numeric x: the first len digits
 * (truncated) and the exponent; NULL when x cannot be evaluated. */
LyExpr lys_bigreal_realdigits(LyVM *vm, LyExpr x, long len) {
    if (len <= 0 || len > 1000000) return NULL;
    LysBF v;
    double pin;
    lys_bf_init(&v);
    LyExpr res = NULL;
    if (ev_adaptive(vm, x, (double)len + 12, &v, &pin) && lys_bf_sgn(&v)) {
        long ex;
        char *d = decimal_digits(&v, len + 10, &ex);
        if (d) {
            LyExpr l = ly_mknormal(vm, LY_SYM(List), (size_t)len);
            for (long i = 0; l && i < len; i++) ly_nset(l, (size_t)i + 1, ly_mksmall(d[i] - '0'));
            if (l) res = ly_mk(vm, LY_SYM(List), 2, l, ly_mksmall(ex + 1));
            void (*gfree)(void *, size_t);
            mp_get_memory_functions(NULL, NULL, &gfree);
            gfree(d, strlen(d) + 1);
        }
    }
    lys_bf_clear(&v);
    return res;
}

/* ---- up-values, defined when the first number is made ------------------------------------------------- */

static void define_upvalues(LyVM *vm) {
    LyExpr flag = ly_symbol(vm, "Lyra`BigRealDefined");
    LyExpr v = ly_own_value(vm, flag);
    if (v) { ly_unref(vm, v); return; }
    ly_set_own_value(vm, flag, LY_SYM(True));
    static const char defs[] =
        "Lyra`BigReal /: Plus[a_Lyra`BigReal, b_?Lyra`BigNumQ] := Lyra`BigOp[Plus, a, b];"
        "Lyra`BigReal /: Times[a_Lyra`BigReal, b_?Lyra`BigNumQ] := Lyra`BigOp[Times, a, b];"
        "Lyra`BigReal /: Power[a_Lyra`BigReal, b_?Lyra`BigNumQ] := Lyra`BigOp[Power, a, b];"
        "Lyra`BigReal /: Power[a_?Lyra`BigNumQ, b_Lyra`BigReal] := Lyra`BigOp[Power, a, b];"
        "Lyra`BigReal /: Max[a_Lyra`BigReal, b_?NumberQ] := Lyra`BigOp[Max, a, b];"
        "Lyra`BigReal /: Min[a_Lyra`BigReal, b_?NumberQ] := Lyra`BigOp[Min, a, b];"
        "Lyra`BigReal /: Head[_Lyra`BigReal] := Real;"
        "Scan[Function[f, Lyra`BigReal /: f[a_Lyra`BigReal] := Lyra`BigOp[f, a]], "
        "{Sin, Cos, Tan, Cot, Sec, Csc, Exp, Log, Log2, Log10, Sqrt, ArcTan, ArcSin, ArcCos, Sinh, Cosh, Tanh, "
        "Floor, Ceiling, Round, IntegerPart, FractionalPart, Sign, Abs, Re, Im, Arg, Conjugate, Precision, Accuracy}];";
    int q = ly_set_quiet(vm, 1);
    ly_eval_string(vm, defs, sizeof defs - 1, "stdlib", NULL);
    ly_set_quiet(vm, q);
}

/* Lyra`BigReal[...] evaluates to itself; the first evaluation defines the
 * up-values that do its arithmetic (numbers read from source, 1.5`30, are
 * made by the parser, not by mk_big) */
static LyExpr b_bigreal(LyVM *vm, LyExpr e) {
    (void)e;
    define_upvalues(vm);
    return NULL;
}

/* Lyra`BigNumQ[x]: a number, or an exact numeric expression this file
 * evaluates to any precision (what arithmetic with a Lyra`BigReal takes) */
static LyExpr b_bignumq(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 1) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_is_number(x) || lys_is_bigreal(vm, x)) return LY_SYM(True);
    if (!lys_numericq(vm, x)) return LY_SYM(False);
    LysBF v;
    lys_bf_init(&v);
    Ev E = { vm, INFINITY };
    bool ok = ev(&E, x, 64, &v);
    lys_bf_clear(&v);
    if (ly_unwinding(vm)) return NULL;
    return ok && isinf(E.prec) ? LY_SYM(True) : LY_SYM(False);
}

static const LyBuiltin bigreal_builtins[] = {
    { "Lyra`BigNumQ", b_bignumq, "Protected", NULL },
    { "Lyra`BigReal", b_bigreal, "Formatted", NULL },
    { "Lyra`BigOp", b_bigop, "Protected", NULL },
    { "Precision", b_precision, "Protected",
      "Precision[x] gives the effective number of digits of precision in the number x." },
    { "SetPrecision", b_setprecision, "Protected",
      "SetPrecision[expr, p] yields a version of expr in which all numbers have been set to have precision p." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_bigreal(LyVM *vm);
LyStatus lys_open_bigreal(LyVM *vm) {
    ly_set_range_hook(vm, range_hook);
    ly_set_input_format_hook(vm, input_format_hook);
    return ly_register_table(vm, bigreal_builtins);
}
