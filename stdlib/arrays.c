/*
 * arrays.c — arithmetic over lists: Total, Accumulate, Differences, Dot.
 * Written against lyra.h + lyra_ext.h.
 *
 * Packed arrays take tight loops over their data: integer sums accumulate
 * in 128 bits (no overflow for any array that fits in memory) and fall
 * back to exact evaluation only when a running value leaves int64; real
 * sums use Neumaier's compensated summation.  Anything else is built as
 * Plus/Times expressions and evaluated, so symbolic lists work as in
 * Wolfram (Total[{a, b}] -> a + b).
 */
/* tight numeric loops: let GCC vectorise them with its full cost model */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("tree-vectorize", "vect-cost-model=dynamic")
#endif
#include <math.h>
#include <string.h>
#include "lys_data.h"

typedef __int128 i128;

static LyExpr from_i128(LyVM *vm, i128 v) {
    if (v >= INT64_MIN && v <= INT64_MAX) return ly_int(vm, (int64_t)v);
    bool neg = v < 0;
    unsigned __int128 m = neg ? -(unsigned __int128)v : (unsigned __int128)v;
    uint64_t w[2] = { (uint64_t)m, (uint64_t)(m >> 64) };
    mpz_t z;
    mpz_init(z);
    mpz_import(z, 2, -1, 8, 0, 0, w);
    if (neg) mpz_neg(z, z);
    LyExpr r = ly_mkint_big(vm, z);
    mpz_clear(z);
    return r;
}

/* Neumaier's compensated sum of n doubles with a stride. */
static double fsum(const double *d, size_t n, size_t stride) {
    double s = 0, c = 0;
    for (size_t i = 0; i < n; i++) {
        double x = d[i * stride], t = s + x;
        c += fabs(s) >= fabs(x) ? (s - t) + x : (x - t) + s;
        s = t;
    }
    return s + c;
}

/* Exact sum of n int64 values: the low and high 32-bit halves are summed
 * separately in 64 bits (no carries to track, so the loop vectorises),
 * in blocks small enough that neither sum can overflow. */
static i128 sum_i64(const int64_t *d, size_t n) {
    i128 s = 0;
    for (size_t b = 0; b < n; b += (size_t)1 << 30) {
        size_t m = n - b < ((size_t)1 << 30) ? n - b : (size_t)1 << 30;
        uint64_t lo = 0;
        int64_t hi = 0;
        for (size_t i = 0; i < m; i++) {
            lo += (uint64_t)(uint32_t)d[b + i];
            hi += d[b + i] >> 32;
        }
        s += (i128)hi * ((i128)1 << 32) + (i128)lo;
    }
    return s;
}

/* Plus[items...] evaluated (items borrowed). */
static LyExpr plus_eval(LyVM *vm, size_t n, const LyExpr *items) {
    if (n == 0) return ly_mksmall(0);
    return lys_apply_eval(vm, LY_SYM(Plus), n, items);
}

/* ---- Total ----------------------------------------------------------------------------------- */

/* Sums the first k levels of a packed array. */
static LyExpr total_packed(LyVM *vm, LyPacked *p, size_t k) {
    size_t r = p->h.aux;
    if (k > r) k = r;
    size_t outer = 1, inner = 1;
    for (size_t i = 0; i < k; i++) outer *= p->dims[i];
    for (size_t i = k; i < r; i++) inner *= p->dims[i];
    LyExpr out = k == r ? NULL : ly_mkpacked(vm, (LyPackedType)p->h.flags, (unsigned)(r - k), p->dims + k);
    if (k < r && !out) return NULL;
    for (size_t j = 0; j < inner; j++) {
        if (p->h.flags == LY_PACKED_REAL) {
            double s = fsum((const double *)p->data + j, outer, inner);
            if (!out) return ly_mkreal(vm, s);
            ((double *)ly_packed(out)->data)[j] = s;
        } else {
            i128 s = 0;
            const int64_t *d = (const int64_t *)p->data + j;
            if (inner == 1) s = sum_i64(d, outer);
            else for (size_t i = 0; i < outer; i++) s += d[i * inner];
            if (!out) return from_i128(vm, s);
            if (s < INT64_MIN || s > INT64_MAX) { ly_unref(vm, out); return NULL; }  /* exact path */
            ((int64_t *)ly_packed(out)->data)[j] = (int64_t)s;
        }
    }
    return out;
}

/* Sums levels n1..n2 (1-based, n1 >= 2) of a packed array whose rank
 * reaches n2: the axes in between collapse, the others stay. */
