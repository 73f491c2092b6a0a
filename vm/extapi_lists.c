/*
 * extapi_lists.c — element-wise arithmetic on packed arrays, for the
 * evaluator's Listable threading (vm/eval.c thread_listable).
 *
 * f[args] with f one of Plus, Times, Power, Abs, Sqrt, Exp, Log, Sin, Cos,
 * Tan, Floor, Ceiling, Round, Mod, where every argument is a packed array
 * (all of the same dimensions) or a machine number, is computed in one
 * tight loop per argument over the packed data instead of being threaded
 * element by element into 10^7 little evaluations.
 *
 * The fast path only answers when it gives exactly what element-wise
 * evaluation gives: machine-integer overflow, exact division that is not
 * an integer, results that would be complex or infinite, 0^0 and friends
 * make it decline (NULL, nothing issued), and the evaluator threads as
 * before, producing big integers, rationals, complex numbers and messages.
 * Real results follow Wolfram's packed arithmetic: {0, 1} 1.5 is {0., 1.5}.
 */
/* tight numeric loops: let GCC vectorise them with its full cost model */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("tree-vectorize", "vect-cost-model=dynamic")
#endif
#include <float.h>
#include <math.h>
#include <string.h>
#include "lyv.h"

LyExpr lyv_packed_listable(LyVM *vm, LyExpr e);

typedef enum { OP_NONE, OP_PLUS, OP_TIMES, OP_POWER, OP_MOD, OP_ABS, OP_SQRT, OP_EXP, OP_LOG,
               OP_SIN, OP_COS, OP_TAN, OP_FLOOR, OP_CEIL, OP_ROUND } PkOp;

static PkOp op_of(LyVM *vm, LyExpr h) {
    if (h == LY_SYM(Plus)) return OP_PLUS;
    if (h == LY_SYM(Times)) return OP_TIMES;
    if (h == LY_SYM(Power)) return OP_POWER;
    if (!ly_is_sym(h)) return OP_NONE;
    static const struct { const char *name; PkOp op; } names[] = {
        { "Mod", OP_MOD }, { "Abs", OP_ABS }, { "Sqrt", OP_SQRT }, { "Exp", OP_EXP }, { "Log", OP_LOG },
        { "Sin", OP_SIN }, { "Cos", OP_COS }, { "Tan", OP_TAN }, { "Floor", OP_FLOOR },
        { "Ceiling", OP_CEIL }, { "Round", OP_ROUND },
    };
    const char *n = ly_sym(h)->name;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(n, names[i].name))   /* the System` symbol, not a namesake */
            return ly_symbol(vm, names[i].name) == h ? names[i].op : OP_NONE;
    return OP_NONE;
}

/* One operand: a packed array or a machine scalar. */
typedef struct Opnd {
    bool packed, real;
    const int64_t *pi;
    const double *pd;
    int64_t si;
    double sd;
} Opnd;

static bool operand(LyExpr a, Opnd *o) {
    memset(o, 0, sizeof *o);
    if (ly_is_packed(a)) {
        LyPacked *p = ly_packed(a);
        o->packed = true;
        o->real = p->h.flags == LY_PACKED_REAL;
        if (o->real) o->pd = p->data; else o->pi = p->data;
        return true;
    }
    if (ly_is_small(a)) { o->si = ly_small(a); return true; }
    if (ly_is_real(a)) { o->real = true; o->sd = ly_realv(a); return true; }
    return false;
}

/* Integer power with overflow detection (b >= 0). */
static bool ipow(int64_t a, int64_t b, int64_t *out) {
    int64_t r = 1;
    if (a == 0 || a == 1) { *out = b == 0 ? 1 : a; return true; }
    if (a == -1) { *out = (b & 1) ? -1 : 1; return true; }
    if (b > 64) return false;
    while (b) {
        if ((b & 1) && __builtin_mul_overflow(r, a, &r)) return false;
        b >>= 1;
        if (b && __builtin_mul_overflow(a, a, &a)) return false;
    }
    *out = r;
    return true;
}

