/*
 * print.c — the text forms of expressions: FullForm, InputForm, OutputForm.
 *
 * DESIGN
 *   One engine serves the three forms and never recurses on the C stack.
 *   Work is a stack of small items kept in VM memory: a literal to write, an
 *   expression to write in a context, an iterator over arguments.  An item
 *   for h[a, b, c] writes what it can at once and pushes the rest, so a
 *   10^6-deep expression prints with O(depth) heap and constant C stack.
 *
 *   Layout.  Before an expression is written, layout() decides how it will
 *   look — which operator, its precedence, whether its text starts with a
 *   sign — without writing anything.  The writer parenthesizes it when its
 *   precedence is below what the context requires, or when the context
 *   cannot take a leading '-' or '+' (a factor after '*', an exponent, the
 *   operand of unary minus) and the text would start with one.  The sign
 *   test follows the chain of leftmost operands (a loop, not recursion).
 *
 *   Precedences are Wolfram's, in the order its parser (and vm/parse.c)
 *   actually groups: && tighter than ||, === looser than ==, calls and
 *   [[ ]] at 670 below ?: (x_?f)[y] needs no parentheses but x_?(f[y]) does.
 *
 *   Conventions follow Wolfram's InputForm: a - b for Plus[a, Times[-1, b]],
 *   -(a*b) for Times[-1, a, b], (2*a)/b, x/3 for Times[1/3, x], 1/x for
 *   Power[x, -1] but x^(-2) for Power[x, -2], Sqrt[x] for Power[x, 1/2],
 *   1 + 2*I for Complex[1, 2], #1^2 & for Function[Slot[1]^2], and
 *   Derivative[1][f][x] (f'[x] only in OutputForm).  Text read back by
 *   vm/parse.c gives the same expression, except where Wolfram's notation
 *   itself only promises the same value after evaluation: rational and
 *   complex atoms (1/3 reads as Times[1, Power[3, -1]]), products with
 *   factors below the line (a/b^2 reads as Times[a, Power[Power[b, 2], -1]],
 *   y/x for Times[Power[x, -1], y]) and -(a*b) for the flat Times[-1, a, b].
 *   Inert heads whose operator would change the structure (Minus, Subtract,
 *   Divide) print in full form.
 *
 *   OutputForm is InputForm with strings unquoted, products written with a
 *   space (2 x), machine reals to 6 significant digits, f' for
 *   Derivative[1][f], HoldForm invisible, and InputForm[...], FullForm[...]
 *   inside it shown in their form (Print[{InputForm["a"]}] writes {"a"}).
 *   InputForm and FullForm show such wrappers literally; a wrapper at the
 *   very top chooses the form in every form but FullForm.  No 2-D layout.
 *
 *   Memory: text goes only through the LyBuf API and the item stack through
 *   the VM allocator; when either fails, b->oom is set and printing stops.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "lyv.h"

/* ---- precedences ---------------------------------------------------------------- */

enum {
    PR_COMPOUND = 10, PR_SET = 40, PR_FUNCTION = 90, PR_ADDTO = 100,
    PR_REPLACE = 110, PR_RULE = 120, PR_TWOWAY = 125, PR_CONDITION = 130,
    PR_STREXPR = 135, PR_OPTIONAL = 140, PR_PATTERN = 150, PR_ALT = 160,
    PR_REPEATED = 170, PR_OR = 215, PR_AND = 220, PR_NOT = 230, PR_SAMEQ = 260,
    PR_COMPARE = 290, PR_SPAN = 298, PR_PLUS = 310, PR_TIMES = 400, PR_DIVIDE = 470, PR_MINUS = 480,
    PR_DOT = 490, PR_NCM = 510, PR_POWER = 590, PR_STRJOIN = 600, PR_FACTORIAL = 610,
    PR_MAP = 620, PR_RCOMPOSE = 624, PR_COMPOSE = 625, PR_PREINC = 660, PR_INCR = 665,
    PR_CALL = 670, PR_TEST = 680, PR_MSGNAME = 750, PR_BLANK = 990, PR_ATOM = 1000
};

/* Operators with a regular shape: text between (or before/after) operands. */
enum { OK_FLAT, OK_LEFT, OK_RIGHT, OK_NONE, OK_PREFIX, OK_POSTFIX };
typedef struct OpDef { uint16_t sym; uint16_t prec; uint8_t kind; const char *text; } OpDef;

#define OPD(name, prec, kind, text) { LY_SYMI_##name, prec, kind, text }
static const OpDef op_table[] = {
    OPD(Set, PR_SET, OK_RIGHT, " = "),           OPD(SetDelayed, PR_SET, OK_RIGHT, " := "),
    OPD(UpSet, PR_SET, OK_RIGHT, " ^= "),        OPD(UpSetDelayed, PR_SET, OK_RIGHT, " ^:= "),
    OPD(AddTo, PR_ADDTO, OK_RIGHT, " += "),      OPD(SubtractFrom, PR_ADDTO, OK_RIGHT, " -= "),
    OPD(TimesBy, PR_ADDTO, OK_RIGHT, " *= "),    OPD(DivideBy, PR_ADDTO, OK_RIGHT, " /= "),
    OPD(Function, PR_FUNCTION, OK_POSTFIX, " & "),
    OPD(ReplaceAll, PR_REPLACE, OK_LEFT, " /. "), OPD(ReplaceRepeated, PR_REPLACE, OK_LEFT, " //. "),
    OPD(Rule, PR_RULE, OK_RIGHT, " -> "),        OPD(RuleDelayed, PR_RULE, OK_RIGHT, " :> "),
    OPD(TwoWayRule, PR_TWOWAY, OK_NONE, " <-> "),
    OPD(Condition, PR_CONDITION, OK_LEFT, " /; "),
    OPD(StringExpression, PR_STREXPR, OK_FLAT, " ~~ "),
    OPD(Alternatives, PR_ALT, OK_FLAT, " | "),
    OPD(Repeated, PR_REPEATED, OK_POSTFIX, ".."), OPD(RepeatedNull, PR_REPEATED, OK_POSTFIX, "..."),
    OPD(Or, PR_OR, OK_FLAT, " || "),             OPD(And, PR_AND, OK_FLAT, " && "),
    OPD(Not, PR_NOT, OK_PREFIX, "!"),
    OPD(Equal, PR_COMPARE, OK_FLAT, " == "),     OPD(Unequal, PR_COMPARE, OK_FLAT, " != "),
    OPD(Less, PR_COMPARE, OK_FLAT, " < "),       OPD(LessEqual, PR_COMPARE, OK_FLAT, " <= "),
    OPD(Greater, PR_COMPARE, OK_FLAT, " > "),    OPD(GreaterEqual, PR_COMPARE, OK_FLAT, " >= "),
    OPD(SameQ, PR_SAMEQ, OK_FLAT, " === "),      OPD(UnsameQ, PR_SAMEQ, OK_FLAT, " =!= "),
    OPD(Span, PR_SPAN, OK_FLAT, " ;; "),
    OPD(Dot, PR_DOT, OK_FLAT, " . "),
    OPD(NonCommutativeMultiply, PR_NCM, OK_FLAT, " ** "),
    OPD(StringJoin, PR_STRJOIN, OK_FLAT, " <> "),
    OPD(Factorial, PR_FACTORIAL, OK_POSTFIX, "!"), OPD(Factorial2, PR_FACTORIAL, OK_POSTFIX, "!!"),
    OPD(Map, PR_MAP, OK_RIGHT, " /@ "),          OPD(Apply, PR_MAP, OK_RIGHT, " @@ "),
    OPD(MapAll, PR_MAP, OK_RIGHT, " //@ "),
    OPD(RightComposition, PR_RCOMPOSE, OK_FLAT, " /* "),
    OPD(Composition, PR_COMPOSE, OK_FLAT, " @* "),
    OPD(Increment, PR_INCR, OK_POSTFIX, "++"),   OPD(Decrement, PR_INCR, OK_POSTFIX, "--"),
    OPD(PreIncrement, PR_PREINC, OK_PREFIX, "++"), OPD(PreDecrement, PR_PREINC, OK_PREFIX, "--"),
    OPD(Unset, PR_SET, OK_POSTFIX, " =."),
    OPD(PatternTest, PR_TEST, OK_NONE, "?"),
};
#undef OPD
static const OpDef op_apply1 = { LY_SYMI_Apply, PR_MAP, OK_RIGHT, " @@@ " };   /* Apply[f, x, {1}] */

static const OpDef *find_op(int idx, size_t n) {
    for (size_t i = 0; i < sizeof op_table / sizeof op_table[0]; i++) {
        const OpDef *d = &op_table[i];
        if (d->sym != idx) continue;
        switch (d->kind) {
        case OK_FLAT:
            if (idx == LY_SYMI_Span) return n == 2 || n == 3 ? d : NULL;
            return n >= 2 ? d : NULL;
        case OK_PREFIX: case OK_POSTFIX: return n == 1 ? d : NULL;
        default: return n == 2 ? d : NULL;
        }
    }
    return NULL;
}

/* ---- work items ------------------------------------------------------------------- */

enum {
    OP_EXPR,    /* e in a context: prec = least precedence written bare, flags F_* */
    OP_LIT,     /* the text s */
    OP_SEQ,     /* arguments i..n of e, separated by s, each as OP_EXPR(prec, cflags) */
    OP_ASEQ,    /* rules i..n-1 of the association object e, separated by ", " */
    OP_PLUS,    /* terms i..n of Plus e: " + t" or " - (-t)" */
    OP_FACT,    /* numerator factors i..n of Times e */
    OP_DFACT,   /* denominator factors i..n of Times e */
    OP_DEN1,    /* e = Power[b, -k] as the only denominator */
    OP_INEQ,    /* operands and operators i..n of Inequality e */
    OP_DOTS,    /* the suffix s of Repeated / RepeatedNull */
    OP_FORM     /* restore the form to flags */
};
enum { F_NEG = 1, F_NOSIGN = 2, F_FIRST = 4 };

