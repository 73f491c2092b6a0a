/*
 * format.c — display wrappers: NumberForm, ScientificForm, EngineeringForm,
 * PaddedForm, AccountingForm, BaseForm, Row, Column, Grid, TableForm,
 * MatrixForm, Style, StandardForm, TraditionalForm and StringForm.  Written
 * against lyra.h + lyra_ext.h.
 *
 * The wrappers evaluate to themselves (FullForm and InputForm show them);
 * OutputForm goes through the VM's format hook (ly_set_format_hook), which
 * writes their text.  There is no 2-D layout: Column and TableForm write
 * their rows on separate lines (TableForm and MatrixForm with Wolfram's
 * default TableSpacing {1, 3}: a blank line between rows, three spaces
 * between columns), exponents are written 1.5*10^20, BaseForm 11111111_2.
 *
 * Number forms work by copying the expression with every number replaced
 * by a string holding its formatted text, then printing that in OutputForm
 * (strings print without quotes), so NumberForm[{1.2345, x^2.5}, 3] formats
 * the numbers wherever they are.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lys_data.h"
#include "lys_io.h"

/* ---- numbers ------------------------------------------------------------------------------- */

enum { ST_AUTO, ST_SCI, ST_ENG, ST_FIXED };

typedef struct NumFmt {
    int sig;              /* significant digits (0: 6, as OutputForm) */
    int frac;             /* digits after the point (-1: as they come) */
    int style;
    int block;            /* DigitBlock (0: none) */
    const char *sep;      /* NumberSeparator */
    int pad;              /* PaddedForm: total digits to pad to (0: none) */
    int base;             /* BaseForm (0: none) */
    bool accounting;      /* AccountingForm: (123) for negatives, no exponents */
} NumFmt;

/* Inserts sep every block digits in the integer part of digits[0..n). */
static void put_blocked(LyBuf *b, const char *d, size_t n, const NumFmt *f) {
    if (!f->block || n <= (size_t)f->block) { ly_buf_put(b, d, n); return; }
    size_t first = n % (size_t)f->block;
    if (first == 0) first = (size_t)f->block;
    ly_buf_put(b, d, first);
    for (size_t i = first; i < n; i += (size_t)f->block) {
        ly_buf_puts(b, f->sep);
        ly_buf_put(b, d + i, (size_t)f->block);
    }
}

/* The digits of |v|: mantissa digits and decimal exponent (d.ddd * 10^ex). */
static int mantissa(double a, int sig, char *dig, int *ex) {
    char buf[64];
    snprintf(buf, sizeof buf, "%.*e", sig - 1, a);
    int nd = 0;
    const char *q = buf;
    for (; *q && *q != 'e'; q++) if (*q >= '0' && *q <= '9' && nd < 40) dig[nd++] = *q;
    *ex = *q ? atoi(q + 1) : 0;
    return nd;
}

/* Text of a machine real into b (no sign), as f says. */
static void fmt_abs_real(LyBuf *b, double a, const NumFmt *f) {
    if (isinf(a)) { ly_buf_puts(b, "Infinity"); return; }
    if (isnan(a)) { ly_buf_puts(b, "Indeterminate"); return; }
    int sig = f->sig > 0 ? (f->sig > 17 ? 17 : f->sig) : 6;
    char dig[48];
    int ex = 0, nd = a == 0 ? 1 : mantissa(a, sig, dig, &ex);
    if (a == 0) dig[0] = '0';
    int style = f->style;
    if (style == ST_AUTO && f->frac < 0 && !f->accounting && (ex < -5 || ex > 5)) style = ST_SCI;
    if (f->frac >= 0 && style == ST_AUTO) style = ST_FIXED;
    if (style == ST_FIXED) {
        char buf[400];
        int fr = f->frac < 0 ? 0 : f->frac > 60 ? 60 : f->frac;
        if (a >= 1e300) { snprintf(buf, sizeof buf, "%.*e", fr, a); ly_buf_puts(b, buf); return; }
        snprintf(buf, sizeof buf, "%.*f", fr, a);
        char *dot = strchr(buf, '.');
        size_t ilen = dot ? (size_t)(dot - buf) : strlen(buf);
        put_blocked(b, buf, ilen, f);
        ly_buf_puts(b, ".");
        if (dot) ly_buf_puts(b, dot + 1);
        return;
    }
    if (f->frac < 0) while (nd > 1 && dig[nd - 1] == '0') nd--;
    if (style == ST_SCI || style == ST_ENG) {
        int shift = 0;
        if (style == ST_ENG) { shift = ((ex % 3) + 3) % 3; ex -= shift; }
        while (nd <= shift) dig[nd++] = '0';
        ly_buf_put(b, dig, (size_t)shift + 1);
        ly_buf_puts(b, ".");
        ly_buf_put(b, dig + shift + 1, (size_t)(nd - shift - 1));
        if (ex != 0) ly_buf_printf(b, "*10^%d", ex);
        return;
    }
    /* positional */
    char ip[400];
    size_t il = 0;
    if (ex >= 0) {
        for (int i = 0; i <= ex && il < sizeof ip; i++) ip[il++] = i < nd ? dig[i] : '0';
        put_blocked(b, ip, il, f);
        ly_buf_puts(b, ".");
        if (nd > ex + 1) ly_buf_put(b, dig + ex + 1, (size_t)(nd - ex - 1));
    } else {
        ly_buf_puts(b, "0.");
        for (int i = 0; i < -ex - 1; i++) ly_buf_puts(b, "0");
        ly_buf_put(b, dig, (size_t)nd);
    }
}

