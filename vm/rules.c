/*
 * rules.c — user definitions: storing own/down/up/sub values and applying
 * them during evaluation; Set, SetDelayed, UpSet, TagSet and friends;
 * Clear/ClearAll; DownValues & co; attribute builtins.
 *
 * Dispatch (lyv_apply_rules) for h[args]:
 *   1. up-values of the argument heads (skipped when no symbol has any);
 *   2. down-values of h (or sub-values of the innermost head symbol when h
 *      is itself compound): literal rules through a hash index, then the
 *      pattern rules in order, with a cheap argument-count filter;
 *   3. Function heads: the pure function is applied;
 *   4. the built-in code of h.
 * A user rule's right side comes back unevaluated and the evaluator goes on
 * with it in the same loop (tail position: a chain of rewrites counts
 * against $IterationLimit, not $RecursionLimit, as in Wolfram); the
 * evaluator's frame that applied a user rule catches Return[].
 *
 * Rule order: literal rules first (exact lookup), then pattern rules with a
 * more specific rule placed before a more general one with the same shape
 * (f[x_Integer] before f[x_]), otherwise in the order they were given; a
 * rule whose lhs is SameQ an existing one replaces it.
 */
#include "match.h"

/* ---- rule sets ----------------------------------------------------------------------- */

void lyv_ruleset_free(LyVM *vm, LyRuleSet *rs) {
    if (!rs) return;
    for (size_t i = 0; i < rs->n; i++) {
        ly_unref(vm, rs->v[i].lhs);
        ly_unref(vm, rs->v[i].rhs);
        lyv_code_free(vm, rs->v[i].code);
    }
    lyv_free(vm, rs->v, rs->cap * sizeof(LyRule));
    lyv_free(vm, rs->index, rs->icap * sizeof(int64_t));
    lyv_free(vm, rs, sizeof *rs);
}

static LyExpr strip_holdpattern(LyExpr p) {
    while (ly_head_is(p, LY_SYM(HoldPattern)) && ly_nlen(p) == 1) p = ly_narg(p, 1);
    return p;
}

static bool is_seq_pattern(LyExpr a) {
    a = strip_holdpattern(a);
    if (ly_head_is(a, LY_SYM(Pattern)) && ly_nlen(a) == 2) return is_seq_pattern(ly_narg(a, 2));
    if (ly_head_is(a, LY_SYM(Condition)) || ly_head_is(a, LY_SYM(PatternTest)))
        return ly_nlen(a) >= 1 && is_seq_pattern(ly_narg(a, 1));
    if (!ly_is_normal(a)) return false;
    LyExpr h = ly_nhead(a);
    if (h == LY_SYM(Alternatives)) {
        for (size_t i = 1; i <= ly_nlen(a); i++) if (is_seq_pattern(ly_narg(a, i))) return true;
        return false;
    }
    return h == LY_SYM(BlankSequence) || h == LY_SYM(BlankNullSequence) || h == LY_SYM(Repeated) ||
           h == LY_SYM(RepeatedNull) || h == LY_SYM(Optional) || h == LY_SYM(Default) ||
           h == LY_SYM(OptionsPattern);
}

/* Fixed argument count of a pattern lhs, or UINT32_MAX. */
static uint32_t fixed_nargs(LyVM *vm, LyExpr lhs) {
    lhs = strip_holdpattern(lhs);
    if (ly_head_is(lhs, LY_SYM(Condition)) && ly_nlen(lhs) == 2) lhs = strip_holdpattern(ly_narg(lhs, 1));
    if (!ly_is_normal(lhs)) return UINT32_MAX;
    LyExpr h = ly_nhead(lhs);
    if (ly_is_sym(h) && (lyv_attrs(vm, h) & (LYA_FLAT | LYA_ORDERLESS))) return UINT32_MAX;
    for (size_t i = 1; i <= ly_nlen(lhs); i++) if (is_seq_pattern(ly_narg(lhs, i))) return UINT32_MAX;
    return ly_nlen(lhs) > UINT32_MAX - 1 ? UINT32_MAX : (uint32_t)ly_nlen(lhs);
}

/* How general one argument pattern is: 0 literal ... 6 BlankNullSequence. */
static int generality(LyExpr p) {
    p = strip_holdpattern(p);
    if (ly_head_is(p, LY_SYM(Pattern)) && ly_nlen(p) == 2) return generality(ly_narg(p, 2));
    if ((ly_head_is(p, LY_SYM(Condition)) || ly_head_is(p, LY_SYM(PatternTest))) && ly_nlen(p) == 2) {
        int g = generality(ly_narg(p, 1));
        return g > 0 ? g - 1 : 0;
    }
    if (!ly_is_normal(p)) return 0;
    LyExpr h = ly_nhead(p);
    if (h == LY_SYM(Blank)) return ly_nlen(p) ? 2 : 3;
    if (h == LY_SYM(BlankSequence)) return ly_nlen(p) ? 4 : 5;
    if (h == LY_SYM(BlankNullSequence)) return 6;
    if (h == LY_SYM(Alternatives) || h == LY_SYM(Optional) || h == LY_SYM(Except)) return 2;
    if (lyv_is_literal(p)) return 0;
    return 1;   /* a compound pattern such as g[x_] */
}

/* -1 when a is strictly more specific than b (same shape), else 0. */
static int more_specific(LyExpr a, LyExpr b) {
    a = strip_holdpattern(a);
    b = strip_holdpattern(b);
    if (!ly_is_normal(a) || !ly_is_normal(b) || ly_nlen(a) != ly_nlen(b)) return 0;
    bool less = false;
    for (size_t i = 1; i <= ly_nlen(a); i++) {
        int ga = generality(ly_narg(a, i)), gb = generality(ly_narg(b, i));
        if (ga > gb) return 0;
        if (ga < gb) less = true;
    }
    return less ? -1 : 0;
}

/* A right side substituted as a plain tree copy (rulecode.c), not of the
 * form body /; test. */
static bool plain_rhs(LyExpr rhs, bool delayed) {
    return !(delayed && ly_head_is(rhs, LY_SYM(Condition))) && lyv_plain(rhs, 0);
}

/* Substitutes bindings into a plain right side, sharing unchanged parts
 * (right sides too big for a template, rulecode.c). */
static LyExpr fast_subst(LyVM *vm, LyExpr e, const LyvBind *b, size_t nb) {
    if (ly_is_sym(e)) {
        for (size_t i = 0; i < nb; i++)
            if (b[i].name == ly_sym(e)) { ly_ref(b[i].value); return b[i].value; }
        return e;
    }
    if (!ly_is_normal(e)) { ly_ref(e); return e; }
    size_t n = ly_nlen(e);
    LyExpr out = NULL;
    for (size_t i = 0; i <= n; i++) {
        LyExpr x = ly_normal(e)->e[i];
        LyExpr y = fast_subst(vm, x, b, nb);
        if (!y) { ly_unref(vm, out); return NULL; }
        if (y != x && !out) {
            LyExpr h = i == 0 ? y : (ly_ref(ly_nhead(e)), ly_nhead(e));
            out = ly_mknormal(vm, h, n);
            if (!out) { if (i) ly_unref(vm, y); return NULL; }
            for (size_t k = 1; k < i; k++) { ly_ref(ly_narg(e, k)); ly_nset(out, k, ly_narg(e, k)); }
            if (i == 0) continue;
        }
        if (out) { if (i) ly_nset(out, i, y); }
        else ly_unref(vm, y);
    }
    if (out) return out;
    ly_ref(e);
    return e;
}

static bool mentions_optionvalue(LyExpr e, LyExpr ov, int depth) {
    if (!ly_is_normal(e) || depth > 256) return false;
    if (ly_nhead(e) == ov) return true;
    for (size_t i = 0; i <= ly_nlen(e); i++)
        if (mentions_optionvalue(ly_normal(e)->e[i], ov, depth + 1)) return true;
    return false;
}

static bool index_grow(LyVM *vm, LyRuleSet *rs) {
    size_t ncap = rs->icap ? rs->icap * 2 : 16;
    int64_t *ni = lyv_alloc(vm, ncap * sizeof(int64_t));
    if (!ni) return false;
    for (size_t i = 0; i < ncap; i++) ni[i] = -1;
    lyv_free(vm, rs->index, rs->icap * sizeof(int64_t));
    rs->index = ni;
    rs->icap = ncap;
    for (size_t i = 0; i < rs->n; i++) {
        if (!rs->v[i].literal) continue;
        size_t m = ncap - 1, h = (size_t)rs->v[i].hash & m;
        while (ni[h] >= 0) h = (h + 1) & m;
        ni[h] = (int64_t)i;
    }
    return true;
}

static void index_rebuild(LyRuleSet *rs) {
    for (size_t i = 0; i < rs->icap; i++) rs->index[i] = -1;
    for (size_t i = 0; i < rs->n; i++) {
        if (!rs->v[i].literal) continue;
        size_t m = rs->icap - 1, h = (size_t)rs->v[i].hash & m;
        while (rs->index[h] >= 0) h = (h + 1) & m;
        rs->index[h] = (int64_t)i;
    }
}

