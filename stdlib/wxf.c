/*
 * wxf.c — WXF, the Wolfram Exchange Format: BinarySerialize,
 * BinaryDeserialize, the reader and writer behind Import/Export "WXF"
 * (io.c), and ly_wxf_write / ly_wxf_read (lyra_ext.h), which the cluster
 * transport (foreign/lyf_mpi*.c) uses as its wire format.
 *
 * Layout (Wolfram's "WXF Format Description" tutorial):
 *   "8:" part            or  "8C:" zlib(part)
 *   'f' n head a1..an     normal expression (n is a varint)
 *   'C' 'j' 'i' 'L'       integers in 1, 2, 4, 8 bytes, little-endian, two's
 *                         complement; the writer uses the smallest that fits
 *   'I' n digits          an integer beyond 64 bits, as decimal text
 *   'r' 8 bytes           IEEE double, little-endian
 *   'R' n text            an arbitrary-precision real in InputForm
 *                         ("3.14159`20."); Lyra reads it as a machine real
 *   'S' n utf8            string            's' n name   symbol
 *   'B' n bytes           ByteArray
 *   'A' n, n x (('-'|':') key value)   association (Rule / RuleDelayed)
 *   0xC1 t rank dims data packed array; t: 0..3 Integer8..64, 0x22/0x23
 *                         Real32/64, 0x33/0x34 Complex64/128
 *   0xC2 t rank dims data NumericArray (also 0x10..0x13: UnsignedInteger8..64);
 *                         Lyra has no NumericArray and reads it as a List
 *   varint: 7 bits a byte, least significant group first, high bit = more.
 * Symbols of the System` context are written without context, other names
 * with theirs ("Global`x").  Rationals and complex numbers are written as
 * Rational[a, b] and Complex[re, im].  Integer packed arrays use the
 * smallest integer type that holds every element (Wolfram's Automatic),
 * or Integer64 with LY_WXF_INT64 (no scan: what the cluster uses).
 *
 * Both directions are iterative (explicit stacks), so deep expressions
 * never overflow the C stack.  The reader trusts nothing: every count is
 * checked against the bytes left before anything is allocated (a part takes
 * at least one byte), so n bytes of input allocate O(n) memory at most
 * (zlib input aside, which is bounded by the VM's memory budget); malformed
 * input gives NULL with a reason and a byte offset, never a crash.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "lys_data.h"
#include "lys_io.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define WXF_BIG_ENDIAN 1
#else
#define WXF_BIG_ENDIAN 0
#endif

#define WXF_MAXRANK 255

/* ---- writing ------------------------------------------------------------------------------------ */

static inline void wput(LyBuf *b, const void *s, size_t n) {
    if (b->len + n < b->cap) { memcpy(b->p + b->len, s, n); b->len += n; }
    else ly_buf_put(b, s, n);
}

static inline void wbyte(LyBuf *b, unsigned c) {
    if (b->len + 1 < b->cap) b->p[b->len++] = (char)c;
    else { char t = (char)c; ly_buf_put(b, &t, 1); }
}

static void wvarint(LyBuf *b, uint64_t v) {
    unsigned char t[10];
    size_t k = 0;
    do {
        t[k] = v & 0x7f;
        v >>= 7;
        if (v) t[k] |= 0x80;
        k++;
    } while (v);
    wput(b, t, k);
}

static void wle(LyBuf *b, uint64_t v, size_t nbytes) {
    unsigned char t[8];
    for (size_t i = 0; i < nbytes; i++) t[i] = (unsigned char)(v >> (8 * i));
    wput(b, t, nbytes);
}

static void wint64(LyBuf *b, int64_t v) {
    if (v >= INT8_MIN && v <= INT8_MAX) { wbyte(b, 'C'); wle(b, (uint64_t)v, 1); }
    else if (v >= INT16_MIN && v <= INT16_MAX) { wbyte(b, 'j'); wle(b, (uint64_t)v, 2); }
    else if (v >= INT32_MIN && v <= INT32_MAX) { wbyte(b, 'i'); wle(b, (uint64_t)v, 4); }
    else { wbyte(b, 'L'); wle(b, (uint64_t)v, 8); }
}

static void wtext(LyBuf *b, unsigned tok, const char *s, size_t n) {
    wbyte(b, tok);
    wvarint(b, n);
    wput(b, s, n);
}

static void wreal(LyBuf *b, double d) {
    uint64_t u;
    memcpy(&u, &d, 8);
    wbyte(b, 'r');
    wle(b, u, 8);
}

static void wsymbol(LyVM *vm, LyBuf *b, LyExpr sym, unsigned flags) {
    const LySymbol *s = ly_sym(sym);
    const char *ctx = flags & LY_WXF_BARE ? NULL : ly_symbol_context(vm, sym);
    if (ctx && !strcmp(ctx, "Global`")) {
        wbyte(b, 's');
        wvarint(b, 7 + s->len);
        wput(b, "Global`", 7);
        wput(b, s->name, s->len);
    } else wtext(b, 's', s->name, s->len);
}

static void wsystem(LyBuf *b, const char *name) { wtext(b, 's', name, strlen(name)); }

static void wbig(LyVM *vm, LyBuf *b, LyExpr e) {
    int64_t v;
    if (ly_get_int64(e, &v)) { wint64(b, v); return; }
    const LyBig *g = (const LyBig *)e;
    mpz_t z;
    mpz_roinit_n(z, (const mp_limb_t *)g->limbs, g->size);
    size_t need = mpz_sizeinbase(z, 10) + 2;
    char *tmp = ly_alloc(vm, need);
    if (!tmp) { b->oom = true; return; }
    mpz_get_str(tmp, 10, z);
    wtext(b, 'I', tmp, strlen(tmp));
    ly_dealloc(vm, tmp, need);
}