static void fmt_abs_int(LyBuf *b, LyExpr e, const NumFmt *f) {
    mpz_t z;
    lys_mpz_get(z, e);
    mpz_abs(z, z);
    int base = f->base >= 2 && f->base <= 36 ? f->base : 10;
    char *s = mpz_get_str(NULL, base, z);
    put_blocked(b, s, strlen(s), f);
    void (*freefn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefn);
    freefn(s, strlen(s) + 1);
    mpz_clear(z);
    if (f->frac > 0 && !f->base) {          /* NumberForm[5, {3, 2}]: 5.00 */
        ly_buf_puts(b, ".");
        for (int i = 0; i < f->frac; i++) ly_buf_puts(b, "0");
    }
}

/* The formatted text of a real number (sign included). */
static void fmt_number(LyBuf *b, LyExpr e, const NumFmt *f) {
    size_t start = b->len;
    bool neg = ly_num_sign(e) < 0;
    if (neg && !f->accounting) ly_buf_puts(b, "-");
    if (neg && f->accounting) ly_buf_puts(b, "(");
    if (ly_is_integer(e)) fmt_abs_int(b, e, f);
    else if (ly_type(e) == LY_TRAT) {
        LyRational *r = (LyRational *)e;
        NumFmt g = *f;
        g.frac = -1;
        fmt_abs_int(b, r->num, &g);
        ly_buf_puts(b, "/");
        fmt_abs_int(b, r->den, &g);
    } else fmt_abs_real(b, fabs(ly_realv(e)), f);
    if (neg && f->accounting) ly_buf_puts(b, ")");
    if (f->base && f->base != 10 && ly_is_integer(e)) ly_buf_printf(b, "_%d", f->base);
    if (f->pad > 0) {
        /* PaddedForm: room for pad digits (and the sign) before the point */
        size_t len = b->len - start, digits = 0, intpart = 0;
        bool seen_point = false;
        for (size_t i = start; i < b->len; i++) {
            char c = b->p[i];
            if (c == '.') seen_point = true;
            if (c >= '0' && c <= '9') { digits++; if (!seen_point) intpart++; }
        }
        (void)digits;
        size_t want = (size_t)f->pad - (f->frac >= 0 ? (size_t)f->frac : 0);
        size_t spaces = (intpart < want ? want - intpart : 0) + (neg ? 0 : 1);
        if (!b->oom && spaces) {
            char sp[256];
            if (spaces > sizeof sp) spaces = sizeof sp;
            memset(sp, ' ', spaces);
            ly_buf_put(b, sp, spaces);      /* grow, then move the text right */
            if (!b->oom) {
                memmove(b->p + start + spaces, b->p + start, len);
                memset(b->p + start, ' ', spaces);
            }
        }
    }
}

/* e with every number replaced by a string of its formatted text. */
static LyExpr numbers_to_text(LyVM *vm, LyExpr e, const NumFmt *f) {
    if (ly_is_bigreal(e)) {
        /* an arbitrary-precision real: its digits, at most f->sig of them */
        double p = ly_realv(ly_narg(e, 3));
        LyExpr x = e;
        if (f->sig > 0 && f->sig < p)
            x = ly_mk(vm, LY_SYM(LyraBigReal), 3, (ly_ref(ly_narg(e, 1)), ly_narg(e, 1)), ly_narg(e, 2),
                      ly_mkreal(vm, (double)f->sig));
        if (!x) return NULL;
        LyBuf b;
        ly_buf_init(&b, vm);
        lys_bigreal_format(&b, x);
        if (x != e) ly_unref(vm, x);
        LyExpr s = b.oom ? ly_raise_nomem(vm) : ly_mkstring(vm, b.p ? b.p : "", b.len);
        ly_buf_free(&b);
        return s;
    }
    if (lys_is_realnum(e)) {
        if (ly_is_integer(e) && !f->block && !f->pad && !f->base && f->frac <= 0) { ly_ref(e); return e; }
        LyBuf b;
        ly_buf_init(&b, vm);
        fmt_number(&b, e, f);
        LyExpr s = b.oom ? ly_raise_nomem(vm) : ly_mkstring(vm, b.p ? b.p : "", b.len);
        ly_buf_free(&b);
        return s;
    }
    if (ly_type(e) == LY_TCOMPLEX) {
        LyComplex *c = (LyComplex *)e;
        LyBuf b;
        ly_buf_init(&b, vm);
        if (!ly_num_is_zero(c->re) || !ly_is_exact(c->re)) {
            fmt_number(&b, c->re, f);
            ly_buf_puts(&b, ly_num_sign(c->im) < 0 ? " - " : " + ");
            LyExpr mi = ly_num_sign(c->im) < 0 ? ly_num_neg(vm, c->im) : (ly_ref(c->im), c->im);
            if (mi) fmt_number(&b, mi, f);
            ly_unref(vm, mi);
        } else fmt_number(&b, c->im, f);
        ly_buf_puts(&b, " I");
        LyExpr s = b.oom ? ly_raise_nomem(vm) : ly_mkstring(vm, b.p ? b.p : "", b.len);
        ly_buf_free(&b);
        return s;
    }
    if (ly_is_packed(e)) {
        LyExpr u = ly_unpack(vm, e);
        LyExpr r = u ? numbers_to_text(vm, u, f) : NULL;
        ly_unref(vm, u);
        return r;
    }
    if (!ly_is_normal(e)) { ly_ref(e); return e; }
    size_t n = ly_nlen(e);
    LyExpr out = ly_mknormal(vm, numbers_to_text(vm, ly_nhead(e), f), n);
    for (size_t i = 1; out && i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        /* exponents stay as they are: x^2, not x^2.00 */
        LyExpr v = (i == 2 && ly_head_is(e, LY_SYM(Power))) ? (ly_ref(a), a) : numbers_to_text(vm, a, f);
        if (!v) { lys_abandon(vm, out, i); return NULL; }
        ly_nset(out, i, v);
    }
    return out;
}

