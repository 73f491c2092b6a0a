/*
 * strings.c — string functions: StringJoin, StringLength, StringTake,
 * StringDrop, StringReverse, ToUpperCase, ToLowerCase,
 * Characters, StringRiffle, ToString, ToExpression,
 * StringPadLeft, StringPadRight, IntegerString, ToCharacterCode,
 * FromCharacterCode, StringRepeat.  Written against lyra.h + lyra_ext.h.
 *
 * Strings are UTF-8; every position and length is in code points, as in
 * Wolfram.  The functions that take string patterns (StringMatchQ,
 * StringCases, StringReplace, StringSplit, ...) live in strpattern.c.
 */
#include <stdlib.h>
#include <string.h>
#include "lys_data.h"
#include "lys_io.h"

/* ---- UTF-8 ------------------------------------------------------------------------------------ */

/* Decodes the code point at s[*i] (advancing *i); invalid bytes decode as
 * themselves. */
static uint32_t utf8_next(const char *s, size_t len, size_t *i) {
    const unsigned char *u = (const unsigned char *)s;
    unsigned char c = u[*i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (*i + n > len) n = 1;
    uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k < n; k++) cp = (cp << 6) | (u[*i + k] & 0x3F);
    *i += n;
    return cp;
}

static void utf8_put(LyBuf *b, uint32_t cp) {
    char t[4];
    size_t n;
    if (cp < 0x80) { t[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { t[0] = (char)(0xC0 | (cp >> 6)); t[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | (cp >> 12)); t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        t[0] = (char)(0xF0 | (cp >> 18)); t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); t[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    ly_buf_put(b, t, n);
}

/* Byte offsets of the code points of s: off[0..n] (off[n] = len).  The
 * caller frees with ly_dealloc(vm, off, (n + 1) * sizeof(size_t)). */
static size_t *offsets(LyVM *vm, const char *s, size_t len, size_t *n) {
    size_t cnt = 0;
    for (size_t i = 0; i < len; cnt++) utf8_next(s, len, &i);
    size_t *off = ly_alloc(vm, (cnt + 1) * sizeof(size_t));
    if (!off) { ly_raise_nomem(vm); return NULL; }
    size_t k = 0;
    for (size_t i = 0; i < len;) { off[k++] = i; utf8_next(s, len, &i); }
    off[cnt] = len;
    *n = cnt;
    return off;
}

static LyExpr buf_string(LyVM *vm, LyBuf *b) {
    LyExpr r = b->oom ? ly_raise_nomem(vm) : ly_mkstring(vm, b->p ? b->p : "", b->len);
    ly_buf_free(b);
    return r;
}

static bool need_string(LyVM *vm, LyExpr e, size_t pos) {
    if (ly_is_string(ly_narg(e, pos))) return true;
    ly_message(vm, ly_nhead(e), "string", 2, lys_count(pos), e);
    return false;
}

static size_t nchars(LyExpr s) {
    LyString *t = ly_str(s);
    if (t->nchars != UINT32_MAX) return t->nchars;
    size_t n = 0;
    for (size_t i = 0; i < t->len; n++) utf8_next(t->s, t->len, &i);
    return n;
}

/* ---- StringJoin, StringLength, StringRepeat ---------------------------------------------------- */

static bool join_into(LyBuf *b, LyExpr x) {
    if (ly_is_string(x)) { ly_buf_put(b, ly_str(x)->s, ly_str(x)->len); return true; }
    if (ly_head_is(x, LY_SYM(List))) {
        for (size_t i = 1; i <= ly_nlen(x); i++) if (!join_into(b, ly_narg(x, i))) return false;
        return true;
    }
    return false;
}

static LyExpr b_stringjoin(LyVM *vm, LyExpr e) {
    LyBuf b;
    ly_buf_init(&b, vm);
    for (size_t i = 1; i <= ly_nlen(e); i++)
        if (!join_into(&b, ly_narg(e, i))) {
            ly_buf_free(&b);
            ly_message(vm, ly_nhead(e), "string", 2, lys_count(i), e);
            return NULL;
        }
    return buf_string(vm, &b);
}

static LyExpr b_stringlength(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1) || !need_string(vm, e, 1)) return NULL;
    return ly_int(vm, (int64_t)nchars(ly_narg(e, 1)));
}

static LyExpr b_stringrepeat(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 3) || !need_string(vm, e, 1)) return NULL;
    LyExpr n = ly_narg(e, 2);
    if (!ly_is_small(n) || ly_small(n) < 1) return NULL;
    LyString *s = ly_str(ly_narg(e, 1));
    /* issue 9: size the result first, so StringRepeat["a", 10^12] fails at
     * once with General::nomem (the VM's caps) instead of writing gigabytes */
    size_t total;
    if (__builtin_mul_overflow(s->len, (size_t)ly_small(n), &total) || total == SIZE_MAX)
        return ly_raise_nomem(vm);
    char *p = ly_alloc(vm, total + 1);
    if (!p) return NULL;
    for (size_t i = 0, k = (size_t)ly_small(n); i < k; i++) memcpy(p + i * s->len, s->s, s->len);
    LyExpr r = ly_mkstring(vm, p, total);
    ly_dealloc(vm, p, total + 1);
    return r;
}

