/*
 * replace.c — rule application and pattern-driven builtins: Rule,
 * RuleDelayed, ReplaceAll (/.), ReplaceRepeated (//.), Replace,
 * ReplaceList, MatchQ, Cases, DeleteCases, Count, Position, FreeQ, MemberQ.
 *
 * Traversals are iterative (explicit frame stacks), so deep expressions
 * never overflow the C stack; they check the abort flag as they go.
 * Right sides are substituted but not evaluated here: the evaluator
 * evaluates the builtin's result, which leaves held parts held, as in
 * Wolfram (Hold[f[a]] /. f[x_] :> x^2 is Hold[a^2]).
 *
 * Rules for Flat heads apply to runs of arguments (Orderless: to subsets):
 * a + b + c /. a + c -> z gives b + z, f[a, b, c] /. f[a, b] -> x gives
 * f[x, c] for a Flat f.
 */
#include "match.h"
#include "dispatch.h"


/* ---- rules ------------------------------------------------------------------------------ */

typedef LyvRul Rul;

/* A list of lists of rules ({{a -> 1}, {a -> 2}}): gives a list of results. */
static bool is_rule_lists(LyExpr spec) {
    if (!ly_head_is(spec, LY_SYM(List)) || ly_nlen(spec) == 0) return false;
    for (size_t i = 1; i <= ly_nlen(spec); i++) {
        LyExpr l = ly_narg(spec, i);
        if (!ly_head_is(l, LY_SYM(List))) return false;
        for (size_t j = 1; j <= ly_nlen(l); j++) if (!lyv_is_rule(ly_narg(l, j))) return false;
    }
    return true;
}

static LyExpr strip_hold(LyExpr p) {
    while (ly_head_is(p, LY_SYM(HoldPattern)) && ly_nlen(p) == 1) p = ly_narg(p, 1);
    return p;
}

/* Appends the arguments a value bound to a sequence pattern stands for. */
static size_t seq_len(LyExpr v) { return ly_head_is(v, LY_SYM(Sequence)) ? ly_nlen(v) : 1; }
static size_t seq_put(LyExpr dst, size_t k, LyExpr v) {
    if (ly_head_is(v, LY_SYM(Sequence))) {
        for (size_t i = 1; i <= ly_nlen(v); i++) { ly_ref(ly_narg(v, i)); ly_nset(dst, ++k, ly_narg(v, i)); }
    } else {
        ly_ref(v);
        ly_nset(dst, ++k, v);
    }
    return k;
}

int lyv_flat_part(LyVM *vm, LyExpr lhs0, LyExpr cond, LyExpr rhs, LyExpr e, LyExpr *out);

/* Rules whose left side has a Flat head apply to part of the arguments.
 * Returns 1 with *out set, 0 when it does not apply, -1 on error. */
static int try_flat_part(LyVM *vm, const Rul *r, LyExpr e, LyExpr *out) {
    return lyv_flat_part(vm, r->lhs, r->cond, r->rhs, e, out);
}

/* lhs -> rhs (with optional condition) applied to a run of the arguments of
 * e when lhs has e's Flat head and fewer arguments (also used by rules.c
 * for definitions of Flat functions). */
int lyv_flat_part(LyVM *vm, LyExpr lhs0, LyExpr cond, LyExpr rhs, LyExpr e, LyExpr *out) {
    LyExpr lhs = strip_hold(lhs0);
    if (!ly_is_normal(lhs) || !ly_is_normal(e) || ly_nhead(lhs) != ly_nhead(e)) return 0;
    LyExpr h = ly_nhead(e);
    if (!ly_is_sym(h)) return 0;
    uint32_t a = lyv_attrs(vm, h);
    if (!(a & LYA_FLAT) || ly_nlen(lhs) == 0 || ly_nlen(e) <= ly_nlen(lhs)) return 0;
    bool orderless = (a & LYA_ORDERLESS) != 0;
    LyExpr pre = lyv_symbol("Lyra`Private`pre"), post = lyv_symbol("Lyra`Private`post");
    if (!pre || !post) { ly_raise_nomem(vm); return -1; }
    size_t n = ly_nlen(lhs), np = n + (orderless ? 1 : 2), k = 0;
    LyExpr pat = ly_mknormal(vm, h, np);
    if (!pat) return -1;
    if (!orderless) ly_nset(pat, ++k, ly_mk(vm, LY_SYM(Pattern), 2, pre, ly_mk(vm, LY_SYM(BlankNullSequence), 0)));
    for (size_t i = 1; i <= n; i++) { ly_ref(ly_narg(lhs, i)); ly_nset(pat, ++k, ly_narg(lhs, i)); }
    ly_nset(pat, ++k, ly_mk(vm, LY_SYM(Pattern), 2, post, ly_mk(vm, LY_SYM(BlankNullSequence), 0)));
    for (size_t i = 1; i <= np; i++) if (!ly_narg(pat, i)) { ly_unref(vm, pat); return -1; }
    LyvBinds b;
    lyv_binds_init(&b, vm);
    int res = 0;
    if (lyv_match_cond(vm, pat, cond, e, &b)) {
        LyExpr v = lyv_binds_apply(vm, rhs, &b);
        LyExpr pv = orderless ? NULL : lyv_binds_get(&b, ly_sym(pre));
        LyExpr qv = lyv_binds_get(&b, ly_sym(post));
        size_t len = (pv ? seq_len(pv) : 0) + 1 + (qv ? seq_len(qv) : 0);
        LyExpr o = v ? ly_mknormal(vm, h, len) : NULL;
        if (o) {
            size_t j = 0;
            if (pv) j = seq_put(o, j, pv);
            ly_nset(o, ++j, v);
            v = NULL;
            if (qv) j = seq_put(o, j, qv);
            *out = o;
            res = 1;
        } else {
            res = -1;
        }
        ly_unref(vm, v);
    } else if (ly_unwinding(vm)) {
        res = -1;
    }
    lyv_binds_free(&b);
    ly_unref(vm, pat);
    return res;
}

/* Tries rule r on e: 1 with *out set, 0 when it does not apply, -1 on an
 * exit. */
static inline __attribute__((always_inline)) int apply_rule(LyVM *vm, const Rul *r, LyExpr e, bool flat_parts,
                                                           LyExpr *out) {
    if (ly_is_sym(r->lhs) && !r->cond) {
        /* a symbol matches itself only: no matcher (x //. x -> f[x] meets
         * every part of a deep expression at every pass) */
        if (e != r->lhs) return 0;
        ly_ref(r->rhs);
        *out = r->rhs;
        return 1;
    }
    LyvBinds b;
    lyv_binds_init(&b, vm);
    bool ok = lyv_match_cond(vm, r->lhs, r->cond, e, &b);
    if (ok) {
        *out = lyv_binds_apply(vm, r->rhs, &b);
        lyv_binds_free(&b);
        return *out ? 1 : -1;
    }
    lyv_binds_free(&b);
    if (ly_unwinding(vm)) return -1;
    return flat_parts ? try_flat_part(vm, r, e, out) : 0;
}