static bool opt_int(LyExpr v, int *out) {
    if (!ly_is_small(v)) return false;
    *out = (int)ly_small(v);
    return true;
}

/* NumberForm[expr, n], NumberForm[expr, {n, f}], options DigitBlock and
 * NumberSeparator; the same shapes for the other number forms. */
static bool number_form(LyBuf *b, LyExpr e, NumFmt f) {
    LyVM *vm = b->vm;
    size_t n = ly_nlen(e);
    if (n < 1) return false;
    for (size_t i = 2; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (ly_head_is(a, LY_SYM(Rule)) && ly_nlen(a) == 2) {
            LyExpr k = ly_narg(a, 1), v = ly_narg(a, 2);
            if (k == ly_symbol(vm, "DigitBlock")) {
                if (!opt_int(v, &f.block)) f.block = lys_infinity_sign(v) ? 0 : f.block;
            } else if (k == ly_symbol(vm, "NumberSeparator") && ly_is_string(v)) {
                f.sep = ly_str(v)->s;
            }
            continue;
        }
        if (i != 2) return false;
        if (f.base) { if (!opt_int(a, &f.base) || f.base < 2 || f.base > 36) return false; continue; }
        if (ly_is_small(a)) f.sig = (int)ly_small(a);
        else if (!(ly_head_is(a, LY_SYM(List)) && ly_nlen(a) == 2 &&
                   opt_int(ly_narg(a, 1), &f.sig) && opt_int(ly_narg(a, 2), &f.frac))) return false;
    }
    if (f.sig < 0 || f.sig > 400 || f.frac > 60) return false;
    LyExpr t = numbers_to_text(vm, ly_narg(e, 1), &f);
    if (!t) return false;
    lys_put_output(b, t);
    ly_unref(vm, t);
    return true;
}

/* ---- rows and tables ----------------------------------------------------------------------- */

/* The OutputForm text of x in a fresh buffer (caller frees). */
static void text_of(LyBuf *t, LyVM *vm, LyExpr x) {
    ly_buf_init(t, vm);
    lys_put_output(t, x);
}

/* Display width of UTF-8 text (code points). */
static size_t width(const char *s, size_t n) {
    size_t w = 0;
    for (size_t i = 0; i < n; i++) if (((unsigned char)s[i] & 0xC0) != 0x80) w++;
    return w;
}

static void spaces(LyBuf *b, size_t n) {
    static const char sp[] = "                                ";
    while (n > 0) { size_t k = n < 32 ? n : 32; ly_buf_put(b, sp, k); n -= k; }
}

static bool is_listy(LyExpr x) { return lys_is_list(x); }

/* A table of rows x columns of texts: rows on lines (blank lines between
 * when rowgap), columns padded; align: 0 left, 1 center, 2 right. */
static bool table(LyBuf *b, LyExpr rows, size_t colgap, bool rowgap, int align) {
    LyVM *vm = b->vm;
    LyExpr u = lys_unpacked(vm, rows);
    if (!u) { b->oom = true; return true; }     /* out of memory: not another form */
    size_t nr = ly_nlen(u), nc = 0;
    for (size_t i = 1; i <= nr; i++) {
        LyExpr r = ly_narg(u, i);
        size_t c = is_listy(r) ? lys_list_len(r) : 1;
        if (c > nc) nc = c;
    }
    size_t cells = nr * nc;
    LyBuf *tx = calloc(cells ? cells : 1, sizeof(LyBuf));
    size_t *w = calloc(nc ? nc : 1, sizeof(size_t));
    if (!tx || !w) { free(tx); free(w); ly_unref(vm, u); b->oom = true; return true; }
    for (size_t i = 0; i < nr; i++) {
        LyExpr r = ly_narg(u, i + 1);
        LyExpr ru = is_listy(r) ? lys_unpacked(vm, r) : NULL;
        if (is_listy(r) && !ru) b->oom = true;
        for (size_t j = 0; j < nc; j++) {
            LyBuf *t = &tx[i * nc + j];
            if (ru) {
                if (j < ly_nlen(ru)) text_of(t, vm, ly_narg(ru, j + 1));
                else ly_buf_init(t, vm);
            } else if (j == 0) text_of(t, vm, r);
            else ly_buf_init(t, vm);
            size_t tw = width(t->p ? t->p : "", t->len);
            if (tw > w[j]) w[j] = tw;
        }
        ly_unref(vm, ru);
    }
    for (size_t i = 0; i < nr; i++) {
        if (i > 0) ly_buf_puts(b, rowgap ? "\n\n" : "\n");
        /* the last non-empty cell ends the line: no trailing blanks */
        size_t last = 0;
        for (size_t j = 0; j < nc; j++) if (tx[i * nc + j].len) last = j;
        for (size_t j = 0; j <= last; j++) {
            LyBuf *t = &tx[i * nc + j];
            size_t tw = width(t->p ? t->p : "", t->len), padl = 0, padr = w[j] - tw;
            if (align == 1) { padl = padr / 2; padr -= padl; }
            else if (align == 2) { padl = padr; padr = 0; }
            if (j > 0) spaces(b, colgap);
            spaces(b, padl);
            ly_buf_put(b, t->p ? t->p : "", t->len);
            if (j < last) spaces(b, padr);
        }
    }
    for (size_t k = 0; k < cells; k++) {
        if (tx[k].oom) b->oom = true;
        ly_buf_free(&tx[k]);
    }
    free(tx);
    free(w);
    ly_unref(vm, u);
    return true;
}