/* ---- StringTake, StringDrop, StringReverse, Characters ----------------------------------------------- */

/* Parses a Take-style spec for a string of n characters. 0: bad, -1: out
 * of range, 1: ok with 1-based inclusive from..to and step. */
static int str_spec(LyExpr s, int64_t n, int64_t *from, int64_t *to, int64_t *step) {
    *step = 1;
    if (s == LY_SYM(All)) { *from = 1; *to = n; return 1; }
    if (ly_is_small(s)) {
        int64_t k = ly_small(s);
        if (k >= 0) { *from = 1; *to = k; return k <= n ? 1 : -1; }
        *from = n + k + 1; *to = n;
        return -k <= n ? 1 : -1;
    }
    if (!ly_head_is(s, LY_SYM(List)) || ly_nlen(s) < 1 || ly_nlen(s) > 3) return 0;
    for (size_t i = 1; i <= ly_nlen(s); i++) if (!ly_is_small(ly_narg(s, i))) return 0;
    int64_t a = ly_small(ly_narg(s, 1)), b = ly_nlen(s) >= 2 ? ly_small(ly_narg(s, 2)) : a;
    if (ly_nlen(s) == 3) { *step = ly_small(ly_narg(s, 3)); if (*step <= 0) return 0; }
    if (a < 0) a += n + 1;
    if (b < 0) b += n + 1;
    *from = a; *to = b;
    if (a < 1 || b > n || a > b + 1) return -1;
    return 1;
}

static LyExpr take_drop_str(LyVM *vm, LyExpr e, bool take) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr x = ly_narg(e, 1), spec = ly_narg(e, 2);
    if (ly_head_is(x, LY_SYM(List))) {
        LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(x));
        for (size_t i = 1; out && i <= ly_nlen(x); i++) {
            LyExpr args[2] = { ly_narg(x, i), spec };
            LyExpr v = lys_apply_eval(vm, ly_nhead(e), 2, args);
            if (!v) { lys_abandon(vm, out, i); return NULL; }
            ly_nset(out, i, v);
        }
        return out;
    }
    if (!need_string(vm, e, 1)) return NULL;
    LyString *s = ly_str(x);
    size_t n;
    size_t *off = offsets(vm, s->s, s->len, &n);
    if (!off) return NULL;
    int64_t from, to, step;
    int ok = str_spec(spec, (int64_t)n, &from, &to, &step);
    LyExpr r = NULL;
    if (ok == 0) {
        ly_set_message(vm, ly_symbol_name(ly_nhead(e)), "mseqs",
                       "Sequence specification or a list of sequence specifications expected at position `1` in `2`.");
        ly_message(vm, ly_nhead(e), "mseqs", 2, ly_mksmall(2), e);
    } else if (ok < 0) {
        LyExpr a, b;
        if (ly_is_small(spec)) {
            int64_t k = ly_small(spec);
            a = ly_mksmall(k >= 0 ? 1 : k); b = ly_mksmall(k >= 0 ? k : -1);
        } else { a = ly_narg(spec, 1); b = ly_nlen(spec) >= 2 ? ly_narg(spec, 2) : a; }
        ly_message(vm, ly_nhead(e), take ? "take" : "drop", 3, a, b, x);
    } else {
        LyBuf b;
        ly_buf_init(&b, vm);
        for (int64_t i = 1; i <= (int64_t)n; i++) {
            bool in = i >= from && i <= to && (i - from) % step == 0;
            if (in == take) ly_buf_put(&b, s->s + off[i - 1], off[i] - off[i - 1]);
        }
        r = buf_string(vm, &b);
    }
    ly_dealloc(vm, off, (n + 1) * sizeof(size_t));
    return r;
}

static LyExpr b_stringtake(LyVM *vm, LyExpr e) { return take_drop_str(vm, e, true); }
static LyExpr b_stringdrop(LyVM *vm, LyExpr e) { return take_drop_str(vm, e, false); }

static LyExpr b_stringreverse(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1) || !need_string(vm, e, 1)) return NULL;
    LyString *s = ly_str(ly_narg(e, 1));
    size_t n;
    size_t *off = offsets(vm, s->s, s->len, &n);
    if (!off) return NULL;
    LyBuf b;
    ly_buf_init(&b, vm);
    for (size_t i = n; i > 0; i--) ly_buf_put(&b, s->s + off[i - 1], off[i] - off[i - 1]);
    ly_dealloc(vm, off, (n + 1) * sizeof(size_t));
    return buf_string(vm, &b);
}