/* Applies the first rule that matches e as a whole.  1: *out set; 0: none
 * matched; -1: an exit is in progress.  With an index (dispatch.c), only
 * the rules it leaves out that come before the literal rule it finds are
 * tried. */
static int apply_rules(LyVM *vm, const LyvRules *R, LyExpr e, bool flat_parts, LyExpr *out) {
    const LyvRIndex *ix = R->ix;
    if (!ix) {
        for (size_t i = 0; i < R->n; i++) {
            int a = apply_rule(vm, &R->rs[i], e, flat_parts, out);
            if (a) return a;
        }
        return 0;
    }
    int64_t lit = lyv_rules_find(vm, ix, R->rs, e);
    size_t limit = lit < 0 ? R->n : (size_t)lit;
    for (size_t k = 0; k < ix->nscan && ix->scan[k] < limit; k++) {
        int a = apply_rule(vm, &R->rs[ix->scan[k]], e, flat_parts, out);
        if (a) return a;
    }
    if (lit < 0) return 0;
    ly_ref(R->rs[lit].rhs);
    *out = R->rs[lit].rhs;
    return 1;
}

/* ---- ReplaceAll ----------------------------------------------------------------------------- */

typedef struct RFrame { LyExpr src, own, out, orig; size_t i; } RFrame;

/* Sets child idx of the frame's copy to r (stolen), copying on first change. */
static bool rframe_set(LyVM *vm, RFrame *f, size_t idx, LyExpr r) {
    LyExpr old = ly_normal(f->src)->e[idx];
    if (!f->out) {
        if (r == old) { ly_unref(vm, r); return true; }
        size_t n = ly_nlen(f->src);
        LyExpr h = ly_nhead(f->src);
        ly_ref(h);
        LyExpr o = ly_mknormal(vm, h, n);
        if (!o) { ly_unref(vm, r); return false; }
        for (size_t k = 1; k < idx; k++) { LyExpr a = ly_narg(f->src, k); ly_ref(a); ly_nset(o, k, a); }
        f->out = o;
    }
    LyExpr prev = ly_normal(f->out)->e[idx];
    ly_normal(f->out)->e[idx] = r;
    ly_unref(vm, prev);
    return true;
}

static LyExpr replace_all(LyVM *vm, LyExpr e, const LyvRules *rs, bool *changed);

static LyExpr replace_assoc(LyVM *vm, LyExpr e, const LyvRules *rs, bool *changed) {
    LyAssoc *a = ly_assoc(e);
    size_t len = a->len;
    LyExpr *out = lyv_alloc(vm, (len ? len : 1) * sizeof *out);
    if (!out) return NULL;
    size_t k = 0;
    bool ch = false;
    for (; k < len; k++) {
        LyExpr rule = a->rules[k];
        bool c1 = false, c2 = false;
        LyExpr key = replace_all(vm, ly_narg(rule, 1), rs, &c1);
        LyExpr val = key ? replace_all(vm, ly_narg(rule, 2), rs, &c2) : NULL;
        if (!val) { ly_unref(vm, key); break; }
        if (c1 || c2) {
            ch = true;
            ly_ref(ly_nhead(rule));
            out[k] = ly_mk(vm, ly_nhead(rule), 2, key, val);
            if (!out[k]) break;
        } else {
            ly_unref(vm, key); ly_unref(vm, val);
            ly_ref(rule);
            out[k] = rule;
        }
    }
    LyExpr r = NULL;
    if (k == len) {
        if (ch) { r = ly_mkassoc(vm, len, out); *changed = true; }
        else { ly_ref(e); r = e; }
    }
    for (size_t i = 0; i < k; i++) ly_unref(vm, out[i]);
    lyv_free(vm, out, (len ? len : 1) * sizeof *out);
    return r;
}

/* e with the rules applied to each part, outermost first, each part at most
 * once (new reference, or NULL while unwinding). */
static LyExpr replace_all(LyVM *vm, LyExpr e, const LyvRules *rs, bool *changed) {
    RFrame small[32], *st = small;
    size_t n = 0, cap = 32;
    LyExpr cur = e, result = NULL;
    bool ok = true;
    unsigned steps = 0;
    for (;;) {
        /* visit cur: rules first, then its parts */
        LyExpr r = NULL;
        if ((++steps & 1023) == 0 && !ly_safe_point(vm)) { ok = false; break; }
        int a = apply_rules(vm, rs, cur, true, &r);
        if (a < 0) { ok = false; break; }
        if (a == 0) {
            LyExpr own = NULL;
            if (ly_is_packed(cur)) {
                own = lyv_unpack_rows(vm, cur);
                if (!own) { ok = false; break; }
            }
            LyExpr node = own ? own : cur;
            if (ly_is_normal(node)) {
                if (n == cap) {
                    size_t nc = cap * 2;
                    RFrame *ns = lyv_alloc(vm, nc * sizeof *ns);
                    if (!ns) { ly_unref(vm, own); ok = false; break; }
                    memcpy(ns, st, n * sizeof *ns);
                    if (st != small) lyv_free(vm, st, cap * sizeof *st);
                    st = ns;
                    cap = nc;
                }
                st[n++] = (RFrame){ node, own, NULL, cur, 0 };
            } else if (ly_type(node) == LY_TASSOC) {
                r = replace_assoc(vm, node, rs, changed);
                if (!r) { ok = false; break; }
            } else {
                ly_ref(node);
                r = node;
            }
        } else {
            *changed = true;
        }
        /* hand finished values up, and find the next part to visit */
        LyExpr val = r;
        for (;;) {
            if (val) {
                if (n == 0) { result = val; goto done; }
                RFrame *f = &st[n - 1];
                if (!rframe_set(vm, f, f->i - 1, val)) { ok = false; goto done; }
                val = NULL;
            }
            RFrame *f = &st[n - 1];
            if (f->i <= ly_nlen(f->src)) { cur = ly_normal(f->src)->e[f->i++]; break; }
            /* frame finished */
            LyExpr v;
            if (f->out) { v = f->out; *changed = true; }
            else { v = f->orig; ly_ref(v); }
            ly_unref(vm, f->own);
            n--;
            val = v;
        }
    }
done:
    if (!ok) {
        for (size_t k = 0; k < n; k++) {
            if (st[k].out) {
                for (size_t q = 0; q <= ly_nlen(st[k].out); q++)
                    if (!ly_normal(st[k].out)->e[q]) ly_normal(st[k].out)->e[q] = LY_SYM(Null);
                ly_unref(vm, st[k].out);
            }
            ly_unref(vm, st[k].own);
        }
        result = NULL;
    }
    if (st != small) lyv_free(vm, st, cap * sizeof *st);
    return result;
}

