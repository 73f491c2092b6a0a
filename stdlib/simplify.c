/*
 * simplify.c — LeafCount, Simplify, FullSimplify.  Simplify tries a few
 * rational transformations (Together, Cancel, Factor, Expand), the identity
 * Sin[u]^2 + Cos[u]^2 = 1, TrigReduce and Tan/Cot/Sec/Csc through Sin and
 * Cos, and under assumptions that make symbols positive PowerExpand, at
 * the top level and in the arguments, and keeps the candidate with the
 * smallest LeafCount (the first one on a tie, so an expression already
 * simplest stays as it is).  FullSimplify also rewrites Gamma and
 * Factorial of shifted arguments.  Written against lyra.h + lyra_ext.h.
 */
#include <string.h>
#include "lys_poly.h"
#include "lys_alg.h"

static LyExpr ref(LyExpr e) { ly_ref(e); return e; }

/* The List heads and numbers of a packed array, as in its FullForm. */
static size_t packed_leaves(LyExpr e) {
    LyPacked *p = ly_packed(e);
    size_t heads = 0, rows = 1;
    for (uint32_t k = 0; k < p->h.aux; k++) { heads += rows; rows *= p->dims[k]; }
    return heads + p->len;
}

/* LeafCount: FullForm's leaves (Rational and Complex as their parts, a
 * packed array as its lists, an association as its head and values) */
static size_t leaf_count(LyExpr e) {
    switch (ly_type(e)) {
    case LY_TRAT: return 1 + leaf_count(((LyRational *)e)->num) + leaf_count(((LyRational *)e)->den);
    case LY_TCOMPLEX: return 1 + leaf_count(((LyComplex *)e)->re) + leaf_count(((LyComplex *)e)->im);
    case LY_TPACKED: return packed_leaves(e);
    case LY_TASSOC: {
        size_t n = 1;
        for (size_t i = 0; i < ly_assoc(e)->len; i++) n += leaf_count(ly_narg(ly_assoc(e)->rules[i], 2));
        return n;
    }
    default: break;
    }
    if (!ly_is_normal(e)) return 1;
    size_t n = leaf_count(ly_nhead(e));
    for (size_t i = 1; i <= ly_nlen(e); i++) n += leaf_count(ly_narg(e, i));
    return n;
}

/* Floor[Log10[|k|]] of a nonzero integer (about, for big ones) */
static size_t log10_floor(LyExpr k) {
    int64_t v;
    if (ly_get_int64(k, &v)) {
        uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        size_t d = 0;
        while (u >= 10) { u /= 10; d++; }
        return d;
    }
    if (ly_type(k) != LY_TBIG) return 0;
    const LyBig *b = (const LyBig *)k;
    size_t n = (size_t)(b->size < 0 ? -(int64_t)b->size : b->size), bits = 64 * (n - 1);
    for (uint64_t top = b->limbs[n - 1]; top; top >>= 1) bits++;
    return (size_t)((double)(bits - 1) * 0.30102999566398120);
}

/* Simplify's default ComplexityFunction (Wolfram's SimplifyCount): the
 * leaf count, integers counted by their digits and negative ones once
 * more, other numbers 2. */
static size_t simplify_count(LyExpr e) {
    switch (ly_type(e)) {
    case LY_TRAT: return 1 + simplify_count(((LyRational *)e)->num) + simplify_count(((LyRational *)e)->den);
    case LY_TCOMPLEX: return 1 + simplify_count(((LyComplex *)e)->re) + simplify_count(((LyComplex *)e)->im);
    case LY_TPACKED: case LY_TASSOC: return leaf_count(e);
    default: break;
    }
    if (ly_is_integer(e)) return ly_num_is_zero(e) ? 1 : log10_floor(e) + (ly_num_sign(e) > 0 ? 1 : 2);
    if (ly_is_number(e)) return 2;
    if (!ly_is_normal(e)) return 1;
    size_t n = simplify_count(ly_nhead(e));
    for (size_t i = 1; i <= ly_nlen(e); i++) n += simplify_count(ly_narg(e, i));
    return n;
}

static LyExpr b_leafcount(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    return ly_int(vm, (int64_t)leaf_count(ly_narg(e, 1)));
}

static bool is_fn(LyExpr e, const char *name) {
    return ly_is_normal(e) && ly_nlen(e) == 1 && ly_is_sym(ly_nhead(e)) && !strcmp(ly_sym(ly_nhead(e))->name, name);
}

