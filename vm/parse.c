/*
 * parse.c — text to expressions.
 *
 * DESIGN
 * An operator-precedence machine with two explicit stacks, so no input, however
 * deeply nested, can overflow the C stack:
 *   - the operand stack holds finished expressions, each with a few flag bits
 *     describing its syntax (a bare symbol, a pattern, a number literal, an
 *     unparenthesised a*b ...) that some constructs need: x:p vs p:default,
 *     negating a - 2 to Plus[a, -2], a - b c to Times[-1, b, c];
 *   - the operator stack holds pending operators and open groups (brackets,
 *     braces, parentheses, <| |>).  A pending operator records the index of its
 *     first operand in the operand stack, so reducing it takes every operand
 *     above that index: n-ary operators (a + b + c, a < b <= c) simply keep
 *     collecting operands.
 * The machine alternates between "expecting an operand" and "after an
 * operand"; the same token may mean different things in the two states
 * (prefix/infix '-', prefix Not/postfix Factorial '!', implicit
 * multiplication when an operand follows an operand).
 *
 * Precedences are those of the Wolfram Language, with the kernel's actual
 * order where it differs from the documented values (as recorded by
 * Wolfram's own CodeParser): && binds tighter than ||, === is looser than ==,
 * ;; is looser than +, @* and RightComposition are tighter than @, postfix ++ is tighter
 * than prefix ++.  Abstract forms follow the 12.2+ kernel: a/b/c is
 * Times[Times[a, Power[b, -1]], Power[c, -1]], -a b is Times[Times[-1, a], b].
 *
 * Without a VM (lyv_parse_incomplete) the same machine runs on dummy operands:
 * the flags carry all the syntax it needs, and nothing is allocated but the
 * stacks.
 */
#include "parse.h"
#include "lex.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>

/* ---- operators ---------------------------------------------------------------- */

enum {
    /* groups (prec 0: reductions stop at them) */
    OP_PAREN, OP_CALL, OP_PART, OP_LIST, OP_ASSOC, OP_METHOD,
    OP_FIRST_OPERATOR,
    OP_COMPOUND = OP_FIRST_OPERATOR,
    OP_SET, OP_SETDELAYED, OP_UPSET, OP_UPSETDELAYED, OP_FUNCARROW,
    OP_TAG1, OP_TAGSET, OP_TAGSETDELAYED,
    OP_POSTFIXAPP, OP_APPLYTO,
    OP_ADDTO, OP_SUBFROM, OP_TIMESBY, OP_DIVBY,
    OP_REPLACEALL, OP_REPLACEREP, OP_RULE, OP_RULEDELAYED, OP_TWOWAY,
    OP_CONDITION, OP_STRINGEXPR, OP_OPTIONAL, OP_PATTERN, OP_ALT,
    OP_IMPLIES, OP_EQUIVALENT, OP_OR, OP_NOR, OP_XOR, OP_AND, OP_NAND, OP_NOT,
    OP_ELEMENT, OP_NOTELEMENT, OP_DISTRIBUTED, OP_SAMEQ, OP_UNSAMEQ, OP_INEQ,
    OP_DEDGE, OP_UEDGE, OP_SPAN,
    OP_PLUS, OP_NEG, OP_PLUSMINUS, OP_TIMES, OP_CENTERDOT, OP_CIRCLETIMES, OP_DIVIDE,
    OP_UMINUS, OP_UPLUS, OP_UPLUSMINUS, OP_DOT, OP_CROSS, OP_NCM, OP_SQRT, OP_POWER,
    OP_STRINGJOIN, OP_MAP, OP_MAPALL, OP_APPLY, OP_APPLY1, OP_TILDE1, OP_TILDE2,
    OP_AT, OP_RCOMPOSE, OP_COMPOSE, OP_PREINC, OP_PREDEC, OP_PATTERNTEST,
    OP_NKINDS
};

enum { A_LEFT, A_RIGHT, A_NARY, A_PREFIX };

/* precedence values (higher binds tighter) */
enum {
    P_COMPOUND = 10, P_PUT = 30, P_SET = 40, P_TAG = 45, P_POSTFIX = 70, P_APPLYTO = 75,
    P_FUNCTION = 90, P_ADDTO = 100, P_REPLACE = 110, P_RULE = 120, P_TWOWAY = 125,
    P_CONDITION = 130, P_STRINGEXPR = 135, P_OPTIONAL = 140, P_PATTERN = 150, P_ALT = 160,
    P_REPEATED = 170, P_IMPLIES = 200, P_EQUIVALENT = 205, P_OR = 215, P_XOR = 217,
    P_AND = 220, P_NOT = 230, P_ELEMENT = 250, P_SAMEQ = 260, P_INEQ = 290, P_EDGE = 295,
    P_SPAN = 298, P_PLUS = 310, P_TIMES = 400, P_CENTERDOT = 410, P_CIRCLETIMES = 420,
    P_DIVIDE = 470, P_UMINUS = 480, P_DOT = 490, P_CROSS = 500, P_NCM = 510, P_SQRT = 570,
    P_POWER = 590, P_STRINGJOIN = 600, P_DERIV = 605, P_FACTORIAL = 610, P_MAP = 620,
    P_TILDE = 630, P_AT = 640, P_RCOMPOSE = 645, P_COMPOSE = 648, P_PREINC = 660,
    P_INCR = 665, P_CALL = 670, P_PATTERNTEST = 680, P_MESSAGENAME = 750
};

typedef struct OpInfo { uint16_t prec; uint8_t assoc; const char *head; } OpInfo;

