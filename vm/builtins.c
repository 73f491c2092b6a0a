/*
 * builtins.c — the language core that lives in the VM: sequencing,
 * assignment to symbols, holding, Out, and the constructors of atoms
 * written as expressions (Rational[1, 2], Complex[1, 2], Association[...]).
 * Everything else is in stdlib/ (written against the public API).
 */
#include "lyv.h"


static LyExpr b_compound(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n == 0) return LY_SYM(Null);
    for (size_t i = 1; i < n; i++) {
        LyExpr r = lyv_eval(vm, ly_narg(e, i));
        if (!r) return NULL;
        ly_unref(vm, r);
    }
    return lyv_eval(vm, ly_narg(e, n));
}

/* Set[lhs, rhs] for a symbol lhs (definitions with patterns are rules.c's). */
static LyExpr b_set(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2) return NULL;
    LyExpr lhs = ly_narg(e, 1), rhs = ly_narg(e, 2);
    if (ly_head_is(lhs, LY_SYM(List)) && ly_head_is(rhs, LY_SYM(List)) &&
        ly_nlen(lhs) == ly_nlen(rhs)) {
        /* {a, b} = {1, 2} */
        for (size_t i = 1; i <= ly_nlen(lhs); i++) {
            LyExpr one = ly_mk(vm, LY_SYM(Set), 2, (ly_ref(ly_narg(lhs, i)), ly_narg(lhs, i)),
                               (ly_ref(ly_narg(rhs, i)), ly_narg(rhs, i)));
            LyExpr r = one ? b_set(vm, one) : NULL;
            ly_unref(vm, one);
            if (!r) return NULL;
            ly_unref(vm, r);
        }
        ly_ref(rhs);
        return rhs;
    }
    if (!ly_is_sym(lhs)) {
        if (ly_is_obj(lhs) && lhs->type != LY_TNORMAL) {
            ly_message(vm, LY_SYM(Set), "setraw", 1, lhs);
            ly_ref(rhs);
            return rhs;
        }
        return NULL;   /* pattern definitions: the evaluator of issue 3 */
    }
    LyDefs *d = lyv_defs(vm, ly_sym(lhs));
    if (!d) return NULL;
    if (d->attrs & LYA_PROTECTED) {
        ly_message(vm, LY_SYM(Set), "wrsym", 1, lhs);
        ly_ref(rhs);
        return rhs;
    }
    ly_ref(rhs);
    ly_unref(vm, d->own);
    d->own = rhs;
    ly_ref(rhs);
    return rhs;
}

static LyExpr b_setdelayed(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2 || !ly_is_sym(ly_narg(e, 1))) return NULL;
    LyExpr r = b_set(vm, e);
    if (!r) return NULL;
    ly_unref(vm, r);
    return LY_SYM(Null);
}

static LyExpr b_out(LyVM *vm, LyExpr e) {
    int64_t k = -1;
    if (ly_nlen(e) == 1) {
        if (!ly_is_small(ly_narg(e, 1))) return NULL;
        k = ly_small(ly_narg(e, 1));
    } else if (ly_nlen(e) != 0) {
        return NULL;
    }
    return lyv_out(vm, k);
}

static LyExpr b_rational(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2 || !ly_is_integer(ly_narg(e, 1)) || !ly_is_integer(ly_narg(e, 2)) ||
        ly_num_is_zero(ly_narg(e, 2)))
        return NULL;
    ly_ref(ly_narg(e, 1)); ly_ref(ly_narg(e, 2));
    return ly_mkrational(vm, ly_narg(e, 1), ly_narg(e, 2));
}

static LyExpr b_complex(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2) return NULL;
    LyExpr a = ly_narg(e, 1), b = ly_narg(e, 2);
    if (!ly_is_number(a) || !ly_is_number(b) || ly_type(a) == LY_TCOMPLEX || ly_type(b) == LY_TCOMPLEX)
        return NULL;
    ly_ref(a); ly_ref(b);
    return ly_mkcomplex(vm, a, b);
}