/* ---- messages and argument checks ----------------------------------------------------------- */

static LyExpr int_expr(LyVM *vm, size_t v) { return lyv_int_from_int64(vm, (int64_t)v); }

static void msg_args(LyVM *vm, LyExpr e, const char *tag, size_t want_lo, size_t want_hi) {
    LyExpr f = ly_nhead(e);
    LyExpr got = int_expr(vm, ly_nlen(e)), lo = int_expr(vm, want_lo), hi = int_expr(vm, want_hi);
    if (!strcmp(tag, "argx")) ly_message(vm, f, "argx", 2, f, got);
    else if (!strcmp(tag, "argr")) ly_message(vm, f, "argr", 2, f, lo);
    else if (!strcmp(tag, "argrx")) ly_message(vm, f, "argrx", 3, f, got, lo);
    else if (!strcmp(tag, "argb")) ly_message(vm, f, "argb", 4, f, got, lo, hi);
    else if (!strcmp(tag, "argt")) ly_message(vm, f, "argt", 4, f, got, lo, hi);
    ly_unref(vm, got); ly_unref(vm, lo); ly_unref(vm, hi);
}

/* Checks lo <= number of (non-option) arguments <= hi, with the standard message. */
static bool check_args(LyVM *vm, LyExpr e, size_t n, size_t lo, size_t hi) {
    if (n >= lo && n <= hi) return true;
    if (lo == hi) {
        if (lo == 1) msg_args(vm, e, "argx", lo, hi);
        else if (n == 1) msg_args(vm, e, "argr", lo, hi);
        else msg_args(vm, e, "argrx", lo, hi);
    } else if (hi == lo + 1) {
        msg_args(vm, e, "argt", lo, hi);
    } else {
        msg_args(vm, e, "argb", lo, hi);
    }
    return false;
}

/* Number of arguments before trailing options (name -> value with a symbol name). */
static size_t count_nonopt(LyExpr e, size_t min) {
    size_t n = ly_nlen(e);
    while (n > min) {
        LyExpr a = ly_narg(e, n);
        if (ly_head_is(a, LY_SYM(Rule)) && ly_nlen(a) == 2 && ly_is_sym(ly_narg(a, 1)) &&
            (ly_narg(a, 1) == LY_SYM(Heads) || ly_narg(a, 1) == LY_SYM(MaxIterations)))
            n--;
        else
            break;
    }
    return n;
}

static LyExpr option_value(LyExpr e, size_t from, LyExpr name) {
    for (size_t i = from; i <= ly_nlen(e); i++) {
        LyExpr a = ly_narg(e, i);
        if (ly_head_is(a, LY_SYM(Rule)) && ly_nlen(a) == 2 && ly_narg(a, 1) == name) return ly_narg(a, 2);
    }
    return NULL;
}

static void reps_message(LyVM *vm, LyExpr f, LyExpr spec) {
    LyExpr l = spec;
    if (!ly_head_is(spec, LY_SYM(List))) {
        ly_ref(spec);
        l = ly_mk(vm, LY_SYM(List), 1, spec);
        if (!l) return;
    } else {
        ly_ref(l);
    }
    ly_message(vm, f, "reps", 1, l);
    ly_unref(vm, l);
}

/* The head symbol of a builtin call, also for operator forms f[x][y]. */
static LyExpr call_sym(LyExpr e) {
    LyExpr h = ly_nhead(e);
    while (ly_is_normal(h)) h = ly_nhead(h);
    return h;
}

/* ---- ReplaceAll, ReplaceRepeated, Replace, ReplaceList ------------------------------------- */

static LyExpr do_replace_all(LyVM *vm, LyExpr f, LyExpr x, LyExpr spec) {
    if (is_rule_lists(spec)) {
        size_t k = ly_nlen(spec);
        LyExpr l = ly_mknormal(vm, LY_SYM(List), k);
        if (!l) return NULL;
        for (size_t i = 1; i <= k; i++) {
            LyExpr v = do_replace_all(vm, f, x, ly_narg(spec, i));
            if (!v) { for (size_t j = i; j <= k; j++) ly_nset(l, j, LY_SYM(Null)); ly_unref(vm, l); return NULL; }
            ly_nset(l, i, v);
        }
        return l;
    }
    LyvRules rs;
    if (!lyv_rules_get(vm, spec, &rs)) {
        if (ly_unwinding(vm)) return NULL;
        reps_message(vm, f, spec);
        return NULL;
    }
    bool changed = false;
    LyExpr r = replace_all(vm, x, &rs, &changed);
    lyv_rules_done(vm, &rs);
    return r;
}

static LyExpr b_replaceall(LyVM *vm, LyExpr e) {
    if (ly_is_normal(ly_nhead(e))) {       /* ReplaceAll[rules][expr] */
        LyExpr op = ly_nhead(e);
        if (ly_nlen(op) != 1 || ly_nlen(e) != 1) return NULL;
        return do_replace_all(vm, LY_SYM(ReplaceAll), ly_narg(e, 1), ly_narg(op, 1));
    }
    if (ly_nlen(e) == 1) return NULL;      /* operator form, waits for its argument */
    if (!check_args(vm, e, ly_nlen(e), 1, 2)) return NULL;
    return do_replace_all(vm, LY_SYM(ReplaceAll), ly_narg(e, 1), ly_narg(e, 2));
}