static int64_t literal_find(const LyRuleSet *rs, LyExpr e, uint64_t h) {
    if (!rs->icap) return -1;
    size_t m = rs->icap - 1, k = (size_t)h & m;
    for (;;) {
        int64_t i = rs->index[k];
        if (i < 0) return -1;
        if (rs->v[i].hash == h && lyv_equal(rs->v[i].lhs, e)) return i;
        k = (k + 1) & m;
    }
}

bool lyv_rule_compile(LyVM *vm, LyRule *r) {
    lyv_code_free(vm, r->code);
    r->code = NULL;
    r->fast = false;
    if (r->literal) return true;
    bool nomem;
    r->code = lyv_code_new(vm, r->lhs, r->rhs, r->delayed, &nomem);
    r->fast = lyv_code_simple(r->code) && lyv_code_tmpl(r->code);
    return !nomem;
}

/* Adds lhs -> rhs (both stolen) to the rules of owner.  Returns false when
 * out of memory. */
static bool ruleset_add(LyVM *vm, const LySymbol *owner, LyRuleSet **prs, LyExpr lhs, LyExpr rhs, bool delayed) {
    LyRuleSet *rs = *prs;
    lyv_temps_stored(vm, owner, lhs, rhs);
    if (!rs) {
        rs = lyv_alloc(vm, sizeof *rs);
        if (!rs) goto fail;
        memset(rs, 0, sizeof *rs);
        *prs = rs;
    }
    lhs = (ly_ref(strip_holdpattern(lhs)), ly_unref(vm, lhs), strip_holdpattern(lhs));
    /* with Flat or Orderless heads even a literal lhs matches more than
     * itself (p[a, b] matches inside p[a, b, c]): use the matcher */
    LyExpr lh = ly_is_normal(lhs) ? ly_nhead(lhs) : NULL;
    /* f[] := body /; test is conditional: not a literal rule either */
    bool literal = lyv_is_literal(lhs) &&
                   !(lh && ly_is_sym(lh) && (lyv_attrs(vm, lh) & (LYA_FLAT | LYA_ORDERLESS))) &&
                   !(delayed && ly_head_is(rhs, LY_SYM(Condition)) && ly_nlen(rhs) == 2);
    uint64_t h = lyv_rule_key(lhs);      /* pattern rules: a quick test of "same lhs" */
    /* replace a rule with the same lhs */
    int64_t same = literal ? literal_find(rs, lhs, h) : -1;
    size_t after = 0;          /* insert after the last rule with the same lhs */
    if (!literal) {
        /* f[x_] := a /; c and f[x_] := b are different rules (Wolfram keeps both);
         * the same lhs with the same condition (or none) replaces */
        bool cond = delayed && ly_head_is(rhs, LY_SYM(Condition)) && ly_nlen(rhs) == 2;
        for (size_t i = 0; i < rs->n; i++) {
            if (rs->v[i].literal || rs->v[i].hash != h || !ly_equal(rs->v[i].lhs, lhs)) continue;
            LyExpr orhs = rs->v[i].rhs;
            bool ocond = rs->v[i].delayed && ly_head_is(orhs, LY_SYM(Condition)) && ly_nlen(orhs) == 2;
            after = i + 1;
            if (cond == ocond && (!cond || ly_equal(ly_narg(orhs, 2), ly_narg(rhs, 2)))) {
                same = (int64_t)i;
                break;
            }
        }
    }
    if (same >= 0) {
        LyRule *r = &rs->v[same];
        ly_unref(vm, r->rhs);
        ly_unref(vm, lhs);
        r->rhs = rhs;
        r->plain_rhs = plain_rhs(rhs, delayed);
        r->optvalue = mentions_optionvalue(rhs, lyv_symbol("OptionValue"), 0);
        r->delayed = delayed;
        return lyv_rule_compile(vm, r);
    }
    if (rs->n == rs->cap) {
        size_t ncap = rs->cap ? rs->cap * 2 : 4;
        LyRule *nv = lyv_realloc(vm, rs->v, rs->cap * sizeof(LyRule), ncap * sizeof(LyRule));
        if (!nv) goto fail;
        rs->v = nv;
        rs->cap = ncap;
    }
    size_t pos = rs->n;
    if (!literal && after) pos = after;
    else if (!literal)
        for (size_t i = 0; i < rs->n; i++)
            if (!rs->v[i].literal && more_specific(lhs, rs->v[i].lhs) < 0) { pos = i; break; }
    LyRule nr = { lhs, rhs, h, fixed_nargs(vm, lhs), delayed, literal,
                  !literal && lyv_simple_lhs(vm, lhs), plain_rhs(rhs, delayed),
                  mentions_optionvalue(rhs, lyv_symbol("OptionValue"), 0), false, NULL };
    if (!lyv_rule_compile(vm, &nr)) goto fail;
    memmove(rs->v + pos + 1, rs->v + pos, (rs->n - pos) * sizeof(LyRule));
    rs->v[pos] = nr;
    rs->n++;
    if (literal) rs->nliteral++;
    if (literal) {
        if (rs->nliteral * 2 >= rs->icap) {
            if (!index_grow(vm, rs)) return false;
        } else {
            size_t m = rs->icap - 1, k = (size_t)h & m;     /* appended at n - 1 */
            while (rs->index[k] >= 0) k = (k + 1) & m;
            rs->index[k] = (int64_t)(rs->n - 1);
        }
    } else if (rs->icap && pos != rs->n - 1) {
        index_rebuild(rs);      /* pattern rule inserted before literal ones */
    }
    return true;
fail:
    ly_unref(vm, lhs);
    ly_unref(vm, rhs);
    return false;
}

/* Removes the rule whose lhs is SameQ lhs; true if one was removed. */
static bool ruleset_remove(LyVM *vm, LyRuleSet *rs, LyExpr lhs) {
    if (!rs) return false;
    lhs = strip_holdpattern(lhs);
    for (size_t i = 0; i < rs->n; i++) {
        if (!ly_equal(rs->v[i].lhs, lhs)) continue;
        ly_unref(vm, rs->v[i].lhs);
        ly_unref(vm, rs->v[i].rhs);
        lyv_code_free(vm, rs->v[i].code);
        if (rs->v[i].literal) rs->nliteral--;
        memmove(rs->v + i, rs->v + i + 1, (rs->n - i - 1) * sizeof(LyRule));
        rs->n--;
        if (rs->icap) index_rebuild(rs);
        return true;
    }
    return false;
}

/* ---- applying rules ---------------------------------------------------------------------- */

static LyExpr try_rule_general(LyVM *vm, const LyRule *r, LyExpr e, LyvCall *call);

/* Tries one rule; returns the (unevaluated) right side, or NULL. */
static LyExpr try_rule(LyVM *vm, const LyRule *r, LyExpr e, LyvCall *call) {
    if (r->literal) {
        if (!ly_equal(r->lhs, e)) return NULL;
        ly_ref(r->rhs);
        return r->rhs;
    }
    if (r->fast) {
        /* the fast path: bindings borrowed from e, substituted by template */
        LyvBind direct[8];
        size_t nb = lyv_code_match(vm, r->code, e, direct);
        if (nb == SIZE_MAX) return NULL;
        return lyv_code_rhs(vm, r->code, e, direct, nb, call, !r->optvalue);
    }
    return try_rule_general(vm, r, e, call);
}

/* The other rules (the general matcher, substitution without a template):
 * out of try_rule's frame, which recursion through compiled right sides
 * keeps on the C stack. */
LYV_NOINLINE static LyExpr try_rule_general(LyVM *vm, const LyRule *r, LyExpr e, LyvCall *call) {
    LyvBind direct[8];
    LyvBinds b;
    lyv_binds_init(&b, vm);
    const LyvBind *bv;             /* the bindings: borrowed from e (simple) or held by b */
    size_t nb;
    if (lyv_code_simple(r->code)) {
        nb = lyv_code_match(vm, r->code, e, direct);
        if (nb == SIZE_MAX) return NULL;
        bv = direct;
    } else {
        if (!lyv_match(vm, r->lhs, e, &b)) { lyv_binds_free(&b); return NULL; }
        bv = b.v;
        nb = b.n;
    }
    LyExpr out = NULL, rhs = r->rhs;
    if (lyv_code_tmpl(r->code)) {
        out = lyv_code_rhs(vm, r->code, e, bv, nb, call, !r->optvalue);
    } else if (r->plain_rhs) {
        out = fast_subst(vm, rhs, bv, nb);
    } else {
        if (bv == direct) {
            /* the general substitution wants bindings it holds */
            for (size_t i = 0; i < nb; i++) { ly_ref(direct[i].value); b.v[i] = direct[i]; }
            b.n = nb;
        }
        if (r->delayed && ly_head_is(rhs, LY_SYM(Condition)) && ly_nlen(rhs) == 2) {
            /* f[x_] := body /; test */
            LyExpr t = lyv_binds_apply(vm, ly_narg(rhs, 2), &b);
            LyExpr tv = t ? lyv_eval(vm, t) : NULL;
            ly_unref(vm, t);
            if (tv == LY_SYM(True)) out = lyv_binds_apply(vm, ly_narg(rhs, 1), &b);
            ly_unref(vm, tv);
        } else {
            out = lyv_binds_apply(vm, rhs, &b);
        }
    }
    lyv_binds_free(&b);
    return out;
}