static LyExpr b_characters(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1) || !need_string(vm, e, 1)) return NULL;
    LyString *s = ly_str(ly_narg(e, 1));
    size_t n;
    size_t *off = offsets(vm, s->s, s->len, &n);
    if (!off) return NULL;
    LyExpr out = ly_mknormal(vm, LY_SYM(List), n);
    for (size_t i = 0; out && i < n; i++) {
        LyExpr c = ly_mkstring(vm, s->s + off[i], off[i + 1] - off[i]);
        if (!c) { lys_abandon(vm, out, i + 1); out = NULL; break; }
        ly_nset(out, i + 1, c);
    }
    ly_dealloc(vm, off, (n + 1) * sizeof(size_t));
    return out;
}

/* ---- case -------------------------------------------------------------------------------------- */

static uint32_t upper(uint32_t c) {
    if (c >= 'a' && c <= 'z') return c - 32;
    if ((c >= 0xE0 && c <= 0xFE && c != 0xF7) || (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2)) return c - 0x20;
    if (c >= 0x430 && c <= 0x44F) return c - 0x20;
    return c;
}

static uint32_t lower(uint32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)) return c + 0x20;
    if (c >= 0x410 && c <= 0x42F) return c + 0x20;
    return c;
}

static LyExpr change_case(LyVM *vm, LyExpr e, uint32_t (*f)(uint32_t)) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_string(x)) {
        /* lists thread (Listable); symbols and expressions stay */
        if (ly_is_number(x)) {
            ly_set_message(vm, "General", "strse", "String or list of strings expected at position `1` in `2`.");
            ly_message(vm, ly_nhead(e), "strse", 2, ly_mksmall(1), e);
        }
        return NULL;
    }
    LyString *s = ly_str(x);
    LyBuf b;
    ly_buf_init(&b, vm);
    for (size_t i = 0; i < s->len;) utf8_put(&b, f(utf8_next(s->s, s->len, &i)));
    return buf_string(vm, &b);
}

static LyExpr b_toupper(LyVM *vm, LyExpr e) { return change_case(vm, e, upper); }
static LyExpr b_tolower(LyVM *vm, LyExpr e) { return change_case(vm, e, lower); }

/* ---- StringRiffle --------------------------------------------------------------------------------- */

static void put_text(LyBuf *b, LyExpr x) {
    if (ly_is_string(x)) ly_buf_put(b, ly_str(x)->s, ly_str(x)->len);
    else ly_buf_expr(b, x, LY_FORM_OUTPUT);
}

/* a separator spec: "sep" or {"left", "sep", "right"} */
static bool riffle_spec(LyExpr s, LyExpr *left, LyExpr *sep, LyExpr *right) {
    *left = *right = NULL;
    if (ly_is_string(s)) { *sep = s; return true; }
    if (ly_head_is(s, LY_SYM(List)) && ly_nlen(s) == 3 && ly_is_string(ly_narg(s, 1)) &&
        ly_is_string(ly_narg(s, 2)) && ly_is_string(ly_narg(s, 3))) {
        *left = ly_narg(s, 1); *sep = ly_narg(s, 2); *right = ly_narg(s, 3);
        return true;
    }
    return false;
}

/* list levels of x, following first elements */
static size_t list_depth(LyExpr x) {
    size_t d = 0;
    while (d < 64) {
        if (ly_is_packed(x)) { d += ly_packed(x)->h.aux; break; }
        if (!ly_head_is(x, LY_SYM(List)) || ly_nlen(x) == 0) break;
        d++;
        x = ly_narg(x, 1);
    }
    return d ? d : 1;
}

/* level lev of x riffled into b: separators from e's arguments 2.., else
 * " " at the innermost level and newlines above it (Wolfram) */
static bool riffle_into(LyVM *vm, LyBuf *b, LyExpr e, LyExpr x, size_t lev, size_t depth) {
    if (!lys_is_list(x) || lev > depth) { put_text(b, x); return true; }
    LyExpr left = NULL, sep = NULL, right = NULL;
    const char *dflt = lev == depth ? " " : "\n";
    if (lev + 1 <= ly_nlen(e) && !riffle_spec(ly_narg(e, lev + 1), &left, &sep, &right)) return false;
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return false;
    bool ok = true;
    if (left) put_text(b, left);
    for (size_t i = 1; ok && i <= ly_nlen(u); i++) {
        if (i > 1) { if (sep) put_text(b, sep); else ly_buf_puts(b, dflt); }
        ok = riffle_into(vm, b, e, ly_narg(u, i), lev + 1, depth);
    }
    if (right) put_text(b, right);
    ly_unref(vm, u);
    return ok;
}