/* Numbers (depth <= 2: a complex number of rationals). */
static void wnumber(LyVM *vm, LyBuf *b, LyExpr e) {
    if (ly_is_small(e)) { wint64(b, ly_small(e)); return; }
    switch (ly_type(e)) {
    case LY_TBIG: wbig(vm, b, e); return;
    case LY_TREAL: wreal(b, ly_realv(e)); return;
    case LY_TRAT:
        wbyte(b, 'f'); wvarint(b, 2); wsystem(b, "Rational");
        wnumber(vm, b, ((LyRational *)e)->num);
        wnumber(vm, b, ((LyRational *)e)->den);
        return;
    case LY_TCOMPLEX:
        wbyte(b, 'f'); wvarint(b, 2); wsystem(b, "Complex");
        wnumber(vm, b, ((LyComplex *)e)->re);
        wnumber(vm, b, ((LyComplex *)e)->im);
        return;
    default: return;
    }
}

/* A packed array with no zero dimension. */
static void wpacked(LyBuf *b, const LyPacked *p, unsigned flags) {
    unsigned rank = p->h.aux;
    wbyte(b, 0xC1);
    if (p->h.flags == LY_PACKED_REAL) {
        wbyte(b, 0x23);
        wvarint(b, rank);
        for (unsigned k = 0; k < rank; k++) wvarint(b, p->dims[k]);
        if (!WXF_BIG_ENDIAN) { wput(b, p->data, p->len * 8); return; }
        for (size_t i = 0; i < p->len; i++) {
            uint64_t u;
            memcpy(&u, (const double *)p->data + i, 8);
            wle(b, u, 8);
        }
        return;
    }
    const int64_t *d = p->data;
    unsigned width = 8;
    if (!(flags & LY_WXF_INT64)) {
        int64_t lo = 0, hi = 0;
        for (size_t i = 0; i < p->len; i++) {
            if (d[i] < lo) lo = d[i];
            if (d[i] > hi) hi = d[i];
        }
        width = lo >= INT8_MIN && hi <= INT8_MAX ? 1 : lo >= INT16_MIN && hi <= INT16_MAX ? 2
              : lo >= INT32_MIN && hi <= INT32_MAX ? 4 : 8;
    }
    wbyte(b, width == 1 ? 0 : width == 2 ? 1 : width == 4 ? 2 : 3);
    wvarint(b, rank);
    for (unsigned k = 0; k < rank; k++) wvarint(b, p->dims[k]);
    if (width == 8 && !WXF_BIG_ENDIAN) { wput(b, d, p->len * 8); return; }
    unsigned char tmp[4096];
    size_t per = sizeof tmp / width;
    for (size_t i = 0; i < p->len; i += per) {
        size_t m = p->len - i < per ? p->len - i : per;
        const int64_t *s = d + i;
        if (WXF_BIG_ENDIAN) {
            for (size_t j = 0; j < m; j++)
                for (unsigned k = 0; k < width; k++) tmp[j * width + k] = (unsigned char)((uint64_t)s[j] >> (8 * k));
        } else if (width == 1) {
            for (size_t j = 0; j < m; j++) tmp[j] = (unsigned char)s[j];
        } else if (width == 2) {
            for (size_t j = 0; j < m; j++) { int16_t v = (int16_t)s[j]; memcpy(tmp + 2 * j, &v, 2); }
        } else if (width == 4) {
            for (size_t j = 0; j < m; j++) { int32_t v = (int32_t)s[j]; memcpy(tmp + 4 * j, &v, 4); }
        } else {
            memcpy(tmp, s, m * 8);
        }
        wput(b, tmp, m * width);
    }
}

static bool packed_has_zero_dim(const LyPacked *p) {
    for (unsigned k = 0; k < p->h.aux; k++) if (p->dims[k] == 0) return true;
    return false;
}

typedef struct WFrame { LyExpr e; size_t i; bool owned; } WFrame;

