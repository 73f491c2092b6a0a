/*
 * assoc.c — associations and variables changed in place: Keys, Values,
 * Lookup, KeyExistsQ, KeySort, Normal, AssociationThread; AppendTo,
 * PrependTo, AddTo, SubtractFrom, TimesBy, DivideBy, Increment,
 * Decrement, PreIncrement, PreDecrement.  Written against lyra.h +
 * lyra_ext.h.
 *
 * Keys/Values/Lookup also accept lists of rules, as Wolfram's do.  The
 * in-place operators are HoldFirst: they read the variable's value by
 * evaluating it, compute the new value with ordinary evaluation and store
 * it as the own value (x++ is x = x + 1 returning the old x).
 */
#include <stdlib.h>
#include <string.h>
#include "lys_data.h"

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

static LyExpr keys_values(LyVM *vm, LyExpr e, int which) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (is_rule(x)) { ly_ref(ly_narg(x, which)); return ly_narg(x, which); }
    size_t n;
    LyExpr *rules = rules_of(x, &n);
    if (!rules && ly_head_is(x, LY_SYM(List)) && ly_nlen(x) > 0) {
        /* a list of lists of rules (or associations): Keys/Values of each */
        for (size_t i = 1; i <= ly_nlen(x); i++) {
            LyExpr a = ly_narg(x, i);
            if (!ly_head_is(a, LY_SYM(List)) && ly_type(a) != LY_TASSOC && !is_rule(a)) return NULL;
        }
        LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(x));
        for (size_t i = 1; out && i <= ly_nlen(x); i++) {
            LyExpr args[2] = { ly_narg(x, i), ly_nlen(e) == 2 ? ly_narg(e, 2) : NULL };
            LyExpr v = lys_apply_eval(vm, ly_nhead(e), ly_nlen(e), args);
            if (!v) { lys_abandon(vm, out, i); return NULL; }
            ly_nset(out, i, v);
        }
        return out;
    }
    if (!rules) return NULL;
    LyExpr out = ly_mknormal(vm, LY_SYM(List), n);
    for (size_t i = 0; out && i < n; i++) {
        LyExpr v = ly_narg(rules[i], which);
        ly_ref(v);
        ly_nset(out, i + 1, v);
    }
    if (out && ly_nlen(e) == 2) {
        LyExpr f = ly_narg(e, 2);
        LyExpr mapped = ly_mknormal(vm, LY_SYM(List), n);
        for (size_t i = 1; mapped && i <= n; i++) {
            LyExpr a = ly_narg(out, i);
            ly_ref(f); ly_ref(a);
            ly_nset(mapped, i, ly_mk(vm, f, 1, a));
            if (!ly_narg(mapped, i)) { lys_abandon(vm, mapped, i); mapped = NULL; }
        }
        ly_unref(vm, out);
        return mapped;
    }
    return lys_pack_steal(vm, out);
}

static LyExpr b_keys(LyVM *vm, LyExpr e) { return keys_values(vm, e, 1); }
static LyExpr b_values(LyVM *vm, LyExpr e) { return keys_values(vm, e, 2); }

static LyExpr lookup1(LyVM *vm, LyExpr x, LyExpr key, LyExpr dflt) {
    LyExpr v = NULL;
    if (ly_type(x) == LY_TASSOC) v = ly_assoc_lookup(x, key);
    else {
        size_t n;
        LyExpr *rules = rules_of(x, &n);
        for (size_t i = n; rules && i > 0 && !v; i--) if (ly_equal(ly_narg(rules[i - 1], 1), key)) v = ly_narg(rules[i - 1], 2);
    }
    if (v) { ly_ref(v); return v; }
    if (dflt) return ly_evaluate(vm, dflt);
    return ly_mk(vm, LY_SYM(Missing), 2, ly_cstring(vm, "KeyAbsent"), (ly_ref(key), key));
}

static LyExpr b_lookup(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr x = ly_narg(e, 1), k = ly_narg(e, 2), d = ly_nlen(e) == 3 ? ly_narg(e, 3) : NULL;
    size_t n;
    bool single = ly_type(x) == LY_TASSOC || rules_of(x, &n) != NULL;
    if (!single && ly_head_is(x, LY_SYM(List))) {
        /* a list of associations */
        LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(x));
        for (size_t i = 1; out && i <= ly_nlen(x); i++) {
            LyExpr args[3] = { ly_narg(x, i), k, d };
            LyExpr v = lys_apply_eval(vm, ly_nhead(e), d ? 3 : 2, args);
            if (!v) { lys_abandon(vm, out, i); return NULL; }
            ly_nset(out, i, v);
        }
        return out;
    }
    if (!single) return NULL;
    if (ly_head_is(k, LY_SYM(List))) {
        LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(k));
        for (size_t i = 1; out && i <= ly_nlen(k); i++) {
            LyExpr v = lookup1(vm, x, ly_narg(k, i), d);
            if (!v) { lys_abandon(vm, out, i); return NULL; }
            ly_nset(out, i, v);
        }
        return out;
    }
    if (ly_head_is(k, LY_SYM(Key)) && ly_nlen(k) == 1) k = ly_narg(k, 1);
    return lookup1(vm, x, k, d);
}