static const OpInfo optab[OP_NKINDS] = {
    [OP_COMPOUND] = {P_COMPOUND, A_NARY, "CompoundExpression"},
    [OP_SET] = {P_SET, A_RIGHT, "Set"}, [OP_SETDELAYED] = {P_SET, A_RIGHT, "SetDelayed"},
    [OP_UPSET] = {P_SET, A_RIGHT, "UpSet"}, [OP_UPSETDELAYED] = {P_SET, A_RIGHT, "UpSetDelayed"},
    [OP_FUNCARROW] = {P_SET, A_RIGHT, "Function"},
    [OP_TAG1] = {P_TAG, A_RIGHT, NULL},
    [OP_TAGSET] = {P_SET, A_RIGHT, "TagSet"}, [OP_TAGSETDELAYED] = {P_SET, A_RIGHT, "TagSetDelayed"},
    [OP_POSTFIXAPP] = {P_POSTFIX, A_LEFT, NULL}, [OP_APPLYTO] = {P_APPLYTO, A_RIGHT, "ApplyTo"},
    [OP_ADDTO] = {P_ADDTO, A_RIGHT, "AddTo"}, [OP_SUBFROM] = {P_ADDTO, A_RIGHT, "SubtractFrom"},
    [OP_TIMESBY] = {P_ADDTO, A_RIGHT, "TimesBy"}, [OP_DIVBY] = {P_ADDTO, A_RIGHT, "DivideBy"},
    [OP_REPLACEALL] = {P_REPLACE, A_LEFT, "ReplaceAll"},
    [OP_REPLACEREP] = {P_REPLACE, A_LEFT, "ReplaceRepeated"},
    [OP_RULE] = {P_RULE, A_RIGHT, "Rule"}, [OP_RULEDELAYED] = {P_RULE, A_RIGHT, "RuleDelayed"},
    [OP_TWOWAY] = {P_TWOWAY, A_RIGHT, "TwoWayRule"},
    [OP_CONDITION] = {P_CONDITION, A_LEFT, "Condition"},
    [OP_STRINGEXPR] = {P_STRINGEXPR, A_NARY, "StringExpression"},
    [OP_OPTIONAL] = {P_OPTIONAL, A_LEFT, "Optional"},
    [OP_PATTERN] = {P_PATTERN, A_LEFT, "Pattern"},
    [OP_ALT] = {P_ALT, A_NARY, "Alternatives"},
    [OP_IMPLIES] = {P_IMPLIES, A_RIGHT, "Implies"},
    [OP_EQUIVALENT] = {P_EQUIVALENT, A_NARY, "Equivalent"},
    [OP_OR] = {P_OR, A_NARY, "Or"}, [OP_NOR] = {P_OR, A_NARY, "Nor"},
    [OP_XOR] = {P_XOR, A_NARY, "Xor"},
    [OP_AND] = {P_AND, A_NARY, "And"}, [OP_NAND] = {P_AND, A_NARY, "Nand"},
    [OP_NOT] = {P_NOT, A_PREFIX, "Not"},
    [OP_ELEMENT] = {P_ELEMENT, A_LEFT, "Element"}, [OP_NOTELEMENT] = {P_ELEMENT, A_LEFT, "NotElement"},
    [OP_DISTRIBUTED] = {P_ELEMENT, A_LEFT, "Distributed"},
    [OP_SAMEQ] = {P_SAMEQ, A_NARY, "SameQ"}, [OP_UNSAMEQ] = {P_SAMEQ, A_NARY, "UnsameQ"},
    [OP_INEQ] = {P_INEQ, A_NARY, NULL},
    [OP_DEDGE] = {P_EDGE, A_RIGHT, "DirectedEdge"}, [OP_UEDGE] = {P_EDGE, A_RIGHT, "UndirectedEdge"},
    [OP_SPAN] = {P_SPAN, A_LEFT, "Span"},
    [OP_PLUS] = {P_PLUS, A_NARY, "Plus"}, [OP_NEG] = {P_PLUS, A_PREFIX, NULL},
    [OP_PLUSMINUS] = {P_PLUS, A_NARY, "PlusMinus"},
    [OP_TIMES] = {P_TIMES, A_NARY, "Times"},
    [OP_CENTERDOT] = {P_CENTERDOT, A_NARY, "CenterDot"},
    [OP_CIRCLETIMES] = {P_CIRCLETIMES, A_NARY, "CircleTimes"},
    [OP_DIVIDE] = {P_DIVIDE, A_LEFT, NULL},
    [OP_UMINUS] = {P_UMINUS, A_PREFIX, NULL}, [OP_UPLUS] = {P_UMINUS, A_PREFIX, "Plus"},
    [OP_UPLUSMINUS] = {P_UMINUS, A_PREFIX, "PlusMinus"},
    [OP_DOT] = {P_DOT, A_NARY, "Dot"}, [OP_CROSS] = {P_CROSS, A_NARY, "Cross"},
    [OP_NCM] = {P_NCM, A_NARY, "NonCommutativeMultiply"},
    [OP_SQRT] = {P_SQRT, A_PREFIX, "Sqrt"},
    [OP_POWER] = {P_POWER, A_RIGHT, "Power"},
    [OP_STRINGJOIN] = {P_STRINGJOIN, A_NARY, "StringJoin"},
    [OP_MAP] = {P_MAP, A_RIGHT, "Map"}, [OP_MAPALL] = {P_MAP, A_RIGHT, "MapAll"},
    [OP_APPLY] = {P_MAP, A_RIGHT, "Apply"}, [OP_APPLY1] = {P_MAP, A_RIGHT, "Apply"},
    [OP_TILDE1] = {P_TILDE, A_LEFT, NULL}, [OP_TILDE2] = {P_TILDE, A_LEFT, NULL},
    [OP_AT] = {P_AT, A_RIGHT, NULL},
    [OP_RCOMPOSE] = {P_RCOMPOSE, A_NARY, "RightComposition"},
    [OP_COMPOSE] = {P_COMPOSE, A_NARY, "Composition"},
    [OP_PREINC] = {P_PREINC, A_PREFIX, "PreIncrement"},
    [OP_PREDEC] = {P_PREINC, A_PREFIX, "PreDecrement"},
    [OP_PATTERNTEST] = {P_PATTERNTEST, A_LEFT, "PatternTest"},
};

typedef struct Op {
    uint16_t kind;
    uint16_t prec;
    uint32_t aux;
    size_t base;        /* index of the first operand */
    size_t pos;         /* source offset of the operator (for messages) */
} Op;

/* operand flags */
enum {
    F_SYM = 1,      /* a bare symbol */
    F_PAT = 2,      /* a pattern: x_, _h, x:p, p?t */
    F_NUM = 4,      /* a number literal, possibly parenthesised */
    F_TIMES = 8,    /* an unparenthesised a*b / a b */
    F_UPLUS = 16,   /* an unparenthesised prefix +a */
    F_MSG = 32      /* an unparenthesised a::b */
};

enum { S_OPERAND, S_OPTIONAL, S_AFTER };
enum { L_START, L_OPEN, L_COMMA, L_OP };

typedef struct Parser {
    LyVM *vm;           /* NULL: syntax check only (dummy operands) */
    LyLexer lx;
    LyToken tok;
    const char *src;
    size_t len;

    LyExpr *ov;         /* operands */
    uint8_t *of;
    size_t on, ocap;    /* ocap: capacity of of (and at most that of ov) */
    size_t ovcap;
    Op *ops;
    size_t nops, opcap;
    LyExpr *st;         /* finished statements */
    size_t nst, stcap;

    int state, last;
    bool implicit_all;  /* S_OPTIONAL after ';;' (All) rather than ';' (Null) */
    size_t frames;      /* open groups */

    LyExpr heads[OP_NKINDS];   /* head symbols of the operators, interned on first use */

    LyStatus status;
    size_t errpos;
    bool eof;           /* the error is "more input needed" */
    bool at_eof;        /* reducing at the end of input */
    char msg[200];
    bool done;
} Parser;

#define DUMMY ly_mksmall(0)

/* ---- allocation ---------------------------------------------------------------- */

static void *p_realloc(Parser *p, void *ptr, size_t osize, size_t nsize) {
    if (nsize == 0 && !ptr) return NULL;
    if (p->vm) return lyv_realloc(p->vm, ptr, osize, nsize);
    if (nsize == 0) { free(ptr); return NULL; }
    return realloc(ptr, nsize);
}

static void oom(Parser *p) {
    if (!p->status) p->status = LY_ERRMEM;
}

static void error_at(Parser *p, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void error_at(Parser *p, size_t pos, const char *fmt, ...) {
    if (p->status) return;
    p->status = LY_ERRSYNTAX;
    p->errpos = pos;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg, sizeof p->msg, fmt, ap);
    va_end(ap);
}

static void error_eof(Parser *p, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void error_eof(Parser *p, size_t pos, const char *fmt, ...) {
    if (p->status) return;
    p->status = LY_ERRSYNTAX;
    p->errpos = pos;
    p->eof = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg, sizeof p->msg, fmt, ap);
    va_end(ap);
}

/* Pushes e (stolen) with flags; e == NULL means out of memory. */
static bool push(Parser *p, LyExpr e, uint8_t fl) {
    if (!e) { oom(p); return false; }
    if (p->on == p->ocap) {
        size_t nc = p->ocap ? p->ocap * 2 : 64;
        if (p->ovcap < nc) {
            LyExpr *nv = p_realloc(p, p->ov, p->ovcap * sizeof *nv, nc * sizeof *nv);
            if (!nv) { if (p->vm) ly_unref(p->vm, e); oom(p); return false; }
            p->ov = nv;
            p->ovcap = nc;
        }
        uint8_t *nf = p_realloc(p, p->of, p->ocap, nc);
        if (!nf) { if (p->vm) ly_unref(p->vm, e); oom(p); return false; }
        p->of = nf;
        p->ocap = nc;
    }
    p->ov[p->on] = e;
    p->of[p->on] = fl;
    p->on++;
    return true;
}

static bool push_op(Parser *p, int kind, int prec, size_t base, size_t pos) {
    if (p->nops == p->opcap) {
        size_t nc = p->opcap ? p->opcap * 2 : 32;
        Op *n = p_realloc(p, p->ops, p->opcap * sizeof *n, nc * sizeof *n);
        if (!n) { oom(p); return false; }
        p->ops = n;
        p->opcap = nc;
    }
    Op *o = &p->ops[p->nops++];
    o->kind = (uint16_t)kind;
    o->prec = (uint16_t)prec;
    o->aux = 0;
    o->base = base;
    o->pos = pos;
    return true;
}

