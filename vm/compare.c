/*
 * compare.c — structural equality (SameQ), hashing, and Wolfram canonical
 * order (Order / Sort / Orderless).
 *
 * A packed array is the same expression as the List it stands for, so all
 * three treat it element by element.  Machine reals that differ only in the
 * last binary digit are SameQ (as in Wolfram); hashing reals drops the last
 * mantissa bits so such pairs still hash alike.
 *
 * Canonical order: numbers (by value) < strings < symbols < compound
 * expressions; symbols and strings alphabetically with lower case first on
 * ties (a < A < b); compound expressions shorter first, then head, then
 * arguments depth first.  Products and powers are ordered as polynomial
 * terms: factors are compared from the last one backwards, each by base and
 * then exponent, so Expand[(x + y)^3] comes out x^3 + 3 x^2 y + 3 x y^2 + y^3.
 */
#include <math.h>
#include <stdlib.h>
#include "lyv.h"

/* ---- packed helpers ----------------------------------------------------------------- */

/* Value of element i of a packed array, as a temporary expression when real. */
static bool packed_elem_eq(LyPacked *p, size_t i, LyExpr e) {
    if (p->h.flags == LY_PACKED_INT64) {
        int64_t v = ((int64_t *)p->data)[i];
        if (ly_is_small(e)) return ly_small(e) == v;
        if (ly_type(e) == LY_TBIG) {
            mpz_t z; mp_limb_t t[1];
            lyv_mpz_view(z, e, t);
            return mpz_fits_slong_p(z) && mpz_get_si(z) == v;
        }
        return false;
    }
    if (!ly_is_real(e)) return false;
    double a = ((double *)p->data)[i], b = ly_realv(e);
    return a == b || (isnan(a) && isnan(b));
}

static size_t packed_stride(LyPacked *p, unsigned lev) {
    size_t s = 1;
    for (unsigned k = lev + 1; k < p->h.aux; k++) s *= p->dims[k];
    return s;
}

/* Compares a packed sub-array (level lev, offset off) with an expression. */
static bool packed_eq(LyPacked *p, unsigned lev, size_t off, LyExpr e) {
    size_t n = p->dims[lev];
    if (ly_is_packed(e)) {
        LyPacked *q = ly_packed(e);
        if (q->h.aux != p->h.aux - lev || q->h.flags != p->h.flags) goto generic;
        for (unsigned k = 0; k < q->h.aux; k++) if (q->dims[k] != p->dims[lev + k]) return false;
        size_t cnt = q->len;
        for (size_t i = 0; i < cnt; i++) {
            if (p->h.flags == LY_PACKED_INT64) {
                if (((int64_t *)p->data)[off + i] != ((int64_t *)q->data)[i]) return false;
            } else if (((double *)p->data)[off + i] != ((double *)q->data)[i]) {
                return false;
            }
        }
        return true;
    }
generic:
    if (!ly_head_is(e, LY_SYM(List)) || ly_nlen(e) != n) return false;
    size_t st = packed_stride(p, lev);
    for (size_t i = 0; i < n; i++) {
        LyExpr x = ly_narg(e, i + 1);
        if (lev + 1 == p->h.aux) { if (!packed_elem_eq(p, off + i, x)) return false; }
        else if (!packed_eq(p, lev + 1, off + i * st, x)) return false;
    }
    return true;
}

/* ---- equality ---------------------------------------------------------------------------- */

static bool real_same(double a, double b) {
    if (a == b) return true;
    if (isnan(a) || isnan(b) || (a < 0) != (b < 0)) return false;
    return nextafter(a, b) == b;     /* differ in the last binary digit */
}

/* Equality of two atoms or shallow objects; normal expressions are compared
 * by the caller's explicit stack.  Returns -1 for "both normal, same length:
 * compare the parts". */