typedef struct Item {
    LyExpr e;
    const char *s;
    size_t i, n;
    uint16_t prec;
    uint8_t op, flags, cflags;
} Item;

typedef struct Printer {
    LyBuf *b;
    LyForm form;
    bool skel;          /* inside Short/Shallow: Skeleton[k] is <<k>> in InputForm too */
    Item *stk;
    size_t sp, cap;
    Item local[32];
} Printer;

static bool grow(Printer *P) {
    size_t ncap = P->cap * 2;
    Item *ns;
    if (P->stk == P->local) {
        ns = ly_alloc(P->b->vm, ncap * sizeof *ns);
        if (ns) memcpy(ns, P->local, P->sp * sizeof *ns);
    } else {
        ns = ly_realloc(P->b->vm, P->stk, P->cap * sizeof *ns, ncap * sizeof *ns);
    }
    if (!ns) { P->b->oom = true; return false; }
    P->stk = ns;
    P->cap = ncap;
    return true;
}

static void push(Printer *P, Item it) {
    if (P->sp == P->cap && !grow(P)) return;
    P->stk[P->sp++] = it;
}

static Item it_expr(LyExpr e, unsigned prec, unsigned flags) {
    return (Item){ .e = e, .prec = (uint16_t)prec, .op = OP_EXPR, .flags = (uint8_t)flags };
}
static Item it_lit(const char *s) { return (Item){ .s = s, .op = OP_LIT }; }
static Item it_iter(int op, LyExpr e, size_t i, size_t n, const char *s, unsigned prec,
                    unsigned flags, unsigned cflags) {
    return (Item){ .e = e, .s = s, .i = i, .n = n, .prec = (uint16_t)prec, .op = (uint8_t)op,
                   .flags = (uint8_t)flags, .cflags = (uint8_t)cflags };
}

static void push_expr(Printer *P, LyExpr e, unsigned prec, unsigned flags) {
    push(P, it_expr(e, prec, flags));
}
static void push_lit(Printer *P, const char *s) { push(P, it_lit(s)); }

/* Items collected in writing order, pushed in reverse. */
typedef struct Seq { Item v[16]; int n; } Seq;
static void sq(Seq *q, Item it) { q->v[q->n++] = it; }
static void push_seq(Printer *P, const Seq *q) {
    for (int i = q->n - 1; i >= 0; i--) push(P, q->v[i]);
}

static void put(Printer *P, const char *s) { ly_buf_puts(P->b, s); }
/* A symbol's name, without its context when that is $Context or on
 * $ContextPath (context.c) */
static void put_sym(Printer *P, LyExpr sym) {
    const LySymbol *s = ly_sym(sym);
    size_t k = s->name[0] && memchr(s->name, '`', s->len) ? lyv_ctx_shown(P->b->vm, s) : 0;
    ly_buf_puts(P->b, s->name + k);
}
static const char *times_sep(const Printer *P) { return P->form == LY_FORM_OUTPUT ? " " : "*"; }

/* ---- symbols and numbers ---------------------------------------------------------- */

#define IS(x, name) ((x) == LY_SYM(name))

/* Index of a builtin symbol in lysyms.h order, or -1. */
static int symidx(LyExpr h) {
    if (!ly_is_sym(h)) return -1;
    uintptr_t p = (uintptr_t)ly_sym(h), b0 = (uintptr_t)ly_builtin_symbols;
    if (p < b0) return -1;
    uintptr_t d = p - b0;
    if (d % sizeof(LySymbol) != 0 || d / sizeof(LySymbol) >= LY_NBUILTIN_SYMS) return -1;
    return (int)(d / sizeof(LySymbol));
}

static bool is_realnum(LyExpr e) {
    int t = ly_type(e);
    return ly_is_small(e) || t == LY_TBIG || t == LY_TRAT || t == LY_TREAL || ly_is_bigreal(e);
}

static int num_sign(LyExpr e) {
    if (ly_is_small(e)) { int64_t v = ly_small(e); return v < 0 ? -1 : v > 0; }
    switch (ly_type(e)) {
    case LY_TBIG: return ((LyBig *)e)->size < 0 ? -1 : 1;
    case LY_TRAT: return num_sign(((LyRational *)e)->num);
    case LY_TREAL: { double v = ly_realv(e); return v < 0 ? -1 : v > 0; }
    case LY_TNORMAL: return ly_is_bigreal(e) ? num_sign(ly_narg(e, 1)) : 0;
    default: return 0;
    }
}

static bool is_small_val(LyExpr e, int64_t v) { return ly_is_small(e) && ly_small(e) == v; }

static bool is_rat_val(LyExpr e, int64_t num, int64_t den) {
    if (ly_type(e) != LY_TRAT) return false;
    LyRational *r = (LyRational *)e;
    return is_small_val(r->num, num) && is_small_val(r->den, den);
}

/* Rational with numerator +-1. */
static bool is_unit_rat(LyExpr e) {
    return ly_type(e) == LY_TRAT &&
           (is_small_val(((LyRational *)e)->num, 1) || is_small_val(((LyRational *)e)->num, -1));
}

static bool is_zero_exact(LyExpr e) { return is_small_val(e, 0); }

static void write_int(Printer *P, LyExpr e, bool neg) {
    if (ly_is_small(e)) {
        int64_t v = ly_small(e);
        ly_buf_printf(P->b, "%lld", (long long)(neg ? -v : v));
        return;
    }
    const LyBig *g = (const LyBig *)e;
    mpz_t z;
    mpz_roinit_n(z, (const mp_limb_t *)g->limbs, neg ? -(mp_size_t)g->size : g->size);
    if (mpz_sgn(z) < 0) put(P, "-");
    /* in steps with safe points (bignum.c): an abort stops a long print;
     * the buffer is then marked failed like an out-of-memory one */
    if (!ly_bignum_digits(P->b->vm, P->b, z, 10)) P->b->oom = true;
}

/* Machine reals: the shortest digits that read back to the same double
 * (6 significant digits in OutputForm); a trailing '.' when integral;
 * scientific notation when the decimal exponent is outside -5..5 (Wolfram's
 * NumberForm default for machine numbers): 1.5*^20 in InputForm and
 * FullForm, 1.5*10^20 in OutputForm (the one-line text of Wolfram's 2-D
 * 1.5 10^20). */
static void write_real(Printer *P, double v) {
    char buf[48], out[64];
    if (isnan(v)) { put(P, "Indeterminate"); return; }
    if (isinf(v)) { put(P, v > 0 ? "Infinity" : "-Infinity"); return; }
    if (v == 0) { put(P, "0."); return; }
    double a = fabs(v);
    if (P->form == LY_FORM_OUTPUT) {
        snprintf(buf, sizeof buf, "%.5e", a);
    } else {
        for (int p = 1; p <= 17; p++) {
            snprintf(buf, sizeof buf, "%.*e", p - 1, a);
            if (strtod(buf, NULL) == a) break;
        }
    }
    char dig[24];
    int nd = 0;
    const char *q = buf;
    for (; *q && *q != 'e'; q++)
        if (*q >= '0' && *q <= '9' && nd < (int)sizeof dig) dig[nd++] = *q;
    int ex = *q ? atoi(q + 1) : 0;
    while (nd > 1 && dig[nd - 1] == '0') nd--;
    char *o = out;
    /* FullForm marks machine reals with ` (Wolfram's NumberMarks -> True): 0.1`, 1.`*^20 */
    bool mark = P->form == LY_FORM_FULL;
    if (v < 0) *o++ = '-';
    if (ex >= -5 && ex <= 5) {
        if (ex >= 0) {
            for (int i = 0; i <= ex; i++) *o++ = i < nd ? dig[i] : '0';
            *o++ = '.';
            for (int i = ex + 1; i < nd; i++) *o++ = dig[i];
        } else {
            *o++ = '0';
            *o++ = '.';
            for (int i = 0; i < -ex - 1; i++) *o++ = '0';
            for (int i = 0; i < nd; i++) *o++ = dig[i];
        }
        if (mark) *o++ = '`';
    } else {
        *o++ = dig[0];
        *o++ = '.';
        for (int i = 1; i < nd; i++) *o++ = dig[i];
        if (mark) *o++ = '`';
        o += snprintf(o, 16, P->form == LY_FORM_OUTPUT ? "*10^%d" : "*^%d", ex);
    }
    ly_buf_put(P->b, out, (size_t)(o - out));
}

/* Does the OutputForm text of the machine real v use scientific notation
 * (so that it reads as a product: x^(1.*10^20))? */
static bool real_is_sci_output(double v) {
    if (v == 0 || isnan(v) || isinf(v)) return false;
    char buf[48];
    snprintf(buf, sizeof buf, "%.5e", fabs(v));
    const char *q = strchr(buf, 'e');
    int ex = q ? atoi(q + 1) : 0;
    return ex < -5 || ex > 5;
}

static void write_number(Printer *P, LyExpr e, bool neg);

/* im*I, im negated when neg: I, -I, I/3, -I/3, (2*I)/3, 2*I, 2.5*I */
static void write_imag(Printer *P, LyExpr im, bool neg) {
    bool negv = (num_sign(im) < 0) != neg;
    if (is_small_val(im, 1) || is_small_val(im, -1)) { put(P, negv ? "-I" : "I"); return; }
    if (ly_type(im) == LY_TRAT) {
        LyRational *r = (LyRational *)im;
        if (is_unit_rat(im)) {
            put(P, negv ? "-I/" : "I/");
        } else {
            put(P, "(");
            write_int(P, r->num, neg);
            put(P, times_sep(P));
            put(P, "I)/");
        }
        write_int(P, r->den, false);
        return;
    }
    write_number(P, im, neg);
    put(P, times_sep(P));
    put(P, "I");
}

