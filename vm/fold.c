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
 */
#include "lyv.h"

const uint8_t lyv_fold_ops[LY_NBUILTIN_SYMS] = {
    [LY_SYMI_Plus] = LYV_FOLD_PLUS, [LY_SYMI_Times] = LYV_FOLD_TIMES,
    [LY_SYMI_Subtract] = LYV_FOLD_SUBTRACT, [LY_SYMI_Minus] = LYV_FOLD_MINUS,
    [LY_SYMI_Less] = LYV_FOLD_LESS, [LY_SYMI_LessEqual] = LYV_FOLD_LESSEQUAL,
    [LY_SYMI_Greater] = LYV_FOLD_GREATER, [LY_SYMI_GreaterEqual] = LYV_FOLD_GREATEREQUAL,
    [LY_SYMI_Equal] = LYV_FOLD_EQUAL, [LY_SYMI_Unequal] = LYV_FOLD_UNEQUAL,
    [LY_SYMI_SameQ] = LYV_FOLD_SAMEQ, [LY_SYMI_UnsameQ] = LYV_FOLD_UNSAMEQ,
    [LY_SYMI_Mod] = LYV_FOLD_MOD, [LY_SYMI_If] = LYV_FOLD_IF,
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