static int equal_shallow(LyExpr a, LyExpr b) {
    if (a == b) return 1;
    if (!ly_is_obj(a) || !ly_is_obj(b)) return 0;
    if (a->type != b->type) {
        if (a->type == LY_TPACKED) return packed_eq(ly_packed(a), 0, 0, b);
        if (b->type == LY_TPACKED) return packed_eq(ly_packed(b), 0, 0, a);
        return 0;
    }
    switch (a->type) {
    case LY_TBIG: {
        LyBig *x = (LyBig *)a, *y = (LyBig *)b;
        return x->size == y->size &&
               memcmp(x->limbs, y->limbs, (size_t)abs(x->size) * sizeof(uint64_t)) == 0;
    }
    case LY_TRAT: case LY_TCOMPLEX: {
        LyRational *x = (LyRational *)a, *y = (LyRational *)b;
        return ly_equal(x->num, y->num) && ly_equal(x->den, y->den);
    }
    case LY_TREAL: return real_same(ly_realv(a), ly_realv(b));
    case LY_TSTRING: {
        LyString *x = ly_str(a), *y = ly_str(b);
        return x->len == y->len && x->hash == y->hash && memcmp(x->s, y->s, x->len) == 0;
    }
    case LY_TNORMAL: return ly_nlen(a) == ly_nlen(b) ? -1 : 0;
    case LY_TPACKED: return packed_eq(ly_packed(a), 0, 0, b);
    case LY_TASSOC: {
        LyAssoc *x = ly_assoc(a), *y = ly_assoc(b);
        if (x->len != y->len) return 0;
        for (size_t i = 0; i < x->len; i++)
            if (!ly_equal(x->rules[i], y->rules[i])) return 0;
        return 1;
    }
    case LY_TFOREIGN: {
        LyForeign *x = ly_foreign(a), *y = ly_foreign(b);
        if (x->type != y->type) return 0;
        if (x->data == y->data) return 1;
        return x->type->equal && x->type->equal(x->data, y->data);
    }
    }
    return 0;
}

/* Iterative: deep expressions must not overflow the C stack. */
bool ly_equal(LyExpr a, LyExpr b) {
    int r = equal_shallow(a, b);
    if (r >= 0) return r;
    /* the common case: parts that are atoms or the same objects */
    size_t i = 0;
    for (; i <= ly_nlen(a); i++) {
        LyExpr x = ly_normal(a)->e[i], y = ly_normal(b)->e[i];
        if (x == y) continue;
        r = equal_shallow(x, y);
        if (r == 0) return false;
        if (r < 0) break;             /* nested parts: the walk below */
    }
    if (i > ly_nlen(a)) return true;
    typedef struct { LyExpr a, b; size_t i; } F;
    F small[64], *st = small;
    size_t cap = 64, top = 0;
    bool result = true;
    st[top++] = (F){ a, b, 0 };
    while (top) {
        F *f = &st[top - 1];
        if (f->i > ly_nlen(f->a)) { top--; continue; }
        LyExpr x = ly_normal(f->a)->e[f->i], y = ly_normal(f->b)->e[f->i];
        f->i++;
        r = equal_shallow(x, y);
        if (r == 0) { result = false; break; }
        if (r < 0) {
            if (top == cap) {
                F *ns = malloc(2 * cap * sizeof *ns);
                if (!ns) { result = false; break; }   /* no memory: say unequal */
                memcpy(ns, st, cap * sizeof *ns);
                if (st != small) free(st);
                st = ns;
                cap *= 2;
            }
            st[top++] = (F){ x, y, 0 };
        }
    }
    if (st != small) free(st);
    return result;
}

bool ly_same(LyExpr a, LyExpr b) { return ly_equal(a, b); }

/* ---- hashing -------------------------------------------------------------------------------- */

static uint64_t mix(uint64_t h, uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h;
}

static uint64_t hash_int64(int64_t v) { return mix(0x1234567ull, (uint64_t)v); }

static uint64_t hash_real(double d) {
    uint64_t bits;
    if (d == 0) d = 0;   /* -0.0 hashes like 0.0 */
    memcpy(&bits, &d, sizeof bits);
    return mix(0x5eal, bits >> 2);  /* ignore the last bits: SameQ tolerance */
}

