/*
 * dsolve.c — DSolve, DSolveValue, RSolve, RSolveValue for single equations,
 * NDSolve and NDSolveValue:
 *
 *   DSolve: linear ODEs with constant coefficients of any order (the roots
 *   of the characteristic polynomial, complex pairs as E^(a x) Cos/Sin,
 *   repeated roots times powers of x; a particular solution of the
 *   inhomogeneous equation by variation of parameters), first-order linear
 *   ODEs (integrating factor), homogeneous Cauchy-Euler equations, and
 *   separable first-order equations y' = f(x) g(y) solved for y; initial
 *   or boundary conditions fix the constants C[i] through Solve.
 *   RSolve: linear recurrences with constant coefficients, with a particular
 *   solution for polynomial times exponential right sides (undetermined
 *   coefficients).
 *
 *   NDSolve: systems of explicit ODEs of any order with initial values at
 *   one point, reduced to first order and integrated by the Dormand-Prince
 *   5(4) pair with step control; the solution is an InterpolatingFunction
 *   through the steps (and two points inside each).
 *
 * What these methods do not reach stays unevaluated, as Wolfram leaves an
 * equation it cannot solve.  The algorithms are written in the Wolfram
 * language below and loaded on first use (as optimize.c's).  Written
 * against lyra.h + lyra_ext.h.
 */
#include <string.h>
#include "lys_data.h"