/* The symbol s of an OptionsPattern[s] in a rule's lhs, or NULL. */
static LyExpr optionspattern_sym(LyExpr lhs, int depth) {
    if (!ly_is_normal(lhs) || depth > 64) return NULL;
    if (ly_nhead(lhs) == LY_SYM(OptionsPattern))
        return ly_nlen(lhs) == 1 && (ly_is_sym(ly_narg(lhs, 1)) || ly_head_is(ly_narg(lhs, 1), LY_SYM(List)))
               ? ly_narg(lhs, 1) : NULL;
    for (size_t i = 1; i <= ly_nlen(lhs); i++) {
        LyExpr s = optionspattern_sym(ly_narg(lhs, i), depth + 1);
        if (s) return s;
    }
    return NULL;
}

/* OptionValue[name] in a rule's result refers to the options of the call:
 * rewritten to OptionValue[f, {trailing rules of the call}, name], f the
 * symbol of OptionsPattern[f] in the rule (defaults from Options[f]), else
 * the head of the call. */
static LyExpr bind_optionvalue(LyVM *vm, LyExpr r, LyExpr call, LyExpr ov, LyExpr fsym, int depth) {
    if (!ly_is_normal(r) || depth > 256) { ly_ref(r); return r; }
    if (ly_nhead(r) == ov && ly_nlen(r) == 1) {
        size_t n = ly_nlen(call), k = n;
        while (k > 0 && (ly_head_is(ly_narg(call, k), LY_SYM(Rule)) ||
                         ly_head_is(ly_narg(call, k), LY_SYM(RuleDelayed)))) k--;
        LyExpr opts = ly_apply(vm, LY_SYM(List), n - k, ly_nargs(call) + k);
        LyExpr f = fsym ? fsym : ly_nhead(call);
        ly_ref(f);
        ly_ref(ly_narg(r, 1));
        return ly_mk(vm, ov, 3, f, opts, ly_narg(r, 1));
    }
    size_t n = ly_nlen(r);
    LyExpr out = ly_mknormal(vm, LY_SYM(Null), n);
    if (!out) return NULL;
    for (size_t i = 0; i <= n; i++) {
        LyExpr x = bind_optionvalue(vm, ly_normal(r)->e[i], call, ov, fsym, depth + 1);
        if (!x) { ly_unref(vm, out); return NULL; }
        if (i == 0) ly_normal(out)->e[0] = x; else ly_nset(out, i, x);
    }
    return out;
}

static LyExpr apply_ruleset(LyVM *vm, const LyRuleSet *rs, LyExpr e, LyvCall *call) {
    if (!rs || rs->n == 0) return NULL;
    if (rs->nliteral) {
        int64_t i = literal_find(rs, e, lyv_rule_key(e));
        if (i >= 0) { ly_ref(rs->v[i].rhs); return rs->v[i].rhs; }
    }
    size_t n = ly_is_normal(e) ? ly_nlen(e) : 0;
    for (size_t i = 0; i < rs->n; i++) {
        const LyRule *r = &rs->v[i];
        if (r->literal) continue;
        if (r->nargs != UINT32_MAX && r->nargs != n) continue;
        LyExpr out = try_rule(vm, r, e, call);
        if (out && r->optvalue) {
            LyExpr b = bind_optionvalue(vm, out, e, lyv_symbol("OptionValue"), optionspattern_sym(r->lhs, 0), 0);
            ly_unref(vm, out);
            out = b;
        }
        if (out || vm->unwind) return out;
    }
    /* Flat heads: a rule for p[a, b] also rewrites a run inside p[a, b, c] */
    LyExpr h = ly_is_normal(e) ? ly_nhead(e) : NULL;
    if (h && ly_is_sym(h) && (lyv_attrs(vm, h) & LYA_FLAT)) {
        for (size_t i = 0; i < rs->n; i++) {
            const LyRule *r = &rs->v[i];
            if (!ly_is_normal(r->lhs) || ly_nlen(r->lhs) >= n) continue;
            if (r->delayed && ly_head_is(r->rhs, LY_SYM(Condition))) continue;
            LyExpr out = NULL;
            int f = lyv_flat_part(vm, r->lhs, NULL, r->rhs, e, &out);
            if (f > 0) return out;
            if (f < 0) return NULL;
        }
    }
    return NULL;
}

/* The symbol whose up-values may apply to argument a. */
static LyExpr up_tag(LyExpr a) {
    while (ly_is_normal(a)) a = ly_nhead(a);
    return ly_is_sym(a) ? a : NULL;
}

LyExpr lyv_apply_rules(LyVM *vm, LyExpr e, LyExpr head, LyvCall *call) {
    call->user = false;
    call->steps = 0;
    if (vm->nupvalues) {
        for (size_t i = 1; i <= ly_nlen(e); i++) {
            LyExpr t = up_tag(ly_narg(e, i));
            LyDefs *d = t ? lyv_defs_get(vm, ly_sym(t)) : NULL;
            if (!d || !d->up) continue;
            LyExpr r = apply_ruleset(vm, d->up, e, call);
            if (r) { call->user = true; return r; }
            if (vm->unwind) return NULL;
        }
    }
    if (ly_is_sym(head)) {
        LyDefs *d = lyv_defs_get(vm, ly_sym(head));
        if (!d) return NULL;
        if (d->down) {
            LyExpr r = apply_ruleset(vm, d->down, e, call);
            if (r) { call->user = true; return r; }
            if (vm->unwind) return NULL;
        }
        if (!d->builtin) return NULL;
        LyExpr r = d->builtin(vm, e);
        if (!r && d->builtin2 && !vm->unwind) r = d->builtin2(vm, e);
        return r;
    }
    if (ly_type(head) == LY_TASSOC && ly_nlen(e) == 1) {
        /* <|k -> v|>[k] is v; a missing key gives Missing["KeyAbsent", k] */
        LyExpr k = ly_narg(e, 1), v = ly_assoc_lookup(head, k);
        if (v) { ly_ref(v); return v; }
        ly_ref(k);
        return ly_mk(vm, LY_SYM(Missing), 2, ly_cstring(vm, "KeyAbsent"), k);
    }
    if (ly_type(head) == LY_TFOREIGN) return lyv_foreign_dispatch(vm, e, head);
    if (ly_head_is(head, LY_SYM(Function))) {
        LyExpr body = ly_apply_function(vm, head, ly_nlen(e), ly_nargs(e));
        if (!body) return NULL;
        call->user = true;
        return body;
    }
    LyExpr t = up_tag(head);
    LyDefs *d = t ? lyv_defs_get(vm, ly_sym(t)) : NULL;
    if (d && d->sub) {
        LyExpr r = apply_ruleset(vm, d->sub, e, call);
        if (r) { call->user = true; return r; }
        if (vm->unwind) return NULL;
    }
    /* operator forms: MatchQ[p][e], Select[crit][list], ... */
    if (d && d->builtin && (d->attrs & LYA_OPFORM) && ly_nhead(head) == t) return d->builtin(vm, e);
    return NULL;
}

/* ---- assignment ------------------------------------------------------------------------------ */

static LyExpr argn(LyVM *vm, LyExpr e) { return lyv_int_from_int64(vm, (int64_t)ly_nlen(e)); }

/* The symbol a definition lhs is attached to (down or sub value), and
 * whether it is a sub value. */
static LyExpr def_tag(LyExpr lhs, bool *sub) {
    lhs = strip_holdpattern(lhs);
    if (ly_head_is(lhs, LY_SYM(Condition)) && ly_nlen(lhs) == 2) lhs = strip_holdpattern(ly_narg(lhs, 1));
    *sub = false;
    if (!ly_is_normal(lhs)) return NULL;
    LyExpr h = strip_holdpattern(ly_nhead(lhs));
    if (ly_is_normal(h)) { *sub = true; return up_tag(h); }
    return ly_is_sym(h) ? h : NULL;
}

static LyExpr write_protected(LyVM *vm, LyExpr setsym, LyExpr tag, LyExpr lhs) {
    LyExpr hf = ly_mk(vm, LY_SYM(HoldForm), 1, (ly_ref(lhs), lhs));
    ly_message(vm, setsym, "write", 2, tag, hf);
    ly_unref(vm, hf);
    return LY_SYM(DFailed);
}

/* Evaluates the parts of an lhs that Wolfram evaluates: the arguments of
 * f[...] unless f holds them (so f[1 + 1] = 3 defines f[2]). */
static LyExpr eval_lhs(LyVM *vm, LyExpr lhs) {
    if (!ly_is_normal(lhs) || !ly_is_sym(ly_nhead(lhs))) { ly_ref(lhs); return lhs; }
    LyExpr h = ly_nhead(lhs);
    if (h == LY_SYM(HoldPattern) || h == LY_SYM(Condition) || h == LY_SYM(Pattern)) { ly_ref(lhs); return lhs; }
    uint32_t a = lyv_attrs(vm, h);
    size_t n = ly_nlen(lhs);
    LyExpr r = ly_mknormal(vm, h, n);
    if (!r) return NULL;
    for (size_t i = 1; i <= n; i++) {
        LyExpr x = ly_narg(lhs, i), v;
        bool hold = (a & (LYA_HOLDALL | LYA_HOLDALLCOMPLETE)) || (i == 1 && (a & LYA_HOLDFIRST)) ||
                    (i > 1 && (a & LYA_HOLDREST));
        if (hold || !lyv_is_literal(x)) { ly_ref(x); v = x; }
        else v = lyv_eval(vm, x);
        if (!v) { for (size_t j = i; j <= n; j++) ly_nset(r, j, LY_SYM(Null)); ly_unref(vm, r); return NULL; }
        ly_nset(r, i, v);
    }
    if (a & LYA_ORDERLESS) {
        /* q[b, a] := ... defines q[a, b], as the evaluator will see it */
        LyExpr *v = ly_nargs(r);
        for (size_t i = 1; i < n; i++) {
            LyExpr x = v[i];
            size_t j = i;
            while (j > 0 && ly_order(v[j - 1], x) > 0) { v[j] = v[j - 1]; j--; }
            v[j] = x;
        }
    }
    return r;
}