static uint64_t hash_packed(LyPacked *p, unsigned lev, size_t off) {
    uint64_t h = mix(0x4e0ull, ly_hash(LY_SYM(List)));
    size_t n = p->dims[lev], st = packed_stride(p, lev);
    for (size_t i = 0; i < n; i++) {
        uint64_t x;
        if (lev + 1 < p->h.aux) x = hash_packed(p, lev + 1, off + i * st);
        else if (p->h.flags == LY_PACKED_INT64) x = hash_int64(((int64_t *)p->data)[off + i]);
        else x = hash_real(((double *)p->data)[off + i]);
        h = mix(h, x);
    }
    return h;
}

/* The hash of anything but a normal expression or an association (those
 * hash their parts: ly_hash walks them with an explicit stack). */
static uint64_t hash_leaf(LyExpr a) {
    if (ly_is_small(a)) return hash_int64(ly_small(a));
    if (ly_is_sym(a)) return mix(0x5e11ull, ly_sym(a)->hash);
    if (!a) return 0;
    switch (a->type) {
    case LY_TBIG: {
        LyBig *b = (LyBig *)a;
        uint64_t h = mix(0xb16ull, (uint64_t)(int64_t)b->size);
        for (int i = 0; i < abs(b->size); i++) h = mix(h, b->limbs[i]);
        return h;
    }
    case LY_TRAT: case LY_TCOMPLEX:
        return mix(mix(a->type, ly_hash(((LyRational *)a)->num)), ly_hash(((LyRational *)a)->den));
    case LY_TREAL: return hash_real(ly_realv(a));
    case LY_TSTRING: return mix(0x57ull, ly_str(a)->hash);
    case LY_TPACKED: return hash_packed(ly_packed(a), 0, 0);
    case LY_TFOREIGN: {
        LyForeign *f = ly_foreign(a);
        if (f->type->hash) return f->type->hash(f->data);
        return mix(0xf0ull, (uint64_t)(uintptr_t)f->data);
    }
    }
    return 0;
}

/* Iterative (issue 9): 10^6-deep data must not overflow the C stack.  A
 * normal expression hashes as mix(...mix(0x4e0, h(e0))..., h(en)), an
 * association as mix(...mix(0xa550, h(rule1))..., h(rulen)). */
uint64_t ly_hash(LyExpr a) {
    int t = ly_type(a);
    if (t != LY_TNORMAL && t != LY_TASSOC) return hash_leaf(a);
    if (t == LY_TNORMAL) {
        /* the common case, f[1] or f[x, 2]: parts that are all atoms */
        uint64_t h = 0x4e0ull;
        size_t n = ly_nlen(a);
        for (size_t i = 0; i <= n; i++) {
            LyExpr x = ly_normal(a)->e[i];
            int tx = ly_type(x);
            if (tx == LY_TNORMAL || tx == LY_TASSOC) goto walk;
            h = mix(h, hash_leaf(x));
        }
        return h;
    }
walk:;
    typedef struct { LyExpr *kids; size_t i, n; uint64_t h; } F;
    F small[64], *st = small;
    size_t cap = 64, top = 0;
    uint64_t result = 0;
    for (;;) {
        /* a is a normal expression or an association: open a frame */
        if (top == cap) {
            F *ns = malloc(2 * cap * sizeof *ns);
            if (!ns) { result = 0x0badull; break; }   /* no memory: a constant is still a hash */
            memcpy(ns, st, cap * sizeof *ns);
            if (st != small) free(st);
            st = ns;
            cap *= 2;
        }
        if (ly_type(a) == LY_TNORMAL) st[top++] = (F){ ly_normal(a)->e, 0, ly_nlen(a) + 1, 0x4e0ull };
        else st[top++] = (F){ ly_assoc(a)->rules, 0, ly_assoc(a)->len, 0xa550ull };
        /* run frames until one needs a child opened */
        a = NULL;
        while (top) {
            F *f = &st[top - 1];
            if (f->i == f->n) {
                uint64_t h = f->h;
                if (--top == 0) { result = h; break; }
                st[top - 1].h = mix(st[top - 1].h, h);
                continue;
            }
            LyExpr x = f->kids[f->i++];
            int tx = ly_type(x);
            if (tx == LY_TNORMAL || tx == LY_TASSOC) { a = x; break; }
            f->h = mix(f->h, hash_leaf(x));
        }
        if (!a) break;
    }
    if (st != small) free(st);
    return result;
}