/* acc (int64, n elements) op= operand; false: decline. */
static bool int_step(PkOp op, int64_t *acc, const Opnd *o, size_t n) {
    bool ovf = false;
    if (o->packed) {
        const int64_t *s = o->pi;
        switch (op) {
        case OP_PLUS: for (size_t i = 0; i < n; i++) ovf |= __builtin_add_overflow(acc[i], s[i], &acc[i]); break;
        case OP_TIMES: for (size_t i = 0; i < n; i++) ovf |= __builtin_mul_overflow(acc[i], s[i], &acc[i]); break;
        case OP_POWER:
            for (size_t i = 0; i < n && !ovf; i++) {
                if (s[i] < 0 || (s[i] == 0 && acc[i] == 0)) return false;
                ovf = !ipow(acc[i], s[i], &acc[i]);
            }
            break;
        case OP_MOD:
            for (size_t i = 0; i < n; i++) {
                if (s[i] == 0 || s[i] == -1) return false;
                int64_t r = acc[i] % s[i];
                if (r != 0 && ((r < 0) != (s[i] < 0))) r += s[i];
                acc[i] = r;
            }
            break;
        default: return false;
        }
        return !ovf;
    }
    int64_t c = o->si;
    switch (op) {
    case OP_PLUS: for (size_t i = 0; i < n; i++) ovf |= __builtin_add_overflow(acc[i], c, &acc[i]); break;
    case OP_TIMES: for (size_t i = 0; i < n; i++) ovf |= __builtin_mul_overflow(acc[i], c, &acc[i]); break;
    case OP_POWER:
        if (c < 0) return false;
        if (c == 2) { for (size_t i = 0; i < n; i++) ovf |= __builtin_mul_overflow(acc[i], acc[i], &acc[i]); break; }
        for (size_t i = 0; i < n && !ovf; i++) {
            if (c == 0 && acc[i] == 0) return false;
            ovf = !ipow(acc[i], c, &acc[i]);
        }
        break;
    case OP_MOD:
        if (c == 0 || c == -1) return false;
        for (size_t i = 0; i < n; i++) {
            int64_t r = acc[i] % c;
            if (r != 0 && ((r < 0) != (c < 0))) r += c;
            acc[i] = r;
        }
        break;
    default: return false;
    }
    return !ovf;
}

static inline double opd(const Opnd *o, size_t i) {
    if (o->packed) return o->real ? o->pd[i] : (double)o->pi[i];
    return o->real ? o->sd : (double)o->si;
}

/* acc (double) op= operand; false: decline. */
static bool real_step(PkOp op, double *acc, const Opnd *o, size_t n) {
    switch (op) {
    case OP_PLUS:
        if (o->packed && o->real) { const double *s = o->pd; for (size_t i = 0; i < n; i++) acc[i] += s[i]; }
        else if (!o->packed) { double c = opd(o, 0); for (size_t i = 0; i < n; i++) acc[i] += c; }
        else for (size_t i = 0; i < n; i++) acc[i] += opd(o, i);
        return true;
    case OP_TIMES:
        if (o->packed && o->real) { const double *s = o->pd; for (size_t i = 0; i < n; i++) acc[i] *= s[i]; }
        else if (!o->packed) { double c = opd(o, 0); for (size_t i = 0; i < n; i++) acc[i] *= c; }
        else for (size_t i = 0; i < n; i++) acc[i] *= opd(o, i);
        return true;
    case OP_POWER: {
        bool bad = false;
        if (!o->packed && opd(o, 0) == 2.0) { for (size_t i = 0; i < n; i++) acc[i] *= acc[i]; return true; }
        for (size_t i = 0; i < n; i++) {
            double b = opd(o, i), a = acc[i];
            if ((a < 0 && b != floor(b)) || (a == 0 && b <= 0)) bad = true;
            acc[i] = pow(a, b);
        }
        return !bad;
    }
    case OP_MOD: {
        bool bad = false;
        for (size_t i = 0; i < n; i++) {
            double b = opd(o, i);
            if (b == 0) bad = true;
            acc[i] = acc[i] - b * floor(acc[i] / b);
        }
        return !bad;
    }
    default: return false;
    }
}

static bool finite_all(const double *d, size_t n) {
    for (size_t i = 0; i < n; i++) if (!isfinite(d[i])) return false;
    return true;
}

/* Unary functions of a packed array (real results, or integer ones for
 * Abs/Floor/Ceiling/Round). */
