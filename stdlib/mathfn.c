/*
 * mathfn.c — numerical evaluation and the elementary functions: N, the
 * constants (Pi, E, Degree, GoldenRatio, EulerGamma, Catalan, Infinity, I),
 * Sin ... ArcTanh, Exp, Log, Log2, Log10.  Written against lyra.h +
 * lyra_ext.h.
 *
 * Every elementary function follows the same three steps (elem()):
 *   1. exact special values (Sin[Pi/6] -> 1/2, Log[E] -> 1, Cos[0] -> 1);
 *   2. machine evaluation when the argument is an inexact number (Sin[1.]),
 *      switching to the complex function outside the real domain
 *      (Log[-1.], ArcSin[2.]);
 *   3. otherwise the expression stays as it is (Sin[x], Sin[1]).
 * Exp[x] becomes Power[E, x], as in Wolfram; only inexact arguments are
 * computed here.
 *
 * N[expr] numericalizes at machine precision here; N[expr, n] goes to the
 * arbitrary-precision reals of bigreal.c.  lys_nvalue() computes the machine value
 * of a numeric expression without building anything; Equal, Less, Max and
 * friends use it to compare Pi, Sqrt[2], Sin[1] and the like.
 */
#include <math.h>
#include <complex.h>
#include <string.h>
#include "lys_data.h"
#include "lys_root.h"
#undef I
#define CI _Complex_I

typedef double _Complex cplx;

/* ---- constants ----------------------------------------------------------------------------- */

static const struct { const char *name; double v; } constants[] = {
    { "Pi", 3.14159265358979323846 }, { "E", 2.71828182845904523536 },
    { "Degree", 0.01745329251994329577 }, { "GoldenRatio", 1.61803398874989484820 },
    { "EulerGamma", 0.57721566490153286061 }, { "Catalan", 0.91596559417721901505 },
};

static bool constant_value(LyExpr s, double *v) {
    if (!ly_is_sym(s)) return false;
    const char *n = ly_sym(s)->name;
    for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++)
        if (!strcmp(n, constants[i].name)) { *v = constants[i].v; return true; }
    return false;
}

/* ---- the function table -------------------------------------------------------------------- */

static double r_cot(double x) { return 1.0 / tan(x); }
static double r_sec(double x) { return 1.0 / cos(x); }
static double r_csc(double x) { return 1.0 / sin(x); }
static double r_coth(double x) { return 1.0 / tanh(x); }
static double r_sech(double x) { return 1.0 / cosh(x); }
static double r_csch(double x) { return 1.0 / sinh(x); }
static cplx c_cot(cplx z) { return 1.0 / ctan(z); }
static cplx c_sec(cplx z) { return 1.0 / ccos(z); }
static cplx c_csc(cplx z) { return 1.0 / csin(z); }
static cplx c_coth(cplx z) { return 1.0 / ctanh(z); }
static cplx c_sech(cplx z) { return 1.0 / ccosh(z); }
static cplx c_csch(cplx z) { return 1.0 / csinh(z); }
static double r_log2(double x) { return log2(x); }
static double r_log10(double x) { return log10(x); }
static cplx c_log2(cplx z) { return clog(z) / M_LN2; }
static cplx c_log10(cplx z) { return clog(z) / M_LN10; }

static bool d_unit(double x) { return x >= -1.0 && x <= 1.0; }
static bool d_pos(double x) { return x >= 0.0; }
static bool d_ge1(double x) { return x >= 1.0; }
static bool d_open_unit(double x) { return x > -1.0 && x < 1.0; }

static LyExpr x_sin(LyVM *vm, LyExpr x);
static LyExpr x_cos(LyVM *vm, LyExpr x);
static LyExpr x_tan(LyVM *vm, LyExpr x);
static LyExpr x_cot(LyVM *vm, LyExpr x);
static LyExpr x_sec(LyVM *vm, LyExpr x);
static LyExpr x_csc(LyVM *vm, LyExpr x);
static LyExpr x_arcsin(LyVM *vm, LyExpr x);
static LyExpr x_arccos(LyVM *vm, LyExpr x);
static LyExpr x_arctan(LyVM *vm, LyExpr x);
static LyExpr x_arccot(LyVM *vm, LyExpr x);
static LyExpr x_arcsec(LyVM *vm, LyExpr x);
static LyExpr x_arccsc(LyVM *vm, LyExpr x);
static LyExpr x_arccoth(LyVM *vm, LyExpr x);
static double r_arccot(double x);
static double r_arcsec(double x);
static double r_arccsc(double x);
static double r_arccoth(double x);
static double r_arcsech(double x);
static double r_arccsch(double x);
static cplx c_arccot(cplx z);
static cplx c_arcsec(cplx z);
static cplx c_arccsc(cplx z);
static cplx c_arccoth(cplx z);
static cplx c_arcsech(cplx z);
static cplx c_arccsch(cplx z);
static bool d_out_unit(double x);
static bool d_out_open_unit(double x);
static bool d_sech(double x);
static LyExpr x_zero_at_zero(LyVM *vm, LyExpr x);
static LyExpr x_cosh(LyVM *vm, LyExpr x);
static LyExpr x_log(LyVM *vm, LyExpr x);
static LyExpr x_exp(LyVM *vm, LyExpr x);

typedef struct Fn {
    const char *name;
    double (*rf)(double);
    bool (*rdom)(double);           /* where rf is real; NULL: everywhere */
    cplx (*cf)(cplx);
    LyExpr (*exact)(LyVM *vm, LyExpr x);
} Fn;

static const Fn fns[] = {
    { "Sin", sin, NULL, csin, x_sin }, { "Cos", cos, NULL, ccos, x_cos },
    { "Tan", tan, NULL, ctan, x_tan }, { "Cot", r_cot, NULL, c_cot, x_cot },
    { "Sec", r_sec, NULL, c_sec, x_sec }, { "Csc", r_csc, NULL, c_csc, x_csc },
    { "ArcSin", asin, d_unit, casin, x_arcsin }, { "ArcCos", acos, d_unit, cacos, x_arccos },
    { "ArcTan", atan, NULL, catan, x_arctan },
    { "Sinh", sinh, NULL, csinh, x_zero_at_zero }, { "Cosh", cosh, NULL, ccosh, x_cosh },
    { "Tanh", tanh, NULL, ctanh, x_zero_at_zero }, { "Coth", r_coth, NULL, c_coth, NULL },
    { "Sech", r_sech, NULL, c_sech, NULL }, { "Csch", r_csch, NULL, c_csch, NULL },
    { "ArcSinh", asinh, NULL, casinh, x_zero_at_zero }, { "ArcCosh", acosh, d_ge1, cacosh, NULL },
    { "ArcTanh", atanh, d_open_unit, catanh, x_zero_at_zero },
    { "ArcCot", r_arccot, NULL, c_arccot, x_arccot }, { "ArcSec", r_arcsec, d_out_unit, c_arcsec, x_arcsec },
    { "ArcCsc", r_arccsc, d_out_unit, c_arccsc, x_arccsc },
    { "ArcCoth", r_arccoth, d_out_open_unit, c_arccoth, x_arccoth },
    { "ArcSech", r_arcsech, d_sech, c_arcsech, NULL }, { "ArcCsch", r_arccsch, NULL, c_arccsch, NULL },
    { "Exp", exp, NULL, cexp, x_exp }, { "Log", log, d_pos, clog, x_log },
    { "Log2", r_log2, d_pos, c_log2, NULL }, { "Log10", r_log10, d_pos, c_log10, NULL },
};