static LyExpr total_packed_axes(LyVM *vm, LyPacked *p, size_t n1, size_t n2) {
    size_t r = p->h.aux, outer = 1, mid = 1, inner = 1, dims[64], nd = 0;
    if (n2 > r || r > 64) return NULL;
    for (size_t i = 0; i < n1 - 1; i++) { outer *= p->dims[i]; dims[nd++] = p->dims[i]; }
    for (size_t i = n1 - 1; i < n2; i++) mid *= p->dims[i];
    for (size_t i = n2; i < r; i++) { inner *= p->dims[i]; dims[nd++] = p->dims[i]; }
    LyExpr out = ly_mkpacked(vm, (LyPackedType)p->h.flags, (unsigned)nd, dims);
    if (!out) return NULL;
    for (size_t o = 0; o < outer; o++)
        for (size_t j = 0; j < inner; j++) {
            size_t base = o * mid * inner + j;
            if (p->h.flags == LY_PACKED_REAL) {
                ((double *)ly_packed(out)->data)[o * inner + j] = fsum((const double *)p->data + base, mid, inner);
            } else {
                const int64_t *d = (const int64_t *)p->data + base;
                i128 s = 0;
                for (size_t i = 0; i < mid; i++) s += d[i * inner];
                if (s < INT64_MIN || s > INT64_MAX) { ly_unref(vm, out); return NULL; }
                ((int64_t *)ly_packed(out)->data)[o * inner + j] = (int64_t)s;
            }
        }
    return out;
}

/* Total[x, {n1, n2}] with n1 >= 2: Map[Total[#, n2 - n1 + 1] &, x, {n1 - 1}]. */
static LyExpr total_levels(LyVM *vm, LyExpr x, int64_t n1, int64_t n2) {
    if (ly_is_packed(x)) {
        LyExpr r = total_packed_axes(vm, ly_packed(x), (size_t)n1, (size_t)n2);
        if (r || ly_unwinding(vm)) return r;
    }
    LyExpr body = ly_mk(vm, ly_symbol(vm, "Total"), 2, ly_mk(vm, ly_symbol(vm, "Slot"), 1, ly_mksmall(1)),
                        ly_mksmall(n2 - n1 + 1));
    LyExpr fn = body ? ly_mk(vm, ly_symbol(vm, "Function"), 1, body) : NULL;
    LyExpr lev = ly_mk(vm, LY_SYM(List), 1, ly_mksmall(n1 - 1));
    if (!fn || !lev) { ly_unref(vm, fn); ly_unref(vm, lev); return NULL; }
    ly_ref(x);
    return lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "Map"), 3, fn, x, lev));
}

/* ---- Total over an array expression, fused ------------------------------------------------------ */

/* Total[expr] where expr is integer arithmetic over Range[...]s of equal
 * length and integers (Plus, Times, Power with a small exponent, Minus,
 * Subtract) is summed block by block without building the array: the
 * blocks stay in cache, so Total[Range[10^7]^2] runs at about the speed of
 * a C loop instead of the speed of memory.  Total's first argument arrives
 * unevaluated (the FusedFirst attribute); anything not of this form, or a
 * value leaving int64, is evaluated the ordinary way. */

#define FUSE_BLOCK 2048
#define FUSE_NODES 24

typedef struct FNode {
    int op;               /* 0 range, 1 const, 2 plus, 3 times, 4 power, 5 neg */
    int64_t a, d;         /* range: start, step; const: value; power: exponent */
    i128 lo, hi;          /* bounds of the values (interval arithmetic) */
    int kid[FUSE_NODES];
    int nkid;
} FNode;

typedef struct Fuse {
    FNode n[FUSE_NODES];
    int nn;
    int64_t len;          /* common length of the ranges (-1: none yet) */
    bool unsafe;          /* some bound may leave int64: check every operation */
} Fuse;

#define I64_OK(v) ((v) >= INT64_MIN && (v) <= INT64_MAX)
static const i128 FUSE_BIG = (i128)1 << 100;

static i128 sat(i128 v) { return v > FUSE_BIG ? FUSE_BIG : v < -FUSE_BIG ? -FUSE_BIG : v; }
static i128 sat_mul(i128 a, i128 b) {
    if (a == 0 || b == 0) return 0;
    i128 aa = a < 0 ? -a : a, bb = b < 0 ? -b : b;
    if (aa > FUSE_BIG / bb) return ((a < 0) != (b < 0)) ? -FUSE_BIG : FUSE_BIG;
    return a * b;
}

/* The bounds of node k from its children's; marks the fuse unsafe when a
 * value may not fit in int64. */
static void fuse_bounds(Fuse *F, int k) {
    FNode *nd = &F->n[k];
    switch (nd->op) {
    case 0: {
        i128 last = (i128)nd->a + (i128)(F->len - 1) * nd->d;
        nd->lo = nd->a < last ? nd->a : last;
        nd->hi = nd->a < last ? last : nd->a;
        break;
    }
    case 1: nd->lo = nd->hi = nd->a; break;
    case 5: nd->lo = -F->n[nd->kid[0]].hi; nd->hi = -F->n[nd->kid[0]].lo; break;
    case 2: case 3: {
        nd->lo = F->n[nd->kid[0]].lo; nd->hi = F->n[nd->kid[0]].hi;
        for (int c = 1; c < nd->nkid; c++) {
            i128 l = F->n[nd->kid[c]].lo, h = F->n[nd->kid[c]].hi;
            if (nd->op == 2) { nd->lo = sat(nd->lo + l); nd->hi = sat(nd->hi + h); }
            else {
                i128 p[4] = { sat_mul(nd->lo, l), sat_mul(nd->lo, h), sat_mul(nd->hi, l), sat_mul(nd->hi, h) };
                nd->lo = nd->hi = p[0];
                for (int i = 1; i < 4; i++) { if (p[i] < nd->lo) nd->lo = p[i]; if (p[i] > nd->hi) nd->hi = p[i]; }
            }
            if (!I64_OK(nd->lo) || !I64_OK(nd->hi)) F->unsafe = true;
        }
        break;
    }
    case 4: {
        i128 l = F->n[nd->kid[0]].lo, h = F->n[nd->kid[0]].hi;
        i128 m = (l < 0 ? -l : l) > (h < 0 ? -h : h) ? (l < 0 ? -l : l) : (h < 0 ? -h : h);
        i128 p = 1;
        for (int64_t j = 0; j < nd->a; j++) p = sat_mul(p, m);
        nd->hi = p;
        nd->lo = (l >= 0 || nd->a % 2 == 0) ? 0 : -p;
        break;
    }
    }
    if (!I64_OK(nd->lo) || !I64_OK(nd->hi)) F->unsafe = true;
}