static LyExpr unary(LyVM *vm, PkOp op, LyPacked *p) {
    bool ints = p->h.flags == LY_PACKED_INT64;
    size_t n = p->len;
    if (op == OP_ABS || op == OP_FLOOR || op == OP_CEIL || op == OP_ROUND) {
        if (ints) {
            if (op != OP_ABS) { ly_ref((LyExpr)p); return (LyExpr)p; }
            LyExpr r = ly_mkpacked(vm, LY_PACKED_INT64, p->h.aux, p->dims);
            if (!r) return NULL;
            const int64_t *s = p->data;
            int64_t *d = ly_packed(r)->data;
            for (size_t i = 0; i < n; i++) {
                if (s[i] == INT64_MIN) { ly_unref(vm, r); return NULL; }
                d[i] = s[i] < 0 ? -s[i] : s[i];
            }
            return r;
        }
        const double *s = p->data;
        if (op == OP_ABS) {
            LyExpr r = ly_mkpacked(vm, LY_PACKED_REAL, p->h.aux, p->dims);
            if (!r) return NULL;
            double *d = ly_packed(r)->data;
            for (size_t i = 0; i < n; i++) d[i] = fabs(s[i]);
            return r;
        }
        LyExpr r = ly_mkpacked(vm, LY_PACKED_INT64, p->h.aux, p->dims);
        if (!r) return NULL;
        int64_t *d = ly_packed(r)->data;
        for (size_t i = 0; i < n; i++) {
            double v = op == OP_FLOOR ? floor(s[i]) : op == OP_CEIL ? ceil(s[i]) : nearbyint(s[i]);
            if (!(fabs(v) < 4.0e18)) { ly_unref(vm, r); return NULL; }
            d[i] = (int64_t)v;
        }
        return r;
    }
    if (ints) return NULL;               /* Sqrt[2], Exp[1], Sin[1] stay exact */
    LyExpr r = ly_mkpacked(vm, LY_PACKED_REAL, p->h.aux, p->dims);
    if (!r) return NULL;
    const double *s = p->data;
    double *d = ly_packed(r)->data;
    bool bad = false;
    switch (op) {
    case OP_SQRT: for (size_t i = 0; i < n; i++) { bad |= s[i] < 0; d[i] = sqrt(s[i]); } break;
    case OP_EXP: for (size_t i = 0; i < n; i++) d[i] = exp(s[i]); break;
    case OP_LOG: for (size_t i = 0; i < n; i++) { bad |= s[i] <= 0; d[i] = log(s[i]); } break;
    case OP_SIN: for (size_t i = 0; i < n; i++) d[i] = sin(s[i]); break;
    case OP_COS: for (size_t i = 0; i < n; i++) d[i] = cos(s[i]); break;
    case OP_TAN: for (size_t i = 0; i < n; i++) d[i] = tan(s[i]); break;
    default: bad = true; break;
    }
    if (bad || !finite_all(d, n)) { ly_unref(vm, r); return NULL; }
    return r;
}

/* True when acc op= c cannot decline for any element of the packed
 * operand a (so its data may be overwritten in place): real Plus/Times,
 * integer Plus/Times/Power whose extremes stay in range. */
static bool cannot_fail(PkOp op, const Opnd *a, const Opnd *c, size_t n) {
    if (a->real) {
        /* no result past the machine range (those go elementwise, to the
         * range hook), checked before the data is overwritten */
        if (op != OP_PLUS && op != OP_TIMES) return false;
        const double *d = a->pd;
        double m = 0, k = fabs(opd(c, 0));
        for (size_t i = 0; i < n; i++) m = fmax(m, fabs(d[i]));
        return op == OP_PLUS ? m + k <= DBL_MAX : m * k <= DBL_MAX;
    }
    if (c->real || !(op == OP_PLUS || op == OP_TIMES || op == OP_POWER)) return false;
    int64_t lo = INT64_MAX, hi = INT64_MIN, k = c->si, t;
    const int64_t *d = a->pi;
    for (size_t i = 0; i < n; i++) { lo = d[i] < lo ? d[i] : lo; hi = d[i] > hi ? d[i] : hi; }
    switch (op) {
    case OP_PLUS: return !__builtin_add_overflow(lo, k, &t) && !__builtin_add_overflow(hi, k, &t);
    case OP_TIMES: return !__builtin_mul_overflow(lo, k, &t) && !__builtin_mul_overflow(hi, k, &t);
    default:
        if (k < 0 || (k == 0 && lo <= 0 && hi >= 0) || lo == INT64_MIN) return false;
        return ipow(-lo > hi ? -lo : hi, k, &t);
    }
}

