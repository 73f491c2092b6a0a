/*
 * optimize.c — Minimize, Maximize, MinValue, MaxValue, ArgMin, ArgMax and
 * their numeric forms NMinimize, NMaximize, NMinValue, NMaxValue, NArgMin,
 * NArgMax.
 *
 * Exact optima come from the Karush-Kuhn-Tucker conditions: for every set
 * of active inequality constraints (with the equations), Solve the
 * stationarity and activity equations in the variables and multipliers,
 * keep the real feasible points and take the best; a single variable
 * without constraints also checks its limits at +-Infinity (Minimize::natt
 * and {-Infinity, {x -> -Infinity}} when unbounded).  Linear programs are
 * covered (their optima are vertices).  The numeric forms use the exact
 * answer for polynomial problems and otherwise a penalty method from
 * several starting points (FindMinimum), polished by Newton on the KKT
 * system of the constraints active at the end.  The algorithm is written
 * in the Wolfram language below and loaded on first use.
 */
#include <string.h>
#include "lys_data.h"

static const char opt_source[] =
    "Lyra`Opt`split[c_] := Which[\n"
    "  Head[c] === And, Join @@ Map[Lyra`Opt`split, List @@ c],\n"
    "  Head[c] === List, Join @@ Map[Lyra`Opt`split, c],\n"
    "  MemberQ[{LessEqual, Less, GreaterEqual, Greater, Equal}, Head[c]] && Length[c] > 2,\n"
    "    Join @@ Table[Lyra`Opt`split[Head[c][c[[k]], c[[k + 1]]]], {k, Length[c] - 1}],\n"
    "  MemberQ[{LessEqual, Less}, Head[c]] && Length[c] == 2, {{\"ineq\", c[[2]] - c[[1]]}},\n"
    "  MemberQ[{GreaterEqual, Greater}, Head[c]] && Length[c] == 2, {{\"ineq\", c[[1]] - c[[2]]}},\n"
    "  Head[c] === Equal && Length[c] == 2, {{\"eq\", c[[1]] - c[[2]]}},\n"
    "  c === True, {},\n"
    "  True, {{\"bad\", c}}]\n"
    "\n"
    "Lyra`Opt`feasible[pt_, ineqs_, eqs_] := And @@ Join[\n"
    "  Map[With[{v = N[# /. pt]}, Im[v] == 0 && Re[v] >= -10^-9] &, ineqs],\n"
    "  Map[With[{v = N[# /. pt]}, Abs[v] < 10^-9] &, eqs]]\n"
    "\n"
    "Lyra`Opt`realpt[pt_] := And @@ Map[With[{v = N[#[[2]]]}, NumericQ[v] && Abs[Im[v]] < 10^-12] &, pt]\n"
    "\n"
    "(* candidates: KKT points over subsets of active inequalities *)\n"
    "Lyra`Opt`candidates[f_, ineqs_, eqs_, vars_] := Module[{n = Length[vars], subs, out = {}, act, lam, sys, sols, pt},\n"
    "  subs = Select[Subsets[Range[Length[ineqs]]], Length[#] + Length[eqs] <= n &];\n"
    "  Do[\n"
    "    act = Join[eqs, ineqs[[s]]];\n"
    "    lam = Table[Symbol[\"Lyra`Opt`l\" <> ToString[i]], {i, Length[act]}];\n"
    "    sys = Join[MapThread[Equal, {Map[D[f, #] &, vars], If[act === {}, 0 vars, Total[lam * Map[Function[c, Map[D[c, #] &, vars]], act]]]}],\n"
    "               Map[# == 0 &, act]];\n"
    "    sols = Quiet[Solve[sys, Join[vars, lam]]];\n"
    "    If[ListQ[sols],\n"
    "      Do[pt = Map[# -> (# /. sol) &, vars];\n"
    "         If[FreeQ[pt[[All, 2]], Alternatives @@ Join[vars, lam]] && Lyra`Opt`realpt[pt] && Lyra`Opt`feasible[pt, ineqs, eqs],\n"
    "           AppendTo[out, pt]], {sol, sols}]],\n"
    "    {s, subs}];\n"
    "  out]\n"
    "\n"
    "Lyra`Opt`min[f_, cons_, vars_, sense_] := Module[{parts, ineqs, eqs, cands, vals, k, g = sense f, lim, best},\n"
    "  parts = Lyra`Opt`split[cons];\n"
    "  If[MemberQ[parts, {\"bad\", _}], Return[$Failed]];\n"
    "  ineqs = Cases[parts, {\"ineq\", e_} :> e];\n"
    "  eqs = Cases[parts, {\"eq\", e_} :> e];\n"
    "  cands = Lyra`Opt`candidates[g, ineqs, eqs, vars];\n"
    "  (* one variable without constraints: the ends of the line *)\n"
    "  best = $Failed;\n"
    "  If[Length[vars] == 1 && ineqs === {} && eqs === {},\n"
    "    Scan[(lim = Quiet[Limit[g, vars[[1]] -> #]];\n"
    "          If[best === $Failed && lim === -Infinity, best = {sense (-Infinity), {vars[[1]] -> #}}]) &,\n"
    "         {-Infinity, Infinity}]];\n"
    "  If[best =!= $Failed, If[sense > 0, Message[Minimize::natt], Message[Maximize::natt]]; best,\n"
    "    If[cands === {}, $Failed,\n"
    "      vals = Map[Simplify[g /. #] &, cands];\n"
    "      k = First[Ordering[N[vals], 1]];\n"
    "      {sense vals[[k]], Map[# -> Simplify[# /. cands[[k]]] &, vars]}]]]\n"
    "\n"
    "Lyra`Opt`nmin[f_, cons_, vars_, sense_] := Module[{parts, ineqs, eqs, g = sense f, n = Length[vars], pen, starts, best = $Failed, bv = Infinity, pt, r, v},\n"
    "  parts = Lyra`Opt`split[cons];\n"
    "  If[MemberQ[parts, {\"bad\", _}], Return[$Failed]];\n"
    "  ineqs = Cases[parts, {\"ineq\", e_} :> e];\n"
    "  eqs = Cases[parts, {\"eq\", e_} :> e];\n"
    "  pen[w_] := g + w (Total[Map[Min[0, #]^2 &, ineqs]] + Total[eqs^2]);\n"
    "  starts = Join[{Table[0.1, {n}], Table[1., {n}], Table[-1., {n}]},\n"
    "                Table[Table[Sin[7.3 k + 1.9 i] 3, {i, n}], {k, 6}]];\n"
    "  Do[\n"
    "    pt = MapThread[Rule, {vars, s}];\n"
    "    Do[r = Quiet[FindMinimum[Evaluate[pen[w]], Evaluate[MapThread[List, {vars, vars /. pt}]]]];\n"
    "       If[MatchQ[r, {_?NumericQ, {__Rule}}], pt = r[[2]]], {w, {10., 10.^3, 10.^5, 10.^7}}];\n"
    "    pt = Lyra`Opt`polish[g, ineqs, eqs, vars, pt];\n"
    "    If[Lyra`Opt`feasible[pt, ineqs, 10^-4 eqs] || (ineqs === {} && eqs === {}),\n"
    "      v = N[g /. pt];\n"
    "      If[NumericQ[v] && v < bv - 10^-10, bv = v; best = pt]],\n"
    "    {s, starts}];\n"
    "  If[best === $Failed, $Failed, {sense bv, best}]]\n"
    "\n"
    "(* Newton on the KKT system of the constraints active near pt *)\n"
    "Lyra`Opt`polish[g_, ineqs_, eqs_, vars_, pt_] := Module[{act, lam, sys, r, start},\n"
    "  act = Join[eqs, Select[ineqs, Abs[N[# /. pt]] < 10^-2 &]];\n"
    "  If[act === {}, Return[pt]];\n"
    "  lam = Table[Symbol[\"Lyra`Opt`m\" <> ToString[i]], {i, Length[act]}];\n"
    "  sys = Join[MapThread[Equal, {Map[D[g, #] &, vars], Total[lam * Map[Function[c, Map[D[c, #] &, vars]], act]]}],\n"
    "             Map[# == 0 &, act]];\n"
    "  start = Join[MapThread[List, {vars, vars /. pt}], Map[{#, 1.} &, lam]];\n"
    "  r = Quiet[FindRoot[Evaluate[sys], Evaluate[start]]];\n"
    "  If[MatchQ[r, {__Rule}] && FreeQ[r, Complex], Map[# -> (# /. r) &, vars], pt]]\n"
    "\n"
    "Lyra`Opt`polynomialq[f_, cons_, vars_] := PolynomialQ[f, vars] &&\n"
    "  And @@ Map[PolynomialQ[#, vars] &, Cases[Lyra`Opt`split[cons], {_, e_} :> e]]\n"
    "\n";

