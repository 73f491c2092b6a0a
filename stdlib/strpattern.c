/*
 * strpattern.c — Wolfram string patterns compiled to PCRE2 regexes (see
 * lys_strpat.h).  Written against lyra.h + lyra_ext.h and PCRE2.
 *
 * Translation (flags UTF | UCP | MATCH_INVALID_UTF; DOTALL so that _ takes
 * newlines too, as Wolfram's does):
 *   "lit"              escaped literal (StringMatchQ: * -> .*, @ -> [^\p{Lu}]+)
 *   _  __  ___         .  .+  .*   (lazy inside Shortest)
 *   x_, x:p            a capture group; the same name again: \g{n}
 *   p1 ~~ p2           concatenation;  a | b, {a, b}: (?:a|b)
 *   p.., p...          (?:p)+, (?:p)*; Repeated[p, n | {n} | {m, n}]
 *   Except[c], Except[c, p]   (?:(?!c).), (?:(?!c)p)
 *   CharacterRange["a", "z"]  [a-z]
 *   RegularExpression["re"]   (?^:re) (its own options; its groups count)
 *   Whitespace, DigitCharacter, ... classes; StartOfString \A, EndOfString \z,
 *   StartOfLine, EndOfLine, WordBoundary \b, NumberString
 *   p?f, p /; c        callouts: f applied to the text of p / c evaluated with
 *                      the names bound so far; False makes PCRE2 backtrack.
 * A top-level list (of patterns or rules) becomes (?:(p1)|(p2)|...) with one
 * group per entry, so the caller learns which rule matched; names are
 * scoped per entry.  PCRE2 tries alternatives in order at each position,
 * which is Wolfram's rule order.
 *
 * Callouts run the evaluator inside pcre2_match.  An exit (Abort, Throw)
 * there makes the callout return PCRE2_ERROR_CALLOUT, which ends the match;
 * lys_spat_find reports -1 and the exit continues in the caller.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <string.h>
#include "lys_strpat.h"
#include "lys_data.h"

enum { T_TEST = 1, T_COND };
typedef struct Test { int kind; LyExpr expr; uint32_t group; size_t rule; } Test;
typedef struct Name { LyExpr sym; uint32_t group; } Name;

struct LysSPat {
    LyVM *vm;
    pcre2_code *re;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    uint32_t ngroups;
    LyExpr *gname;          /* [ngroups + 1]: the pattern name of group g or NULL */
    size_t *grule;          /* [ngroups + 1]: the entry group g belongs to */
    size_t nrules;
    uint32_t *rgroup;       /* [nrules]: the group wrapping entry i (0: none) */
    Test *tests;
    size_t ntests, capt;
    bool has_regex;
    const char *subj;       /* the subject of the last match */
    size_t slen;
    LyExpr e, patt;         /* the call and its pattern (borrowed), for messages */
    bool warned;            /* rxlim issued */
};

/* ---- compiling ----------------------------------------------------------------------------------- */

typedef struct Comp {
    LysSPat *sp;
    LyBuf b;
    LyExpr top;             /* the whole pattern, for messages */
    unsigned flags;
    size_t rule;
    Name names[64];
    size_t nnames;
    size_t gcap;
    bool bad;               /* a message was issued */
    bool oom;
} Comp;

static bool emit(Comp *c, LyExpr p, bool lazy);

static uint32_t new_group(Comp *c, LyExpr name) {
    LysSPat *sp = c->sp;
    uint32_t g = ++sp->ngroups;
    if (g >= c->gcap) {
        size_t ncap = c->gcap ? c->gcap * 2 : 16;
        /* both tables grow or neither: they are freed with one capacity */
        LyExpr *n1 = ly_alloc(sp->vm, ncap * sizeof *n1);
        size_t *n2 = n1 ? ly_alloc(sp->vm, ncap * sizeof *n2) : NULL;
        if (!n2) {
            if (n1) ly_dealloc(sp->vm, n1, ncap * sizeof *n1);
            c->oom = true; sp->ngroups--; return 0;
        }
        if (c->gcap) {
            memcpy(n1, sp->gname, c->gcap * sizeof *n1);
            memcpy(n2, sp->grule, c->gcap * sizeof *n2);
            ly_dealloc(sp->vm, sp->gname, c->gcap * sizeof *n1);
            ly_dealloc(sp->vm, sp->grule, c->gcap * sizeof *n2);
        }
        sp->gname = n1;
        sp->grule = n2;
        c->gcap = ncap;
    }
    sp->gname[g] = name;
    sp->grule[g] = c->rule;
    return g;
}

static void invalid(Comp *c, LyExpr p) {
    if (!c->bad) {
        ly_message(c->sp->vm, LY_SYM(StringExpression), "invld", 2, p, c->top);
        c->bad = true;
    }
}

static void put_cp(LyBuf *b, uint32_t cp) { ly_buf_printf(b, "\\x{%x}", cp); }

static uint32_t first_cp(const char *s, size_t len, size_t *n) {
    const unsigned char *u = (const unsigned char *)s;
    size_t k = u[0] < 0x80 ? 1 : (u[0] >> 5) == 6 ? 2 : (u[0] >> 4) == 14 ? 3 : (u[0] >> 3) == 30 ? 4 : 1;
    if (k > len) k = 1;
    uint32_t cp = k == 1 ? u[0] : k == 2 ? u[0] & 0x1F : k == 3 ? u[0] & 0x0F : u[0] & 0x07;
    for (size_t i = 1; i < k; i++) cp = (cp << 6) | (u[i] & 0x3F);
    *n = k;
    return cp;
}