static LyExpr b_replacerepeated(LyVM *vm, LyExpr e) {
    if (ly_is_normal(ly_nhead(e))) return NULL;
    size_t n = count_nonopt(e, 1);
    if (n == 1) return NULL;
    if (!check_args(vm, e, n, 1, 2)) return NULL;
    int64_t maxit = 65536;
    LyExpr mo = option_value(e, 3, LY_SYM(MaxIterations));
    if (mo && ly_is_small(mo) && ly_small(mo) > 0) maxit = ly_small(mo);
    else if (mo && mo == LY_SYM(Infinity)) maxit = INT64_MAX;
    LyvRules rs;
    LyExpr spec = ly_narg(e, 2);
    if (!lyv_rules_get(vm, spec, &rs)) {
        if (ly_unwinding(vm)) return NULL;
        reps_message(vm, LY_SYM(ReplaceRepeated), spec);
        return NULL;
    }
    LyExpr cur = ly_narg(e, 1);
    ly_ref(cur);
    for (int64_t it = 0;; it++) {
        if (it >= maxit) {
            LyExpr lim = lyv_int_from_int64(vm, maxit);
            ly_message(vm, LY_SYM(ReplaceRepeated), "rrlim", 2, ly_narg(e, 1), lim);
            ly_unref(vm, lim);
            break;
        }
        bool changed = false;
        LyExpr r = replace_all(vm, cur, &rs, &changed);
        if (!r) { ly_unref(vm, cur); cur = NULL; break; }
        if (!changed) { ly_unref(vm, r); break; }
        LyExpr v = lyv_eval(vm, r);
        ly_unref(vm, r);
        if (!v) { ly_unref(vm, cur); cur = NULL; break; }
        bool same = ly_equal(v, cur);
        ly_unref(vm, cur);
        cur = v;
        if (same) break;
        if (!ly_safe_point(vm)) { ly_unref(vm, cur); cur = NULL; break; }
    }
    lyv_rules_done(vm, &rs);
    return cur;
}

/* ---- level specifications --------------------------------------------------------------------- */

#define LV_INF INT64_MAX

typedef struct Level { int64_t lo, hi; } Level;

static bool level_bound(LyExpr x, int64_t *out) {
    if (ly_is_small(x)) { *out = ly_small(x); return true; }
    if (x == LY_SYM(Infinity)) { *out = LV_INF; return true; }
    if (ly_head_is(x, LY_SYM(DirectedInfinity)) && ly_nlen(x) == 1 && ly_narg(x, 1) == ly_mksmall(1)) {
        *out = LV_INF;
        return true;
    }
    return false;
}

static bool parse_level(LyVM *vm, LyExpr f, LyExpr spec, Level *lv) {
    int64_t a, b;
    if (spec == LY_SYM(All)) { lv->lo = 0; lv->hi = LV_INF; return true; }
    if (level_bound(spec, &a)) { lv->lo = 1; lv->hi = a; return true; }
    if (ly_head_is(spec, LY_SYM(List))) {
        if (ly_nlen(spec) == 1 && level_bound(ly_narg(spec, 1), &a)) { lv->lo = lv->hi = a; return true; }
        if (ly_nlen(spec) == 2 && level_bound(ly_narg(spec, 1), &a) && level_bound(ly_narg(spec, 2), &b)) {
            lv->lo = a; lv->hi = b;
            return true;
        }
    }
    ly_message(vm, f, "level", 1, spec);
    return false;
}

static bool level_in(const Level *lv, int64_t level, int64_t depth) {
    bool lo = lv->lo >= 0 ? level >= lv->lo : -depth >= lv->lo;
    bool hi = lv->hi >= 0 ? level <= lv->hi : -depth <= lv->hi;
    return lo && hi;
}

static bool level_needs_depth(const Level *lv) { return lv->lo < 0 || lv->hi < 0; }

/* ---- the level walker ------------------------------------------------------------------------- */

/* A post-order walk over the parts of an expression at the levels of lv
 * (Level's order: a part after its subparts).  visit may return a
 * replacement (new reference), set *del to drop the part from its parent, or
 * set w->stop.  With rebuild set the walk returns the rebuilt expression. */
typedef struct Walk Walk;
struct Walk {
    LyVM *vm;
    Level lv;
    bool heads, rebuild, stop;
    LyExpr (*visit)(Walk *w, LyExpr x, bool *del);
    size_t *path;          /* indices of the current part */
    size_t npath;
    void *ud;
};

typedef struct WFrame {
    LyExpr src, own, out;
    size_t i;              /* next child (0 = head) */
    LyExpr orig;           /* the part itself (packed arrays: not src) */
    int64_t depth;         /* 1 + max depth of arguments seen */
    bool anydel;
} WFrame;

static int64_t atom_depth(LyExpr x) {
    if (ly_is_packed(x)) return (int64_t)ly_packed(x)->h.aux + 1;
    return 1;
}

static bool wframe_set(LyVM *vm, WFrame *f, size_t idx, LyExpr r, bool del) {
    LyExpr old = ly_normal(f->src)->e[idx];
    if (!f->out) {
        if (!del && r == old) { ly_unref(vm, r); return true; }
        size_t n = ly_nlen(f->src);
        LyExpr h = ly_nhead(f->src);
        ly_ref(h);
        LyExpr o = ly_mknormal(vm, h, n);
        if (!o) { ly_unref(vm, r); return false; }
        for (size_t k = 1; k < idx; k++) { LyExpr a = ly_narg(f->src, k); ly_ref(a); ly_nset(o, k, a); }
        f->out = o;
    }
    LyExpr prev = ly_normal(f->out)->e[idx];
    ly_normal(f->out)->e[idx] = del ? NULL : r;
    if (del) { ly_unref(vm, r); f->anydel = true; }
    ly_unref(vm, prev);
    return true;
}

/* The finished value of a frame (new reference) or NULL on OOM. */
static LyExpr wframe_value(LyVM *vm, WFrame *f, LyExpr orig) {
    if (!f->out) { ly_ref(orig); return orig; }
    if (!f->anydel) { LyExpr o = f->out; f->out = NULL; return o; }
    size_t n = ly_nlen(f->out), k = 0;
    for (size_t i = 1; i <= n; i++) k += ly_narg(f->out, i) != NULL;
    LyExpr h = ly_nhead(f->out);
    ly_ref(h);
    LyExpr o = ly_mknormal(vm, h, k);
    if (!o) return NULL;
    k = 0;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(f->out, i);
        if (a) { ly_ref(a); ly_nset(o, ++k, a); }
    }
    return o;
}

/* Walks e; returns the rebuilt expression (rebuild) or True (new refs), or
 * NULL on error/unwind. */