/* ---- canonical order ---------------------------------------------------------------------- */

static int cmp_text(const char *a, size_t la, const char *b, size_t lb) {
    /* alphabetical ignoring case first; on a tie lower case comes first */
    size_t n = la < lb ? la : lb;
    for (size_t i = 0; i < n; i++) {
        int x = (unsigned char)a[i], y = (unsigned char)b[i];
        int fx = x >= 'A' && x <= 'Z' ? x + 32 : x, fy = y >= 'A' && y <= 'Z' ? y + 32 : y;
        if (fx != fy) return fx < fy ? -1 : 1;
    }
    if (la != lb) return la < lb ? -1 : 1;
    for (size_t i = 0; i < n; i++) {
        int x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x != y) return x > y ? -1 : 1;   /* 'a' (97) before 'A' (65) */
    }
    return 0;
}

static int clamp(int c) { return (c > 0) - (c < 0); }

/* Foreign objects: by type, then by content hash, so that equal ones (the
 * type's equal hook) sort next to each other; then by identity. */
static int foreign_order(LyExpr a, LyExpr b) {
    LyForeign *x = ly_foreign(a), *y = ly_foreign(b);
    if (x->type != y->type) {
        uintptr_t s = (uintptr_t)x->type, t = (uintptr_t)y->type;
        return (s > t) - (s < t);
    }
    if (x->type->hash) {
        uint64_t h = x->type->hash(x->data), k = y->type->hash(y->data);
        if (h != k) return (h > k) - (h < k);
        if (ly_equal(a, b)) return 0;
    }
    uintptr_t p = (uintptr_t)x->data, q = (uintptr_t)y->data;
    return (p > q) - (p < q);
}

/* The exact value of a real number or an arbitrary-precision real as
 * q 2^*s (m 2^e keeps its exponent apart: 10^8888888888`8 is a 3.7 GB
 * number written out); false for an infinite or NaN machine real. */
static bool exact_value(mpq_t q, int64_t *s, LyExpr e) {
    *s = 0;
    if (ly_is_bigreal(e)) {
        mpz_t m; mp_limb_t t[1];
        lyv_mpz_view(m, ly_narg(e, 1), t);
        mpq_set_z(q, m);
        *s = ly_small(ly_narg(e, 2));
        return true;
    }
    if (ly_is_real(e)) {
        if (!isfinite(ly_realv(e))) return false;
        mpq_set_d(q, ly_realv(e));
        return true;
    }
    lyv_mpq_set(q, e);
    return true;
}

/* Bounds of log2 |q 2^s| (q not 0): lo <= log2 |q 2^s| < hi. */
static void log2_bounds(const mpq_t q, int64_t s, int64_t *lo, int64_t *hi) {
    int64_t bn = (int64_t)mpz_sizeinbase(mpq_numref(q), 2), bd = (int64_t)mpz_sizeinbase(mpq_denref(q), 2);
    *lo = bn - 1 - bd + s;
    *hi = bn - bd + 1 + s;
}

/* Order of x 2^sx and y 2^sy: by sign, then by magnitude when the bounds
 * tell them apart, else exactly with only the difference of the exponents
 * applied (small then: the magnitudes are close). */