/* Integers and symbols combined by arithmetic: evaluating them has no
 * side effects, so the fused path may evaluate them before the ordinary
 * path would (Total[Range[n]^(Print[1]; 2)] prints once). */
static bool plain_arith(LyExpr x, int depth) {
    if (ly_is_integer(x) || ly_is_sym(x)) return true;
    if (!ly_is_normal(x) || depth > 8 || !ly_is_sym(ly_nhead(x))) return false;
    const char *h = ly_sym(ly_nhead(x))->name;
    if (strcmp(h, "Plus") && strcmp(h, "Times") && strcmp(h, "Power") && strcmp(h, "Minus") &&
        strcmp(h, "Subtract"))
        return false;
    for (size_t i = 1; i <= ly_nlen(x); i++)
        if (!plain_arith(ly_narg(x, i), depth + 1)) return false;
    return true;
}

static int64_t small_of(LyVM *vm, LyExpr x, bool *ok) {
    if (ly_is_small(x)) return ly_small(x);
    if (!plain_arith(x, 0)) { *ok = false; return 0; }
    LyExpr v = ly_evaluate(vm, x);     /* a new reference, x itself when x evaluates to itself */
    if (!v) { *ok = false; return 0; }
    int64_t r = 0;
    if (ly_is_small(v)) r = ly_small(v); else *ok = false;
    ly_unref(vm, v);
    return r;
}

/* Builds the node for x; -1 when x is not of the fusable form. */
static int fuse_node(LyVM *vm, Fuse *F, LyExpr x) {
    if (F->nn == FUSE_NODES) return -1;
    FNode *nd = &F->n[F->nn];
    memset(nd, 0, sizeof *nd);
    if (ly_is_small(x)) { nd->op = 1; nd->a = ly_small(x); fuse_bounds(F, F->nn); return F->nn++; }
    if (!ly_is_normal(x) || !ly_is_sym(ly_nhead(x))) return -1;
    const char *h = ly_sym(ly_nhead(x))->name;
    size_t n = ly_nlen(x);
    if (!strcmp(h, "Range") && n >= 1 && n <= 3) {
        bool ok = true;
        int64_t a = 1, b, d = 1;
        if (n == 1) b = small_of(vm, ly_narg(x, 1), &ok);
        else { a = small_of(vm, ly_narg(x, 1), &ok); b = small_of(vm, ly_narg(x, 2), &ok); }
        if (n == 3) d = small_of(vm, ly_narg(x, 3), &ok);
        if (!ok || d == 0 || ly_unwinding(vm)) return -1;
        if (b < a && d > 0) return -1;
        if (b > a && d < 0) return -1;
        int64_t len = (b - a) / d + 1;
        if (len <= 0 || (F->len >= 0 && F->len != len)) return -1;
        /* the last value must fit: a + (len - 1) d */
        int64_t t;
        if (__builtin_mul_overflow(len - 1, d, &t) || __builtin_add_overflow(a, t, &t)) return -1;
        F->len = len;
        nd->op = 0; nd->a = a; nd->d = d;
        fuse_bounds(F, F->nn);
        return F->nn++;
    }
    int op = !strcmp(h, "Plus") ? 2 : !strcmp(h, "Times") ? 3 : !strcmp(h, "Power") ? 4 :
             !strcmp(h, "Minus") ? 5 : !strcmp(h, "Subtract") ? 6 : -1;
    if (op < 0) return -1;
    int me = F->nn++;
    if (op == 4) {
        if (n != 2) return -1;
        bool ok = true;
        int64_t k = small_of(vm, ly_narg(x, 2), &ok);
        if (!ok || k < 0 || k > 64) return -1;
        int c = fuse_node(vm, F, ly_narg(x, 1));
        if (c < 0) return -1;
        F->n[me].op = 4; F->n[me].a = k; F->n[me].kid[0] = c; F->n[me].nkid = 1;
        fuse_bounds(F, me);
        return me;
    }
    if ((op == 5 && n != 1) || (op == 6 && n != 2) || n < 1 || n > FUSE_NODES) return -1;
    F->n[me].op = op == 6 ? 2 : op;
    for (size_t i = 1; i <= n; i++) {
        int c = fuse_node(vm, F, ly_narg(x, i));
        if (c < 0) return -1;
        if (op == 6 && i == 2) {          /* a - b = a + (-b) */
            if (F->nn == FUSE_NODES) return -1;
            int ng = F->nn++;
            memset(&F->n[ng], 0, sizeof F->n[ng]);
            F->n[ng].op = 5; F->n[ng].kid[0] = c; F->n[ng].nkid = 1;
            fuse_bounds(F, ng);
            c = ng;
        }
        F->n[me].kid[F->n[me].nkid++] = c;
    }
    fuse_bounds(F, me);
    return me;
}