/* The part for root, appended to b. */
static LyStatus write_part(LyVM *vm, LyBuf *b, LyExpr root, unsigned flags, LyExpr *bad) {
    WFrame local[32], *st = local;
    size_t n = 0, cap = 32;
    LyStatus status = LY_OK;
    LyExpr x = root;
    bool owned = false;          /* x is a temporary this loop must release */
    while (x) {
        switch (ly_type(x)) {
        case LY_TNORMAL: case LY_TASSOC:
            if (n == cap) {
                size_t nc = cap * 2;
                WFrame *ns = ly_alloc(vm, nc * sizeof *ns);
                if (!ns) { status = LY_ERRMEM; if (owned) ly_unref(vm, x); goto out; }
                memcpy(ns, st, n * sizeof *st);
                if (st != local) ly_dealloc(vm, st, cap * sizeof *st);
                st = ns;
                cap = nc;
            }
            if (ly_is_normal(x)) { wbyte(b, 'f'); wvarint(b, ly_nlen(x)); }
            else { wbyte(b, 'A'); wvarint(b, ly_assoc(x)->len); }
            st[n++] = (WFrame){ x, 0, owned };
            break;
        case LY_TPACKED:
            if (packed_has_zero_dim(ly_packed(x))) {
                LyExpr u = ly_unpack(vm, x);
                if (owned) ly_unref(vm, x);
                if (!u) { status = LY_ERRMEM; goto out; }
                x = u;
                owned = true;
                continue;
            }
            wpacked(b, ly_packed(x), flags);
            break;
        case LY_TSTRING: wtext(b, 'S', ly_str(x)->s, ly_str(x)->len); break;
        case LY_TFOREIGN: {
            size_t nb;
            const unsigned char *p = lys_bytearray_get(x, &nb);
            if (p) { wtext(b, 'B', (const char *)p, nb); break; }
            if (flags & LY_WXF_STUBS) {
                LyBuf t;
                ly_buf_init(&t, vm);
                ly_buf_expr(&t, x, LY_FORM_OUTPUT);
                wbyte(b, 'f'); wvarint(b, 1); wsystem(b, "Lyra`Private`Foreign");
                wtext(b, 'S', t.p ? t.p : "", t.len);
                if (t.oom) b->oom = true;
                ly_buf_free(&t);
                break;
            }
            if (bad) *bad = x;
            status = LY_ERRARG;
            if (owned) ly_unref(vm, x);
            goto out;
        }
        default:
            if (ly_is_sym(x)) wsymbol(vm, b, x, flags);
            else wnumber(vm, b, x);
            break;
        }
        if (owned && !ly_is_normal(x) && ly_type(x) != LY_TASSOC) ly_unref(vm, x);
        /* the next part: the next child of the innermost open frame */
        x = NULL;
        owned = false;
        while (n > 0 && !x) {
            WFrame *f = &st[n - 1];
            if (ly_is_normal(f->e)) {
                if (f->i <= ly_nlen(f->e)) { x = ly_normal(f->e)->e[f->i++]; break; }
            } else {
                LyAssoc *a = ly_assoc(f->e);
                size_t r = f->i / 2;
                if (r < a->len) {
                    LyExpr rule = a->rules[r];
                    if (f->i % 2 == 0) {
                        wbyte(b, ly_nhead(rule) == LY_SYM(RuleDelayed) ? ':' : '-');
                        x = ly_narg(rule, 1);
                    } else x = ly_narg(rule, 2);
                    f->i++;
                    break;
                }
            }
            if (f->owned) ly_unref(vm, f->e);
            n--;
        }
        if (b->oom) { status = LY_ERRMEM; break; }
    }
out:
    while (n > 0) { n--; if (st[n].owned) ly_unref(vm, st[n].e); }
    if (st != local) ly_dealloc(vm, st, cap * sizeof *st);
    if (status == LY_OK && b->oom) status = LY_ERRMEM;
    return status;
}

/* Appends zlib(src) to b. */
static bool deflate_into(LyBuf *b, const unsigned char *src, size_t n) {
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK) return false;
    unsigned char out[65536];
    int rc = Z_OK;
    size_t done = 0;
    while (rc != Z_STREAM_END && !b->oom) {
        if (z.avail_in == 0 && done < n) {
            size_t k = n - done < (1u << 30) ? n - done : (1u << 30);
            z.next_in = (unsigned char *)src + done;
            z.avail_in = (uInt)k;
            done += k;
        }
        z.next_out = out;
        z.avail_out = sizeof out;
        rc = deflate(&z, done == n ? Z_FINISH : Z_NO_FLUSH);
        if (rc == Z_STREAM_ERROR) break;
        wput(b, out, sizeof out - z.avail_out);
    }
    deflateEnd(&z);
    return rc == Z_STREAM_END && !b->oom;
}

LyStatus ly_wxf_write(LyVM *vm, LyExpr e, unsigned flags, LyBuf *b, LyExpr *bad) {
    if (!(flags & LY_WXF_COMPRESS)) {
        wput(b, "8:", 2);
        return write_part(vm, b, e, flags, bad);
    }
    LyBuf body;
    ly_buf_init(&body, vm);
    LyStatus st = write_part(vm, &body, e, flags, bad);
    if (st == LY_OK) {
        wput(b, "8C:", 3);
        if (!deflate_into(b, (const unsigned char *)body.p, body.len)) st = LY_ERRMEM;
    }
    ly_buf_free(&body);
    return st;
}

/* ---- reading --------------------------------------------------------------------------------------- */

/* Symbols met in this input: a name repeats, its lookup need not. */
typedef struct SymSlot { const unsigned char *name; size_t n; LyExpr sym; } SymSlot;

typedef struct R {
    const unsigned char *p, *end, *base;
    const char *why;
    SymSlot *syms;              /* 64 slots, or NULL */
} R;

static bool fail(R *r, const char *why) { if (!r->why) r->why = why; return false; }

static size_t left(const R *r) { return (size_t)(r->end - r->p); }

static bool rvarint(R *r, uint64_t *out) {
    uint64_t v = 0;
    for (int k = 0; k < 10; k++) {
        if (r->p >= r->end) return fail(r, "truncated length");
        unsigned c = *r->p++;
        if (k == 9 && c > 1) return fail(r, "length out of range");
        v |= (uint64_t)(c & 0x7f) << (7 * k);
        if (!(c & 0x80)) { *out = v; return true; }
    }
    return fail(r, "length out of range");
}

/* A count of parts that follow, each at least `each` bytes long. */
static bool rcount(R *r, size_t each, size_t *out) {
    uint64_t v;
    if (!rvarint(r, &v)) return false;
    if (v > left(r) / each) return fail(r, "length larger than the data");
    *out = (size_t)v;
    return true;
}