/* the value of option name among e's arguments 2.. (borrowed), or NULL */
static LyExpr option_value(LyVM *vm, LyExpr e, const char *name) {
    (void)vm;
    for (size_t i = 2; i <= ly_nlen(e); i++) {
        LyExpr o = ly_narg(e, i);
        if ((ly_head_is(o, LY_SYM(Rule)) || ly_head_is(o, LY_SYM(RuleDelayed))) && ly_nlen(o) == 2 &&
            ly_is_symbol(ly_narg(o, 1), name)) return ly_narg(o, 2);
    }
    return NULL;
}

/* the labels a heading spec gives for k rows or columns (None: NULL) */
static LyExpr heading_labels(LyVM *vm, LyExpr spec, size_t k) {
    if (ly_is_symbol(spec, "Automatic")) {
        LyExpr l = ly_mknormal(vm, LY_SYM(List), k);
        for (size_t i = 1; l && i <= k; i++) ly_nset(l, i, ly_int(vm, (int64_t)i));
        return l;
    }
    if (lys_is_list(spec)) return lys_unpacked(vm, spec);
    return NULL;
}

/* rows with TableHeadings -> {row labels, column labels} added: a first
 * row of column labels, a first column of row labels */
static LyExpr with_headings(LyVM *vm, LyExpr rows, LyExpr th) {
    LyExpr u = lys_unpacked(vm, rows);
    if (!u) return NULL;
    size_t nr = ly_nlen(u), nc = 0;
    for (size_t i = 1; i <= nr; i++) {
        size_t c = is_listy(ly_narg(u, i)) ? lys_list_len(ly_narg(u, i)) : 1;
        if (c > nc) nc = c;
    }
    LyExpr rl = heading_labels(vm, ly_narg(th, 1), nr);
    LyExpr cl = ly_nlen(th) >= 2 ? heading_labels(vm, ly_narg(th, 2), nc) : NULL;
    size_t off = rl ? 1 : 0, hr = cl ? 1 : 0;
    LyExpr out = ly_mknormal(vm, LY_SYM(List), nr + hr);
    bool ok = out != NULL;
    if (ok && cl) {
        LyExpr row = ly_mknormal(vm, LY_SYM(List), ly_nlen(cl) + off);
        if (row && off) ly_nset(row, 1, ly_mkstring(vm, "", 0));
        for (size_t j = 1; row && j <= ly_nlen(cl); j++) { ly_ref(ly_narg(cl, j)); ly_nset(row, j + off, ly_narg(cl, j)); }
        lys_nset_ok(out, 1, row, &ok);
    }
    for (size_t i = 1; ok && i <= nr; i++) {
        LyExpr r = ly_narg(u, i);
        LyExpr ru = is_listy(r) ? lys_unpacked(vm, r) : NULL;
        size_t c = ru ? ly_nlen(ru) : 1;
        LyExpr row = ly_mknormal(vm, LY_SYM(List), c + off);
        if (row && off) {
            LyExpr lab = i <= ly_nlen(rl) ? ly_narg(rl, i) : NULL;
            if (lab) ly_ref(lab);
            ly_nset(row, 1, lab ? lab : ly_mkstring(vm, "", 0));
        }
        for (size_t j = 1; row && j <= c; j++) {
            LyExpr v = ru ? ly_narg(ru, j) : r;
            ly_ref(v);
            ly_nset(row, j + off, v);
        }
        ly_unref(vm, ru);
        lys_nset_ok(out, i + hr, row, &ok);
    }
    ly_unref(vm, rl);
    ly_unref(vm, cl);
    ly_unref(vm, u);
    if (!ok) { ly_unref(vm, out); return NULL; }
    return out;
}

bool lys_format_series(LyBuf *b, LyExpr e);
bool lys_format_date(LyBuf *b, LyExpr e);

/* ---- the hook -------------------------------------------------------------------------------- */