static bool load(LyVM *vm) {
    LyExpr flag = ly_symbol(vm, "Lyra`Opt`loaded");
    if (ly_own_value(vm, flag)) return true;          /* borrowed */
    int q = ly_set_quiet(vm, 1);
    LyStatus st = ly_eval_string(vm, opt_source, sizeof opt_source - 1, "stdlib", NULL);
    ly_set_quiet(vm, q);
    if (st != LY_OK) return false;
    ly_set_own_value(vm, flag, LY_SYM(True));
    return true;
}

typedef enum { R_FULL, R_VALUE, R_ARG } Result;

/* f[obj, vars]: {objective, {constraints}}, the variable list */
static LyExpr optimize(LyVM *vm, LyExpr e, int sense, bool numeric, Result what) {
    if (!ly_is_sym(ly_nhead(e))) return NULL;
    if (!lys_argc(vm, e, 2, 3)) return NULL;
    if (ly_nlen(e) == 3 && !ly_is_symbol(ly_narg(e, 3), "Reals")) return NULL;
    LyExpr obj = ly_narg(e, 1), vs = ly_narg(e, 2);
    bool single = !ly_head_is(vs, LY_SYM(List));
    LyExpr vars = single ? ly_mk(vm, LY_SYM(List), 1, (ly_ref(vs), vs)) : (ly_ref(vs), vs);
    if (!vars) return NULL;
    for (size_t i = 1; i <= ly_nlen(vars); i++)
        if (!ly_is_sym(ly_narg(vars, i))) { ly_unref(vm, vars); return NULL; }
    LyExpr f, cons;
    if (ly_head_is(obj, LY_SYM(List)) && ly_nlen(obj) >= 1) {
        f = ly_narg(obj, 1);
        cons = ly_apply(vm, LY_SYM(List), ly_nlen(obj) - 1, ly_nargs(obj) + 1);
    } else {
        f = obj;
        cons = ly_mknormal(vm, LY_SYM(List), 0);
    }
    if (!cons || !load(vm)) { ly_unref(vm, cons); ly_unref(vm, vars); return NULL; }
    LyExpr args[4] = { f, cons, vars, ly_mksmall(sense) };
    LyExpr r = NULL;
    if (numeric) {
        /* polynomial problems exactly, then numerically; the rest by search */
        LyExpr pq = lys_apply_eval(vm, ly_symbol(vm, "Lyra`Opt`polynomialq"), 3, args);
        bool poly = pq == LY_SYM(True);
        ly_unref(vm, pq);
        if (poly) {
            LyExpr x = lys_apply_eval(vm, ly_symbol(vm, "Lyra`Opt`min"), 4, args);
            if (x && ly_head_is(x, LY_SYM(List))) {
                r = lys_apply_eval(vm, ly_symbol(vm, "N"), 1, &x);
            }
            ly_unref(vm, x);
        }
        if (!r && !ly_unwinding(vm)) r = lys_apply_eval(vm, ly_symbol(vm, "Lyra`Opt`nmin"), 4, args);
    } else {
        r = lys_apply_eval(vm, ly_symbol(vm, "Lyra`Opt`min"), 4, args);
    }
    ly_unref(vm, cons);
    if (!r || !ly_head_is(r, LY_SYM(List)) || ly_nlen(r) != 2) { ly_unref(vm, r); ly_unref(vm, vars); return NULL; }
    LyExpr out = NULL;
    if (what == R_FULL) out = (ly_ref(r), r);
    else if (what == R_VALUE) { out = ly_narg(r, 1); ly_ref(out); }
    else {
        LyExpr a[2] = { vars, ly_narg(r, 2) };
        out = lys_apply_eval(vm, LY_SYM(ReplaceAll), 2, a);
        if (out && single && ly_head_is(out, LY_SYM(List)) && ly_nlen(out) == 1) {
            LyExpr x = ly_narg(out, 1);
            ly_ref(x);
            ly_unref(vm, out);
            out = x;
        }
    }
    ly_unref(vm, r);
    ly_unref(vm, vars);
    return out;
}