/* a[key] = rhs: replaces the value of key in the association held by a, or
 * appends key -> rhs. */
/* Puts rule (borrowed) into the association that is s's own value (d):
 * in place when the variable holds the only reference (ly_assoc_put).
 * 0: done; 1: no association there; -1: out of memory. */
static int own_assoc_put(LyVM *vm, LySymbol *s, LyDefs *d, LyExpr rule) {
    uint64_t vb = d->version;
    d = lyv_defs_own(vm, s);                    /* a change, for workers */
    if (!d) return -1;
    if (ly_type(d->own) != LY_TASSOC) return 1;
    lyv_own_inplace(vm, s, d, vb, rule);
    LyExpr own = d->own;
    d->own = NULL;
    d->own = ly_assoc_put(vm, own, rule);
    if (!d->own) return -1;
    d->own_version = vm->eval_version;          /* an association: an atom */
    return 0;
}

bool ly_own_assoc_put(LyVM *vm, LyExpr sym, LyExpr rule) {
    LyDefs *d = ly_is_sym(sym) ? lyv_defs_get(vm, ly_sym(sym)) : NULL;
    return d && own_assoc_put(vm, ly_sym(sym), d, rule) == 0;
}

static LyExpr set_assoc_key(LyVM *vm, LyExpr setsym, LyDefs *d, LyExpr lhs, LyExpr rhs) {
    if (d->attrs & LYA_PROTECTED) { ly_message(vm, setsym, "wrsym", 1, ly_nhead(lhs)); return LY_SYM(DFailed); }
    LyExpr key = lyv_eval(vm, ly_narg(lhs, 1));
    if (!key) return NULL;
    LyExpr rule = ly_mk(vm, LY_SYM(Rule), 2, key, (ly_ref(rhs), rhs));
    if (!rule) return NULL;
    int st = own_assoc_put(vm, ly_sym(ly_nhead(lhs)), d, rule);
    ly_unref(vm, rule);
    return st < 0 ? NULL : st > 0 ? LY_SYM(DFailed) : LY_SYM(Null);
}

/* The common body of Set and SetDelayed: rhs is already evaluated for Set. */
static LyExpr define(LyVM *vm, LyExpr setsym, LyExpr lhs, LyExpr rhs, bool delayed) {
    lhs = strip_holdpattern(lhs);
    if (lhs == LY_SYM(DRecursionLimit) || lhs == LY_SYM(DIterationLimit)) {
        /* limits: positive machine integers (>= 20, as in Wolfram) or Infinity */
        int64_t v = 0;
        bool inf = ly_head_is(rhs, LY_SYM(DirectedInfinity)) || rhs == LY_SYM(Infinity);
        if (inf) v = INT32_MAX;
        else if (!ly_get_int64(rhs, &v) || v < 20) {
            ly_message(vm, lhs, lhs == LY_SYM(DRecursionLimit) ? "limset" : "limset", 1, rhs);
            return LY_SYM(DFailed);
        }
        if (v > INT32_MAX) v = INT32_MAX;
        if (lhs == LY_SYM(DRecursionLimit)) vm->recursion_limit = (int)v;
        else vm->iteration_limit = (int)v;
    }
    if (ly_is_sym(lhs)) {
        LyDefs *d = lyv_defs_own(vm, ly_sym(lhs));
        if (!d) return NULL;
        if (d->attrs & LYA_PROTECTED) {
            ly_message(vm, setsym, "wrsym", 1, lhs);
            return LY_SYM(DFailed);
        }
        lyv_own_assign(vm, lhs, d, rhs, delayed);
        return LY_SYM(Null);
    }
    if (!ly_is_normal(lhs)) {
        ly_message(vm, setsym, "setraw", 1, lhs);
        return LY_SYM(DFailed);
    }
    LyExpr h = ly_nhead(lhs);
    if (h == LY_SYM(MessageName) && ly_nlen(lhs) == 2 && ly_is_sym(ly_narg(lhs, 1)) &&
        ly_is_string(ly_narg(lhs, 2)) && ly_is_string(rhs)) {
        /* the symbol itself: a Module local's name is not an interned symbol */
        lyv_set_message_sym(vm, ly_narg(lhs, 1), ly_str(ly_narg(lhs, 2))->s, ly_str(rhs)->s);
        return LY_SYM(Null);
    }
    if (h == LY_SYM(Part) && ly_nlen(lhs) >= 2) return lyv_set_part(vm, setsym, lhs, rhs);
    if (!delayed && ly_is_sym(h) && ly_nlen(lhs) == 1) {
        /* a[key] = v for a variable holding an association */
        LyDefs *ad = lyv_defs_get(vm, ly_sym(h));
        if (ad && ad->own && !ad->own_delayed && ly_type(ad->own) == LY_TASSOC) return set_assoc_key(vm, setsym, ad, lhs, rhs);
    }
    if (h == LY_SYM(Attributes) && ly_nlen(lhs) == 1 && ly_is_sym(ly_narg(lhs, 1))) {
        LyExpr call = ly_mk(vm, LY_SYM(SetAttributes), 2, (ly_ref(ly_narg(lhs, 1)), ly_narg(lhs, 1)),
                            (ly_ref(rhs), rhs));
        LyDefs *d = lyv_defs(vm, ly_sym(ly_narg(lhs, 1)));
        if (d) d->attrs = 0;
        LyExpr r = call ? lyv_eval(vm, call) : NULL;
        ly_unref(vm, call);
        if (!r) return NULL;
        ly_unref(vm, r);
        return LY_SYM(Null);
    }
    if (ly_is_sym(h) && !strcmp(ly_sym(h)->name, "Options") && ly_nlen(lhs) == 1 &&
        ly_is_sym(ly_narg(lhs, 1))) {
        LyDefs *d = lyv_defs(vm, ly_sym(ly_narg(lhs, 1)));
        if (!d) return NULL;
        LyExpr l = ly_head_is(rhs, LY_SYM(List)) ? (ly_ref(rhs), rhs) : ly_mk(vm, LY_SYM(List), 1, (ly_ref(rhs), rhs));
        if (!l) return NULL;
        ly_unref(vm, d->options);
        d->options = l;
        return LY_SYM(Null);
    }
    if (h == LY_SYM(Default) && ly_nlen(lhs) >= 1 && ly_is_sym(ly_narg(lhs, 1))) {
        LyDefs *d = lyv_defs(vm, ly_sym(ly_narg(lhs, 1)));
        if (!d) return NULL;
        LyExpr rule = ly_mk(vm, LY_SYM(RuleDelayed), 2,
                            ly_mk(vm, LY_SYM(HoldPattern), 1, (ly_ref(lhs), lhs)), (ly_ref(rhs), rhs));
        if (!rule) return NULL;
        /* a new value of the same Default[f, ...] replaces the old one */
        size_t n = d->defaults ? ly_nlen(d->defaults) : 0, k = 0;
        LyExpr nl = ly_mknormal(vm, LY_SYM(List), n + 1);
        if (!nl) { ly_unref(vm, rule); return NULL; }
        for (size_t i = 1; i <= n; i++) {
            LyExpr old = ly_narg(d->defaults, i);
            if (ly_is_normal(old) && ly_nlen(old) == 2 && ly_equal(ly_narg(old, 1), ly_narg(rule, 1))) continue;
            ly_ref(old);
            ly_nset(nl, ++k, old);
        }
        ly_nset(nl, ++k, rule);
        if (k < n + 1) {
            LyExpr t = ly_apply(vm, LY_SYM(List), k, ly_nargs(nl));
            for (size_t i = k + 1; i <= n + 1; i++) ly_nset(nl, i, LY_SYM(Null));
            ly_unref(vm, nl);
            if (!t) return NULL;
            nl = t;
        }
        ly_unref(vm, d->defaults);
        d->defaults = nl;
        return LY_SYM(Null);
    }
    bool sub;
    LyExpr tag = def_tag(lhs, &sub);
    if (!tag) {
        ly_message(vm, setsym, "setraw", 1, lhs);
        return LY_SYM(DFailed);
    }
    LyDefs *d = lyv_defs(vm, ly_sym(tag));
    if (!d) return NULL;
    if (d->attrs & LYA_PROTECTED) return write_protected(vm, setsym, tag, lhs);
    LyExpr l = eval_lhs(vm, lhs);
    if (!l) return NULL;
    ly_ref(rhs);
    if (!ruleset_add(vm, ly_sym(tag), sub ? &d->sub : &d->down, l, rhs, delayed)) return NULL;
    return LY_SYM(Null);
}