static int scaled_cmp(mpq_t x, int64_t sx, mpq_t y, int64_t sy) {
    int gx = mpq_sgn(x), gy = mpq_sgn(y);
    if (gx != gy || gx == 0) return (gx > gy) - (gx < gy);
    int64_t lx, hx, ly, hy;
    log2_bounds(x, sx, &lx, &hx);
    log2_bounds(y, sy, &ly, &hy);
    if (hx <= ly) return -gx;          /* |x| < |y| */
    if (hy <= lx) return gx;
    int64_t m = sx < sy ? sx : sy;
    if (sx > m) mpq_mul_2exp(x, x, (mp_bitcnt_t)(sx - m));
    if (sy > m) mpq_mul_2exp(y, y, (mp_bitcnt_t)(sy - m));
    return clamp(mpq_cmp(x, y));
}

/* Canonical order of numbers one of which is an arbitrary-precision real:
 * by value (real parts of complex numbers first), exact before inexact. */
static int big_order(LyExpr a, LyExpr b) {
    bool ca = ly_type(a) == LY_TCOMPLEX, cb = ly_type(b) == LY_TCOMPLEX;
    LyExpr ra = ca ? ((LyComplex *)a)->re : a, rb = cb ? ((LyComplex *)b)->re : b;
    mpq_t x, y;
    mpq_init(x); mpq_init(y);
    int c;
    int64_t sx, sy;
    bool fx = exact_value(x, &sx, ra), fy = exact_value(y, &sy, rb);
    if (fx && fy) c = scaled_cmp(x, sx, y, sy);
    else {
        /* an infinite or NaN machine real: against it a finite number
         * counts by its sign alone */
        double dx = fx ? mpq_sgn(x) : ly_realv(ra), dy = fy ? mpq_sgn(y) : ly_realv(rb);
        c = (dx > dy) - (dx < dy);
    }
    mpq_clear(x); mpq_clear(y);
    if (c) return c > 0 ? 1 : -1;
    if (ca != cb) return ca ? 1 : -1;
    bool ea = ly_is_exact(a) && !ly_is_bigreal(a), eb = ly_is_exact(b) && !ly_is_bigreal(b);
    return ea == eb ? 0 : ea ? -1 : 1;
}

static int num_order(LyExpr a, LyExpr b) {
    if (ly_is_bigreal(a) || ly_is_bigreal(b)) return big_order(a, b);
    bool ca = ly_type(a) == LY_TCOMPLEX, cb = ly_type(b) == LY_TCOMPLEX;
    if (!ca && !cb) {
        int c = ly_num_cmp(a, b);
        if (c) return c;
        /* equal values: exact before inexact */
        bool ea = ly_is_exact(a), eb = ly_is_exact(b);
        return ea == eb ? 0 : ea ? -1 : 1;
    }
    LyExpr ra = ca ? ((LyComplex *)a)->re : a, rb = cb ? ((LyComplex *)b)->re : b;
    LyExpr ia = ca ? ((LyComplex *)a)->im : ly_mksmall(0), ib = cb ? ((LyComplex *)b)->im : ly_mksmall(0);
    int c = ly_num_cmp(ra, rb);
    if (c) return c;
    double x = fabs(ly_num_to_double(ia)), y = fabs(ly_num_to_double(ib));
    if (x != y) return x < y ? -1 : 1;
    return ly_num_cmp(ia, ib);
}

static int kind_rank(LyExpr e) {
    if (ly_is_number(e) || ly_is_bigreal(e)) return 0;
    if (ly_is_string(e)) return 1;
    if (ly_is_sym(e)) return 2;
    return 3;
}

static bool is_term(LyExpr e) {
    return ly_head_is(e, LY_SYM(Times)) || (ly_head_is(e, LY_SYM(Power)) && ly_nlen(e) == 2);
}

static int order_rec(LyExpr a, LyExpr b, int depth);

/* Splits a factor into base and exponent (x^n -> x, n; x -> x, 1). */
static void base_exp(LyExpr f, LyExpr *b, LyExpr *e) {
    if (ly_head_is(f, LY_SYM(Power)) && ly_nlen(f) == 2) { *b = ly_narg(f, 1); *e = ly_narg(f, 2); }
    else { *b = f; *e = ly_mksmall(1); }
}