static const char ds_source[] =
    "(* the equations as a list *)\n"
    "Lyra`DS`eqs[ly$e_] := Flatten[{ly$e /. And -> List}]\n"
    "\n"
    "(* the highest derivative of y at x in e *)\n"
    "Lyra`DS`order[ly$e_, ly$y_, ly$x_] := Max[0, Cases[ly$e, Derivative[ly$k_][ly$y][ly$x] :> ly$k, {0, Infinity}, Heads -> True]]\n"
    "\n"
    "(* the coefficients {a0, ..., an} and the rest g of a linear ODE in the\n"
    "   symbols d[0..n] standing for y and its derivatives; $Failed if not linear *)\n"
    "Lyra`DS`linear[ly$p_, ly$d_, ly$n_] := Module[{ly$a, ly$g},\n"
    "  If[!PolynomialQ[ly$p, Table[ly$d[ly$k], {ly$k, 0, ly$n}]], Return[$Failed]];\n"
    "  ly$a = Table[Coefficient[ly$p, ly$d[ly$k]], {ly$k, 0, ly$n}];\n"
    "  ly$g = Expand[ly$p /. ly$d[_] -> 0];\n"
    "  If[!FreeQ[ly$a, ly$d] || !FreeQ[ly$g, ly$d] || !TrueQ[Expand[ly$p - ly$a . Table[ly$d[ly$k], {ly$k, 0, ly$n}] - ly$g] == 0], $Failed, {ly$a, ly$g}]]\n"
    "\n"
    "(* the basis of solutions of a homogeneous ODE with constant coefficients *)\n"
    "Lyra`DS`basis[ly$a_List, ly$x_] := Module[{ly$r, ly$cp, ly$roots, ly$tally, ly$out = {}, ly$re, ly$im, ly$m},\n"
    "  ly$cp = ly$a . Table[ly$r^ly$k, {ly$k, 0, Length[ly$a] - 1}];\n"
    "  ly$roots = Quiet[ly$r /. Solve[ly$cp == 0, ly$r]];\n"
    "  If[!ListQ[ly$roots] || Length[ly$roots] != Length[ly$a] - 1, Return[$Failed]];\n"
    "  ly$tally = Tally[ly$roots];\n"
    "  Do[\n"
    "    {ly$m} = {ly$t[[2]]};\n"
    "    ly$re = Re[ly$t[[1]]]; ly$im = Im[ly$t[[1]]];\n"
    "    Which[\n"
    "      TrueQ[ly$im == 0], ly$out = Join[ly$out, Table[E^(ly$t[[1]] ly$x) ly$x^ly$j, {ly$j, 0, ly$m - 1}]],\n"
    "      TrueQ[ly$im > 0], ly$out = Join[ly$out, Table[E^(ly$re ly$x) ly$x^ly$j Cos[ly$im ly$x], {ly$j, 0, ly$m - 1}],\n"
    "                                Table[E^(ly$re ly$x) ly$x^ly$j Sin[ly$im ly$x], {ly$j, 0, ly$m - 1}]],\n"
    "      TrueQ[ly$im < 0], Null,\n"
    "      True, ly$out = Join[ly$out, Table[E^(ly$t[[1]] ly$x) ly$x^ly$j, {ly$j, 0, ly$m - 1}]]],\n"
    "    {ly$t, ly$tally}];\n"
    "  If[Length[ly$out] != Length[ly$a] - 1, $Failed, ly$out]]\n"
    "\n"
    "(* a particular solution of the ODE with basis b for the right side q\n"
    "   (leading coefficient 1), by variation of parameters *)\n"
    "Lyra`DS`particular[ly$b_List, ly$q_, ly$x_] := Module[{ly$n = Length[ly$b], ly$w, ly$wd, ly$us, ly$u},\n"
    "  ly$w = Table[D[ly$b, {ly$x, ly$k}], {ly$k, 0, ly$n - 1}];\n"
    "  ly$wd = Simplify[Det[ly$w]];\n"
    "  If[ly$wd === 0, Return[$Failed]];\n"
    "  ly$us = Table[Simplify[Det[Transpose[ReplacePart[Transpose[ly$w], i -> UnitVector[ly$n, ly$n]]]] ly$q/ly$wd], {i, ly$n}];\n"
    "  ly$us = Map[Integrate[#, ly$x] &, ly$us];\n"
    "  If[!FreeQ[ly$us, Integrate], Return[$Failed]];\n"
    "  Simplify[ly$us . ly$b]]\n"
    "\n"
    "(* the general solutions of one ODE p == 0 (p in y[x] and its derivatives) *)\n"
    "Lyra`DS`general[ly$p0_, ly$y_, ly$x_] := Module[{ly$n, ly$d, ly$p, ly$lin, ly$a, ly$g, ly$b, ly$yp, ly$c},\n"
    "  ly$n = Lyra`DS`order[ly$p0, ly$y, ly$x];\n"
    "  If[ly$n == 0, Return[$Failed]];\n"
    "  ly$p = Expand[ly$p0 /. {Derivative[ly$k_][ly$y][ly$x] :> ly$d[ly$k], ly$y[ly$x] -> ly$d[0]}];\n"
    "  If[!FreeQ[ly$p, ly$y], Return[$Failed]];\n"
    "  ly$lin = Lyra`DS`linear[ly$p, ly$d, ly$n];\n"
    "  If[ly$lin =!= $Failed,\n"
    "    {ly$a, ly$g} = ly$lin;\n"
    "    If[FreeQ[ly$a, ly$x],\n"
    "      (* constant coefficients *)\n"
    "      ly$b = Lyra`DS`basis[ly$a, ly$x];\n"
    "      If[ly$b === $Failed, Return[$Failed]];\n"
    "      ly$yp = If[ly$g === 0, 0, Lyra`DS`particular[ly$b, -ly$g/ly$a[[-1]], ly$x]];\n"
    "      If[ly$yp === $Failed, Return[$Failed]];\n"
    "      Return[{ly$yp + Sum[C[ly$k] ly$b[[ly$k]], {ly$k, ly$n}]}]];\n"
    "    If[ly$n == 1,\n"
    "      (* y' + P y = Q: the integrating factor *)\n"
    "      Module[{ly$pp = Together[ly$a[[1]]/ly$a[[2]]], ly$qq = Together[-ly$g/ly$a[[2]]], ly$mu, ly$i1, ly$i2},\n"
    "        ly$i1 = Integrate[ly$pp, ly$x];\n"
    "        If[!FreeQ[ly$i1, Integrate], Return[$Failed]];\n"
    "        ly$mu = PowerExpand[E^ly$i1];\n"
    "        ly$i2 = If[ly$qq === 0, 0, Integrate[Simplify[ly$mu ly$qq], ly$x]];\n"
    "        If[!FreeQ[ly$i2, Integrate], Return[$Failed]];\n"
    "        Return[{Expand[Simplify[ly$i2/ly$mu]] + C[1]/ly$mu}]]];\n"
    "    If[FreeQ[Table[Simplify[ly$a[[ly$k + 1]]/ly$x^ly$k], {ly$k, 0, ly$n}], ly$x] && ly$g === 0,\n"
    "      (* Cauchy-Euler: x^k y^(k) terms *)\n"
    "      Module[{ly$e = Table[Simplify[ly$a[[ly$k + 1]]/ly$x^ly$k], {ly$k, 0, ly$n}], ly$r, ly$cp, ly$roots, ly$out = {}},\n"
    "        ly$cp = Sum[ly$e[[ly$k + 1]] Product[ly$r - ly$j, {ly$j, 0, ly$k - 1}], {ly$k, 0, ly$n}];\n"
    "        ly$roots = Quiet[ly$r /. Solve[ly$cp == 0, ly$r]];\n"
    "        If[!ListQ[ly$roots] || Length[ly$roots] != ly$n, Return[$Failed]];\n"
    "        Do[With[{ly$m = ly$t[[2]], ly$re = Re[ly$t[[1]]], ly$im = Im[ly$t[[1]]]},\n"
    "            Which[TrueQ[ly$im == 0], ly$out = Join[ly$out, Table[ly$x^ly$t[[1]] Log[ly$x]^ly$j, {ly$j, 0, ly$m - 1}]],\n"
    "                  TrueQ[ly$im > 0], ly$out = Join[ly$out, Table[ly$x^ly$re Log[ly$x]^ly$j Cos[ly$im Log[ly$x]], {ly$j, 0, ly$m - 1}],\n"
    "                                           Table[ly$x^ly$re Log[ly$x]^ly$j Sin[ly$im Log[ly$x]], {ly$j, 0, ly$m - 1}]],\n"
    "                  TrueQ[ly$im < 0], Null,\n"
    "                  True, ly$out = Join[ly$out, Table[ly$x^ly$t[[1]] Log[ly$x]^ly$j, {ly$j, 0, ly$m - 1}]]]], {ly$t, Tally[ly$roots]}];\n"
    "        If[Length[ly$out] != ly$n, Return[$Failed]];\n"
    "        Return[{Sum[C[ly$k] ly$out[[ly$k]], {ly$k, ly$n}]}]]];\n"
    "    Return[$Failed]];\n"
    "  (* nonlinear, first order: separable y' = f(x) g(y) *)\n"
    "  If[ly$n == 1,\n"
    "    Module[{ly$s, ly$f, ly$fx, ly$gy, ly$pt, ly$u, ly$sol, ly$Y},\n"
    "      ly$s = Quiet[Solve[ly$p == 0, ly$d[1]]];\n"
    "      If[!MatchQ[ly$s, {{_Rule}..}], Return[$Failed]];\n"
    "      Return[Catch[Flatten[Map[Function[ly$rule,\n"
    "        ly$f = Together[ly$d[1] /. ly$rule /. ly$d[0] -> ly$Y];\n"
    "        If[FreeQ[ly$f, ly$x], ly$fx = 1; ly$gy = ly$f,\n"
    "          ly$pt = SelectFirst[{1, 2, 3, 1/2}, Function[ly$v, Quiet[(ly$f /. ly$x -> ly$v) =!= 0 &&\n"
    "                    FreeQ[ly$f /. ly$x -> ly$v, ComplexInfinity | Indeterminate]]], $Failed];\n"
    "          If[ly$pt === $Failed, Throw[$Failed]];\n"
    "          ly$gy = Together[ly$f /. ly$x -> ly$pt];\n"
    "          ly$fx = Together[ly$f/ly$gy]];\n"
    "        If[!FreeQ[ly$fx, ly$Y], Throw[$Failed]];\n"
    "        ly$u = Integrate[1/ly$gy, ly$Y];\n"
    "        If[!FreeQ[ly$u, Integrate], Throw[$Failed]];\n"
    "        ly$sol = Quiet[Solve[ly$u == Integrate[ly$fx, ly$x] + C[1], ly$Y]];\n"
    "        If[!MatchQ[ly$sol, {{_Rule}..}] && !FreeQ[ly$u, Log],\n"
    "          (* logarithms on the y side: exponentiate both sides *)\n"
    "          ly$sol = Quiet[Solve[Together[PowerExpand[Simplify[E^ly$u]]] == E^(Integrate[ly$fx, ly$x] + C[1]), ly$Y]]];\n"
    "        If[!MatchQ[ly$sol, {{_Rule}..}], Throw[$Failed]];\n"
    "        ly$Y /. ly$sol], ly$s]]]]]];\n"
    "  $Failed]\n"
    "\n"
    "(* the constants of the solutions fitted to the conditions ics *)\n"
    "Lyra`DS`fit[ly$sols_, ly$ics_, ly$y_, ly$x_] := Module[{ly$cs, ly$eqs, ly$s},\n"
    "  Flatten[Map[Function[ly$sol,\n"
    "    ly$cs = Union[Cases[ly$sol, C[_], {0, Infinity}]];\n"
    "    ly$eqs = Map[# /. {Derivative[ly$k_][ly$y][ly$c_] :> (D[ly$sol, {ly$x, ly$k}] /. ly$x -> ly$c), ly$y[ly$c_] :> (ly$sol /. ly$x -> ly$c)} &, ly$ics];\n"
    "    ly$s = Quiet[Solve[ly$eqs, ly$cs]] /. ConditionalExpression[ly$v_, _] :> (ly$v /. C[_] -> 0);\n"
    "    If[!MatchQ[ly$s, {{___Rule}..}], {}, Map[Simplify[ly$sol /. #] &, ly$s]]], ly$sols]]]\n"
    "\n"
    "Lyra`DS`dsolve[ly$e_, ly$yspec_, ly$x_Symbol] := Module[{ly$y, ly$all, ly$odes, ly$ics, ly$gen, ly$sols},\n"
    "  ly$y = If[MatchQ[ly$yspec, _[ly$x]], Head[ly$yspec], ly$yspec];\n"
    "  ly$all = Lyra`DS`eqs[ly$e];\n"
    "  ly$odes = Select[ly$all, !FreeQ[#, ly$y[ly$x]] || !FreeQ[#, Derivative[_][ly$y][ly$x]] &];\n"
    "  ly$ics = Select[ly$all, FreeQ[#, ly$y[ly$x]] && FreeQ[#, Derivative[_][ly$y][ly$x]] &];\n"
    "  If[Length[ly$odes] != 1 || !MatchQ[ly$odes[[1]], _Equal], Return[$Failed]];\n"
    "  ly$gen = Lyra`DS`general[ly$odes[[1]] /. Equal[ly$a_, ly$b_] :> ly$a - ly$b, ly$y, ly$x];\n"
    "  If[ly$gen === $Failed, Return[$Failed]];\n"
    "  ly$sols = If[ly$ics === {}, ly$gen, Lyra`DS`fit[ly$gen, ly$ics, ly$y, ly$x]];\n"
    "  If[MatchQ[ly$yspec, _[ly$x]], Map[{ly$yspec -> #} &, ly$sols], Map[{ly$y -> Function @@ {{ly$x}, #}} &, ly$sols]]]\n";