static void write_call(Printer *P, LyExpr e, unsigned headmin);

/* An arbitrary-precision real, negated when neg, through the format hook of
 * the form (Lyra`BigReal[...] without one). */
static void write_bigreal(Printer *P, LyExpr e, bool neg) {
    LyVM *vm = P->b->vm;
    LyFormatHook hook = !vm ? NULL : P->form == LY_FORM_OUTPUT ? vm->format_hook : vm->input_format_hook;
    LyExpr x = e;
    if (neg && hook) {
        LyExpr m = ly_num_neg(vm, ly_narg(e, 1));
        x = m ? ly_mk(vm, LY_SYM(LyraBigReal), 3, m, ly_narg(e, 2), (ly_ref(ly_narg(e, 3)), ly_narg(e, 3))) : NULL;
        if (!x) { P->b->oom = true; return; }
    }
    if (!hook || !hook(P->b, x)) write_call(P, x, PR_CALL);
    if (x != e) ly_unref(vm, x);
}

static void write_number(Printer *P, LyExpr e, bool neg) {
    if (ly_is_small(e) || ly_type(e) == LY_TBIG) { write_int(P, e, neg); return; }
    if (ly_is_bigreal(e)) { write_bigreal(P, e, neg); return; }
    switch (ly_type(e)) {
    case LY_TRAT: {
        LyRational *r = (LyRational *)e;
        if (P->form == LY_FORM_FULL) {
            put(P, "Rational[");
            write_int(P, r->num, neg);
            put(P, ", ");
            write_int(P, r->den, false);
            put(P, "]");
        } else {
            write_int(P, r->num, neg);
            put(P, "/");
            write_int(P, r->den, false);
        }
        return;
    }
    case LY_TREAL:
        write_real(P, neg ? -ly_realv(e) : ly_realv(e));
        return;
    case LY_TCOMPLEX: {
        LyComplex *c = (LyComplex *)e;
        if (P->form == LY_FORM_FULL) {
            put(P, "Complex[");
            write_number(P, c->re, false);
            put(P, ", ");
            write_number(P, c->im, false);
            put(P, "]");
            return;
        }
        if (is_zero_exact(c->re)) { write_imag(P, c->im, neg); return; }
        /* only pure imaginary numbers are ever written negated */
        write_number(P, c->re, false);
        bool imneg = num_sign(c->im) < 0;
        put(P, imneg ? " - " : " + ");
        write_imag(P, c->im, imneg);
        return;
    }
    default:
        return;
    }
}

/* Does e print with a leading '-' in a sum, so that a - b is written for
 * Plus[a, Times[-1, b]]?  Negative reals, -k*I, and products whose numeric
 * coefficient is negative. */
static bool is_imag_coef(LyExpr c);
static bool is_imag_rat(LyExpr c);
static bool is_pure_imag(LyExpr c);

static bool is_negform(LyExpr e, bool out) {
    if (is_realnum(e)) return num_sign(e) < 0;
    if (ly_head_is(e, LY_SYM(Times)) && ly_nlen(e) >= 2 && is_pure_imag(ly_narg(e, 1)) &&
        (!out || is_imag_coef(ly_narg(e, 1)) || is_imag_rat(ly_narg(e, 1))))
        return num_sign(((LyComplex *)ly_narg(e, 1))->im) < 0;
    if (ly_type(e) == LY_TCOMPLEX) {
        LyComplex *c = (LyComplex *)e;
        return is_zero_exact(c->re) && num_sign(c->im) < 0;
    }
    if (ly_head_is(e, LY_SYM(Times)) && ly_nlen(e) >= 2) {
        LyExpr c = ly_narg(e, 1), a2 = ly_narg(e, 2);
        /* not Times[-1, 650]: "a - 650" would read back as Plus[a, -650] */
        if (ly_nlen(e) == 2 && is_small_val(c, -1) && is_realnum(a2) && num_sign(a2) >= 0)
            return false;
        return is_realnum(c) && num_sign(c) < 0;
    }
    return false;
}