/* Products and powers compare as polynomial terms: numeric coefficients
 * aside, factors from the last one backwards, each by base and then
 * exponent; (a + b) (c + d) expands to a c + b c + a d + b d, as in
 * Wolfram. */
static int term_order(LyExpr a, LyExpr b, int depth) {
    LyExpr *fa = &a, *fb = &b;
    size_t na = 1, nb = 1, sa = 0, sb = 0;
    if (ly_head_is(a, LY_SYM(Times))) { fa = ly_nargs(a); na = ly_nlen(a); }
    if (ly_head_is(b, LY_SYM(Times))) { fb = ly_nargs(b); nb = ly_nlen(b); }
    while (sa < na && ly_is_number(fa[sa])) sa++;
    while (sb < nb && ly_is_number(fb[sb])) sb++;
    size_t i = na, j = nb;
    while (i > sa && j > sb) {
        LyExpr ba, ea, bb, eb;
        base_exp(fa[--i], &ba, &ea);
        base_exp(fb[--j], &bb, &eb);
        int c = order_rec(ba, bb, depth + 1);
        if (c) return c;
        c = order_rec(ea, eb, depth + 1);
        if (c) return c;
    }
    if (i > sa) return 1;
    if (j > sb) return -1;
    /* same monomial: order by coefficient */
    LyExpr ca = sa ? fa[0] : ly_mksmall(1), cb = sb ? fb[0] : ly_mksmall(1);
    return num_order(ca, cb);
}

/* Sums against other non-numbers compare by their terms from the last one
 * backwards; when one side runs out, the other side's next term decides:
 * a negative number puts it first, anything else last.  So
 * Sort[{x, -1 + x, 1 + x}] is {-1 + x, x, 1 + x} and (a + b) x keeps the
 * sum first. */
static int sum_order(LyExpr a, LyExpr b, int depth) {
    LyExpr *ta = &a, *tb = &b;
    size_t na = 1, nb = 1;
    if (ly_head_is(a, LY_SYM(Plus))) { ta = ly_nargs(a); na = ly_nlen(a); }
    if (ly_head_is(b, LY_SYM(Plus))) { tb = ly_nargs(b); nb = ly_nlen(b); }
    size_t i = na, j = nb;
    while (i > 0 && j > 0) {
        int c = order_rec(ta[--i], tb[--j], depth + 1);
        if (c) return c;
    }
    if (i == 0 && j == 0) return 0;
    if (i > 0) {
        LyExpr t = ta[i - 1];
        return ly_is_number(t) && ly_type(t) != LY_TCOMPLEX && ly_num_sign(t) < 0 ? -1 : 1;
    }
    LyExpr t = tb[j - 1];
    return ly_is_number(t) && ly_type(t) != LY_TCOMPLEX && ly_num_sign(t) < 0 ? 1 : -1;
}

/* Beyond this depth the canonical order is decided by order_deep. */
#define ORDER_MAX_DEPTH 512

static int order_deep(LyExpr a, LyExpr b);

/* Everything but two normal expressions of the same length, compared
 * without looking inside them; -2 for "compare their parts". */
static int order_flat(LyExpr a, LyExpr b) {
    if (a == b) return 0;
    int ka = kind_rank(a), kb = kind_rank(b);
    if (ka != kb) return ka < kb ? -1 : 1;
    switch (ka) {
    case 0: return num_order(a, b);
    case 1: return clamp(cmp_text(ly_str(a)->s, ly_str(a)->len, ly_str(b)->s, ly_str(b)->len));
    case 2: return clamp(cmp_text(ly_sym(a)->name, ly_sym(a)->len, ly_sym(b)->name, ly_sym(b)->len));
    default: break;
    }
    if (ly_is_normal(a) && ly_is_normal(b))
        return ly_nlen(a) != ly_nlen(b) ? (ly_nlen(a) < ly_nlen(b) ? -1 : 1) : -2;
    size_t la = ly_length(a), lb = ly_length(b);
    if (la != lb) return la < lb ? -1 : 1;
    if (ly_equal(a, b)) return 0;
    if (ly_type(a) == LY_TFOREIGN && ly_type(b) == LY_TFOREIGN) return foreign_order(a, b);
    if (ly_type(a) == LY_TFOREIGN || ly_type(b) == LY_TFOREIGN) return ly_type(a) == LY_TFOREIGN ? 1 : -1;
    return ly_hash(a) < ly_hash(b) ? -1 : 1;
}