static const char rs_source[] =
    "(* RSolve: linear recurrences with constant coefficients *)\n"
    "Lyra`RS`eqs[ly$e_] := Flatten[{ly$e /. And -> List}]\n"
    "\n"
    "(* the shifts of a[n + k] in e *)\n"
    "Lyra`RS`shifts[ly$e_, ly$a_, ly$n_] := Union[Cases[ly$e, ly$a[ly$n + ly$k_Integer] :> ly$k, {0, Infinity}],\n"
    "  If[FreeQ[ly$e, ly$a[ly$n]], {}, {0}]]\n"
    "\n"
    "(* the general solutions of one recurrence p == 0 *)\n"
    "Lyra`RS`general[ly$p0_, ly$a_, ly$n_] := Module[{ly$ks, ly$lo, ly$hi, ly$d, ly$p, ly$c, ly$g, ly$r, ly$cp, ly$roots,\n"
    "    ly$basis = {}, ly$yp, ly$ord, ly$gs, ly$m, ly$guess, ly$cs, ly$eq, ly$sol},\n"
    "  ly$ks = Lyra`RS`shifts[ly$p0, ly$a, ly$n];\n"
    "  If[Length[ly$ks] < 2, Return[$Failed]];\n"
    "  ly$lo = Min[ly$ks]; ly$hi = Max[ly$ks]; ly$ord = ly$hi - ly$lo;\n"
    "  ly$p = Expand[ly$p0 /. {ly$a[ly$n + ly$k_Integer] :> ly$d[ly$k - ly$lo], ly$a[ly$n] :> ly$d[-ly$lo]}];\n"
    "  If[!PolynomialQ[ly$p, Table[ly$d[ly$k], {ly$k, 0, ly$ord}]] || !FreeQ[ly$p, ly$a], Return[$Failed]];\n"
    "  ly$c = Table[Coefficient[ly$p, ly$d[ly$k]], {ly$k, 0, ly$ord}];\n"
    "  ly$g = Expand[ly$p /. ly$d[_] -> 0];\n"
    "  If[!FreeQ[ly$c, ly$d] || !FreeQ[ly$c, ly$n] || !TrueQ[Expand[ly$p - ly$c . Table[ly$d[ly$k], {ly$k, 0, ly$ord}] - ly$g] == 0],\n"
    "    Return[$Failed]];\n"
    "  ly$cp = ly$c . Table[ly$r^ly$k, {ly$k, 0, ly$ord}];\n"
    "  ly$roots = Quiet[ly$r /. Solve[ly$cp == 0, ly$r]];\n"
    "  If[!ListQ[ly$roots] || Length[ly$roots] != ly$ord, Return[$Failed]];\n"
    "  Do[ly$basis = Join[ly$basis, Table[ly$n^ly$j ly$t[[1]]^ly$n, {ly$j, 0, ly$t[[2]] - 1}]], {ly$t, Tally[ly$roots]}];\n"
    "  (* a particular solution of the inhomogeneous part by undetermined\n"
    "     coefficients: g = sum of polynomial(n) b^n terms *)\n"
    "  ly$yp = 0;\n"
    "  If[ly$g =!= 0,\n"
    "    ly$gs = GroupBy[If[Head[ly$g] === Plus, List @@ ly$g, {ly$g}],\n"
    "      Function[ly$u, Module[{ly$b = Cases[ly$u, Power[ly$q_, ly$n] /; FreeQ[ly$q, ly$n] :> ly$q, {0, Infinity}]},\n"
    "        If[ly$b === {}, 1, First[ly$b]]]]];\n"
    "    ly$gs = KeyValueMap[{#1, Expand[Total[#2]/#1^ly$n]} &, ly$gs];\n"
    "    ly$yp = Catch[Do[Module[{ly$b = ly$grp[[1]], ly$q = ly$grp[[2]], ly$deg},\n"
    "        If[!PolynomialQ[ly$q, ly$n], Throw[$Failed]];\n"
    "        ly$deg = Exponent[ly$q, ly$n];\n"
    "        ly$m = Count[ly$roots, ly$rr_ /; TrueQ[Simplify[ly$rr - ly$b] == 0]];\n"
    "        ly$cs = Table[Unique[\"ly$k\"], {ly$deg + 1}];\n"
    "        ly$guess = ly$n^ly$m ly$cs . ly$n^Range[0, ly$deg] ly$b^ly$n;\n"
    "        ly$eq = Expand[Simplify[(ly$c . Table[ly$guess /. ly$n -> ly$n + ly$k + ly$lo, {ly$k, 0, ly$ord}] + ly$q ly$b^ly$n)/ly$b^ly$n]];\n"
    "        ly$sol = Quiet[Solve[Thread[CoefficientList[ly$eq, ly$n] == 0], ly$cs]];\n"
    "        If[!MatchQ[ly$sol, {{___Rule}}], Throw[$Failed]];\n"
    "        ly$yp += ly$guess /. ly$sol[[1]]], {ly$grp, ly$gs}]; ly$yp];\n"
    "    If[!FreeQ[ly$yp, $Failed], Return[$Failed]]];\n"
    "  (* the index n - lo: the recurrence was for a[n + lo], ... *)\n"
    "  {Expand[ly$yp] + Sum[C[ly$i] ly$basis[[ly$i]], {ly$i, ly$ord}]}]\n"
    "\n"
    "Lyra`RS`fit[ly$sols_, ly$ics_, ly$a_, ly$n_] := Flatten[Map[Function[ly$sol, Module[{ly$cs, ly$eq, ly$s},\n"
    "    ly$cs = Union[Cases[ly$sol, C[_], {0, Infinity}]];\n"
    "    ly$eq = Map[# /. ly$a[ly$v_] :> (ly$sol /. ly$n -> ly$v) &, ly$ics];\n"
    "    ly$s = Quiet[Solve[ly$eq, ly$cs]];\n"
    "    If[!MatchQ[ly$s, {{___Rule}..}], {}, Map[Simplify[ly$sol /. #] &, ly$s]]]], ly$sols]]\n"
    "\n"
    "Lyra`RS`rsolve[ly$e_, ly$aspec_, ly$n_Symbol] := Module[{ly$a, ly$all, ly$recs, ly$ics, ly$gen, ly$sols},\n"
    "  ly$a = If[MatchQ[ly$aspec, _[ly$n]], Head[ly$aspec], ly$aspec];\n"
    "  ly$all = Lyra`RS`eqs[ly$e];\n"
    "  ly$recs = Select[ly$all, !FreeQ[#, ly$n] &];\n"
    "  ly$ics = Select[ly$all, FreeQ[#, ly$n] &];\n"
    "  If[Length[ly$recs] != 1 || !MatchQ[ly$recs[[1]], _Equal], Return[$Failed]];\n"
    "  ly$gen = Lyra`RS`general[ly$recs[[1]] /. Equal[ly$l_, ly$rr_] :> ly$l - ly$rr, ly$a, ly$n];\n"
    "  If[ly$gen === $Failed, Return[$Failed]];\n"
    "  ly$sols = If[ly$ics === {}, ly$gen, Lyra`RS`fit[ly$gen, ly$ics, ly$a, ly$n]];\n"
    "  If[MatchQ[ly$aspec, _[ly$n]], Map[{ly$aspec -> #} &, ly$sols], Map[{ly$a -> Function @@ {{ly$n}, #}} &, ly$sols]]]\n";