static LyExpr b_set(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2) {
        LyExpr n = argn(vm, e);
        ly_message(vm, LY_SYM(Set), "argrx", 3, LY_SYM(Set), n, ly_mksmall(2));
        ly_unref(vm, n);
        return NULL;
    }
    LyExpr lhs = ly_narg(e, 1), rhs = ly_narg(e, 2);
    if (ly_head_is(lhs, LY_SYM(List))) {
        if (!ly_head_is(rhs, LY_SYM(List)) && !ly_is_packed(rhs)) {
            ly_message(vm, LY_SYM(Set), "shape", 2, lhs, rhs);
            ly_ref(rhs);
            return rhs;
        }
        LyExpr r = ly_unpack(vm, rhs);
        if (!r) return NULL;
        if (ly_nlen(r) != ly_nlen(lhs)) {
            ly_message(vm, LY_SYM(Set), "shape", 2, lhs, r);
            return r;
        }
        for (size_t i = 1; i <= ly_nlen(lhs); i++) {
            LyExpr x = define(vm, LY_SYM(Set), ly_narg(lhs, i), ly_narg(r, i), false);
            if (!x) { ly_unref(vm, r); return NULL; }
        }
        return r;
    }
    /* the value is rhs even when the assignment fails (Sin = 3 gives
     * Set::wrsym and 3, as Wolfram); SetDelayed gives $Failed */
    LyExpr x = define(vm, LY_SYM(Set), lhs, rhs, false);
    if (!x) return NULL;
    ly_ref(rhs);
    /* x = x + 1 with x unset: the value holds the symbol that just got it,
     * so it evaluates again, into $RecursionLimit::reclim2, as in Wolfram */
    if (ly_is_sym(lhs) && ly_is_normal(rhs)) {
        LyDefs *d = lyv_defs_get(vm, ly_sym(lhs));
        if (d && d->own == rhs && d->own_version != vm->eval_version) return rhs;
    }
    /* evaluated already otherwise: it does not go through deep data again */
    return ly_evaluated(vm, rhs);
}

static LyExpr b_setdelayed(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2) {
        LyExpr n = argn(vm, e);
        ly_message(vm, LY_SYM(SetDelayed), "argrx", 3, LY_SYM(SetDelayed), n, ly_mksmall(2));
        ly_unref(vm, n);
        return NULL;
    }
    return define(vm, LY_SYM(SetDelayed), ly_narg(e, 1), ly_narg(e, 2), true);
}

/* UpSet: lhs ^= rhs attaches the rule to the heads of lhs's arguments. */
static LyExpr upset(LyVM *vm, LyExpr e, LyExpr setsym, bool delayed) {
    if (ly_nlen(e) != 2) return NULL;
    LyExpr lhs = strip_holdpattern(ly_narg(e, 1)), rhs = ly_narg(e, 2);
    if (!ly_is_normal(lhs)) { ly_message(vm, setsym, "nosym", 1, lhs); return LY_SYM(DFailed); }
    LyExpr l = eval_lhs(vm, lhs);
    if (!l) return NULL;
    bool any = false;
    for (size_t i = 1; i <= ly_nlen(l); i++) {
        LyExpr a = ly_narg(l, i);
        while (ly_head_is(a, LY_SYM(Pattern)) && ly_nlen(a) == 2) a = ly_narg(a, 2);
        if (ly_head_is(a, LY_SYM(Blank)) && ly_nlen(a) == 1) a = ly_narg(a, 1);
        LyExpr t = up_tag(a);
        if (!t || ly_head_is(a, LY_SYM(Blank))) continue;
        LyDefs *d = lyv_defs(vm, ly_sym(t));
        if (!d) { ly_unref(vm, l); return NULL; }
        if (d->attrs & LYA_PROTECTED) { write_protected(vm, setsym, t, lhs); continue; }
        if (!d->up) vm->nupvalues++;
        ly_ref(l); ly_ref(rhs);
        if (!ruleset_add(vm, ly_sym(t), &d->up, l, rhs, delayed)) { ly_unref(vm, l); return NULL; }
        any = true;
    }
    ly_unref(vm, l);
    if (!any) { ly_message(vm, setsym, "nosym", 1, lhs); return LY_SYM(DFailed); }
    if (delayed) return LY_SYM(Null);
    ly_ref(rhs);
    return rhs;
}

static LyExpr b_upset(LyVM *vm, LyExpr e) { return upset(vm, e, LY_SYM(UpSet), false); }
static LyExpr b_upsetdelayed(LyVM *vm, LyExpr e) { return upset(vm, e, LY_SYM(UpSetDelayed), true); }

/* Symbol s anywhere in e (depth-bounded). */
static bool occurs(LyExpr e, LyExpr s, int depth) {
    if (e == s) return true;
    if (!ly_is_normal(e) || depth > 256) return false;
    for (size_t i = 0; i <= ly_nlen(e); i++) if (occurs(ly_normal(e)->e[i], s, depth + 1)) return true;
    return false;
}

/* TagSet: f /: lhs = rhs. */
static LyExpr tagset(LyVM *vm, LyExpr e, LyExpr setsym, bool delayed) {
    if (ly_nlen(e) != 3 || !ly_is_sym(ly_narg(e, 1))) return NULL;
    LyExpr tag = ly_narg(e, 1), lhs = strip_holdpattern(ly_narg(e, 2)), rhs = ly_narg(e, 3);
    bool sub;
    LyExpr dt = def_tag(lhs, &sub);
    if (dt == tag) return define(vm, setsym, lhs, rhs, delayed) == NULL ? NULL
           : (delayed ? LY_SYM(Null) : (ly_ref(rhs), rhs));
    /* an up-value: tag must be an argument of lhs or the head of one */
    LyExpr inner = ly_head_is(lhs, LY_SYM(Condition)) && ly_nlen(lhs) == 2 ? strip_holdpattern(ly_narg(lhs, 1)) : lhs;
    bool found = false;
    for (size_t i = 1; ly_is_normal(inner) && i <= ly_nlen(inner) && !found; i++) {
        LyExpr a = ly_narg(inner, i);
        while (ly_head_is(a, LY_SYM(Pattern)) && ly_nlen(a) == 2) a = ly_narg(a, 2);
        if (ly_head_is(a, LY_SYM(Blank)) && ly_nlen(a) == 1) a = ly_narg(a, 1);
        found = up_tag(a) == tag;
    }
    if (!found) {
        LyExpr hf = ly_mk(vm, LY_SYM(HoldForm), 1, (ly_ref(lhs), lhs));
        ly_message(vm, setsym, occurs(lhs, tag, 0) ? "tagpos" : "tagnf", 2, tag, hf);
        ly_unref(vm, hf);
        return LY_SYM(DFailed);
    }
    LyDefs *d = lyv_defs(vm, ly_sym(tag));
    if (!d) return NULL;
    if (d->attrs & LYA_PROTECTED) return write_protected(vm, setsym, tag, lhs);
    LyExpr l = eval_lhs(vm, lhs);
    if (!l) return NULL;
    if (!d->up) vm->nupvalues++;
    ly_ref(rhs);
    if (!ruleset_add(vm, ly_sym(tag), &d->up, l, rhs, delayed)) return NULL;
    if (delayed) return LY_SYM(Null);
    ly_ref(rhs);
    return rhs;
}

static LyExpr b_tagset(LyVM *vm, LyExpr e) { return tagset(vm, e, LY_SYM(TagSet), false); }
static LyExpr b_tagsetdelayed(LyVM *vm, LyExpr e) { return tagset(vm, e, LY_SYM(TagSetDelayed), true); }

static LyExpr b_unset(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 1) return NULL;
    LyExpr lhs = strip_holdpattern(ly_narg(e, 1));
    if (ly_is_sym(lhs)) {
        LyDefs *d = lyv_defs_get(vm, ly_sym(lhs));
        if (d && (d->attrs & LYA_PROTECTED)) { ly_message(vm, LY_SYM(Unset), "wrsym", 1, lhs); return LY_SYM(DFailed); }
        if (d && d->own) {
            lyv_defs_own(vm, ly_sym(lhs));       /* a change, for workers */
            lyv_own_changed(vm, lhs, d->own, NULL);
            ly_unref(vm, d->own);
            d->own = NULL;
        }
        return LY_SYM(Null);
    }
    bool sub;
    LyExpr tag = def_tag(lhs, &sub);
    LyDefs *d = tag ? lyv_defs_get(vm, ly_sym(tag)) : NULL;
    LyExpr l = eval_lhs(vm, lhs);
    if (!l) return NULL;
    bool removed = d && ruleset_remove(vm, sub ? d->sub : d->down, l);
    ly_unref(vm, l);
    if (!removed) {
        LyExpr hf = ly_mk(vm, LY_SYM(HoldForm), 1, (ly_ref(lhs), lhs));
        ly_message(vm, LY_SYM(Unset), "norep", 2, hf, tag ? tag : LY_SYM(Null));
        ly_unref(vm, hf);
        return LY_SYM(DFailed);
    }
    return LY_SYM(Null);
}

/* ---- Clear, ClearAll, Remove --------------------------------------------------------------- */

/* The symbol a string names in f["name"] (DownValues["f"], ...). */
static LyExpr string_symbol(LyVM *vm, LyExpr str) {
    LySymbol *y = lyv_intern_vm(vm, ly_str(str)->s, ly_str(str)->len);
    return y ? ly_symexpr(y) : NULL;
}