static LyExpr b_stringriffle(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 9)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!lys_is_list(x)) return NULL;
    size_t depth = list_depth(x);
    if (ly_nlen(e) - 1 > depth) depth = ly_nlen(e) - 1;
    LyBuf b;
    ly_buf_init(&b, vm);
    if (!riffle_into(vm, &b, e, x, 1, depth)) { ly_buf_free(&b); return NULL; }
    return buf_string(vm, &b);
}

/* ---- ToString, ToExpression ------------------------------------------------------------------------- */

static LyExpr b_tostring(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyForm form = LY_FORM_OUTPUT;
    if (ly_nlen(e) == 2) {
        LyExpr f = ly_narg(e, 2);
        if (f == LY_SYM(InputForm)) form = LY_FORM_INPUT;
        else if (f == LY_SYM(FullForm)) form = LY_FORM_FULL;
        else if (ly_is_symbol(f, "TeXForm")) {
            LyBuf b;
            ly_buf_init(&b, vm);
            lys_format_tex(&b, ly_narg(e, 1));
            return buf_string(vm, &b);
        }
        else if (f != LY_SYM(OutputForm)) return NULL;
    }
    LyExpr x = ly_narg(e, 1);
    if (ly_is_string(x) && form == LY_FORM_OUTPUT) { ly_ref(x); return x; }
    LyBuf b;
    ly_buf_init(&b, vm);
    if (form == LY_FORM_OUTPUT) lys_put_output(&b, x);
    else ly_buf_expr(&b, x, form);
    return buf_string(vm, &b);
}

static LyExpr b_toexpression(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_head_is(x, LY_SYM(List))) {
        /* threads over lists */
        LyExpr r = ly_mknormal(vm, LY_SYM(List), ly_nlen(x));
        for (size_t i = 1; r && i <= ly_nlen(x); i++) {
            LyExpr args[3] = { ly_narg(x, i), ly_nlen(e) > 1 ? ly_narg(e, 2) : NULL, ly_nlen(e) > 2 ? ly_narg(e, 3) : NULL };
            LyExpr v = lys_apply_eval(vm, ly_nhead(e), ly_nlen(e), args);
            if (!v) { lys_abandon(vm, r, i); return NULL; }
            ly_nset(r, i, v);
        }
        return r;
    }
    if (!ly_is_string(x)) {
        if (ly_nlen(e) == 3) { ly_ref(ly_narg(e, 3)); ly_ref(x); return ly_mk(vm, ly_narg(e, 3), 1, x); }
        ly_ref(x);
        return x;
    }
    LyExpr parsed = NULL;
    LyStatus st = ly_parse(vm, ly_str(x)->s, ly_str(x)->len, "ToExpression", &parsed);
    if (st == LY_ERRSYNTAX) {
        ly_set_message(vm, "ToExpression", "sntx", "Invalid syntax in or before \"`1`\".");
        ly_message(vm, ly_nhead(e), "sntx", 1, x);
        return LY_SYM(DFailed);
    }
    if (st != LY_OK) return ly_raise_nomem(vm);
    if (ly_nlen(e) == 3) return ly_mk(vm, (ly_ref(ly_narg(e, 3)), ly_narg(e, 3)), 1, parsed);
    LyExpr r = ly_evaluate(vm, parsed);
    ly_unref(vm, parsed);
    return r;
}

/* ---- padding, IntegerString, character codes ------------------------------------------------------ */