static const Fn *fn_of(LyExpr head) {
    if (!ly_is_sym(head)) return NULL;
    const char *n = ly_sym(head)->name;
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (!strcmp(n, fns[i].name)) return &fns[i];
    return NULL;
}

/* ---- machine values ------------------------------------------------------------------------- */

static bool num_value(LyExpr e, cplx *z) {
    if (ly_type(e) == LY_TCOMPLEX) {
        *z = ly_num_to_double(((LyComplex *)e)->re) + ly_num_to_double(((LyComplex *)e)->im) * CI;
        return true;
    }
    *z = ly_num_to_double(e);
    return true;
}

static cplx cpow_real_aware(cplx b, cplx x) {
    if (cimag(b) == 0 && cimag(x) == 0) {
        double rb = creal(b), rx = creal(x);
        if (rb >= 0 || rx == floor(rx)) return pow(rb, rx);
    }
    if (b == 0) return 0;
    return cpow(b, x);
}

bool lys_nvalue(LyVM *vm, LyExpr e, cplx *out) {
    if (ly_is_number(e)) return num_value(e, out);
    double v;
    if (constant_value(e, &v)) { *out = v; return true; }
    if (!ly_is_normal(e)) return false;
    if (lys_is_bigreal(vm, e)) { *out = lys_bigreal_value(e); return true; }
    LyExpr h = ly_nhead(e);
    size_t n = ly_nlen(e);
    if (h == LY_SYM(Plus) || h == LY_SYM(Times)) {
        cplx acc = h == LY_SYM(Plus) ? 0 : 1, z;
        for (size_t i = 1; i <= n; i++) {
            if (!lys_nvalue(vm, ly_narg(e, i), &z)) return false;
            acc = h == LY_SYM(Plus) ? acc + z : acc * z;
        }
        *out = acc;
        return true;
    }
    if (h == LY_SYM(Power) && n == 2) {
        cplx b, x;
        if (!lys_nvalue(vm, ly_narg(e, 1), &b) || !lys_nvalue(vm, ly_narg(e, 2), &x)) return false;
        *out = cpow_real_aware(b, x);
        return true;
    }
    if (h == LY_SYM(Sqrt) && n == 1) {
        cplx b;
        if (!lys_nvalue(vm, ly_narg(e, 1), &b)) return false;
        *out = cimag(b) == 0 && creal(b) >= 0 ? sqrt(creal(b)) : csqrt(b);
        return true;
    }
    const Fn *f = fn_of(h);
    if (f && n == 1) {
        cplx z;
        if (!lys_nvalue(vm, ly_narg(e, 1), &z)) return false;
        if (cimag(z) == 0 && (!f->rdom || f->rdom(creal(z)))) *out = f->rf(creal(z));
        else *out = f->cf(z);
        return true;
    }
    if (ly_is_sym(h) && n == 1 && !strcmp(ly_sym(h)->name, "Abs")) {
        cplx z;
        if (!lys_nvalue(vm, ly_narg(e, 1), &z)) return false;
        *out = cabs(z);
        return true;
    }
    if (ly_is_sym(h) && n == 2 && !strcmp(ly_sym(h)->name, "Root")) return lys_root_nvalue(vm, e, out);
    if (ly_is_sym(h) && n == 2 && !strcmp(ly_sym(h)->name, "Log")) {
        cplx b, x;
        if (!lys_nvalue(vm, ly_narg(e, 1), &b) || !lys_nvalue(vm, ly_narg(e, 2), &x)) return false;
        *out = (cimag(x) == 0 && creal(x) > 0 && cimag(b) == 0 && creal(b) > 0)
                   ? log(creal(x)) / log(creal(b)) : clog(x) / clog(b);
        return true;
    }
    return false;
}

bool lys_numericq(LyVM *vm, LyExpr e) {
    if (ly_is_number(e)) return true;
    if (lys_is_bigreal(vm, e)) return true;
    double v;
    if (ly_is_sym(e)) return constant_value(e, &v);
    if (!ly_is_normal(e) || !ly_is_sym(ly_nhead(e))) return false;
    if (ly_nlen(e) == 2 && ly_is_small(ly_narg(e, 2)) && !strcmp(ly_sym(ly_nhead(e))->name, "Root")) return true;
    if (!(ly_attributes(vm, ly_nhead(e)) & LY_ATTR_NUMERICFUNCTION)) return false;
    for (size_t i = 1; i <= ly_nlen(e); i++)
        if (!lys_numericq(vm, ly_narg(e, i))) return false;
    return true;
}

/* A machine number from a complex value (real when the imaginary part is 0). */
static LyExpr mk_cnum(LyVM *vm, cplx z, bool force_complex) {
    if (cimag(z) == 0 && !force_complex) return ly_real_result(vm, creal(z));
    LyExpr re = ly_real_result(vm, creal(z)), im = ly_real_result(vm, cimag(z));
    if (!re || !im) { ly_unref(vm, re); ly_unref(vm, im); return NULL; }
    return ly_mkcomplex(vm, re, im);
}

/* ---- N ------------------------------------------------------------------------------------- */

#ifndef LY_ATTR_NHOLDALL
#define LY_ATTR_NHOLDALL (1u << 15)
#define LY_ATTR_NHOLDFIRST (1u << 16)
#define LY_ATTR_NHOLDREST (1u << 17)
#endif

static LyExpr numericalize(LyVM *vm, LyExpr e);