/* Values of node k for indices [i0, i0 + m) into out; false on overflow. */
static bool fuse_eval(const Fuse *F, int k, int64_t i0, int m, int64_t *out, int64_t (*tmp)[FUSE_BLOCK], int depth) {
    const FNode *nd = &F->n[k];
    switch (nd->op) {
    case 0: {
        int64_t v = nd->a + i0 * nd->d;
        for (int i = 0; i < m; i++) out[i] = v + i * nd->d;
        return true;
    }
    case 1:
        for (int i = 0; i < m; i++) out[i] = nd->a;
        return true;
    case 5:
        if (!fuse_eval(F, nd->kid[0], i0, m, out, tmp, depth)) return false;
        for (int i = 0; i < m; i++) if (out[i] == INT64_MIN) return false; else out[i] = -out[i];
        return true;
    case 4: {
        if (!fuse_eval(F, nd->kid[0], i0, m, tmp[depth], tmp, depth + 1)) return false;
        int64_t k2 = nd->a, *b = tmp[depth];
        if (k2 == 2) {
            /* squares cannot overflow below 3037000499: a plain (vectorised) loop */
            int64_t mx = 0;
            for (int i = 0; i < m; i++) { int64_t v = b[i] < 0 ? -b[i] : b[i]; mx = v > mx ? v : mx; }
            if (mx <= 3037000499 && mx >= 0) {
                for (int i = 0; i < m; i++) out[i] = b[i] * b[i];
                return true;
            }
            bool bad = false;
            for (int i = 0; i < m; i++) bad |= __builtin_mul_overflow(b[i], b[i], &out[i]);
            return !bad;
        }
        for (int i = 0; i < m; i++) {
            int64_t r = 1;
            for (int64_t j = 0; j < k2; j++) if (__builtin_mul_overflow(r, b[i], &r)) return false;
            out[i] = r;
        }
        return true;
    }
    default: {     /* plus, times */
        if (!fuse_eval(F, nd->kid[0], i0, m, out, tmp, depth)) return false;
        bool bad = false;
        for (int c = 1; c < nd->nkid; c++) {
            if (!fuse_eval(F, nd->kid[c], i0, m, tmp[depth], tmp, depth + 1)) return false;
            const int64_t *b = tmp[depth];
            if (nd->op == 2) for (int i = 0; i < m; i++) bad |= __builtin_add_overflow(out[i], b[i], &out[i]);
            else for (int i = 0; i < m; i++) bad |= __builtin_mul_overflow(out[i], b[i], &out[i]);
            if (bad) return false;
        }
        return true;
    }
    }
}

static void fuse_bounds_all(Fuse *F, int k) {
    for (int c = 0; c < F->n[k].nkid; c++) fuse_bounds_all(F, F->n[k].kid[c]);
    fuse_bounds(F, k);
}

/* The same without overflow checks, when the bounds prove there is none. */
static void fuse_eval_fast(const Fuse *F, int k, int64_t i0, int m, int64_t *restrict out, int64_t (*tmp)[FUSE_BLOCK], int depth) {
    const FNode *nd = &F->n[k];
    switch (nd->op) {
    case 0: {
        int64_t v = nd->a + i0 * nd->d, d = nd->d;
        if (d == 1) for (int i = 0; i < m; i++) out[i] = v + i;
        else for (int i = 0; i < m; i++) out[i] = v + i * d;
        return;
    }
    case 1: for (int i = 0; i < m; i++) out[i] = nd->a; return;
    case 5:
        fuse_eval_fast(F, nd->kid[0], i0, m, out, tmp, depth);
        for (int i = 0; i < m; i++) out[i] = -out[i];
        return;
    case 4: {
        int64_t *restrict b = tmp[depth];
        fuse_eval_fast(F, nd->kid[0], i0, m, b, tmp, depth + 1);
        switch (nd->a) {
        case 0: for (int i = 0; i < m; i++) out[i] = 1; return;
        case 1: for (int i = 0; i < m; i++) out[i] = b[i]; return;
        case 2: for (int i = 0; i < m; i++) out[i] = b[i] * b[i]; return;
        case 3: for (int i = 0; i < m; i++) out[i] = b[i] * b[i] * b[i]; return;
        default:
            for (int i = 0; i < m; i++) {
                int64_t r = 1;
                for (int64_t j = 0; j < nd->a; j++) r *= b[i];
                out[i] = r;
            }
            return;
        }
    }
    default: {
        fuse_eval_fast(F, nd->kid[0], i0, m, out, tmp, depth);
        for (int c = 1; c < nd->nkid; c++) {
            const FNode *kn = &F->n[nd->kid[c]];
            if (kn->op == 1) {       /* a constant: no block for it */
                int64_t v = kn->a;
                if (nd->op == 2) for (int i = 0; i < m; i++) out[i] += v;
                else for (int i = 0; i < m; i++) out[i] *= v;
                continue;
            }
            int64_t *restrict b = tmp[depth];
            fuse_eval_fast(F, nd->kid[c], i0, m, b, tmp, depth + 1);
            if (nd->op == 2) for (int i = 0; i < m; i++) out[i] += b[i];
            else for (int i = 0; i < m; i++) out[i] *= b[i];
        }
        return;
    }
    }
}