static uint64_t rle(R *r, size_t nbytes) {
    uint64_t v = 0;
    for (size_t i = 0; i < nbytes; i++) v |= (uint64_t)r->p[i] << (8 * i);
    r->p += nbytes;
    return v;
}

static LyExpr rsymbol_slow(LyVM *vm, R *r, const unsigned char *s, size_t n);

static bool name_char(unsigned char c, bool first) {
    if (c >= 0x80 || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
    return !first && c >= '0' && c <= '9';
}

/* A symbol name: contexts and names of letters, digits and $ (not leading
 * digits), separated by backquotes. */
static bool valid_symbol(const unsigned char *s, size_t n) {
    if (n == 0 || s[n - 1] == '`') return false;
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '`') { if (first) return false; first = true; continue; }
        if (!name_char(s[i], first)) return false;
        first = false;
    }
    return true;
}

static LyExpr rsymbol(LyVM *vm, R *r, const unsigned char *s, size_t n) {
    SymSlot *slot = NULL;
    if (r->syms && n > 0) {
        slot = &r->syms[(n * 31u + s[0] * 7u + s[n - 1]) & 63u];
        if (slot->name && slot->n == n && !memcmp(slot->name, s, n)) return slot->sym;
    }
    LyExpr sym = rsymbol_slow(vm, r, s, n);
    if (sym && slot) { slot->name = s; slot->n = n; slot->sym = sym; }
    return sym;
}

static LyExpr rsymbol_slow(LyVM *vm, R *r, const unsigned char *s, size_t n) {
    if (!valid_symbol(s, n)) { fail(r, "invalid symbol name"); return NULL; }
    if (n > 7 && (!memcmp(s, "System`", 7) || !memcmp(s, "Global`", 7))) { s += 7; n -= 7; }
    char small[128];
    char *name = n < sizeof small ? small : ly_alloc(vm, n + 1);
    if (!name) return NULL;
    memcpy(name, s, n);
    name[n] = 0;
    LyExpr sym = ly_symbol(vm, name);
    if (name != small) ly_dealloc(vm, name, n + 1);
    return sym;
}

static LyExpr rbigint(LyVM *vm, R *r, const unsigned char *s, size_t n) {
    size_t i = n > 0 && s[0] == '-' ? 1 : 0;
    if (i == n) { fail(r, "invalid big integer"); return NULL; }
    for (size_t k = i; k < n; k++) if (s[k] < '0' || s[k] > '9') { fail(r, "invalid big integer"); return NULL; }
    char *t = ly_alloc(vm, n + 1);
    if (!t) return NULL;
    memcpy(t, s, n);
    t[n] = 0;
    LyExpr v = ly_int_parse(vm, t, 10);
    ly_dealloc(vm, t, n + 1);
    return v;
}

/* "-1.25`20.*^-3", "12.5``30": mantissa, precision or accuracy, exponent.
 * Lyra has machine reals only: the value is rounded to one. */
static LyExpr rbigreal(LyVM *vm, R *r, const unsigned char *s, size_t n) {
    char buf[480];
    size_t k = 0, i = 0, digits = 0;
    long shift = 0;                 /* integer digits dropped beyond buf */
    bool dot = false;
    if (i < n && (s[i] == '-' || s[i] == '+')) buf[k++] = (char)s[i++];
    for (; i < n && ((s[i] >= '0' && s[i] <= '9') || (s[i] == '.' && !dot)); i++) {
        if (s[i] == '.') dot = true; else digits++;
        if (k < 400) buf[k++] = (char)s[i];
        else if (!dot && shift < 1000000) shift++;
    }
    if (!digits) { fail(r, "invalid big real"); return NULL; }
    if (i < n && s[i] == '`') {
        i++;
        if (i < n && s[i] == '`') i++;
        if (i < n && s[i] == '-') i++;
        while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) i++;
    }
    long ex = 0;
    if (i + 1 < n && s[i] == '*' && s[i + 1] == '^') {
        i += 2;
        bool neg = i < n && s[i] == '-';
        if (i < n && (s[i] == '-' || s[i] == '+')) i++;
        size_t d0 = i;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) if (ex < 1000000) ex = ex * 10 + (s[i] - '0');
        if (i == d0) { fail(r, "invalid big real"); return NULL; }
        if (neg) ex = -ex;
    }
    if (i != n) { fail(r, "invalid big real"); return NULL; }
    snprintf(buf + k, sizeof buf - k, "e%ld", ex + shift);
    return ly_mkreal(vm, strtod(buf, NULL));
}

/* Element size of an array value type; 0 when t is not one (packed arrays
 * do not take the unsigned types). */
static size_t elem_size(unsigned t, bool numeric) {
    switch (t) {
    case 0x00: return 1; case 0x01: return 2; case 0x02: return 4; case 0x03: return 8;
    case 0x22: return 4; case 0x23: return 8; case 0x33: return 8; case 0x34: return 16;
    case 0x10: return numeric ? 1 : 0; case 0x11: return numeric ? 2 : 0;
    case 0x12: return numeric ? 4 : 0; case 0x13: return numeric ? 8 : 0;
    default: return 0;
    }
}

static double rfloat(R *r, size_t size) {
    uint64_t u = rle(r, size);
    if (size == 8) { double d; memcpy(&d, &u, 8); return d; }
    uint32_t w = (uint32_t)u;
    float f;
    memcpy(&f, &w, 4);
    return (double)f;
}