static void emit_literal(Comp *c, const char *s, size_t len, bool wild) {
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (wild && ch == '\\' && i + 1 < len && (s[i + 1] == '*' || s[i + 1] == '@')) {
            ly_buf_printf(&c->b, "\\%c", s[++i]);
        } else if (wild && ch == '*') {
            ly_buf_puts(&c->b, ".*");
        } else if (wild && ch == '@') {
            ly_buf_puts(&c->b, "[^\\p{Lu}]+");
        } else if (ch < 0x80 && !((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) {
            if (ch < 0x20 || ch == 0x7f) ly_buf_printf(&c->b, "\\x{%x}", ch);
            else ly_buf_printf(&c->b, "\\%c", ch);
        } else {
            ly_buf_put(&c->b, s + i, 1);
        }
    }
}

static const struct { const char *name; const char *re; } classes[] = {
    { "Whitespace", "\\s+" }, { "WhitespaceCharacter", "\\s" },
    { "LetterCharacter", "[[:alpha:]]" }, { "DigitCharacter", "[0-9]" },
    { "WordCharacter", "[[:alnum:]]" }, { "HexadecimalCharacter", "[0-9a-fA-F]" },
    { "PunctuationCharacter", "[[:punct:]]" }, { "WordBoundary", "\\b" },
    { "StartOfString", "\\A" }, { "EndOfString", "\\z" },
    { "StartOfLine", "(?m:^)" }, { "EndOfLine", "(?=\\n|\\z)" },
    { "NumberString", "(?:-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))" },
};

static const char *class_re(LyExpr p) {
    const char *n = ly_symbol_name(p);
    if (!n) return NULL;
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (!strcmp(n, classes[i].name)) return classes[i].re;
    return NULL;
}

/* A quantifier for Repeated[p, spec]; false when spec is invalid. */
static bool repeat_quant(Comp *c, LyExpr spec, bool null, bool lazy) {
    int64_t lo = null ? 0 : 1, hi = -1;
    if (spec) {
        if (ly_is_small(spec)) hi = ly_small(spec);
        else if (ly_head_is(spec, LY_SYM(List)) && ly_nlen(spec) == 1 && ly_is_small(ly_narg(spec, 1)))
            lo = hi = ly_small(ly_narg(spec, 1));
        else if (ly_head_is(spec, LY_SYM(List)) && ly_nlen(spec) == 2 && ly_is_small(ly_narg(spec, 1))) {
            lo = ly_small(ly_narg(spec, 1));
            if (ly_is_small(ly_narg(spec, 2))) hi = ly_small(ly_narg(spec, 2));
            else if (ly_narg(spec, 2) != LY_SYM(Infinity) &&
                     !ly_head_is(ly_narg(spec, 2), LY_SYM(DirectedInfinity))) return false;
        } else if (spec != LY_SYM(Infinity)) return false;
        if (lo < 0 || (hi >= 0 && hi < lo) || lo > 65535 || hi > 65535) return false;
    }
    if (hi < 0) {
        if (lo == 0) ly_buf_puts(&c->b, "*");
        else if (lo == 1) ly_buf_puts(&c->b, "+");
        else ly_buf_printf(&c->b, "{%lld,}", (long long)lo);
    } else ly_buf_printf(&c->b, "{%lld,%lld}", (long long)lo, (long long)hi);
    if (lazy) ly_buf_puts(&c->b, "?");
    return true;
}

static bool add_test(Comp *c, int kind, LyExpr expr, uint32_t group) {
    LysSPat *sp = c->sp;
    if (sp->ntests >= 255) return false;
    if (sp->ntests == sp->capt) {
        size_t ncap = sp->capt ? sp->capt * 2 : 8;
        Test *t = ly_realloc(sp->vm, sp->tests, sp->capt * sizeof *t, ncap * sizeof *t);
        if (!t) { c->oom = true; return false; }
        sp->tests = t;
        sp->capt = ncap;
    }
    sp->tests[sp->ntests++] = (Test){ kind, expr, group, c->rule };
    ly_buf_printf(&c->b, "(?C%zu)", sp->ntests);
    return true;
}

/* Capture groups of a user regex (compiled alone); -1 if it does not compile. */
static int regex_groups(const char *re, size_t len, bool icase) {
    int err;
    PCRE2_SIZE off;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)re, len, PCRE2_UTF | PCRE2_UCP | (icase ? PCRE2_CASELESS : 0),
                                     &err, &off, NULL);
    if (!code) return -1;
    uint32_t n = 0;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &n);
    pcre2_code_free(code);
    return (int)n;
}

static bool emit_seq(Comp *c, LyExpr p, bool lazy) {
    for (size_t i = 1; i <= ly_nlen(p); i++) if (!emit(c, ly_narg(p, i), lazy)) return false;
    return true;
}

static bool emit_alts(Comp *c, LyExpr p, bool lazy) {
    ly_buf_puts(&c->b, "(?:");
    for (size_t i = 1; i <= ly_nlen(p); i++) {
        if (i > 1) ly_buf_puts(&c->b, "|");
        if (!emit(c, ly_narg(p, i), lazy)) return false;
    }
    ly_buf_puts(&c->b, ")");
    return true;
}

static bool emit(Comp *c, LyExpr p, bool lazy) {
    if (c->oom) return false;
    if (ly_is_string(p)) {
        emit_literal(c, ly_str(p)->s, ly_str(p)->len, (c->flags & LYS_SP_WILDCARDS) != 0);
        return true;
    }
    if (ly_is_sym(p)) {
        const char *re = class_re(p);
        if (!re) { invalid(c, p); return false; }
        ly_buf_puts(&c->b, re);
        return true;
    }
    if (!ly_is_normal(p)) { invalid(c, p); return false; }
    LyExpr h = ly_nhead(p);
    size_t n = ly_nlen(p);
    const char *q = lazy ? "?" : "";
    if (h == LY_SYM(Blank) && n == 0) { ly_buf_puts(&c->b, "."); return true; }
    if (h == LY_SYM(BlankSequence) && n == 0) { ly_buf_printf(&c->b, ".+%s", q); return true; }
    if (h == LY_SYM(BlankNullSequence) && n == 0) { ly_buf_printf(&c->b, ".*%s", q); return true; }
    if (h == LY_SYM(StringExpression)) return emit_seq(c, p, lazy);
    if ((h == LY_SYM(Alternatives) || h == LY_SYM(List)) && n >= 1) return emit_alts(c, p, lazy);
    if (h == LY_SYM(Verbatim) && n == 1 && ly_is_string(ly_narg(p, 1))) {
        emit_literal(c, ly_str(ly_narg(p, 1))->s, ly_str(ly_narg(p, 1))->len, false);
        return true;
    }
    if ((h == LY_SYM(Shortest) || h == LY_SYM(Longest)) && n == 1)
        return emit(c, ly_narg(p, 1), h == LY_SYM(Shortest));
    if (h == LY_SYM(Pattern) && n == 2 && ly_is_sym(ly_narg(p, 1))) {
        LyExpr name = ly_narg(p, 1);
        for (size_t i = 0; i < c->nnames; i++)
            if (c->names[i].sym == name) { ly_buf_printf(&c->b, "\\g{%u}", c->names[i].group); return true; }
        uint32_t g = new_group(c, name);
        if (!g) return false;
        if (c->nnames < sizeof c->names / sizeof c->names[0]) c->names[c->nnames++] = (Name){ name, g };
        ly_buf_puts(&c->b, "(");
        if (!emit(c, ly_narg(p, 2), lazy)) return false;
        ly_buf_puts(&c->b, ")");
        return true;
    }
    if ((h == LY_SYM(Repeated) || h == LY_SYM(RepeatedNull)) && (n == 1 || n == 2)) {
        ly_buf_puts(&c->b, "(?:");
        if (!emit(c, ly_narg(p, 1), lazy)) return false;
        ly_buf_puts(&c->b, ")");
        if (!repeat_quant(c, n == 2 ? ly_narg(p, 2) : NULL, h == LY_SYM(RepeatedNull), lazy)) {
            invalid(c, p);
            return false;
        }
        return true;
    }
    if (h == LY_SYM(Except) && (n == 1 || n == 2)) {
        ly_buf_puts(&c->b, "(?:(?!");
        if (!emit(c, ly_narg(p, 1), false)) return false;
        ly_buf_puts(&c->b, ")");
        if (n == 2) { if (!emit(c, ly_narg(p, 2), lazy)) return false; }
        else ly_buf_puts(&c->b, ".");
        ly_buf_puts(&c->b, ")");
        return true;
    }
    if (ly_is_symbol(h, "CharacterRange") && n == 2 && ly_is_string(ly_narg(p, 1)) && ly_is_string(ly_narg(p, 2)) &&
        ly_str(ly_narg(p, 1))->len > 0 && ly_str(ly_narg(p, 2))->len > 0) {
        size_t k;
        uint32_t a = first_cp(ly_str(ly_narg(p, 1))->s, ly_str(ly_narg(p, 1))->len, &k);
        uint32_t b = first_cp(ly_str(ly_narg(p, 2))->s, ly_str(ly_narg(p, 2))->len, &k);
        if (a > b) ly_buf_puts(&c->b, "(?!)");
        else { ly_buf_puts(&c->b, "["); put_cp(&c->b, a); ly_buf_puts(&c->b, "-"); put_cp(&c->b, b); ly_buf_puts(&c->b, "]"); }
        return true;
    }
    if (ly_is_symbol(h, "RegularExpression") && n == 1 && ly_is_string(ly_narg(p, 1))) {
        const LyString *re = ly_str(ly_narg(p, 1));
        int ng = regex_groups(re->s, re->len, (c->flags & LYS_SP_IGNORECASE) != 0);
        if (ng < 0) { invalid(c, p); return false; }
        for (int i = 0; i < ng; i++) if (!new_group(c, NULL)) return false;
        ly_buf_puts(&c->b, (c->flags & LYS_SP_IGNORECASE) ? "(?^i:" : "(?^:");
        ly_buf_put(&c->b, re->s, re->len);
        ly_buf_puts(&c->b, ")");
        c->sp->has_regex = true;
        return true;
    }
    if (h == LY_SYM(PatternTest) && n == 2) {
        uint32_t g = new_group(c, NULL);
        if (!g) return false;
        ly_buf_puts(&c->b, "(");
        if (!emit(c, ly_narg(p, 1), lazy)) return false;
        ly_buf_puts(&c->b, ")");
        if (!add_test(c, T_TEST, ly_narg(p, 2), g)) { if (!c->oom) invalid(c, p); return false; }
        return true;
    }
    if (h == LY_SYM(Condition) && n == 2) {
        ly_buf_puts(&c->b, "(?:");
        if (!emit(c, ly_narg(p, 1), lazy)) return false;
        ly_buf_puts(&c->b, ")");
        if (!add_test(c, T_COND, ly_narg(p, 2), 0)) { if (!c->oom) invalid(c, p); return false; }
        return true;
    }
    if (h == LY_SYM(HoldPattern) && n == 1) return emit(c, ly_narg(p, 1), lazy);
    invalid(c, p);
    return false;
}