static LyExpr pad(LyVM *vm, LyExpr e, bool left) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_head_is(x, LY_SYM(List))) {
        size_t width = 0;
        for (size_t i = 1; i <= ly_nlen(x); i++) {
            if (!ly_is_string(ly_narg(x, i))) return NULL;
            size_t w = nchars(ly_narg(x, i));
            if (w > width) width = w;
        }
        LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(x));
        for (size_t i = 1; out && i <= ly_nlen(x); i++) {
            LyExpr args[3] = { ly_narg(x, i), ly_nlen(e) >= 2 ? ly_narg(e, 2) : lys_count(width),
                               ly_nlen(e) == 3 ? ly_narg(e, 3) : NULL };
            LyExpr v = lys_apply_eval(vm, ly_nhead(e), ly_nlen(e) == 3 ? 3 : 2, args);
            if (!v) { lys_abandon(vm, out, i); return NULL; }
            ly_nset(out, i, v);
        }
        return out;
    }
    if (!need_string(vm, e, 1) || ly_nlen(e) < 2) return NULL;
    LyExpr w = ly_narg(e, 2);
    if (!ly_is_small(w) || ly_small(w) < 0) return NULL;
    const char *padtxt = " ";
    size_t padlen = 1;
    if (ly_nlen(e) == 3) {
        if (!ly_is_string(ly_narg(e, 3)) || ly_str(ly_narg(e, 3))->len == 0) return NULL;
        padtxt = ly_str(ly_narg(e, 3))->s; padlen = ly_str(ly_narg(e, 3))->len;
    }
    const LyString *s = ly_str(x);
    size_t n, pn;
    size_t *off = offsets(vm, s->s, s->len, &n);
    if (!off) return NULL;
    size_t *poff = offsets(vm, padtxt, padlen, &pn);
    if (!poff) { ly_dealloc(vm, off, (n + 1) * sizeof(size_t)); return NULL; }
    size_t width = (size_t)ly_small(w);
    LyBuf b;
    ly_buf_init(&b, vm);
    if (n >= width) {
        /* truncate: keep the end for PadLeft, the start for PadRight */
        if (left) ly_buf_put(&b, s->s + off[n - width], s->len - off[n - width]);
        else ly_buf_put(&b, s->s, off[width]);
    } else {
        size_t fill = width - n;
        /* the padding is cyclic and aligned as if it extended the text */
        if (left) {
            for (size_t i = 0; i < fill; i++) { size_t k = (i + pn - fill % pn) % pn; ly_buf_put(&b, padtxt + poff[k], poff[k + 1] - poff[k]); }
            ly_buf_put(&b, s->s, s->len);
        } else {
            ly_buf_put(&b, s->s, s->len);
            for (size_t i = 0; i < fill; i++) { size_t k = (n + i) % pn; ly_buf_put(&b, padtxt + poff[k], poff[k + 1] - poff[k]); }
        }
    }
    ly_dealloc(vm, off, (n + 1) * sizeof(size_t));
    ly_dealloc(vm, poff, (pn + 1) * sizeof(size_t));
    return buf_string(vm, &b);
}

static LyExpr b_stringpadleft(LyVM *vm, LyExpr e) { return pad(vm, e, true); }
static LyExpr b_stringpadright(LyVM *vm, LyExpr e) { return pad(vm, e, false); }

static LyExpr b_integerstring(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_integer(x)) return NULL;
    int base = 10;
    if (ly_nlen(e) >= 2) {
        LyExpr b = ly_narg(e, 2);
        if (!ly_is_small(b) || ly_small(b) < 2 || ly_small(b) > 36) return NULL;
        base = (int)ly_small(b);
    }
    size_t width = SIZE_MAX;
    if (ly_nlen(e) == 3) {
        LyExpr w = ly_narg(e, 3);
        if (!ly_is_small(w) || ly_small(w) < 0) return NULL;
        width = (size_t)ly_small(w);
        if (!lys_room(vm, (double)width, 1)) return NULL;
    }
    mpz_t z;
    lys_mpz_get(z, x);
    LyBuf d;          /* the digits of |z|, in steps with safe points (vm/bignum.c) */
    ly_buf_init(&d, vm);
    bool ok = ly_bignum_digits(vm, &d, z, base);
    mpz_clear(z);
    if (!ok) { ly_buf_free(&d); return ly_raise_nomem(vm); }
    size_t len = d.len;
    LyBuf b;
    ly_buf_init(&b, vm);
    if (width == SIZE_MAX || len >= width) {
        size_t w = width == SIZE_MAX ? len : width;
        ly_buf_put(&b, d.p + len - w, w);
    } else {
        char zeros[64];
        memset(zeros, '0', sizeof zeros);
        for (size_t i = len; i < width && !b.oom; i += sizeof zeros)
            ly_buf_put(&b, zeros, width - i < sizeof zeros ? width - i : sizeof zeros);
        ly_buf_put(&b, d.p, len);
    }
    ly_buf_free(&d);
    return buf_string(vm, &b);
}

/* the encoding argument "UTF8" (or "UTF-8"): codes are the bytes */
static bool utf8_encoding(LyExpr e) {
    if (ly_nlen(e) != 2 || !ly_is_string(ly_narg(e, 2))) return false;
    const char *n = ly_str(ly_narg(e, 2))->s;
    return !strcmp(n, "UTF8") || !strcmp(n, "UTF-8");
}

static LyExpr bytes_of(LyVM *vm, LyExpr s) {
    const LyString *t = ly_str(s);
    size_t n = t->len;
    if (n == 0) return ly_list(vm, 0, NULL);
    LyExpr p = ly_mkpacked(vm, LY_PACKED_INT64, 1, &n);
    if (!p) return NULL;
    int64_t *d = ly_packed(p)->data;
    for (size_t i = 0; i < n; i++) d[i] = (unsigned char)t->s[i];
    return p;
}

static LyExpr codes_of_enc(LyVM *vm, LyExpr s, bool bytes);