static int64_t rint_typed(R *r, unsigned t, bool *big) {
    size_t size = elem_size(t, true);
    uint64_t u = rle(r, size);
    *big = false;
    if (t >= 0x10) {
        if (t == 0x13 && u > (uint64_t)INT64_MAX) *big = true;
        return (int64_t)u;
    }
    unsigned sh = 64 - 8 * (unsigned)size;
    return (int64_t)(u << sh) >> sh;
}

/* Nested Lists of the elements of an array whose values do not fit a Lyra
 * packed array (complex values, unsigned 64-bit values above 2^63). */
static LyExpr array_lists(LyVM *vm, R *r, unsigned t, const size_t *dims, unsigned rank, unsigned level) {
    size_t n = dims[level];
    LyExpr l = ly_mknormal(vm, LY_SYM(List), n);
    if (!l) return NULL;
    for (size_t i = 0; i < n; i++) {
        LyExpr x;
        if (level + 1 < rank) x = array_lists(vm, r, t, dims, rank, level + 1);
        else if (t == 0x33 || t == 0x34) {
            size_t half = t == 0x33 ? 4 : 8;
            double re = rfloat(r, half), im = rfloat(r, half);
            if (isnan(re) || isnan(im)) { fail(r, "NaN is not a number Lyra has"); lys_abandon(vm, l, i + 1); return NULL; }
            LyExpr a = ly_mkreal(vm, re), b = ly_mkreal(vm, im);
            x = a && b ? ly_mkcomplex(vm, a, b) : NULL;
            if (!x) { ly_unref(vm, a); ly_unref(vm, b); }
        } else {
            bool big;
            int64_t v = rint_typed(r, t, &big);
            if (big) {
                char digits[24];
                snprintf(digits, sizeof digits, "%llu", (unsigned long long)(uint64_t)v);
                x = ly_int_parse(vm, digits, 10);
            } else x = ly_int(vm, v);
        }
        if (!x) { lys_abandon(vm, l, i + 1); return NULL; }
        ly_nset(l, i + 1, x);
    }
    return l;
}

static LyExpr rarray(LyVM *vm, R *r, bool numeric) {
    if (left(r) < 1) { fail(r, "truncated array"); return NULL; }
    unsigned t = *r->p++;
    size_t es = elem_size(t, numeric);
    if (!es) { fail(r, "invalid array element type"); return NULL; }
    uint64_t rank;
    if (!rvarint(r, &rank)) return NULL;
    if (rank == 0 || rank > WXF_MAXRANK) { fail(r, "invalid array rank"); return NULL; }
    size_t dims[WXF_MAXRANK], count = 1;
    for (unsigned k = 0; k < rank; k++) {
        uint64_t d;
        if (!rvarint(r, &d)) return NULL;
        if (d == 0) { fail(r, "zero array dimension"); return NULL; }
        if (d > left(r) || count > left(r) / d) { fail(r, "array larger than the data"); return NULL; }
        dims[k] = (size_t)d;
        count *= (size_t)d;
    }
    if (count > left(r) / es) { fail(r, "array larger than the data"); return NULL; }
    bool lists = t == 0x33 || t == 0x34;
    if (t == 0x13) {   /* unsigned 64-bit: lists only when a value needs it */
        for (size_t i = 0; i < count && !lists; i++) {
            uint64_t u;
            memcpy(&u, r->p + 8 * i, 8);
            if (WXF_BIG_ENDIAN) u = __builtin_bswap64(u);
            lists = u > (uint64_t)INT64_MAX;
        }
    }
    if (lists) return array_lists(vm, r, t, dims, (unsigned)rank, 0);
    bool real = t == 0x22 || t == 0x23;
    LyExpr a = ly_mkpacked(vm, real ? LY_PACKED_REAL : LY_PACKED_INT64, (unsigned)rank, dims);
    if (!a) return NULL;
    if (real) {
        double *d = ly_packed(a)->data;
        if (es == 8 && !WXF_BIG_ENDIAN) { memcpy(d, r->p, count * 8); r->p += count * 8; }
        else for (size_t i = 0; i < count; i++) d[i] = rfloat(r, es);
        for (size_t i = 0; i < count; i++)
            if (isnan(d[i])) { ly_unref(vm, a); fail(r, "NaN is not a number Lyra has"); return NULL; }
    } else {
        int64_t *d = ly_packed(a)->data;
        const unsigned char *q = r->p;
        if (WXF_BIG_ENDIAN || t == 0x13) {
            bool big;
            for (size_t i = 0; i < count; i++) d[i] = rint_typed(r, t, &big);
        } else {
            switch (t) {       /* little-endian host: widen in place */
            case 0x00: for (size_t i = 0; i < count; i++) d[i] = (int8_t)q[i]; break;
            case 0x10: for (size_t i = 0; i < count; i++) d[i] = q[i]; break;
            case 0x01: for (size_t i = 0; i < count; i++) { int16_t v; memcpy(&v, q + 2 * i, 2); d[i] = v; } break;
            case 0x11: for (size_t i = 0; i < count; i++) { uint16_t v; memcpy(&v, q + 2 * i, 2); d[i] = v; } break;
            case 0x02: for (size_t i = 0; i < count; i++) { int32_t v; memcpy(&v, q + 4 * i, 4); d[i] = v; } break;
            case 0x12: for (size_t i = 0; i < count; i++) { uint32_t v; memcpy(&v, q + 4 * i, 4); d[i] = v; } break;
            default: memcpy(d, q, count * 8); break;
            }
            r->p += count * es;
        }
    }
    return a;
}