/* Issue 9: deep data (10^6 levels) is ordered with an explicit stack:
 * length, then head, then arguments depth first, without the polynomial
 * term rule (which needs recursion).  Only reached below ORDER_MAX_DEPTH. */
static int order_deep(LyExpr a, LyExpr b) {
    int r = order_flat(a, b);
    if (r != -2) return r;
    typedef struct { LyExpr a, b; size_t i; } F;
    F small[64], *st = small;
    size_t cap = 64, top = 0;
    int result = 0;
    st[top++] = (F){ a, b, 0 };
    while (top) {
        F *f = &st[top - 1];
        if (f->i > ly_nlen(f->a)) { top--; continue; }
        LyExpr x = ly_normal(f->a)->e[f->i], y = ly_normal(f->b)->e[f->i];
        f->i++;
        r = order_flat(x, y);
        if (r == -2) {
            if (top == cap) {
                F *ns = malloc(2 * cap * sizeof *ns);
                if (!ns) { result = 0; break; }   /* no memory: call them equal */
                memcpy(ns, st, cap * sizeof *ns);
                if (st != small) free(st);
                st = ns;
                cap *= 2;
            }
            st[top++] = (F){ x, y, 0 };
        } else if (r != 0) {
            result = r;
            break;
        }
    }
    if (st != small) free(st);
    return result;
}

/* A packed array compares as the list it stands for, without building it:
 * a View is an expression, or the part of a packed array at index off of
 * level lvl (a sub-array, or an element when lvl is the rank). */
typedef struct View { LyExpr e; const LyPacked *p; size_t off; unsigned lvl; } View;

static void view_norm(View *v) {
    if (!v->p && ly_is_packed(v->e)) { v->p = ly_packed(v->e); v->off = 0; v->lvl = 0; }
}

/* the element of a packed array as an expression: a small integer, or a
 * real in *tmp (comparison only reads it) */
static LyExpr view_scalar(const View *v, LyReal *tmp) {
    if (v->p->h.flags == LY_PACKED_REAL) {
        tmp->h = (struct LyObject){ 1, LY_TREAL, 0, 0 };
        tmp->v = ((const double *)v->p->data)[v->off];
        return (LyExpr)tmp;
    }
    int64_t x = ((const int64_t *)v->p->data)[v->off];
    if (ly_fits_small(x)) return ly_mksmall(x);
    tmp->h = (struct LyObject){ 1, LY_TREAL, 0, 0 };     /* beyond 2^62: by value */
    tmp->v = (double)x;
    return (LyExpr)tmp;
}

static bool view_is_array(const View *v) { return v->p && v->lvl < v->p->h.aux; }

static size_t view_len(const View *v) { return view_is_array(v) ? v->p->dims[v->lvl] : ly_nlen(v->e); }

/* part i (0-based) of a list-like view */
static void view_part(const View *v, size_t i, View *out) {
    if (view_is_array(v)) {
        size_t stride = 1;
        for (unsigned k = v->lvl + 1; k < v->p->h.aux; k++) stride *= v->p->dims[k];
        *out = (View){ NULL, v->p, v->off + i * stride, v->lvl + 1 };
    } else {
        *out = (View){ ly_narg(v->e, i + 1), NULL, 0, 0 };
        view_norm(out);
    }
}