/* c Sin[u]^2 -> sets c (borrowed or new) and u; which: 1 Sin, 2 Cos. */
static int trig_square(LyVM *vm, LyExpr t, LyExpr *c, LyExpr *u) {
    LyExpr f = t;
    *c = ly_mksmall(1);
    if (ly_head_is(t, LY_SYM(Times)) && ly_nlen(t) == 2 && ly_is_number(ly_narg(t, 1))) { *c = ly_narg(t, 1); f = ly_narg(t, 2); }
    if (!ly_head_is(f, LY_SYM(Power)) || ly_nlen(f) != 2 || !ly_is_small(ly_narg(f, 2)) || ly_small(ly_narg(f, 2)) != 2) return 0;
    LyExpr b = ly_narg(f, 1);
    *u = is_fn(b, "Sin") || is_fn(b, "Cos") ? ly_narg(b, 1) : NULL;
    if (!*u) return 0;
    return is_fn(b, "Sin") ? 1 : 2;
}

/* Sin[u]^2 + Cos[u]^2 -> 1 inside a sum (same numeric coefficient). */
static LyExpr pythagoras(LyVM *vm, LyExpr e) {
    if (!ly_head_is(e, LY_SYM(Plus))) return ref(e);
    size_t n = ly_nlen(e);
    LY_SCRATCH(bool, gone, vm, n + 1);
    if (!gone) return NULL;
    memset(gone, 0, (n + 1) * sizeof *gone);
    LyExpr extra = ly_mksmall(0);
    bool changed = false;
    for (size_t i = 1; i <= n; i++) {
        LyExpr ci, ui;
        int wi = trig_square(vm, ly_narg(e, i), &ci, &ui);
        if (!wi || gone[i]) continue;
        for (size_t j = i + 1; j <= n; j++) {
            LyExpr cj, uj;
            int wj = trig_square(vm, ly_narg(e, j), &cj, &uj);
            if (!wj || wj == wi || gone[j] || !ly_equal(ui, uj) || !ly_equal(ci, cj)) continue;
            gone[i] = gone[j] = true;
            LyExpr s = ly_num_add(vm, extra, ci);
            ly_unref(vm, extra);
            extra = s;
            changed = true;
            break;
        }
    }
    if (!changed) { ly_unref(vm, extra); return ref(e); }
    LyExpr r = extra ? ly_mknormal(vm, LY_SYM(Plus), n + 1) : NULL;
    if (!r) { ly_unref(vm, extra); return NULL; }
    for (size_t i = 1; i <= n; i++) ly_nset(r, i, gone[i] ? ly_mksmall(0) : ref(ly_narg(e, i)));
    ly_nset(r, n + 1, extra);
    return lys_eval_steal(vm, r);
}

/* k - k Sin[u]^2 -> k Cos[u]^2 and k - k Cos[u]^2 -> k Sin[u]^2 inside a sum */
static LyExpr pythagoras_const(LyVM *vm, LyExpr e) {
    if (!ly_head_is(e, LY_SYM(Plus))) return ref(e);
    size_t n = ly_nlen(e);
    LyExpr k = ly_narg(e, 1);
    if (!ly_is_number(k) || !ly_is_exact(k)) return ref(e);
    for (size_t i = 2; i <= n; i++) {
        LyExpr c, u;
        int w = trig_square(vm, ly_narg(e, i), &c, &u);
        if (!w) continue;
        LyExpr s = ly_num_add(vm, c, k);
        bool opp = s && ly_num_is_zero(s);
        ly_unref(vm, s);
        if (!opp) continue;
        LyExpr r = ly_mknormal(vm, LY_SYM(Plus), n);
        if (!r) return NULL;
        for (size_t j = 1; j <= n; j++) {
            if (j == 1) ly_nset(r, j, ly_mksmall(0));
            else if (j == i)
                ly_nset(r, j, ly_mk(vm, LY_SYM(Times), 2, ref(k),
                                    ly_mk(vm, LY_SYM(Power), 2, ly_mk(vm, ly_symbol(vm, w == 1 ? "Cos" : "Sin"), 1, ref(u)),
                                          ly_mksmall(2))));
            else ly_nset(r, j, ref(ly_narg(e, j)));
        }
        return lys_eval_steal(vm, r);
    }
    return ref(e);
}

static void consider(LyVM *vm, LyExpr *best, size_t *bestn, LyExpr cand) {
    if (!cand) return;
    size_t n = simplify_count(cand);
    if (n < *bestn) { ly_unref(vm, *best); *best = cand; *bestn = n; }
    else ly_unref(vm, cand);
}