/* true with *res set when x (unevaluated) was totalled here. */
static bool total_fused(LyVM *vm, LyExpr x, LyExpr *res) {
    Fuse F;
    F.nn = 0;
    F.len = -1;
    F.unsafe = false;
    int root = fuse_node(vm, &F, x);
    if (root < 0 || F.len < 0 || ly_unwinding(vm)) return false;
    /* bounds again, now that every range has its length */
    F.unsafe = false;
    fuse_bounds_all(&F, root);
    bool has_range = false;
    for (int i = 0; i < F.nn; i++) has_range |= F.n[i].op == 0;
    if (!has_range || F.len < 4096) return false;       /* small: the ordinary path is as fast */
    int64_t (*tmp)[FUSE_BLOCK] = ly_alloc(vm, sizeof(int64_t[FUSE_NODES + 1][FUSE_BLOCK]));
    if (!tmp) return false;
    i128 s = 0;
    bool ok = true;
    const FNode *r = &F.n[root];
    if (!F.unsafe && r->op == 4 && r->a <= 3 && F.n[r->kid[0]].op == 0) {
        /* Total[Range[...]^k]: one loop, like the C one */
        const FNode *rg = &F.n[r->kid[0]];
        int64_t v = rg->a, d = rg->d, n = F.len;
        for (int64_t b = 0; b < n; b += (int64_t)1 << 20) {
            int64_t e = n - b < ((int64_t)1 << 20) ? n - b : (int64_t)1 << 20;
            unsigned __int128 acc = 0;
            int64_t xv = v + b * d;
            if (r->a == 2) for (int64_t i = 0; i < e; i++, xv += d) acc += (unsigned __int128)(uint64_t)(xv * xv);
            else if (r->a == 3) for (int64_t i = 0; i < e; i++, xv += d) s += (i128)(xv * xv * xv);
            else if (r->a == 1) for (int64_t i = 0; i < e; i++, xv += d) s += xv;
            else s += e;
            s += (i128)acc;
            if (!ly_safe_point(vm)) { ly_dealloc(vm, tmp, sizeof(int64_t[FUSE_NODES + 1][FUSE_BLOCK])); *res = NULL; return true; }
        }
        ly_dealloc(vm, tmp, sizeof(int64_t[FUSE_NODES + 1][FUSE_BLOCK]));
        *res = from_i128(vm, s);
        return true;
    }
    for (int64_t i0 = 0; i0 < F.len && ok; i0 += FUSE_BLOCK) {
        int m = F.len - i0 < FUSE_BLOCK ? (int)(F.len - i0) : FUSE_BLOCK;
        if (F.unsafe) ok = fuse_eval(&F, root, i0, m, tmp[FUSE_NODES], tmp, 0);
        else fuse_eval_fast(&F, root, i0, m, tmp[FUSE_NODES], tmp, 0);
        if (ok) {
            const int64_t *o = tmp[FUSE_NODES];
            i128 bs = 0;
            for (int i = 0; i < m; i++) bs += o[i];
            s += bs;
        }
        if ((i0 / FUSE_BLOCK) % 256 == 255 && !ly_safe_point(vm)) { ly_dealloc(vm, tmp, sizeof(int64_t[FUSE_NODES + 1][FUSE_BLOCK])); *res = NULL; return true; }
    }
    ly_dealloc(vm, tmp, sizeof(int64_t[FUSE_NODES + 1][FUSE_BLOCK]));
    if (!ok) return false;
    *res = from_i128(vm, s);
    return true;
}

static LyExpr total_evaluated(LyVM *vm, LyExpr e, LyExpr x);

static LyExpr b_total(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x0 = ly_narg(e, 1);
    if (ly_nlen(e) == 1 && ly_is_normal(x0)) {
        LyExpr r;
        if (total_fused(vm, x0, &r)) return r;
        if (ly_unwinding(vm)) return NULL;
    }
    /* the first argument arrives unevaluated (FusedFirst): evaluate it */
    LyExpr x = ly_evaluate(vm, x0);
    if (!x) return NULL;
    if (ly_head_is(x, LY_SYM(Sequence)) || ly_head_is(x, ly_symbol(vm, "Unevaluated"))) {
        /* as the evaluator would: splice, then look again */
        LyExpr args[8];
        size_t k = 0;
        if (ly_head_is(x, LY_SYM(Sequence))) for (size_t i = 1; i <= ly_nlen(x) && k < 7; i++) args[k++] = ly_narg(x, i);
        else args[k++] = ly_narg(x, 1);
        for (size_t i = 2; i <= ly_nlen(e) && k < 8; i++) args[k++] = ly_narg(e, i);
        LyExpr call = ly_apply(vm, ly_nhead(e), k, args);
        ly_unref(vm, x);
        return call;
    }
    LyExpr r = total_evaluated(vm, e, x);
    if (!r && !ly_unwinding(vm) && x != x0) {
        /* unevaluated, with its argument evaluated (as without FusedFirst) */
        LyExpr args[2] = { x, ly_nlen(e) == 2 ? ly_narg(e, 2) : NULL };
        r = ly_evaluated(vm, ly_apply(vm, ly_nhead(e), ly_nlen(e), args));
    }
    ly_unref(vm, x);
    return r;
}