static int order_view(View *a, View *b, int depth) {
    view_norm(a); view_norm(b);
    LyReal ta, tb;
    if (a->p && !view_is_array(a)) { a->e = view_scalar(a, &ta); a->p = NULL; }
    if (b->p && !view_is_array(b)) { b->e = view_scalar(b, &tb); b->p = NULL; }
    bool pa = view_is_array(a), pb = view_is_array(b);
    if (!pa && !pb) return order_rec(a->e, b->e, depth + 1);
    /* a packed (sub-)array against an atom, or a normal expression */
    if (!pa && !ly_is_normal(a->e)) return kind_rank(a->e) < 3 ? -1 : 1;
    if (!pb && !ly_is_normal(b->e)) return kind_rank(b->e) < 3 ? 1 : -1;
    if (depth > ORDER_MAX_DEPTH) return 0;
    size_t la = view_len(a), lb = view_len(b);
    if (la != lb) return la < lb ? -1 : 1;
    int c = order_rec(pa ? LY_SYM(List) : ly_nhead(a->e), pb ? LY_SYM(List) : ly_nhead(b->e), depth + 1);
    if (c) return c;
    for (size_t i = 0; i < la; i++) {
        View x, y;
        view_part(a, i, &x);
        view_part(b, i, &y);
        c = order_view(&x, &y, depth + 1);
        if (c) return c;
    }
    return 0;
}

int ly_order(LyExpr a, LyExpr b) {
    if (ly_is_small(a) && ly_is_small(b)) {         /* the common case: machine integers */
        int64_t x = ly_small(a), y = ly_small(b);
        return (x > y) - (x < y);
    }
    return order_rec(a, b, 0);
}

static int order_rec(LyExpr a, LyExpr b, int depth) {
    if (a == b) return 0;
    if (depth > ORDER_MAX_DEPTH) return order_deep(a, b);
    int ka = kind_rank(a), kb = kind_rank(b);
    if (ka >= 2 && kb >= 2 && (ly_head_is(a, LY_SYM(Plus)) || ly_head_is(b, LY_SYM(Plus)))) {
        int c = sum_order(a, b, depth);
        if (c) return c;
    } else if ((ka >= 2 && kb == 3 && is_term(b)) || (kb >= 2 && ka == 3 && is_term(a))) {
        int c = term_order(a, b, depth);
        if (c) return c;
        /* issue 9: term-equal is nearly always equal; without this check the
         * walk below visits every factor again, 2^depth work for x^2^2^... */
        if (ka == kb && ly_equal(a, b)) return 0;
        if (ka != kb) return ka < kb ? -1 : 1;
    }
    if (ka != kb) return ka < kb ? -1 : 1;
    switch (ka) {
    case 0: return num_order(a, b);
    case 1: return clamp(cmp_text(ly_str(a)->s, ly_str(a)->len, ly_str(b)->s, ly_str(b)->len));
    case 2: {
        LySymbol *x = ly_sym(a), *y = ly_sym(b);
        return clamp(cmp_text(x->name, x->len, y->name, y->len));
    }
    default: break;
    }
    /* compound: packed arrays and associations compare as their normal forms */
    if (ly_is_packed(a) || ly_is_packed(b)) {
        View va = { a, NULL, 0, 0 }, vb = { b, NULL, 0, 0 };
        return order_view(&va, &vb, depth);
    }
    if (ly_type(a) == LY_TASSOC || ly_type(b) == LY_TASSOC) {
        size_t la = ly_length(a), lb = ly_length(b);
        if (la != lb) return la < lb ? -1 : 1;
        if (ly_equal(a, b)) return 0;
        /* rare: fall back to element-wise comparison through temporaries */
        return ly_hash(a) < ly_hash(b) ? -1 : 1;
    }
    if (ly_type(a) == LY_TFOREIGN || ly_type(b) == LY_TFOREIGN) {
        if (ly_type(a) != ly_type(b)) return ly_type(a) == LY_TFOREIGN ? 1 : -1;
        return foreign_order(a, b);
    }
    size_t la = ly_nlen(a), lb = ly_nlen(b);
    if (la != lb) return la < lb ? -1 : 1;
    for (size_t i = 0; i <= la; i++) {
        int c = order_rec(ly_normal(a)->e[i], ly_normal(b)->e[i], depth + 1);
        if (c) return c;
    }
    return 0;
}