static LyExpr n_number(LyVM *vm, LyExpr e) {
    if (ly_is_real(e)) { ly_ref(e); return e; }
    if (ly_type(e) == LY_TCOMPLEX) {
        LyComplex *c = (LyComplex *)e;
        return mk_cnum(vm, ly_num_to_double(c->re) + ly_num_to_double(c->im) * CI, true);
    }
    double d = ly_num_to_double(e);
    if (!isfinite(d) || ((d == 0 || fpclassify(d) == FP_SUBNORMAL) && !ly_num_is_zero(e))) {
        /* outside the machine range: a number of machine precision */
        LyExpr r = lys_machine_value(vm, e);
        if (r || ly_unwinding(vm)) return r;
    }
    return ly_real_result(vm, d);
}

static LyExpr n_packed(LyVM *vm, LyExpr e) {
    LyPacked *p = ly_packed(e);
    if (p->h.flags == LY_PACKED_REAL) { ly_ref(e); return e; }
    LyExpr r = ly_mkpacked(vm, LY_PACKED_REAL, p->h.aux, p->dims);
    if (!r) return NULL;
    const int64_t *s = p->data;
    double *d = ly_packed(r)->data;
    for (size_t i = 0; i < p->len; i++) d[i] = (double)s[i];
    return r;
}

static LyExpr n_normal(LyVM *vm, LyExpr e) {
    LyExpr h = ly_nhead(e);
    size_t n = ly_nlen(e);
    if (h == LY_SYM(DirectedInfinity)) { ly_ref(e); return e; }
    uint32_t at = ly_is_sym(h) ? ly_attributes(vm, h) : 0;
    LyExpr nh = numericalize(vm, h);
    if (!nh) return NULL;
    LyExpr r = ly_mknormal(vm, nh, n);
    if (!r) return NULL;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        bool hold = (at & LY_ATTR_NHOLDALL) || (i == 1 && (at & LY_ATTR_NHOLDFIRST)) ||
                    (i > 1 && (at & LY_ATTR_NHOLDREST));
        /* N[x^3] is x^3: integer exponents of symbolic bases stay exact */
        if (i == 2 && h == LY_SYM(Power) && n == 2 && ly_is_integer(a) && !ly_is_number(ly_narg(e, 1)))
            hold = true;
        LyExpr v = hold ? (ly_ref(a), a) : numericalize(vm, a);
        if (!v) { lys_abandon(vm, r, i); return NULL; }
        ly_nset(r, i, v);
    }
    return lys_eval_steal(vm, r);
}

static LyExpr numericalize(LyVM *vm, LyExpr e) {
    if (!ly_safe_point(vm)) return NULL;
    if (ly_is_number(e)) return n_number(vm, e);
    if (lys_is_bigreal(vm, e)) return lys_machine_value(vm, e);
    double v;
    if (constant_value(e, &v)) return ly_mkreal(vm, v);
    switch (ly_type(e)) {
    case LY_TPACKED: return n_packed(vm, e);
    case LY_TNORMAL: return n_normal(vm, e);
    case LY_TASSOC: {
        LyAssoc *a = ly_assoc(e);
        LY_SCRATCH(LyExpr, rules, vm, a->len);
        if (!rules) return NULL;
        size_t k = 0;
        for (; k < a->len; k++) {
            LyExpr r = a->rules[k];
            LyExpr nv = numericalize(vm, ly_narg(r, 2));
            rules[k] = nv ? ly_mk(vm, ly_nhead(r), 2, (ly_ref(ly_narg(r, 1)), ly_narg(r, 1)), nv) : NULL;
            if (!rules[k]) break;
        }
        LyExpr res = k == a->len ? ly_mkassoc(vm, k, rules) : NULL;
        for (size_t i = 0; i < k; i++) ly_unref(vm, rules[i]);
        return res;
    }
    default:
        ly_ref(e);
        return e;
    }
}

LyExpr lys_numericalize(LyVM *vm, LyExpr e) { return numericalize(vm, e); }

static LyExpr b_n(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 2 && !ly_is_symbol(ly_narg(e, 2), "MachinePrecision")) {
        bool declined;
        LyExpr r = lys_n_precision(vm, ly_narg(e, 1), ly_narg(e, 2), &declined);
        if (!declined) return r;
    }
    return numericalize(vm, ly_narg(e, 1));
}

/* ---- exact special values -------------------------------------------------------------------- */

/* x = q Pi with q rational: sets q (initialised) and returns true. */
static bool pi_multiple(LyExpr x, mpq_t q) {
    if (x == LY_SYM(Pi)) { mpq_init(q); mpq_set_ui(q, 1, 1); return true; }
    if (ly_is_symbol(x, "Degree")) { mpq_init(q); mpq_set_ui(q, 1, 180); return true; }
    if (ly_head_is(x, LY_SYM(Times)) && ly_nlen(x) == 2 &&
        (ly_narg(x, 2) == LY_SYM(Pi) || ly_is_symbol(ly_narg(x, 2), "Degree"))) {
        LyExpr c = ly_narg(x, 1);
        if (ly_is_integer(c) || ly_type(c) == LY_TRAT) {
            lys_mpq_get(q, c);
            if (ly_narg(x, 2) != LY_SYM(Pi)) {       /* n Degree = n Pi/180 */
                mpq_t d; mpq_init(d); mpq_set_ui(d, 1, 180); mpq_mul(q, q, d); mpq_clear(d);
            }
            return true;
        }
    }
    return false;
}

static bool is_exact_zero(LyExpr x) { return ly_is_small(x) && ly_small(x) == 0; }

static LyExpr rat(LyVM *vm, int64_t p, int64_t q) { return ly_rational(vm, p, q); }

/* Sqrt[k]^s as Power[k, s/2]. */
static LyExpr surd(LyVM *vm, int64_t k, int s) { return ly_mk(vm, LY_SYM(Power), 2, ly_mksmall(k), rat(vm, s, 2)); }

/* Reduces q (an angle q Pi) for sin: q' in [0, 1/2] with sin(q Pi) =
 * sign sin(q' Pi); q' = num/den when it fits a long. */
static void reduce_sin(const mpq_t q0, int *sign, long *num, long *den) {
    mpq_t q, t;
    mpz_t fl;
    mpq_init(q); mpq_init(t); mpz_init(fl);
    mpq_set(q, q0);
    mpz_fdiv_q(fl, mpq_numref(q), mpq_denref(q));
    if (mpz_odd_p(fl)) mpz_sub_ui(fl, fl, 1);
    mpq_set_z(t, fl);
    mpq_sub(q, q, t);                                  /* [0, 2) */
    *sign = 1;
    if (mpq_cmp_ui(q, 1, 1) >= 0) { *sign = -1; mpq_set_ui(t, 1, 1); mpq_sub(q, q, t); }
    if (mpq_cmp_ui(q, 1, 2) > 0) { mpq_set_ui(t, 1, 1); mpq_sub(q, t, q); }
    bool fits = mpz_fits_slong_p(mpq_numref(q)) && mpz_fits_slong_p(mpq_denref(q));
    *num = fits ? mpz_get_si(mpq_numref(q)) : 1;
    *den = fits ? mpz_get_si(mpq_denref(q)) : 7;      /* no table entry */
    mpq_clear(q); mpq_clear(t); mpz_clear(fl);
}

