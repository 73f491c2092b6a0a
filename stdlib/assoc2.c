/*
 * assoc2.c — more association functions: AssociateTo, KeyDropFrom, KeyDrop,
 * KeyTake, KeySelect, KeyMap, KeyValueMap, AssociationMap, Merge, GroupBy.
 * Written against lyra.h + lyra_ext.h.
 *
 * Grouping (Merge, GroupBy) keeps groups in first-appearance order with a
 * small open-addressing index over ly_hash / ly_equal.  Operator forms
 * (KeySelect[crit][assoc] ...) come through the OperatorForm pseudo-
 * attribute: the builtin is called with f[op...][x] and rebuilds the full
 * call.
 */
#include <string.h>
#include "lys_data.h"

/* ---- helpers ----------------------------------------------------------------------------------- */

static bool is_rule(LyExpr r) {
    return (ly_head_is(r, LY_SYM(Rule)) || ly_head_is(r, LY_SYM(RuleDelayed))) && ly_nlen(r) == 2;
}

/* The rules of an association or a list of rules (borrowed array), or NULL. */
static LyExpr *rules_of(LyExpr x, size_t *n) {
    if (ly_type(x) == LY_TASSOC) { *n = ly_assoc(x)->len; return ly_assoc(x)->rules; }
    if (ly_head_is(x, LY_SYM(List))) {
        for (size_t i = 1; i <= ly_nlen(x); i++) if (!is_rule(ly_narg(x, i))) return NULL;
        *n = ly_nlen(x);
        return ly_nargs(x);
    }
    return NULL;
}

/* Like rules_of, but a single rule counts as a one-element list (ptr must
 * outlive the result). */
static LyExpr *rules_or_rule(LyExpr *x, size_t *n) {
    if (is_rule(*x)) { *n = 1; return x; }
    return rules_of(*x, n);
}

static LyExpr strip_key(LyExpr k) {
    return ly_head_is(k, LY_SYM(Key)) && ly_nlen(k) == 1 ? ly_narg(k, 1) : k;
}

typedef struct Vec { LyExpr *v; size_t n, cap; } Vec;

static bool vec_push(LyVM *vm, Vec *a, LyExpr x) {     /* steals x; false on NULL x too */
    if (!x) return false;
    if (a->n == a->cap) {
        size_t nc = a->cap ? 2 * a->cap : 8;
        LyExpr *nv = ly_realloc(vm, a->v, a->cap * sizeof(LyExpr), nc * sizeof(LyExpr));
        if (!nv) { ly_unref(vm, x); ly_raise_nomem(vm); return false; }
        a->v = nv; a->cap = nc;
    }
    a->v[a->n++] = x;
    return true;
}

static void vec_free(LyVM *vm, Vec *a) {
    for (size_t i = 0; i < a->n; i++) ly_unref(vm, a->v[i]);
    if (a->v) ly_dealloc(vm, a->v, a->cap * sizeof(LyExpr));
    a->v = NULL; a->n = a->cap = 0;
}

static LyExpr vec_list(LyVM *vm, Vec *a) {
    LyExpr r = ly_list(vm, a->n, a->v);
    vec_free(vm, a);
    return r;
}

static LyExpr vec_assoc(LyVM *vm, Vec *a) {
    LyExpr r = ly_mkassoc(vm, a->n, a->v);
    vec_free(vm, a);
    return r;
}

/* head[k, v] with borrowed k and v (new reference). */
static LyExpr mkrule(LyVM *vm, LyExpr head, LyExpr k, LyExpr v) {
    ly_ref(k); ly_ref(v);
    return ly_mk(vm, head, 2, k, v);
}

static LyExpr call1(LyVM *vm, LyExpr f, LyExpr x) { return lys_apply_eval(vm, f, 1, &x); }

/* A set of keys (an association key -> True) from one key or a list of
 * keys (new reference). */
static LyExpr key_set(LyVM *vm, LyExpr keys) {
    size_t n = ly_head_is(keys, LY_SYM(List)) ? ly_nlen(keys) : 1;
    Vec v = { 0 };
    for (size_t i = 1; i <= n; i++) {
        LyExpr k = strip_key(ly_head_is(keys, LY_SYM(List)) ? ly_narg(keys, i) : keys);
        if (!vec_push(vm, &v, mkrule(vm, LY_SYM(Rule), k, LY_SYM(True)))) { vec_free(vm, &v); return NULL; }
    }
    return vec_assoc(vm, &v);
}