/* Rational[a, b] and Complex[a, b] with number arguments become numbers. */
static LyExpr finish_normal(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2) return e;
    LyExpr h = ly_nhead(e), a = ly_narg(e, 1), b = ly_narg(e, 2);
    if (h == LY_SYM(Rational) && ly_is_integer(a) && ly_is_integer(b) && !ly_num_is_zero(b)) {
        ly_ref(a); ly_ref(b);
        LyExpr q = ly_mkrational(vm, a, b);
        ly_unref(vm, e);
        return q;
    }
    if (h == LY_SYM(Complex) && ly_is_number(a) && ly_is_number(b) &&
        ly_type(a) != LY_TCOMPLEX && ly_type(b) != LY_TCOMPLEX) {
        ly_ref(a); ly_ref(b);
        LyExpr z = ly_mkcomplex(vm, a, b);
        ly_unref(vm, e);
        return z;
    }
    return e;
}

enum { RF_NORMAL, RF_ASSOC };
typedef struct RFrame {
    int kind;
    size_t n, i;            /* parts expected / stored */
    LyExpr e;               /* RF_NORMAL: the expression once its head is read */
    LyExpr *rules;          /* RF_ASSOC: n slots */
    LyExpr key;             /* RF_ASSOC: key read, value pending */
    bool delayed;
} RFrame;

static void frame_free(LyVM *vm, RFrame *f) {
    if (f->kind == RF_NORMAL) { if (f->e) lys_abandon(vm, f->e, f->i + 1); return; }
    for (size_t k = 0; k < f->i; k++) ly_unref(vm, f->rules[k]);
    if (f->key) ly_unref(vm, f->key);
    ly_dealloc(vm, f->rules, (f->n ? f->n : 1) * sizeof *f->rules);
}

/* One complete atom at r->p, or NULL with r->why set (or an exit: out of
 * memory).  'f' and 'A' are handled by the caller. */
static LyExpr ratom(LyVM *vm, R *r, unsigned tok) {
    size_t n;
    switch (tok) {
    case 'C': case 'j': case 'i': case 'L': {
        size_t size = tok == 'C' ? 1 : tok == 'j' ? 2 : tok == 'i' ? 4 : 8;
        if (left(r) < size) { fail(r, "truncated integer"); return NULL; }
        unsigned sh = 64 - 8 * (unsigned)size;
        return ly_int(vm, (int64_t)(rle(r, size) << sh) >> sh);
    }
    case 'r': {
        if (left(r) < 8) { fail(r, "truncated real"); return NULL; }
        double d = rfloat(r, 8);
        if (isnan(d)) { r->p -= 8; fail(r, "NaN is not a number Lyra has"); return NULL; }
        return ly_mkreal(vm, d);
    }
    case 'S': case 's': case 'I': case 'R': case 'B': {
        if (!rcount(r, 1, &n)) return NULL;
        const unsigned char *s = r->p;
        r->p += n;
        switch (tok) {
        case 'S': return ly_mkstring(vm, (const char *)s, n);
        case 's': return rsymbol(vm, r, s, n);
        case 'I': return rbigint(vm, r, s, n);
        case 'R': return rbigreal(vm, r, s, n);
        default: return lys_bytearray_new(vm, s, n);
        }
    }
    case 0xC1: return rarray(vm, r, false);
    case 0xC2: return rarray(vm, r, true);
    case '-': case ':': fail(r, "rule outside an association"); return NULL;
    default: fail(r, "unknown token"); return NULL;
    }
}

static LyExpr read_part(LyVM *vm, R *r) {
    SymSlot syms[64];
    memset(syms, 0, sizeof syms);
    r->syms = syms;
    RFrame local[32], *st = local;
    size_t n = 0, cap = 32;
    LyExpr v = NULL;
    for (;;) {
        /* an association wants its rule token before each key */
        if (n > 0 && st[n - 1].kind == RF_ASSOC && !st[n - 1].key) {
            if (left(r) < 1) { fail(r, "truncated association"); goto bad; }
            unsigned t = *r->p++;
            if (t != '-' && t != ':') { r->p--; fail(r, "association entry is not a rule"); goto bad; }
            st[n - 1].delayed = t == ':';
        }
        if (left(r) < 1) { fail(r, "truncated data"); goto bad; }
        unsigned tok = *r->p++;
        if (tok == 'f' || tok == 'A') {
            size_t cnt;
            if (!rcount(r, tok == 'A' ? 3 : 1, &cnt)) goto bad;
            if (tok == 'f' && cnt >= left(r)) { fail(r, "length larger than the data"); goto bad; }
            if (tok == 'A' && cnt == 0) {
                v = ly_mkassoc(vm, 0, NULL);
                if (!v) { if (!ly_unwinding(vm)) ly_raise_nomem(vm); goto bad; }
            } else {
                if (n == cap) {
                    size_t nc = cap * 2;
                    RFrame *ns = ly_alloc(vm, nc * sizeof *ns);
                    if (!ns) goto bad;
                    memcpy(ns, st, n * sizeof *st);
                    if (st != local) ly_dealloc(vm, st, cap * sizeof *st);
                    st = ns;
                    cap = nc;
                }
                RFrame f = { tok == 'f' ? RF_NORMAL : RF_ASSOC, cnt, 0, NULL, NULL, NULL, false };
                if (tok == 'A') {
                    f.rules = ly_alloc(vm, cnt * sizeof *f.rules);
                    if (!f.rules) goto bad;
                }
                st[n++] = f;
                continue;
            }
        } else {
            v = ratom(vm, r, tok);
            if (!v) goto bad;
        }
        /* hand v to the open frames, closing every one it completes */
        for (;;) {
            if (n == 0) goto done;
            RFrame *f = &st[n - 1];
            if (f->kind == RF_NORMAL) {
                if (!f->e) {
                    f->e = ly_mknormal(vm, v, f->n);
                    v = NULL;
                    if (!f->e) goto bad;
                } else { ly_nset(f->e, ++f->i, v); v = NULL; }
                if (f->i < f->n) break;
                v = finish_normal(vm, f->e);
                f->e = NULL;
                n--;
                if (!v) goto bad;
            } else {
                if (!f->key) { f->key = v; v = NULL; break; }
                LyExpr rule = ly_mk(vm, f->delayed ? LY_SYM(RuleDelayed) : LY_SYM(Rule), 2, f->key, v);
                f->key = NULL;
                v = NULL;
                if (!rule) goto bad;
                f->rules[f->i++] = rule;
                if (f->i < f->n) break;
                v = ly_mkassoc(vm, f->n, f->rules);
                for (size_t k = 0; k < f->n; k++) ly_unref(vm, f->rules[k]);
                ly_dealloc(vm, f->rules, f->n * sizeof *f->rules);
                n--;
                if (!v) { if (!ly_unwinding(vm)) ly_raise_nomem(vm); goto bad; }
            }
        }
    }
bad:
    if (v) ly_unref(vm, v);
    v = NULL;
    while (n > 0) frame_free(vm, &st[--n]);
done:
    if (st != local) ly_dealloc(vm, st, cap * sizeof *st);
    r->syms = NULL;
    return v;
}