static LyExpr walk(Walk *w, LyExpr e) {
    LyVM *vm = w->vm;
    WFrame small[32], *st = small;
    size_t n = 0, cap = 32;
    size_t pathcap = 32;
    size_t pathsmall[32];
    w->path = pathsmall;
    w->npath = 0;
    bool needdepth = level_needs_depth(&w->lv);
    LyExpr cur = e, result = NULL;
    bool ok = true, cur_is_head = false;
    unsigned steps = 0;
    for (;;) {
        if ((++steps & 1023) == 0 && !ly_safe_point(vm)) { ok = false; break; }
        int64_t level = (int64_t)n;
        bool descend = !w->stop && (needdepth || w->lv.hi == LV_INF || level < w->lv.hi);
        LyExpr own = NULL, node = cur;
        if (descend && ly_is_packed(cur)) {
            own = lyv_unpack_rows(vm, cur);
            if (!own) { ok = false; break; }
            node = own;
        } else if (descend && !w->rebuild && !cur_is_head && ly_type(cur) == LY_TASSOC) {
            /* the values of an association are its level-1 parts */
            LyAssoc *as = ly_assoc(cur);
            own = ly_mknormal(vm, LY_SYM(Association), as->len);
            if (!own) { ok = false; break; }
            for (size_t q = 0; q < as->len; q++) {
                LyExpr v = ly_narg(as->rules[q], 2);
                ly_ref(v);
                ly_nset(own, q + 1, v);
            }
            node = own;
        }
        LyExpr val = NULL;
        int64_t vdepth = 1;
        bool vdel = false;
        if (descend && !cur_is_head && ly_is_normal(node)) {
            if (n == cap || n + 1 >= pathcap) {
                size_t nc = cap * 2;
                WFrame *ns = lyv_alloc(vm, nc * sizeof *ns);
                size_t *np = lyv_alloc(vm, nc * sizeof *np);
                if (!ns || !np) {
                    if (ns) lyv_free(vm, ns, nc * sizeof *ns);
                    if (np) lyv_free(vm, np, nc * sizeof *np);
                    ly_unref(vm, own);
                    ok = false;
                    break;
                }
                memcpy(ns, st, n * sizeof *ns);
                memcpy(np, w->path, w->npath * sizeof *np);
                if (st != small) lyv_free(vm, st, cap * sizeof *st);
                if (w->path != pathsmall) lyv_free(vm, w->path, pathcap * sizeof *np);
                st = ns; w->path = np;
                cap = pathcap = nc;
            }
            st[n++] = (WFrame){ node, own, NULL, w->heads ? 0 : 1, cur, 1, false };
            own = NULL;
        } else {
            /* a leaf (or a part below the levels wanted) */
            vdepth = cur_is_head ? 0 : atom_depth(cur);
            if (ly_is_normal(cur) && !cur_is_head) {
                /* depth of an expression we do not descend into: not needed */
                vdepth = 2;
            }
            LyExpr r = NULL;
            if (!w->stop && level_in(&w->lv, level, vdepth ? vdepth : 1) && (level > 0 || !cur_is_head)) {
                r = w->visit(w, cur, &vdel);
                if (!r && ly_unwinding(vm)) { ly_unref(vm, own); ok = false; break; }
            }
            ly_unref(vm, own);
            if (!r) { ly_ref(cur); r = cur; }
            val = r;
        }
        /* hand values up and find the next part */
        for (;;) {
            if (val) {
                if (n == 0) { result = val; goto done; }
                WFrame *f = &st[n - 1];
                size_t idx = f->i - 1;
                if (idx > 0 && vdepth + 1 > f->depth) f->depth = vdepth + 1;
                if (w->rebuild) {
                    if (!wframe_set(vm, f, idx, val, vdel && idx > 0)) { ok = false; goto done; }
                } else {
                    ly_unref(vm, val);
                }
                val = NULL;
                vdel = false;
            }
            WFrame *f = &st[n - 1];
            if (f->i <= ly_nlen(f->src) && !w->stop) {
                size_t idx = f->i++;
                cur = ly_normal(f->src)->e[idx];
                cur_is_head = idx == 0;
                w->path[n - 1] = idx;
                w->npath = n;
                break;
            }
            /* frame finished: visit the node itself */
            LyExpr v = wframe_value(vm, f, f->orig);
            int64_t depth = f->depth;
            if (f->out) { for (size_t q = 0; q <= ly_nlen(f->out); q++) if (!ly_normal(f->out)->e[q]) ly_normal(f->out)->e[q] = LY_SYM(Null); ly_unref(vm, f->out); }
            ly_unref(vm, f->own);
            n--;
            w->npath = n;
            if (!v) { ok = false; goto done; }
            int64_t lvl = (int64_t)n;
            if (!w->stop && level_in(&w->lv, lvl, depth)) {
                bool del = false;
                LyExpr r = w->visit(w, v, &del);
                if (!r && ly_unwinding(vm)) { ly_unref(vm, v); ok = false; goto done; }
                if (r) { ly_unref(vm, v); v = r; }
                vdel = del;
            }
            val = v;
            vdepth = depth;
        }
    }
done:
    if (!ok) {
        for (size_t k = 0; k < n; k++) {
            if (st[k].out) {
                for (size_t q = 0; q <= ly_nlen(st[k].out); q++)
                    if (!ly_normal(st[k].out)->e[q]) ly_normal(st[k].out)->e[q] = LY_SYM(Null);
                ly_unref(vm, st[k].out);
            }
            ly_unref(vm, st[k].own);
        }
        result = NULL;
    }
    if (st != small) lyv_free(vm, st, cap * sizeof *st);
    if (w->path != pathsmall) lyv_free(vm, w->path, pathcap * sizeof *w->path);
    w->path = NULL;
    return result;
}

/* ---- result lists ----------------------------------------------------------------------------- */

typedef struct Acc { LyVM *vm; LyExpr *v; size_t n, cap; bool oom; } Acc;

static void acc_push(Acc *a, LyExpr x) {   /* steals x */
    if (!x) { a->oom = true; return; }
    if (a->n == a->cap) {
        size_t nc = a->cap ? a->cap * 2 : 16;
        LyExpr *nv = lyv_realloc(a->vm, a->v, a->cap * sizeof *nv, nc * sizeof *nv);
        if (!nv) { ly_unref(a->vm, x); a->oom = true; return; }
        a->v = nv;
        a->cap = nc;
    }
    a->v[a->n++] = x;
}

static LyExpr acc_list(Acc *a) {
    LyExpr l = a->oom ? NULL : ly_mknormal(a->vm, LY_SYM(List), a->n);
    for (size_t i = 0; i < a->n; i++) {
        if (l) ly_nset(l, i + 1, a->v[i]);
        else ly_unref(a->vm, a->v[i]);
    }
    if (a->v) lyv_free(a->vm, a->v, a->cap * sizeof *a->v);
    a->v = NULL;
    a->n = a->cap = 0;
    return l;
}

/* ---- pattern-driven builtins ----------------------------------------------------------------- */

typedef struct PCtx {
    LyExpr pat;            /* pattern (when no rule) */
    Rul rule;              /* Cases[e, p -> rhs] */
    const LyvRules *rules; /* Replace */
    bool has_rule;
    Acc acc;
    int64_t count, limit;
    bool found;
} PCtx;