static void clear_values(LyVM *vm, const LySymbol *sym, LyDefs *d, bool all) {
    vm->defs_version++;
    lyv_eval_changed(vm, sym->id);
    lyv_defs_stamp(vm, sym->id, d);       /* a change: workers and snapshots must see it */
    ly_unref(vm, d->own);
    d->own = NULL;
    lyv_ruleset_free(vm, d->down);
    if (d->up) vm->nupvalues--;
    lyv_ruleset_free(vm, d->up);
    lyv_ruleset_free(vm, d->sub);
    d->down = d->up = d->sub = NULL;
    if (all) {
        ly_unref(vm, d->messages);
        ly_unref(vm, d->defaults);
        ly_unref(vm, d->options);
        d->messages = d->defaults = d->options = NULL;
        d->attrs = 0;
    }
}

typedef struct ClearPat { LyVM *vm; LyExpr sym; const char *pat; size_t pl; bool star, all; } ClearPat;

static void clear_pat(ClearPat *cp, LySymbol *y) {
    if (cp->star ? strncmp(y->name, cp->pat, cp->pl - 1) != 0 : strcmp(y->name, cp->pat) != 0) return;
    LyDefs *d = lyv_defs_get(cp->vm, y);
    if (d && !d->builtin && !(d->attrs & LYA_PROTECTED)) {
        clear_values(cp->vm, y, d, cp->all);
        if (cp->sym == LY_SYM(Remove)) d->removed = true;
    }
}

static void clear_pat_temp(void *ud, LySymbol *y) { clear_pat(ud, y); }

static LyExpr clear(LyVM *vm, LyExpr e, LyExpr sym, bool all) {
    for (size_t i = 1; i <= ly_nlen(e); i++) {
        LyExpr s = ly_narg(e, i);
        if (ly_is_string(s)) {
            /* Clear["name"], Clear["Global`*"]: names and simple patterns */
            const char *pat = ly_str(s)->s;
            const char *tick = strrchr(pat, '`');
            if (tick) pat = tick + 1;
            size_t pl = strlen(pat);
            bool star = pl && pat[pl - 1] == '*';
            size_t nsym = lyv_symbol_count();
            ClearPat cp = { vm, sym, pat, pl, star, all };
            for (size_t k = 0; k < nsym; k++) {
                LySymbol *y = lyv_symbol_by_id((uint32_t)k);
                /* temporaries: this VM's below (another VM may be renaming a free one) */
                if (!y || (y->flags & (LY_SYMF_SYSTEM | LY_SYMF_TEMP))) continue;
                clear_pat(&cp, y);
            }
            lyv_temps_each(vm, clear_pat_temp, &cp);
            continue;
        }
        if (!ly_is_sym(s)) {
            ly_message(vm, sym, "ssym", 1, s);
            continue;
        }
        LyDefs *d = lyv_defs_get(vm, ly_sym(s));
        if (!d) continue;
        if (d->attrs & (LYA_PROTECTED | LYA_LOCKED)) {
            if (sym == LY_SYM(Remove)) ly_message(vm, sym, "rmptc", 1, s);
            else ly_message(vm, sym, "wrsym", 1, s);
            continue;
        }
        clear_values(vm, ly_sym(s), d, all);
        if (sym == LY_SYM(Remove)) d->removed = true;
    }
    return LY_SYM(Null);
}

static LyExpr b_clear(LyVM *vm, LyExpr e) { return clear(vm, e, LY_SYM(Clear), false); }
static LyExpr b_clearall(LyVM *vm, LyExpr e) { return clear(vm, e, LY_SYM(ClearAll), true); }
static LyExpr b_remove(LyVM *vm, LyExpr e) { return clear(vm, e, LY_SYM(Remove), true); }

/* ---- DownValues & co ------------------------------------------------------------------------ */

static LyExpr ruleset_list(LyVM *vm, const LyRuleSet *rs) {
    size_t n = rs ? rs->n : 0;
    LyExpr l = ly_mknormal(vm, LY_SYM(List), n);
    if (!l) return NULL;
    /* Wolfram lists literal rules in insertion order among the others;
     * we list literal rules first, then pattern rules in the order tried. */
    size_t k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            const LyRule *r = &rs->v[i];
            if (r->literal != (pass == 0)) continue;
            LyExpr rule = ly_mk(vm, LY_SYM(RuleDelayed), 2,
                                ly_mk(vm, LY_SYM(HoldPattern), 1, (ly_ref(r->lhs), r->lhs)),
                                (ly_ref(r->rhs), r->rhs));
            if (!rule) { for (size_t j = k + 1; j <= n; j++) ly_nset(l, j, LY_SYM(Null)); ly_unref(vm, l); return NULL; }
            ly_nset(l, ++k, rule);
        }
    return l;
}

/* f called with other than one argument: f::argx; NULL */
LyExpr lyv_argx(LyVM *vm, LyExpr e) {
    ly_message(vm, ly_nhead(e), "argx", 2, ly_nhead(e), ly_mksmall((int64_t)ly_nlen(e)));
    return NULL;
}

static LyExpr values_of(LyVM *vm, LyExpr e, int which) {
    if (ly_nlen(e) != 1) return lyv_argx(vm, e);
    LyExpr s = ly_narg(e, 1);
    if (ly_is_string(s)) s = string_symbol(vm, s);
    if (!ly_is_sym(s)) return NULL;
    LyDefs *d = lyv_defs_get(vm, ly_sym(s));
    if (which == 0) {
        if (!d || !d->own) return ly_mknormal(vm, LY_SYM(List), 0);
        return ly_mk(vm, LY_SYM(List), 1,
                     ly_mk(vm, LY_SYM(RuleDelayed), 2, ly_mk(vm, LY_SYM(HoldPattern), 1, s),
                           (ly_ref(d->own), d->own)));
    }
    if (which == 4) {
        if (!d || !d->defaults) return ly_mknormal(vm, LY_SYM(List), 0);
        ly_ref(d->defaults);
        return d->defaults;
    }
    LyRuleSet *rs = !d ? NULL : which == 1 ? d->down : which == 2 ? d->up : d->sub;
    return ruleset_list(vm, rs);
}

static LyExpr b_ownvalues(LyVM *vm, LyExpr e) { return values_of(vm, e, 0); }
static LyExpr b_downvalues(LyVM *vm, LyExpr e) { return values_of(vm, e, 1); }
static LyExpr b_upvalues(LyVM *vm, LyExpr e) { return values_of(vm, e, 2); }
static LyExpr b_subvalues(LyVM *vm, LyExpr e) { return values_of(vm, e, 3); }
static LyExpr b_defaultvalues(LyVM *vm, LyExpr e) { return values_of(vm, e, 4); }

/* The names of the attribute bits in a, alphabetical as Wolfram lists
 * them (internal bits left out); returns how many. */
static size_t attr_names_sorted(uint32_t a, const char **names) {
    size_t n = 0;
    a &= ~(uint32_t)(LYA_OPFORM | LYA_FORMAT | LYA_FUSE);     /* internal, not Wolfram attributes */
    for (int i = 0; i < 32; i++) if ((a & (1u << i)) && lyv_attr_name(i)) names[n++] = lyv_attr_name(i);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            const char *t = names[j]; names[j] = names[j - 1]; names[j - 1] = t;
        }
    return n;
}

/* The text of Definition[s]: what Wolfram shows, one definition per
 * paragraph (separated by blank lines), in InputForm: Attributes[s] = {...},
 * s = value, the down values (specific before general, as DownValues lists
 * them), sub values, up values (lhs ^= rhs), defaults, Options[s] = {...}
 * and messages s::tag = "text" (but the usage, which ?s shows).  Nothing
 * when s has no definitions. */