static bool format_hook(LyBuf *b, LyExpr e) {
    LyVM *vm = b->vm;
    LyExpr h = ly_nhead(e);
    const char *name = ly_sym(h)->name;
    size_t n = ly_nlen(e);
    if (lys_is_bigreal(vm, e)) return lys_bigreal_format(b, e);
    if (!strcmp(name, "TeXForm") && n == 1) { lys_format_tex(b, ly_narg(e, 1)); return true; }
    NumFmt f = { 0, -1, ST_AUTO, 0, ",", 0, 0, false };
    if (!strcmp(name, "NumberForm")) return number_form(b, e, f);
    if (!strcmp(name, "ScientificForm")) { f.style = ST_SCI; return number_form(b, e, f); }
    if (!strcmp(name, "EngineeringForm")) { f.style = ST_ENG; return number_form(b, e, f); }
    if (!strcmp(name, "AccountingForm")) { f.accounting = true; f.style = ST_AUTO; return number_form(b, e, f); }
    if (!strcmp(name, "PaddedForm")) {
        if (n < 2) return false;
        f.pad = -1;
        LyExpr a = ly_narg(e, 2);
        if (ly_is_small(a)) { f.pad = (int)ly_small(a); f.sig = f.pad; }
        else if (ly_head_is(a, LY_SYM(List)) && ly_nlen(a) == 2 && opt_int(ly_narg(a, 1), &f.pad) &&
                 opt_int(ly_narg(a, 2), &f.frac)) f.sig = f.pad;
        else return false;
        if (f.pad <= 0 || f.pad > 200) return false;
        LyExpr t = numbers_to_text(vm, ly_narg(e, 1), &f);
        if (!t) return false;
        lys_put_output(b, t);
        ly_unref(vm, t);
        return true;
    }
    if (!strcmp(name, "BaseForm")) {
        if (n != 2) return false;
        f.base = 10;
        return number_form(b, e, f);
    }
    if (!strcmp(name, "Row")) {
        if (n < 1 || n > 2 || !is_listy(ly_narg(e, 1))) return false;
        LyExpr u = lys_unpacked(vm, ly_narg(e, 1));
        if (!u) return false;
        for (size_t i = 1; i <= ly_nlen(u); i++) {
            if (i > 1 && n == 2) lys_put_output(b, ly_narg(e, 2));
            lys_put_output(b, ly_narg(u, i));
        }
        ly_unref(vm, u);
        return true;
    }
    if (!strcmp(name, "Column")) {
        if (n < 1 || !is_listy(ly_narg(e, 1))) return false;
        /* Alignment -> Left | Center | Right */
        int align = 0;
        LyExpr al = option_value(vm, e, "Alignment");
        if (al && ly_is_symbol(al, "Right")) align = 2;
        else if (al && ly_is_symbol(al, "Center")) align = 1;
        LyExpr u = lys_unpacked(vm, ly_narg(e, 1));
        if (!u) return false;
        if (align) {
            LyExpr col = ly_mknormal(vm, LY_SYM(List), ly_nlen(u));
            for (size_t i = 1; col && i <= ly_nlen(u); i++) {
                ly_ref(ly_narg(u, i));
                ly_nset(col, i, ly_mk(vm, LY_SYM(List), 1, ly_narg(u, i)));
                if (!ly_narg(col, i)) { lys_abandon(vm, col, i + 1); col = NULL; }
            }
            bool ok = col && table(b, col, 0, false, align);
            ly_unref(vm, col);
            ly_unref(vm, u);
            return ok;
        }
        for (size_t i = 1; i <= ly_nlen(u); i++) {
            if (i > 1) ly_buf_puts(b, "\n");
            lys_put_output(b, ly_narg(u, i));
        }
        ly_unref(vm, u);
        return true;
    }
    if (!strcmp(name, "TableForm") || !strcmp(name, "MatrixForm")) {
        if (n < 1 || !is_listy(ly_narg(e, 1))) return false;
        LyExpr th = !strcmp(name, "TableForm") ? option_value(vm, e, "TableHeadings") : NULL;
        if (th && (ly_is_symbol(th, "Automatic") || (ly_head_is(th, LY_SYM(List)) && ly_nlen(th) >= 1))) {
            LyExpr both = ly_is_symbol(th, "Automatic") ? ly_mk(vm, LY_SYM(List), 2, th, th) : NULL;
            LyExpr withh = with_headings(vm, ly_narg(e, 1), both ? both : th);
            ly_unref(vm, both);
            bool ok = withh && table(b, withh, 3, true, 0);
            ly_unref(vm, withh);
            return ok;
        }
        return table(b, ly_narg(e, 1), 3, true, 0);
    }
    if (!strcmp(name, "Grid")) {
        if (n < 1 || !is_listy(ly_narg(e, 1))) return false;
        return table(b, ly_narg(e, 1), 1, false, 1);
    }
    if (!strcmp(name, "Style") || !strcmp(name, "Defer") || !strcmp(name, "StandardForm") || !strcmp(name, "TraditionalForm") ||
        !strcmp(name, "Framed") || !strcmp(name, "Panel") || !strcmp(name, "Labeled") || !strcmp(name, "Tooltip")) {
        if (n < 1) return false;
        lys_put_output(b, ly_narg(e, 1));
        return true;
    }
    if (!strcmp(name, "StringForm")) return lys_stringform(b, e);
    if (!strcmp(name, "SeriesData")) return lys_format_series(b, e);
    if (!strcmp(name, "Graphics") || !strcmp(name, "Graphics3D") || !strcmp(name, "Image") || !strcmp(name, "Sound")) {
        ly_buf_printf(b, "-%s-", name);
        return true;
    }
    if (!strcmp(name, "DateObject") || !strcmp(name, "Quantity")) return lys_format_date(b, e);
    if (!strcmp(name, "InterpolatingFunction") && n == 2) {
        ly_buf_puts(b, "InterpolatingFunction[");
        lys_put_output(b, ly_narg(e, 1));
        ly_buf_puts(b, ", <>]");
        return true;
    }
    return false;
}