static Op *top_op(Parser *p) { return p->nops ? &p->ops[p->nops - 1] : NULL; }
static bool is_group(int kind) { return kind < OP_FIRST_OPERATOR; }

/* ---- building expressions ---------------------------------------------------------- */

static LyExpr sym(const char *name) { return lyv_symbol(name); }

/* head[a0..an-1]: steals head and the arguments, releases them on failure. */
static LyExpr mkn(Parser *p, LyExpr head, LyExpr *a, size_t n) {
    if (!p->vm) return DUMMY;
    if (!head) {
        for (size_t i = 0; i < n; i++) ly_unref(p->vm, a[i]);
        return NULL;
    }
    LyExpr e = ly_mknormal(p->vm, head, n);
    if (!e) {
        for (size_t i = 0; i < n; i++) ly_unref(p->vm, a[i]);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) ly_nset(e, i + 1, a[i]);
    return e;
}

static LyExpr mk1(Parser *p, LyExpr head, LyExpr x) { return mkn(p, head, &x, 1); }
static LyExpr mk2(Parser *p, LyExpr head, LyExpr x, LyExpr y) {
    LyExpr a[2] = {x, y};
    return mkn(p, head, a, 2);
}
static LyExpr mkstr(Parser *p, const char *s, size_t n) {
    if (!p->vm) return DUMMY;
    return ly_mkstring(p->vm, s, n);
}
static void unref(Parser *p, LyExpr e) { if (p->vm && e) ly_unref(p->vm, e); }

/* The symbol for a name as written: System` and Global` are dropped, the
 * rest is read under $Context and $ContextPath (context.c; a leading ` is
 * relative to $Context), and the letter-like characters with a built-in
 * meaning stand for their symbols. */
static LyExpr mksym(Parser *p, const char *s, size_t n) {
    if (!p->vm) return DUMMY;
    if (n > 7 && memcmp(s, "System`", 7) == 0) { s += 7; n -= 7; }
    else if (n > 7 && memcmp(s, "Global`", 7) == 0) { s += 7; n -= 7; }
    static const struct { const char *utf8, *name; } special[] = {
        {"\xCF\x80", "Pi"}, {"\xE2\x88\x9E", "Infinity"}, {"\xC2\xB0", "Degree"},
        {"\xEF\x9D\x8D", "E"}, {"\xEF\x9D\x8E", "I"}, {"\xEF\x9D\x8F", "I"},
        {"\xE2\x85\x87", "E"}, {"\xE2\x85\x88", "I"}, {"\xE2\x85\x89", "I"},
    };
    if ((unsigned char)s[0] >= 0x80 && n <= 3) {
        for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
            if (strlen(special[i].utf8) == n && memcmp(special[i].utf8, s, n) == 0)
                return sym(special[i].name);
    }
    LySymbol *y = lyv_ctx_resolve(p->vm, s, n);     /* under $Context and $ContextPath */
    return y ? ly_symexpr(y) : NULL;
}

/* -x: numbers are negated, an unparenthesised product gets -1 in front, the
 * rest becomes Times[-1, x].  Steals x. */
static LyExpr negate(Parser *p, LyExpr x, uint8_t fl) {
    if (!p->vm) return DUMMY;
    LyVM *vm = p->vm;
    if (fl & F_NUM) {
        if (ly_is_small(x)) {
            int64_t v = ly_small(x);
            if (v != LY_SMALL_MIN) return ly_mksmall(-v);
        }
        if (ly_is_real(x)) {
            double v = ly_realv(x);
            ly_unref(vm, x);
            return ly_mkreal(vm, v == 0 ? 0.0 : -v);
        }
        LyExpr r = ly_num_neg(vm, x);
        ly_unref(vm, x);
        return r;
    }
    if ((fl & F_TIMES) && ly_head_is(x, LY_SYM(Times))) {
        size_t n = ly_nlen(x);
        LyExpr e = ly_mknormal(vm, LY_SYM(Times), n + 1);
        if (!e) { ly_unref(vm, x); return NULL; }
        ly_nset(e, 1, ly_mksmall(-1));
        for (size_t i = 1; i <= n; i++) {
            LyExpr a = ly_narg(x, i);
            ly_ref(a);
            ly_nset(e, i + 1, a);
        }
        ly_unref(vm, x);
        return e;
    }
    return mk2(p, LY_SYM(Times), ly_mksmall(-1), x);
}

/* ---- reductions ------------------------------------------------------------------- */

static LyExpr headsym(Parser *p, int kind) {
    if (!p->heads[kind]) p->heads[kind] = sym(optab[kind].head);
    return p->heads[kind];
}

/* Reduces the operator on top of the stack with every operand above its base. */
static bool reduce(Parser *p) {
    Op op = p->ops[--p->nops];
    size_t base = op.base, n = p->on - base;
    LyExpr *a = p->ov ? p->ov + base : NULL;   /* no operands yet: p->ov may be NULL */
    uint8_t *f = p->of + base;
    LyExpr r = NULL;
    uint8_t rf = 0;
    LyVM *vm = p->vm;
    p->on = base;   /* the operands are ours now: every path below releases them */

    switch (op.kind) {
    case OP_TAG1:
        for (size_t i = 0; i < n; i++) unref(p, a[i]);
        error_at(p, op.pos, "expected '=', ':=' or '=.' after '/:'");
        p->eof = p->at_eof;    /* more input could complete it */
        return false;
    case OP_TILDE1:
        for (size_t i = 0; i < n; i++) unref(p, a[i]);
        error_at(p, op.pos, "expected a second '~' after the function of '~'");
        p->eof = p->at_eof;
        return false;
    case OP_NEG:
    case OP_UMINUS:
        r = negate(p, a[0], f[0]);
        break;
    case OP_UPLUS:
        if (vm && (f[0] & F_UPLUS) && ly_is_normal(a[0])) {   /* + +a is +a */
            r = a[0];
        } else {
            r = mk1(p, LY_SYM(Plus), a[0]);
        }
        rf = F_UPLUS;
        break;
    case OP_PLUS:
        if (vm) {
            for (size_t i = 0; i < n; i++) {
                if ((f[i] & F_UPLUS) && ly_head_is(a[i], LY_SYM(Plus)) && ly_nlen(a[i]) == 1) {
                    LyExpr in = ly_narg(a[i], 1);
                    ly_ref(in);
                    ly_unref(vm, a[i]);
                    a[i] = in;
                }
            }
        }
        r = mkn(p, LY_SYM(Plus), a, n);
        break;
    case OP_TIMES:
        r = mkn(p, LY_SYM(Times), a, n);
        rf = F_TIMES;
        break;
    case OP_DIVIDE: {
        LyExpr inv = mk2(p, LY_SYM(Power), a[1], ly_mksmall(-1));
        if (!inv) { unref(p, a[0]); break; }
        r = mk2(p, LY_SYM(Times), a[0], inv);
        break;
    }
    case OP_INEQ: {
        /* a, op1, b, op2, c ...: one operator for all -> op[a, b, c] */
        if (!vm) { r = DUMMY; break; }
        bool same = true;
        for (size_t i = 3; i < n; i += 2) if (a[i] != a[1]) same = false;
        if (same) {
            LyExpr head = a[1];
            size_t k = 0;
            for (size_t i = 0; i < n; i += 2) a[k++] = a[i];
            r = mkn(p, head, a, k);
        } else {
            r = mkn(p, LY_SYM(Inequality), a, n);
        }
        break;
    }
    case OP_AT:             /* f @ x */
        r = mkn(p, a[0], a + 1, 1);
        break;
    case OP_POSTFIXAPP:     /* x // f */
        r = mkn(p, a[1], a, 1);
        break;
    case OP_TILDE2: {       /* a ~f~ b */
        LyExpr args[2] = {a[0], a[2]};
        r = mkn(p, a[1], args, 2);
        break;
    }
    case OP_APPLY1: {       /* f @@@ x = Apply[f, x, {1}] */
        LyExpr one = mk1(p, LY_SYM(List), ly_mksmall(1));
        if (!one) { unref(p, a[0]); unref(p, a[1]); break; }
        LyExpr args[3] = {a[0], a[1], one};
        r = mkn(p, LY_SYM(Apply), args, 3);
        break;
    }
    case OP_PATTERN:
        r = mkn(p, LY_SYM(Pattern), a, n);
        rf = F_PAT;
        break;
    case OP_PATTERNTEST:
        r = mkn(p, LY_SYM(PatternTest), a, n);
        rf = F_PAT;
        break;
    case OP_SPAN:
        r = mkn(p, LY_SYM(Span), a, n);
        break;
    default:
        r = mkn(p, headsym(p, op.kind), a, n);
        break;
    }
    return push(p, r, rf);
}