/* ---- strings ------------------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (c = *p >= 0x80), or 0. */
static size_t utf8_len(const char *p, const char *end) {
    unsigned c = (unsigned char)*p;
    size_t k;
    uint32_t cp, min;
    if ((c & 0xE0) == 0xC0) { k = 1; cp = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { k = 2; cp = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { k = 3; cp = c & 0x07; min = 0x10000; }
    else return 0;
    if ((size_t)(end - p) <= k) return 0;
    for (size_t i = 1; i <= k; i++) {
        if (((unsigned char)p[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | ((unsigned char)p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return k + 1;
}

/* Strings in InputForm/FullForm read back: quotes, backslashes and control
 * characters escaped, and a byte that is not part of valid UTF-8 (a string
 * built from raw bytes) written as \.xx, which reads back as the character
 * U+00xx, never as text the parser refuses. */
static void write_string(Printer *P, const LyString *s) {
    if (P->form == LY_FORM_OUTPUT) { ly_buf_put(P->b, s->s, s->len); return; }
    put(P, "\"");
    const char *p = s->s, *end = s->s + s->len, *run = p;
    for (; p < end; p++) {
        unsigned char c = (unsigned char)*p;
        const char *esc;
        char hex[8];
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\t': esc = "\\t"; break;
        case '\r': esc = "\\r"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
            if (c >= 0x80) {
                size_t k = utf8_len(p, end);
                if (k) { p += k - 1; continue; }
            } else if (c >= 0x20 && c != 0x7f) continue;
            snprintf(hex, sizeof hex, "\\.%02x", c);
            esc = hex;
        }
        ly_buf_put(P->b, run, (size_t)(p - run));
        put(P, esc);
        run = p + 1;
    }
    ly_buf_put(P->b, run, (size_t)(p - run));
    put(P, "\"");
}

/* Letters, digits and $, not starting with a digit (names after # and ::). */
static bool is_ident(const LyString *s) {
    if (s->len == 0) return false;
    for (size_t i = 0; i < s->len; i++) {
        unsigned char c = (unsigned char)s->s[i];
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c >= 0x80;
        if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
    }
    return true;
}

/* ---- packed arrays, associations, foreign objects ------------------------------------ */

static void write_packed(Printer *P, const LyPacked *pk) {
    bool full = P->form == LY_FORM_FULL;
    const char *open = full ? "List[" : "{", *close = full ? "]" : "}";
    unsigned rank = pk->h.aux, nlev = rank;
    const size_t *d = pk->dims;
    for (unsigned k = 0; k < rank; k++)
        if (d[k] == 0) { nlev = k; break; }
    if (nlev == 0) { put(P, open); put(P, close); return; }
    size_t count = 1;
    for (unsigned k = 0; k < nlev; k++) count *= d[k];
    for (unsigned k = 0; k < nlev; k++) put(P, open);
    for (size_t i = 0; i < count && !P->b->oom; i++) {
        if (i > 0) {
            unsigned c = 0;
            size_t m = i;
            for (unsigned j = nlev; j-- > 0 && m % d[j] == 0; ) { m /= d[j]; c++; }
            for (unsigned j = 0; j < c; j++) put(P, close);
            put(P, ", ");
            for (unsigned j = 0; j < c; j++) put(P, open);
        }
        if (nlev < rank) { put(P, open); put(P, close); }
        else if ((pk->h.flags & 3) == LY_PACKED_REAL) write_real(P, ((const double *)pk->data)[i]);
        else ly_buf_printf(P->b, "%lld", (long long)((const int64_t *)pk->data)[i]);
    }
    for (unsigned k = 0; k < nlev; k++) put(P, close);
}

static void write_foreign(Printer *P, const LyForeign *f) {
    const LyForeignType *t = f->type;
    if (t && t->format_input && P->form != LY_FORM_OUTPUT) { t->format_input(P->b, f->data); return; }
    put(P, t && t->name ? t->name : "Foreign");
    put(P, "[");
    if (t && t->format) t->format(P->b, f->data);
    else put(P, "<>");
    put(P, "]");
}

/* ---- layout --------------------------------------------------------------------------- */

enum {
    L_ATOM, L_NUM, L_HOOK, L_CALL, L_LIST, L_ASSOC, L_ASSOCN, L_OP, L_PLUS, L_TIMES, L_POWER,
    L_SQRT, L_RECIP, L_RECIPSQRT, L_PART, L_SLOT, L_BLANK, L_PATSHORT, L_OPTSHORT,
    L_PATTERN, L_OPTIONAL, L_COMPOUND, L_INEQ, L_MSGNAME, L_TAGSET, L_INFINITY,
    L_DERIV, L_WRAP, L_DEFN, L_SHORT, L_SKEL, L_DIRINF
};
enum { TM_PRODUCT, TM_DIVIDE, TM_MINUS };

/* How a product is written. */
typedef struct TimesPlan {
    uint8_t mode;        /* TM_*; TM_MINUS is "-" before the rest (a leading -1) */
    uint8_t inner;       /* TM_MINUS: the mode of the rest */
    bool coef;           /* argument 1 is a real-number coefficient */
    bool cneg;           /* ...written negated */
    bool cnum;           /* ...contributing a numerator item */
    bool cden;           /* ...a rational whose denominator goes below the line */
    bool lminus;         /* rational coefficient -1/q: just a '-' before the numerator */
    bool cwhole;         /* an imaginary coefficient written whole, (I/2)*x */
    size_t first;        /* index of the first non-coefficient factor */
    size_t nnum, nden;   /* non-coefficient numerator / denominator factors */
} TimesPlan;

typedef struct Lay {
    uint8_t kind;
    bool sign;           /* the text starts with '-' or '+' */
    uint16_t prec;
    LyExpr left;         /* operand written first, with nothing before it */
    uint16_t left_min;   /* ...and the precedence its context requires */
    const OpDef *op;
    LyForm wform;        /* L_WRAP: the form of the inside */
    TimesPlan tp;
} Lay;

/* Power[b, negative number]: a factor written below the fraction line. */
static bool is_den(LyExpr f) {
    if (!ly_head_is(f, LY_SYM(Power)) || ly_nlen(f) != 2) return false;
    LyExpr k = ly_narg(f, 2);
    return is_realnum(k) && num_sign(k) < 0;
}

/* A pure imaginary number k I with k an integer or a real: in OutputForm a
 * coefficient written in front (2 I x, -I Sqrt[3]), as Wolfram does. */
static bool is_imag_coef(LyExpr c) {
    if (ly_type(c) != LY_TCOMPLEX) return false;
    LyComplex *z = (LyComplex *)c;
    return is_zero_exact(z->re) && is_realnum(z->im) && ly_type(z->im) != LY_TRAT;
}

/* k I with k exact and rational (not an integer): I x/2 */
static bool is_imag_rat(LyExpr c) {
    if (ly_type(c) != LY_TCOMPLEX) return false;
    LyComplex *z = (LyComplex *)c;
    return is_zero_exact(z->re) && ly_type(z->im) == LY_TRAT;
}

/* k I with an exact zero real part */
static bool is_pure_imag(LyExpr c) {
    return ly_type(c) == LY_TCOMPLEX && is_zero_exact(((LyComplex *)c)->re) && is_realnum(((LyComplex *)c)->im);
}

/* The sign a coefficient is written with. */
static int coef_sign(LyExpr c) {
    return ly_type(c) == LY_TCOMPLEX ? num_sign(((LyComplex *)c)->im) : num_sign(c);
}

static void times_plan(LyExpr e, bool neg, bool out, TimesPlan *t) {
    size_t n = ly_nlen(e);
    LyExpr c = ly_narg(e, 1);
    memset(t, 0, sizeof *t);
    t->first = 1;
    if (is_small_val(c, -1)) {
        t->first = 2;
    } else if (out && is_imag_coef(c)) {
        t->coef = t->cnum = true;
        t->cneg = neg;
        t->first = 2;
    } else if (is_pure_imag(c) && (!out || is_imag_rat(c))) {
        /* written whole, as Wolfram: (I/2) x, ((2 I)/3) Pi, a - (I/2)*x */
        t->coef = t->cnum = t->cwhole = true;
        t->cneg = neg;
        t->first = 2;
    } else if (is_realnum(c)) {
        t->coef = true;
        t->cneg = neg;
        t->first = 2;
        t->cden = ly_type(c) == LY_TRAT;
        if (is_unit_rat(c)) t->lminus = (num_sign(c) < 0) != neg;
        else t->cnum = true;
    }
    for (size_t i = t->first; i <= n; i++) {
        if (is_den(ly_narg(e, i))) t->nden++;
        else t->nnum++;
    }
    if (is_small_val(c, -1) && !neg) {
        LyExpr a2 = ly_narg(e, 2);
        bool recip = is_den(a2) && is_small_val(ly_narg(a2, 2), -1);
        /* OutputForm writes -(1/x), as Wolfram */
        if (out && t->nnum == 0) recip = false;
        if ((t->nnum == 0 && !out && (n > 2 || recip)) || (n == 2 && is_realnum(a2) && num_sign(a2) >= 0)) {
            /* -1/b, -1/(a*b) and -1*2: the -1 stays a plain coefficient
             * (but -x^(-2), as Wolfram, which also reads back exactly) */
            t->coef = t->cnum = true;
        } else {
            t->mode = t->nden ? TM_DIVIDE : TM_PRODUCT;
            t->inner = t->mode;
            t->mode = TM_MINUS;
            return;
        }
    }
    t->mode = t->nden || t->cden ? TM_DIVIDE : TM_PRODUCT;
}

static LyExpr coef_num(LyExpr c) { return ly_type(c) == LY_TRAT ? ((LyRational *)c)->num : c; }

/* The only numerator (or denominator) factor of a product. */
static LyExpr single_factor(LyExpr e, size_t first, bool den) {
    for (size_t i = first; i <= ly_nlen(e); i++)
        if (is_den(ly_narg(e, i)) == den) return ly_narg(e, i);
    return NULL;
}

static void lay_times(LyExpr e, bool neg, bool out, Lay *L) {
    TimesPlan *t = &L->tp;
    times_plan(e, neg, out, t);
    L->kind = L_TIMES;
    bool cneg_v = t->coef && ((coef_sign(ly_narg(e, 1)) < 0) != t->cneg);
    switch (t->mode) {
    case TM_MINUS:
        L->prec = PR_MINUS;
        L->sign = true;
        break;
    case TM_PRODUCT:
        L->prec = PR_TIMES;
        if (t->cnum) L->sign = cneg_v;
        else { L->left = single_factor(e, t->first, false); L->left_min = PR_TIMES + 1; }
        break;
    default: {
        L->prec = PR_DIVIDE;
        size_t items = t->cnum + t->nnum;
        if (t->lminus) L->sign = true;
        else if (items == 1 && t->cnum) L->sign = cneg_v;
        else if (items == 1) { L->left = single_factor(e, t->first, false); L->left_min = PR_DIVIDE; }
        break;
    }
    }
}

/* Does an arbitrary-precision real print in scientific notation (so that
 * it reads as a product)? */
static bool bigreal_is_sci(Printer *P, LyExpr e) {
    LyVM *vm = P->b->vm;
    LyFormatHook hook = !vm ? NULL : P->form == LY_FORM_OUTPUT ? vm->format_hook : vm->input_format_hook;
    if (!hook) return false;
    LyBuf t;
    ly_buf_init(&t, vm);
    bool sci = hook(&t, e) && t.p && (memmem(t.p, t.len, "*10^", 4) || memmem(t.p, t.len, "*^", 2));
    ly_buf_free(&t);
    return sci;
}

static void lay_number(Printer *P, LyExpr e, bool neg, bool out, Lay *L) {
    L->kind = L_NUM;
    if (ly_type(e) == LY_TCOMPLEX) {
        LyComplex *c = (LyComplex *)e;
        if (!is_zero_exact(c->re)) { L->prec = PR_PLUS; L->sign = num_sign(c->re) < 0; return; }
        L->sign = (num_sign(c->im) < 0) != neg;
        if (is_small_val(c->im, 1) || is_small_val(c->im, -1)) L->prec = L->sign ? PR_MINUS : PR_ATOM;
        else L->prec = PR_TIMES;        /* I/3 and 2 I: parenthesized as factors, (I/3)*Pi */
        return;
    }
    L->sign = (num_sign(e) < 0) != neg;
    if (ly_type(e) == LY_TRAT) L->prec = PR_DIVIDE;
    else if (out && ly_type(e) == LY_TREAL && real_is_sci_output(ly_realv(e))) L->prec = PR_TIMES;
    else if (ly_is_bigreal(e) && bigreal_is_sci(P, e)) L->prec = PR_TIMES;
    else L->prec = L->sign ? PR_MINUS : PR_ATOM;
}

/* Blank[], Blank[h], BlankSequence..., written _ _h __ ___h */
static bool is_blank_short(LyExpr e) {
    if (!ly_is_normal(e)) return false;
    LyExpr h = ly_nhead(e);
    if (!IS(h, Blank) && !IS(h, BlankSequence) && !IS(h, BlankNullSequence)) return false;
    return ly_nlen(e) == 0 || (ly_nlen(e) == 1 && ly_is_sym(ly_narg(e, 1)));
}

/* Pattern[x, blank] written x_h, or a short blank. */
static bool is_pattern_short(LyExpr e) {
    if (is_blank_short(e)) return true;
    return ly_head_is(e, LY_SYM(Pattern)) && ly_nlen(e) == 2 && ly_is_sym(ly_narg(e, 1)) &&
           is_blank_short(ly_narg(e, 2));
}

static void write_blank(Printer *P, LyExpr e) {
    LyExpr h = ly_nhead(e);
    put(P, IS(h, Blank) ? "_" : IS(h, BlankSequence) ? "__" : "___");
    if (ly_nlen(e) == 1) put_sym(P, ly_narg(e, 1));
}

static void write_pattern_short(Printer *P, LyExpr e) {
    if (ly_head_is(e, LY_SYM(Pattern))) {
        put_sym(P, ly_narg(e, 1));
        e = ly_narg(e, 2);
    }
    write_blank(P, e);
}

static const char *compare_text(LyExpr s) {
    switch (symidx(s)) {
    case LY_SYMI_Equal: return " == ";
    case LY_SYMI_Unequal: return " != ";
    case LY_SYMI_Less: return " < ";
    case LY_SYMI_LessEqual: return " <= ";
    case LY_SYMI_Greater: return " > ";
    case LY_SYMI_GreaterEqual: return " >= ";
    default: return NULL;
    }
}

static bool is_inequality(LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 3 || n % 2 == 0) return false;
    for (size_t i = 2; i < n; i += 2)
        if (!compare_text(ly_narg(e, i))) return false;
    return true;
}

/* Derivative[k][f] with f a symbol: written f' (OutputForm only). */
static int64_t deriv_order(LyExpr e) {
    if (ly_nlen(e) != 1 || !ly_is_sym(ly_narg(e, 1))) return 0;
    LyExpr h = ly_nhead(e);
    if (!ly_head_is(h, LY_SYM(Derivative)) || ly_nlen(h) != 1) return 0;
    LyExpr k = ly_narg(h, 1);
    if (!ly_is_small(k) || ly_small(k) < 1 || ly_small(k) > 16) return 0;
    return ly_small(k);
}

static LyForm wrapper_form(const Printer *P, LyExpr e) {
    LyExpr h = ly_nhead(e);
    if (IS(h, InputForm)) return LY_FORM_INPUT;
    if (IS(h, FullForm)) return LY_FORM_FULL;
    if (IS(h, OutputForm)) return LY_FORM_OUTPUT;
    return P->form;     /* HoldForm in OutputForm */
}

/* InputForm[x], FullForm[x], OutputForm[x]. */
static bool is_form_wrapper(LyExpr e) {
    if (!ly_is_normal(e) || ly_nlen(e) != 1) return false;
    LyExpr h = ly_nhead(e);
    return IS(h, InputForm) || IS(h, FullForm) || IS(h, OutputForm);
}

/* Wrappers that OutputForm interprets anywhere (Print[{InputForm["a"]}]
 * shows {"a"}).  InputForm and FullForm show them literally, so that the
 * text reads back as the same expression. */
static bool is_wrapper(const Printer *P, LyExpr e) {
    if (P->form != LY_FORM_OUTPUT) return false;
    return is_form_wrapper(e) ||
           (ly_head_is(e, LY_SYM(HoldForm)) && ly_nlen(e) == 1);
}

static void layout(Printer *P, LyExpr e, bool neg, Lay *L);

static void lay_normal(Printer *P, LyExpr e, bool neg, Lay *L) {
    LyExpr h = ly_nhead(e);
    size_t n = ly_nlen(e);
    L->kind = L_CALL;
    L->prec = PR_CALL;
    L->left = h;
    L->left_min = PR_CALL;
    if (P->form == LY_FORM_FULL) { L->left = NULL; return; }
    int idx = symidx(h);
    if (idx < 0) {
        if (P->form == LY_FORM_OUTPUT && deriv_order(e)) { L->kind = L_DERIV; L->left = NULL; }
        return;
    }
    LyExpr a1 = n >= 1 ? ly_narg(e, 1) : NULL, a2 = n >= 2 ? ly_narg(e, 2) : NULL;
    switch (idx) {
    case LY_SYMI_List:
        L->kind = L_LIST; L->prec = PR_ATOM; L->left = NULL;
        return;
    case LY_SYMI_Association:
        for (size_t i = 1; i <= n; i++)
            if (!lyv_is_rule(ly_narg(e, i))) return;
        L->kind = L_ASSOCN; L->prec = PR_ATOM; L->left = NULL;
        return;
    case LY_SYMI_Plus:
        if (n < 2) return;
        L->kind = L_PLUS; L->prec = PR_PLUS; L->left = a1; L->left_min = PR_PLUS + 1;
        return;
    case LY_SYMI_Times:
        if (n < 2) return;
        L->left = NULL;
        lay_times(e, neg, P->form == LY_FORM_OUTPUT, L);
        return;
    case LY_SYMI_Power:
        if (n != 2) return;
        L->left = NULL;
        if (is_rat_val(a2, 1, 2)) { L->kind = L_SQRT; return; }
        if (is_small_val(a2, -1) || (P->form == LY_FORM_OUTPUT && is_realnum(a2) && num_sign(a2) < 0 &&
                                     !is_rat_val(a2, -1, 2))) {
            L->kind = L_RECIP; L->prec = PR_DIVIDE; return;   /* OutputForm: x^-2 as 1/x^2 */
        }
        if (is_rat_val(a2, -1, 2)) { L->kind = L_RECIPSQRT; L->prec = PR_DIVIDE; return; }
        L->kind = L_POWER; L->prec = PR_POWER;
        return;
    case LY_SYMI_Part:
        if (n < 2) return;
        L->kind = L_PART; L->left = a1;
        return;
    case LY_SYMI_Slot:
        if (n == 1 && ((ly_is_small(a1) && ly_small(a1) >= 0) ||
                       (ly_is_string(a1) && is_ident(ly_str(a1))))) {
            L->kind = L_SLOT; L->prec = PR_ATOM; L->left = NULL;
        }
        return;
    case LY_SYMI_SlotSequence:
        if (n == 1 && ly_is_small(a1) && ly_small(a1) >= 1) { L->kind = L_SLOT; L->prec = PR_ATOM; L->left = NULL; }
        return;
    case LY_SYMI_Blank: case LY_SYMI_BlankSequence: case LY_SYMI_BlankNullSequence:
        if (is_blank_short(e)) { L->kind = L_BLANK; L->prec = PR_BLANK; L->left = NULL; }
        return;
    case LY_SYMI_Pattern:
        if (n != 2 || !ly_is_sym(a1)) return;
        L->left = NULL;
        if (is_blank_short(a2)) { L->kind = L_PATSHORT; L->prec = PR_BLANK; }
        else { L->kind = L_PATTERN; L->prec = PR_PATTERN; }
        return;
    case LY_SYMI_Optional:
        if (n < 1 || n > 2 || !is_pattern_short(a1)) return;
        L->left = NULL;
        if (n == 1) { L->kind = L_OPTSHORT; L->prec = PR_BLANK; }
        else { L->kind = L_OPTIONAL; L->prec = PR_OPTIONAL; }
        return;
    case LY_SYMI_CompoundExpression:
        if (n < 2) return;
        L->kind = L_COMPOUND; L->prec = PR_COMPOUND; L->left = a1; L->left_min = PR_COMPOUND + 1;
        return;
    case LY_SYMI_Inequality:
        if (!is_inequality(e)) return;
        L->kind = L_INEQ; L->prec = PR_COMPARE; L->left = a1; L->left_min = PR_COMPARE + 1;
        return;
    case LY_SYMI_MessageName:
        if (n == 2 && ly_is_sym(a1) && ly_is_string(a2) && is_ident(ly_str(a2))) {
            L->kind = L_MSGNAME; L->prec = PR_MSGNAME; L->left = NULL;
        }
        return;
    case LY_SYMI_TagSet: case LY_SYMI_TagSetDelayed:
        if (n != 3) return;
        L->kind = L_TAGSET; L->prec = PR_SET; L->left = a1; L->left_min = PR_SET + 1;
        return;
    case LY_SYMI_Apply:
        if (n == 3 && ly_head_is(ly_narg(e, 3), LY_SYM(List)) && ly_nlen(ly_narg(e, 3)) == 1 &&
            is_small_val(ly_narg(ly_narg(e, 3), 1), 1)) {
            L->kind = L_OP; L->op = &op_apply1; L->prec = PR_MAP; L->left_min = PR_MAP + 1;
            return;
        }
        break;
    case LY_SYMI_Short: case LY_SYMI_Shallow:
        /* OutputForm only: InputForm shows the wrapper, as it does every
         * display form, so that its text reads back */
        if (P->form == LY_FORM_OUTPUT && n >= 1 && n <= 2) { L->kind = L_SHORT; L->prec = PR_ATOM; L->left = NULL; }
        return;
    case LY_SYMI_Skeleton:
        if (n == 1 && (P->form == LY_FORM_OUTPUT || P->skel)) {
            L->kind = L_SKEL; L->prec = PR_ATOM; L->left = NULL;
        }
        return;
    case LY_SYMI_Definition:
        /* Definition[f, ...] shows the definitions (rules.c); InputForm
         * keeps Definition[f], which reads back */
        if (P->form != LY_FORM_OUTPUT) return;
        for (size_t i = 1; i <= n; i++)
            if (!ly_is_sym(ly_narg(e, i))) return;
        if (n >= 1) { L->kind = L_DEFN; L->prec = PR_ATOM; L->left = NULL; }
        return;
    case LY_SYMI_DirectedInfinity:
        if (n == 0 || (n == 1 && (is_small_val(a1, 1) || is_small_val(a1, -1)))) {
            L->kind = L_INFINITY; L->prec = PR_ATOM; L->left = NULL;
            if (n == 1 && is_small_val(a1, -1)) { L->prec = PR_MINUS; L->sign = true; }
        } else if (n == 1 && P->form == LY_FORM_OUTPUT) {
            /* OutputForm: DirectedInfinity[I] is I Infinity, as Wolfram shows it */
            L->kind = L_DIRINF; L->prec = PR_TIMES; L->left = a1; L->left_min = PR_TIMES;
        }
        return;
    default: break;
    }
    /* OutputForm writes x ∈ Reals, as Wolfram; InputForm keeps Element[x, Reals] */
    static const OpDef op_element = { LY_SYMI_Element, 250, OK_NONE, " \u2208 " };
    const OpDef *d = idx == LY_SYMI_Element && n == 2 && P->form == LY_FORM_OUTPUT ? &op_element : find_op(idx, n);
    if (!d) return;
    L->kind = L_OP;
    L->op = d;
    L->prec = d->prec;
    switch (d->kind) {
    case OK_PREFIX:
        L->left = NULL;
        L->sign = d->text[0] == '+' || d->text[0] == '-';
        break;
    case OK_LEFT: L->left = a1; L->left_min = d->prec; break;
    default: L->left = a1; L->left_min = d->prec + 1; break;
    }
}

static void layout(Printer *P, LyExpr e, bool neg, Lay *L) {
    memset(L, 0, sizeof *L);
    L->prec = PR_ATOM;
    L->kind = L_ATOM;
    if (!e) return;
    if (ly_is_number(e) || ly_is_bigreal(e)) { lay_number(P, e, neg, P->form == LY_FORM_OUTPUT, L); return; }
    switch (ly_type(e)) {
    case LY_TNORMAL: break;
    case LY_TASSOC: L->kind = L_ASSOC; return;
    default: return;
    }
    if (P->b->vm && (P->form == LY_FORM_OUTPUT ? P->b->vm->format_hook : P->b->vm->input_format_hook) &&
        ly_is_sym(ly_nhead(e)) && (lyv_attrs(P->b->vm, ly_nhead(e)) & LYA_FORMAT)) {
        L->kind = L_HOOK;       /* a display wrapper: its formatter writes it */
        return;
    }
    if (is_wrapper(P, e)) {
        /* the inside's own layout, in its form (wrappers nest in a loop) */
        LyForm saved = P->form;
        while (is_wrapper(P, e)) { P->form = wrapper_form(P, e); e = ly_narg(e, 1); }
        Lay in;
        layout(P, e, false, &in);
        L->wform = P->form;
        P->form = saved;
        L->kind = L_WRAP;
        L->prec = in.prec;
        L->sign = in.sign;
        return;
    }
    lay_normal(P, e, neg, L);
}

/* Does the text of e (laid out as L) start with '-' or '+'? */
static bool lay_sign(Printer *P, const Lay *L0) {
    Lay L = *L0;
    for (;;) {
        if (L.sign) return true;
        if (!L.left) return false;
        unsigned min = L.left_min;
        layout(P, L.left, false, &L);
        if (L.prec < min) return false;     /* parenthesized */
    }
}

/* ---- writing ---------------------------------------------------------------------------- */

/* The numerator item of a coefficient; an imaginary one whole. */
static void sq_coef(Seq *q, const TimesPlan *t, LyExpr c, unsigned cflags) {
    if (t->cwhole) {
        LyExpr im = ((LyComplex *)c)->im;
        bool unit = is_small_val(im, 1) || is_small_val(im, -1);
        sq(q, it_expr(c, unit ? 0 : PR_TIMES + 1, cflags));
    } else {
        sq(q, it_expr(coef_num(c), 0, cflags));
    }
}

static void add_times_body(Printer *P, LyExpr e, const TimesPlan *t, int mode, Seq *q) {
    size_t n = ly_nlen(e);
    LyExpr c = t->coef ? ly_narg(e, 1) : NULL;
    unsigned cflags = t->cneg ? F_NEG : 0;
    (void)P;
    if (mode == TM_PRODUCT) {
        if (t->cnum) sq_coef(q, t, c, cflags);
        sq(q, it_iter(OP_FACT, e, t->first, n, NULL, 0, t->cnum ? 0 : F_FIRST, 0));
        return;
    }
    size_t items = t->cnum + t->nnum;
    if (t->lminus) {
        sq(q, it_lit("-"));
        if (t->nnum == 0) sq(q, it_lit("1"));
        else if (t->nnum == 1) sq(q, it_expr(single_factor(e, t->first, false), PR_MINUS + 1, F_NOSIGN));
        else {
            sq(q, it_lit("("));
            sq(q, it_iter(OP_FACT, e, t->first, n, NULL, 0, F_FIRST, 0));
            sq(q, it_lit(")"));
        }
    } else if (items == 0) {
        sq(q, it_lit("1"));
    } else if (items == 1) {
        if (t->cnum) sq_coef(q, t, c, cflags);
        else sq(q, it_expr(single_factor(e, t->first, false), PR_DIVIDE, 0));
    } else {
        sq(q, it_lit("("));
        if (t->cnum) sq_coef(q, t, c, cflags);
        sq(q, it_iter(OP_FACT, e, t->first, n, NULL, 0, t->cnum ? 0 : F_FIRST, 0));
        sq(q, it_lit(")"));
    }
    sq(q, it_lit("/"));
    if (t->cden + t->nden == 1) {
        if (t->cden) sq(q, it_expr(((LyRational *)c)->den, PR_DIVIDE + 1, 0));
        else sq(q, it_iter(OP_DEN1, single_factor(e, t->first, true), 0, 0, NULL, 0, 0, 0));
    } else {
        sq(q, it_lit("("));
        if (t->cden) sq(q, it_expr(((LyRational *)c)->den, 0, 0));
        sq(q, it_iter(OP_DFACT, e, t->first, n, NULL, 0, t->cden ? 0 : F_FIRST, 0));
        sq(q, it_lit(")"));
    }
}

static void write_times(Printer *P, LyExpr e, const Lay *L) {
    const TimesPlan *t = &L->tp;
    Seq q = { .n = 0 };
    if (t->mode == TM_MINUS) {
        sq(&q, it_lit("-"));
        if (ly_nlen(e) == 2) {
            sq(&q, it_expr(ly_narg(e, 2), PR_MINUS + 1, F_NOSIGN));
        } else {
            sq(&q, it_lit("("));
            add_times_body(P, e, t, t->inner, &q);
            sq(&q, it_lit(")"));
        }
    } else {
        add_times_body(P, e, t, t->mode, &q);
    }
    push_seq(P, &q);
}

/* Power[b, k] below the fraction line, written as b^-k. */
static void push_den(Printer *P, LyExpr f, bool single) {
    LyExpr b = ly_narg(f, 1), k = ly_narg(f, 2);
    if (is_small_val(k, -1)) {
        push_expr(P, b, single ? PR_DIVIDE + 1 : PR_TIMES + 1, F_NOSIGN);
    } else if (is_rat_val(k, -1, 2)) {
        push_lit(P, "]");
        push_expr(P, b, 0, 0);
        push_lit(P, "Sqrt[");
    } else {
        push_expr(P, k, PR_POWER, F_NEG | F_NOSIGN);
        push_lit(P, "^");
        push_expr(P, b, PR_POWER + 1, F_NOSIGN);
    }
}

static void write_call(Printer *P, LyExpr e, unsigned headmin) {
    push_lit(P, "]");
    push(P, it_iter(OP_SEQ, e, 1, ly_nlen(e), ", ", 0, F_FIRST, 0));
    push_lit(P, "[");
    push_expr(P, ly_nhead(e), headmin, 0);
}

static void write_op(Printer *P, LyExpr e, const OpDef *d) {
    unsigned p = d->prec;
    switch (d->kind) {
    case OK_FLAT:
        push(P, it_iter(OP_SEQ, e, 1, ly_nlen(e), d->text, p + 1, F_FIRST, 0));
        break;
    case OK_LEFT: case OK_RIGHT: case OK_NONE:
        push_expr(P, ly_narg(e, 2), d->kind == OK_RIGHT ? p : p + 1, 0);
        push_lit(P, d->text);
        push_expr(P, ly_narg(e, 1), d->kind == OK_LEFT ? p : p + 1, 0);
        break;
    case OK_PREFIX:
        put(P, d->text);
        push_expr(P, ly_narg(e, 1), p + 1, 0);
        break;
    case OK_POSTFIX:
        if (d->sym == LY_SYMI_Repeated || d->sym == LY_SYMI_RepeatedNull)
            push(P, (Item){ .s = d->text, .op = OP_DOTS });
        else
            push_lit(P, d->text);
        push_expr(P, ly_narg(e, 1), p + 1, 0);
        break;
    }
}

/* ---- Short and Shallow ------------------------------------------------------------------ */

enum { BUF_SKEL = 1 };
static void buf_expr(LyBuf *b, LyExpr e, LyForm form, int flags);

static LyExpr skeleton(LyVM *vm, size_t k) {
    return ly_mk(vm, LY_SYM(Skeleton), 1, lyv_int_from_int64(vm, (int64_t)k));
}

/* Shallow: parts below depth become h[<<k>>], and only the first len
 * elements of any part are kept (the rest <<k>>).  Recursion is bounded by
 * depth (a small number), not by the expression. */
LyExpr lyv_shallow(LyVM *vm, LyExpr e, int64_t depth, int64_t len) {
    LyExpr u = ly_is_packed(e) ? ly_unpack(vm, e) : (ly_ref(e), e);
    if (!u || !ly_is_normal(u) || ly_nlen(u) == 0) return u;
    size_t n = ly_nlen(u), keep = depth <= 0 ? 0 : (len >= 0 && (size_t)len < n ? (size_t)len : n);
    size_t m = keep + (keep < n);
    LyExpr r = ly_mknormal(vm, ly_nhead(u), m);
    if (!r) { ly_unref(vm, u); return NULL; }
    ly_ref(ly_nhead(u));
    for (size_t i = 1; i <= keep; i++) {
        LyExpr x = lyv_shallow(vm, ly_narg(u, i), depth - 1, len);
        if (!x) { for (size_t j = i; j <= m; j++) ly_nset(r, j, LY_SYM(Null)); ly_unref(vm, r); ly_unref(vm, u); return NULL; }
        ly_nset(r, i, x);
    }
    if (keep < n) {
        LyExpr k = skeleton(vm, n - keep);
        ly_nset(r, m, k ? k : LY_SYM(Null));
        if (!k) { ly_unref(vm, r); r = NULL; }
    }
    ly_unref(vm, u);
    return r;
}

/* More than cap parts (heads, arguments, elements) in e?  Every part
 * takes a character at least, so then its text is longer than cap.  Work
 * O(cap), an explicit stack. */
static bool more_parts_than(LyVM *vm, LyExpr e, size_t cap, bool *oom) {
    typedef struct { LyExpr e; size_t i; } Frame;
    size_t n = 0, sp = 0, fcap = cap + 1;
    Frame *st = ly_alloc(vm, fcap * sizeof *st);
    if (!st) { *oom = true; return true; }
    bool more = false;
    st[sp++] = (Frame){ e, 0 };
    while (sp > 0 && !more) {
        Frame *f = &st[sp - 1];
        LyExpr x = f->e;
        if (f->i == 0) {
            if (++n > cap) { more = true; break; }
            if (ly_is_packed(x)) {
                size_t k = ly_packed(x)->len;        /* every element */
                if (n + k > cap) { more = true; break; }
                n += k;
                sp--;
                continue;
            }
            if (ly_type(x) == LY_TASSOC && ly_assoc(x)->len * 2 + n > cap) { more = true; break; }
            if (!ly_is_normal(x)) { sp--; continue; }
        }
        if (f->i >= ly_nlen(x)) { sp--; continue; }
        f->i++;
        if (sp == fcap) { more = true; break; }
        st[sp++] = (Frame){ ly_narg(x, f->i), 0 };
    }
    ly_dealloc(vm, st, fcap * sizeof *st);
    return more;
}

/* Length of the text of e in form, or SIZE_MAX past limit (or out of
 * memory: then *oom is set, so that Short does not cut what fits).  O(limit)
 * work when e is large. */
static size_t text_len(LyVM *vm, LyExpr e, LyForm form, size_t limit, bool *oom) {
    if (more_parts_than(vm, e, limit, oom)) return SIZE_MAX;
    LyBuf t;
    ly_buf_init(&t, vm);
    buf_expr(&t, e, form, BUF_SKEL);
    if (t.oom) *oom = true;
    size_t n = t.oom || t.len > limit ? SIZE_MAX : t.len;
    ly_buf_free(&t);
    return n;
}

/* Short: e cut to about budget characters.  The elements of the outermost
 * part are kept alternately from the front and the back while they fit,
 * the middle becomes <<k>>; when not even one fits, the first is
 * shortened in turn (a loop down the first elements, not recursion). */
static LyExpr shorten(LyVM *vm, LyExpr e, LyForm form, size_t budget) {
    LyExpr top = NULL, *slot = &top;
    LyExpr cur = e;
    bool oom = false;
    ly_ref(cur);                            /* cur: one reference owned here */
    for (;;) {
        if (text_len(vm, cur, form, budget, &oom) <= budget) { *slot = cur; return top; }
        if (oom) { ly_unref(vm, cur); ly_unref(vm, top); return NULL; }
        if (budget <= 8) {                  /* no room left: all of it is <<1>> */
            ly_unref(vm, cur);
            LyExpr sk = skeleton(vm, 1);
            if (!sk) { ly_unref(vm, top); return NULL; }
            *slot = sk;
            return top;
        }
        if (ly_is_string(cur)) {
            /* a long string: its ends with <<k>> characters left out */
            const LyString *str = ly_str(cur);
            size_t keep = budget > 16 ? (budget - 8) / 2 : 4, a = keep, b = str->len - keep;
            if (2 * keep < str->len) {
                while (a > 0 && ((unsigned char)str->s[a] & 0xC0) == 0x80) a--;
                while (b < str->len && ((unsigned char)str->s[b] & 0xC0) == 0x80) b++;
                size_t mid = 0;
                for (size_t i = a; i < b; i++) mid += ((unsigned char)str->s[i] & 0xC0) != 0x80;
                LyBuf t;
                ly_buf_init(&t, vm);
                ly_buf_put(&t, str->s, a);
                ly_buf_printf(&t, "<<%zu>>", mid);
                ly_buf_put(&t, str->s + b, str->len - b);
                LyExpr ns = t.oom ? NULL : ly_mkstring(vm, t.p, t.len);
                ly_buf_free(&t);
                ly_unref(vm, cur);
                if (!ns) { ly_unref(vm, top); return NULL; }
                *slot = ns;
                return top;
            }
        }
        LyExpr u = ly_is_packed(cur) ? ly_unpack(vm, cur) : (ly_ref(cur), cur);
        ly_unref(vm, cur);
        if (!u) { ly_unref(vm, top); return NULL; }
        if (!ly_is_normal(u) || ly_nlen(u) == 0) { *slot = u; return top; }
        size_t n = ly_nlen(u);
        size_t head = text_len(vm, ly_nhead(u), form, budget, &oom);
        size_t used = (head == SIZE_MAX ? budget : head) + 2 + 10;    /* h[ ], <<k>>, */
        size_t front = 0, back = 0;
        bool full = false;
        while (front + back < n) {
            bool takefront = front <= back;
            LyExpr x = ly_narg(u, takefront ? front + 1 : n - back);
            size_t l = used < budget ? text_len(vm, x, form, budget - used, &oom) : SIZE_MAX;
            if (l == SIZE_MAX || used + l + 2 > budget) { full = true; break; }
            used += l + 2;
            if (takefront) front++; else back++;
        }
        if (oom) { ly_unref(vm, u); ly_unref(vm, top); return NULL; }
        if (!full) { *slot = u; return top; }
        bool deeper = front == 0;           /* not even the first fits: shorten it */
        size_t first = deeper ? 1 : front, omitted = n - first - back;
        size_t m = first + (omitted > 0) + back;
        LyExpr r = ly_mknormal(vm, ly_nhead(u), m);
        LyExpr sk = omitted > 0 ? skeleton(vm, omitted) : NULL;
        if (!r || (omitted > 0 && !sk)) {
            if (r) { for (size_t i = 1; i <= m; i++) ly_nset(r, i, LY_SYM(Null)); ly_unref(vm, r); }
            ly_unref(vm, sk); ly_unref(vm, u); ly_unref(vm, top);
            return NULL;
        }
        ly_ref(ly_nhead(u));
        size_t k = 1;
        if (deeper) ly_nset(r, k++, LY_SYM(Null));     /* filled in the next round */
        for (size_t i = 1; i <= front; i++, k++) { ly_ref(ly_narg(u, i)); ly_nset(r, k, ly_narg(u, i)); }
        if (sk) ly_nset(r, k++, sk);
        for (size_t i = n - back + 1; i <= n; i++, k++) { ly_ref(ly_narg(u, i)); ly_nset(r, k, ly_narg(u, i)); }
        *slot = r;
        if (!deeper) { ly_unref(vm, u); return top; }
        cur = ly_narg(u, 1);
        ly_ref(cur);
        ly_unref(vm, u);
        slot = &ly_normal(r)->e[1];
        if (!is_form_wrapper(r)) budget = budget > 20 ? budget - 12 : 8;   /* InputForm[...] costs nothing */
    }
}

/* Short[e, n] / Shallow[e, spec]: a cut copy of e written in place. */
static void write_short(Printer *P, LyExpr e) {
    LyVM *vm = P->b->vm;
    LyExpr x = ly_narg(e, 1), t = NULL;
    if (IS(ly_nhead(e), Shallow)) {
        int64_t depth = 4, len = 10;
        LyExpr spec = ly_nlen(e) == 2 ? ly_narg(e, 2) : NULL;
        LyExpr ds = spec, ls = NULL;
        if (spec && ly_head_is(spec, LY_SYM(List)) && ly_nlen(spec) == 2) { ds = ly_narg(spec, 1); ls = ly_narg(spec, 2); }
        if (ds && ly_is_small(ds) && ly_small(ds) >= 0) depth = ly_small(ds);
        else if (ds == LY_SYM(Infinity) || ly_head_is(ds, LY_SYM(DirectedInfinity))) depth = INT64_MAX;
        if (ls && ly_is_small(ls) && ly_small(ls) >= 0) len = ly_small(ls);
        else if (ls == LY_SYM(Infinity) || ly_head_is(ls, LY_SYM(DirectedInfinity))) len = -1;
        t = lyv_shallow(vm, x, depth > 1000 ? 1000 : depth, len);
    } else {
        double lines = 1;
        if (ly_nlen(e) == 2) {
            LyExpr a = ly_narg(e, 2);
            if (ly_is_small(a)) lines = (double)ly_small(a);
            else if (ly_type(a) == LY_TREAL) lines = ly_realv(a);
        }
        if (!(lines > 0)) lines = 1;
        if (lines > 1000) lines = 1000;
        t = shorten(vm, x, P->form, (size_t)(70 * lines));
    }
    if (!t) { P->b->oom = true; return; }
    buf_expr(P->b, t, P->form, BUF_SKEL);
    ly_unref(vm, t);
}

static void write_node(Printer *P, LyExpr e, bool neg, const Lay *L) {
    if (!e) { put(P, "Null"); return; }
    if (ly_is_number(e) || ly_is_bigreal(e)) { write_number(P, e, neg); return; }
    switch (ly_type(e)) {
    case 0: put_sym(P, e); return;     /* symbols (small ints are numbers) */
    case LY_TSTRING: write_string(P, ly_str(e)); return;
    case LY_TPACKED: write_packed(P, ly_packed(e)); return;
    case LY_TFOREIGN: write_foreign(P, (const LyForeign *)e); return;
    case LY_TASSOC: {
        LyAssoc *a = ly_assoc(e);
        bool full = P->form == LY_FORM_FULL;
        put(P, full ? "Association[" : "<|");
        push_lit(P, full ? "]" : "|>");
        push(P, it_iter(OP_ASEQ, e, 0, a->len, ", ", 0, F_FIRST, 0));
        return;
    }
    case LY_TNORMAL: break;
    default: put(P, "<?>"); return;
    }
    size_t n = ly_nlen(e);
    switch (L->kind) {
    case L_HOOK:
        if ((P->form == LY_FORM_OUTPUT ? P->b->vm->format_hook : P->b->vm->input_format_hook)(P->b, e)) return;
        write_call(P, e, PR_CALL);
        return;
    case L_CALL:
        write_call(P, e, P->form == LY_FORM_FULL ? 0 : PR_CALL);
        return;
    case L_LIST:
        put(P, "{");
        push_lit(P, "}");
        push(P, it_iter(OP_SEQ, e, 1, n, ", ", 0, F_FIRST, 0));
        return;
    case L_ASSOCN:
        put(P, "<|");
        push_lit(P, "|>");
        push(P, it_iter(OP_SEQ, e, 1, n, ", ", 0, F_FIRST, 0));
        return;
    case L_OP:
        write_op(P, e, L->op);
        return;
    case L_PLUS:
        if (n >= 2) push(P, it_iter(OP_PLUS, e, 2, n, NULL, 0, 0, 0));
        push_expr(P, ly_narg(e, 1), PR_PLUS + 1, 0);
        return;
    case L_TIMES:
        write_times(P, e, L);
        return;
    case L_POWER:
        push_expr(P, ly_narg(e, 2), PR_POWER, F_NOSIGN);
        push_lit(P, "^");
        push_expr(P, ly_narg(e, 1), PR_POWER + 1, F_NOSIGN);
        return;
    case L_SQRT: case L_RECIPSQRT:
        put(P, L->kind == L_SQRT ? "Sqrt[" : "1/Sqrt[");
        push_lit(P, "]");
        push_expr(P, ly_narg(e, 1), 0, 0);
        return;
    case L_RECIP:
        put(P, "1/");
        if (is_small_val(ly_narg(e, 2), -1)) push_expr(P, ly_narg(e, 1), PR_DIVIDE + 1, F_NOSIGN);
        else push_den(P, e, true);
        return;
    case L_PART:
        push_lit(P, "]]");
        push(P, it_iter(OP_SEQ, e, 2, n, ", ", 0, F_FIRST, 0));
        push_lit(P, "[[");
        push_expr(P, ly_narg(e, 1), PR_CALL, 0);
        return;
    case L_SLOT: {
        LyExpr a = ly_narg(e, 1);
        put(P, IS(ly_nhead(e), Slot) ? "#" : "##");
        if (ly_is_string(a)) ly_buf_put(P->b, ly_str(a)->s, ly_str(a)->len);
        else write_int(P, a, false);
        return;
    }
    case L_BLANK:
        write_blank(P, e);
        return;
    case L_PATSHORT:
        write_pattern_short(P, e);
        return;
    case L_OPTSHORT:
        write_pattern_short(P, ly_narg(e, 1));
        put(P, ".");
        return;
    case L_PATTERN:
        put_sym(P, ly_narg(e, 1));
        put(P, ":");
        push_expr(P, ly_narg(e, 2), PR_PATTERN + 1, 0);
        return;
    case L_OPTIONAL:
        write_pattern_short(P, ly_narg(e, 1));
        put(P, ":");
        push_expr(P, ly_narg(e, 2), PR_OPTIONAL + 1, 0);
        return;
    case L_COMPOUND:
        if (IS(ly_narg(e, n), Null)) {
            push_lit(P, "; ");
            push(P, it_iter(OP_SEQ, e, 1, n - 1, "; ", PR_COMPOUND + 1, F_FIRST, 0));
        } else {
            push(P, it_iter(OP_SEQ, e, 1, n, "; ", PR_COMPOUND + 1, F_FIRST, 0));
        }
        return;
    case L_INEQ:
        push(P, it_iter(OP_INEQ, e, 1, n, NULL, 0, 0, 0));
        return;
    case L_MSGNAME:
        put_sym(P, ly_narg(e, 1));
        put(P, "::");
        ly_buf_put(P->b, ly_str(ly_narg(e, 2))->s, ly_str(ly_narg(e, 2))->len);
        return;
    case L_TAGSET:
        push_expr(P, ly_narg(e, 3), PR_SET, 0);
        push_lit(P, IS(ly_nhead(e), TagSet) ? " = " : " := ");
        push_expr(P, ly_narg(e, 2), PR_SET + 1, 0);
        push_lit(P, " /: ");
        push_expr(P, ly_narg(e, 1), PR_SET + 1, 0);
        return;
    case L_DIRINF:
        push_lit(P, " Infinity");
        push_expr(P, ly_narg(e, 1), PR_TIMES, 0);
        return;
    case L_INFINITY:
        put(P, n == 0 ? "ComplexInfinity" : is_small_val(ly_narg(e, 1), 1) ? "Infinity" : "-Infinity");
        return;
    case L_DERIV: {
        int64_t k = deriv_order(e);
        put_sym(P, ly_narg(e, 1));
        for (int64_t i = 0; i < k; i++) put(P, "'");
        return;
    }
    case L_SKEL:
        put(P, "<<");
        push_lit(P, ">>");
        push_expr(P, ly_narg(e, 1), 0, 0);
        return;
    case L_SHORT:
        write_short(P, e);
        return;
    case L_DEFN: {
        size_t start = P->b->len;
        for (size_t i = 1; i <= n; i++) {
            size_t before = P->b->len;
            if (before > start) put(P, "\n\n");
            size_t mark = P->b->len;
            lyv_print_definition(P->b->vm, ly_narg(e, i), P->b);
            if (P->b->len == mark && P->b->p) {           /* nothing: no separator */
                P->b->len = before;
                P->b->p[before] = 0;
            }
        }
        if (P->b->len == start) put(P, "Null");
        return;
    }
    case L_WRAP: {
        LyForm saved = P->form;
        while (is_wrapper(P, e)) { P->form = wrapper_form(P, e); e = ly_narg(e, 1); }
        push(P, (Item){ .op = OP_FORM, .flags = (uint8_t)saved });
        push_expr(P, e, 0, 0);
        return;
    }
    default:
        write_call(P, e, PR_CALL);
        return;
    }
}

static void emit_expr(Printer *P, LyExpr e, unsigned minprec, unsigned flags) {
    Lay L;
    bool neg = (flags & F_NEG) != 0;
    layout(P, e, neg, &L);
    bool paren = L.prec < minprec || ((flags & F_NOSIGN) && lay_sign(P, &L));
    if (paren) {
        put(P, "(");
        push_lit(P, ")");
    }
    write_node(P, e, neg, &L);
}

static void step(Printer *P, Item it) {
    switch (it.op) {
    case OP_EXPR:
        emit_expr(P, it.e, it.prec, it.flags);
        return;
    case OP_LIT:
        put(P, it.s);
        return;
    case OP_FORM:
        P->form = (LyForm)it.flags;
        return;
    case OP_DOTS:
        /* "1. .." not "1..." */
        if (P->b->len > 0 && P->b->p[P->b->len - 1] == '.') put(P, " ");
        put(P, it.s);
        return;
    case OP_SEQ: case OP_ASEQ: {
        if (it.i > it.n || (it.op == OP_ASEQ && it.i >= it.n)) return;
        if (!(it.flags & F_FIRST)) put(P, it.s);
        Item nx = it;
        nx.i++;
        nx.flags &= (uint8_t)~F_FIRST;
        LyExpr x = it.op == OP_SEQ ? ly_narg(it.e, it.i) : ly_assoc(it.e)->rules[it.i];
        if (nx.i <= nx.n && !(it.op == OP_ASEQ && nx.i >= nx.n)) push(P, nx);
        push_expr(P, x, it.prec, it.cflags);
        return;
    }
    case OP_PLUS: {
        LyExpr t = ly_narg(it.e, it.i);
        bool negt = is_negform(t, P->form == LY_FORM_OUTPUT);
        put(P, negt ? " - " : " + ");
        if (it.i < it.n) { Item nx = it; nx.i++; push(P, nx); }
        if (negt && ly_is_normal(t) && ly_nlen(t) == 2 && is_small_val(ly_narg(t, 1), -1)) {
            /* a - x for Plus[a, Times[-1, x]]: x as it prints alone (a - x^(-2)),
             * a product kept whole (a - (b*c) reads back as Times[-1, Times[b, c]]) */
            LyExpr x = ly_narg(t, 2);
            push_expr(P, x, ly_head_is(x, LY_SYM(Times)) ? PR_TIMES + 1 : PR_PLUS + 1, F_NOSIGN);
        } else {
            push_expr(P, t, PR_PLUS + 1, negt ? F_NEG | F_NOSIGN : 0);
        }
        return;
    }
    case OP_FACT: case OP_DFACT: {
        bool den = it.op == OP_DFACT;
        size_t i = it.i;
        while (i <= it.n && is_den(ly_narg(it.e, i)) != den) i++;
        if (i > it.n) return;
        if (!(it.flags & F_FIRST)) put(P, times_sep(P));
        Item nx = it;
        nx.i = i + 1;
        nx.flags &= (uint8_t)~F_FIRST;
        if (nx.i <= nx.n) push(P, nx);
        if (den) push_den(P, ly_narg(it.e, i), false);
        else push_expr(P, ly_narg(it.e, i), PR_TIMES + 1, (it.flags & F_FIRST) ? 0 : F_NOSIGN);
        return;
    }
    case OP_DEN1:
        push_den(P, it.e, true);
        return;
    case OP_INEQ: {
        if (it.i > it.n) return;
        Item nx = it;
        nx.i++;
        if (it.i % 2 == 0) {
            put(P, compare_text(ly_narg(it.e, it.i)));
            push(P, nx);
        } else {
            if (nx.i <= nx.n) push(P, nx);
            push_expr(P, ly_narg(it.e, it.i), PR_COMPARE + 1, 0);
        }
        return;
    }
    default:
        return;
    }
}

/* ---- entry points ------------------------------------------------------------------------- */

void ly_buf_expr(LyBuf *b, LyExpr e, LyForm form) { buf_expr(b, e, form, 0); }
void lyv_buf_expr_skel(LyBuf *b, LyExpr e, LyForm form) { buf_expr(b, e, form, BUF_SKEL); }

static void buf_expr(LyBuf *b, LyExpr e, LyForm form, int flags) {
    if (b->oom) return;
    /* a form wrapper at the top chooses the form (Wolfram's Out//InputForm) */
    if (form != LY_FORM_FULL && is_form_wrapper(e)) {
        LyExpr h = ly_nhead(e);
        form = IS(h, InputForm) ? LY_FORM_INPUT : IS(h, FullForm) ? LY_FORM_FULL : LY_FORM_OUTPUT;
        e = ly_narg(e, 1);
    }
    Printer P;
    P.b = b;
    P.form = form;
    P.skel = (flags & BUF_SKEL) != 0;
    P.stk = P.local;
    P.sp = 0;
    P.cap = sizeof P.local / sizeof P.local[0];
    push_expr(&P, e, 0, 0);
    while (P.sp > 0 && !b->oom) {
        Item it = P.stk[--P.sp];
        step(&P, it);
    }
    if (P.stk != P.local) ly_dealloc(b->vm, P.stk, P.cap * sizeof *P.stk);
}

char *ly_tostring(LyVM *vm, LyExpr e, LyForm form) {
    lyv_owner_check(vm);
    LyBuf b;
    ly_buf_init(&b, vm);
    ly_buf_expr(&b, e, form);
    if (b.oom) { ly_buf_free(&b); return NULL; }
    /* ly_free releases strlen(s) + 1 bytes, so stop at an embedded NUL */
    size_t n = b.p ? strlen(b.p) : 0;
    char *s = ly_alloc(vm, n + 1);
    if (s) {
        if (n) memcpy(s, b.p, n);
        s[n] = 0;
    }
    ly_buf_free(&b);
    return s;
}