static bool pmatch(LyVM *vm, PCtx *c, LyExpr x) {
    LyvBinds b;
    lyv_binds_init(&b, vm);
    bool ok = lyv_match(vm, c->pat, x, &b);
    lyv_binds_free(&b);
    return ok;
}

static LyExpr v_cases(Walk *w, LyExpr x, bool *del) {
    PCtx *c = w->ud;
    LyVM *vm = w->vm;
    if (c->has_rule) {
        LyExpr r = NULL;
        LyvRules one = { &c->rule, 1, NULL, NULL, true };
        int a = apply_rules(vm, &one, x, false, &r);
        if (a < 0) return NULL;
        if (a == 0) return NULL;
        acc_push(&c->acc, r);
    } else {
        if (!pmatch(vm, c, x)) return NULL;
        ly_ref(x);
        acc_push(&c->acc, x);
    }
    if (++c->count >= c->limit) w->stop = true;
    return NULL;
}

static LyExpr v_count(Walk *w, LyExpr x, bool *del) {
    PCtx *c = w->ud;
    if (pmatch(w->vm, c, x)) {
        c->count++;
        c->found = true;
        if (c->count >= c->limit) w->stop = true;
    }
    return NULL;
}

static LyExpr v_position(Walk *w, LyExpr x, bool *del) {
    PCtx *c = w->ud;
    if (!pmatch(w->vm, c, x)) return NULL;
    LyExpr p = ly_mknormal(w->vm, LY_SYM(List), w->npath);
    if (p) for (size_t i = 0; i < w->npath; i++) ly_nset(p, i + 1, int_expr(w->vm, w->path[i]));
    acc_push(&c->acc, p);
    if (++c->count >= c->limit) w->stop = true;
    return NULL;
}

static LyExpr v_delete(Walk *w, LyExpr x, bool *del) {
    PCtx *c = w->ud;
    if (c->count >= c->limit) return NULL;
    if (pmatch(w->vm, c, x)) { *del = true; c->count++; }
    return NULL;
}

static LyExpr v_replace(Walk *w, LyExpr x, bool *del) {
    PCtx *c = w->ud;
    LyExpr r = NULL;
    int a = apply_rules(w->vm, c->rules, x, true, &r);
    return a > 0 ? r : NULL;
}

/* Level spec at argument i (default dflt), the Heads option (default heads). */
static bool walk_setup(LyVM *vm, Walk *w, LyExpr e, size_t nonopt, size_t i, Level dflt, bool heads) {
    memset(w, 0, sizeof *w);
    w->vm = vm;
    w->lv = dflt;
    if (nonopt >= i && !parse_level(vm, call_sym(e), ly_narg(e, i), &w->lv)) return false;
    LyExpr h = option_value(e, nonopt + 1, LY_SYM(Heads));
    w->heads = h ? h == LY_SYM(True) : heads;
    return true;
}

static bool count_arg(LyVM *vm, LyExpr e, size_t i, int64_t *out) {
    LyExpr x = ly_narg(e, i);
    if (x == LY_SYM(Infinity)) { *out = INT64_MAX; return true; }
    if (ly_is_small(x) && ly_small(x) >= 0) { *out = ly_small(x); return true; }
    LyExpr pos = int_expr(vm, i);
    ly_message(vm, call_sym(e), "innf", 2, e, pos);
    ly_unref(vm, pos);
    return false;
}

/* Operator forms f[p][e] become f[e, p]; *tmp holds the rewritten call. */
static LyExpr operator_form(LyVM *vm, LyExpr e, LyExpr *tmp) {
    *tmp = NULL;
    LyExpr op = ly_nhead(e);
    if (!ly_is_normal(op)) return e;
    if (ly_nlen(e) != 1 || ly_nlen(op) != 1) return NULL;
    LyExpr a = ly_narg(e, 1), p = ly_narg(op, 1);
    ly_ref(a); ly_ref(p);
    *tmp = ly_mk(vm, ly_nhead(op), 2, a, p);
    return *tmp;
}

static LyExpr b_matchq(LyVM *vm, LyExpr e0) {
    LyExpr tmp, e = operator_form(vm, e0, &tmp);
    if (!e) return NULL;
    LyExpr r = NULL;
    if (ly_nlen(e) == 1 && e == e0) return NULL;
    if (check_args(vm, e, ly_nlen(e), 2, 2)) {
        LyvBinds b;
        lyv_binds_init(&b, vm);
        bool ok = lyv_match(vm, ly_narg(e, 2), ly_narg(e, 1), &b);
        lyv_binds_free(&b);
        r = ly_unwinding(vm) ? NULL : ok ? LY_SYM(True) : LY_SYM(False);
    }
    ly_unref(vm, tmp);
    return r;
}

static const Level LEVEL1 = { 1, 1 };
static const Level LEVEL_ALL0 = { 0, LV_INF };

static LyExpr b_cases(LyVM *vm, LyExpr e0) {
    LyExpr tmp, e = operator_form(vm, e0, &tmp);
    if (!e) return NULL;
    LyExpr r = NULL;
    size_t n = count_nonopt(e, 2);
    if (n == 1 && e == e0) return NULL;
    Walk w;
    PCtx c;
    memset(&c, 0, sizeof c);
    c.acc.vm = vm;
    c.limit = INT64_MAX;
    if (!check_args(vm, e, n, 2, 4) || !walk_setup(vm, &w, e, n, 3, LEVEL1, false)) goto out;
    if (n == 4 && !count_arg(vm, e, 4, &c.limit)) goto out;
    c.pat = ly_narg(e, 2);
    if (lyv_is_rule(c.pat)) { lyv_rule_of(c.pat, &c.rule); c.has_rule = true; }
    w.visit = v_cases;
    w.ud = &c;
    if (c.limit > 0) {
        LyExpr t = walk(&w, ly_narg(e, 1));
        if (!t) { ly_unref(vm, acc_list(&c.acc)); goto out; }   /* issue 9: was leaked */
        ly_unref(vm, t);
    }
    r = acc_list(&c.acc);
out:
    ly_unref(vm, tmp);
    return r;
}