static LyExpr signed_value(LyVM *vm, int sign, LyExpr v) {
    if (!v || ly_is_sym(v)) return v;
    if (sign < 0) v = ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), v);
    return lys_eval_steal(vm, v);
}

/* sin(q Pi) for the rational q, exactly when q has denominator 1, 2, 3, 4
 * or 6; NULL (not unwinding) otherwise.  csc when inverse. */
static LyExpr sin_table(LyVM *vm, const mpq_t q, bool inverse) {
    int sign; long num, den;
    reduce_sin(q, &sign, &num, &den);
    LyExpr v;
    if (num == 0) return inverse ? LY_SYM(ComplexInfinity) : ly_mksmall(0);
    if (num == 1 && den == 2) v = ly_mksmall(1);
    else if (num == 1 && den == 6) v = inverse ? ly_mksmall(2) : rat(vm, 1, 2);
    else if (num == 1 && den == 4) v = surd(vm, 2, inverse ? 1 : -1);
    else if (num == 1 && den == 3)
        v = inverse ? ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(2), surd(vm, 3, -1))
                    : ly_mk(vm, LY_SYM(Times), 2, rat(vm, 1, 2), surd(vm, 3, 1));
    else {
        /* the angles Wolfram also gives in radicals: multiples of Pi/5, Pi/8,
         * Pi/10 and Pi/12 (Cos[Pi/5] is (1 + Sqrt[5])/4) */
        static const struct { long num, den; const char *sin, *csc; } more[] = {
            { 1, 12, "(-1 + Sqrt[3])/(2 Sqrt[2])", "Sqrt[2] (1 + Sqrt[3])" },
            { 5, 12, "(1 + Sqrt[3])/(2 Sqrt[2])", "Sqrt[2] (-1 + Sqrt[3])" },
            { 1, 10, "(-1 + Sqrt[5])/4", "1 + Sqrt[5]" },
            { 3, 10, "(1 + Sqrt[5])/4", "-1 + Sqrt[5]" },
            { 1, 5, "Sqrt[5/8 - Sqrt[5]/8]", "Sqrt[2 (1 + 1/Sqrt[5])]" },
            { 2, 5, "Sqrt[5/8 + Sqrt[5]/8]", "Sqrt[2 (1 - 1/Sqrt[5])]" },
            { 1, 8, "Sqrt[2 - Sqrt[2]]/2", "2/Sqrt[2 - Sqrt[2]]" },
            { 3, 8, "Sqrt[2 + Sqrt[2]]/2", "2/Sqrt[2 + Sqrt[2]]" },
        };
        size_t i = 0, n = sizeof more / sizeof more[0];
        while (i < n && !(more[i].num == num && more[i].den == den)) i++;
        if (i == n) return NULL;
        v = lys_text_value(vm, inverse ? more[i].csc : more[i].sin);
        if (!v) return NULL;
    }
    return signed_value(vm, sign, v);
}

static LyExpr sin_pi(LyVM *vm, const mpq_t q) { return sin_table(vm, q, false); }

/* tan(q Pi) (cot when inverse): period 1. */
static LyExpr tan_table(LyVM *vm, const mpq_t q0, bool inverse) {
    mpq_t q;
    mpz_t fl;
    mpq_init(q); mpz_init(fl);
    mpq_set(q, q0);
    if (inverse) { mpq_t h; mpq_init(h); mpq_set_ui(h, 1, 2); mpq_sub(q, h, q); mpq_clear(h); }
    mpz_fdiv_q(fl, mpq_numref(q), mpq_denref(q));
    mpz_mul(fl, fl, mpq_denref(q));
    mpz_sub(mpq_numref(q), mpq_numref(q), fl);         /* q mod 1, in [0, 1) */
    bool fits = mpz_fits_slong_p(mpq_numref(q)) && mpz_fits_slong_p(mpq_denref(q));
    long num = fits ? mpz_get_si(mpq_numref(q)) : 1, den = fits ? mpz_get_si(mpq_denref(q)) : 7;
    mpq_clear(q); mpz_clear(fl);
    int sign = 1;
    if (den > 1 && 2 * num > den) { sign = -1; num = den - num; }   /* tan(Pi - x) = -tan x */
    LyExpr v;
    if (num == 0) return ly_mksmall(0);
    if (num == 1 && den == 2) return LY_SYM(ComplexInfinity);
    if (num == 1 && den == 4) v = ly_mksmall(1);
    else if (num == 1 && den == 6) v = surd(vm, 3, -1);
    else if (num == 1 && den == 3) v = surd(vm, 3, 1);
    else {
        static const struct { long num, den; const char *tan; } more[] = {
            { 1, 12, "2 - Sqrt[3]" }, { 5, 12, "2 + Sqrt[3]" },
            { 1, 8, "-1 + Sqrt[2]" }, { 3, 8, "1 + Sqrt[2]" },
            { 1, 10, "Sqrt[1 - 2/Sqrt[5]]" }, { 3, 10, "Sqrt[1 + 2/Sqrt[5]]" },
            { 1, 5, "Sqrt[5 - 2 Sqrt[5]]" }, { 2, 5, "Sqrt[5 + 2 Sqrt[5]]" },
        };
        size_t i = 0, n = sizeof more / sizeof more[0];
        while (i < n && !(more[i].num == num && more[i].den == den)) i++;
        if (i == n) return NULL;
        v = lys_text_value(vm, more[i].tan);
        if (!v) return NULL;
    }
    return signed_value(vm, sign, v);
}

static LyExpr cos_pi(LyVM *vm, const mpq_t q) {
    mpq_t h;
    mpq_init(h);
    mpq_set_ui(h, 1, 2);
    mpq_add(h, h, q);
    LyExpr r = sin_pi(vm, h);
    mpq_clear(h);
    return r;
}

static LyExpr x_sin(LyVM *vm, LyExpr x) {
    if (is_exact_zero(x)) return ly_mksmall(0);
    mpq_t q;
    if (!pi_multiple(x, q)) return NULL;
    LyExpr r = sin_pi(vm, q);
    mpq_clear(q);
    return r;
}