void lyv_print_definition(LyVM *vm, LyExpr s, LyBuf *b) {
    LyDefs *d = lyv_defs_get(vm, ly_sym(s));
    if (!d) return;
    const char *name = ly_sym(s)->name;
    bool first = true;
#define PARA() do { if (!first) ly_buf_puts(b, "\n\n"); first = false; } while (0)
    const char *names[32];
    size_t na = attr_names_sorted(d->attrs & ~(uint32_t)LYA_TEMPORARY, names);
    if (na) {
        PARA();
        ly_buf_printf(b, "Attributes[%s] = {", name);
        for (size_t i = 0; i < na; i++) ly_buf_printf(b, "%s%s", i ? ", " : "", names[i]);
        ly_buf_puts(b, "}");
    }
    if (d->own) {
        PARA();
        ly_buf_puts(b, name);
        ly_buf_puts(b, d->own_delayed ? " := " : " = ");
        ly_buf_expr(b, d->own, LY_FORM_INPUT);
    }
    LyRuleSet *sets[3] = { d->down, d->sub, d->up };
    for (int k = 0; k < 3; k++) {
        LyRuleSet *rs = sets[k];
        for (int pass = 0; pass < 2; pass++)     /* literal rules first, as ruleset_list */
            for (size_t i = 0; rs && i < rs->n; i++) {
                if (rs->v[i].literal != (pass == 0)) continue;
                PARA();
                ly_buf_expr(b, rs->v[i].lhs, LY_FORM_INPUT);
                ly_buf_puts(b, k == 2 ? (rs->v[i].delayed ? " ^:= " : " ^= ")
                                      : (rs->v[i].delayed ? " := " : " = "));
                ly_buf_expr(b, rs->v[i].rhs, LY_FORM_INPUT);
            }
    }
    for (size_t i = 1; d->defaults && i <= ly_nlen(d->defaults); i++) {
        LyExpr r = ly_narg(d->defaults, i), lhs = ly_narg(r, 1);
        if (ly_head_is(lhs, LY_SYM(HoldPattern)) && ly_nlen(lhs) == 1) lhs = ly_narg(lhs, 1);
        PARA();
        ly_buf_expr(b, lhs, LY_FORM_INPUT);
        ly_buf_puts(b, " = ");
        ly_buf_expr(b, ly_narg(r, 2), LY_FORM_INPUT);
    }
    if (d->options && !(ly_sym(s)->flags & LY_SYMF_SYSTEM)) {
        PARA();
        ly_buf_printf(b, "Options[%s] = ", name);
        ly_buf_expr(b, d->options, LY_FORM_INPUT);
    }
    for (size_t i = 1; d->messages && !(ly_sym(s)->flags & LY_SYMF_SYSTEM) && i <= ly_nlen(d->messages); i++) {
        LyExpr r = ly_narg(d->messages, i), tag = ly_narg(ly_narg(r, 1), 2);
        if (ly_is_string(tag) && !strcmp(ly_str(tag)->s, "usage")) continue;   /* ?f shows it */
        PARA();
        ly_buf_expr(b, ly_narg(r, 1), LY_FORM_INPUT);
        ly_buf_puts(b, " = ");
        ly_buf_expr(b, ly_narg(r, 2), LY_FORM_INPUT);
    }
#undef PARA
}

/* Definition[f] stays as it is; the printer writes it as the text above
 * (Null when there is nothing), as Wolfram shows it. */
static LyExpr b_definition(LyVM *vm, LyExpr e) {
    (void)vm; (void)e;
    return NULL;
}

/* ---- attributes ------------------------------------------------------------------------------- */

static LyExpr attr_list(LyVM *vm, uint32_t a) {
    const char *names[32];
    size_t n = attr_names_sorted(a, names);
    LyExpr l = ly_mknormal(vm, LY_SYM(List), n);
    if (!l) return NULL;
    for (size_t i = 0; i < n; i++) ly_nset(l, i + 1, lyv_symbol(names[i]));
    return l;
}

static LyExpr b_attributes(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 1) return lyv_argx(vm, e);
    LyExpr s = ly_narg(e, 1);
    if (ly_is_string(s)) s = string_symbol(vm, s);
    if (ly_head_is(s, LY_SYM(List))) {
        LyExpr l = ly_mknormal(vm, LY_SYM(List), ly_nlen(s));
        if (!l) return NULL;
        for (size_t i = 1; i <= ly_nlen(s); i++) {
            LyExpr x = ly_narg(s, i);
            LyExpr r = ly_is_sym(x) ? attr_list(vm, lyv_attrs(vm, x)) : ly_mknormal(vm, LY_SYM(List), 0);
            ly_nset(l, i, r ? r : LY_SYM(Null));
        }
        return l;
    }
    if (!ly_is_sym(s)) {
        ly_message(vm, LY_SYM(Attributes), "ssle", 2, e, ly_mksmall(1));
        return NULL;
    }
    return attr_list(vm, lyv_attrs(vm, s));
}

/* Attribute bits named by a symbol or a list of symbols; false on a bad one. */
static bool attr_bits(LyVM *vm, LyExpr spec, uint32_t *bits) {
    *bits = 0;
    LyExpr one[1] = { spec };
    LyExpr *v = one;
    size_t n = 1;
    if (ly_head_is(spec, LY_SYM(List))) { v = ly_nargs(spec); n = ly_nlen(spec); }
    for (size_t i = 0; i < n; i++) {
        uint32_t b;
        if (!ly_is_sym(v[i]) || !lyv_attrs_parse(ly_sym(v[i])->name, &b) || !b) {
            ly_message(vm, LY_SYM(SetAttributes), "unknownAttribute", 1, v[i]);
            return false;
        }
        *bits |= b;
    }
    return true;
}

static LyExpr change_attrs(LyVM *vm, LyExpr e, bool set) {
    if (ly_nlen(e) != 2) return NULL;
    uint32_t bits;
    if (!attr_bits(vm, ly_narg(e, 2), &bits)) return NULL;
    LyExpr syms = ly_narg(e, 1);
    LyExpr one[1] = { syms };
    LyExpr *v = one;
    size_t n = 1;
    if (ly_head_is(syms, LY_SYM(List))) { v = ly_nargs(syms); n = ly_nlen(syms); }
    for (size_t i = 0; i < n; i++) {
        LyExpr s = v[i];
        if (ly_is_string(s)) s = string_symbol(vm, s);
        if (!ly_is_sym(s)) { ly_message(vm, ly_nhead(e), "sym", 2, s, ly_mksmall(1)); continue; }
        LyDefs *d = lyv_defs(vm, ly_sym(s));
        if (!d) return NULL;
        if (d->attrs & LYA_LOCKED) { ly_message(vm, ly_nhead(e), "locked", 1, s); continue; }
        if (d->attrs & LYA_PROTECTED && !(set && bits == LYA_PROTECTED) &&
            !(!set && (bits & LYA_PROTECTED))) {
            ly_message(vm, ly_nhead(e), "write", 2, s, e);
            continue;
        }
        if (set) d->attrs |= bits; else d->attrs &= ~bits;
    }
    return LY_SYM(Null);
}

static LyExpr b_setattributes(LyVM *vm, LyExpr e) { return change_attrs(vm, e, true); }
static LyExpr b_clearattributes(LyVM *vm, LyExpr e) { return change_attrs(vm, e, false); }

static LyExpr protect(LyVM *vm, LyExpr e, bool on) {
    size_t n = ly_nlen(e), k = 0;
    LyExpr changed = ly_mknormal(vm, LY_SYM(List), n);
    if (!changed) return NULL;
    for (size_t i = 1; i <= n; i++) {
        LyExpr s = ly_narg(e, i);
        if (ly_is_string(s)) s = string_symbol(vm, s);
        if (!ly_is_sym(s)) continue;
        LyDefs *d = lyv_defs(vm, ly_sym(s));
        if (!d) break;
        if (d->attrs & LYA_LOCKED) continue;
        bool was = (d->attrs & LYA_PROTECTED) != 0;
        if (was == on) continue;
        if (on) d->attrs |= LYA_PROTECTED; else d->attrs &= ~LYA_PROTECTED;
        ly_nset(changed, ++k, ly_cstring(vm, ly_sym(s)->name));
    }
    LyExpr r = ly_apply(vm, LY_SYM(List), k, ly_nargs(changed));
    for (size_t i = k + 1; i <= n; i++) ly_nset(changed, i, LY_SYM(Null));
    ly_unref(vm, changed);
    return r;
}

static LyExpr b_protect(LyVM *vm, LyExpr e) { return protect(vm, e, true); }
static LyExpr b_unprotect(LyVM *vm, LyExpr e) { return protect(vm, e, false); }

/* ---- options ------------------------------------------------------------------------------- */

/* Option names compare as names: "Scale" and Scale are the same option. */
static const char *opt_name(LyExpr x) {
    return ly_is_string(x) ? ly_str(x)->s : ly_is_sym(x) ? ly_sym(x)->name : NULL;
}
static bool opt_eq(LyExpr a, LyExpr b) {
    const char *x = opt_name(a), *y = opt_name(b);
    return x && y ? !strcmp(x, y) : ly_equal(a, b);
}

LyExpr ly_options(LyVM *vm, LyExpr sym) {
    LyDefs *d = ly_is_sym(sym) ? lyv_defs_get(vm, ly_sym(sym)) : NULL;
    return d ? d->options : NULL;
}

bool ly_set_options(LyVM *vm, LyExpr sym, LyExpr rules) {
    LyDefs *d = ly_is_sym(sym) && rules ? lyv_defs(vm, ly_sym(sym)) : NULL;
    if (!d) { ly_unref(vm, rules); return false; }
    ly_unref(vm, d->options);
    d->options = rules;
    return true;
}

static LyExpr b_options(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) < 1 || !ly_is_sym(ly_narg(e, 1))) return NULL;
    LyDefs *d = lyv_defs_get(vm, ly_sym(ly_narg(e, 1)));
    LyExpr all = d && d->options ? d->options : NULL;
    if (ly_nlen(e) == 1) {
        if (all) { ly_ref(all); return all; }
        return ly_mknormal(vm, LY_SYM(List), 0);
    }
    /* Options[f, name]: the rule for name */
    LyExpr name = ly_narg(e, 2);
    size_t n = all ? ly_nlen(all) : 0, k = 0;
    LyExpr out = ly_mknormal(vm, LY_SYM(List), n);
    if (!out) return NULL;
    for (size_t i = 1; i <= n; i++)
        if (ly_equal(ly_narg(ly_narg(all, i), 1), name)) { ly_ref(ly_narg(all, i)); ly_nset(out, ++k, ly_narg(all, i)); }
    LyExpr r = ly_apply(vm, LY_SYM(List), k, ly_nargs(out));
    for (size_t i = k + 1; i <= n; i++) ly_nset(out, i, LY_SYM(Null));
    ly_unref(vm, out);
    return r;
}