static LyExpr total_evaluated(LyVM *vm, LyExpr e, LyExpr x) {
    int64_t k = 1;
    if (ly_nlen(e) == 2) {
        LyExpr l = ly_narg(e, 2);
        if (ly_is_small(l) && ly_small(l) >= 0) k = ly_small(l);
        else if (lys_infinity_sign(l) > 0) k = INT64_MAX;
        else if (ly_head_is(l, LY_SYM(List)) && (ly_nlen(l) == 1 || ly_nlen(l) == 2) &&
                 ly_is_small(ly_narg(l, 1)) && ly_small(ly_narg(l, 1)) >= 1 &&
                 (ly_is_small(ly_narg(l, ly_nlen(l))) || lys_infinity_sign(ly_narg(l, ly_nlen(l))) > 0)) {
            int64_t n1 = ly_small(ly_narg(l, 1));
            LyExpr hi = ly_narg(l, ly_nlen(l));
            int64_t n2 = ly_is_small(hi) ? ly_small(hi) : INT64_MAX / 2;
            if (n2 < n1) { ly_ref(x); return x; }
            if (n1 == 1) k = n2 == INT64_MAX / 2 ? INT64_MAX : n2;
            else return total_levels(vm, x, n1, n2);
        }
        else return NULL;
    }
    if (k == 0) { ly_ref(x); return x; }
    if (ly_is_packed(x)) {
        LyExpr r = total_packed(vm, ly_packed(x), (size_t)(k > 64 ? 64 : k));
        if (r || ly_unwinding(vm)) return r;
    }
    if (ly_type(x) == LY_TASSOC) {
        /* the values of an association */
        LyAssoc *a = ly_assoc(x);
        LyExpr vals[a->len ? a->len : 1];
        for (size_t i = 0; i < a->len; i++) vals[i] = ly_narg(a->rules[i], 2);
        return plus_eval(vm, a->len, vals);
    }
    if (!ly_is_normal(x)) return NULL;
    LyExpr flat = x;
    ly_ref(flat);
    if (k > 1) {
        LyExpr args[3] = { x, k == INT64_MAX ? LY_SYM(Infinity) : ly_mksmall(k - 1), ly_nhead(x) };
        ly_unref(vm, flat);
        flat = lys_apply_eval(vm, ly_symbol(vm, "Flatten"), 3, args);
        if (!flat) return NULL;
        if (ly_is_packed(flat)) {
            LyExpr r = total_packed(vm, ly_packed(flat), 1);
            ly_unref(vm, flat);
            return r;
        }
        if (!ly_is_normal(flat)) return flat;
    }
    LyExpr r = plus_eval(vm, ly_nlen(flat), ly_nargs(flat));
    ly_unref(vm, flat);
    return r;
}

/* ---- Accumulate, Differences ---------------------------------------------------------------------- */

static LyExpr accumulate_packed(LyVM *vm, LyPacked *p) {
    if (p->h.aux != 1) return NULL;
    LyExpr out = ly_mkpacked(vm, (LyPackedType)p->h.flags, 1, p->dims);
    if (!out) return NULL;
    size_t n = p->len;
    if (p->h.flags == LY_PACKED_REAL) {
        const double *s = p->data;
        double *d = ly_packed(out)->data, acc = 0;
        for (size_t i = 0; i < n; i++) d[i] = acc += s[i];
        return out;
    }
    const int64_t *s = p->data;
    int64_t *d = ly_packed(out)->data, acc = 0;
    for (size_t i = 0; i < n; i++)
        if (__builtin_add_overflow(acc, s[i], &acc)) { ly_unref(vm, out); return NULL; }
        else d[i] = acc;
    return out;
}

static LyExpr b_accumulate(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_is_packed(x)) {
        LyExpr r = accumulate_packed(vm, ly_packed(x));
        if (r || ly_unwinding(vm)) return r;
    }
    if (!lys_is_list(x) && !ly_is_normal(x)) return NULL;
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    size_t n = ly_nlen(u);
    LyExpr out = ly_mknormal(vm, (ly_ref(ly_nhead(u)), ly_nhead(u)), n);
    LyExpr acc = NULL;
    for (size_t i = 1; out && i <= n; i++) {
        LyExpr a = ly_narg(u, i);
        LyExpr s;
        if (!acc) { ly_ref(a); s = a; }
        else { LyExpr two[2] = { acc, a }; s = plus_eval(vm, 2, two); }
        if (!s || !ly_safe_point(vm)) { ly_unref(vm, s); lys_abandon(vm, out, i); out = NULL; break; }
        ly_ref(s);
        ly_nset(out, i, s);
        ly_unref(vm, acc);
        acc = s;
    }
    ly_unref(vm, acc);
    ly_unref(vm, u);
    return out && ly_head_is(out, LY_SYM(List)) ? lys_pack_steal(vm, out) : out;
}