/* ---- StringTemplate, TemplateApply ---------------------------------------------------------- */

/* The text of template t applied to args[0..n): `name` looks the key up in
 * an association argument, `k` takes argument k, `` the next one, and
 * <* expr *> evaluates expr as the body of a pure function of the
 * arguments (#name, #1 ...).  Values are written as TextString does. */
static LyExpr template_apply(LyVM *vm, LyExpr t, size_t n, const LyExpr *args) {
    const LyString *s = ly_str(t);
    LyExpr assoc = n >= 1 && ly_type(args[0]) == LY_TASSOC ? args[0] : NULL;
    LyBuf b;
    ly_buf_init(&b, vm);
    size_t next = 1;
    bool failed = false;
    for (size_t i = 0; i < s->len && !failed; i++) {
        char c = s->s[i];
        if (c == '`') {
            size_t j = i + 1;
            while (j < s->len && s->s[j] != '`') j++;
            if (j >= s->len) { ly_buf_put(&b, s->s + i, s->len - i); break; }
            const char *k = s->s + i + 1;
            size_t kl = j - i - 1;
            LyExpr val = NULL;
            bool num = kl > 0;
            size_t idx = 0;
            for (size_t q = 0; q < kl; q++) {
                if (k[q] < '0' || k[q] > '9') { num = false; break; }
                idx = idx * 10 + (size_t)(k[q] - '0');
            }
            if (kl == 0) idx = next, num = true;
            if (num) {
                next = idx + 1;
                if (idx >= 1 && idx <= n) val = args[idx - 1];
            } else if (assoc) {
                LyExpr key = ly_mkstring(vm, k, kl);
                if (key) val = ly_assoc_lookup(assoc, key);
                ly_unref(vm, key);
            }
            if (val) lys_put_output(&b, val);
            i = j;
            continue;
        }
        if (c == '<' && i + 1 < s->len && s->s[i + 1] == '*') {
            size_t j = i + 2;
            while (j + 1 < s->len && !(s->s[j] == '*' && s->s[j + 1] == '>')) j++;
            if (j + 1 >= s->len) { ly_buf_put(&b, s->s + i, s->len - i); break; }
            LyExpr src = ly_mkstring(vm, s->s + i + 2, j - i - 2);
            LyExpr held = src ? lys_apply_eval(vm, ly_symbol(vm, "ToExpression"), 3,
                                               (LyExpr[]){ src, ly_symbol(vm, "InputForm"), ly_symbol(vm, "Hold") }) : NULL;
            ly_unref(vm, src);
            if (!held) { failed = true; break; }
            LyExpr val = NULL;
            if (ly_head_is(held, ly_symbol(vm, "Hold")) && ly_nlen(held) == 1) {
                LyExpr fn = ly_mk(vm, ly_symbol(vm, "Function"), 1, (ly_ref(ly_narg(held, 1)), ly_narg(held, 1)));
                LyExpr body = fn ? ly_apply_function(vm, fn, n, args) : NULL;
                ly_unref(vm, fn);
                val = body ? lys_eval_steal(vm, body) : NULL;
            }
            ly_unref(vm, held);
            if (!val) { if (ly_unwinding(vm)) { failed = true; break; } }
            else { lys_put_output(&b, val); ly_unref(vm, val); }
            i = j + 1;
            continue;
        }
        ly_buf_put(&b, &c, 1);
    }
    LyExpr r = failed || b.oom ? NULL : ly_mkstring(vm, b.p ? b.p : "", b.len);
    ly_buf_free(&b);
    if (!r && !failed && !ly_unwinding(vm)) return ly_raise_nomem(vm);
    return r;
}

static LyExpr b_stringtemplate(LyVM *vm, LyExpr e) {
    LyExpr h = ly_nhead(e);
    if (ly_is_sym(h)) {        /* StringTemplate["..."] stays as it is */
        if (ly_nlen(e) < 1) return NULL;
        return NULL;
    }
    /* StringTemplate[s][args...] */
    if (!ly_is_normal(h) || ly_nlen(h) < 1 || !ly_is_string(ly_narg(h, 1))) return NULL;
    return template_apply(vm, ly_narg(h, 1), ly_nlen(e), ly_nargs(e));
}

static LyExpr b_templateapply(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr t = ly_narg(e, 1);
    if (ly_head_is(t, ly_symbol(vm, "StringTemplate")) && ly_nlen(t) >= 1) t = ly_narg(t, 1);
    if (!ly_is_string(t)) return NULL;
    LyExpr a = ly_nlen(e) == 2 ? ly_narg(e, 2) : NULL;
    if (a && ly_head_is(a, LY_SYM(List))) return template_apply(vm, t, ly_nlen(a), ly_nargs(a));
    return template_apply(vm, t, a ? 1 : 0, &a);
}

/* ---- graphics ------------------------------------------------------------------------------- */

/* There is no graphics output: plotting functions give Graphics[...] (or
 * Graphics3D[...]) objects holding the sampled data, which print as
 * -Graphics- in OutputForm, as Wolfram's text interfaces show them. */
