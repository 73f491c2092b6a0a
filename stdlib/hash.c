/*
 * hash.c — Hash[expr, type, format]: "MD5", "SHA" (SHA-1), "SHA256",
 * "CRC32", "Adler32" and "Expression" (the default); formats "Integer"
 * (the default), "HexString", "ByteArray".  Written against lyra.h +
 * lyra_ext.h.
 *
 * Strings and byte arrays hash their bytes (UTF-8), as Wolfram does, so
 * Hash["abc", "MD5", "HexString"] is the familiar digest; other
 * expressions hash their InputForm text (Wolfram hashes an internal
 * serialization that is not reproducible).  The digests are written here
 * from their specifications (RFC 1321, FIPS 180-4); CRC32 and Adler32 are
 * zlib's.
 */
#include <stdio.h>
#include <string.h>
#include <zlib.h>
#include "lys_data.h"

/* ---- MD5 (RFC 1321) ----------------------------------------------------------------------------- */

static uint32_t rol32(uint32_t x, unsigned c) { return (x << c) | (x >> (32 - c)); }

static void md5(const unsigned char *msg, size_t len, unsigned char out[16]) {
    static const uint32_t K[64] = {
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
        0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
        0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
        0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
        0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
        0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
        0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391 };
    static const unsigned R[64] = {
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21 };
    uint32_t h[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };
    uint64_t bits = (uint64_t)len * 8;
    size_t total = ((len + 8) / 64 + 1) * 64;
    for (size_t off = 0; off < total; off += 64) {
        unsigned char blk[64];
        for (size_t i = 0; i < 64; i++) {
            size_t k = off + i;
            blk[i] = k < len ? msg[k] : k == len ? 0x80 : 0;
        }
        if (off + 64 == total) for (int i = 0; i < 8; i++) blk[56 + i] = (unsigned char)(bits >> (8 * i));
        uint32_t w[16];
        for (int i = 0; i < 16; i++)
            w[i] = (uint32_t)blk[4 * i] | (uint32_t)blk[4 * i + 1] << 8 | (uint32_t)blk[4 * i + 2] << 16 | (uint32_t)blk[4 * i + 3] << 24;
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
        for (int i = 0; i < 64; i++) {
            uint32_t f;
            int g;
            if (i < 16) { f = (b & c) | (~b & d); g = i; }
            else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
            else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
            else { f = c ^ (b | ~d); g = (7 * i) % 16; }
            uint32_t t = d;
            d = c;
            c = b;
            b = b + rol32(a + f + K[i] + w[g], R[i]);
            a = t;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    }
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) out[4 * i + j] = (unsigned char)(h[i] >> (8 * j));
}

/* ---- SHA-1 and SHA-256 (FIPS 180-4) --------------------------------------------------------------- */

/* the padded message's 64-byte blocks, big-endian length */
static void sha_block(const unsigned char *msg, size_t len, size_t off, size_t total, unsigned char blk[64]) {
    uint64_t bits = (uint64_t)len * 8;
    for (size_t i = 0; i < 64; i++) {
        size_t k = off + i;
        blk[i] = k < len ? msg[k] : k == len ? 0x80 : 0;
    }
    if (off + 64 == total) for (int i = 0; i < 8; i++) blk[63 - i] = (unsigned char)(bits >> (8 * i));
}

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void sha1(const unsigned char *msg, size_t len, unsigned char out[20]) {
    uint32_t h[5] = { 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0 };
    size_t total = ((len + 8) / 64 + 1) * 64;
    for (size_t off = 0; off < total; off += 64) {
        unsigned char blk[64];
        sha_block(msg, len, off, total, blk);
        uint32_t w[80];
        for (int i = 0; i < 16; i++) w[i] = be32(blk + 4 * i);
        for (int i = 16; i < 80; i++) w[i] = rol32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; i++) {
            uint32_t f, k;
            if (i < 20) { f = (b & c) | (~b & d); k = 0x5A827999; }
            else if (i < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
            else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
            else { f = b ^ c ^ d; k = 0xCA62C1D6; }
            uint32_t t = rol32(a, 5) + f + e + k + w[i];
            e = d; d = c; c = rol32(b, 30); b = a; a = t;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
    }
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 4; j++) out[4 * i + j] = (unsigned char)(h[i] >> (24 - 8 * j));
}

static uint32_t ror32(uint32_t x, unsigned c) { return (x >> c) | (x << (32 - c)); }

