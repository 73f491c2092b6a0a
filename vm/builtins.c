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
    if (st == LY_OK) st = lyv_open_replace(vm);
    if (st == LY_OK) st = lyv_open_defs(vm);
    if (st == LY_OK) st = lyv_open_messages(vm);
    if (st == LY_OK) {
        /* the limits are variables a script may read and set */
        ly_set_own_value(vm, LY_SYM(DRecursionLimit), ly_mksmall(vm->recursion_limit));
        ly_set_own_value(vm, LY_SYM(DIterationLimit), ly_mksmall(vm->iteration_limit));
        ly_set_own_value(vm, LY_SYM(DVersion), ly_cstring(vm, "Lyra " LY_VERSION_STRING));
    }
    return st;
}