static LyExpr sample_plot(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) < 2) return NULL;
    LyExpr spec = ly_narg(e, 2);
    if (!ly_head_is(spec, LY_SYM(List)) || ly_nlen(spec) != 3 || !ly_is_sym(ly_narg(spec, 1))) return NULL;
    LyExpr var = ly_narg(spec, 1);
    LyExpr lo = lys_numericalize(vm, ly_narg(spec, 2)), hi = lys_numericalize(vm, ly_narg(spec, 3));
    double a, b;
    bool ok = lo && hi && ly_get_real(lo, &a) && ly_get_real(hi, &b);
    ly_unref(vm, lo); ly_unref(vm, hi);
    if (!ok) return NULL;
    LyExpr fs = ly_narg(e, 1);
    size_t nf = ly_head_is(fs, LY_SYM(List)) ? ly_nlen(fs) : 1;
    LyExpr lines = ly_mknormal(vm, LY_SYM(List), nf);
    const size_t N = 50;
    for (size_t k = 0; lines && k < nf; k++) {
        LyExpr f = ly_head_is(fs, LY_SYM(List)) ? ly_narg(fs, k + 1) : fs;
        LyExpr pts = ly_mknormal(vm, LY_SYM(List), N + 1);
        size_t m = 0;
        for (size_t i = 0; pts && i <= N; i++) {
            double x = a + (b - a) * (double)i / N;
            LyExpr xv = ly_mkreal(vm, x);
            LyExpr s = xv ? ly_substitute(vm, f, 1, &var, &xv) : NULL;
            int q = ly_set_quiet(vm, 1);
            LyExpr y = s ? lys_numericalize(vm, s) : NULL;
            ly_set_quiet(vm, q);
            ly_unref(vm, s);
            double yv;
            if (y && ly_get_real(y, &yv)) {
                LyExpr pt = ly_mk(vm, LY_SYM(List), 2, xv, ly_mkreal(vm, yv));
                xv = NULL;
                if (pt) ly_nset(pts, ++m, pt);
            }
            ly_unref(vm, xv); ly_unref(vm, y);
            if (ly_unwinding(vm)) { lys_abandon(vm, pts, m + 1); lys_abandon(vm, lines, k + 1); return NULL; }
        }
        LyExpr l = pts ? ly_apply(vm, LY_SYM(List), m, ly_nargs(pts)) : NULL;
        if (pts) { for (size_t i = m + 1; i <= N + 1; i++) ly_nset(pts, i, LY_SYM(Null)); ly_unref(vm, pts); }
        LyExpr line = l ? ly_mk(vm, ly_symbol(vm, "Line"), 1, l) : NULL;
        if (!line) { lys_abandon(vm, lines, k + 1); return NULL; }
        ly_nset(lines, k + 1, line);
    }
    return lines ? ly_mk(vm, ly_symbol(vm, "Graphics"), 1, lines) : NULL;
}

static LyExpr b_plot(LyVM *vm, LyExpr e) {
    LyExpr g = sample_plot(vm, e);
    if (g || ly_unwinding(vm)) return g;
    return ly_mk(vm, ly_symbol(vm, "Graphics"), 1, ly_list(vm, 0, NULL));
}

static LyExpr b_listplot(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) < 1) return NULL;
    LyExpr d = ly_narg(e, 1);
    ly_ref(d);
    LyExpr prim = ly_mk(vm, ly_symbol(vm, "Point"), 1, d);
    return prim ? ly_mk(vm, ly_symbol(vm, "Graphics"), 1, ly_mk(vm, LY_SYM(List), 1, prim)) : NULL;
}

static LyExpr b_plot3d(LyVM *vm, LyExpr e) {
    (void)e;
    return ly_mk(vm, ly_symbol(vm, "Graphics3D"), 1, ly_list(vm, 0, NULL));
}

static LyExpr b_show(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) < 1) return NULL;
    LyExpr g = ly_narg(e, 1);
    if (ly_head_is(g, LY_SYM(List)) && ly_nlen(g) > 0) g = ly_narg(g, 1);
    ly_ref(g);
    return g;
}

/* ---- the wrappers themselves ------------------------------------------------------------------ */

#define FORM(name, usage) { name, NULL, "Protected Formatted", usage }