static bool is_rule(LyExpr r) {
    return (ly_head_is(r, LY_SYM(Rule)) || ly_head_is(r, LY_SYM(RuleDelayed))) && ly_nlen(r) == 2;
}

/* One entry of the top level: a pattern, or the left side of a rule. */
static bool emit_entry(Comp *c, LyExpr p, bool wrap) {
    if (c->flags & LYS_SP_RULES) {
        if (!is_rule(p)) { invalid(c, p); return false; }
        p = ly_narg(p, 1);
    }
    c->nnames = 0;
    if (!wrap) return emit(c, p, false);
    uint32_t g = new_group(c, NULL);
    if (!g) return false;
    c->sp->rgroup[c->rule] = g;
    ly_buf_puts(&c->b, "(");
    if (!emit(c, p, false)) return false;
    ly_buf_puts(&c->b, ")");
    return true;
}

/* Everything but the group tables (whose size the caller knows). */
static void destroy(LysSPat *sp) {
    LyVM *vm = sp->vm;
    if (sp->md) pcre2_match_data_free(sp->md);
    if (sp->mctx) pcre2_match_context_free(sp->mctx);
    if (sp->re) pcre2_code_free(sp->re);
    ly_dealloc(vm, sp->tests, sp->capt * sizeof *sp->tests);
    ly_dealloc(vm, sp->rgroup, (sp->nrules ? sp->nrules : 1) * sizeof *sp->rgroup);
    ly_dealloc(vm, sp, sizeof *sp);
}

static int callout(pcre2_callout_block *cb, void *ud);

LysSPat *lys_spat_new(LyVM *vm, LyExpr e, LyExpr patt, unsigned flags) {
    LysSPat *sp = ly_alloc(vm, sizeof *sp);
    if (!sp) { ly_raise_nomem(vm); return NULL; }
    memset(sp, 0, sizeof *sp);
    sp->vm = vm;
    sp->e = e;
    sp->patt = patt;
    Comp c;
    memset(&c, 0, sizeof c);
    c.sp = sp;
    c.top = patt;
    c.flags = flags;
    ly_buf_init(&c.b, vm);
    bool list = ly_head_is(patt, LY_SYM(List));
    sp->nrules = list ? ly_nlen(patt) : 1;
    sp->rgroup = ly_alloc(vm, (sp->nrules ? sp->nrules : 1) * sizeof *sp->rgroup);
    bool ok = sp->rgroup != NULL;
    if (!ok) c.oom = true;
    else memset(sp->rgroup, 0, (sp->nrules ? sp->nrules : 1) * sizeof *sp->rgroup);
    if (ok && !list) ok = emit_entry(&c, patt, false);
    else if (ok && ly_nlen(patt) == 0) ly_buf_puts(&c.b, "(?!)");
    else if (ok) {
        ly_buf_puts(&c.b, "(?:");
        for (size_t i = 1; ok && i <= ly_nlen(patt); i++) {
            if (i > 1) ly_buf_puts(&c.b, "|");
            c.rule = i - 1;
            ok = emit_entry(&c, ly_narg(patt, i), true);
        }
        ly_buf_puts(&c.b, ")");
    }
    if (ok && !c.b.oom) {
        int err;
        PCRE2_SIZE off;
        uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_DOTALL | PCRE2_MATCH_INVALID_UTF;
        if (flags & LYS_SP_IGNORECASE) opts |= PCRE2_CASELESS;
        sp->re = pcre2_compile((PCRE2_SPTR)(c.b.p ? c.b.p : ""), c.b.len, opts, &err, &off, NULL);
        if (!sp->re) {
            ok = false;
            if (err == PCRE2_ERROR_NOMEMORY) c.oom = true;
            else invalid(&c, patt);
        } else {
            pcre2_jit_compile(sp->re, PCRE2_JIT_COMPLETE);
            sp->md = pcre2_match_data_create_from_pattern(sp->re, NULL);
            sp->mctx = pcre2_match_context_create(NULL);
            if (!sp->md || !sp->mctx) { ok = false; c.oom = true; }
            else pcre2_set_callout(sp->mctx, callout, sp);
        }
    }
    if (c.b.oom) c.oom = true;
    ly_buf_free(&c.b);
    /* gname / grule are owned through gcap; keep it with the object */
    size_t gcap = c.gcap;
    if (!ok || c.oom) {
        ly_dealloc(vm, sp->gname, gcap * sizeof *sp->gname);
        ly_dealloc(vm, sp->grule, gcap * sizeof *sp->grule);
        destroy(sp);
        if (c.oom) ly_raise_nomem(vm);
        return NULL;
    }
    /* shrink-wrap the group tables to ngroups + 1 so free knows their size */
    size_t want = sp->ngroups + 1;
    if (gcap != want) {
        LyExpr *n1 = ly_alloc(vm, want * sizeof *n1);
        size_t *n2 = ly_alloc(vm, want * sizeof *n2);
        if (!n1 || !n2) {
            ly_dealloc(vm, n1, n1 ? want * sizeof *n1 : 0);
            ly_dealloc(vm, n2, n2 ? want * sizeof *n2 : 0);
            ly_dealloc(vm, sp->gname, gcap * sizeof *sp->gname);
            ly_dealloc(vm, sp->grule, gcap * sizeof *sp->grule);
            destroy(sp);
            ly_raise_nomem(vm);
            return NULL;
        }
        memset(n1, 0, want * sizeof *n1);
        memset(n2, 0, want * sizeof *n2);
        if (sp->ngroups) {
            memcpy(n1 + 1, sp->gname + 1, sp->ngroups * sizeof *n1);
            memcpy(n2 + 1, sp->grule + 1, sp->ngroups * sizeof *n2);
        }
        ly_dealloc(vm, sp->gname, gcap * sizeof *sp->gname);
        ly_dealloc(vm, sp->grule, gcap * sizeof *sp->grule);
        sp->gname = n1;
        sp->grule = n2;
    }
    return sp;
}