/* Reduces while the top operator binds tighter than prec (or as tight, when
 * also_equal). */
static bool reduce_while(Parser *p, int prec, bool also_equal) {
    for (;;) {
        Op *t = top_op(p);
        if (!t || is_group(t->kind)) return true;
        if (t->prec > prec || (also_equal && t->prec == prec)) {
            if (!reduce(p)) return false;
        } else {
            return true;
        }
    }
}

/* Families of n-ary operators that collect operands together. */
static bool same_family(int a, int b) {
    return a == b;
}

/* An infix operator of kind after an operand. */
static bool infix(Parser *p, int kind, size_t pos) {
    const OpInfo *in = &optab[kind];
    for (;;) {
        Op *t = top_op(p);
        if (!t || is_group(t->kind)) break;
        if (in->assoc == A_NARY && t->prec == in->prec && same_family(t->kind, kind)) {
            p->state = S_OPERAND;
            p->last = L_OP;
            return true;     /* keep collecting */
        }
        if (t->prec > in->prec || (t->prec == in->prec && in->assoc != A_RIGHT)) {
            if (!reduce(p)) return false;
            continue;
        }
        break;
    }
    if (!push_op(p, kind, in->prec, p->on - 1, pos)) return false;
    p->state = S_OPERAND;
    p->last = L_OP;
    return true;
}

static bool prefix(Parser *p, int kind, size_t pos) {
    if (!push_op(p, kind, optab[kind].prec, p->on, pos)) return false;
    p->state = S_OPERAND;
    p->last = L_OP;
    return true;
}

/* A postfix operator: reduces what binds tighter, then wraps the operand. */
static bool postfix_wrap(Parser *p, int prec, LyExpr head, uint8_t rf) {
    if (!reduce_while(p, prec, false)) return false;
    LyExpr x = p->ov[--p->on];
    return push(p, mk1(p, head, x), rf);
}

/* ---- tokens ----------------------------------------------------------------------- */

static void next(Parser *p) { lyv_lex_next(&p->lx, &p->tok); }

static void lex_error(Parser *p) {
    LyToken *t = &p->tok;
    if (t->err == LE_NOMEM) { oom(p); return; }
    if (t->err == LE_STRING || t->err == LE_COMMENT) {
        error_eof(p, t->pos, "%s", lyv_lex_errmsg(t->err));
        return;
    }
    if (t->err == LE_CHAR) {
        uint32_t cp = t->errcp;
        if (cp >= 0x20 && cp < 0x7F)
            error_at(p, t->pos, "unexpected character '%c'", (char)cp);
        else
            error_at(p, t->pos, "unexpected character U+%04X", (unsigned)cp);
        return;
    }
    if (t->err == LE_NAMEDCHAR) {
        error_at(p, t->pos, "unknown named character %.*s", (int)(t->end - t->pos > 60 ? 60 : t->end - t->pos),
                 p->src + t->pos);
        return;
    }
    error_at(p, t->pos, "%s", lyv_lex_errmsg(t->err));
}

static bool starts_operand(int k) {
    switch (k) {
    case LT_SYMBOL: case LT_NUMBER: case LT_STRING: case LT_SLOT: case LT_SLOTSEQ:
    case LT_SLOTNAME: case LT_OUT: case LT_BLANK: case LT_LPAREN: case LT_LBRACE:
    case LT_LASSOC: case LT_MINUS: case LT_PLUS: case LT_BANG: case LT_BANGBANG:
    case LT_NOT: case LT_INCR: case LT_DECR: case LT_GET: case LT_SPAN: case LT_SQRT:
    case LT_PLUSMINUS:
        return true;
    default:
        return false;
    }
}

/* Tokens that, after an operand, begin another one: implicit multiplication. */
static bool implicit_times(int k) {
    switch (k) {
    case LT_SYMBOL: case LT_NUMBER: case LT_STRING: case LT_SLOT: case LT_SLOTSEQ:
    case LT_SLOTNAME: case LT_OUT: case LT_BLANK: case LT_LPAREN: case LT_LBRACE:
    case LT_LASSOC: case LT_NOT: case LT_GET: case LT_SQRT:
        return true;
    default:
        return false;
    }
}

static const char *group_open(int kind) {
    switch (kind) {
    case OP_PAREN: return "(";
    case OP_CALL: return "[";
    case OP_PART: return "[[";
    case OP_LIST: return "{";
    case OP_ASSOC: return "<|";
    default: return "(";
    }
}
static const char *group_close(int kind) {
    switch (kind) {
    case OP_PAREN: case OP_METHOD: return ")";
    case OP_CALL: return "]";
    case OP_PART: return "]]";
    case OP_LIST: return "}";
    case OP_ASSOC: return "|>";
    default: return ")";
    }
}

static Op *innermost_group(Parser *p) {
    for (size_t i = p->nops; i-- > 0;)
        if (is_group(p->ops[i].kind)) return &p->ops[i];
    return NULL;
}

static void expected_closer(Parser *p, Op *g, size_t pos, bool eof, const char *found) {
    uint32_t line, col;
    lyv_lex_linecol(p->lx.orig, p->lx.olen, lyv_lex_origpos(&p->lx, g->pos), &line, &col);
    if (eof)
        error_eof(p, pos, "expected '%s' to close '%s' at %u:%u", group_close(g->kind),
                  group_open(g->kind), (unsigned)line, (unsigned)col);
    else
        error_at(p, pos, "unexpected %s; expected '%s' to close '%s' at %u:%u", found,
                 group_close(g->kind), group_open(g->kind), (unsigned)line, (unsigned)col);
}

/* ---- operands ---------------------------------------------------------------------- */

static bool push_blank(Parser *p, const LyToken *t) {
    if (!p->vm) return push(p, DUMMY, F_PAT);
    static const int heads[4] = {0, LY_SYMI_Blank, LY_SYMI_BlankSequence, LY_SYMI_BlankNullSequence};
    LyExpr bh = ly_symexpr(&ly_builtin_symbols[heads[t->nblank]]);
    LyExpr b;
    if (t->h) {
        LyExpr h = mksym(p, t->h, t->hn);
        if (!h) { oom(p); return false; }
        b = mk1(p, bh, h);
    } else {
        b = mkn(p, bh, NULL, 0);
    }
    if (!b) { oom(p); return false; }
    if (t->n) {
        LyExpr name = mksym(p, t->s, t->n);
        if (!name) { unref(p, b); oom(p); return false; }
        b = mk2(p, LY_SYM(Pattern), name, b);
        if (!b) { oom(p); return false; }
    }
    if (t->opt) b = mk1(p, LY_SYM(Optional), b);
    return push(p, b, F_PAT);
}

static bool push_number(Parser *p, const LyToken *t) {
    LyExpr e;
    const char *msg = NULL;
    LyStatus st = lyv_lex_number(p->vm, &p->lx, t, &e, &msg);
    if (st == LY_ERRMEM) { oom(p); return false; }
    if (st != LY_OK) { error_at(p, t->pos, "%s", msg); return false; }
    return push(p, e, F_NUM);
}