/* Rebuilds the full call from an operator form head[op...][x]: the
 * operator's arguments go last (tail) or first. */
static LyExpr opform(LyVM *vm, LyExpr e, LyCFunction fn, bool tail) {
    LyExpr op = ly_nhead(e);
    if (!ly_is_normal(op) || ly_nlen(e) != 1) return NULL;
    size_t k = ly_nlen(op), m = ly_nlen(e);
    LyExpr full = ly_mknormal(vm, (ly_ref(ly_nhead(op)), ly_nhead(op)), k + m);
    if (!full) return NULL;
    size_t eo = tail ? 0 : k, oo = tail ? m : 0;
    for (size_t i = 1; i <= m; i++) { ly_ref(ly_narg(e, i)); ly_nset(full, eo + i, ly_narg(e, i)); }
    for (size_t i = 1; i <= k; i++) { ly_ref(ly_narg(op, i)); ly_nset(full, oo + i, ly_narg(op, i)); }
    LyExpr r = fn(vm, full);
    ly_unref(vm, full);
    return r;
}

static void invalid(LyVM *vm, LyExpr e, LyExpr x) {
    ly_message(vm, ly_nhead(e), "invrl", 1, x);
}

/* ---- AssociateTo, KeyDropFrom ------------------------------------------------------------------ */

static LyExpr in_place(LyVM *vm, LyExpr e, bool drop) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr var = ly_narg(e, 1);
    if (ly_is_sym(var) && (ly_attributes(vm, var) & LY_ATTR_PROTECTED)) {
        ly_message(vm, ly_nhead(e), "wrsym", 1, var);
        return NULL;
    }
    LyExpr old = ly_is_sym(var) ? ly_own_value(vm, var) : NULL;
    if (!old) {
        ly_message(vm, ly_nhead(e), "rvalue", 1, var);
        return NULL;
    }
    if (ly_type(old) != LY_TASSOC) {
        ly_message(vm, ly_nhead(e), "invak", 1, var);
        return NULL;
    }
    ly_ref(old);    /* the own value is replaced below */
    LyAssoc *a = ly_assoc(old);
    LyExpr arg = ly_narg(e, 2), nv = NULL;
    if (drop) {
        LyExpr set = key_set(vm, arg);
        if (!set) { ly_unref(vm, old); return NULL; }
        Vec v = { 0 };
        bool ok = true;
        for (size_t i = 0; ok && i < a->len; i++) {
            if (ly_assoc_lookup(set, ly_narg(a->rules[i], 1))) continue;
            ly_ref(a->rules[i]);
            ok = vec_push(vm, &v, a->rules[i]);
        }
        ly_unref(vm, set);
        if (!ok) { vec_free(vm, &v); ly_unref(vm, old); return NULL; }
        nv = vec_assoc(vm, &v);
    } else {
        size_t n;
        LyExpr *rules = rules_or_rule(&arg, &n);
        if (!rules) {
            invalid(vm, e, arg);
            ly_unref(vm, old);
            return NULL;
        }
        /* into the variable's association, in place when nothing else
         * holds it (ly_own_assoc_put, as a[k] = v) */
        ly_unref(vm, old);
        for (size_t i = 0; i < n; i++)
            if (!ly_own_assoc_put(vm, var, rules[i])) return NULL;
        nv = ly_own_value(vm, var);
        ly_ref(nv);
        return nv;
    }
    ly_unref(vm, old);
    if (!nv) return NULL;
    ly_ref(nv);
    ly_set_own_value(vm, var, nv);
    return nv;
}

static LyExpr b_associateto(LyVM *vm, LyExpr e) { return in_place(vm, e, false); }
static LyExpr b_keydropfrom(LyVM *vm, LyExpr e) { return in_place(vm, e, true); }

/* ---- KeyDrop, KeyTake ------------------------------------------------------------------------- */