static void sha256(const unsigned char *msg, size_t len, unsigned char out[32]) {
    static const uint32_t K[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2 };
    uint32_t h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    size_t total = ((len + 8) / 64 + 1) * 64;
    for (size_t off = 0; off < total; off += 64) {
        unsigned char blk[64];
        sha_block(msg, len, off, total, blk);
        uint32_t w[64];
        for (int i = 0; i < 16; i++) w[i] = be32(blk + 4 * i);
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; i++) {
            uint32_t S1 = ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25);
            uint32_t ch = (e & f) ^ (~e & g);
            uint32_t t1 = hh + S1 + ch + K[i] + w[i];
            uint32_t S0 = ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22);
            uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
            uint32_t t2 = S0 + maj;
            hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++) out[4 * i + j] = (unsigned char)(h[i] >> (24 - 8 * j));
}

/* ---- Hash ---------------------------------------------------------------------------------------- */

static LyExpr digest_value(LyVM *vm, const unsigned char *d, size_t n, const char *format) {
    if (!strcmp(format, "HexString")) {
        char hex[2 * 64 + 1];
        for (size_t i = 0; i < n; i++) snprintf(hex + 2 * i, 3, "%02x", d[i]);
        return ly_mkstring(vm, hex, 2 * n);
    }
    if (!strcmp(format, "ByteArray")) return lys_bytearray_new(vm, d, n);
    mpz_t z;
    mpz_init(z);
    mpz_import(z, n, 1, 1, 1, 0, d);
    LyExpr r = ly_mkint_big(vm, z);
    mpz_clear(z);
    return r;
}

static LyExpr b_hash(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr x = ly_narg(e, 1);
    const char *type = "Expression", *format = "Integer";
    if (ly_nlen(e) >= 2) {
        if (!ly_is_string(ly_narg(e, 2))) return NULL;
        type = ly_str(ly_narg(e, 2))->s;
    }
    if (ly_nlen(e) == 3) {
        if (!ly_is_string(ly_narg(e, 3))) return NULL;
        format = ly_str(ly_narg(e, 3))->s;
        if (strcmp(format, "Integer") && strcmp(format, "HexString") && strcmp(format, "ByteArray")) return NULL;
    }
    /* the bytes: a string's or byte array's own, else the InputForm text */
    LyBuf b;
    ly_buf_init(&b, vm);
    const unsigned char *p;
    size_t n;
    size_t bal;
    const unsigned char *ba = lys_bytearray_get(x, &bal);
    if (ly_is_string(x)) { p = (const unsigned char *)ly_str(x)->s; n = ly_str(x)->len; }
    else if (ba) { p = ba; n = bal; }
    else {
        ly_buf_expr(&b, x, LY_FORM_INPUT);
        if (b.oom) { ly_buf_free(&b); return ly_raise_nomem(vm); }
        p = (const unsigned char *)(b.p ? b.p : "");
        n = b.len;
    }
    unsigned char d[32];
    size_t dn;
    if (!strcmp(type, "MD5")) { md5(p, n, d); dn = 16; }
    else if (!strcmp(type, "SHA")) { sha1(p, n, d); dn = 20; }
    else if (!strcmp(type, "SHA256")) { sha256(p, n, d); dn = 32; }
    else if (!strcmp(type, "CRC32") || !strcmp(type, "Adler32")) {
        uLong v = !strcmp(type, "CRC32") ? crc32(0L, Z_NULL, 0) : adler32(0L, Z_NULL, 0);
        for (size_t off = 0; off < n;) {
            uInt k = n - off > (1u << 30) ? (1u << 30) : (uInt)(n - off);
            v = !strcmp(type, "CRC32") ? crc32(v, p + off, k) : adler32(v, p + off, k);
            off += k;
        }
        for (int i = 0; i < 4; i++) d[i] = (unsigned char)(v >> (24 - 8 * i));
        dn = 4;
    } else if (!strcmp(type, "Expression")) {
        /* 64-bit FNV-1a of the bytes */
        uint64_t h = 1469598103934665603ull;
        for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= 1099511628211ull; }
        for (int i = 0; i < 8; i++) d[i] = (unsigned char)(h >> (56 - 8 * i));
        dn = 8;
    } else {
        ly_buf_free(&b);
        ly_set_message(vm, "Hash", "htype", "`1` is not a valid hash type.");
        ly_message(vm, ly_nhead(e), "htype", 1, ly_narg(e, 2));
        return NULL;
    }
    ly_buf_free(&b);
    return digest_value(vm, d, dn, format);
}

static const LyBuiltin hash_builtins[] = {
    { "Hash", b_hash, "Protected",
      "Hash[expr] gives an integer hash code for the expression expr.\n"
      "Hash[expr, \"type\"] gives an integer hash code of the specified type (\"MD5\", \"SHA\", \"SHA256\", \"CRC32\", \"Adler32\", \"Expression\").\n"
      "Hash[expr, \"type\", \"format\"] gives the hash code in the specified format (\"Integer\", \"HexString\", \"ByteArray\")." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_hash(LyVM *vm);
LyStatus lys_open_hash(LyVM *vm) { return ly_register_table(vm, hash_builtins); }