void lys_spat_free(LysSPat *sp) {
    if (!sp) return;
    ly_dealloc(sp->vm, sp->gname, (sp->ngroups + 1) * sizeof *sp->gname);
    ly_dealloc(sp->vm, sp->grule, (sp->ngroups + 1) * sizeof *sp->grule);
    destroy(sp);
}

bool lys_spat_valid(LyExpr p) {
    if (ly_is_string(p)) return true;
    if (ly_is_sym(p)) return class_re(p) != NULL;
    if (!ly_is_normal(p)) return false;
    LyExpr h = ly_nhead(p);
    if (h == LY_SYM(StringExpression) || h == LY_SYM(Alternatives) || h == LY_SYM(List)) {
        for (size_t i = 1; i <= ly_nlen(p); i++) if (!lys_spat_valid(ly_narg(p, i))) return false;
        return true;
    }
    if (h == LY_SYM(Blank) || h == LY_SYM(BlankSequence) || h == LY_SYM(BlankNullSequence)) return ly_nlen(p) == 0;
    if (h == LY_SYM(Pattern) && ly_nlen(p) == 2) return lys_spat_valid(ly_narg(p, 2));
    if ((h == LY_SYM(Repeated) || h == LY_SYM(RepeatedNull) || h == LY_SYM(Shortest) || h == LY_SYM(Longest) ||
         h == LY_SYM(PatternTest) || h == LY_SYM(Condition) || h == LY_SYM(Except)) && ly_nlen(p) >= 1)
        return lys_spat_valid(ly_narg(p, 1));
    return h == LY_SYM(Verbatim) || ly_is_symbol(h, "RegularExpression") || ly_is_symbol(h, "CharacterRange");
}

/* ---- matching -------------------------------------------------------------------------------------- */

static LyExpr group_string(LysSPat *sp, const PCRE2_SIZE *ov, uint32_t g) {
    if (ov[2 * g] == PCRE2_UNSET) return NULL;
    return ly_mkstring(sp->vm, sp->subj + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
}

/* Named groups of entry `rule` that are set: symbols and string values
 * (new references in vals).  Returns the count, or (size_t)-1 on OOM. */
static size_t bindings(LysSPat *sp, const PCRE2_SIZE *ov, uint32_t top, size_t rule,
                       LyExpr *syms, LyExpr *vals, size_t max) {
    size_t k = 0;
    for (uint32_t g = 1; g < top && g <= sp->ngroups && k < max; g++) {
        if (!sp->gname[g] || sp->grule[g] != rule || ov[2 * g] == PCRE2_UNSET) continue;
        LyExpr v = group_string(sp, ov, g);
        if (!v) { for (size_t i = 0; i < k; i++) ly_unref(sp->vm, vals[i]); return (size_t)-1; }
        syms[k] = sp->gname[g];
        vals[k++] = v;
    }
    return k;
}

static int callout(pcre2_callout_block *cb, void *ud) {
    LysSPat *sp = ud;
    LyVM *vm = sp->vm;
    if (cb->callout_number < 1 || cb->callout_number > sp->ntests) return 0;
    Test *t = &sp->tests[cb->callout_number - 1];
    LyExpr r = NULL;
    if (!ly_safe_point(vm)) return PCRE2_ERROR_CALLOUT;
    if (t->kind == T_TEST) {
        LyExpr s = group_string(sp, cb->offset_vector, t->group);
        if (!s) return 1;
        LyExpr call = ly_apply(vm, t->expr, 1, &s);
        ly_unref(vm, s);
        if (!call) { ly_raise_nomem(vm); return PCRE2_ERROR_CALLOUT; }
        r = ly_evaluate(vm, call);
        ly_unref(vm, call);
    } else {
        LyExpr syms[64], vals[64];
        size_t k = bindings(sp, cb->offset_vector, cb->capture_top, t->rule, syms, vals, 64);
        if (k == (size_t)-1) { ly_raise_nomem(vm); return PCRE2_ERROR_CALLOUT; }
        LyExpr body = ly_substitute(vm, t->expr, k, syms, vals);
        for (size_t i = 0; i < k; i++) ly_unref(vm, vals[i]);
        if (!body) { if (!ly_unwinding(vm)) ly_raise_nomem(vm); return PCRE2_ERROR_CALLOUT; }
        r = ly_evaluate(vm, body);
        ly_unref(vm, body);
    }
    if (!r) return PCRE2_ERROR_CALLOUT;
    bool yes = r == LY_SYM(True);
    ly_unref(vm, r);
    return yes ? 0 : 1;
}

int lys_spat_find(LysSPat *sp, const char *s, size_t len, size_t from,
                  bool allow_empty, bool anchored, bool full, size_t *ms, size_t *me) {
    sp->subj = s;
    sp->slen = len;
    uint32_t opts = (allow_empty ? 0 : PCRE2_NOTEMPTY) | (anchored ? PCRE2_ANCHORED : 0) |
                    (full ? PCRE2_ENDANCHORED : 0);
    int rc = pcre2_match(sp->re, (PCRE2_SPTR)s, len, from, opts, sp->md, sp->mctx);
    if (rc == PCRE2_ERROR_NOMATCH) return ly_unwinding(sp->vm) ? -1 : 0;
    if (rc < 0) {
        if (ly_unwinding(sp->vm)) return -1;
        if (rc == PCRE2_ERROR_NOMEMORY) { ly_raise_nomem(sp->vm); return -1; }
        /* PCRE2's match limit (10^7 backtracking steps, its default) bounds
         * a call we cannot interrupt; reaching it is not "no match", so say
         * so rather than answer silently (docs/limits.md) */
        LyExpr h = sp->e;
        while (h && ly_is_normal(h)) h = ly_nhead(h);       /* operator forms too */
        if (!sp->warned && h && ly_is_sym(h)) {
            sp->warned = true;
            ly_message(sp->vm, h, "rxlim", 1, sp->patt);
        }
        return 0;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sp->md);
    *ms = ov[0];
    *me = ov[1];
    return 1;
}

size_t lys_spat_which(LysSPat *sp) {
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sp->md);
    for (size_t i = 0; i < sp->nrules; i++)
        if (sp->rgroup[i] && ov[2 * sp->rgroup[i]] != PCRE2_UNSET) return i;
    return 0;
}

LyExpr lys_spat_group(LysSPat *sp, uint32_t g) {
    if (g > sp->ngroups) return NULL;
    return group_string(sp, pcre2_get_ovector_pointer(sp->md), g);
}

/* "$n" references in a replacement string (patterns with RegularExpression). */
static LyExpr dollar_subst(LysSPat *sp, LyExpr rhs) {
    const LyString *t = ly_str(rhs);
    if (!memchr(t->s, '$', t->len)) { ly_ref(rhs); return rhs; }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sp->md);
    LyBuf b;
    ly_buf_init(&b, sp->vm);
    for (size_t i = 0; i < t->len; i++) {
        if (t->s[i] == '$' && i + 1 < t->len && t->s[i + 1] >= '0' && t->s[i + 1] <= '9') {
            uint32_t g = 0;
            size_t j = i + 1;
            while (j < t->len && t->s[j] >= '0' && t->s[j] <= '9' && g < 1000) g = g * 10 + (uint32_t)(t->s[j++] - '0');
            if (g <= sp->ngroups && ov[2 * g] != PCRE2_UNSET) ly_buf_put(&b, sp->subj + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
            i = j - 1;
        } else ly_buf_put(&b, t->s + i, 1);
    }
    LyExpr r = b.oom ? ly_raise_nomem(sp->vm) : ly_mkstring(sp->vm, b.p ? b.p : "", b.len);
    ly_buf_free(&b);
    return r;
}

