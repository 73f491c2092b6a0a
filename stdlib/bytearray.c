/*
 * bytearray.c — ByteArray: an immutable string of bytes, as in Wolfram.
 *
 * A ByteArray is a foreign object (lyra_ext.h) whose data is a LysBytes
 * block allocated through the owning VM's allocator, so it counts against
 * the VM's memory budget and goes back at ly_close.  It prints as
 * ByteArray[<n>] in OutputForm and as ByteArray["base64"] in InputForm and
 * FullForm, which evaluates back to an equal ByteArray.  Crossing VMs
 * copies the bytes (like strings).  Equality and hashing look at the bytes.
 *
 *   ByteArray[{b1, b2, ...}]   bytes 0..255 (a List or packed array)
 *   ByteArray["base64"]        the bytes of a Base64 text
 *   ByteArrayQ[x], Normal[ba], Length[ba] (the last two in assoc.c and
 *   predicates.c through lys_bytearray_get)
 *
 * BinarySerialize (wxf.c) produces ByteArrays without copying: the WXF
 * writer's LyBuf becomes the object's storage (lys_bytearray_take).
 */
#include <string.h>
#include "lys_data.h"

typedef struct LysBytes {
    size_t n;               /* bytes */
    size_t cap;             /* allocated size of p (through the VM) */
    unsigned char *p;       /* NULL when n == 0 */
} LysBytes;

static void bytes_finalize(LyVM *vm, void *data) {
    LysBytes *b = data;
    if (b->p) ly_dealloc(vm, b->p, b->cap);
    ly_dealloc(vm, b, sizeof *b);
}

static void bytes_format(LyBuf *out, void *data) {
    ly_buf_printf(out, "<%zu>", ((LysBytes *)data)->n);
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void bytes_format_input(LyBuf *out, void *data) {
    LysBytes *b = data;
    if (b->n == 0) { ly_buf_puts(out, "ByteArray[{}]"); return; }
    ly_buf_puts(out, "ByteArray[\"");
    char q[4];
    for (size_t i = 0; i < b->n; i += 3) {
        uint32_t v = (uint32_t)b->p[i] << 16;
        size_t k = b->n - i;
        if (k > 1) v |= (uint32_t)b->p[i + 1] << 8;
        if (k > 2) v |= b->p[i + 2];
        q[0] = b64[v >> 18];
        q[1] = b64[(v >> 12) & 63];
        q[2] = k > 1 ? b64[(v >> 6) & 63] : '=';
        q[3] = k > 2 ? b64[v & 63] : '=';
        ly_buf_put(out, q, 4);
    }
    ly_buf_puts(out, "\"]");
}

static bool bytes_equal(void *a, void *b) {
    LysBytes *x = a, *y = b;
    return x->n == y->n && (x->n == 0 || memcmp(x->p, y->p, x->n) == 0);
}

static uint64_t bytes_hash(void *data) {
    LysBytes *b = data;
    uint64_t h = 0xcbf29ce484222325ull ^ b->n;
    for (size_t i = 0; i < b->n; i++) h = (h ^ b->p[i]) * 0x100000001b3ull;
    return h;
}

static LyExpr bytes_transfer(LyVM *dst, void *data) {
    LysBytes *b = data;
    return lys_bytearray_new(dst, b->p, b->n);
}

static const LyForeignType bytes_type = {
    "ByteArray", bytes_finalize, bytes_format, NULL, bytes_equal, bytes_hash, bytes_transfer, NULL,
    bytes_format_input, .inert = true
};

/* A ByteArray owning p (cap bytes through vm's allocator, n used). */
static LyExpr wrap(LyVM *vm, unsigned char *p, size_t n, size_t cap) {
    LysBytes *b = ly_alloc(vm, sizeof *b);
    if (!b) { if (p) ly_dealloc(vm, p, cap); return NULL; }
    b->n = n;
    b->cap = cap;
    b->p = p;
    return ly_mkforeign(vm, &bytes_type, b);      /* finalizes b itself on failure */
}

LyExpr lys_bytearray_new(LyVM *vm, const void *p, size_t n) {
    unsigned char *q = NULL;
    if (n) {
        q = ly_alloc(vm, n);
        if (!q) return NULL;
        memcpy(q, p, n);
    }
    return wrap(vm, q, n, n);
}

LyExpr lys_bytearray_take(LyVM *vm, LyBuf *b) {
    LyExpr e;
    if (b->len == 0) { ly_buf_free(b); e = wrap(vm, NULL, 0, 0); }
    else e = wrap(vm, (unsigned char *)b->p, b->len, b->cap);
    b->p = NULL;
    b->len = b->cap = 0;
    return e;
}

const unsigned char *lys_bytearray_get(LyExpr e, size_t *n) {
    if (ly_type(e) != LY_TFOREIGN || ly_foreign(e)->type != &bytes_type) return NULL;
    LysBytes *b = ly_foreign(e)->data;
    *n = b->n;
    return b->p ? b->p : (const unsigned char *)"";
}

/* The integers of a list as bytes; false when one is not in 0..255. */
static bool list_bytes(LyExpr l, unsigned char *out) {
    size_t n = lys_list_len(l);
    if (ly_is_packed(l)) {
        LyPacked *p = ly_packed(l);
        if (p->h.aux != 1 || p->h.flags != LY_PACKED_INT64) return false;
        for (size_t i = 0; i < n; i++) {
            int64_t v = ((int64_t *)p->data)[i];
            if (v < 0 || v > 255) return false;
            out[i] = (unsigned char)v;
        }
        return true;
    }
    for (size_t i = 0; i < n; i++) {
        LyExpr x = ly_narg(l, i + 1);
        if (!ly_is_small(x) || ly_small(x) < 0 || ly_small(x) > 255) return false;
        out[i] = (unsigned char)ly_small(x);
    }
    return true;
}

static int b64_value(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

/* Base64 (standard or URL alphabet, padding optional, whitespace skipped)
 * into out (at least 3 * len / 4 + 3 bytes); false when s is not Base64. */
static bool base64_decode(const char *s, size_t len, unsigned char *out, size_t *n) {
    uint32_t acc = 0;
    int bits = 0;
    size_t k = 0, pad = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c == '=') { pad++; continue; }
        int v = b64_value(c);
        if (v < 0 || pad) return false;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) { bits -= 8; out[k++] = (unsigned char)(acc >> bits); }
    }
    if (pad > 2 || bits >= 6) return false;
    *n = k;
    return true;
}