/* ?name / ??name at the start of a statement. */
static bool information(Parser *p, bool longform) {
    LyToken t;
    lyv_lex_infoname(&p->lx, &t);
    if (t.kind != LT_STRING) {
        if (t.kind == LT_ERROR && t.err == LE_UTF8) error_at(p, t.pos, "%s", lyv_lex_errmsg(t.err));
        else error_at(p, t.pos, "expected a name after '%s'", longform ? "?\?" : "?");
        return false;
    }
    LyExpr what;
    /* a pattern, or a name that would not read back as a symbol (?1a, ?a`): a string */
    if (memchr(t.s, '*', t.n) || memchr(t.s, '@', t.n) || !lyv_lex_is_name(t.s, t.n)) what = mkstr(p, t.s, t.n);
    else what = mksym(p, t.s, t.n);
    if (!what) { oom(p); return false; }
    LyExpr rule = p->vm ? mk2(p, LY_SYM(Rule), sym("LongForm"), longform ? LY_SYM(True) : LY_SYM(False)) : DUMMY;
    if (!rule) { unref(p, what); oom(p); return false; }
    if (!push(p, mk2(p, LY_SYM(Information), what, rule), 0)) return false;
    p->state = S_AFTER;
    next(p);
    return true;
}

static bool open_group(Parser *p, int kind, size_t pos) {
    if (!push_op(p, kind, 0, p->on, pos)) return false;
    p->frames++;
    p->state = S_OPERAND;
    p->last = L_OPEN;
    return true;
}

/* Closes the innermost group with the closer token kind ck at pos. */
static bool close_group(Parser *p, int ck, size_t pos) {
    if (!reduce_while(p, -1, true)) return false;
    Op *g = top_op(p);
    if (!g) {
        error_at(p, pos, "unexpected %s", lyv_tok_name(ck));
        return false;
    }
    bool ok;
    switch (g->kind) {
    case OP_PAREN: case OP_METHOD: ok = ck == LT_RPAREN; break;
    case OP_CALL: ok = ck == LT_RBRACKET; break;
    case OP_PART:
        ok = ck == LT_RPART;
        if (ck == LT_RBRACKET && p->lx.pos < p->lx.len && p->src[p->lx.pos] == ']') {
            p->lx.pos++;
            ok = true;
        }
        break;
    case OP_LIST: ok = ck == LT_RBRACE; break;
    case OP_ASSOC: ok = ck == LT_RASSOC; break;
    default: ok = false;
    }
    if (!ok) {
        expected_closer(p, g, pos, false, lyv_tok_name(ck));
        return false;
    }
    Op op = *g;
    p->nops--;
    p->frames--;
    size_t base = op.base, n = p->on - base;
    LyExpr *a = p->ov ? p->ov + base : NULL;   /* no operands yet: p->ov may be NULL */
    LyExpr r;
    uint8_t rf = 0;
    switch (op.kind) {
    case OP_PAREN:
        if (n != 1) {
            error_at(p, pos, n == 0 ? "empty parentheses" : "unexpected ',' inside parentheses");
            return false;
        }
        p->of[base] &= F_NUM;     /* (2) still negates to -2; (x) is no longer a bare symbol */
        p->state = S_AFTER;
        return true;
    case OP_CALL: case OP_METHOD: {
        LyExpr head = p->ov[base - 1];
        p->on = base - 1;
        r = mkn(p, head, a, n);
        break;
    }
    case OP_PART: {
        p->on = base - 1;
        r = mkn(p, LY_SYM(Part), a - 1, n + 1);
        break;
    }
    case OP_LIST:
        p->on = base;
        r = mkn(p, LY_SYM(List), a, n);
        break;
    default:
        p->on = base;
        r = mkn(p, LY_SYM(Association), a, n);
        break;
    }
    if (!push(p, r, rf)) return false;
    p->state = S_AFTER;
    return true;
}

/* ---- statements ---------------------------------------------------------------------- */

static bool end_statement(Parser *p, size_t pos, bool eof) {
    if (!reduce_while(p, -1, true)) return false;
    if (p->nops) {
        Op *g = innermost_group(p);
        if (g) {
            expected_closer(p, g, pos, eof, "end of input");
            return false;
        }
    }
    if (p->on != 1) {
        error_at(p, pos, "internal parser error");
        return false;
    }
    if (p->nst == p->stcap) {
        size_t nc = p->stcap ? p->stcap * 2 : 16;
        LyExpr *n = p_realloc(p, p->st, p->stcap * sizeof *n, nc * sizeof *n);
        if (!n) { oom(p); return false; }
        p->st = n;
        p->stcap = nc;
    }
    p->st[p->nst++] = p->ov[0];
    p->on = 0;
    p->state = S_OPERAND;
    p->last = L_START;
    return true;
}

static bool at_statement_start(Parser *p) { return p->on == 0 && p->nops == 0; }

/* The operand that an omitted one stands for: Null after ';' and ',', All after ';;'. */
static bool push_implicit(Parser *p) {
    bool all = p->state == S_OPTIONAL && p->implicit_all;
    p->state = S_AFTER;
    return push(p, p->vm ? (all ? LY_SYM(All) : LY_SYM(Null)) : DUMMY, 0);
}

/* ---- the machine ---------------------------------------------------------------------- */

/* ';;' after an operand. */
static bool span(Parser *p, size_t pos) {
    if (!reduce_while(p, P_SPAN, false)) return false;
    Op *t = top_op(p);
    if (t && t->kind == OP_SPAN) {
        size_t parts = p->on - t->base;
        if (parts == 2) {                     /* a;;b;;c */
            p->state = S_OPTIONAL;
            p->implicit_all = true;
            return true;
        }
        /* a;;b;;c;;d is Times[Span[a, b, c], Span[1, d]] */
        if (!reduce(p)) return false;
        if (!infix(p, OP_TIMES, pos)) return false;
        if (!push(p, p->vm ? ly_mksmall(1) : DUMMY, F_NUM)) return false;
    } else {
        if (!reduce_while(p, P_SPAN, true)) return false;
    }
    if (!push_op(p, OP_SPAN, P_SPAN, p->on - 1, pos)) return false;
    p->state = S_OPTIONAL;
    p->implicit_all = true;
    return true;
}

/* ':' after an operand: x:p is Pattern, p:v is Optional. */
static bool colon(Parser *p, size_t pos) {
    if (!reduce_while(p, P_PATTERN, false)) return false;
    Op *t = top_op(p);
    int kind;
    if (t && t->kind == OP_PATTERN) kind = OP_OPTIONAL;
    else if (p->of[p->on - 1] & F_SYM) kind = OP_PATTERN;
    else kind = OP_OPTIONAL;
    if (!reduce_while(p, optab[kind].prec, true)) return false;
    uint8_t fl = p->of[p->on - 1];
    if (kind == OP_PATTERN ? !(fl & F_SYM) : !(fl & F_PAT)) {
        error_at(p, pos, "the left side of ':' must be a symbol or a pattern");
        return false;
    }
    if (!push_op(p, kind, optab[kind].prec, p->on - 1, pos)) return false;
    p->state = S_OPERAND;
    p->last = L_OP;
    return true;
}

/* '=', ':=' and '=.' close a pending '/:'. */
static bool assignment(Parser *p, int kind, size_t pos) {
    if (!reduce_while(p, P_TAG, false)) return false;
    Op *t = top_op(p);
    if (t && t->kind == OP_TAG1) {
        if (kind == LT_UNSET) {
            size_t base = t->base;
            p->nops--;
            LyExpr args[2] = {p->ov[base], p->ov[base + 1]};
            p->on = base;
            if (!push(p, mkn(p, sym("TagUnset"), args, 2), 0)) return false;
            p->state = S_AFTER;
            return true;
        }
        t->kind = kind == LT_SET ? OP_TAGSET : OP_TAGSETDELAYED;
        t->prec = P_SET;
        p->state = S_OPERAND;
        p->last = L_OP;
        return true;
    }
    if (kind == LT_UNSET) {
        if (!postfix_wrap(p, P_SET, LY_SYM(Unset), 0)) return false;
        p->state = S_AFTER;
        return true;
    }
    return infix(p, kind == LT_SET ? OP_SET : OP_SETDELAYED, pos);
}