/* rhs with "$n" references replaced in every string inside it (new
 * reference; rhs itself when there are none) */
static LyExpr dollar_subst_all(LysSPat *sp, LyExpr rhs, int depth) {
    if (ly_is_string(rhs)) return dollar_subst(sp, rhs);
    if (!ly_is_normal(rhs) || depth > 64) { ly_ref(rhs); return rhs; }
    size_t n = ly_nlen(rhs);
    LyExpr out = NULL;
    for (size_t i = 0; i <= n; i++) {
        LyExpr a = i ? ly_narg(rhs, i) : ly_nhead(rhs);
        LyExpr v = dollar_subst_all(sp, a, depth + 1);
        if (!v) { if (out) lys_abandon(sp->vm, out, i); return NULL; }
        if (v != a && !out) {
            ly_ref(ly_nhead(rhs));
            out = ly_mknormal(sp->vm, ly_nhead(rhs), n);
            if (!out) { ly_unref(sp->vm, v); return NULL; }
            for (size_t j = 1; j < i; j++) { ly_ref(ly_narg(rhs, j)); ly_nset(out, j, ly_narg(rhs, j)); }
        }
        if (out) {
            if (i == 0) { ly_unref(sp->vm, ly_nhead(out)); ((LyNormal *)out)->e[0] = v; }
            else ly_nset(out, i, v);
        } else ly_unref(sp->vm, v);
    }
    if (!out) { ly_ref(rhs); return rhs; }
    return out;
}

LyExpr lys_spat_rhs(LysSPat *sp, size_t rule, LyExpr rhs) {
    LyVM *vm = sp->vm;
    if (ly_is_string(rhs)) {
        if (sp->has_regex) return dollar_subst(sp, rhs);
        ly_ref(rhs);
        return rhs;
    }
    LyExpr rhs2 = NULL;
    if (sp->has_regex) {
        /* "$n" in the strings of a delayed right side too (Wolfram) */
        rhs2 = dollar_subst_all(sp, rhs, 0);
        if (!rhs2) return NULL;
        rhs = rhs2;
    }
    LyExpr syms[64], vals[64];
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sp->md);
    size_t k = bindings(sp, ov, sp->ngroups + 1, rule, syms, vals, 64);
    if (k == (size_t)-1) { ly_unref(vm, rhs2); return ly_raise_nomem(vm); }
    LyExpr body = k ? ly_substitute(vm, rhs, k, syms, vals) : (ly_ref(rhs), rhs);
    for (size_t i = 0; i < k; i++) ly_unref(vm, vals[i]);
    ly_unref(vm, rhs2);
    if (!body) return ly_unwinding(vm) ? NULL : ly_raise_nomem(vm);
    LyExpr r = ly_evaluate(vm, body);
    ly_unref(vm, body);
    return r;
}


/* ---- the string functions that take patterns -------------------------------------------------------- */

typedef struct Vec { LyVM *vm; LyExpr *v; size_t n, cap; } Vec;

static bool vec_push(Vec *a, LyExpr x) {     /* steals x; false (x released) on OOM */
    if (!x) return false;
    if (a->n == a->cap) {
        size_t ncap = a->cap ? a->cap * 2 : 16;
        LyExpr *v = ly_realloc(a->vm, a->v, a->cap * sizeof *v, ncap * sizeof *v);
        if (!v) { ly_unref(a->vm, x); if (!ly_unwinding(a->vm)) ly_raise_nomem(a->vm); return false; }
        a->v = v;
        a->cap = ncap;
    }
    a->v[a->n++] = x;
    return true;
}

static void vec_free(Vec *a) {
    for (size_t i = 0; i < a->n; i++) ly_unref(a->vm, a->v[i]);
    ly_dealloc(a->vm, a->v, a->cap * sizeof *a->v);
    a->v = NULL;
    a->n = a->cap = 0;
}

/* The List of the vector's items (which it takes over). */
static LyExpr vec_list(Vec *a) {
    LyExpr l = ly_mknormal(a->vm, LY_SYM(List), a->n);
    if (!l) { vec_free(a); return NULL; }
    for (size_t i = 0; i < a->n; i++) ly_nset(l, i + 1, a->v[i]);
    a->n = 0;
    vec_free(a);
    return l;
}

static size_t cp_len(const char *s, size_t len, size_t i) {
    unsigned char c = (unsigned char)s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    return i + n <= len ? n : 1;
}