/* x (an association or a list of rules) with the keys dropped / taken. */
static LyExpr drop_take1(LyVM *vm, LyExpr x, LyExpr keys, bool take) {
    size_t n;
    LyExpr *rules = rules_of(x, &n);
    if (!rules) return NULL;
    bool is_assoc = ly_type(x) == LY_TASSOC;
    Vec v = { 0 };
    bool ok = true;
    if (take) {
        LyExpr src = x;
        if (!is_assoc && !(src = ly_mkassoc(vm, n, rules))) return NULL;
        size_t m = ly_head_is(keys, LY_SYM(List)) ? ly_nlen(keys) : 1;
        for (size_t i = 1; ok && i <= m; i++) {
            LyExpr k = strip_key(ly_head_is(keys, LY_SYM(List)) ? ly_narg(keys, i) : keys);
            LyExpr val = ly_assoc_lookup(src, k);
            if (!val) continue;
            /* the stored rule keeps its RuleDelayed head */
            for (size_t j = 0; j < ly_assoc(src)->len; j++) {
                LyExpr r = ly_assoc(src)->rules[j];
                if (ly_narg(r, 2) == val && ly_equal(ly_narg(r, 1), k)) {
                    ly_ref(r);
                    ok = vec_push(vm, &v, r);
                    break;
                }
            }
        }
        if (src != x) ly_unref(vm, src);
    } else {
        LyExpr set = key_set(vm, keys);
        if (!set) return NULL;
        for (size_t i = 0; ok && i < n; i++) {
            if (ly_assoc_lookup(set, ly_narg(rules[i], 1))) continue;
            ly_ref(rules[i]);
            ok = vec_push(vm, &v, rules[i]);
        }
        ly_unref(vm, set);
    }
    if (!ok) { vec_free(vm, &v); return NULL; }
    return is_assoc ? vec_assoc(vm, &v) : vec_list(vm, &v);
}

static LyExpr drop_take(LyVM *vm, LyExpr e, bool take, LyCFunction self) {
    if (!ly_is_sym(ly_nhead(e))) return opform(vm, e, self, true);
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr x = ly_narg(e, 1), keys = ly_narg(e, 2);
    size_t n;
    if (ly_head_is(x, LY_SYM(List)) && !rules_of(x, &n)) {
        /* a list of associations */
        LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(x));
        for (size_t i = 1; out && i <= ly_nlen(x); i++) {
            LyExpr r = drop_take1(vm, ly_narg(x, i), keys, take);
            if (!r) { lys_abandon(vm, out, i); return NULL; }
            ly_nset(out, i, r);
        }
        return out;
    }
    return drop_take1(vm, x, keys, take);
}

static LyExpr b_keydrop(LyVM *vm, LyExpr e) { return drop_take(vm, e, false, b_keydrop); }
static LyExpr b_keytake(LyVM *vm, LyExpr e) { return drop_take(vm, e, true, b_keytake); }

/* ---- KeySelect, KeyMap, KeyValueMap, AssociationMap -------------------------------------------- */

static LyExpr b_keyselect(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return opform(vm, e, b_keyselect, true);
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr x = ly_narg(e, 1), crit = ly_narg(e, 2);
    size_t n;
    LyExpr *rules = rules_of(x, &n);
    if (!rules) return NULL;
    Vec v = { 0 };
    for (size_t i = 0; i < n; i++) {
        LyExpr t = call1(vm, crit, ly_narg(rules[i], 1));
        if (!t) { vec_free(vm, &v); return NULL; }
        bool keep = t == LY_SYM(True);
        ly_unref(vm, t);
        if (!keep) continue;
        ly_ref(rules[i]);
        if (!vec_push(vm, &v, rules[i])) { vec_free(vm, &v); return NULL; }
    }
    return ly_type(x) == LY_TASSOC ? vec_assoc(vm, &v) : vec_list(vm, &v);
}

static LyExpr b_keymap(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return opform(vm, e, b_keymap, false);
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr f = ly_narg(e, 1), x = ly_narg(e, 2);
    size_t n;
    LyExpr *rules = rules_of(x, &n);
    if (!rules) return NULL;
    Vec v = { 0 };
    for (size_t i = 0; i < n; i++) {
        LyExpr k = call1(vm, f, ly_narg(rules[i], 1));
        if (!k) { vec_free(vm, &v); return NULL; }
        LyExpr r = mkrule(vm, ly_nhead(rules[i]), k, ly_narg(rules[i], 2));
        ly_unref(vm, k);
        if (!vec_push(vm, &v, r)) { vec_free(vm, &v); return NULL; }
    }
    return ly_type(x) == LY_TASSOC ? vec_assoc(vm, &v) : vec_list(vm, &v);
}