static LyExpr differences1(LyVM *vm, LyExpr x) {
    if (ly_is_packed(x) && ly_packed(x)->h.aux == 1) {
        LyPacked *p = ly_packed(x);
        size_t n = p->len;
        if (n < 2) return ly_list(vm, 0, NULL);
        size_t dims[1] = { n - 1 };
        LyExpr out = ly_mkpacked(vm, (LyPackedType)p->h.flags, 1, dims);
        if (!out) return NULL;
        bool ok = true;
        if (p->h.flags == LY_PACKED_REAL) {
            const double *s = p->data; double *d = ly_packed(out)->data;
            for (size_t i = 0; i + 1 < n; i++) d[i] = s[i + 1] - s[i];
        } else {
            const int64_t *s = p->data; int64_t *d = ly_packed(out)->data;
            for (size_t i = 0; i + 1 < n && ok; i++) ok = !__builtin_sub_overflow(s[i + 1], s[i], &d[i]);
        }
        if (ok) return out;
        ly_unref(vm, out);
    }
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    size_t n = ly_nlen(u), m = n ? n - 1 : 0;
    LyExpr out = ly_mknormal(vm, (ly_ref(ly_nhead(u)), ly_nhead(u)), m);
    for (size_t i = 1; out && i <= m; i++) {
        LyExpr neg = ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), (ly_ref(ly_narg(u, i)), ly_narg(u, i)));
        LyExpr d = neg ? lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, (ly_ref(ly_narg(u, i + 1)), ly_narg(u, i + 1)), neg)) : NULL;
        if (!d) { lys_abandon(vm, out, i); out = NULL; break; }
        ly_nset(out, i, d);
    }
    ly_unref(vm, u);
    return out && ly_head_is(out, LY_SYM(List)) ? lys_pack_steal(vm, out) : out;
}

static LyExpr b_differences(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    int64_t k = 1;
    if (ly_nlen(e) == 2) {
        if (!ly_is_small(ly_narg(e, 2)) || ly_small(ly_narg(e, 2)) < 0) return NULL;
        k = ly_small(ly_narg(e, 2));
    }
    if (!ly_is_normal(x) && !ly_is_packed(x)) return NULL;
    ly_ref(x);
    for (int64_t i = 0; i < k && x; i++) {
        LyExpr d = differences1(vm, x);
        ly_unref(vm, x);
        x = d;
    }
    return x;
}

/* ---- Dot ------------------------------------------------------------------------------------------- */

static size_t rank_of(LyExpr x) {
    if (ly_is_packed(x)) return ly_packed(x)->h.aux;
    if (!ly_head_is(x, LY_SYM(List))) return 0;
    if (ly_nlen(x) > 0 && lys_is_list(ly_narg(x, 1))) {
        size_t c = lys_list_len(ly_narg(x, 1));
        for (size_t i = 1; i <= ly_nlen(x); i++)
            if (!lys_is_list(ly_narg(x, i)) || lys_list_len(ly_narg(x, i)) != c) return 1;
        return 2;
    }
    return 1;
}

static double pv(LyPacked *p, size_t i) {
    return p->h.flags == LY_PACKED_REAL ? ((double *)p->data)[i] : (double)((int64_t *)p->data)[i];
}

/* Packed fast path: a (r1 in {1,2}) . b (r2 in {1,2}). NULL: not handled. */
static LyExpr dot_packed(LyVM *vm, LyPacked *a, LyPacked *b) {
    size_t ra = a->h.aux, rb = b->h.aux;
    size_t m = ra == 2 ? a->dims[0] : 1, k = a->dims[ra - 1], n = rb == 2 ? b->dims[1] : 1;
    if (b->dims[0] != k || ra > 2 || rb > 2) return NULL;
    bool ints = a->h.flags == LY_PACKED_INT64 && b->h.flags == LY_PACKED_INT64;
    size_t dims[2], r = 0;
    if (ra == 2) dims[r++] = m;
    if (rb == 2) dims[r++] = n;
    LyExpr out = r ? ly_mkpacked(vm, ints ? LY_PACKED_INT64 : LY_PACKED_REAL, (unsigned)r, dims) : NULL;
    if (r && !out) return NULL;
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            if (ints) {
                const int64_t *x = a->data, *y = b->data;
                i128 s = 0;
                for (size_t t = 0; t < k; t++) s += (i128)x[i * k + t] * y[t * n + j];
                if (!out) return from_i128(vm, s);
                if (s < INT64_MIN || s > INT64_MAX) { ly_unref(vm, out); return NULL; }
                ((int64_t *)ly_packed(out)->data)[i * n + j] = (int64_t)s;
            } else {
                double s = 0;
                for (size_t t = 0; t < k; t++) s += pv(a, i * k + t) * pv(b, t * n + j);
                if (!out) return ly_mkreal(vm, s);
                ((double *)ly_packed(out)->data)[i * n + j] = s;
            }
        }
    return out;
}