/* Inflates src into a fresh LyBuf (NULL-less on failure: sets *why). */
static bool inflate_all(LyBuf *out, const unsigned char *src, size_t n, const char **why) {
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit(&z) != Z_OK) { *why = "cannot start zlib"; return false; }
    unsigned char buf[65536];
    int rc = Z_OK;
    size_t done = 0;
    while (rc != Z_STREAM_END) {
        if (z.avail_in == 0) {
            if (done == n) { *why = "truncated compressed data"; break; }
            size_t k = n - done < (1u << 30) ? n - done : (1u << 30);
            z.next_in = (unsigned char *)src + done;
            z.avail_in = (uInt)k;
            done += k;
        }
        z.next_out = buf;
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) { *why = "corrupt compressed data"; break; }
        wput(out, buf, sizeof buf - z.avail_out);
        if (out->oom) { *why = "out of memory"; break; }
    }
    if (rc == Z_STREAM_END && (z.avail_in > 0 || done < n)) { *why = "data after the compressed stream"; rc = Z_DATA_ERROR; }
    inflateEnd(&z);
    return rc == Z_STREAM_END && !out->oom;
}

LyExpr ly_wxf_read(LyVM *vm, const void *data, size_t len, const char **why, size_t *at) {
    const unsigned char *s = data;
    const char *w = NULL;
    size_t pos = 0;
    LyExpr v = NULL;
    LyBuf body;
    ly_buf_init(&body, vm);
    R r = { NULL, NULL, NULL, NULL, NULL };
    if (len >= 2 && s[0] == '8' && s[1] == ':') {
        r = (R){ s + 2, s + len, s, NULL, NULL };
    } else if (len >= 3 && s[0] == '8' && s[1] == 'C' && s[2] == ':') {
        if (!inflate_all(&body, s + 3, len - 3, &w)) {
            pos = 3;
            if (body.oom) ly_raise_nomem(vm);     /* LyBuf growth does not raise it */
            goto out;
        }
        if (body.p) r = (R){ (const unsigned char *)body.p, (const unsigned char *)body.p + body.len,
                             (const unsigned char *)body.p - 3, NULL, NULL };
        else r = (R){ s + 3, s + 3, s, NULL, NULL };      /* nothing inflated */
    } else {
        w = "not a WXF header (8: or 8C:)";
        goto out;
    }
    v = read_part(vm, &r);
    if (v && r.p != r.end) { ly_unref(vm, v); v = NULL; fail(&r, "extra bytes after the expression"); }
    w = r.why;
    pos = (size_t)(r.p - r.base);
out:
    ly_buf_free(&body);
    if (!v) {
        if (why) *why = w ? w : "out of memory";
        if (at) *at = pos;
    }
    return v;
}

/* ---- builtins ------------------------------------------------------------------------------------------- */

LyExpr lys_wxf_import(LyVM *vm, LyExpr e, const void *data, size_t len) {
    const char *why = NULL;
    size_t at = 0;
    LyExpr v = ly_wxf_read(vm, data, len, &why, &at);
    if (v || ly_unwinding(vm)) return v;
    LyExpr w = ly_cstring(vm, why);
    LyExpr a = ly_int(vm, (int64_t)at);
    if (w && a) ly_message(vm, ly_symbol(vm, "BinaryDeserialize"), "invwxf", 2, w, a);
    ly_unref(vm, w);
    ly_unref(vm, a);
    (void)e;
    return NULL;
}