static LyExpr b_keyexistsq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr x = ly_narg(e, 1), k = ly_narg(e, 2);
    if (ly_head_is(k, LY_SYM(Key)) && ly_nlen(k) == 1) k = ly_narg(k, 1);
    if (ly_type(x) == LY_TASSOC) return lys_bool(ly_assoc_lookup(x, k) != NULL);
    size_t n;
    LyExpr *rules = rules_of(x, &n);
    if (!rules) return LY_SYM(False);
    for (size_t i = 0; i < n; i++) if (ly_equal(ly_narg(rules[i], 1), k)) return LY_SYM(True);
    return LY_SYM(False);
}

static int key_cmp_ctx(const void *a, const void *b) {
    return ly_order(ly_narg(*(const LyExpr *)a, 1), ly_narg(*(const LyExpr *)b, 1));
}

static LyExpr b_keysort(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_type(x) != LY_TASSOC) return NULL;
    size_t n = ly_assoc(x)->len;
    LY_SCRATCH(LyExpr, rules, vm, n);
    if (!rules) return NULL;
    if (n) memcpy(rules, ly_assoc(x)->rules, n * sizeof(LyExpr));
    /* insertion sort keeps equal keys (there are none) and needs no qsort
     * stability; n is usually small, but use qsort for big ones */
    qsort(rules, n, sizeof(LyExpr), key_cmp_ctx);
    return ly_mkassoc(vm, n, rules);
}

static LyExpr normal(LyVM *vm, LyExpr x) {
    if (ly_type(x) == LY_TFOREIGN) {
        LyExpr l = ly_dispatch_rules(vm, x);
        if (l) return l;
        l = lys_bytearray_normal(vm, x);
        if (l || ly_unwinding(vm)) return l;
    }
    if (ly_type(x) == LY_TASSOC) return ly_list(vm, ly_assoc(x)->len, ly_assoc(x)->rules);
    if (ly_is_normal(x)) {
        /* associations inside lists become lists of rules too */
        size_t n = ly_nlen(x);
        bool any = false;
        for (size_t i = 1; i <= n && !any; i++) any = ly_type(ly_narg(x, i)) == LY_TASSOC;
        if (!any) { ly_ref(x); return x; }
        LyExpr out = ly_mknormal(vm, (ly_ref(ly_nhead(x)), ly_nhead(x)), n);
        for (size_t i = 1; out && i <= n; i++) {
            LyExpr v = normal(vm, ly_narg(x, i));
            if (!v) { lys_abandon(vm, out, i); return NULL; }
            ly_nset(out, i, v);
        }
        return out;
    }
    ly_ref(x);
    return x;
}

bool lys_series_normal(LyVM *vm, LyExpr e, LyExpr *out);

static LyExpr b_normal(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr s;
    if (lys_series_normal(vm, ly_narg(e, 1), &s)) return s;
    return normal(vm, ly_narg(e, 1));
}

static LyExpr b_associationthread(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr k, v;
    if (ly_nlen(e) == 1) {
        if (!ly_head_is(ly_narg(e, 1), LY_SYM(Rule)) || ly_nlen(ly_narg(e, 1)) != 2) return NULL;
        k = ly_narg(ly_narg(e, 1), 1); v = ly_narg(ly_narg(e, 1), 2);
    } else { k = ly_narg(e, 1); v = ly_narg(e, 2); }
    if (!lys_is_list(k) || !lys_is_list(v)) return NULL;
    if (lys_list_len(k) != lys_list_len(v)) {
        ly_set_message(vm, "AssociationThread", "idim", "`1` and `2` must have the same length.");
        ly_message(vm, ly_nhead(e), "idim", 2, k, v);
        return NULL;
    }
    size_t n = lys_list_len(k);
    LY_SCRATCH(LyExpr, rules, vm, n);
    if (!rules) return NULL;
    size_t i = 0;
    for (; i < n; i++) {
        LyExpr a = ly_part(vm, k, i + 1), b = ly_part(vm, v, i + 1);
        rules[i] = a && b ? ly_mk(vm, LY_SYM(Rule), 2, a, b) : NULL;
        if (!rules[i]) { ly_unref(vm, a); ly_unref(vm, b); break; }
    }
    LyExpr r = i == n ? ly_mkassoc(vm, n, rules) : NULL;
    for (size_t j = 0; j < i; j++) ly_unref(vm, rules[j]);
    return r;
}