/* x[[i, j]] for a matrix, x[[k]] for a vector. */
static LyExpr at(LyVM *vm, LyExpr x, size_t i, size_t j, size_t k, size_t rank) {
    LyExpr row = ly_part(vm, x, rank == 2 ? i : k);
    if (rank == 1 || !row) return row;
    LyExpr v = ly_part(vm, row, j);
    ly_unref(vm, row);
    return v;
}

static LyExpr dot2(LyVM *vm, LyExpr e, LyExpr a, LyExpr b) {
    size_t ra = rank_of(a), rb = rank_of(b);
    if (!ra || !rb) return NULL;
    if (ly_is_packed(a) && ly_is_packed(b)) {
        LyExpr r = dot_packed(vm, ly_packed(a), ly_packed(b));
        if (r || ly_unwinding(vm)) return r;
    }
    if (ra > 2 || rb > 2) return NULL;
    LyExpr a1 = ra == 2 ? ly_part(vm, a, 1) : NULL;
    if (ra == 2 && !a1) return NULL;            /* out of memory (a packed row) */
    size_t m = ra == 2 ? lys_list_len(a) : 1, k = ra == 2 ? lys_list_len(a1) : lys_list_len(a);
    ly_unref(vm, a1);
    LyExpr b1 = rb == 2 ? ly_part(vm, b, 1) : NULL;
    if (rb == 2 && !b1) return NULL;
    size_t kb = lys_list_len(b), n = rb == 2 ? lys_list_len(b1) : 1;
    ly_unref(vm, b1);
    if (k != kb) {
        ly_set_message(vm, "Dot", "dotsh", "Tensors `1` and `2` have incompatible shapes.");
        ly_message(vm, ly_nhead(e), "dotsh", 2, a, b);
        return NULL;
    }
    LyExpr rows = ra == 2 ? ly_mknormal(vm, LY_SYM(List), m) : NULL;
    if (ra == 2 && !rows) return NULL;
    LyExpr result = NULL;
    for (size_t i = 1; i <= m; i++) {
        LyExpr row = rb == 2 ? ly_mknormal(vm, LY_SYM(List), n) : NULL, cell = NULL;
        if (rb == 2 && !row) { lys_abandon(vm, rows, i); return NULL; }
        for (size_t j = 1; j <= n; j++) {
            LyExpr terms = ly_mknormal(vm, LY_SYM(Plus), k);
            for (size_t t = 1; terms && t <= k; t++) {
                LyExpr x = at(vm, a, i, t, t, ra), y = at(vm, b, t, j, t, rb);
                LyExpr p = NULL;
                if (x && y) p = ly_mk(vm, LY_SYM(Times), 2, x, y);     /* takes x and y, made or not */
                else { ly_unref(vm, x); ly_unref(vm, y); }
                if (!p) { lys_abandon(vm, terms, t); terms = NULL; break; }
                ly_nset(terms, t, p);
            }
            LyExpr s = k == 0 ? ly_mksmall(0) : lys_eval_steal(vm, terms);
            if (k == 0) ly_unref(vm, terms);
            if (!s) { lys_abandon(vm, row, j); lys_abandon(vm, rows, i); return NULL; }
            if (row) ly_nset(row, j, s); else cell = s;
        }
        LyExpr item = row ? lys_pack_steal(vm, row) : cell;
        if (!item) { lys_abandon(vm, rows, i); return NULL; }
        if (rows) ly_nset(rows, i, item); else result = item;
    }
    return rows ? lys_pack_steal(vm, rows) : result;
}

static LyExpr b_dot(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n == 0) return ly_mksmall(1);
    if (n == 1) { ly_ref(ly_narg(e, 1)); return ly_narg(e, 1); }
    LyExpr acc = ly_narg(e, 1);
    ly_ref(acc);
    for (size_t i = 2; i <= n; i++) {
        LyExpr r = dot2(vm, e, acc, ly_narg(e, i));
        ly_unref(vm, acc);
        if (!r) return NULL;
        acc = r;
    }
    return acc;
}

/* ---- table --------------------------------------------------------------------------------------- */

static const LyBuiltin array_builtins[] = {
    { "Total", b_total, "Protected FusedFirst", "Total[list] gives the total of the elements in list.\nTotal[list, n] totals all elements down to level n.\nTotal[list, {n}] totals elements at level n.\nTotal[list, {n1, n2}] totals elements at levels n1 through n2." },
    { "Accumulate", b_accumulate, "Protected",
      "Accumulate[list] gives a list of the successive accumulated totals of elements in list." },
    { "Differences", b_differences, "Protected",
      "Differences[list] gives the successive differences of elements in list." },
    { "Dot", b_dot, "Flat OneIdentity Protected",
      "a.b.c or Dot[a, b, c] gives products of vectors, matrices, and tensors." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_arrays(LyVM *vm);
LyStatus lys_open_arrays(LyVM *vm) { return ly_register_table(vm, array_builtins); }