static LyExpr x_cos(LyVM *vm, LyExpr x) {
    if (is_exact_zero(x)) return ly_mksmall(1);
    mpq_t q;
    if (!pi_multiple(x, q)) return NULL;
    LyExpr r = cos_pi(vm, q);
    mpq_clear(q);
    return r;
}

/* 1/v for the exact special values built above (numbers, k^s, r k^s,
 * -x), so that products simplify; steals v. */
static LyExpr invert(LyVM *vm, LyExpr v) {
    if (!v) return NULL;
    LyExpr r;
    if (ly_is_number(v)) r = ly_num_div(vm, ly_mksmall(1), v);
    else if (ly_head_is(v, LY_SYM(Power)) && ly_nlen(v) == 2 && ly_is_number(ly_narg(v, 2)))
        r = ly_mk(vm, LY_SYM(Power), 2, (ly_ref(ly_narg(v, 1)), ly_narg(v, 1)), ly_num_neg(vm, ly_narg(v, 2)));
    else if (ly_head_is(v, LY_SYM(Times))) {
        size_t n = ly_nlen(v);
        r = ly_mknormal(vm, LY_SYM(Times), n);
        for (size_t i = 1; r && i <= n; i++) {
            LyExpr f = ly_narg(v, i);
            ly_ref(f);
            LyExpr g = invert(vm, f);
            if (!g) { lys_abandon(vm, r, i); r = NULL; break; }
            ly_nset(r, i, g);
        }
    } else r = ly_mk(vm, LY_SYM(Power), 2, (ly_ref(v), v), ly_mksmall(-1));
    ly_unref(vm, v);
    return r;
}

/* num/den of two exact values, ComplexInfinity when den is 0. */
static LyExpr ratio(LyVM *vm, LyExpr num, LyExpr den) {
    if (!num || !den) { ly_unref(vm, num); ly_unref(vm, den); return NULL; }
    if (is_exact_zero(den)) { ly_unref(vm, num); return LY_SYM(ComplexInfinity); }
    if (ly_is_number(num) && ly_is_number(den)) {
        LyExpr q = ly_num_div(vm, num, den);
        ly_unref(vm, num); ly_unref(vm, den);
        return q;
    }
    return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, num, invert(vm, den)));
}

static LyExpr trig_ratio(LyVM *vm, LyExpr x, int which) {
    /* which: 0 tan, 1 cot, 2 sec, 3 csc */
    mpq_t q;
    if (is_exact_zero(x)) {
        static const int at_zero[] = { 0, -1, 1, -1 };
        return at_zero[which] < 0 ? LY_SYM(ComplexInfinity) : ly_mksmall(at_zero[which]);
    }
    if (!pi_multiple(x, q)) return NULL;
    LyExpr r;
    if (which <= 1) r = tan_table(vm, q, which == 1);
    else {
        if (which == 2) { mpq_t h; mpq_init(h); mpq_set_ui(h, 1, 2); mpq_add(q, q, h); mpq_clear(h); }
        r = sin_table(vm, q, true);
    }
    mpq_clear(q);
    return r;
}

static LyExpr x_tan(LyVM *vm, LyExpr x) { return trig_ratio(vm, x, 0); }
static LyExpr x_cot(LyVM *vm, LyExpr x) { return trig_ratio(vm, x, 1); }
static LyExpr x_sec(LyVM *vm, LyExpr x) { return trig_ratio(vm, x, 2); }
static LyExpr x_csc(LyVM *vm, LyExpr x) { return trig_ratio(vm, x, 3); }

static LyExpr pi_times(LyVM *vm, int64_t p, int64_t q) {
    if (p == 0) return ly_mksmall(0);
    if (p == q) return LY_SYM(Pi);
    return ly_mk(vm, LY_SYM(Times), 2, rat(vm, p, q), LY_SYM(Pi));
}

static bool is_rat(LyExpr x, int64_t p, int64_t q) {
    if (q == 1) return ly_is_small(x) && ly_small(x) == p;
    if (ly_type(x) != LY_TRAT) return false;
    LyRational *r = (LyRational *)x;
    return ly_is_small(r->num) && ly_small(r->num) == p && ly_is_small(r->den) && ly_small(r->den) == q;
}

/* An inverse trigonometric function of an exact value that its forward
 * function gives at a rational multiple of Pi with a denominator of the
 * tables above (ArcTan[Sqrt[3]] = Pi/3, ArcSin[(-1 + Sqrt[3])/(2 Sqrt[2])]
 * = Pi/12): the angle is found numerically, then the forward function of
 * that angle must give x itself. */
static bool no_inexact(LyVM *vm, LyExpr x) {
    if (ly_is_number(x)) return ly_is_exact(x);
    if (!ly_is_normal(x)) return true;
    if (lys_is_bigreal(vm, x)) return false;
    for (size_t i = 1; i <= ly_nlen(x); i++) if (!no_inexact(vm, ly_narg(x, i))) return false;
    return true;
}

static LyExpr inverse_angle(LyVM *vm, const char *fwd, double (*rf)(double), LyExpr x) {
    if (ly_is_number(x) ? !ly_is_exact(x) || ly_type(x) == LY_TCOMPLEX : !ly_is_normal(x)) return NULL;
    if (ly_is_normal(x) && (!lys_numericq(vm, x) || !no_inexact(vm, x))) return NULL;
    cplx z;
    if (!lys_nvalue(vm, x, &z) || cimag(z) != 0 || !isfinite(creal(z))) return NULL;
    double t = rf(creal(z)) / M_PI;
    if (!isfinite(t)) return NULL;
    static const int dens[] = { 1, 2, 3, 4, 5, 6, 8, 10, 12 };
    for (size_t i = 0; i < sizeof dens / sizeof dens[0]; i++) {
        double k = round(t * dens[i]);
        if (fabs(t * dens[i] - k) > 1e-9) continue;
        LyExpr angle = lys_eval_steal(vm, pi_times(vm, (int64_t)k, dens[i]));
        if (!angle) return NULL;
        LyExpr v = lys_eval_steal(vm, ly_mk(vm, lys_symbol(vm, fwd), 1, (ly_ref(angle), angle)));
        bool same = v && ly_equal(v, x);
        ly_unref(vm, v);
        if (same) return angle;
        ly_unref(vm, angle);
        return NULL;
    }
    return NULL;
}