/* e has a trigonometric function (of the six, or their hyperbolic forms) */
static bool has_trig(LyExpr e) {
    if (!ly_is_normal(e)) return false;
    if (ly_nlen(e) == 1 && ly_is_sym(ly_nhead(e))) {
        static const char *const names[] = { "Sin", "Cos", "Tan", "Cot", "Sec", "Csc", NULL };
        for (size_t i = 0; names[i]; i++) if (!strcmp(ly_sym(ly_nhead(e))->name, names[i])) return true;
    }
    for (size_t i = 1; i <= ly_nlen(e); i++) if (has_trig(ly_narg(e, i))) return true;
    return false;
}

/* e with f[args] replaced by the evaluated Wolfram text rule (f[u_] :> ...) */
static LyExpr rewrite(LyVM *vm, LyExpr e, const char *rules) {
    LyExpr r = NULL;
    if (ly_parse_library(vm, rules, strlen(rules), "simplify", &r) != LY_OK || !r) return NULL;
    LyExpr rr = lys_eval_steal(vm, r);
    if (!rr) return NULL;
    return lys_eval_steal(vm, ly_mk(vm, LY_SYM(ReplaceAll), 2, ref(e), rr));
}

/* Sin[u]^2 + Cos[u]^2 -> 1 in the expanded numerator and denominator of
 * e, which is written with the inert placeholders of Sin and Cos (so that
 * Sin/Cos does not fold back into Tan before the identity applies) */
static LyExpr pythagoras_quotient(LyVM *vm, LyExpr e) {
    LyExpr num, den;
    lys_numden(vm, e, &num, &den);
    if (!num || !den) { ly_unref(vm, num); ly_unref(vm, den); return NULL; }
    static const char back[] = "{Lyra`Private`sin -> Sin, Lyra`Private`cos -> Cos}";
    LyExpr n2 = rewrite(vm, num, back), d2 = rewrite(vm, den, back);
    ly_unref(vm, num); ly_unref(vm, den);
    num = n2; den = d2;
    if (!num || !den) { ly_unref(vm, num); ly_unref(vm, den); return NULL; }
    LyExpr en = lys_expand(vm, num), ed = lys_expand(vm, den);
    LyExpr pn0 = en ? pythagoras(vm, en) : NULL, pd0 = ed ? pythagoras(vm, ed) : NULL;
    LyExpr pn = pn0 ? pythagoras_const(vm, pn0) : NULL, pd = pd0 ? pythagoras_const(vm, pd0) : NULL;
    ly_unref(vm, pn0); ly_unref(vm, pd0);
    ly_unref(vm, num); ly_unref(vm, den); ly_unref(vm, en); ly_unref(vm, ed);
    if (!pn || !pd) { ly_unref(vm, pn); ly_unref(vm, pd); return NULL; }
    return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, pn, ly_mk(vm, LY_SYM(Power), 2, pd, ly_mksmall(-1))));
}

static void consider(LyVM *vm, LyExpr *best, size_t *bestn, LyExpr cand);

/* trigonometric candidates: TrigReduce (2 Sin[x] Cos[x] -> Sin[2 x],
 * Cos[x]^2 - Sin[x]^2 -> Cos[2 x]) and Tan, Cot, Sec, Csc written with
 * Sin and Cos, put over a common denominator with Sin^2 + Cos^2 = 1
 * (1/(1 + Tan[x]^2) -> Cos[x]^2) */
static void trig_candidates(LyVM *vm, LyExpr cur, LyExpr *best, size_t *bestn) {
    if (!has_trig(cur)) return;
    consider(vm, best, bestn, lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "TrigReduce"), 1, ref(cur))));
    LyExpr sc = rewrite(vm, cur, "{Tan[u_] :> Lyra`Private`sin[u]/Lyra`Private`cos[u], "
                                 "Cot[u_] :> Lyra`Private`cos[u]/Lyra`Private`sin[u], "
                                 "Sec[u_] :> 1/Lyra`Private`cos[u], Csc[u_] :> 1/Lyra`Private`sin[u], "
                                 "Sin -> Lyra`Private`sin, Cos -> Lyra`Private`cos}");
    if (!sc) return;
    LyExpr tg = lys_together(vm, sc);
    ly_unref(vm, sc);
    if (!tg) return;
    LyExpr pq = pythagoras_quotient(vm, tg);
    ly_unref(vm, tg);
    consider(vm, best, bestn, pq);
}

/* the symbols the assumptions make positive (x > 0, x >= 0, a list or And
 * of such, Element[x, PositiveReals]), as a List */