/* ---- variables changed in place -------------------------------------------------------------- */

typedef enum { OP_APPEND, OP_PREPEND, OP_ADD, OP_SUB, OP_TIMES, OP_DIV, OP_INC, OP_DEC, OP_PREINC, OP_PREDEC } ModOp;

/* The current value of the held variable (new reference), or NULL after a
 * message (rvalue) or on an exit. */
/* A part of a variable (x[[i]]++, a["k"] += 1): something Set can assign. */
static bool part_target(LyVM *vm, LyExpr var) {
    if (ly_head_is(var, ly_symbol(vm, "Part")) && ly_nlen(var) >= 2 && ly_is_sym(ly_narg(var, 1))) return true;
    if (ly_is_normal(var) && ly_nlen(var) == 1 && ly_is_sym(ly_nhead(var))) {
        LyExpr v = ly_own_value(vm, ly_nhead(var));
        return v && ly_type(v) == LY_TASSOC;
    }
    return false;
}

static LyExpr current(LyVM *vm, LyExpr e, LyExpr var) {
    if (!ly_is_sym(var) && !part_target(vm, var)) {
        ly_message(vm, ly_nhead(e), "rvalue", 1, var);
        return NULL;
    }
    LyExpr v = ly_evaluate(vm, var);
    if (!v) return NULL;
    if (v == var || (!ly_is_sym(var) && (ly_equal(v, var) || ly_head_is(v, ly_symbol(vm, "Missing"))))) {
        ly_message(vm, ly_nhead(e), "rvalue", 1, var);
        ly_unref(vm, v);
        return NULL;
    }
    return v;
}

static LyExpr modify(LyVM *vm, LyExpr e, ModOp op) {
    bool unary = op >= OP_INC;
    if (!lys_argc(vm, e, unary ? 1 : 2, unary ? 1 : 2)) return NULL;
    LyExpr var = ly_narg(e, 1);
    if (ly_is_sym(var) && (ly_attributes(vm, var) & LY_ATTR_PROTECTED)) {
        ly_message(vm, ly_nhead(e), "wrsym", 1, var);
        return NULL;
    }
    if (op == OP_APPEND && ly_is_sym(var)) {
        /* a List only var holds grows in place (amortized O(1)) */
        LyExpr l = ly_own_append(vm, var, ly_narg(e, 2));
        if (l) { ly_ref(l); return l; }
        if (ly_unwinding(vm)) return NULL;
    }
    LyExpr old = current(vm, e, var);
    if (!old) return NULL;
    LyExpr arg = NULL;
    if (!unary) {
        arg = ly_narg(e, 2);     /* evaluated already: the functions hold only the first */
        ly_ref(arg);
    }
    LyExpr call, nv = NULL;
    LyExpr two[2] = { old, arg };
    switch (op) {     /* the common cases without building the call */
    case OP_ADD: nv = ly_evaluate_call(vm, LY_SYM(Plus), 2, two); goto done;
    case OP_TIMES: nv = ly_evaluate_call(vm, LY_SYM(Times), 2, two); goto done;
    case OP_INC: case OP_PREINC: two[1] = ly_mksmall(1); nv = ly_evaluate_call(vm, LY_SYM(Plus), 2, two); goto done;
    case OP_DEC: case OP_PREDEC: two[1] = ly_mksmall(-1); nv = ly_evaluate_call(vm, LY_SYM(Plus), 2, two); goto done;
    default: break;
    }
    ly_ref(old);
    ly_ref(arg);
    switch (op) {
    case OP_APPEND: call = ly_mk(vm, ly_symbol(vm, "Append"), 2, old, arg); break;
    case OP_PREPEND: call = ly_mk(vm, ly_symbol(vm, "Prepend"), 2, old, arg); break;
    case OP_SUB: call = ly_mk(vm, LY_SYM(Plus), 2, old, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), arg)); break;
    default: call = ly_mk(vm, LY_SYM(Times), 2, old, ly_mk(vm, LY_SYM(Power), 2, arg, ly_mksmall(-1))); break;
    }
    nv = lys_eval_steal(vm, call);