static double r_arccot(double x) { return x == 0 ? M_PI / 2 : atan(1.0 / x); }
static double r_arcsec(double x) { return acos(1.0 / x); }
static double r_arccsc(double x) { return asin(1.0 / x); }
static double r_arccoth(double x) { return atanh(1.0 / x); }
static double r_arcsech(double x) { return acosh(1.0 / x); }
static double r_arccsch(double x) { return asinh(1.0 / x); }
static cplx c_arccot(cplx z) { return catan(1.0 / z); }
static cplx c_arcsec(cplx z) { return cacos(1.0 / z); }
static cplx c_arccsc(cplx z) { return casin(1.0 / z); }
static cplx c_arccoth(cplx z) { return catanh(1.0 / z); }
static cplx c_arcsech(cplx z) { return cacosh(1.0 / z); }
static cplx c_arccsch(cplx z) { return casinh(1.0 / z); }
static bool d_out_unit(double x) { return x <= -1.0 || x >= 1.0; }
static bool d_out_open_unit(double x) { return x < -1.0 || x > 1.0; }
static bool d_sech(double x) { return x > 0.0 && x <= 1.0; }

static LyExpr x_arcsin(LyVM *vm, LyExpr x) {
    static const int64_t t[][4] = { {0,1,0,1}, {1,1,1,2}, {-1,1,-1,2}, {1,2,1,6}, {-1,2,-1,6} };
    for (size_t i = 0; i < 5; i++) if (is_rat(x, t[i][0], t[i][1])) return pi_times(vm, t[i][2], t[i][3]);
    return inverse_angle(vm, "Sin", asin, x);
}

static LyExpr x_arccos(LyVM *vm, LyExpr x) {
    static const int64_t t[][4] = { {0,1,1,2}, {1,1,0,1}, {-1,1,1,1}, {1,2,1,3}, {-1,2,2,3} };
    for (size_t i = 0; i < 5; i++) if (is_rat(x, t[i][0], t[i][1])) return pi_times(vm, t[i][2], t[i][3]);
    return inverse_angle(vm, "Cos", acos, x);
}

static LyExpr x_arctan(LyVM *vm, LyExpr x) {
    if (is_exact_zero(x)) return ly_mksmall(0);
    if (is_rat(x, 1, 1)) return pi_times(vm, 1, 4);
    if (is_rat(x, -1, 1)) return pi_times(vm, -1, 4);
    int s = lys_infinity_sign(x);
    if (s) return pi_times(vm, s, 2);
    return inverse_angle(vm, "Tan", atan, x);
}

static LyExpr x_arccot(LyVM *vm, LyExpr x) {
    if (is_exact_zero(x)) return pi_times(vm, 1, 2);
    if (lys_infinity_sign(x)) return ly_mksmall(0);
    return inverse_angle(vm, "Cot", r_arccot, x);
}

static LyExpr x_arcsec(LyVM *vm, LyExpr x) {
    if (is_exact_zero(x)) return LY_SYM(ComplexInfinity);
    if (lys_infinity_sign(x)) return pi_times(vm, 1, 2);
    return inverse_angle(vm, "Sec", r_arcsec, x);
}

static LyExpr x_arccsc(LyVM *vm, LyExpr x) {
    if (is_exact_zero(x)) return LY_SYM(ComplexInfinity);
    if (lys_infinity_sign(x)) return ly_mksmall(0);
    return inverse_angle(vm, "Csc", r_arccsc, x);
}

static LyExpr x_arccoth(LyVM *vm, LyExpr x) {
    if (is_exact_zero(x)) return ly_mk(vm, LY_SYM(Times), 2, rat(vm, 1, 2), ly_mk(vm, LY_SYM(Times), 2,
                                        ly_mkcomplex(vm, ly_mksmall(0), ly_mksmall(1)), LY_SYM(Pi)));
    if (lys_infinity_sign(x)) return ly_mksmall(0);
    return NULL;
}

static LyExpr x_zero_at_zero(LyVM *vm, LyExpr x) { return is_exact_zero(x) ? ly_mksmall(0) : NULL; }
static LyExpr x_cosh(LyVM *vm, LyExpr x) { return is_exact_zero(x) ? ly_mksmall(1) : NULL; }

static LyExpr x_exp(LyVM *vm, LyExpr x) {
    if (ly_is_number(x) && !ly_is_exact(x)) return NULL;          /* numeric below */
    ly_ref(x);
    return ly_mk(vm, LY_SYM(Power), 2, LY_SYM(E), x);
}

static LyExpr x_log(LyVM *vm, LyExpr x) {
    if (is_rat(x, 1, 1)) return ly_mksmall(0);
    if (is_exact_zero(x)) return lys_infinity(vm, -1);
    if (x == LY_SYM(E)) return ly_mksmall(1);
    if (ly_head_is(x, LY_SYM(Power)) && ly_nlen(x) == 2 && ly_narg(x, 1) == LY_SYM(E) &&
        lys_is_realnum(ly_narg(x, 2)) && ly_is_exact(ly_narg(x, 2))) {
        ly_ref(ly_narg(x, 2));
        return ly_narg(x, 2);
    }
    if (lys_infinity_sign(x)) return lys_infinity(vm, 1);
    if (is_rat(x, -1, 1))
        return ly_mk(vm, LY_SYM(Times), 2, ly_mkcomplex(vm, ly_mksmall(0), ly_mksmall(1)), LY_SYM(Pi));
    /* Log[1/n] = -Log[n]; Log[-x] = I Pi + Log[x] for exact x > 0, as Wolfram */
    if (ly_type(x) == LY_TRAT && ly_is_small(((LyRational *)x)->num) && ly_small(((LyRational *)x)->num) == 1) {
        LyExpr d = ((LyRational *)x)->den;
        return ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ly_mk(vm, lys_symbol(vm, "Log"), 1, (ly_ref(d), d)));
    }
    if ((ly_is_integer(x) || ly_type(x) == LY_TRAT) && ly_num_sign(x) < 0) {
        LyExpr nx = ly_num_neg(vm, x);
        if (!nx) return NULL;
        return ly_mk(vm, LY_SYM(Plus), 2,
                     ly_mk(vm, LY_SYM(Times), 2, ly_mkcomplex(vm, ly_mksmall(0), ly_mksmall(1)), LY_SYM(Pi)),
                     ly_mk(vm, lys_symbol(vm, "Log"), 1, nx));
    }
    return NULL;
}

/* ---- the elementary functions ----------------------------------------------------------------- */

static bool inexact_number(LyExpr x) { return ly_is_number(x) && !ly_is_exact(x); }

/* x looks negative as Wolfram reads it: a negative exact number, a product
 * with a negative numeric coefficient, or a sum whose first term looks
 * negative (Sin[-x + y] is -Sin[x - y]). */