static const char nd_source[] =
    "(* NDSolve: explicit Runge-Kutta (Dormand-Prince 5(4)) with step control *)\n"
    "Lyra`ND`eqs[ly$e_] := Flatten[{ly$e /. And -> List}]\n"
    "\n"
    "Lyra`ND`order[ly$e_, ly$f_, ly$x_] := Max[0, Cases[ly$e, Derivative[ly$k_][ly$f][ly$x] :> ly$k, {0, Infinity}, Heads -> True]]\n"
    "\n"
    "(* one Dormand-Prince step of size h from (x, y) with slope k1 = f(x, y):\n"
    "   {y5, y4-y5 error estimate, k7 = f(x + h, y5)} *)\n"
    "Lyra`ND`step[ly$f_, ly$x_, ly$y_, ly$k1_, ly$h_] := Module[{ly$k2, ly$k3, ly$k4, ly$k5, ly$k6, ly$k7, ly$y5, ly$err},\n"
    "  ly$k2 = ly$f[ly$x + ly$h/5, ly$y + ly$h (ly$k1/5)];\n"
    "  ly$k3 = ly$f[ly$x + 3 ly$h/10, ly$y + ly$h (3/40 ly$k1 + 9/40 ly$k2)];\n"
    "  ly$k4 = ly$f[ly$x + 4 ly$h/5, ly$y + ly$h (44/45 ly$k1 - 56/15 ly$k2 + 32/9 ly$k3)];\n"
    "  ly$k5 = ly$f[ly$x + 8 ly$h/9, ly$y + ly$h (19372/6561 ly$k1 - 25360/2187 ly$k2 + 64448/6561 ly$k3 - 212/729 ly$k4)];\n"
    "  ly$k6 = ly$f[ly$x + ly$h, ly$y + ly$h (9017/3168 ly$k1 - 355/33 ly$k2 + 46732/5247 ly$k3 + 49/176 ly$k4 - 5103/18656 ly$k5)];\n"
    "  ly$y5 = ly$y + ly$h (35/384 ly$k1 + 500/1113 ly$k3 + 125/192 ly$k4 - 2187/6784 ly$k5 + 11/84 ly$k6);\n"
    "  ly$k7 = ly$f[ly$x + ly$h, ly$y5];\n"
    "  ly$err = ly$h (71/57600 ly$k1 - 71/16695 ly$k3 + 71/1920 ly$k4 - 17253/339200 ly$k5 + 22/525 ly$k6 - 1/40 ly$k7);\n"
    "  {ly$y5, ly$err, ly$k7}]\n"
    "\n"
    "(* a point inside a step at theta in [0, 1]: the cubic Hermite interpolant\n"
    "   of the values and slopes at its ends *)\n"
    "Lyra`ND`dense[ly$y_, ly$y1_, ly$k1_, ly$k7_, ly$h_, ly$t_] :=\n"
    "  (2 ly$t^3 - 3 ly$t^2 + 1) ly$y + (ly$t^3 - 2 ly$t^2 + ly$t) ly$h ly$k1 + (3 ly$t^2 - 2 ly$t^3) ly$y1 + (ly$t^3 - ly$t^2) ly$h ly$k7\n"
    "\n"
    "(* integrates y' = f(x, y) from x0 to x1: the list of {x, y} points *)\n"
    "Lyra`ND`integrate[ly$f_, ly$x0_, ly$y0_, ly$x1_, ly$maxsteps_, ly$var_] := Module[{ly$x = ly$x0, ly$y = ly$y0, ly$k1, ly$h, ly$pts,\n"
    "    ly$r, ly$err, ly$n = 0, ly$dir = Sign[ly$x1 - ly$x0], ly$tol = 10.^-9, ly$hmax = Abs[ly$x1 - ly$x0]/100, ly$fac},\n"
    "  ly$k1 = ly$f[ly$x, ly$y];\n"
    "  ly$h = ly$dir Min[ly$hmax, Abs[ly$x1 - ly$x0]/1000. + 10.^-6];\n"
    "  ly$pts = {{ly$x, ly$y}};\n"
    "  While[ly$dir (ly$x1 - ly$x) > 10.^-12 Abs[ly$x1 - ly$x0],\n"
    "    If[ly$n++ > ly$maxsteps, Message[NDSolve::mxst, ly$maxsteps, With[{ly$v = ly$x}, HoldForm[ly$var == ly$v]]]; Break[]];\n"
    "    If[ly$dir (ly$x + ly$h - ly$x1) > 0, ly$h = ly$x1 - ly$x];\n"
    "    ly$r = Lyra`ND`step[ly$f, ly$x, ly$y, ly$k1, ly$h];\n"
    "    ly$err = Max[Abs[ly$r[[2]]]/(ly$tol (1 + Abs[ly$y]))];\n"
    "    If[!NumberQ[ly$err], Message[NDSolve::ndnum, With[{ly$v = ly$x}, HoldForm[ly$var == ly$v]]]; Break[]];\n"
    "    If[ly$err <= 1,\n"
    "      (* accepted: two dense points inside the step, then its end *)\n"
    "      ly$pts = Join[ly$pts, Map[{ly$x + # ly$h, Lyra`ND`dense[ly$y, ly$r[[1]], ly$k1, ly$r[[3]], ly$h, #]} &, {1/3, 2/3}], {{ly$x + ly$h, ly$r[[1]]}}];\n"
    "      ly$x += ly$h; ly$y = ly$r[[1]]; ly$k1 = ly$r[[3]]];\n"
    "    ly$fac = If[ly$err == 0, 5, Min[5, Max[0.2, 0.9 ly$err^(-1/5)]]];\n"
    "    ly$h = ly$dir Min[ly$hmax, Abs[ly$h] ly$fac];\n"
    "    If[Abs[ly$h] < 10.^-14 Max[1, Abs[ly$x]], Message[NDSolve::ndsz, With[{ly$v = ly$x}, HoldForm[ly$var == ly$v]]]; Break[]]];\n"
    "  ly$pts]\n"
    "\n"
    "Lyra`ND`ndsolve[ly$e_, ly$fspec_, {ly$x_Symbol, ly$a_, ly$b_}] := Module[{ly$fs, ly$all, ly$odes, ly$ics, ly$ord, ly$syms,\n"
    "    ly$dvars, ly$top, ly$sol, ly$rhs, ly$rep, ly$fun, ly$y0, ly$x0, ly$pts, ly$left, ly$right, ly$ifs, ly$k, ly$state},\n"
    "  ly$fs = Map[If[MatchQ[#, _[ly$x]], Head[#], #] &, Flatten[{ly$fspec}]];\n"
    "  ly$all = Lyra`ND`eqs[ly$e];\n"
    "  ly$odes = Select[ly$all, !FreeQ[#, Alternatives @@ Map[#[ly$x] &, ly$fs]] || !FreeQ[#, Derivative[_][Alternatives @@ ly$fs][ly$x]] &];\n"
    "  ly$ics = Complement[ly$all, ly$odes];\n"
    "  ly$ord = Map[Max[1, Lyra`ND`order[ly$odes, #, ly$x]] &, ly$fs];\n"
    "  (* state symbols: f and its derivatives below the order *)\n"
    "  ly$syms = Table[Unique[\"Lyra`ND`s\"], {Total[ly$ord]}];\n"
    "  ly$state = Flatten[Table[Derivative[ly$k][ly$fs[[ly$i]]][ly$x], {ly$i, Length[ly$fs]}, {ly$k, 0, ly$ord[[ly$i]] - 1}]] /. Derivative[0][ly$g_] :> ly$g;\n"
    "  ly$top = Table[Derivative[ly$ord[[ly$i]]][ly$fs[[ly$i]]][ly$x], {ly$i, Length[ly$fs]}];\n"
    "  ly$dvars = Table[Unique[\"Lyra`ND`d\"], {Length[ly$fs]}];\n"
    "  ly$rep = Join[Thread[ly$top -> ly$dvars], Thread[ly$state -> ly$syms]];\n"
    "  ly$sol = Quiet[Solve[ly$odes /. ly$rep, ly$dvars]];\n"
    "  If[!MatchQ[ly$sol, {{__Rule}, ___}], Message[NDSolve::ntdv]; Return[$Failed]];\n"
    "  ly$rhs = ly$dvars /. First[ly$sol];\n"
    "  (* the derivative of the state: the next state variable, or the solved highest derivative *)\n"
    "  ly$fun = Function @@ {Join[{ly$x}, ly$syms], N[Flatten[Table[If[ly$k < ly$ord[[ly$i]] - 1,\n"
    "        ly$syms[[Total[Take[ly$ord, ly$i - 1]] + ly$k + 2]], ly$rhs[[ly$i]]], {ly$i, Length[ly$fs]}, {ly$k, 0, ly$ord[[ly$i]] - 1}]]]};\n"
    "  ly$fun = With[{ly$raw = ly$fun}, (ly$raw @@ Prepend[#2, #1]) &];\n"
    "  (* initial values at one point *)\n"
    "  ly$x0 = Union[Cases[ly$ics, (Derivative[_][Alternatives @@ ly$fs] | Alternatives @@ ly$fs)[ly$c_] :> ly$c, {0, Infinity}, Heads -> True]];\n"
    "  If[Length[ly$x0] != 1, Message[NDSolve::ndnco]; Return[$Failed]];\n"
    "  ly$x0 = First[ly$x0];\n"
    "  ly$y0 = ly$state /. ly$x -> ly$x0;\n"
    "  ly$y0 = Quiet[N[ly$y0 /. First[Solve[ly$ics, ly$y0]]]];\n"
    "  If[!VectorQ[ly$y0, NumberQ], Message[NDSolve::ndnco]; Return[$Failed]];\n"
    "  ly$pts = {};\n"
    "  ly$left = If[N[ly$a] < N[ly$x0], Reverse[Lyra`ND`integrate[ly$fun, N[ly$x0], ly$y0, N[ly$a], 10000, ly$x]], {}];\n"
    "  ly$right = If[N[ly$b] > N[ly$x0], Lyra`ND`integrate[ly$fun, N[ly$x0], ly$y0, N[ly$b], 10000, ly$x], {}];\n"
    "  ly$pts = Join[If[ly$left === {}, {}, Most[ly$left]], If[ly$right === {}, ly$left[[-1 ;;]], ly$right]];\n"
    "  ly$ifs = Table[Interpolation[Map[{#[[1]], #[[2, Total[Take[ly$ord, ly$i - 1]] + 1]]} &, ly$pts]], {ly$i, Length[ly$fs]}];\n"
    "  {Table[If[MatchQ[Flatten[{ly$fspec}][[ly$i]], _[ly$x]], ly$fs[[ly$i]][ly$x] -> ly$ifs[[ly$i]][ly$x],\n"
    "      ly$fs[[ly$i]] -> ly$ifs[[ly$i]]], {ly$i, Length[ly$fs]}]}]\n";