static LyExpr b_keyvaluemap(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return opform(vm, e, b_keyvaluemap, false);
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr f = ly_narg(e, 1), x = ly_narg(e, 2);
    size_t n;
    LyExpr *rules = rules_of(x, &n);
    if (!rules) return NULL;
    Vec v = { 0 };
    for (size_t i = 0; i < n; i++) {
        LyExpr r = lys_apply_eval(vm, f, 2, ly_nargs(rules[i]));
        if (!vec_push(vm, &v, r)) { vec_free(vm, &v); return NULL; }
    }
    return vec_list(vm, &v);
}

static LyExpr b_associationmap(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return opform(vm, e, b_associationmap, false);
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr f = ly_narg(e, 1), x = ly_narg(e, 2);
    Vec v = { 0 };
    if (ly_type(x) == LY_TASSOC) {
        /* f maps rules to rules */
        for (size_t i = 0; i < ly_assoc(x)->len; i++) {
            LyExpr r = call1(vm, f, ly_assoc(x)->rules[i]);
            if (!r) { vec_free(vm, &v); return NULL; }
            if (!is_rule(r)) {
                ly_set_message(vm, "AssociationMap", "rule", "`1` is not a valid rule.");
                ly_message(vm, ly_nhead(e), "rule", 1, r);
                ly_unref(vm, r);
                vec_free(vm, &v);
                return NULL;
            }
            if (!vec_push(vm, &v, r)) { vec_free(vm, &v); return NULL; }
        }
        return vec_assoc(vm, &v);
    }
    if (!lys_is_list(x)) return NULL;
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    for (size_t i = 1; i <= ly_nlen(u); i++) {
        LyExpr k = ly_narg(u, i);
        LyExpr val = call1(vm, f, k);
        if (!val) { vec_free(vm, &v); ly_unref(vm, u); return NULL; }
        LyExpr r = mkrule(vm, LY_SYM(Rule), k, val);
        ly_unref(vm, val);
        if (!vec_push(vm, &v, r)) { vec_free(vm, &v); ly_unref(vm, u); return NULL; }
    }
    ly_unref(vm, u);
    return vec_assoc(vm, &v);
}

/* ---- grouping: Merge, GroupBy ------------------------------------------------------------------- */

typedef struct Groups {
    Vec keys;           /* group keys, first-appearance order */
    Vec *mem;           /* members of each group */
    size_t memcap;
    int64_t *idx;       /* icap slots: -1 empty, else group number */
    size_t icap;
} Groups;

static void groups_free(LyVM *vm, Groups *g) {
    for (size_t i = 0; i < g->memcap; i++) vec_free(vm, &g->mem[i]);
    if (g->mem) ly_dealloc(vm, g->mem, g->memcap * sizeof(Vec));
    if (g->idx) ly_dealloc(vm, g->idx, g->icap * sizeof(int64_t));
    vec_free(vm, &g->keys);
    memset(g, 0, sizeof *g);
}

static void groups_place(Groups *g, size_t gi) {
    size_t m = g->icap - 1, h = (size_t)ly_hash(g->keys.v[gi]) & m;
    while (g->idx[h] >= 0) h = (h + 1) & m;
    g->idx[h] = (int64_t)gi;
}

/* Adds member (stolen) to the group of key (borrowed). False on an exit. */
static bool groups_add(LyVM *vm, Groups *g, LyExpr key, LyExpr member) {
    if (!member) return false;
    if (2 * (g->keys.n + 1) > g->icap) {
        size_t nc = g->icap ? 2 * g->icap : 16;
        int64_t *ni = ly_alloc(vm, nc * sizeof(int64_t));
        if (!ni) { ly_unref(vm, member); ly_raise_nomem(vm); return false; }
        if (g->idx) ly_dealloc(vm, g->idx, g->icap * sizeof(int64_t));
        g->idx = ni; g->icap = nc;
        for (size_t i = 0; i < nc; i++) ni[i] = -1;
        for (size_t i = 0; i < g->keys.n; i++) groups_place(g, i);
    }
    size_t m = g->icap - 1, h = (size_t)ly_hash(key) & m;
    while (g->idx[h] >= 0) {
        size_t gi = (size_t)g->idx[h];
        if (ly_equal(g->keys.v[gi], key)) return vec_push(vm, &g->mem[gi], member);
        h = (h + 1) & m;
    }
    size_t gi = g->keys.n;
    if (gi == g->memcap) {
        size_t nc = g->memcap ? 2 * g->memcap : 8;
        Vec *nm = ly_realloc(vm, g->mem, g->memcap * sizeof(Vec), nc * sizeof(Vec));
        if (!nm) { ly_unref(vm, member); ly_raise_nomem(vm); return false; }
        memset(nm + g->memcap, 0, (nc - g->memcap) * sizeof(Vec));
        g->mem = nm; g->memcap = nc;
    }
    ly_ref(key);
    if (!vec_push(vm, &g->keys, key)) { ly_unref(vm, member); return false; }
    g->idx[h] = (int64_t)gi;
    return vec_push(vm, &g->mem[gi], member);
}

