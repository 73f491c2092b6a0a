/*
 * fold.c — machine-integer arithmetic and comparisons without the general
 * machinery: Plus, Times, Subtract, Minus of small integers, and Less,
 * LessEqual, Greater, GreaterEqual, Equal, Unequal, SameQ, UnsameQ and Mod
 * (divisor not 0) of two; SameQ and UnsameQ also of two one-word atoms
 * (machine integers and symbols: the same word or not), unless a symbol
 * among them has up-values.
 *
 * Used by the evaluator (after the arguments are evaluated, before Flat,
 * Orderless and the rules), by compiled right sides of definitions
 * (rulecode.c), which fold such calls while substituting, and by
 * ly_evaluate_call.  Folding gives exactly
 * what the built-in code would: these calls on small integers have no side
 * effects and issue no messages, and neither up-values (integers carry
 * none) nor Flat/Orderless/Listable change their value.  It is only done
 * while the symbol keeps its built-in code and has no down-values of the
 * user's (Unprotect[Plus]; Plus[a_, b_] := ... turns it off), and never
 * on overflow: the general code then makes the big integer.
 *
 * The evaluator also folds assignments to symbols (x = v, x += 1, i++:
 * lyv_fold_assign) and pure folds nested in the expression it is about to
 * evaluate (i <= n, Mod[i, 3] == 0: lyv_fold_quick), the commonest steps
 * of interpreted loops, without building the call or opening a frame.
 */
#include "lyv.h"

#define PURE_OPS \
    [LY_SYMI_Plus] = LYV_FOLD_PLUS, [LY_SYMI_Times] = LYV_FOLD_TIMES, \
    [LY_SYMI_Subtract] = LYV_FOLD_SUBTRACT, [LY_SYMI_Minus] = LYV_FOLD_MINUS, \
    [LY_SYMI_Less] = LYV_FOLD_LESS, [LY_SYMI_LessEqual] = LYV_FOLD_LESSEQUAL, \
    [LY_SYMI_Greater] = LYV_FOLD_GREATER, [LY_SYMI_GreaterEqual] = LYV_FOLD_GREATEREQUAL, \
    [LY_SYMI_Equal] = LYV_FOLD_EQUAL, [LY_SYMI_Unequal] = LYV_FOLD_UNEQUAL, \
    [LY_SYMI_SameQ] = LYV_FOLD_SAMEQ, [LY_SYMI_UnsameQ] = LYV_FOLD_UNSAMEQ, \
    [LY_SYMI_Mod] = LYV_FOLD_MOD, [LY_SYMI_Power] = LYV_FOLD_POWER, [LY_SYMI_If] = LYV_FOLD_IF

const uint8_t lyv_fold_ops[LY_NBUILTIN_SYMS] = { PURE_OPS };

const uint8_t lyv_eval_ops[LY_NBUILTIN_SYMS] = {
    PURE_OPS,
    [LY_SYMI_Set] = LYV_FOLD_SET, [LY_SYMI_AddTo] = LYV_FOLD_ADDTO,
    [LY_SYMI_SubtractFrom] = LYV_FOLD_SUBFROM, [LY_SYMI_TimesBy] = LYV_FOLD_TIMESBY,
    [LY_SYMI_Increment] = LYV_FOLD_INC, [LY_SYMI_Decrement] = LYV_FOLD_DEC,
    [LY_SYMI_PreIncrement] = LYV_FOLD_PREINC, [LY_SYMI_PreDecrement] = LYV_FOLD_PREDEC,
    [LY_SYMI_AppendTo] = LYV_FOLD_APPENDTO,
};

LyExpr lyv_fold_small_(LyVM *vm, int op, LyExpr head, size_t n, const LyExpr *args) {
    int64_t acc;
    switch (op) {
    case LYV_FOLD_PLUS: case LYV_FOLD_TIMES:
        if (n < 2) return NULL;
        acc = op == LYV_FOLD_PLUS ? 0 : 1;
        for (size_t i = 0; i < n; i++) {
            if (!ly_is_small(args[i])) return NULL;
            if (op == LYV_FOLD_PLUS ? __builtin_add_overflow(acc, ly_small(args[i]), &acc)
                                    : __builtin_mul_overflow(acc, ly_small(args[i]), &acc))
                return NULL;
        }
        if (!ly_fits_small(acc) || !lyv_fold_builtin(vm, head)) return NULL;
        return ly_mksmall(acc);
    case LYV_FOLD_MINUS:
        if (n != 1 || !ly_is_small(args[0])) return NULL;
        acc = -ly_small(args[0]);      /* small integers are 63-bit: no overflow */
        if (!ly_fits_small(acc) || !lyv_fold_builtin(vm, head)) return NULL;
        return ly_mksmall(acc);
    default: {
        if (n != 2 || !ly_is_small(args[0]) || !ly_is_small(args[1])) return NULL;
        LyExpr f = lyv_fold2(op, args[0], args[1]);
        return f && lyv_fold_builtin(vm, head) ? f : NULL;
    }
    }
}

LyExpr lyv_fold_power(int64_t x, int64_t y) {
    if (y < 0 || (y == 0 && x == 0)) return NULL;
    int64_t r = 1;
    while (y) {
        if ((y & 1) && __builtin_mul_overflow(r, x, &r)) return NULL;
        y >>= 1;
        if (y && __builtin_mul_overflow(x, x, &x)) return NULL;
    }
    return ly_fits_small(r) ? ly_mksmall(r) : NULL;
}

/* a has up-values that h[..., a, ...] would meet (rules.c's up_tag) */
static bool meets_upvalues(LyVM *vm, LyExpr a) {
    while (ly_is_normal(a)) a = ly_nhead(a);
    return lyv_fold_upvalues(vm, a);
}