/* The packed result of the Listable call e, or NULL when the fast path does
 * not apply (nothing issued, no exit started). */
/* Builtins that take a whole packed array for a Listable argument and
 * answer for every element at once (or decline with NULL). */
static const char *const packed_aware[] = { "PrimeQ", NULL };

static LyExpr offer_builtin(LyVM *vm, LyExpr e) {
    LyExpr h = ly_nhead(e);
    if (!ly_is_sym(h) || ly_nlen(e) != 1 || !ly_is_packed(ly_narg(e, 1)))
        return NULL;
    for (size_t i = 0; packed_aware[i]; i++) {
        if (strcmp(ly_sym(h)->name, packed_aware[i]) || ly_symbol(vm, packed_aware[i]) != h) continue;
        LyDefs *d = lyv_defs_get(vm, ly_sym(h));
        /* user rules for the head see every element: thread as usual */
        if (!d || !d->builtin || d->down || d->up) return NULL;
        return d->builtin(vm, e);
    }
    return NULL;
}

LyExpr lyv_packed_listable(LyVM *vm, LyExpr e) {
    PkOp op = op_of(vm, ly_nhead(e));
    size_t n = ly_nlen(e);
    if (op == OP_NONE) return offer_builtin(vm, e);
    if (op == OP_NONE || n == 0 || n > 64) return NULL;
    Opnd o[n];
    LyPacked *shape = NULL;
    bool real = false;
    for (size_t i = 0; i < n; i++) {
        LyExpr a = ly_narg(e, i + 1);
        if (!operand(a, &o[i])) return NULL;
        real |= o[i].real;
        if (!o[i].packed) continue;
        LyPacked *p = ly_packed(a);
        if (!shape) shape = p;
        else if (p->h.aux != shape->h.aux || memcmp(p->dims, shape->dims, p->h.aux * sizeof(size_t)) != 0)
            return NULL;
    }
    if (!shape || shape->len == 0) return NULL;
    if (op >= OP_ABS) return n == 1 ? unary(vm, op, shape) : NULL;
    if ((op == OP_POWER || op == OP_MOD) && n != 2) return NULL;
    size_t len = shape->len;
    /* e and its first argument seen by nobody else (a temporary such as
     * Range[n] in Range[n]^2): compute into the argument's own data */
    LyExpr a0 = ly_narg(e, 1);
    bool inplace = e->rc == 1 && n == 2 && o[0].packed && !o[1].packed && o[0].real == real &&
                   a0->rc == 1 && ly_packed(a0)->shared == NULL && cannot_fail(op, &o[0], &o[1], len);
    LyExpr r = inplace ? (ly_ref(a0), a0)
                       : ly_mkpacked(vm, real ? LY_PACKED_REAL : LY_PACKED_INT64, shape->h.aux, shape->dims);
    if (!r) return NULL;
    bool ok = true;
    if (real) {
        double *acc = ly_packed(r)->data;
        if (!inplace) for (size_t i = 0; i < len; i++) acc[i] = opd(&o[0], i);
        for (size_t k = 1; k < n && ok; k++) ok = real_step(op, acc, &o[k], len);
        if (ok) ok = finite_all(acc, len);     /* overflow: elementwise, to the range hook */
    } else {
        int64_t *acc = ly_packed(r)->data;
        if (inplace) {
            /* checked in advance: plain loops the compiler vectorises */
            int64_t c = o[1].si;
            if (op == OP_PLUS) for (size_t i = 0; i < len; i++) acc[i] += c;
            else if (op == OP_TIMES) for (size_t i = 0; i < len; i++) acc[i] *= c;
            else if (c == 2) for (size_t i = 0; i < len; i++) acc[i] *= acc[i];
            else for (size_t i = 0; i < len; i++) ipow(acc[i], c, &acc[i]);
            return r;
        }
        if (o[0].packed) memcpy(acc, o[0].pi, len * sizeof(int64_t));
        else for (size_t i = 0; i < len; i++) acc[i] = o[0].si;
        for (size_t k = 1; k < n && ok; k++) ok = int_step(op, acc, &o[k], len);
    }
    if (!ok) {
        ly_unref(vm, r);
        return NULL;    /* never in place: cannot_fail() said so first */
    }
    return r;
}