static LyExpr b_bytearray(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (lys_is_list(x)) {
        size_t n = lys_list_len(x);
        unsigned char *q = n ? ly_alloc(vm, n) : NULL;
        if (n && !q) return NULL;
        if (!list_bytes(x, q)) {
            if (q) ly_dealloc(vm, q, n);
            ly_message(vm, ly_nhead(e), "batd", 1, x);
            return NULL;
        }
        return wrap(vm, q, n, n);
    }
    if (ly_is_string(x)) {
        LyString *s = ly_str(x);
        size_t cap = s->len / 4 * 3 + 3, n = 0;
        unsigned char *q = ly_alloc(vm, cap);
        if (!q) return NULL;
        if (!base64_decode(s->s, s->len, q, &n)) {
            ly_dealloc(vm, q, cap);
            ly_message(vm, ly_nhead(e), "batd", 1, x);
            return NULL;
        }
        if (n == 0) { ly_dealloc(vm, q, cap); return wrap(vm, NULL, 0, 0); }
        return wrap(vm, q, n, cap);
    }
    if (lys_bytearray_get(x, &(size_t){0})) { ly_ref(x); return x; }
    ly_message(vm, ly_nhead(e), "batd", 1, x);
    return NULL;
}

static LyExpr b_bytearrayq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    size_t n;
    return lys_bytearray_get(ly_narg(e, 1), &n) ? LY_SYM(True) : LY_SYM(False);
}

LyExpr lys_bytearray_normal(LyVM *vm, LyExpr ba) {
    size_t n;
    const unsigned char *p = lys_bytearray_get(ba, &n);
    if (!p) return NULL;
    if (n == 0) return ly_mknormal(vm, LY_SYM(List), 0);
    size_t dims[1] = { n };
    LyExpr l = ly_mkpacked(vm, LY_PACKED_INT64, 1, dims);
    if (!l) return NULL;
    int64_t *d = ly_packed(l)->data;
    for (size_t i = 0; i < n; i++) d[i] = p[i];
    return l;
}

static const LyBuiltin bytearray_builtins[] = {
    { "ByteArray", b_bytearray, "Protected",
      "ByteArray[{b1, b2, ...}] constructs a ByteArray object containing the byte values bi.\n"
      "ByteArray[\"string\"] constructs a ByteArray from the Base64 encoded string." },
    { "ByteArrayQ", b_bytearrayq, "Protected", "ByteArrayQ[expr] gives True if expr is a valid ByteArray object, and False otherwise." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_bytearray(LyVM *vm);
LyStatus lys_open_bytearray(LyVM *vm) {
    ly_set_message(vm, "ByteArray", "batd", "Elements in `1` are not all byte values (integers from 0 to 255), nor is it a Base64 string.");
    return ly_register_table(vm, bytearray_builtins);
}