/* <|key_i -> f[group_i]|> (f NULL: the group itself); groups become lists
 * or associations.  Consumes g. */
static LyExpr groups_result(LyVM *vm, Groups *g, bool assoc_groups, LyExpr f) {
    Vec out = { 0 };
    bool ok = true;
    for (size_t i = 0; ok && i < g->keys.n; i++) {
        LyExpr grp = assoc_groups ? vec_assoc(vm, &g->mem[i]) : vec_list(vm, &g->mem[i]);
        if (grp && f) {
            LyExpr r = call1(vm, f, grp);
            ly_unref(vm, grp);
            grp = r;
        }
        if (!grp) { ok = false; break; }
        LyExpr rule = mkrule(vm, LY_SYM(Rule), g->keys.v[i], grp);
        ly_unref(vm, grp);
        ok = vec_push(vm, &out, rule);
    }
    groups_free(vm, g);
    if (!ok) { vec_free(vm, &out); return NULL; }
    return vec_assoc(vm, &out);
}

static LyExpr b_merge(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return opform(vm, e, b_merge, true);
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr x = ly_narg(e, 1), f = ly_narg(e, 2);
    if (!ly_head_is(x, LY_SYM(List))) return NULL;
    for (size_t i = 1; i <= ly_nlen(x); i++) {
        size_t n;
        LyExpr item = ly_narg(x, i);
        if (!rules_or_rule(&item, &n)) {
            ly_set_message(vm, "Merge", "list", "List of Associations expected at position `2` in `1`.");
            ly_message(vm, ly_nhead(e), "list", 2, e, lys_count(1));
            return NULL;
        }
    }
    Groups g = { 0 };
    for (size_t i = 1; i <= ly_nlen(x); i++) {
        size_t n;
        LyExpr item = ly_narg(x, i);
        LyExpr *rules = rules_or_rule(&item, &n);
        for (size_t j = 0; j < n; j++) {
            LyExpr val = ly_narg(rules[j], 2);
            ly_ref(val);
            if (!groups_add(vm, &g, ly_narg(rules[j], 1), val)) { groups_free(vm, &g); return NULL; }
        }
    }
    return groups_result(vm, &g, false, f);
}