LyExpr lyv_fold_assign(LyVM *vm, int op, LyExpr head, size_t n, const LyExpr *args, bool *final) {
    *final = false;
    bool unary = op >= LYV_FOLD_INC && op <= LYV_FOLD_PREDEC;
    if (n != (unary ? 1u : 2u) || !lyv_fold_builtin(vm, head)) return NULL;
    LyExpr x = args[0];
    if (!ly_is_sym(x)) {
        /* x[[k]] = v: a part of a variable's list in place (partset.c) */
        if (op != LYV_FOLD_SET || vm->nupvalues || !ly_is_normal(x) || ly_nhead(x) != LY_SYM(Part) ||
            ly_nlen(x) != 2 || !ly_is_sym(ly_narg(x, 1)))
            return NULL;
        LyExpr k = ly_narg(x, 2);
        if (ly_is_sym(k)) {                    /* the index's value, when at hand */
            LyDefs *kd = lyv_defs_get(vm, ly_sym(k));
            k = kd ? kd->own : NULL;
        }
        if (!ly_is_small(k) || !lyv_set_part_quick(vm, ly_narg(x, 1), k, args[1])) return NULL;
        ly_ref(args[1]);
        *final = true;
        return args[1];
    }
    LyDefs *d = lyv_defs_get(vm, ly_sym(x));
    /* definitions not made yet (the general code makes them, and may run
     * out of memory), Protected (a message) or up-values (rules of x's) */
    if (!d || (d->attrs & LYA_PROTECTED)) return NULL;
    if (vm->nupvalues && (d->up || (!unary && meets_upvalues(vm, args[1])))) return NULL;
    if (op == LYV_FOLD_SET) {
        /* Set's own branch (rules.c define); the limits have their own */
        if (lyv_is_limit(x)) return NULL;
        LyExpr v = args[1];
        lyv_defs_own(vm, ly_sym(x));
        lyv_own_assign(vm, x, d, v, false);
        ly_ref(v);
        *final = true;           /* b_set's ly_evaluated */
        return v;
    }
    if (op == LYV_FOLD_APPENDTO) {
        LyExpr l = ly_own_append(vm, x, args[1]);
        if (!l) return NULL;
        ly_ref(l);
        *final = true;           /* an evaluated List */
        return l;
    }
    /* modify (stdlib/assoc.c): the value, the step through Plus or Times
     * (folded only while they are built-in), ly_set_own_value */
    LyExpr old = d->own;
    if (!old || !ly_is_small(old)) return NULL;
    LyExpr step = unary ? ly_mksmall(op == LYV_FOLD_INC || op == LYV_FOLD_PREINC ? 1 : -1) : args[1];
    if (!ly_is_small(step)) return NULL;
    LyExpr nv;
    switch (op) {
    case LYV_FOLD_TIMESBY:
        nv = lyv_fold2(LYV_FOLD_TIMES, old, step);
        if (!nv || !lyv_fold_builtin(vm, LY_SYM(Times))) return NULL;
        break;
    case LYV_FOLD_SUBFROM:      /* old + (-1) step */
        if (ly_small(step) == LY_SMALL_MIN || !lyv_fold_builtin(vm, LY_SYM(Times))) return NULL;
        step = ly_mksmall(-ly_small(step));
        /* fall through */
    default:
        nv = lyv_fold2(LYV_FOLD_PLUS, old, step);
        if (!nv || !lyv_fold_builtin(vm, LY_SYM(Plus))) return NULL;
        break;
    }
    if (lyv_is_limit(x)) ly_set_own_value(vm, x, nv);
    else lyv_own_small(vm, ly_sym(x), d, nv);
    return op == LYV_FOLD_INC || op == LYV_FOLD_DEC ? old : nv;
}

LyExpr lyv_assign_quick(LyVM *vm, LyExpr e, int op) {
    size_t n = ly_nlen(e);
    if (n - 1 > 1) return NULL;
    LyExpr v[2];
    v[0] = ly_narg(e, 1);          /* held */
    if (n == 2) {
        LyExpr a = ly_narg(e, 2);
        if (ly_is_sym(a)) {
            LyDefs *d = lyv_defs_get(vm, ly_sym(a));
            if (d && d->own && !ly_is_small(d->own)) return NULL;
            v[1] = d && d->own ? d->own : a;
        } else if (!ly_is_normal(a)) {
            v[1] = a;              /* numbers, strings, ...: themselves */
        } else if (!(v[1] = lyv_fold_quick(vm, a, 1))) {
            return NULL;
        }
    }
    bool final;
    return lyv_fold_assign(vm, op, ly_nhead(e), n, v, &final);
}

LyExpr lyv_fold_quick(LyVM *vm, LyExpr e, int depth) {
    int op = lyv_fold_op(ly_nhead(e));
    size_t n = ly_nlen(e);
    if (!op || op == LYV_FOLD_IF || n - 1 > 3) return NULL;     /* 1 to 4 arguments */
    LyExpr v[4];
    for (size_t i = 0; i < n; i++) {
        LyExpr a = ly_narg(e, i + 1);
        if (ly_is_small(a)) v[i] = a;
        else if (ly_is_sym(a)) {
            LyDefs *d = lyv_defs_get(vm, ly_sym(a));
            if (!d || !ly_is_small(d->own)) return NULL;
            v[i] = d->own;           /* what eval_symbol gives */
        } else if (depth < 3 && ly_is_normal(a) && ly_normal(a)->stamp != vm->eval_version) {
            if (!(v[i] = lyv_fold_quick(vm, a, depth + 1))) return NULL;
        } else return NULL;
    }
    return lyv_fold_small(vm, ly_nhead(e), n, v);
}