static LyExpr b_setoptions(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) < 1 || !ly_is_sym(ly_narg(e, 1))) return NULL;
    LyDefs *d = lyv_defs(vm, ly_sym(ly_narg(e, 1)));
    if (!d) return NULL;
    size_t n = d->options ? ly_nlen(d->options) : 0;
    LyExpr nl = ly_apply(vm, LY_SYM(List), n, d->options ? ly_nargs(d->options) : NULL);
    if (!nl) return NULL;
    for (size_t i = 2; i <= ly_nlen(e); i++) {
        LyExpr r = ly_narg(e, i);
        if (!ly_head_is(r, LY_SYM(Rule)) && !ly_head_is(r, LY_SYM(RuleDelayed))) continue;
        bool found = false;
        for (size_t j = 1; j <= ly_nlen(nl); j++)
            if (opt_eq(ly_narg(ly_narg(nl, j), 1), ly_narg(r, 1))) {
                ly_unref(vm, ly_narg(nl, j));
                ly_ref(r);
                ly_nset(nl, j, r);
                found = true;
            }
        if (!found) ly_message(vm, LY_SYM(General), "optx", 2, ly_narg(r, 1), ly_narg(e, 1));
    }
    ly_unref(vm, d->options);
    d->options = nl;
    ly_ref(nl);
    return nl;
}

/* OptionValue[f, opts, name]: from the explicit options, else Options[f]. */
static LyExpr b_optionvalue(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 3 && ly_nlen(e) != 2) return NULL;
    LyExpr f = ly_narg(e, 1), opts = ly_nlen(e) == 3 ? ly_narg(e, 2) : NULL;
    LyExpr name = ly_narg(e, ly_nlen(e));
    if (opts && ly_head_is(opts, LY_SYM(List)))
        for (size_t i = 1; i <= ly_nlen(opts); i++) {
            LyExpr r = ly_narg(opts, i);
            if ((ly_head_is(r, LY_SYM(Rule)) || ly_head_is(r, LY_SYM(RuleDelayed))) && ly_nlen(r) == 2 &&
                opt_eq(ly_narg(r, 1), name)) { ly_ref(ly_narg(r, 2)); return ly_narg(r, 2); }
        }
    /* defaults: Options[f], or OptionsPattern[{f, g, opt -> v, ...}]'s list */
    size_t nf = ly_head_is(f, LY_SYM(List)) ? ly_nlen(f) : 1;
    for (size_t k = 1; k <= nf; k++) {
        LyExpr fk = ly_head_is(f, LY_SYM(List)) ? ly_narg(f, k) : f;
        if ((ly_head_is(fk, LY_SYM(Rule)) || ly_head_is(fk, LY_SYM(RuleDelayed))) && ly_nlen(fk) == 2) {
            if (opt_eq(ly_narg(fk, 1), name)) { ly_ref(ly_narg(fk, 2)); return ly_narg(fk, 2); }
            continue;
        }
        LyDefs *d = ly_is_sym(fk) ? lyv_defs_get(vm, ly_sym(fk)) : NULL;
        if (d && d->options)
            for (size_t i = 1; i <= ly_nlen(d->options); i++) {
                LyExpr r = ly_narg(d->options, i);
                if (ly_is_normal(r) && ly_nlen(r) == 2 && opt_eq(ly_narg(r, 1), name)) {
                    ly_ref(ly_narg(r, 2));
                    return ly_narg(r, 2);
                }
            }
    }
    ly_message(vm, LY_SYM(General), "optnf", 2, name, f);
    ly_ref(name);
    return name;
}

/* Default[f], Default[f, i], Default[f, i, n]: the value an omitted f[..., x_., ...]
 * takes (set with Default[f] = v), else the built-in one (Plus 0, Times 1). */
static LyExpr b_default(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 1 || n > 3) return NULL;
    for (size_t i = 2; i <= n; i++)
        if (!ly_is_small(ly_narg(e, i)) || ly_small(ly_narg(e, i)) < 1) return NULL;
    size_t i = n >= 2 ? (size_t)ly_small(ly_narg(e, 2)) : 0;
    size_t len = n == 3 ? (size_t)ly_small(ly_narg(e, 3)) : (size_t)-1;
    LyExpr v = lyv_default_value(vm, ly_narg(e, 1), i, len);
    if (!v) return NULL;
    ly_ref(v);
    return v;
}

/* Update[s], Update[]: expressions evaluated earlier are evaluated again
 * where they are met (a Condition that reads a symbol's value is not a
 * dependence the evaluator tracks, as in Wolfram). */
static LyExpr b_update(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) > 1) return NULL;
    if (ly_nlen(e) == 1 && !ly_is_sym(ly_narg(e, 1))) return NULL;
    if (ly_nlen(e) == 1) lyv_eval_changed(vm, ly_sym(ly_narg(e, 1))->id);
    else lyv_eval_changed_all(vm);
    return LY_SYM(Null);
}

static const LyBuiltin defs_builtins[] = {
    { "Options", b_options, "HoldFirst Protected", "Options[symbol] gives the list of default options assigned to a symbol." },
    { "Default", b_default, "Protected",
      "Default[f] gives the default value for arguments of the function f obtained with a _. pattern object." },
    { "SetOptions", b_setoptions, "Protected", "SetOptions[s, name1 -> value1, ...] sets the specified default options for a symbol s." },
    { "OptionValue", b_optionvalue, "Protected", "OptionValue[name] gives the value of name in options matched by OptionsPattern." },
    { "Set", b_set, "HoldFirst Protected SequenceHold",
      "lhs = rhs evaluates rhs and assigns the result to be the value of lhs." },
    { "SetDelayed", b_setdelayed, "HoldAll Protected SequenceHold",
      "lhs := rhs assigns rhs to be the delayed value of lhs." },
    { "UpSet", b_upset, "HoldFirst Protected SequenceHold",
      "lhs ^= rhs assigns rhs to be the value of lhs, and associates this assignment with symbols that occur at level one in lhs." },
    { "UpSetDelayed", b_upsetdelayed, "HoldAll Protected SequenceHold",
      "lhs ^:= rhs assigns rhs to be the delayed value of lhs, and associates the assignment with symbols that occur at level one in lhs." },
    { "TagSet", b_tagset, "HoldAll Protected SequenceHold",
      "f /: lhs = rhs assigns rhs to be the value of lhs, and associates the assignment with the symbol f." },
    { "TagSetDelayed", b_tagsetdelayed, "HoldAll Protected SequenceHold",
      "f /: lhs := rhs assigns rhs to be the delayed value of lhs, and associates the assignment with the symbol f." },
    { "Unset", b_unset, "HoldFirst Listable Protected ReadProtected", "lhs =. removes any rules defined for lhs." },
    { "Clear", b_clear, "HoldAll Protected", "Clear[symbol1, symbol2, ...] clears values and definitions for the symboli." },
    { "Update", b_update, "Protected",
      "Update[symbol] tells the evaluator that hidden changes may affect values that depend on symbol; Update[] that any value may be affected." },
    { "ClearAll", b_clearall, "HoldAll Protected",
      "ClearAll[symb1, symb2, ...] clears all values, definitions, attributes, defaults, options and messages associated with symbi." },
    { "Remove", b_remove, "HoldAll Locked Protected", "Remove[symbol1, ...] removes symbols completely." },
    { "OwnValues", b_ownvalues, "HoldAll Protected", "OwnValues[f] gives a list of transformation rules corresponding to all ownvalues defined for the symbol f." },
    { "DownValues", b_downvalues, "HoldAll Protected", "DownValues[f] gives a list of transformation rules corresponding to all downvalues defined for the symbol f." },
    { "UpValues", b_upvalues, "HoldAll Protected", "UpValues[f] gives a list of transformation rules corresponding to all upvalues defined for the symbol f." },
    { "SubValues", b_subvalues, "HoldAll Protected", "SubValues[f] gives a list of transformation rules corresponding to all subvalues defined for the symbol f." },
    { "DefaultValues", b_defaultvalues, "HoldAll Protected", "DefaultValues[f] gives a list of transformation rules corresponding to all defaults (values for Default[f, ...]) defined for the symbol f." },
    { "Definition", b_definition, "HoldAll Protected", "Definition[symbol] prints as the definitions given for a symbol." },
    { "Attributes", b_attributes, "HoldAll Listable Protected", "Attributes[symbol] gives the list of attributes for a symbol." },
    { "SetAttributes", b_setattributes, "HoldFirst Protected", "SetAttributes[s, attr] adds attr to the list of attributes of the symbol s." },
    { "ClearAttributes", b_clearattributes, "HoldFirst Protected", "ClearAttributes[s, attr] removes attr from the list of attributes of the symbol s." },
    { "Protect", b_protect, "HoldAll Protected", "Protect[s1, s2, ...] sets the attribute Protected for the symbols si." },
    { "Unprotect", b_unprotect, "HoldAll Protected", "Unprotect[s1, s2, ...] removes the attribute Protected for the symbols si." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lyv_open_defs(LyVM *vm) { return ly_register_table(vm, defs_builtins); }