static LyExpr b_groupby(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return opform(vm, e, b_groupby, true);
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr x = ly_narg(e, 1), f = ly_narg(e, 2), h = NULL;
    LyExpr red = ly_nlen(e) == 3 ? ly_narg(e, 3) : NULL;
    if (ly_head_is(f, LY_SYM(Rule)) && ly_nlen(f) == 2) { h = ly_narg(f, 2); f = ly_narg(f, 1); }
    if (ly_head_is(f, LY_SYM(List)) && ly_nlen(f) == 1) f = ly_narg(f, 1);
    if (ly_head_is(f, LY_SYM(List)) && ly_nlen(f) > 1) {
        /* GroupBy[x, {f1, f2, ...}]: by f1, then each group by {f2, ...} */
        LyExpr outer = lys_apply_eval(vm, ly_nhead(e), 2, (LyExpr[]){ x, ly_narg(f, 1) });
        if (!outer) return NULL;
        if (ly_type(outer) != LY_TASSOC) return outer;
        LyExpr rest = ly_apply(vm, LY_SYM(List), ly_nlen(f) - 1, ly_nargs(f) + 1);
        if (rest && h) rest = ly_mk(vm, LY_SYM(Rule), 2, rest, (ly_ref(h), h));
        if (!rest) { ly_unref(vm, outer); return NULL; }
        LyAssoc *a = ly_assoc(outer);
        Vec out = { 0 };
        bool ok = true;
        for (size_t i = 0; i < a->len && ok; i++) {
            LyExpr args[3] = { ly_narg(a->rules[i], 2), rest, red };
            LyExpr sub = lys_apply_eval(vm, ly_nhead(e), red ? 3 : 2, args);
            LyExpr rule = sub ? mkrule(vm, LY_SYM(Rule), ly_narg(a->rules[i], 1), sub) : NULL;
            ly_unref(vm, sub);
            ok = rule && vec_push(vm, &out, rule);
        }
        ly_unref(vm, rest);
        ly_unref(vm, outer);
        if (!ok) { vec_free(vm, &out); return NULL; }
        return vec_assoc(vm, &out);
    }
    Groups g = { 0 };
    bool assoc_in = ly_type(x) == LY_TASSOC;
    if (assoc_in) {
        LyAssoc *a = ly_assoc(x);
        for (size_t i = 0; i < a->len; i++) {
            LyExpr r = a->rules[i], v = ly_narg(r, 2);
            LyExpr k = call1(vm, f, v);
            if (!k) { groups_free(vm, &g); return NULL; }
            LyExpr member;
            if (h) {
                LyExpr hv = call1(vm, h, v);
                member = hv ? mkrule(vm, ly_nhead(r), ly_narg(r, 1), hv) : NULL;
                ly_unref(vm, hv);
            } else { ly_ref(r); member = r; }
            bool ok = groups_add(vm, &g, k, member);
            ly_unref(vm, k);
            if (!ok) { groups_free(vm, &g); return NULL; }
        }
    } else {
        if (!lys_is_list(x)) return NULL;
        LyExpr u = lys_unpacked(vm, x);
        if (!u) return NULL;
        for (size_t i = 1; i <= ly_nlen(u); i++) {
            LyExpr v = ly_narg(u, i);
            LyExpr k = call1(vm, f, v);
            if (!k) { groups_free(vm, &g); ly_unref(vm, u); return NULL; }
            LyExpr member;
            if (h) member = call1(vm, h, v);
            else { ly_ref(v); member = v; }
            bool ok = groups_add(vm, &g, k, member);
            ly_unref(vm, k);
            if (!ok) { groups_free(vm, &g); ly_unref(vm, u); return NULL; }
        }
        ly_unref(vm, u);
    }
    return groups_result(vm, &g, assoc_in, red);
}

/* ---- table ------------------------------------------------------------------------------------ */

static const LyBuiltin assoc2_builtins[] = {
    { "AssociateTo", b_associateto, "HoldFirst Protected",
      "AssociateTo[a, key -> val] changes the association a by adding the key-value pair key -> val." },
    { "KeyDropFrom", b_keydropfrom, "HoldFirst Protected",
      "KeyDropFrom[a, key] changes the association a by dropping the element with the specified key." },
    { "KeyDrop", b_keydrop, "Protected OperatorForm",
      "KeyDrop[assoc, {key1, key2, ...}] yields an association from which elements with keys keyi have been dropped." },
    { "KeyTake", b_keytake, "Protected OperatorForm",
      "KeyTake[assoc, {key1, key2, ...}] yields an association containing only the elements with keys keyi." },
    { "KeySelect", b_keyselect, "Protected OperatorForm",
      "KeySelect[assoc, crit] selects elements in the association assoc for which crit applied to their keys gives True." },
    { "KeyMap", b_keymap, "Protected OperatorForm",
      "KeyMap[f, <|key1 -> val1, key2 -> val2, ...|>] maps f over the keys in an association, giving <|f[key1] -> val1, f[key2] -> val2, ...|>." },
    { "KeyValueMap", b_keyvaluemap, "Protected OperatorForm",
      "KeyValueMap[f, <|key1 -> val1, key2 -> val2, ...|>] gives {f[key1, val1], f[key2, val2], ...}." },
    { "AssociationMap", b_associationmap, "Protected OperatorForm",
      "AssociationMap[f, {key1, key2, ...}] creates the association <|key1 -> f[key1], key2 -> f[key2], ...|>." },
    { "Merge", b_merge, "Protected OperatorForm",
      "Merge[{assoc1, assoc2, ...}, f] merges the associations associ, using the function f to combine values with the same key." },
    { "GroupBy", b_groupby, "Protected OperatorForm",
      "GroupBy[{elem1, elem2, ...}, f] gives an association that groups the elemi into lists associated with distinct keys f[elemi]." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_assoc2(LyVM *vm);
LyStatus lys_open_assoc2(LyVM *vm) {
    ly_set_message(vm, "General", "invak", "The argument `1` is not a valid Association.");
    ly_set_message(vm, "General", "invrl", "The argument `1` is not a valid Association or a list of rules.");
    return ly_register_table(vm, assoc2_builtins);
}