static LyExpr b_deletecases(LyVM *vm, LyExpr e0) {
    LyExpr tmp, e = operator_form(vm, e0, &tmp);
    if (!e) return NULL;
    LyExpr r = NULL;
    size_t n = count_nonopt(e, 2);
    if (n == 1 && e == e0) return NULL;
    Walk w;
    PCtx c;
    memset(&c, 0, sizeof c);
    c.limit = INT64_MAX;
    if (!check_args(vm, e, n, 2, 4) || !walk_setup(vm, &w, e, n, 3, LEVEL1, false)) goto out;
    if (n == 4 && !count_arg(vm, e, 4, &c.limit)) goto out;
    c.pat = ly_narg(e, 2);
    w.visit = v_delete;
    w.ud = &c;
    w.rebuild = true;
    r = walk(&w, ly_narg(e, 1));
out:
    ly_unref(vm, tmp);
    return r;
}

/* Count, MemberQ and FreeQ: walks the first argument counting matches of
 * the second (stopping after limit).  Returns false when the call stays
 * unevaluated or an exit is in progress; otherwise c holds the count. */
static bool count_matches(LyVM *vm, LyExpr e0, int64_t limit, Level lev, bool heads, PCtx *c) {
    LyExpr tmp, e = operator_form(vm, e0, &tmp);
    if (!e) return false;
    bool ok = false;
    size_t n = count_nonopt(e, 2);
    if (n == 1 && e == e0) return false;
    Walk w;
    memset(c, 0, sizeof *c);
    c->limit = limit;
    if (check_args(vm, e, n, 2, 3) && walk_setup(vm, &w, e, n, 3, lev, heads)) {
        c->pat = ly_narg(e, 2);
        w.visit = v_count;
        w.ud = c;
        LyExpr t = walk(&w, ly_narg(e, 1));
        if (t) { ly_unref(vm, t); ok = true; }
    }
    ly_unref(vm, tmp);
    return ok;
}

static LyExpr b_count(LyVM *vm, LyExpr e0) {
    PCtx c;
    return count_matches(vm, e0, INT64_MAX, LEVEL1, false, &c) ? lyv_int_from_int64(vm, c.count) : NULL;
}

static LyExpr b_memberq(LyVM *vm, LyExpr e0) {
    PCtx c;
    if (!count_matches(vm, e0, 1, LEVEL1, false, &c)) return NULL;
    return c.found ? LY_SYM(True) : LY_SYM(False);
}

static LyExpr b_freeq(LyVM *vm, LyExpr e0) {
    PCtx c;
    if (!count_matches(vm, e0, 1, LEVEL_ALL0, true, &c)) return NULL;
    return c.found ? LY_SYM(False) : LY_SYM(True);
}

static LyExpr b_position(LyVM *vm, LyExpr e0) {
    LyExpr tmp, e = operator_form(vm, e0, &tmp);
    if (!e) return NULL;
    LyExpr r = NULL;
    size_t n = count_nonopt(e, 2);
    if (n == 1 && e == e0) return NULL;
    Walk w;
    PCtx c;
    memset(&c, 0, sizeof c);
    c.acc.vm = vm;
    c.limit = INT64_MAX;
    if (!check_args(vm, e, n, 2, 4) || !walk_setup(vm, &w, e, n, 3, LEVEL_ALL0, true)) goto out;
    if (n == 4 && !count_arg(vm, e, 4, &c.limit)) goto out;
    c.pat = ly_narg(e, 2);
    w.visit = v_position;
    w.ud = &c;
    if (c.limit > 0) {
        LyExpr t = walk(&w, ly_narg(e, 1));
        if (!t) { ly_unref(vm, acc_list(&c.acc)); goto out; }   /* issue 9: was leaked */
        ly_unref(vm, t);
    }
    r = acc_list(&c.acc);
out:
    ly_unref(vm, tmp);
    return r;
}

static LyExpr b_replace(LyVM *vm, LyExpr e0) {
    LyExpr tmp, e = operator_form(vm, e0, &tmp);
    if (!e) return NULL;
    LyExpr r = NULL;
    size_t n = count_nonopt(e, 2);
    if (n == 1 && e == e0) return NULL;
    Walk w;
    PCtx c;
    LyvRules rs = { NULL, 0, NULL, NULL, false };
    memset(&c, 0, sizeof c);
    if (!check_args(vm, e, n, 1, 3)) goto out;
    if (n == 2 && is_rule_lists(ly_narg(e, 2))) {
        LyExpr spec = ly_narg(e, 2);
        LyExpr l = ly_mknormal(vm, LY_SYM(List), ly_nlen(spec));
        if (!l) goto out;
        for (size_t i = 1; i <= ly_nlen(spec); i++) {
            LyExpr call = ly_mk(vm, call_sym(e), 2, (ly_ref(ly_narg(e, 1)), ly_narg(e, 1)),
                                (ly_ref(ly_narg(spec, i)), ly_narg(spec, i)));
            LyExpr v = call ? b_replace(vm, call) : NULL;
            ly_unref(vm, call);
            if (!v) { for (size_t j = i; j <= ly_nlen(spec); j++) ly_nset(l, j, LY_SYM(Null)); ly_unref(vm, l); goto out; }
            ly_nset(l, i, v);
        }
        r = l;
        goto out;
    }
    if (!lyv_rules_get(vm, ly_narg(e, 2), &rs)) {
        if (!ly_unwinding(vm)) reps_message(vm, call_sym(e), ly_narg(e, 2));
        goto out;
    }
    Level lv0 = { 0, 0 };
    if (!walk_setup(vm, &w, e, n, 3, lv0, false)) goto out;
    c.rules = &rs;
    w.visit = v_replace;
    w.ud = &c;
    w.rebuild = true;
    r = walk(&w, ly_narg(e, 1));
out:
    lyv_rules_done(vm, &rs);
    ly_unref(vm, tmp);
    return r;
}

typedef struct RLCtx { const Rul *r; Acc *acc; int64_t limit; } RLCtx;

static bool rl_accept(LyVM *vm, const LyvBinds *b, void *ud) {
    RLCtx *c = ud;
    if (c->r->cond) {
        LyExpr s = lyv_binds_apply(vm, c->r->cond, b);
        LyExpr t = s ? lyv_eval(vm, s) : NULL;
        ly_unref(vm, s);
        bool ok = t == LY_SYM(True);
        ly_unref(vm, t);
        if (!ok) return ly_unwinding(vm);
    }
    acc_push(c->acc, lyv_binds_apply(vm, c->r->rhs, b));
    return (int64_t)c->acc->n >= c->limit || c->acc->oom;
}