static size_t count_cps(const char *s, size_t a, size_t b) {
    size_t n = 0;
    for (size_t i = a; i < b; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

enum { OV_UNSET = -1, OV_FALSE, OV_TRUE, OV_ALL };

typedef struct Job {
    LyVM *vm;
    LyExpr e;           /* the call */
    LyExpr patt;        /* the pattern / rules argument */
    LysSPat *sp;
    bool icase, rules;
    int overlaps;
    size_t npos;        /* positional arguments */
    int64_t limit;      /* at most this many matches / pieces */
    bool keep_all;      /* StringSplit[..., All] */
    int mode;
} Job;

/* Trailing IgnoreCase/Overlaps options; sets j->npos. */
static void get_opts(Job *j) {
    size_t n = ly_nlen(j->e);
    j->icase = false;
    j->overlaps = OV_UNSET;
    while (n > 1 && is_rule(ly_narg(j->e, n))) {
        LyExpr r = ly_narg(j->e, n), v = ly_narg(r, 2);
        if (ly_is_symbol(ly_narg(r, 1), "IgnoreCase")) j->icase = v == LY_SYM(True);
        else if (ly_is_symbol(ly_narg(r, 1), "Overlaps"))
            j->overlaps = v == LY_SYM(True) ? OV_TRUE : v == LY_SYM(All) ? OV_ALL : OV_FALSE;
        else break;
        n--;
    }
    j->npos = n;
}

static bool all_rules(LyExpr p) {
    if (is_rule(p)) return true;
    if (!ly_head_is(p, LY_SYM(List)) || ly_nlen(p) == 0) return false;
    for (size_t i = 1; i <= ly_nlen(p); i++) if (!is_rule(ly_narg(p, i))) return false;
    return true;
}

static LyExpr rule_at(LyExpr p, size_t i) { return is_rule(p) ? p : ly_narg(p, i + 1); }

static bool strings_or_list(LyVM *vm, LyExpr e, LyExpr x) {
    if (ly_is_string(x)) return true;
    if (ly_head_is(x, LY_SYM(List))) {
        size_t i = 1;
        while (i <= ly_nlen(x) && ly_is_string(ly_narg(x, i))) i++;
        if (i > ly_nlen(x)) return true;
    }
    ly_message(vm, ly_nhead(e), "strse", 2, ly_mksmall(1), e);
    return false;
}

static bool compile_job(Job *j, unsigned extra) {
    unsigned f = extra | (j->icase ? LYS_SP_IGNORECASE : 0) | (j->rules ? LYS_SP_RULES : 0);
    j->sp = lys_spat_new(j->vm, j->e, j->patt, f);
    return j->sp != NULL;
}

typedef LyExpr (*OneFn)(Job *j, const LyString *s);

/* fn on the string x, or on each string of the list x. */
static LyExpr each(Job *j, LyExpr x, OneFn fn) {
    if (ly_is_string(x)) return fn(j, ly_str(x));
    LyExpr out = ly_mknormal(j->vm, LY_SYM(List), ly_nlen(x));
    for (size_t i = 1; out && i <= ly_nlen(x); i++) {
        LyExpr v = ly_safe_point(j->vm) ? fn(j, ly_str(ly_narg(x, i))) : NULL;
        if (!v) { lys_abandon(j->vm, out, i); return NULL; }
        ly_nset(out, i, v);
    }
    return out;
}

/* f[p...][args...] -> f[args..., p...], then fn on it. */
static LyExpr operator_form(LyVM *vm, LyExpr e, LyCFunction fn) {
    LyExpr op = ly_nhead(e);
    size_t k = ly_nlen(op), m = ly_nlen(e);
    LyExpr full = ly_mknormal(vm, ly_nhead(op), k + m);
    if (!full) return NULL;
    for (size_t i = 1; i <= m; i++) { ly_ref(ly_narg(e, i)); ly_nset(full, i, ly_narg(e, i)); }
    for (size_t i = 1; i <= k; i++) { ly_ref(ly_narg(op, i)); ly_nset(full, m + i, ly_narg(op, i)); }
    LyExpr r = fn(vm, full);
    ly_unref(vm, full);
    return r;
}

/* ---- predicates ---- */

enum { Q_MATCH, Q_CONTAINS, Q_STARTS, Q_ENDS, Q_FREE };

static LyExpr one_q(Job *j, const LyString *s) {
    size_t ms, me;
    int r;
    switch (j->mode) {
    case Q_MATCH: r = lys_spat_find(j->sp, s->s, s->len, 0, true, true, true, &ms, &me); break;
    case Q_STARTS: r = lys_spat_find(j->sp, s->s, s->len, 0, true, true, false, &ms, &me); break;
    case Q_ENDS: r = lys_spat_find(j->sp, s->s, s->len, 0, true, false, true, &ms, &me); break;
    default: r = lys_spat_find(j->sp, s->s, s->len, 0, true, false, false, &ms, &me); break;
    }
    if (r < 0) return NULL;
    return (r == 1) != (j->mode == Q_FREE) ? LY_SYM(True) : LY_SYM(False);
}

static LyExpr predicate(LyVM *vm, LyExpr e, int mode, LyCFunction self) {
    if (ly_is_normal(ly_nhead(e))) return operator_form(vm, e, self);
    Job j = { .vm = vm, .e = e, .mode = mode };
    get_opts(&j);
    if (j.npos == 1 && ly_nlen(e) == 1) return NULL;          /* operator form */
    if (j.npos != 2) { lys_argc(vm, e, 1, 2); return NULL; }
    if (!strings_or_list(vm, e, ly_narg(e, 1))) return NULL;
    j.patt = ly_narg(e, 2);
    if (!compile_job(&j, mode == Q_MATCH ? LYS_SP_WILDCARDS : 0)) return NULL;
    LyExpr r = each(&j, ly_narg(e, 1), one_q);
    lys_spat_free(j.sp);
    return r;
}

static LyExpr b_stringmatchq(LyVM *vm, LyExpr e) { return predicate(vm, e, Q_MATCH, b_stringmatchq); }
static LyExpr b_stringcontainsq(LyVM *vm, LyExpr e) { return predicate(vm, e, Q_CONTAINS, b_stringcontainsq); }
static LyExpr b_stringstartsq(LyVM *vm, LyExpr e) { return predicate(vm, e, Q_STARTS, b_stringstartsq); }
static LyExpr b_stringendsq(LyVM *vm, LyExpr e) { return predicate(vm, e, Q_ENDS, b_stringendsq); }
static LyExpr b_stringfreeq(LyVM *vm, LyExpr e) { return predicate(vm, e, Q_FREE, b_stringfreeq); }

/* ---- StringCases, StringCount, StringPosition ---- */

enum { F_CASES, F_COUNT, F_POSITION };

static LyExpr one_find(Job *j, const LyString *s) {
    Vec out = { j->vm, NULL, 0, 0 };
    size_t pos = 0, ms, me, count = 0, cpos = 0, cbyte = 0;
    int64_t found = 0;
    bool overlaps = j->overlaps == OV_UNSET ? j->mode == F_POSITION : j->overlaps != OV_FALSE;
    while (found < j->limit && pos <= s->len) {
        int r = lys_spat_find(j->sp, s->s, s->len, pos, false, false, false, &ms, &me);
        if (r < 0) { vec_free(&out); return NULL; }
        if (r == 0) break;
        found++;
        if (j->mode == F_COUNT) count++;
        else if (j->mode == F_POSITION) {
            cpos += count_cps(s->s, cbyte, ms);
            cbyte = ms;
            size_t a = cpos + 1, b = cpos + count_cps(s->s, ms, me);
            if (!vec_push(&out, ly_mk(j->vm, LY_SYM(List), 2, ly_int(j->vm, (int64_t)a), ly_int(j->vm, (int64_t)b))))
                { vec_free(&out); return NULL; }
        } else {
            LyExpr v = j->rules ? lys_spat_rhs(j->sp, lys_spat_which(j->sp),
                                               ly_narg(rule_at(j->patt, lys_spat_which(j->sp)), 2))
                                : ly_mkstring(j->vm, s->s + ms, me - ms);
            if (!v && !ly_unwinding(j->vm)) ly_raise_nomem(j->vm);
            if (!vec_push(&out, v)) { vec_free(&out); return NULL; }
        }
        pos = overlaps ? ms + cp_len(s->s, s->len, ms) : me;
        if (!ly_safe_point(j->vm)) { vec_free(&out); return NULL; }
    }
    if (j->mode == F_COUNT) { vec_free(&out); return ly_int(j->vm, (int64_t)count); }
    return vec_list(&out);
}

static LyExpr finder(LyVM *vm, LyExpr e, int mode, LyCFunction self) {
    if (ly_is_normal(ly_nhead(e))) return operator_form(vm, e, self);
    Job j = { .vm = vm, .e = e, .mode = mode, .limit = INT64_MAX };
    get_opts(&j);
    if (ly_nlen(e) == 1 && mode != F_COUNT) return NULL;       /* operator form */
    size_t hi = mode == F_COUNT ? 2 : 3;
    if (j.npos < 2 || j.npos > hi) { lys_argc(vm, e, 2, hi); return NULL; }
    if (!strings_or_list(vm, e, ly_narg(e, 1))) return NULL;
    if (j.npos == 3) {
        LyExpr n = ly_narg(e, 3);
        if (ly_is_small(n) && ly_small(n) >= 0) j.limit = ly_small(n);
        else if (n != LY_SYM(Infinity) && !ly_head_is(n, LY_SYM(DirectedInfinity))) {
            ly_message(vm, ly_nhead(e), "innf", 2, ly_mksmall(3), e);
            return NULL;
        }
    }
    j.patt = ly_narg(e, 2);
    j.rules = mode == F_CASES && all_rules(j.patt);
    if (!compile_job(&j, 0)) return NULL;
    LyExpr r = each(&j, ly_narg(e, 1), one_find);
    lys_spat_free(j.sp);
    return r;
}

static LyExpr b_stringcases(LyVM *vm, LyExpr e) { return finder(vm, e, F_CASES, b_stringcases); }
static LyExpr b_stringcount(LyVM *vm, LyExpr e) { return finder(vm, e, F_COUNT, b_stringcount); }
static LyExpr b_stringposition(LyVM *vm, LyExpr e) { return finder(vm, e, F_POSITION, b_stringposition); }

/* ---- StringReplace, StringDelete ---- */

typedef struct Pieces { Vec v; LyBuf b; bool mixed; } Pieces;

static bool pieces_flush(Pieces *p) {
    if (p->b.len == 0) return true;
    if (p->b.oom) { ly_raise_nomem(p->v.vm); return false; }
    bool ok = vec_push(&p->v, ly_mkstring(p->v.vm, p->b.p, p->b.len));
    p->b.len = 0;
    return ok;
}

static bool pieces_add(Pieces *p, LyExpr x) {   /* steals x */
    if (ly_is_string(x)) { ly_buf_put(&p->b, ly_str(x)->s, ly_str(x)->len); ly_unref(p->v.vm, x); return true; }
    p->mixed = true;
    return pieces_flush(p) && vec_push(&p->v, x);
}

/* A string, or StringExpression[...] when some replacement was not a string. */
static LyExpr pieces_result(Pieces *p) {
    LyVM *vm = p->v.vm;
    if (!p->mixed) {
        LyExpr r = p->b.oom ? ly_raise_nomem(vm) : ly_mkstring(vm, p->b.p ? p->b.p : "", p->b.len);
        ly_buf_free(&p->b);
        vec_free(&p->v);
        return r;
    }
    bool ok = pieces_flush(p);
    ly_buf_free(&p->b);
    if (!ok) { vec_free(&p->v); return NULL; }
    if (p->v.n == 1) { LyExpr r = p->v.v[0]; p->v.n = 0; vec_free(&p->v); return r; }
    LyExpr l = vec_list(&p->v);
    if (!l) return NULL;
    LyExpr r = ly_apply(vm, LY_SYM(StringExpression), ly_nlen(l), ly_nargs(l));
    ly_unref(vm, l);
    return r ? lys_eval_steal(vm, r) : NULL;
}

static LyExpr one_replace(Job *j, const LyString *s) {
    Pieces p = { { j->vm, NULL, 0, 0 }, { 0 }, false };
    ly_buf_init(&p.b, j->vm);
    size_t pos = 0, ms, me;
    int64_t done = 0;
    while (done < j->limit && pos < s->len) {
        int r = lys_spat_find(j->sp, s->s, s->len, pos, false, false, false, &ms, &me);
        if (r < 0) goto fail;
        if (r == 0) break;
        ly_buf_put(&p.b, s->s + pos, ms - pos);
        if (j->mode == 0) {
            size_t w = lys_spat_which(j->sp);
            LyExpr v = lys_spat_rhs(j->sp, w, ly_narg(rule_at(j->patt, w), 2));
            if (!v || !pieces_add(&p, v)) goto fail;
        }
        pos = me;
        done++;
        if (!ly_safe_point(j->vm)) goto fail;
    }
    ly_buf_put(&p.b, s->s + pos, s->len - pos);
    return pieces_result(&p);
fail:
    ly_buf_free(&p.b);
    vec_free(&p.v);
    return NULL;
}

static LyExpr b_stringreplace(LyVM *vm, LyExpr e) {
    if (ly_is_normal(ly_nhead(e))) return operator_form(vm, e, b_stringreplace);
    Job j = { .vm = vm, .e = e, .limit = INT64_MAX };
    get_opts(&j);
    if (ly_nlen(e) == 1) return NULL;                           /* operator form */
    if (j.npos < 2 || j.npos > 3) { lys_argc(vm, e, 1, 3); return NULL; }
    if (!strings_or_list(vm, e, ly_narg(e, 1))) return NULL;
    j.patt = ly_narg(e, 2);
    if (ly_head_is(j.patt, LY_SYM(List)) && ly_nlen(j.patt) == 0) { ly_ref(ly_narg(e, 1)); return ly_narg(e, 1); }
    if (!all_rules(j.patt)) {
        ly_message(vm, ly_nhead(e), "srep", 3, j.patt, ly_mksmall(2), e);
        return NULL;
    }
    j.rules = true;
    if (j.npos == 3) {
        LyExpr n = ly_narg(e, 3);
        if (ly_is_small(n) && ly_small(n) >= 0) j.limit = ly_small(n);
        else if (n != LY_SYM(Infinity) && !ly_head_is(n, LY_SYM(DirectedInfinity))) {
            ly_message(vm, ly_nhead(e), "innf", 2, ly_mksmall(3), e);
            return NULL;
        }
    }
    if (!compile_job(&j, 0)) return NULL;
    LyExpr r = each(&j, ly_narg(e, 1), one_replace);
    lys_spat_free(j.sp);
    return r;
}

static LyExpr b_stringdelete(LyVM *vm, LyExpr e) {
    if (ly_is_normal(ly_nhead(e))) return operator_form(vm, e, b_stringdelete);
    Job j = { .vm = vm, .e = e, .limit = INT64_MAX, .mode = 1 };
    get_opts(&j);
    if (ly_nlen(e) == 1) return NULL;                           /* operator form */
    if (j.npos != 2) { lys_argc(vm, e, 1, 2); return NULL; }
    if (!strings_or_list(vm, e, ly_narg(e, 1))) return NULL;
    j.patt = ly_narg(e, 2);
    if (!compile_job(&j, 0)) return NULL;
    LyExpr r = each(&j, ly_narg(e, 1), one_replace);
    lys_spat_free(j.sp);
    return r;
}

/* ---- StringSplit ---- */

static bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* Pieces between delimiters; NULL sp: runs of ASCII whitespace (the fast
 * default).  Empty pieces at the ends are dropped unless keep_all. */
static LyExpr one_split(Job *j, const LyString *s) {
    Vec out = { j->vm, NULL, 0, 0 };
    size_t start = 0, pos = 0, ms = 0, me = 0;
    int64_t pieces = 1;
    for (;;) {
        int r = 0;
        if (pieces < j->limit) {
            if (j->sp) {
                /* a delimiter may be empty (a lookahead: (?=[A-Z])), but not at
                 * the start of a piece or the end of the string */
                size_t from = pos;
                for (;;) {
                    r = lys_spat_find(j->sp, s->s, s->len, from, true, false, false, &ms, &me);
                    if (r <= 0 || me > ms || (ms > start && ms < s->len)) break;
                    if (from >= s->len) { r = 0; break; }
                    from++;
                    while (from < s->len && ((unsigned char)s->s[from] & 0xC0) == 0x80) from++;
                }
            } else {
                ms = pos;
                while (ms < s->len && !is_space((unsigned char)s->s[ms])) ms++;
                me = ms;
                while (me < s->len && is_space((unsigned char)s->s[me])) me++;
                r = ms < s->len;
            }
        }
        if (r < 0) { vec_free(&out); return NULL; }
        size_t end = r ? ms : s->len;
        bool drop = !j->keep_all && end == start && (start == 0 || !r);
        if (!j->sp && end == start) drop = true;
        if (!drop && !vec_push(&out, ly_mkstring(j->vm, s->s + start, end - start))) { vec_free(&out); return NULL; }
        if (!r) break;
        if (j->rules) {
            LyExpr v = lys_spat_rhs(j->sp, lys_spat_which(j->sp), ly_narg(rule_at(j->patt, lys_spat_which(j->sp)), 2));
            if (!vec_push(&out, v)) { vec_free(&out); return NULL; }
        }
        pieces++;
        start = pos = me;
        if (!ly_safe_point(j->vm)) { vec_free(&out); return NULL; }
    }
    return vec_list(&out);
}

static LyExpr b_stringsplit(LyVM *vm, LyExpr e) {
    Job j = { .vm = vm, .e = e, .limit = INT64_MAX };
    get_opts(&j);
    if (j.npos < 1 || j.npos > 3) { lys_argc(vm, e, 1, 3); return NULL; }
    if (!strings_or_list(vm, e, ly_narg(e, 1))) return NULL;
    if (j.npos == 3) {
        LyExpr n = ly_narg(e, 3);
        if (n == LY_SYM(All)) j.keep_all = true;
        else if (ly_is_small(n) && ly_small(n) >= 1) j.limit = ly_small(n);
        else if (n != LY_SYM(Infinity) && !ly_head_is(n, LY_SYM(DirectedInfinity))) {
            ly_message(vm, ly_nhead(e), "innf", 2, ly_mksmall(3), e);
            return NULL;
        }
    }
    if (j.npos >= 2) {
        j.patt = ly_narg(e, 2);
        if (ly_is_string(j.patt) && ly_str(j.patt)->len == 0) {   /* "" splits into characters */
            LyExpr args[1] = { ly_narg(e, 1) };
            return lys_apply_eval(vm, ly_symbol(vm, "Characters"), 1, args);
        }
        j.rules = all_rules(j.patt);
        if (!compile_job(&j, 0)) return NULL;
    }
    LyExpr r = each(&j, ly_narg(e, 1), one_split);
    lys_spat_free(j.sp);
    return r;
}

/* ---- StringTrim ---- */

static LyExpr one_trim(Job *j, const LyString *s) {
    size_t a = 0, b = s->len, ms, me;
    if (!j->sp) {
        while (a < b && is_space((unsigned char)s->s[a])) a++;
        while (b > a && is_space((unsigned char)s->s[b - 1])) b--;
    } else {
        int r = lys_spat_find(j->sp, s->s, s->len, 0, false, true, false, &ms, &me);
        if (r < 0) return NULL;
        if (r) a = me;
        r = lys_spat_find(j->sp, s->s, s->len, a, false, false, true, &ms, &me);
        if (r < 0) return NULL;
        if (r) b = ms;
    }
    return ly_mkstring(j->vm, s->s + a, b - a);
}

static LyExpr b_stringtrim(LyVM *vm, LyExpr e) {
    Job j = { .vm = vm, .e = e };
    get_opts(&j);
    if (j.npos < 1 || j.npos > 2) { lys_argc(vm, e, 1, 2); return NULL; }
    if (!strings_or_list(vm, e, ly_narg(e, 1))) return NULL;
    if (j.npos == 2) { j.patt = ly_narg(e, 2); if (!compile_job(&j, 0)) return NULL; }
    LyExpr r = each(&j, ly_narg(e, 1), one_trim);
    lys_spat_free(j.sp);
    return r;
}

/* ---- StringExpression: adjacent strings join ("a" ~~ "b" is "ab") ---- */

static LyExpr b_stringexpression(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e), k = 0;
    bool adjacent = false;
    for (size_t i = 1; i <= n; i++) {
        bool str = ly_is_string(ly_narg(e, i));
        if (str && i > 1 && ly_is_string(ly_narg(e, i - 1))) adjacent = true;
        k += str;
    }
    if (n == 0) return ly_mkstring(vm, "", 0);
    if (!adjacent && !(k == n)) return NULL;
    Pieces p = { { vm, NULL, 0, 0 }, { 0 }, false };
    ly_buf_init(&p.b, vm);
    for (size_t i = 1; i <= n; i++) {
        LyExpr x = ly_narg(e, i);
        ly_ref(x);
        if (!pieces_add(&p, x)) { ly_buf_free(&p.b); vec_free(&p.v); return NULL; }
    }
    if (!p.mixed) return pieces_result(&p);
    if (!pieces_flush(&p)) { ly_buf_free(&p.b); vec_free(&p.v); return NULL; }
    ly_buf_free(&p.b);
    LyExpr r = ly_mknormal(vm, LY_SYM(StringExpression), p.v.n);
    if (!r) { vec_free(&p.v); return NULL; }
    for (size_t i = 0; i < p.v.n; i++) ly_nset(r, i + 1, p.v.v[i]);
    p.v.n = 0;
    vec_free(&p.v);
    return r;
}

/* ---- table ---- */

static const LyBuiltin strpat_builtins[] = {
    { "StringMatchQ", b_stringmatchq, "Protected OperatorForm",
      "StringMatchQ[\"string\", patt] tests whether \"string\" matches the string pattern patt." },
    { "StringContainsQ", b_stringcontainsq, "Protected OperatorForm",
      "StringContainsQ[\"string\", patt] yields True if any substring in \"string\" matches the string expression patt, and yields False otherwise." },
    { "StringStartsQ", b_stringstartsq, "Protected OperatorForm",
      "StringStartsQ[\"string\", patt] yields True if the beginning of \"string\" matches the string pattern patt, and yields False otherwise." },
    { "StringEndsQ", b_stringendsq, "Protected OperatorForm",
      "StringEndsQ[\"string\", patt] yields True if the end of \"string\" matches the string pattern patt, and yields False otherwise." },
    { "StringFreeQ", b_stringfreeq, "Protected OperatorForm",
      "StringFreeQ[\"string\", patt] yields True if no substring in \"string\" matches the string expression patt, and yields False otherwise." },
    { "StringCases", b_stringcases, "Protected OperatorForm",
      "StringCases[\"string\", patt] gives a list of the substrings in \"string\" that match the string expression patt." },
    { "StringCount", b_stringcount, "Protected",
      "StringCount[\"string\", patt] gives a count of the number of substrings in \"string\" that match the string expression patt." },
    { "StringPosition", b_stringposition, "Protected OperatorForm",
      "StringPosition[\"string\", patt] gives a list of the starting and ending character positions at which patt appears as a substring in \"string\"." },
    { "StringReplace", b_stringreplace, "Protected OperatorForm",
      "StringReplace[\"string\", s -> sp] or StringReplace[\"string\", {s1 -> sp1, s2 -> sp2, ...}] replaces the string expressions si by spi whenever they appear as substrings of \"string\"." },
    { "StringDelete", b_stringdelete, "Protected OperatorForm",
      "StringDelete[\"string\", patt] yields a string in which all substrings that match the string expression patt are deleted." },
    { "StringSplit", b_stringsplit, "Protected",
      "StringSplit[s] splits the string s into a list of substrings separated by whitespace.\nStringSplit[s, patt] splits into substrings separated by delimiters matching the string expression patt." },
    { "StringTrim", b_stringtrim, "Protected",
      "StringTrim[\"s\"] trims whitespace from the beginning and end of \"s\".\nStringTrim[\"s\", patt] trims substrings matching patt from the beginning and end." },
    { "StringExpression", b_stringexpression, "Flat OneIdentity Protected",
      "StringExpression[p1, p2, ...] or p1 ~~ p2 ~~ ... represents a sequence of strings and symbolic string objects pi." },
    { "RegularExpression", NULL, "Protected",
      "RegularExpression[\"regex\"] represents the generalized regular expression specified by the string \"regex\"." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_strpattern(LyVM *vm);
LyStatus lys_open_strpattern(LyVM *vm) {
    ly_set_message(vm, "StringExpression", "invld", "Element `1` is not a valid string or pattern element in `2`.");
    ly_set_message(vm, "General", "strse", "String or list of strings expected at position `1` in `2`.");
    ly_set_message(vm, "StringReplace", "srep", "`1` is not a valid string replacement rule.");
    ly_set_message(vm, "General", "rxlim", "The matcher reached its backtracking limit on `1`; that match attempt was abandoned and counts as no match.");
    ly_set_message(vm, "General", "innf", "Non-negative integer or Infinity expected at position `1` in `2`.");
    return ly_register_table(vm, strpat_builtins);
}