#define OPT(name, sense, numeric, what) \
    static LyExpr name(LyVM *vm, LyExpr e) { return optimize(vm, e, sense, numeric, what); }
OPT(b_minimize, 1, false, R_FULL)
OPT(b_maximize, -1, false, R_FULL)
OPT(b_minvalue, 1, false, R_VALUE)
OPT(b_maxvalue, -1, false, R_VALUE)
OPT(b_argmin, 1, false, R_ARG)
OPT(b_argmax, -1, false, R_ARG)
OPT(b_nminimize, 1, true, R_FULL)
OPT(b_nmaximize, -1, true, R_FULL)
OPT(b_nminvalue, 1, true, R_VALUE)
OPT(b_nmaxvalue, -1, true, R_VALUE)
OPT(b_nargmin, 1, true, R_ARG)
OPT(b_nargmax, -1, true, R_ARG)

static const LyBuiltin optimize_builtins[] = {
    { "Minimize", b_minimize, "Protected",
      "Minimize[f, x] minimizes f exactly with respect to x.\nMinimize[f, {x, y, ...}] minimizes f exactly with respect to x, y, ....\n"
      "Minimize[{f, cons}, {x, y, ...}] minimizes f exactly subject to the constraints cons." },
    { "Maximize", b_maximize, "Protected",
      "Maximize[f, x] maximizes f exactly with respect to x.\nMaximize[f, {x, y, ...}] maximizes f exactly with respect to x, y, ....\n"
      "Maximize[{f, cons}, {x, y, ...}] maximizes f exactly subject to the constraints cons." },
    { "MinValue", b_minvalue, "Protected", "MinValue[f, x] gives the minimum value of f with respect to x.\nMinValue[{f, cons}, {x, y, ...}] gives the minimum value of f subject to the constraints cons." },
    { "MaxValue", b_maxvalue, "Protected", "MaxValue[f, x] gives the maximum value of f with respect to x.\nMaxValue[{f, cons}, {x, y, ...}] gives the maximum value of f subject to the constraints cons." },
    { "ArgMin", b_argmin, "Protected", "ArgMin[f, x] gives a position xmin at which f is minimized.\nArgMin[{f, cons}, {x, y, ...}] gives a position at which f is minimized subject to the constraints cons." },
    { "ArgMax", b_argmax, "Protected", "ArgMax[f, x] gives a position xmax at which f is maximized.\nArgMax[{f, cons}, {x, y, ...}] gives a position at which f is maximized subject to the constraints cons." },
    { "NMinimize", b_nminimize, "Protected", "NMinimize[f, x] minimizes f numerically with respect to x.\nNMinimize[{f, cons}, {x, y, ...}] minimizes f numerically subject to the constraints cons." },
    { "NMaximize", b_nmaximize, "Protected", "NMaximize[f, x] maximizes f numerically with respect to x.\nNMaximize[{f, cons}, {x, y, ...}] maximizes f numerically subject to the constraints cons." },
    { "NMinValue", b_nminvalue, "Protected", "NMinValue[f, x] gives the minimum value of f with respect to x, computed numerically." },
    { "NMaxValue", b_nmaxvalue, "Protected", "NMaxValue[f, x] gives the maximum value of f with respect to x, computed numerically." },
    { "NArgMin", b_nargmin, "Protected", "NArgMin[f, x] gives a position xmin at which f is numerically minimized." },
    { "NArgMax", b_nargmax, "Protected", "NArgMax[f, x] gives a position xmax at which f is numerically maximized." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_optimize(LyVM *vm);
LyStatus lys_open_optimize(LyVM *vm) {
    ly_set_message(vm, "Minimize", "natt", "The minimum is not attained at any point satisfying the given constraints.");
    ly_set_message(vm, "Maximize", "natt", "The maximum is not attained at any point satisfying the given constraints.");
    return ly_register_table(vm, optimize_builtins);
}