static void positive_symbols(LyVM *vm, LyExpr a, LyExpr *acc, size_t *n) {
    if (ly_head_is(a, LY_SYM(List)) || ly_head_is(a, LY_SYM(And))) {
        for (size_t i = 1; i <= ly_nlen(a); i++) positive_symbols(vm, ly_narg(a, i), acc, n);
        return;
    }
    if (*n >= 32 || !ly_is_normal(a) || ly_nlen(a) < 2) return;
    LyExpr h = ly_nhead(a), x = ly_narg(a, 1), y = ly_narg(a, 2);
    if ((h == LY_SYM(Greater) || h == LY_SYM(GreaterEqual)) && ly_is_sym(x) && ly_is_number(y) && ly_num_sign(y) >= 0)
        acc[(*n)++] = x;
    else if ((h == LY_SYM(Less) || h == LY_SYM(LessEqual)) && ly_is_sym(y) && ly_is_number(x) && ly_num_sign(x) >= 0)
        acc[(*n)++] = y;
    else if (ly_is_symbol(h, "Element") && ly_is_sym(x) &&
             (ly_is_symbol(y, "PositiveReals") || ly_is_symbol(y, "NonNegativeReals")))
        acc[(*n)++] = x;
}

/* candidates under assumptions that make symbols positive: PowerExpand,
 * Abs and Sign of them (Simplify[Sqrt[x^2], x > 0] -> x) */
static void assumption_candidates(LyVM *vm, LyExpr cur, LyExpr assum, LyExpr *best, size_t *bestn) {
    LyExpr pos[32];
    size_t n = 0;
    positive_symbols(vm, assum, pos, &n);
    if (!n) return;
    /* every symbol of cur under a power or a Log must be positive */
    LyExpr vars = lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "Variables"), 1, ref(cur)));
    bool all = vars && ly_head_is(vars, LY_SYM(List));
    for (size_t i = 1; all && i <= ly_nlen(vars); i++) {
        LyExpr v = ly_narg(vars, i);
        bool found = false;
        for (size_t k = 0; k < n && !found; k++) found = ly_equal(v, pos[k]);
        if (!found) all = false;
    }
    ly_unref(vm, vars);
    LyExpr pl = ly_mknormal(vm, LY_SYM(List), n);
    if (!pl) return;
    for (size_t k = 0; k < n; k++) ly_nset(pl, k + 1, ref(pos[k]));
    /* Abs[s] -> s, Sign[s] -> 1 for the positive symbols */
    LyExpr f = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Function), 2, ly_symbol(vm, "Lyra`Private`s"),
        ly_mk(vm, LY_SYM(List), 2,
              ly_mk(vm, LY_SYM(Rule), 2, ly_mk(vm, ly_symbol(vm, "Abs"), 1, ly_symbol(vm, "Lyra`Private`s")), ly_symbol(vm, "Lyra`Private`s")),
              ly_mk(vm, LY_SYM(Rule), 2, ly_mk(vm, ly_symbol(vm, "Sign"), 1, ly_symbol(vm, "Lyra`Private`s")), ly_mksmall(1)))));
    LyExpr rules = f ? lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "Flatten"), 1,
                                                ly_mk(vm, LY_SYM(Map), 2, f, pl))) : (ly_unref(vm, pl), NULL);
    LyExpr c = rules ? lys_eval_steal(vm, ly_mk(vm, LY_SYM(ReplaceAll), 2, ref(cur), rules)) : NULL;
    if (c && all) {
        LyExpr pe = lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "PowerExpand"), 1, ref(c)));
        consider(vm, best, bestn, pe);
    }
    consider(vm, best, bestn, c);
}

/* FullSimplify's further candidate: Gamma[u + k] -> (u)_k Gamma[u] and
 * (n + k)! -> (n + 1)...(n + k) n!, cancelled (Gamma[x + 1]/Gamma[x] -> x) */
static void full_candidates(LyVM *vm, LyExpr cur, LyExpr *best, size_t *bestn) {
    LyExpr g = rewrite(vm, cur, "{Gamma[u_ + k_Integer] /; 0 < k < 64 :> Product[u + Lyra`Private`i, {Lyra`Private`i, 0, k - 1}] Gamma[u], "
                                "Factorial[u_ + k_Integer] /; 0 < k < 64 :> Product[u + Lyra`Private`i, {Lyra`Private`i, 1, k}] Factorial[u]}");
    if (!g || ly_equal(g, cur)) { ly_unref(vm, g); return; }
    LyExpr tg = lys_together(vm, g);
    ly_unref(vm, g);
    LyExpr cn = tg ? lys_cancel(vm, tg) : NULL;
    ly_unref(vm, tg);
    consider(vm, best, bestn, cn ? lys_factor_expr(vm, cn) : NULL);
    consider(vm, best, bestn, cn);
}