static bool load(LyVM *vm, const char *flag_name, const char *src, size_t len) {
    LyExpr flag = ly_symbol(vm, flag_name);
    if (ly_own_value(vm, flag)) return true;      /* borrowed */
    int q = ly_set_quiet(vm, 1);
    LyStatus st = ly_eval_string(vm, src, len, "stdlib", NULL);
    ly_set_quiet(vm, q);
    if (st != LY_OK) return false;
    ly_set_own_value(vm, flag, LY_SYM(True));
    return true;
}

/* f[eqs, y, x] through the loaded solver; value: only the expressions */

/* The *SolveValue forms: fn (Wolfram text, a Function) applied to the
 * solutions r (stolen). */
static LyExpr solution_values(LyVM *vm, LyExpr r, const char *fn, const char *chunk) {
    LyExpr vals = lys_text_expr(vm, fn, chunk);
    LyExpr out = vals ? lys_apply_eval(vm, vals, 1, &r) : NULL;
    ly_unref(vm, vals);
    ly_unref(vm, r);
    return out;
}
static LyExpr solve_with(LyVM *vm, LyExpr e, bool rec, bool value) {
    if (!lys_argc(vm, e, 3, 3)) return NULL;
    LyExpr vars = ly_narg(e, 2), x = ly_narg(e, 3);
    if (!ly_is_sym(x) || ly_head_is(vars, LY_SYM(List))) return NULL;
    bool ok = rec ? load(vm, "Lyra`RS`loaded", rs_source, sizeof rs_source - 1)
                  : load(vm, "Lyra`DS`loaded", ds_source, sizeof ds_source - 1);
    if (!ok) return NULL;
    LyExpr r = lys_apply_eval(vm, ly_symbol(vm, rec ? "Lyra`RS`rsolve" : "Lyra`DS`dsolve"), 3, ly_nargs(e));
    if (!r || !ly_head_is(r, LY_SYM(List))) { ly_unref(vm, r); return NULL; }
    if (!value) return r;
    /* DSolveValue: the right sides; one solution alone */
    return solution_values(vm, r, "Function[s, If[Length[s] == 1, s[[1, 1, 2]], s[[All, 1, 2]]]]", "DSolveValue");
}