static LyExpr codes_of(LyVM *vm, LyExpr s) {
    const LyString *t = ly_str(s);
    size_t n = nchars(s);
    if (n == 0) return ly_list(vm, 0, NULL);
    LyExpr p = ly_mkpacked(vm, LY_PACKED_INT64, 1, &n);
    if (!p) return NULL;
    int64_t *d = ly_packed(p)->data;
    size_t k = 0;
    for (size_t i = 0; i < t->len;) d[k++] = utf8_next(t->s, t->len, &i);
    return p;
}

static LyExpr codes_of_enc(LyVM *vm, LyExpr s, bool bytes) { return bytes ? bytes_of(vm, s) : codes_of(vm, s); }

static LyExpr b_tocharactercode(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    bool bytes = utf8_encoding(e);
    if (ly_is_string(x)) return codes_of_enc(vm, x, bytes);
    if (ly_head_is(x, LY_SYM(List))) {
        LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(x));
        for (size_t i = 1; out && i <= ly_nlen(x); i++) {
            if (!ly_is_string(ly_narg(x, i))) { lys_abandon(vm, out, i); goto bad; }
            LyExpr v = codes_of_enc(vm, ly_narg(x, i), bytes);
            if (!v) { lys_abandon(vm, out, i); return NULL; }
            ly_nset(out, i, v);
        }
        return out;
    }
bad:
    ly_set_message(vm, "ToCharacterCode", "strse", "String or list of strings expected at position `1` in `2`.");
    ly_message(vm, ly_nhead(e), "strse", 2, ly_mksmall(1), e);
    return NULL;
}

static bool put_code(LyBuf *b, LyExpr c) {
    if (!ly_is_small(c) || ly_small(c) < 0 || ly_small(c) > 0x10FFFF) return false;
    utf8_put(b, (uint32_t)ly_small(c));
    return true;
}

static LyExpr from_codes(LyVM *vm, LyExpr e, LyExpr x) {
    LyBuf b;
    ly_buf_init(&b, vm);
    if (ly_is_small(x)) {
        if (!put_code(&b, x)) goto bad;
        return buf_string(vm, &b);
    }
    if (lys_is_list(x)) {
        size_t n = lys_list_len(x);
        bool nested = n > 0 && !ly_is_packed(x) && lys_is_list(ly_narg(x, 1));
        if (nested || (ly_is_packed(x) && ly_packed(x)->h.aux == 2)) {
            ly_buf_free(&b);
            LyExpr out = ly_mknormal(vm, LY_SYM(List), n);
            for (size_t i = 1; out && i <= n; i++) {
                LyExpr row = ly_part(vm, x, i);
                LyExpr v = row ? from_codes(vm, e, row) : NULL;
                ly_unref(vm, row);
                if (!v) { lys_abandon(vm, out, i); return NULL; }
                ly_nset(out, i, v);
            }
            return out;
        }
        for (size_t i = 1; i <= n; i++) {
            LyExpr c = ly_part(vm, x, i);
            bool ok = c && put_code(&b, c);
            ly_unref(vm, c);
            if (!ok) goto bad;
        }
        return buf_string(vm, &b);
    }
bad:
    ly_buf_free(&b);
    ly_set_message(vm, "FromCharacterCode", "notunicode",
                   "A character code, which should be a non-negative integer less than 1114112, is expected at position `2` in `1`.");
    ly_message(vm, ly_nhead(e), "notunicode", 2, e, ly_mksmall(1));
    return NULL;
}

static LyExpr b_fromcharactercode(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (utf8_encoding(e) && lys_is_list(x)) {
        /* bytes of UTF-8 text */
        size_t n = lys_list_len(x);
        LyBuf b;
        ly_buf_init(&b, vm);
        for (size_t i = 1; i <= n; i++) {
            LyExpr c = ly_part(vm, x, i);
            if (!c || !ly_is_small(c) || ly_small(c) < 0 || ly_small(c) > 255) { ly_unref(vm, c); ly_buf_free(&b); return NULL; }
            char ch = (char)ly_small(c);
            ly_buf_put(&b, &ch, 1);
        }
        return buf_string(vm, &b);
    }
    return from_codes(vm, e, x);
}

/* ---- character tests, StringInsert, Capitalize, Alphabet ---------------------------------------- */

static bool is_letter(uint32_t c) {
    if (c < 0x80) return (c | 32) >= 'a' && (c | 32) <= 'z';
    if (c == 0xD7 || c == 0xF7) return false;
    if (c >= 0xC0 && c <= 0x24F) return true;
    if (c >= 0x370 && c <= 0x3FF) return c != 0x37E && c != 0x387;
    if (c >= 0x400 && c <= 0x4FF) return true;
    return c >= 0x4E00 && c <= 0x9FFF;
}
static bool is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static bool is_upper(uint32_t c) { return is_letter(c) && lower(c) != c; }
static bool is_lower(uint32_t c) { return is_letter(c) && upper(c) != c; }