static LyExpr b_replacelist(LyVM *vm, LyExpr e0) {
    LyExpr tmp, e = operator_form(vm, e0, &tmp);
    if (!e) return NULL;
    LyExpr r = NULL;
    size_t n = ly_nlen(e);
    LyvRules rs = { NULL, 0, NULL, NULL, false };
    Acc acc = { vm, NULL, 0, 0, false };
    int64_t limit = INT64_MAX;
    if (n == 1 && e == e0) return NULL;
    if (!check_args(vm, e, n, 2, 3)) goto out;
    if (n == 3 && !count_arg(vm, e, 3, &limit)) goto out;
    if (!lyv_rules_get(vm, ly_narg(e, 2), &rs)) {
        if (!ly_unwinding(vm)) reps_message(vm, LY_SYM(ReplaceList), ly_narg(e, 2));
        goto out;
    }
    for (size_t i = 0; i < rs.n && (int64_t)acc.n < limit; i++) {
        LyvBinds b;
        lyv_binds_init(&b, vm);
        RLCtx c = { &rs.rs[i], &acc, limit };
        lyv_match_all(vm, rs.rs[i].lhs, ly_narg(e, 1), &b, rl_accept, &c);
        lyv_binds_free(&b);
        if (ly_unwinding(vm)) { ly_unref(vm, acc_list(&acc)); goto out; }   /* issue 9: was leaked */
    }
    r = acc_list(&acc);
out:
    lyv_rules_done(vm, &rs);
    ly_unref(vm, tmp);
    return r;
}

/* ---- registration -------------------------------------------------------------------------- */

static const LyBuiltin replace_builtins[] = {
    { "Rule", NULL, "Protected SequenceHold",
      "lhs -> rhs or lhs \xe2\x86\x92 rhs represents a rule that transforms lhs to rhs." },
    { "RuleDelayed", NULL, "HoldRest Protected SequenceHold",
      "lhs :> rhs or lhs \xe2\xa7\xb4 rhs represents a rule that transforms lhs to rhs, evaluating rhs only after the rule is used." },
    { "ReplaceAll", b_replaceall, "Protected OperatorForm",
      "expr /. rules or ReplaceAll[expr, rules] applies a rule or list of rules in an attempt to transform each subpart of an expression expr." },
    { "ReplaceRepeated", b_replacerepeated, "Protected",
      "expr //. rules repeatedly performs replacements until expr no longer changes." },
    { "Replace", b_replace, "Protected OperatorForm",
      "Replace[expr, rules] applies a rule or list of rules in an attempt to transform the entire expression expr." },
    { "ReplaceList", b_replacelist, "Protected",
      "ReplaceList[expr, rules] attempts to transform the entire expression expr by applying a rule or list of rules in all possible ways, and returns a list of the results obtained." },
    { "MatchQ", b_matchq, "Protected OperatorForm",
      "MatchQ[expr, form] returns True if the pattern form matches expr, and returns False otherwise." },
    { "Cases", b_cases, "Protected OperatorForm",
      "Cases[{e1, e2, ...}, pattern] gives a list of the ei that match the pattern." },
    { "DeleteCases", b_deletecases, "Protected OperatorForm",
      "DeleteCases[expr, pattern] removes all elements of expr that match pattern." },
    { "Count", b_count, "Protected OperatorForm",
      "Count[list, pattern] gives the number of elements in list that match pattern." },
    { "Position", b_position, "Protected OperatorForm",
      "Position[expr, pattern] gives a list of the positions at which objects matching pattern appear in expr." },
    { "FreeQ", b_freeq, "Protected OperatorForm",
      "FreeQ[expr, form] yields True if no subexpression in expr matches form, and yields False otherwise." },
    { "MemberQ", b_memberq, "Protected OperatorForm",
      "MemberQ[list, form] returns True if an element of list matches form, and False otherwise." },
    /* the pattern objects the matcher (match.c) interprets */
    { "Blank", NULL, "Protected",
      "_ or Blank[] is a pattern object that can stand for any Wolfram Language expression." },
    { "BlankSequence", NULL, "Protected",
      "__ (two _ characters) or BlankSequence[] is a pattern object that can stand for any sequence of one or more Wolfram Language expressions." },
    { "BlankNullSequence", NULL, "Protected",
      "___ (three _ characters) or BlankNullSequence[] is a pattern object that can stand for any sequence of zero or more Wolfram Language expressions." },
    { "Pattern", NULL, "HoldFirst Protected", "s:obj represents the pattern object obj, assigned the name s." },
    { "Optional", NULL, "Protected",
      "patt:def or Optional[patt, def] is a pattern object that represents an expression of the form patt, which, if omitted, should be replaced by the default value def." },
    { "Alternatives", NULL, "Protected", "p1 | p2 | ... is a pattern object that represents any of the patterns pi." },
    { "Condition", NULL, "HoldAll Protected",
      "patt /; test is a pattern which matches only if the evaluation of test yields True." },
    { "PatternTest", NULL, "Protected",
      "p?test is a pattern object that stands for any expression that matches p, and on which the application of test gives True." },
    { "Repeated", NULL, "Protected",
      "p.. or Repeated[p] is a pattern object that represents a sequence of one or more expressions, each matching p." },
    { "RepeatedNull", NULL, "Protected",
      "p... or RepeatedNull[p] is a pattern object that represents a sequence of zero or more expressions, each matching p." },
    { "Except", NULL, "Protected",
      "Except[c] is a pattern object which represents any expression except one that matches c." },
    { "Verbatim", NULL, "Protected",
      "Verbatim[expr] represents expr in pattern matching, requiring that expr be matched exactly as it appears, with no substitutions for blanks or other transformations." },
    { "Longest", NULL, "Protected",
      "Longest[p] is a pattern object that matches the longest sequence consistent with the pattern p." },
    { "Shortest", NULL, "Protected",
      "Shortest[p] is a pattern object that matches the shortest sequence consistent with the pattern p." },
    { "OptionsPattern", NULL, "Protected", "OptionsPattern[] is a pattern that stands for a sequence of options." },
    { "PatternSequence", NULL, "Protected",
      "PatternSequence[p1, p2, ...] is a pattern object that represents a sequence of arguments matching p1, p2, ...." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lyv_open_replace(LyVM *vm) {
    ly_set_message(vm, "General", "reps",
                   "`1` is neither a list of replacement rules nor a valid dispatch table, and so cannot be used for replacing.");
    ly_set_message(vm, "General", "level", "Level specification `1` is not of the form n, {n}, or {m, n}.");
    ly_set_message(vm, "General", "innf", "Non-negative integer or Infinity expected at position `2` in `1`.");
    ly_set_message(vm, "ReplaceRepeated", "rrlim", "Exiting after `1` scanned `2` times.");
    if (ly_unwinding(vm)) { lyv_clear_unwind(vm); return LY_ERRMEM; }
    return ly_register_table(vm, replace_builtins);
}