bool lys_wxf_export(LyVM *vm, LyExpr e, LyBuf *b, LyExpr x, unsigned flags) {
    LyExpr bad = NULL;
    LyStatus st = ly_wxf_write(vm, x, flags, b, &bad);
    if (st == LY_OK) return true;
    if (st == LY_ERRARG) ly_message(vm, ly_symbol(vm, "BinarySerialize"), "nser", 1, bad);
    else if (!ly_unwinding(vm)) ly_raise_nomem(vm);
    (void)e;
    return false;
}

static bool rule_named(LyExpr r, const char *name) {
    if ((!ly_head_is(r, LY_SYM(Rule)) && !ly_head_is(r, LY_SYM(RuleDelayed))) || ly_nlen(r) != 2) return false;
    LyExpr k = ly_narg(r, 1);
    return (ly_is_string(k) && !strcmp(ly_str(k)->s, name)) || ly_is_symbol(k, name);
}

/* Options of BinarySerialize: PerformanceGoal -> "Size" compresses;
 * Method -> {"PackedArrayIntegerType" -> "Integer64"} skips the narrowing.
 * False with a message on anything else. */
static bool serialize_opts(LyVM *vm, LyExpr e, unsigned *flags) {
    *flags = 0;
    for (size_t i = 2; i <= ly_nlen(e); i++) {
        LyExpr o = ly_narg(e, i);
        if (!(ly_head_is(o, LY_SYM(Rule)) || ly_head_is(o, LY_SYM(RuleDelayed))) || ly_nlen(o) != 2) {
            ly_message(vm, ly_nhead(e), "nonopt", 3, o, ly_mksmall((int64_t)i - 1), e);
            return false;
        }
        LyExpr v = ly_narg(o, 2);
        if (rule_named(o, "PerformanceGoal")) {
            if (ly_is_string(v) && !strcmp(ly_str(v)->s, "Size")) *flags |= LY_WXF_COMPRESS;
            else if (!(ly_is_string(v) && !strcmp(ly_str(v)->s, "Speed")) && !ly_is_symbol(v, "Automatic")) {
                ly_message(vm, ly_nhead(e), "pgoal", 1, v);
                return false;
            }
        } else if (rule_named(o, "Method")) {
            if (ly_is_symbol(v, "Automatic")) continue;
            LyExpr l = ly_head_is(v, LY_SYM(List)) ? v : NULL;
            size_t m = l ? ly_nlen(l) : 1;
            for (size_t k = 1; k <= m; k++) {
                LyExpr s = l ? ly_narg(l, k) : v, sv = rule_named(s, "PackedArrayIntegerType") ? ly_narg(s, 2) : NULL;
                if (sv && ly_is_string(sv) && !strcmp(ly_str(sv)->s, "Integer64")) *flags |= LY_WXF_INT64;
                else if (!(sv && (ly_is_symbol(sv, "Automatic") || ly_is_string(sv)))) {
                    ly_message(vm, ly_nhead(e), "method", 1, v);
                    return false;
                }
            }
        } else {
            ly_message(vm, ly_nhead(e), "optx", 2, ly_is_normal(o) && ly_nlen(o) >= 1 ? ly_narg(o, 1) : o, e);
            return false;
        }
    }
    return true;
}

static LyExpr b_binaryserialize(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, SIZE_MAX)) return NULL;
    unsigned flags;
    if (!serialize_opts(vm, e, &flags)) return NULL;
    LyBuf b;
    ly_buf_init(&b, vm);
    if (!lys_wxf_export(vm, e, &b, ly_narg(e, 1), flags)) {
        ly_buf_free(&b);
        return ly_unwinding(vm) ? NULL : LY_SYM(DFailed);
    }
    return lys_bytearray_take(vm, &b);
}

static LyExpr b_binarydeserialize(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    size_t n;
    const unsigned char *p = lys_bytearray_get(ly_narg(e, 1), &n);
    if (!p) {
        ly_message(vm, ly_nhead(e), "bytearray", 1, ly_narg(e, 1));
        return NULL;
    }
    LyExpr v = lys_wxf_import(vm, e, p, n);
    if (!v) return ly_unwinding(vm) ? NULL : LY_SYM(DFailed);
    if (ly_nlen(e) == 2) {
        LyExpr h = ly_narg(e, 2);
        ly_ref(h);
        return ly_mk(vm, h, 1, v);
    }
    return v;
}

static const LyBuiltin wxf_builtins[] = {
    { "BinarySerialize", b_binaryserialize, "Protected",
      "BinarySerialize[expr] gives a binary representation of any expression expr as a ByteArray object (WXF)." },
    { "BinaryDeserialize", b_binarydeserialize, "Protected",
      "BinaryDeserialize[ByteArray[...]] recovers an expression from a binary representation generated by BinarySerialize.\n"
      "BinaryDeserialize[ByteArray[...], h] wraps h around the expression produced before returning it." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_wxf(LyVM *vm);
LyStatus lys_open_wxf(LyVM *vm) {
    ly_set_message(vm, "BinaryDeserialize", "invwxf", "Invalid WXF data: `1` at byte `2`.");
    ly_set_message(vm, "BinaryDeserialize", "bytearray", "`1` is not a ByteArray.");
    ly_set_message(vm, "BinarySerialize", "nser", "`1` has no WXF form and cannot be serialized.");
    ly_set_message(vm, "BinarySerialize", "pgoal", "Value of option PerformanceGoal -> `1` should be \"Speed\", \"Size\" or Automatic.");
    ly_set_message(vm, "BinarySerialize", "method", "Value of option Method -> `1` is not valid.");
    return ly_register_table(vm, wxf_builtins);
}