static LyExpr char_test(LyVM *vm, LyExpr e, bool (*f)(uint32_t)) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_string(x)) return LY_SYM(False);
    const LyString *s = ly_str(x);
    for (size_t i = 0; i < s->len;) if (!f(utf8_next(s->s, s->len, &i))) return LY_SYM(False);
    return LY_SYM(True);
}

static LyExpr b_letterq(LyVM *vm, LyExpr e) { return char_test(vm, e, is_letter); }
static LyExpr b_digitq(LyVM *vm, LyExpr e) { return char_test(vm, e, is_digit); }
static LyExpr b_uppercaseq(LyVM *vm, LyExpr e) { return char_test(vm, e, is_upper); }
static LyExpr b_lowercaseq(LyVM *vm, LyExpr e) { return char_test(vm, e, is_lower); }

static LyExpr b_stringinsert(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 3, 3)) return NULL;
    LyExpr x = ly_narg(e, 1), ins = ly_narg(e, 2), pos = ly_narg(e, 3);
    if (!ly_is_string(x)) { ly_message(vm, ly_nhead(e), "strse", 2, ly_mksmall(1), e); return NULL; }
    if (!ly_is_string(ins)) { ly_message(vm, ly_nhead(e), "string", 2, ly_mksmall(2), e); return NULL; }
    const LyString *s = ly_str(x);
    size_t n;
    size_t *off = offsets(vm, s->s, s->len, &n);
    if (!off) return NULL;
    /* insertion points as byte offsets, in order */
    size_t np = ly_head_is(pos, LY_SYM(List)) ? ly_nlen(pos) : 1;
    size_t *at = ly_alloc(vm, (np ? np : 1) * sizeof *at);
    LyExpr r = NULL;
    if (!at) { ly_raise_nomem(vm); goto done; }
    for (size_t k = 0; k < np; k++) {
        LyExpr p = ly_head_is(pos, LY_SYM(List)) ? ly_narg(pos, k + 1) : pos;
        int64_t v = ly_is_small(p) ? ly_small(p) : 0;
        if (v < 0) v += (int64_t)n + 2;
        if (v < 1 || v > (int64_t)n + 1) {
            ly_message(vm, ly_nhead(e), "ins", 3, p, x, ly_mksmall(3));
            ly_dealloc(vm, at, (np ? np : 1) * sizeof *at);
            goto done;
        }
        at[k] = (size_t)v - 1;
    }
    for (size_t a = 1; a < np; a++)       /* insertion sort: np is small */
        for (size_t b = a; b > 0 && at[b - 1] > at[b]; b--) { size_t t = at[b]; at[b] = at[b - 1]; at[b - 1] = t; }
    LyBuf b;
    ly_buf_init(&b, vm);
    size_t prev = 0;
    for (size_t k = 0; k < np; k++) {
        ly_buf_put(&b, s->s + off[prev], off[at[k]] - off[prev]);
        ly_buf_put(&b, ly_str(ins)->s, ly_str(ins)->len);
        prev = at[k];
    }
    ly_buf_put(&b, s->s + off[prev], s->len - off[prev]);
    ly_dealloc(vm, at, (np ? np : 1) * sizeof *at);
    r = buf_string(vm, &b);
done:
    ly_dealloc(vm, off, (n + 1) * sizeof(size_t));
    return r;
}

static LyExpr capitalize(LyVM *vm, LyExpr e, uint32_t (*f)(uint32_t)) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_string(x)) return NULL;
    const LyString *s = ly_str(x);
    if (s->len == 0) { ly_ref(x); return x; }
    size_t i = 0;
    uint32_t c = utf8_next(s->s, s->len, &i);
    LyBuf b;
    ly_buf_init(&b, vm);
    utf8_put(&b, f(c));
    ly_buf_put(&b, s->s + i, s->len - i);
    return buf_string(vm, &b);
}

static LyExpr b_capitalize(LyVM *vm, LyExpr e) { return capitalize(vm, e, upper); }
static LyExpr b_decapitalize(LyVM *vm, LyExpr e) { return capitalize(vm, e, lower); }

static LyExpr b_alphabet(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 1)) return NULL;
    if (ly_nlen(e) == 1 && !(ly_is_string(ly_narg(e, 1)) && !strcmp(ly_str(ly_narg(e, 1))->s, "English"))) return NULL;
    LyExpr l = ly_mknormal(vm, LY_SYM(List), 26);
    for (int i = 0; l && i < 26; i++) {
        char c = (char)('a' + i);
        LyExpr x = ly_mkstring(vm, &c, 1);
        if (!x) { lys_abandon(vm, l, (size_t)i + 1); return NULL; }
        ly_nset(l, (size_t)i + 1, x);
    }
    return l;
}