/* '.' after an operand: obj.name(args) is obj["name", args]; otherwise Dot. */
static bool dot(Parser *p, size_t pos) {
    size_t save = p->lx.pos;
    LyToken t2;
    lyv_lex_next(&p->lx, &t2);
    if (t2.kind == LT_SYMBOL && t2.end < p->len && p->src[t2.end] == '(') {
        LyExpr name = mkstr(p, t2.s, t2.n);
        if (!name) { oom(p); return false; }
        if (!reduce_while(p, P_CALL, false)) { unref(p, name); return false; }
        p->lx.pos = t2.end + 1;
        if (!push_op(p, OP_METHOD, 0, p->on, pos)) { unref(p, name); return false; }
        p->frames++;
        if (!push(p, name, 0)) return false;
        p->state = S_OPERAND;
        p->last = L_OPEN;
        return true;
    }
    p->lx.pos = save;
    return infix(p, OP_DOT, pos);
}

static bool tilde(Parser *p, size_t pos) {
    if (!reduce_while(p, P_TILDE, false)) return false;
    Op *t = top_op(p);
    if (t && t->kind == OP_TILDE1) {
        t->kind = OP_TILDE2;
        p->state = S_OPERAND;
        p->last = L_OP;
        return true;
    }
    if (!reduce_while(p, P_TILDE, true)) return false;
    if (!push_op(p, OP_TILDE1, P_TILDE, p->on - 1, pos)) return false;
    p->state = S_OPERAND;
    p->last = L_OP;
    return true;
}

static bool messagename(Parser *p, size_t pos) {
    if (!reduce_while(p, P_MESSAGENAME, false)) return false;
    LyToken t;
    lyv_lex_msgname(&p->lx, &t);
    if (t.kind != LT_STRING) {
        if (t.kind == LT_ERROR && t.err == LE_STRING) error_eof(p, t.pos, "unterminated string");
        else if (t.kind == LT_ERROR && t.err == LE_NOMEM) oom(p);
        else error_at(p, t.pos, "expected a name after '::'");
        return false;
    }
    LyExpr tag = mkstr(p, t.s, t.n);
    if (!tag) { oom(p); return false; }
    LyExpr x = p->ov[p->on - 1];
    uint8_t fl = p->of[p->on - 1];
    p->on--;
    LyExpr r;
    if (p->vm && (fl & F_MSG) && ly_head_is(x, LY_SYM(MessageName))) {
        size_t n = ly_nlen(x);
        r = ly_mknormal(p->vm, LY_SYM(MessageName), n + 1);
        if (r) {
            for (size_t i = 1; i <= n; i++) { LyExpr a = ly_narg(x, i); ly_ref(a); ly_nset(r, i, a); }
            ly_nset(r, n + 1, tag);
        } else {
            ly_unref(p->vm, tag);
        }
        ly_unref(p->vm, x);
    } else {
        r = mk2(p, LY_SYM(MessageName), x, tag);
    }
    if (!push(p, r, F_MSG)) return false;
    p->state = S_AFTER;
    (void)pos;
    return true;
}

static bool file_op(Parser *p, int kind, size_t pos) {
    LyToken t;
    lyv_lex_filename(&p->lx, &t);
    if (t.kind != LT_STRING) {
        if (t.kind == LT_ERROR && t.err == LE_STRING) error_eof(p, t.pos, "unterminated string");
        else if (t.kind == LT_ERROR && t.err == LE_NOMEM) oom(p);
        else if (t.kind == LT_ERROR && t.err == LE_UTF8) error_at(p, t.pos, "%s", lyv_lex_errmsg(t.err));
        else error_at(p, t.pos, "expected a file name after %s", lyv_tok_name(kind));
        return false;
    }
    LyExpr name = mkstr(p, t.s, t.n);
    if (!name) { oom(p); return false; }
    if (kind == LT_GET) {
        if (!push(p, mk1(p, LY_SYM(Get), name), 0)) return false;
    } else {
        if (!reduce_while(p, P_PUT, false)) { unref(p, name); return false; }
        LyExpr x = p->ov[--p->on];
        if (!push(p, mk2(p, kind == LT_PUT ? LY_SYM(Put) : LY_SYM(PutAppend), x, name), 0)) return false;
    }
    p->state = S_AFTER;
    (void)pos;
    return true;
}

/* A token where an operand is expected. */
static void on_operand(Parser *p) {
    LyToken *t = &p->tok;
    int k = t->kind;
    size_t pos = t->pos;
    if (p->state == S_OPTIONAL) {
        if (k == LT_NEWLINE && p->frames > 0) { next(p); return; }
        if (!starts_operand(k) || (k == LT_SPAN && p->implicit_all)) {
            push_implicit(p);
            return;            /* the token is seen again after the operand */
        }
        p->state = S_OPERAND;
    }
    switch (k) {
    case LT_SYMBOL:
        if (push(p, mksym(p, t->s, t->n), F_SYM)) p->state = S_AFTER;
        next(p);
        return;
    case LT_NUMBER:
        if (push_number(p, t)) p->state = S_AFTER;
        next(p);
        return;
    case LT_STRING:
        if (push(p, mkstr(p, t->s, t->n), 0)) p->state = S_AFTER;
        next(p);
        return;
    case LT_SLOT: case LT_SLOTSEQ:
        if (push(p, p->vm ? mk1(p, k == LT_SLOT ? LY_SYM(Slot) : LY_SYM(SlotSequence),
                                ly_mksmall(t->ival)) : DUMMY, 0))
            p->state = S_AFTER;
        next(p);
        return;
    case LT_SLOTNAME: {
        LyExpr s = mkstr(p, t->s, t->n);
        if (push(p, s ? mk1(p, LY_SYM(Slot), s) : NULL, 0)) p->state = S_AFTER;
        next(p);
        return;
    }
    case LT_OUT:
        if (push(p, t->nblank ? mk1(p, LY_SYM(Out), ly_mksmall(t->ival)) : mkn(p, LY_SYM(Out), NULL, 0), 0))
            p->state = S_AFTER;
        next(p);
        return;
    case LT_BLANK:
        if (push_blank(p, t)) p->state = S_AFTER;
        next(p);
        return;
    case LT_LPAREN: open_group(p, OP_PAREN, pos); next(p); return;
    case LT_LBRACE: open_group(p, OP_LIST, pos); next(p); return;
    case LT_LASSOC: open_group(p, OP_ASSOC, pos); next(p); return;
    case LT_MINUS: prefix(p, OP_UMINUS, pos); next(p); return;
    case LT_PLUS: prefix(p, OP_UPLUS, pos); next(p); return;
    case LT_PLUSMINUS: prefix(p, OP_UPLUSMINUS, pos); next(p); return;
    case LT_BANG: case LT_NOT: prefix(p, OP_NOT, pos); next(p); return;
    case LT_BANGBANG: if (prefix(p, OP_NOT, pos)) prefix(p, OP_NOT, pos + 1); next(p); return;
    case LT_INCR: prefix(p, OP_PREINC, pos); next(p); return;
    case LT_DECR: prefix(p, OP_PREDEC, pos); next(p); return;
    case LT_SQRT: prefix(p, OP_SQRT, pos); next(p); return;
    case LT_GET: file_op(p, LT_GET, pos); next(p); return;
    case LT_SPAN:
        if (push(p, p->vm ? ly_mksmall(1) : DUMMY, F_NUM)) span(p, pos);
        next(p);
        return;
    case LT_QUESTION: case LT_QQ:
        if (at_statement_start(p)) { information(p, k == LT_QQ); return; }
        break;
    case LT_NEWLINE:              /* blank lines, or a line ending in an operator */
        next(p);
        return;
    case LT_EOF:
        if (at_statement_start(p)) { p->done = true; return; }
        {
            Op *g = innermost_group(p);
            if (g && p->last != L_OP) expected_closer(p, g, pos, true, "end of input");
            else error_eof(p, pos, "incomplete expression; more input is needed");
        }
        return;
    case LT_ERROR:
        lex_error(p);
        return;
    case LT_COMMA: case LT_RBRACKET: case LT_RPAREN: case LT_RBRACE: case LT_RASSOC: case LT_RPART: {
        Op *g = innermost_group(p);
        if (g && g->kind != OP_PAREN && (p->last == L_OPEN || p->last == L_COMMA)) {
            if (k != LT_COMMA && p->last == L_OPEN) {     /* f[], {}, <||> */
                close_group(p, k, pos);
                next(p);
                return;
            }
            push_implicit(p);                             /* f[a,] f[,a] */
            return;
        }
        if (g && g->kind == OP_PAREN && p->last == L_OPEN && k == LT_RPAREN) {
            error_at(p, pos, "empty parentheses");
            return;
        }
        break;
    }
    default:
        break;
    }
    if (p->last == L_OP && p->nops && !is_group(top_op(p)->kind)) {
        error_at(p, pos, "expected an operand before %s", lyv_tok_name(k));
        return;
    }
    error_at(p, pos, "unexpected %s", lyv_tok_name(k));
}