static bool looks_negative(LyExpr x) {
    if (ly_is_integer(x) || ly_type(x) == LY_TRAT) return ly_num_sign(x) < 0;
    if (ly_head_is(x, LY_SYM(Times)) && ly_nlen(x) >= 2) {
        LyExpr c = ly_narg(x, 1);
        return (ly_is_integer(c) || ly_type(c) == LY_TRAT || ly_is_real(c)) && ly_num_sign(c) < 0;
    }
    if (ly_head_is(x, LY_SYM(Plus)) && ly_nlen(x) >= 2) return looks_negative(ly_narg(x, 1));
    return false;
}

/* f[-x] = -f[x] (odd) or f[x] (even) for an argument that looks negative */
static LyExpr parity(LyVM *vm, LyExpr e, const Fn *f, LyExpr x) {
    static const char *const odd[] = { "Sin", "Tan", "Cot", "Csc", "ArcSin", "ArcTan", "Sinh", "Tanh", "Coth",
                                       "Csch", "ArcSinh", "ArcTanh", "ArcCot", "ArcCsc", "ArcCoth", "ArcCsch", NULL };
    static const char *const even[] = { "Cos", "Sec", "Cosh", "Sech", NULL };
    int kind = 0;
    for (size_t i = 0; odd[i]; i++) if (!strcmp(f->name, odd[i])) kind = 1;
    for (size_t i = 0; even[i]; i++) if (!strcmp(f->name, even[i])) kind = 2;
    if (!kind || !looks_negative(x)) return NULL;
    LyExpr mx = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), (ly_ref(x), x)));
    if (!mx) return NULL;
    if (looks_negative(mx)) { ly_unref(vm, mx); return NULL; }
    LyExpr fx = ly_mk(vm, (ly_ref(ly_nhead(e)), ly_nhead(e)), 1, mx);
    if (kind == 2) return fx;
    return ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), fx);
}

static LyExpr elem(LyVM *vm, LyExpr e) {
    const Fn *f = fn_of(ly_nhead(e));
    if (!f || !lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (f->exact) {
        LyExpr r = f->exact(vm, x);
        if (r || ly_unwinding(vm)) return r;
    }
    if (!inexact_number(x)) {
        if (ly_type(x) == LY_TNORMAL || ly_is_integer(x) || ly_type(x) == LY_TRAT) return parity(vm, e, f, x);
        return NULL;
    }
    cplx z;
    num_value(x, &z);
    if (ly_type(x) != LY_TCOMPLEX && (!f->rdom || f->rdom(creal(z)))) {
        double r = f->rf(creal(z));
        if (isinf(r) && isfinite(creal(z))) {
            /* past the machine range: on in machine-precision bignums */
            LyExpr b = lys_machine_fn(vm, f->name, x, e);
            if (b || ly_unwinding(vm)) return b;
        } else if (r == 0 && creal(z) != 0 && !strcmp(f->name, "Exp")) {
            lys_munfl(vm, e);
        } else if (fpclassify(r) == FP_SUBNORMAL && fpclassify(creal(z)) == FP_NORMAL) {
            lys_munfl(vm, e);
        }
        return ly_real_result(vm, r);
    }
    return mk_cnum(vm, f->cf(z), false);
}

/* Log[b, x]: exact when x is an exact power of b. */
static LyExpr b_log(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return elem(vm, e);
    LyExpr b = ly_narg(e, 1), x = ly_narg(e, 2);
    if (inexact_number(b) || inexact_number(x)) {
        if (!ly_is_number(b) || !ly_is_number(x)) return NULL;
        cplx zb, zx;
        num_value(b, &zb); num_value(x, &zx);
        if (cimag(zb) == 0 && cimag(zx) == 0 && creal(zb) > 0 && creal(zx) > 0)
            return ly_real_result(vm, log(creal(zx)) / log(creal(zb)));
        return mk_cnum(vm, clog(zx) / clog(zb), false);
    }
    if (ly_is_integer(b) && ly_is_integer(x) && ly_num_sign(b) > 0 && ly_num_sign(x) > 0 &&
        !ly_num_is_one(b)) {
        mpz_t zb, zx;
        lys_mpz_get(zb, b); lys_mpz_get(zx, x);
        long k = 0;
        while (mpz_cmp_ui(zx, 1) > 0 && mpz_divisible_p(zx, zb)) { mpz_divexact(zx, zx, zb); k++; }
        bool exact = mpz_cmp_ui(zx, 1) == 0;
        mpz_clear(zb); mpz_clear(zx);
        if (exact) return ly_int(vm, k);
    }
    LyExpr lx = lys_eval_steal(vm, ly_mk(vm, ly_nhead(e), 1, (ly_ref(x), x)));
    LyExpr lb = lx ? lys_eval_steal(vm, ly_mk(vm, ly_nhead(e), 1, (ly_ref(b), b))) : NULL;
    if (!lb) { ly_unref(vm, lx); return NULL; }
    return ratio(vm, lx, lb);
}

static LyExpr log_base(LyVM *vm, LyExpr e, int64_t base) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (inexact_number(x)) return elem(vm, e);
    if (!ly_is_number(x)) return NULL;
    LyExpr call = ly_mk(vm, lys_symbol(vm, "Log"), 2, ly_mksmall(base), (ly_ref(x), x));
    LyExpr r = lys_eval_steal(vm, call);
    if (r && ly_is_integer(r)) return r;
    ly_unref(vm, r);
    return NULL;
}

static LyExpr b_log2(LyVM *vm, LyExpr e) { return log_base(vm, e, 2); }
static LyExpr b_log10(LyVM *vm, LyExpr e) { return log_base(vm, e, 10); }