static LyExpr b_textstring(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_is_string(x)) { ly_ref(x); return x; }
    LyBuf b;
    ly_buf_init(&b, vm);
    lys_put_output(&b, x);
    return buf_string(vm, &b);
}

/* ---- table ---------------------------------------------------------------------------------------- */

static const LyBuiltin string_builtins[] = {
    { "StringJoin", b_stringjoin, "Flat OneIdentity Protected",
      "\"s1\" <> \"s2\" <> ..., StringJoin[\"s1\", \"s2\", ...] or StringJoin[{\"s1\", \"s2\", ...}] yields a string consisting of a concatenation of the si." },
    { "StringLength", b_stringlength, "Listable Protected", "StringLength[\"string\"] gives the number of characters in a string." },
    { "StringRepeat", b_stringrepeat, "Protected",
      "StringRepeat[\"str\", n] creates a string consisting of \"str\" repeated n times." },
    { "StringTake", b_stringtake, "Protected",
      "StringTake[\"string\", n] gives a string containing the first n characters in \"string\"." },
    { "StringDrop", b_stringdrop, "Protected",
      "StringDrop[\"string\", n] gives \"string\" with its first n characters dropped." },
    { "StringReverse", b_stringreverse, "Listable Protected",
      "StringReverse[\"string\"] reverses the order of the characters in \"string\"." },
    { "Characters", b_characters, "Listable Protected",
      "Characters[\"string\"] gives a list of the characters in a string." },
    { "ToUpperCase", b_toupper, "Listable Protected",
      "ToUpperCase[expr] yields a form of expr in which all letters in strings and symbols have been converted to uppercase." },
    { "ToLowerCase", b_tolower, "Listable Protected",
      "ToLowerCase[expr] yields a form of expr in which all letters in strings and symbols have been converted to lowercase." },
    { "StringRiffle", b_stringriffle, "Protected",
      "StringRiffle[{s1, s2, s3, ...}] creates a string by concatenating all the si, with spaces inserted between them." },
    { "ToString", b_tostring, "Protected", "ToString[expr] gives a string corresponding to the printed form of expr in OutputForm." },
    { "ToExpression", b_toexpression, "Protected",
      "ToExpression[input] gives the expression obtained by interpreting strings or boxes as Wolfram Language input." },
    { "StringPadLeft", b_stringpadleft, "Protected",
      "StringPadLeft[\"s\", n] makes a string of length n by padding the string s on the left with whitespace or by trimming characters on the left." },
    { "StringPadRight", b_stringpadright, "Protected",
      "StringPadRight[\"s\", n] makes a string of length n by padding the string s on the right with whitespace or by trimming characters on the right." },
    { "IntegerString", b_integerstring, "Listable Protected",
      "IntegerString[n] gives a string consisting of the decimal digits in the integer n." },
    { "ToCharacterCode", b_tocharactercode, "Protected",
      "ToCharacterCode[\"string\"] gives a list of the integer codes corresponding to the characters in a string." },
    { "FromCharacterCode", b_fromcharactercode, "Protected",
      "FromCharacterCode[n] gives a string consisting of the character with integer code n." },
    { "LetterQ", b_letterq, "Protected", "LetterQ[string] yields True if all the characters in the string are letters, and yields False otherwise." },
    { "DigitQ", b_digitq, "Protected", "DigitQ[string] yields True if all the characters in the string are digits in the range 0 through 9, and yields False otherwise." },
    { "UpperCaseQ", b_uppercaseq, "Protected", "UpperCaseQ[string] yields True if all the characters in the string are uppercase letters, and yields False otherwise." },
    { "LowerCaseQ", b_lowercaseq, "Protected", "LowerCaseQ[string] yields True if all the characters in the string are lowercase letters, and yields False otherwise." },
    { "StringInsert", b_stringinsert, "Protected", "StringInsert[\"string\", \"snew\", n] yields a string with \"snew\" inserted starting at position n in \"string\"." },
    { "Capitalize", b_capitalize, "Listable Protected", "Capitalize[string] yields a string in which the first character has been made uppercase." },
    { "Decapitalize", b_decapitalize, "Listable Protected", "Decapitalize[string] yields a string in which the first character has been made lowercase." },
    { "Alphabet", b_alphabet, "Protected", "Alphabet[] gives a list of the lowercase letters a through z in the English alphabet." },
    { "TextString", b_textstring, "Protected", "TextString[expr] gives a human-readable string representation of expr." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_strings(LyVM *vm);
LyStatus lys_open_strings(LyVM *vm) {
    ly_set_message(vm, "StringTake", "take", "Cannot take positions `1` through `2` in `3`.");
    ly_set_message(vm, "StringDrop", "drop", "Cannot drop positions `1` through `2` in `3`.");
    ly_set_message(vm, "StringInsert", "ins", "Cannot insert at position `1` in `2`.");
    return ly_register_table(vm, string_builtins);
}