static int ineq_symbol_id(int k) {
    switch (k) {
    case LT_EQUAL: return LY_SYMI_Equal;
    case LT_UNEQUAL: return LY_SYMI_Unequal;
    case LT_LESS: return LY_SYMI_Less;
    case LT_LESSEQ: return LY_SYMI_LessEqual;
    case LT_GREATER: return LY_SYMI_Greater;
    default: return LY_SYMI_GreaterEqual;
    }
}

/* A token after a complete operand. */
static void on_after(Parser *p) {
    LyToken *t = &p->tok;
    int k = t->kind;
    size_t pos = t->pos;
    int op = -1;
    switch (k) {
    case LT_PLUS: op = OP_PLUS; break;
    case LT_MINUS:
        if (infix(p, OP_PLUS, pos)) prefix(p, OP_NEG, pos);
        next(p);
        return;
    case LT_STAR: op = OP_TIMES; break;
    case LT_SLASH: op = OP_DIVIDE; break;
    case LT_CARET: op = OP_POWER; break;
    case LT_DOT: dot(p, pos); next(p); return;
    case LT_NCM: op = OP_NCM; break;
    case LT_CROSS: op = OP_CROSS; break;
    case LT_CENTERDOT: op = OP_CENTERDOT; break;
    case LT_CIRCLETIMES: op = OP_CIRCLETIMES; break;
    case LT_PLUSMINUS: op = OP_PLUSMINUS; break;
    case LT_SET: case LT_SETDELAYED: case LT_UNSET:
        assignment(p, k, pos);
        next(p);
        return;
    case LT_UPSET: op = OP_UPSET; break;
    case LT_UPSETDELAYED: op = OP_UPSETDELAYED; break;
    case LT_FUNCARROW: op = OP_FUNCARROW; break;
    case LT_TAGSET: op = OP_TAG1; break;
    case LT_ADDTO: op = OP_ADDTO; break;
    case LT_SUBFROM: op = OP_SUBFROM; break;
    case LT_TIMESBY: op = OP_TIMESBY; break;
    case LT_DIVBY: op = OP_DIVBY; break;
    case LT_APPLYTO: op = OP_APPLYTO; break;
    case LT_INCR: case LT_DECR:
        postfix_wrap(p, P_INCR, k == LT_INCR ? LY_SYM(Increment) : LY_SYM(Decrement), 0);
        next(p);
        return;
    case LT_RULE: op = OP_RULE; break;
    case LT_RULEDELAYED: op = OP_RULEDELAYED; break;
    case LT_REPLACEALL: op = OP_REPLACEALL; break;
    case LT_REPLACEREP: op = OP_REPLACEREP; break;
    case LT_CONDITION: op = OP_CONDITION; break;
    case LT_TWOWAY: op = OP_TWOWAY; break;
    case LT_COLON: colon(p, pos); next(p); return;
    case LT_COLONCOLON: messagename(p, pos); next(p); return;
    case LT_BAR: op = OP_ALT; break;
    case LT_QUESTION: op = OP_PATTERNTEST; break;
    case LT_AMP: postfix_wrap(p, P_FUNCTION, LY_SYM(Function), 0); next(p); return;
    case LT_DOTDOT: postfix_wrap(p, P_REPEATED, LY_SYM(Repeated), 0); next(p); return;
    case LT_DOTDOTDOT: postfix_wrap(p, P_REPEATED, LY_SYM(RepeatedNull), 0); next(p); return;
    case LT_AMPAMP: op = OP_AND; break;
    case LT_BARBAR: op = OP_OR; break;
    case LT_XOR: op = OP_XOR; break;
    case LT_NAND: op = OP_NAND; break;
    case LT_NOR: op = OP_NOR; break;
    case LT_IMPLIES: op = OP_IMPLIES; break;
    case LT_EQUIVALENT: op = OP_EQUIVALENT; break;
    case LT_BANG: postfix_wrap(p, P_FACTORIAL, LY_SYM(Factorial), 0); next(p); return;
    case LT_BANGBANG: postfix_wrap(p, P_FACTORIAL, LY_SYM(Factorial2), 0); next(p); return;
    case LT_EQUAL: case LT_UNEQUAL: case LT_LESS: case LT_LESSEQ: case LT_GREATER: case LT_GREATEREQ:
        if (infix(p, OP_INEQ, pos))
            push(p, p->vm ? ly_symexpr(&ly_builtin_symbols[ineq_symbol_id(k)]) : DUMMY, 0);
        next(p);
        return;
    case LT_SAMEQ: op = OP_SAMEQ; break;
    case LT_UNSAMEQ: op = OP_UNSAMEQ; break;
    case LT_ELEMENT: op = OP_ELEMENT; break;
    case LT_NOTELEMENT: op = OP_NOTELEMENT; break;
    case LT_DISTRIBUTED: op = OP_DISTRIBUTED; break;
    case LT_AT: op = OP_AT; break;
    case LT_ATAT: op = OP_APPLY; break;
    case LT_ATATAT: op = OP_APPLY1; break;
    case LT_MAP: op = OP_MAP; break;
    case LT_MAPALL: op = OP_MAPALL; break;
    case LT_POSTFIX: op = OP_POSTFIXAPP; break;
    case LT_TILDE: tilde(p, pos); next(p); return;
    case LT_TILDETILDE: op = OP_STRINGEXPR; break;
    case LT_QUOTE: {
        if (!reduce_while(p, P_DERIV, false)) return;
        LyExpr d = p->vm ? mk1(p, LY_SYM(Derivative), ly_mksmall(t->ival)) : DUMMY;
        if (!d) { oom(p); return; }
        LyExpr x = p->ov[--p->on];
        push(p, mk1(p, d, x), 0);
        next(p);
        return;
    }
    case LT_STRINGJOIN: op = OP_STRINGJOIN; break;
    case LT_COMPOSE: op = OP_COMPOSE; break;
    case LT_RCOMPOSE: op = OP_RCOMPOSE; break;
    case LT_DIRECTEDEDGE: op = OP_DEDGE; break;
    case LT_UNDIRECTEDEDGE: op = OP_UEDGE; break;
    case LT_PUT: case LT_PUTAPPEND: file_op(p, k, pos); next(p); return;
    case LT_SEMI:
        if (infix(p, OP_COMPOUND, pos)) {
            p->state = S_OPTIONAL;
            p->implicit_all = false;
        }
        next(p);
        return;
    case LT_SPAN: span(p, pos); next(p); return;
    case LT_LBRACKET: case LT_LPART:
        if (reduce_while(p, P_CALL, false)) {
            if (push_op(p, k == LT_LBRACKET ? OP_CALL : OP_PART, 0, p->on, pos)) {
                p->frames++;
                p->state = S_OPERAND;
                p->last = L_OPEN;
            }
        }
        next(p);
        return;
    case LT_COMMA: {
        if (!reduce_while(p, -1, true)) return;
        Op *g = top_op(p);
        if (!g || g->kind == OP_PAREN) {
            error_at(p, pos, g ? "unexpected ',' inside parentheses" : "unexpected ','");
            return;
        }
        p->state = S_OPERAND;
        p->last = L_COMMA;
        next(p);
        return;
    }
    case LT_RBRACKET: case LT_RPAREN: case LT_RBRACE: case LT_RASSOC: case LT_RPART:
        close_group(p, k, pos);
        next(p);
        return;
    case LT_NEWLINE:
        if (p->frames == 0) end_statement(p, pos, false);
        next(p);
        return;
    case LT_EOF:
        p->at_eof = true;
        if (end_statement(p, pos, true)) p->done = true;
        return;
    case LT_ERROR:
        lex_error(p);
        return;
    default:
        if (implicit_times(k)) {
            infix(p, OP_TIMES, pos);
            return;            /* the token starts the next operand */
        }
        error_at(p, pos, "unexpected %s", lyv_tok_name(k));
        return;
    }
    infix(p, op, pos);
    next(p);
}