static LyExpr simplify(LyVM *vm, LyExpr e, LyExpr assum, bool full);

LyExpr lys_simplify(LyVM *vm, LyExpr e);
LyExpr lys_simplify(LyVM *vm, LyExpr e) { return simplify(vm, e, NULL, false); }

static LyExpr simplify(LyVM *vm, LyExpr e, LyExpr assum, bool full) {
    if (!ly_safe_point(vm)) return NULL;
    if (!ly_is_normal(e)) return ref(e);
    /* arguments first (not inside held or list structure heads) */
    LyExpr cur = ref(e);
    LyExpr h = ly_nhead(e);
    if (ly_is_sym(h) && !(ly_attributes(vm, h) & (LY_ATTR_HOLDALL | LY_ATTR_HOLDFIRST | LY_ATTR_HOLDREST))) {
        size_t n = ly_nlen(e);
        LyExpr r = ly_mknormal(vm, ref(h), n);
        if (!r) { ly_unref(vm, cur); return NULL; }
        for (size_t i = 1; i <= n; i++) {
            LyExpr a = simplify(vm, ly_narg(e, i), assum, full);
            if (!a) { lys_abandon(vm, r, i); ly_unref(vm, cur); return NULL; }
            ly_nset(r, i, a);
        }
        LyExpr v = lys_eval_steal(vm, r);
        if (!v) { ly_unref(vm, cur); return NULL; }
        ly_unref(vm, cur);
        cur = v;
    }
    if (ly_head_is(cur, LY_SYM(List)) || !ly_is_normal(cur)) return cur;
    LyExpr best = ref(cur);
    size_t bestn = simplify_count(best);
    LyExpr ex = lys_expand(vm, cur);
    LyExpr py = ex ? pythagoras(vm, ex) : NULL;
    if (py && !ly_equal(py, ex)) {
        LyExpr f = lys_factor_expr(vm, py);
        consider(vm, &best, &bestn, f);
    }
    consider(vm, &best, &bestn, py);
    consider(vm, &best, &bestn, ex);
    LyExpr tg = lys_together(vm, cur);
    if (tg) {
        consider(vm, &best, &bestn, lys_factor_expr(vm, tg));
        consider(vm, &best, &bestn, lys_cancel(vm, tg));
        consider(vm, &best, &bestn, tg);
    }
    trig_candidates(vm, cur, &best, &bestn);
    if (assum) assumption_candidates(vm, cur, assum, &best, &bestn);
    if (full) full_candidates(vm, cur, &best, &bestn);
    ly_unref(vm, cur);
    if (ly_unwinding(vm)) { ly_unref(vm, best); return NULL; }
    return best;
}

/* Simplify[e], Simplify[e, assumptions] (also $Assumptions); FullSimplify
 * adds rewrites of special functions */
static LyExpr simplify_call(LyVM *vm, LyExpr e, bool full) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr assum = ly_nlen(e) == 2 ? ly_narg(e, 2) : NULL;
    LyExpr global = ly_own_value(vm, ly_symbol(vm, "$Assumptions"));
    if (!assum && global && global != LY_SYM(True)) assum = global;
    return simplify(vm, ly_narg(e, 1), assum, full);
}

static LyExpr b_simplify(LyVM *vm, LyExpr e) { return simplify_call(vm, e, false); }
static LyExpr b_fullsimplify(LyVM *vm, LyExpr e) { return simplify_call(vm, e, true); }

static const LyBuiltin simplify_builtins[] = {
    { "LeafCount", b_leafcount, "Protected", "LeafCount[expr] gives the total number of indivisible subexpressions in expr." },
    { "Simplify", b_simplify, "Protected",
      "Simplify[expr] performs a sequence of algebraic and other transformations on expr and returns the simplest form it finds.\n"
      "Simplify[expr, assum] does simplification using assumptions (symbols assumed positive: PowerExpand, Abs, Sign)." },
    { "FullSimplify", b_fullsimplify, "Protected",
      "FullSimplify[expr] tries a wide range of transformations on expr involving elementary and special functions and returns the simplest form it finds.\n"
      "FullSimplify[expr, assum] does simplification using assumptions." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_simplify(LyVM *vm);
LyStatus lys_open_simplify(LyVM *vm) { return ly_register_table(vm, simplify_builtins); }