/* NDSolve[eqns, funcs, {x, xmin, xmax}]; value: only the functions */
static LyExpr ndsolve(LyVM *vm, LyExpr e, bool value) {
    if (!lys_argc(vm, e, 3, SIZE_MAX)) return NULL;
    LyExpr r3 = ly_narg(e, 3);
    if (!ly_head_is(r3, LY_SYM(List)) || ly_nlen(r3) != 3 || !ly_is_sym(ly_narg(r3, 1))) return NULL;
    if (!load(vm, "Lyra`ND`loaded", nd_source, sizeof nd_source - 1)) return NULL;
    LyExpr r = lys_apply_eval(vm, ly_symbol(vm, "Lyra`ND`ndsolve"), 3, ly_nargs(e));
    if (!r || !ly_head_is(r, LY_SYM(List))) { ly_unref(vm, r); return NULL; }
    if (!value) return r;
    return solution_values(vm, r, "Function[s, If[Length[s[[1]]] == 1, s[[1, 1, 2]], s[[1, All, 2]]]]", "NDSolveValue");
}

static LyExpr b_ndsolve(LyVM *vm, LyExpr e) { return ndsolve(vm, e, false); }
static LyExpr b_ndsolvevalue(LyVM *vm, LyExpr e) { return ndsolve(vm, e, true); }
static LyExpr b_dsolve(LyVM *vm, LyExpr e) { return solve_with(vm, e, false, false); }
static LyExpr b_dsolvevalue(LyVM *vm, LyExpr e) { return solve_with(vm, e, false, true); }
static LyExpr b_rsolve(LyVM *vm, LyExpr e) { return solve_with(vm, e, true, false); }
static LyExpr b_rsolvevalue(LyVM *vm, LyExpr e) { return solve_with(vm, e, true, true); }