/* ArcTan[x, y]: the angle of the point (x, y). */
static LyExpr b_arctan(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return elem(vm, e);
    LyExpr x = ly_narg(e, 1), y = ly_narg(e, 2);
    int sx, sy;
    if (!lys_is_realnum(x) || !lys_is_realnum(y)) {
        /* exact real numeric quantities: ArcTan[-1/2, Sqrt[3]/2] is 2 Pi/3 */
        cplx zx, zy;
        if (!(lys_is_realnum(x) || ly_is_normal(x)) || !(lys_is_realnum(y) || ly_is_normal(y))) return NULL;
        if (!lys_numericq(vm, x) || !lys_numericq(vm, y) || !no_inexact(vm, x) || !no_inexact(vm, y)) return NULL;
        if (!lys_nvalue(vm, x, &zx) || !lys_nvalue(vm, y, &zy) || cimag(zx) != 0 || cimag(zy) != 0) return NULL;
        sx = (creal(zx) > 0) - (creal(zx) < 0);
        sy = (creal(zy) > 0) - (creal(zy) < 0);
        if (sx == 0 || sy == 0) return NULL;        /* too close to call */
    } else {
        if (!ly_is_exact(x) || !ly_is_exact(y))
            return ly_mkreal(vm, atan2(ly_num_to_double(y), ly_num_to_double(x)));
        sx = ly_num_sign(x); sy = ly_num_sign(y);
    }
    if (sx == 0 && sy == 0) {
        LyExpr call = ly_mk(vm, ly_nhead(e), 2, ly_mksmall(0), ly_mksmall(0));
        ly_set_message(vm, "ArcTan", "indet", "Indeterminate expression `1` encountered.");
        ly_message(vm, ly_nhead(e), "indet", 1, call);
        ly_unref(vm, call);
        return LY_SYM(Indeterminate);
    }
    if (sx == 0) return pi_times(vm, sy, 2);
    LyExpr q = lys_is_realnum(x) && lys_is_realnum(y) ? ly_num_div(vm, y, x)
             : lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, (ly_ref(y), y), ly_mk(vm, LY_SYM(Power), 2, (ly_ref(x), x), ly_mksmall(-1))));
    if (!q) return NULL;
    LyExpr at = lys_eval_steal(vm, ly_mk(vm, ly_nhead(e), 1, q));
    if (!at || sx > 0) return at;
    return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, at, sy >= 0 ? LY_SYM(Pi)
                                    : ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), LY_SYM(Pi))));
}

/* ---- table ---------------------------------------------------------------------------------------- */

#define NUMFN "Listable NumericFunction Protected"
static const LyBuiltin mathfn_builtins[] = {
    { "N", b_n, "Protected",
      "N[expr] gives the numerical value of expr.\nN[expr, n] attempts to give a result with n-digit precision." },
    { "Pi", NULL, "Constant Protected ReadProtected",
      "Pi is \u03c0, with numerical value \u2243 3.14159." },
    { "E", NULL, "Constant Protected ReadProtected",
      "E is the exponential constant e (base of natural logarithms), with numerical value \u2243 2.71828." },
    { "Degree", NULL, "Constant Protected ReadProtected",
      "Degree gives the number of radians in one degree. It has a numerical value of \u03c0/180." },
    { "GoldenRatio", NULL, "Constant Protected ReadProtected",
      "GoldenRatio is the golden ratio \u03d5 = (1 + Sqrt[5])/2, with numerical value \u2243 1.61803." },
    { "EulerGamma", NULL, "Constant Protected ReadProtected",
      "EulerGamma is Euler's constant \u03b3, with numerical value \u2243 0.577216." },
    { "Catalan", NULL, "Constant Protected ReadProtected",
      "Catalan is Catalan's constant, with numerical value \u2243 0.915966." },
    { "Infinity", NULL, "Protected ReadProtected",
      "Infinity or \u221e is a symbol that represents a positive infinite quantity." },
    { "I", NULL, "Locked Protected ReadProtected", "I represents the imaginary unit Sqrt[-1]." },
    { "Sin", elem, NUMFN, "Sin[z] gives the sine of z." },
    { "Cos", elem, NUMFN, "Cos[z] gives the cosine of z." },
    { "Tan", elem, NUMFN, "Tan[z] gives the tangent of z." },
    { "Cot", elem, NUMFN, "Cot[z] gives the cotangent of z." },
    { "Sec", elem, NUMFN, "Sec[z] gives the secant of z." },
    { "Csc", elem, NUMFN, "Csc[z] gives the cosecant of z." },
    { "ArcSin", elem, NUMFN, "ArcSin[z] gives the arc sine sin^(-1)(z) of the complex number z." },
    { "ArcCos", elem, NUMFN, "ArcCos[z] gives the arc cosine cos^(-1)(z) of the complex number z." },
    { "ArcTan", b_arctan, NUMFN, "ArcTan[z] gives the arc tangent tan^(-1)(z) of the complex number z." },
    { "ArcCot", elem, NUMFN, "ArcCot[z] gives the arc cotangent cot^(-1)(z) of the complex number z." },
    { "ArcSec", elem, NUMFN, "ArcSec[z] gives the arc secant sec^(-1)(z) of the complex number z." },
    { "ArcCsc", elem, NUMFN, "ArcCsc[z] gives the arc cosecant csc^(-1)(z) of the complex number z." },
    { "ArcCoth", elem, NUMFN, "ArcCoth[z] gives the inverse hyperbolic cotangent coth^(-1)(z) of the complex number z." },
    { "ArcSech", elem, NUMFN, "ArcSech[z] gives the inverse hyperbolic secant sech^(-1)(z) of the complex number z." },
    { "ArcCsch", elem, NUMFN, "ArcCsch[z] gives the inverse hyperbolic cosecant csch^(-1)(z) of the complex number z." },
    { "Sinh", elem, NUMFN, "Sinh[z] gives the hyperbolic sine of z." },
    { "Cosh", elem, NUMFN, "Cosh[z] gives the hyperbolic cosine of z." },
    { "Tanh", elem, NUMFN, "Tanh[z] gives the hyperbolic tangent of z." },
    { "Coth", elem, NUMFN, "Coth[z] gives the hyperbolic cotangent of z." },
    { "Sech", elem, NUMFN, "Sech[z] gives the hyperbolic secant of z." },
    { "Csch", elem, NUMFN, "Csch[z] gives the hyperbolic cosecant of z." },
    { "ArcSinh", elem, NUMFN, "ArcSinh[z] gives the inverse hyperbolic sine sinh^(-1)(z) of the complex number z." },
    { "ArcCosh", elem, NUMFN, "ArcCosh[z] gives the inverse hyperbolic cosine cosh^(-1)(z) of the complex number z." },
    { "ArcTanh", elem, NUMFN, "ArcTanh[z] gives the inverse hyperbolic tangent tanh^(-1)(z) of the complex number z." },
    { "Exp", elem, NUMFN, "Exp[z] gives the exponential of z." },
    { "Log", b_log, NUMFN, "Log[z] gives the natural logarithm of z (logarithm to base e)." },
    { "Log2", b_log2, NUMFN, "Log2[x] gives the base-2 logarithm of x." },
    { "Log10", b_log10, NUMFN, "Log10[x] gives the base-10 logarithm of x." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_mathfn(LyVM *vm);
LyStatus lys_open_mathfn(LyVM *vm) {
    LyStatus st = ly_register_table(vm, mathfn_builtins);
    if (st != LY_OK) return st;
    ly_set_own_value(vm, LY_SYM(Infinity), lys_infinity(vm, 1));
    ly_set_own_value(vm, LY_SYM(I), ly_mkcomplex(vm, ly_mksmall(0), ly_mksmall(1)));
    return LY_OK;
}