/* ---- entry points ---------------------------------------------------------------------- */

static void parser_init(Parser *p, LyVM *vm, const char *src, size_t len) {
    memset(p, 0, sizeof *p);
    p->vm = vm;
    lyv_lex_init(&p->lx, vm, src, len);
    p->src = p->lx.src;         /* without line continuations */
    p->len = p->lx.len;
    p->state = S_OPERAND;
    p->last = L_START;
}

static void parser_free(Parser *p) {
    if (p->vm) {
        for (size_t i = 0; i < p->on; i++) ly_unref(p->vm, p->ov[i]);
        for (size_t i = 0; i < p->nst; i++) ly_unref(p->vm, p->st[i]);
    }
    p_realloc(p, p->ov, p->ovcap * sizeof *p->ov, 0);
    p_realloc(p, p->of, p->ocap, 0);
    p_realloc(p, p->ops, p->opcap * sizeof *p->ops, 0);
    p_realloc(p, p->st, p->stcap * sizeof *p->st, 0);
    lyv_lex_free(&p->lx);
}

/* Runs the machine until the end of input, an error, or (one) the end of
 * the next statement.  The first token must have been read. */
static void steps(Parser *p, bool one) {
    while (!p->done && !p->status && !(one && p->nst)) {
        if (p->state == S_AFTER) on_after(p);
        else on_operand(p);
    }
}

static void run(Parser *p) {
    next(p);
    steps(p, false);
}

/* "chunk:line:col: message\n<line>\n<caret>" with long lines cut around the column. */
static void format_error(Parser *p, const char *chunk, LyBuf *err) {
    uint32_t line, col;
    /* in the source as given, line continuations and all */
    const char *src = p->lx.orig;
    size_t len = p->lx.olen;
    size_t pos = lyv_lex_origpos(&p->lx, p->errpos > p->len ? p->len : p->errpos);
    if (pos == len) {
        /* at the end of input, point just after the last character written */
        while (pos > 0 && (src[pos - 1] == '\n' || src[pos - 1] == '\r' ||
                           src[pos - 1] == ' ' || src[pos - 1] == '\t'))
            pos--;
    }
    lyv_lex_linecol(src, len, pos, &line, &col);
    ly_buf_printf(err, "%s:%u:%u: %s\n", chunk ? chunk : "<input>", (unsigned)line, (unsigned)col, p->msg);
    size_t ls = pos;
    while (ls > 0 && src[ls - 1] != '\n') ls--;
    size_t le = pos;
    while (le < len && src[le] != '\n' && src[le] != '\r') le++;
    const size_t window = 80;
    size_t from = ls, to = le;
    if (pos - from > window) {
        from = pos - window;
        while (from < pos && ((unsigned char)src[from] & 0xC0) == 0x80) from++;
    }
    if (to - pos > window) {
        to = pos + window;
        while (to > pos && ((unsigned char)src[to] & 0xC0) == 0x80) to--;
    }
    bool pre = from > ls, post = to < le;
    if (pre) ly_buf_puts(err, "...");
    for (size_t i = from; i < to;) {
        unsigned char c = (unsigned char)src[i];
        size_t k = 1;
        if (c >= 0x80) {
            /* copy valid UTF-8 sequences, replace invalid bytes */
            k = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
            bool ok = k > 0 && i + k <= to;
            for (size_t j = 1; ok && j < k; j++)
                if (((unsigned char)src[i + j] & 0xC0) != 0x80) ok = false;
            if (ok) { ly_buf_put(err, src + i, k); i += k; continue; }
            ly_buf_put(err, "?", 1);
            i++;
            continue;
        }
        char ch = (c < 0x20 && c != '\t') || c == 0x7F ? '?' : (char)c;
        ly_buf_put(err, &ch, 1);
        i++;
    }
    if (post) ly_buf_puts(err, "...");
    ly_buf_puts(err, "\n");
    if (pre) ly_buf_puts(err, "   ");
    for (size_t i = from; i < pos; i++) {
        unsigned char c = (unsigned char)src[i];
        if ((c & 0xC0) == 0x80) continue;
        ly_buf_put(err, c == '\t' ? "\t" : " ", 1);
    }
    ly_buf_puts(err, "^");
}

LyStatus lyv_parse_program(LyVM *vm, const char *src, size_t len, const char *chunk,
                           LyExpr *out, LyBuf *err) {
    *out = NULL;
    if (!src) len = 0;
    if (!src) src = "";
    Parser p;
    parser_init(&p, vm, src, len);
    run(&p);
    if (!p.status) {
        LyExpr list = ly_mknormal(vm, LY_SYM(List), p.nst);
        if (!list) {
            p.status = LY_ERRMEM;
        } else {
            for (size_t i = 0; i < p.nst; i++) ly_nset(list, i + 1, p.st[i]);
            p.nst = 0;
            *out = list;
        }
    }
    if (p.status == LY_ERRSYNTAX && err) format_error(&p, chunk, err);
    LyStatus st = p.status;
    parser_free(&p);
    return st;
}

/* ---- one statement at a time ---------------------------------------------------------- */

struct LyStmts { Parser p; };

LyStmts *lyv_stmts_open(LyVM *vm, const char *src, size_t len) {
    LyStmts *s = lyv_realloc(vm, NULL, 0, sizeof *s);
    if (!s) return NULL;
    if (!src) { src = ""; len = 0; }
    parser_init(&s->p, vm, src, len);
    next(&s->p);            /* lexes the first token only: no symbol is made yet */
    return s;
}

LyStatus lyv_stmts_next(LyStmts *s, const char *chunk, LyExpr *out, LyBuf *err) {
    Parser *p = &s->p;
    *out = NULL;
    steps(p, true);
    if (p->nst) {           /* a statement, even if an error follows it */
        *out = p->st[--p->nst];
        return LY_OK;
    }
    if (p->status == LY_ERRSYNTAX && err) format_error(p, chunk, err);
    return p->status;
}

void lyv_stmts_close(LyStmts *s) {
    if (!s) return;
    LyVM *vm = s->p.vm;
    parser_free(&s->p);
    lyv_realloc(vm, s, sizeof *s, 0);
}

bool lyv_parse_incomplete(const char *src, size_t len) {
    if (!src) return false;
    if (lyv_lex_ends_continued(src, len)) return true;      /* a '\\' ends the last line */
    Parser p;
    parser_init(&p, NULL, src, len);
    run(&p);
    bool inc = p.status == LY_ERRSYNTAX && p.eof;
    parser_free(&p);
    return inc;
}