done:
    ly_unref(vm, arg);
    if (!nv) { ly_unref(vm, old); return NULL; }
    if (!ly_is_sym(var)) {
        /* a part: through Set, which knows part and key assignment */
        ly_ref(var); ly_ref(nv);
        LyExpr r = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Set), 2, var, nv));
        if (!r) { ly_unref(vm, old); ly_unref(vm, nv); return NULL; }
        ly_unref(vm, r);
        if (op == OP_INC || op == OP_DEC) { ly_unref(vm, nv); return old; }
        ly_unref(vm, old);
        return nv;
    }
    ly_ref(nv);
    ly_set_own_value(vm, var, nv);
    if (op == OP_INC || op == OP_DEC) { ly_unref(vm, nv); return old; }
    ly_unref(vm, old);
    return nv;
}

static LyExpr b_appendto(LyVM *vm, LyExpr e) { return modify(vm, e, OP_APPEND); }
static LyExpr b_prependto(LyVM *vm, LyExpr e) { return modify(vm, e, OP_PREPEND); }
static LyExpr b_addto(LyVM *vm, LyExpr e) { return modify(vm, e, OP_ADD); }
static LyExpr b_subtractfrom(LyVM *vm, LyExpr e) { return modify(vm, e, OP_SUB); }
static LyExpr b_timesby(LyVM *vm, LyExpr e) { return modify(vm, e, OP_TIMES); }
static LyExpr b_divideby(LyVM *vm, LyExpr e) { return modify(vm, e, OP_DIV); }
static LyExpr b_increment(LyVM *vm, LyExpr e) { return modify(vm, e, OP_INC); }
static LyExpr b_decrement(LyVM *vm, LyExpr e) { return modify(vm, e, OP_DEC); }
static LyExpr b_preincrement(LyVM *vm, LyExpr e) { return modify(vm, e, OP_PREINC); }
static LyExpr b_predecrement(LyVM *vm, LyExpr e) { return modify(vm, e, OP_PREDEC); }

/* ---- table ------------------------------------------------------------------------------------ */

static const LyBuiltin assoc_builtins[] = {
    { "Keys", b_keys, "Protected",
      "Keys[<|key1 -> val1, key2 -> val2, ...|>] gives a list of the keys keyi in an association." },
    { "Values", b_values, "Protected",
      "Values[<|key1 -> val1, key2 -> val2, ...|>] gives a list of the values vali in an association." },
    { "Lookup", b_lookup, "Protected",
      "Lookup[assoc, key] looks up the value associated with key in the association assoc." },
    { "KeyExistsQ", b_keyexistsq, "Protected",
      "KeyExistsQ[assoc, key] returns True if the specified key exists in the association assoc, and False otherwise." },
    { "KeySort", b_keysort, "Protected", "KeySort[<|key1 -> val1, ...|>] orders the keyi -> vali elements in an association by sorting its keys." },
    { "Normal", b_normal, "Protected", "Normal[expr] converts expr to a normal expression from a variety of special forms." },
    { "AssociationThread", b_associationthread, "Protected",
      "AssociationThread[{key1, key2, ...} -> {val1, val2, ...}] gives the association <|key1 -> val1, key2 -> val2, ...|>." },
    { "AppendTo", b_appendto, "HoldFirst Protected", "AppendTo[x, elem] appends elem to the value of x, and resets x to the result." },
    { "PrependTo", b_prependto, "HoldFirst Protected", "PrependTo[x, elem] prepends elem to the value of x, and resets x to the result." },
    { "AddTo", b_addto, "HoldFirst Protected", "x += dx adds dx to x and returns the new value of x." },
    { "SubtractFrom", b_subtractfrom, "HoldFirst Protected", "x -= dx subtracts dx from x and returns the new value of x." },
    { "TimesBy", b_timesby, "HoldFirst Protected", "x *= c multiplies x by c and returns the new value of x." },
    { "DivideBy", b_divideby, "HoldFirst Protected", "x /= c divides x by c and returns the new value of x." },
    { "Increment", b_increment, "HoldFirst Protected ReadProtected", "x++ increases the value of x by 1, returning the old value of x." },
    { "Decrement", b_decrement, "HoldFirst Protected ReadProtected", "x-- decreases the value of x by 1, returning the old value of x." },
    { "PreIncrement", b_preincrement, "HoldFirst Protected ReadProtected", "++x increases the value of x by 1, returning the new value of x." },
    { "PreDecrement", b_predecrement, "HoldFirst Protected ReadProtected", "--x decreases the value of x by 1, returning the new value of x." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_assoc(LyVM *vm);
LyStatus lys_open_assoc(LyVM *vm) {
    ly_set_message(vm, "General", "rvalue", "`1` is not a variable with a value, so its value cannot be changed.");
    return ly_register_table(vm, assoc_builtins);
}