static bool is_rule(LyExpr r) {
    return (ly_head_is(r, LY_SYM(Rule)) || ly_head_is(r, LY_SYM(RuleDelayed))) && ly_nlen(r) == 2;
}

static LyExpr b_association(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e), total = 0;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (is_rule(a)) total++;
        else if (ly_head_is(a, LY_SYM(List))) {
            for (size_t j = 1; j <= ly_nlen(a); j++) if (!is_rule(ly_narg(a, j))) return NULL;
            total += ly_nlen(a);
        } else if (ly_type(a) == LY_TASSOC) total += ly_assoc(a)->len;
        else return NULL;
    }
    LyExpr rules[total ? total : 1];
    size_t k = 0;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (is_rule(a)) rules[k++] = a;
        else if (ly_head_is(a, LY_SYM(List))) for (size_t j = 1; j <= ly_nlen(a); j++) rules[k++] = ly_narg(a, j);
        else for (size_t j = 0; j < ly_assoc(a)->len; j++) rules[k++] = ly_assoc(a)->rules[j];
    }
    return ly_mkassoc(vm, k, rules);
}

static const LyBuiltin core_builtins[] = {
    { "CompoundExpression", b_compound, "HoldAll Protected",
      "expr1; expr2; ... evaluates the expri in turn, giving the last one as the result." },
    { "Set", b_set, "HoldFirst Protected SequenceHold",
      "lhs = rhs evaluates rhs and assigns the result to be the value of lhs." },
    { "SetDelayed", b_setdelayed, "HoldAll Protected SequenceHold",
      "lhs := rhs assigns rhs to be the delayed value of lhs." },
    { "Hold", NULL, "HoldAll Protected", "Hold[expr] maintains expr in an unevaluated form." },
    { "HoldForm", NULL, "HoldAll Protected",
      "HoldForm[expr] prints as the expression expr, with expr maintained in an unevaluated form." },
    { "HoldComplete", NULL, "HoldAllComplete Protected",
      "HoldComplete[expr] shields expr completely from the standard evaluation process." },
    { "HoldPattern", NULL, "HoldAll Protected",
      "HoldPattern[expr] is equivalent to expr for pattern matching, but maintains expr unevaluated." },
    { "Unevaluated", NULL, "HoldAllComplete Protected",
      "Unevaluated[expr] represents the unevaluated form of expr when it appears as the argument to a function." },
    { "Evaluate", NULL, "Protected",
      "Evaluate[expr] causes expr to be evaluated even if it appears as the argument of a function whose attributes specify that it should be held unevaluated." },
    { "Sequence", NULL, "Protected",
      "Sequence[expr1, expr2, ...] represents a sequence of arguments to be spliced automatically into any function." },
    { "List", NULL, "Locked Protected", "{e1, e2, ...} is a list of elements." },
    { "Out", b_out, "NHoldFirst Protected",
      "%n or Out[n] is a global object that is assigned to be the value produced on the nth output line." },
    { "Rational", b_rational, "Protected", "Rational is the head used for rational numbers." },
    { "Complex", b_complex, "Protected", "Complex is the head used for complex numbers." },
    { "Association", b_association, "Protected",
      "<|key1 -> val1, key2 -> val2, ...|> represents an association between keys and values." },
    { "FullForm", NULL, "Protected", "FullForm[expr] prints as the full form of expr, with no special syntax." },
    { "InputForm", NULL, "Protected", "InputForm[expr] prints as a version of expr suitable for input." },
    { "OutputForm", NULL, "Protected", "OutputForm[expr] prints as a two-dimensional representation of expr." },
    { "Null", NULL, "Protected", "Null is a symbol used to indicate the absence of an expression or a result." },
    { "True", NULL, "Locked Protected", "True is the symbol for the Boolean value true." },
    { "False", NULL, "Locked Protected", "False is the symbol for the Boolean value false." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lyv_open_core(LyVM *vm) {
    LyStatus st = ly_register_table(vm, core_builtins);
    if (st == LY_OK) st = lyv_open_arith(vm);
    return st;
}