static const LyBuiltin format_builtins[] = {
    FORM("NumberForm", "NumberForm[expr, n] prints with approximate real numbers in expr given to n-digit precision.\n"
                       "NumberForm[expr, {n, f}] prints with approximate real numbers having n digits, with f digits to the right of the decimal point."),
    FORM("ScientificForm", "ScientificForm[expr] prints with all real numbers in expr given in scientific notation.\n"
                           "ScientificForm[expr, n] prints with numbers given to n-digit precision."),
    FORM("EngineeringForm", "EngineeringForm[expr] prints with all real numbers in expr given in engineering notation."),
    FORM("AccountingForm", "AccountingForm[expr] prints with all numbers in expr given in standard accounting notation."),
    FORM("PaddedForm", "PaddedForm[expr, n] prints with all numbers in expr padded to leave room for a total of n digits.\n"
                       "PaddedForm[expr, {n, f}] prints with approximate real numbers having exactly f digits to the right of the decimal point."),
    FORM("BaseForm", "BaseForm[expr, n] prints with the numbers in expr given in base n."),
    FORM("Row", "Row[{expr1, expr2, ...}] is an object that formats with the expri arranged in a row.\n"
                "Row[list, s] inserts s as a separator between successive elements."),
    FORM("Column", "Column[{expr1, expr2, ...}] is an object that formats with the expri arranged in a column, with expr1 above expr2, etc."),
    FORM("Grid", "Grid[{{expr11, expr12, ...}, {expr21, expr22, ...}, ...}] is an object that formats with the exprij arranged in a two-dimensional grid."),
    FORM("TableForm", "TableForm[list] prints with the elements of list arranged in an array of rectangular cells."),
    FORM("MatrixForm", "MatrixForm[list] prints with the elements of list arranged in a regular array."),
    FORM("Style", "Style[expr, options] displays with expr formatted using the specified option settings (shown as expr here)."),
    FORM("StandardForm", "StandardForm[expr] prints as the standard Wolfram Language two-dimensional representation of expr (one-dimensional here)."),
    FORM("TraditionalForm", "TraditionalForm[expr] prints as an approximation to the traditional mathematical notation for expr (one-dimensional here)."),
    { "Defer", NULL, "HoldAll Protected Formatted", "Defer[expr] yields an object that displays as the unevaluated form of expr." },
    FORM("Framed", "Framed[expr] displays a framed version of expr (shown as expr here)."),
    FORM("Panel", "Panel[expr] displays as a panel containing expr (shown as expr here)."),
    FORM("Labeled", "Labeled[expr, lbl] displays expr labeled with lbl (shown as expr here)."),
    FORM("Tooltip", "Tooltip[expr, label] displays label as a tooltip while the mouse pointer is over expr (shown as expr here)."),
    { "StringTemplate", b_stringtemplate, "Protected OperatorForm",
      "StringTemplate[\"string\"] yields a template that can be applied to arguments: `name` takes the value of key name, `n` the nth argument, <*expr*> the value of expr.\n"
      "StringTemplate[\"string\"][args] applies the template." },
    { "TemplateApply", b_templateapply, "Protected",
      "TemplateApply[template, args] applies template to args." },
    FORM("Graphics", "Graphics[primitives, options] represents a two-dimensional graphical image (printed as -Graphics-; there is no graphics output)."),
    FORM("Graphics3D", "Graphics3D[primitives, options] represents a three-dimensional graphical image (printed as -Graphics3D-)."),
    { "Plot", b_plot, "HoldAll Protected", "Plot[f, {x, xmin, xmax}] generates a plot of f as a function of x from xmin to xmax (a Graphics object; there is no graphics output)." },
    { "ParametricPlot", b_plot, "HoldAll Protected", "ParametricPlot[{fx, fy}, {u, umin, umax}] generates a parametric plot (a Graphics object)." },
    { "LogPlot", b_plot, "HoldAll Protected", "LogPlot[f, {x, xmin, xmax}] generates a log plot of f (a Graphics object)." },
    { "ListPlot", b_listplot, "Protected", "ListPlot[{y1, y2, ...}] plots points (a Graphics object; there is no graphics output)." },
    { "ListLinePlot", b_listplot, "Protected", "ListLinePlot[{y1, y2, ...}] plots a line through a list of values (a Graphics object)." },
    { "ListLogPlot", b_listplot, "Protected", "ListLogPlot[{y1, y2, ...}] makes a log plot of the yi (a Graphics object)." },
    { "Histogram", b_listplot, "Protected", "Histogram[{x1, x2, ...}] plots a histogram of the values xi (a Graphics object)." },
    { "BarChart", b_listplot, "Protected", "BarChart[{y1, y2, ...}] makes a bar chart (a Graphics object)." },
    { "PieChart", b_listplot, "Protected", "PieChart[{y1, y2, ...}] makes a pie chart (a Graphics object)." },
    { "Plot3D", b_plot3d, "HoldAll Protected", "Plot3D[f, {x, xmin, xmax}, {y, ymin, ymax}] generates a three-dimensional plot (a Graphics3D object)." },
    { "ContourPlot", b_plot, "HoldAll Protected", "ContourPlot[f, {x, xmin, xmax}, {y, ymin, ymax}] generates a contour plot (a Graphics object)." },
    { "DensityPlot", b_plot, "HoldAll Protected", "DensityPlot[f, {x, xmin, xmax}, {y, ymin, ymax}] makes a density plot (a Graphics object)." },
    { "Show", b_show, "Protected", "Show[graphics, options] shows graphics with the specified options added." },
    { "DigitBlock", NULL, "Protected", "DigitBlock is an option for NumberForm and related functions that specifies the maximum length of blocks of digits between breaks." },
    { "NumberSeparator", NULL, "Protected", "NumberSeparator is an option for NumberForm and related functions that gives the string to insert at breaks between blocks of digits." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_format(LyVM *vm);
LyStatus lys_open_format(LyVM *vm) {
    LyStatus st = ly_register_table(vm, format_builtins);
    if (st != LY_OK) return st;
    /* StringForm is registered in io.c; it formats here too */
    LyExpr sf = LY_SYM(StringForm);
    ly_set_attributes(vm, sf, ly_attributes(vm, sf) | LY_ATTR_FORMATTED);
    ly_set_format_hook(vm, format_hook);
    return LY_OK;
}