static const LyBuiltin dsolve_builtins[] = {
    { "DSolve", b_dsolve, "Protected",
      "DSolve[eqn, u, x] solves a differential equation for the function u, with independent variable x.\n"
      "DSolve[{eqn, ics...}, u[x], x] fits the constants to the initial or boundary conditions ics." },
    { "DSolveValue", b_dsolvevalue, "Protected",
      "DSolveValue[eqn, expr, x] gives the value of expr determined by a symbolic solution to the ordinary differential equation eqn with independent variable x." },
    { "RSolve", b_rsolve, "Protected",
      "RSolve[eqn, a[n], n] solves a recurrence equation for a[n].\nRSolve[{eqn, ics...}, a[n], n] fits the constants to the initial conditions." },
    { "RSolveValue", b_rsolvevalue, "Protected",
      "RSolveValue[eqn, expr, n] gives the value of expr determined by a symbolic solution to the recurrence equation eqn." },
    { "NDSolve", b_ndsolve, "Protected",
      "NDSolve[eqns, u, {x, xmin, xmax}] finds a numerical solution to the ordinary differential equations eqns for the function u with the independent variable x in the range xmin to xmax.\n"
      "NDSolve[eqns, {u1, u2, ...}, {x, xmin, xmax}] solves a system for the functions ui (explicit Runge-Kutta, Dormand-Prince 5(4), with step control)." },
    { "NDSolveValue", b_ndsolvevalue, "Protected",
      "NDSolveValue[eqns, expr, {x, xmin, xmax}] gives the value of expr with functions determined by a numerical solution to the ordinary differential equations eqns." },
    { "C", NULL, "NHoldAll Protected", "C[i] is the default form for the ith parameter or constant generated in representing the results of various symbolic computations." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_dsolve(LyVM *vm);
LyStatus lys_open_dsolve(LyVM *vm) {
    ly_set_message(vm, "NDSolve", "mxst", "Maximum number of `1` steps reached at the point `2`.");
    ly_set_message(vm, "NDSolve", "ndsz", "At `1`, step size is effectively zero; singularity or stiff system suspected.");
    ly_set_message(vm, "NDSolve", "ndnum", "Encountered non-numerical value for a derivative at `1`.");
    ly_set_message(vm, "NDSolve", "ntdv", "Cannot solve to find an explicit formula for the derivatives.");
    ly_set_message(vm, "NDSolve", "ndnco", "The number of constraints is not equal to the total differential order of the system, or the initial values are not numbers at one point.");
    return ly_register_table(vm, dsolve_builtins);
}
