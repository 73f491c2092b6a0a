/*
 * derived_math.c — mathematical builtins with a Wolfram-language body (the
 * mechanism is derived.c's): matrices (Diagonal, UpperTriangularize,
 * LowerTriangularize, HilbertMatrix, ToeplitzMatrix, VandermondeMatrix,
 * RotationMatrix, ReflectionMatrix, LeviCivitaTensor, TensorProduct,
 * ArrayFlatten), polynomials (FactorTerms, FactorTermsList, FactorList,
 * Resultant, Discriminant, HornerForm, CoefficientRules, MonomialList,
 * FromCoefficientRules, PolynomialMod, SymmetricPolynomial, Cyclotomic),
 * vector calculus and total derivatives (Grad, Div, Curl, Laplacian, Dt),
 * and a few functions (PolygonalNumber, Haversine, InverseHaversine,
 * ProductLog).  Written against lyra.h + lyra_ext.h.
 */
#include <string.h>
#include "lys_data.h"

/* the terms of Expand[#] as a list */
#define TERMS(p) "If[Head[Expand[" p "]] === Plus, List @@ Expand[" p "], {Expand[" p "]}]"
/* the numeric coefficient of a term */
#define COEF(t) "If[NumberQ[" t "], " t ", If[Head[" t "] === Times && NumberQ[First[" t "]], First[" t "], 1]]"

const LysDerived lys_derived_math[] = {
    /* ---- matrices ---- */
    { "Diagonal", 1, "If[MatrixQ[#1], Table[#1[[ly$i, ly$i]], {ly$i, Min[Take[Dimensions[#1], 2]]}], ly$uneval] &" },
    { "Diagonal", 2, "If[MatrixQ[#1] && IntegerQ[#2], Module[{ly$d = Dimensions[#1]}, "
                     "Table[#1[[ly$i, ly$i + #2]], {ly$i, Max[1, 1 - #2], Min[ly$d[[1]], ly$d[[2]] - #2]}]], ly$uneval] &" },
    { "UpperTriangularize", 1, "UpperTriangularize[#1, 0] &" },
    { "UpperTriangularize", 2, "If[MatrixQ[#1] && IntegerQ[#2], "
                               "MapIndexed[Function[{ly$x, ly$p}, If[ly$p[[2]] - ly$p[[1]] >= #2, ly$x, 0]], #1, {2}], ly$uneval] &" },
    { "LowerTriangularize", 1, "LowerTriangularize[#1, 0] &" },
    { "LowerTriangularize", 2, "If[MatrixQ[#1] && IntegerQ[#2], "
                               "MapIndexed[Function[{ly$x, ly$p}, If[ly$p[[2]] - ly$p[[1]] <= #2, ly$x, 0]], #1, {2}], ly$uneval] &" },
    { "HilbertMatrix", 1, "Which[IntegerQ[#1] && #1 >= 0, Table[1/(ly$i + ly$j - 1), {ly$i, #1}, {ly$j, #1}], "
                          "MatchQ[#1, {_Integer?NonNegative, _Integer?NonNegative}], "
                          "Table[1/(ly$i + ly$j - 1), {ly$i, #1[[1]]}, {ly$j, #1[[2]]}], True, ly$uneval] &" },
    { "ToeplitzMatrix", 1, "Which[IntegerQ[#1] && #1 >= 0, ToeplitzMatrix[Range[#1]], ListQ[#1], "
                           "Table[#1[[Abs[ly$i - ly$j] + 1]], {ly$i, Length[#1]}, {ly$j, Length[#1]}], True, ly$uneval] &" },
    { "ToeplitzMatrix", 2, "If[ListQ[#1] && ListQ[#2], Table[If[ly$i >= ly$j, #1[[ly$i - ly$j + 1]], #2[[ly$j - ly$i + 1]]], "
                           "{ly$i, Length[#1]}, {ly$j, Length[#2]}], ly$uneval] &" },
    { "VandermondeMatrix", 1, "If[ListQ[#1], Table[If[ly$j == 1, 1, #1[[ly$i]]^(ly$j - 1)], {ly$i, Length[#1]}, {ly$j, Length[#1]}], ly$uneval] &" },
    { "RotationMatrix", 1, "{{Cos[#1], -Sin[#1]}, {Sin[#1], Cos[#1]}} &" },
    { "RotationMatrix", 2, "If[!(VectorQ[#2] && Length[#2] == 3), ly$uneval, "
                           "Module[{ly$n = #2/Sqrt[#2 . #2], ly$c = Cos[#1], ly$s = Sin[#1]}, "
                           "ly$c IdentityMatrix[3] + ly$s {{0, -ly$n[[3]], ly$n[[2]]}, {ly$n[[3]], 0, -ly$n[[1]]}, {-ly$n[[2]], ly$n[[1]], 0}} + "
                           "(1 - ly$c) Outer[Times, ly$n, ly$n]]] &" },
    { "ReflectionMatrix", 1, "If[VectorQ[#1], IdentityMatrix[Length[#1]] - 2 Outer[Times, #1, Conjugate[#1]]/(#1 . Conjugate[#1]), ly$uneval] &" },
    { "LeviCivitaTensor", 1, "If[IntegerQ[#1] && #1 >= 1, Array[Signature[{##}] &, ConstantArray[#1, #1]], ly$uneval] &" },
    { "TensorProduct", -1, "Which[Length[{##}] == 1, #1, AllTrue[{##}, ListQ], Outer[Times, ##], True, ly$uneval] &" },
    { "ArrayFlatten", 1,
      "If[!(ListQ[#1] && AllTrue[#1, ListQ] && Length[Union[Map[Length, #1]]] == 1), ly$uneval, "
      "Module[{ly$t = #1, ly$h, ly$w}, "
      "ly$h = Map[Function[ly$row, FirstCase[ly$row, ly$m_?MatrixQ :> Length[ly$m], 1]], ly$t]; "
      "ly$w = Map[Function[ly$col, FirstCase[ly$col, ly$m_?MatrixQ :> Length[First[ly$m]], 1]], Transpose[ly$t]]; "
      "Join @@ MapIndexed[Function[{ly$row, ly$i}, "
      "Join[Sequence @@ MapIndexed[Function[{ly$b, ly$j}, "
      "If[MatrixQ[ly$b], ly$b, ConstantArray[ly$b, {ly$h[[ly$i[[1]]]], ly$w[[ly$j[[1]]]]}]]], ly$row], 2]], ly$t]]] &" },
    /* MatrixExp: numbers by scaling and squaring of the Taylor series; exact or
     * symbolic matrices by Putzer's method (the eigenvalues, each r_k an integral) */
    { "MatrixExp", 1,
      "If[!SquareMatrixQ[#1], ly$uneval, Module[{ly$m = #1, ly$n = Length[#1]}, "
      "If[MatrixQ[ly$m, NumberQ] && !FreeQ[ly$m, _Real], "
      "Module[{ly$a = N[ly$m], ly$s, ly$t, ly$term}, "
      "ly$s = Max[0, Ceiling[Log[2, Max[1., Max[Total[Abs[ly$a], {2}]]]]] + 1]; ly$a = ly$a/2^ly$s; "
      "ly$t = IdentityMatrix[ly$n]; ly$term = IdentityMatrix[ly$n]; "
      "Do[ly$term = ly$term . ly$a/ly$k; ly$t += ly$term, {ly$k, 1, 20}]; Nest[# . # &, ly$t, ly$s]], "
      "Module[{ly$lam, ly$r, ly$p, ly$res, ly$t, ly$s}, "
      "ly$lam = If[UpperTriangularize[ly$m] === ly$m || LowerTriangularize[ly$m] === ly$m, Diagonal[ly$m], Eigenvalues[ly$m]]; "
      "If[!FreeQ[ly$m, _Symbol], ly$lam = PowerExpand[ly$lam]]; "
      "ly$r = {E^(ly$lam[[1]] ly$t)}; "
      "Do[AppendTo[ly$r, Integrate[E^(ly$lam[[ly$k]] (ly$t - ly$s)) (ly$r[[ly$k - 1]] /. ly$t -> ly$s), {ly$s, 0, ly$t}]], {ly$k, 2, ly$n}]; "
      "If[!FreeQ[ly$r, Integrate], ly$uneval, "
      "ly$p = FoldList[#1 . (ly$m - #2 IdentityMatrix[ly$n]) &, IdentityMatrix[ly$n], Most[ly$lam]]; "
      "ly$res = Sum[(ly$r[[ly$k]] /. ly$t -> 1) ly$p[[ly$k]], {ly$k, ly$n}]; "
      "Map[Simplify, If[FreeQ[ly$lam, _Complex], ly$res, ExpToTrig[ly$res]], {2}]]]]]] &" },
    { "Projection", 2, "If[VectorQ[#1] && VectorQ[#2] && Length[#1] == Length[#2], (#1 . Conjugate[#2])/(#2 . Conjugate[#2]) #2, ly$uneval] &" },
    { "Orthogonalize", 1, "If[!MatrixQ[#1], ly$uneval, Module[{ly$b = {}}, "
                          "Scan[Function[ly$v, Module[{ly$w = ly$v - Total[Map[Function[ly$u, (ly$v . Conjugate[ly$u]) ly$u], ly$b]]}, "
                          "If[!TrueQ[Simplify[ly$w . Conjugate[ly$w]] == 0], AppendTo[ly$b, Simplify[ly$w/Sqrt[ly$w . Conjugate[ly$w]]]], "
                          "AppendTo[ly$b, 0 ly$w]]]], #1]; ly$b]] &" },
    /* FindFit: Levenberg-Marquardt on the residuals, derivatives of the model
     * by D; start values 1 unless given as {p, p0} */
    { "FindFit", 4,
      "Module[{ly$d = N[If[VectorQ[#1], Transpose[{Range[Length[#1]], #1}], #1]], ly$v = Flatten[{#4}], "
      "ly$ps = Flatten[{#3}, 1], ly$syms, ly$cur, ly$g, ly$res, ly$jac, ly$chi, ly$lam = 0.001, ly$new, ly$c0, ly$c1, ly$a, ly$b, ly$delta}, "
      "If[!MatrixQ[ly$d, NumberQ] || Length[First[ly$d]] != Length[ly$v] + 1, ly$uneval, "
      "ly$syms = Map[If[ListQ[#], First[#], #] &, ly$ps]; ly$cur = N[Map[If[ListQ[#], #[[2]], 1] &, ly$ps]]; "
      "ly$g = Map[Function[ly$q, D[#2, ly$q]], ly$syms]; "
      "ly$res = Function[ly$c, Map[Function[ly$pt, Last[ly$pt] - (#2 /. Thread[ly$syms -> ly$c] /. Thread[ly$v -> Most[ly$pt]])], ly$d]]; "
      "ly$jac = Function[ly$c, Map[Function[ly$pt, ly$g /. Thread[ly$syms -> ly$c] /. Thread[ly$v -> Most[ly$pt]]], ly$d]]; "
      "ly$chi = Function[ly$c, Total[Abs[ly$res[ly$c]]^2]]; ly$c0 = ly$chi[ly$cur]; "
      "Do[ly$a = Transpose[ly$jac[ly$cur]] . ly$jac[ly$cur]; ly$b = Transpose[ly$jac[ly$cur]] . ly$res[ly$cur]; "
      "ly$delta = Quiet[LinearSolve[ly$a + ly$lam DiagonalMatrix[Diagonal[ly$a] + 10.^-12], ly$b]]; "
      "If[!VectorQ[ly$delta, NumberQ], Break[]]; ly$new = ly$cur + ly$delta; ly$c1 = ly$chi[ly$new]; "
      "If[ly$c1 <= ly$c0, ly$cur = ly$new; ly$lam = ly$lam/10; "
      "If[Norm[ly$delta] <= 10.^-10 (1 + Norm[ly$cur]) || Abs[ly$c0 - ly$c1] <= 10.^-15 (1 + ly$c0), ly$c0 = ly$c1; Break[]]; ly$c0 = ly$c1, "
      "ly$lam = 10 ly$lam], {200}]; Thread[ly$syms -> ly$cur]]] &" },
    /* Fourier: 1/Sqrt[n] Sum u_r E^(2 Pi I (r - 1) (s - 1)/n), radix 2 where it halves */
    { "Fourier", 1, "If[!VectorQ[#1, NumericQ] || Length[#1] == 0, ly$uneval, "
                    "(If[Lyra`fftQ =!= True, Lyra`fft[Lyra`u_List] := Module[{Lyra`n = Length[Lyra`u], Lyra`e, Lyra`o, Lyra`tw}, If[Lyra`n == 1, Lyra`u, If[OddQ[Lyra`n], Table[Sum[Lyra`u[[Lyra`r]] Exp[2. Pi I (Lyra`r - 1) (Lyra`s - 1)/Lyra`n], {Lyra`r, Lyra`n}], {Lyra`s, Lyra`n}], Lyra`e = Lyra`fft[Lyra`u[[1 ;; ;; 2]]]; Lyra`o = Lyra`fft[Lyra`u[[2 ;; ;; 2]]]; Lyra`tw = Exp[2. Pi I Range[0, Lyra`n/2 - 1]/Lyra`n] Lyra`o; Join[Lyra`e + Lyra`tw, Lyra`e - Lyra`tw]]]]; Lyra`fftQ = True]; Map[Complex[Re[#], N[Im[#]]] &, N[Lyra`fft[N[#1]]]/Sqrt[Length[#1]]])] &" },
    { "InverseFourier", 1, "If[!VectorQ[#1, NumericQ] || Length[#1] == 0, ly$uneval, "
                           "(If[Lyra`fftQ =!= True, Lyra`fft[Lyra`u_List] := Module[{Lyra`n = Length[Lyra`u], Lyra`e, Lyra`o, Lyra`tw}, If[Lyra`n == 1, Lyra`u, If[OddQ[Lyra`n], Table[Sum[Lyra`u[[Lyra`r]] Exp[2. Pi I (Lyra`r - 1) (Lyra`s - 1)/Lyra`n], {Lyra`r, Lyra`n}], {Lyra`s, Lyra`n}], Lyra`e = Lyra`fft[Lyra`u[[1 ;; ;; 2]]]; Lyra`o = Lyra`fft[Lyra`u[[2 ;; ;; 2]]]; Lyra`tw = Exp[2. Pi I Range[0, Lyra`n/2 - 1]/Lyra`n] Lyra`o; Join[Lyra`e + Lyra`tw, Lyra`e - Lyra`tw]]]]; Lyra`fftQ = True]; Map[Complex[Re[#], N[Im[#]]] &, Conjugate[N[Lyra`fft[Conjugate[N[#1]]]]]/Sqrt[Length[#1]]])] &" },
    /* ---- polynomials ---- */
    { "FactorTermsList", 1,
      "Module[{ly$t = " TERMS("#1") ", ly$c}, "
      "ly$c = Apply[GCD, Map[Function[ly$u, " COEF("ly$u") "], ly$t]]; "
      "If[!NumberQ[ly$c] || ly$c == 0, {1, #1}, "
      "If[Module[{ly$l = Last[ly$t]}, (" COEF("ly$l") ") < 0], ly$c = -ly$c]; "
      "{ly$c, Expand[#1/ly$c]}]] &" },
    { "FactorTerms", 1, "Times @@ FactorTermsList[#1] &" },
    { "FactorTerms", 2, "Module[{ly$f = Factor[#1], ly$l, ly$x = #2}, "
                        "ly$l = If[Head[ly$f] === Times, List @@ ly$f, {ly$f}]; "
                        "(Times @@ Select[ly$l, FreeQ[#, ly$x] &]) Expand[Times @@ Select[ly$l, !FreeQ[#, ly$x] &]]] &" },
    { "FactorList", 1, "Module[{ly$f = Factor[#1], ly$l, ly$c}, "
                       "ly$l = If[Head[ly$f] === Times, List @@ ly$f, {ly$f}]; "
                       "ly$c = Times @@ Select[ly$l, NumberQ]; "
                       "Prepend[Map[Function[ly$u, If[Head[ly$u] === Power && IntegerQ[ly$u[[2]]] && ly$u[[2]] > 0, "
                       "{ly$u[[1]], ly$u[[2]]}, {ly$u, 1}]], Select[ly$l, !NumberQ[#] &]], {ly$c, 1}]] &" },
    { "Resultant", 3,
      "If[!(PolynomialQ[#1, #3] && PolynomialQ[#2, #3]), ly$uneval, "
      "Module[{ly$a = Reverse[CoefficientList[#1, #3]], ly$b = Reverse[CoefficientList[#2, #3]], ly$m, ly$n}, "
      "ly$m = Length[ly$a] - 1; ly$n = Length[ly$b] - 1; "
      "Which[ly$a === {} || ly$b === {}, 0, ly$m + ly$n == 0, 1, True, "
      "Expand[Det[Join[Table[Join[ConstantArray[0, ly$i], ly$a, ConstantArray[0, ly$n - 1 - ly$i]], {ly$i, 0, ly$n - 1}], "
      "Table[Join[ConstantArray[0, ly$i], ly$b, ConstantArray[0, ly$m - 1 - ly$i]], {ly$i, 0, ly$m - 1}]]]]]]] &" },
    { "Discriminant", 2, "If[!PolynomialQ[#1, #2], ly$uneval, Module[{ly$m = Exponent[#1, #2]}, "
                         "If[ly$m < 1, 0, Expand[Cancel[(-1)^(ly$m (ly$m - 1)/2) Resultant[#1, D[#1, #2], #2]/Coefficient[#1, #2, ly$m]]]]]] &" },
    { "HornerForm", 1, "Module[{ly$v = Variables[#1]}, Which[ly$v === {}, #1, Length[ly$v] == 1, HornerForm[#1, First[ly$v]], True, ly$uneval]] &" },
    { "HornerForm", 2, "If[PolynomialQ[#1, #2], Fold[Function[{ly$acc, ly$c}, ly$c + #2 ly$acc], 0, Reverse[CoefficientList[#1, #2]]], ly$uneval] &" },
    { "CoefficientRules", 1, "CoefficientRules[#1, Variables[#1]] &" },
    { "CoefficientRules", 2,
      "Module[{ly$v = If[ListQ[#2], #2, {#2}], ly$r}, "
      "If[!PolynomialQ[#1, ly$v], ly$uneval, "
      "ly$r = Map[Function[ly$m, Module[{ly$e = Map[Exponent[ly$m, #] &, ly$v]}, ly$e -> ly$m/(Times @@ (ly$v^ly$e))]], "
      "DeleteCases[" TERMS("#1") ", 0]]; "
      "ly$r = Normal[GroupBy[ly$r, First -> Last, Total]]; "
      "Reverse[SortBy[DeleteCases[ly$r, _ -> 0], First]]]] &" },
    { "MonomialList", 1, "MonomialList[#1, Variables[#1]] &" },
    { "MonomialList", 2, "Module[{ly$v = If[ListQ[#2], #2, {#2}], ly$r}, ly$r = CoefficientRules[#1, ly$v]; "
                         "If[Head[ly$r] === CoefficientRules, ly$uneval, "
                         "Map[Function[ly$q, ly$q[[2]] Times @@ (ly$v^ly$q[[1]])], ly$r]]] &" },
    { "FromCoefficientRules", 2, "Module[{ly$v = If[ListQ[#2], #2, {#2}]}, "
                                 "Total[Map[Function[ly$q, ly$q[[2]] Times @@ (ly$v^ly$q[[1]])], #1]]] &" },
    { "PolynomialMod", 2,
      "Which[IntegerQ[#2] && #2 != 0, Module[{ly$v = Variables[#1]}, "
      "If[ly$v === {}, Mod[#1, #2], Total[Map[Function[ly$q, Mod[ly$q[[2]], #2] Times @@ (ly$v^ly$q[[1]])], CoefficientRules[#1, ly$v]]]]], "
      "PolynomialQ[#2, Variables[#2]] && Length[Variables[#2]] == 1, PolynomialRemainder[#1, #2, First[Variables[#2]]], "
      "True, ly$uneval] &" },
    { "SymmetricPolynomial", 2, "If[IntegerQ[#1] && #1 >= 0 && ListQ[#2], Total[Map[Times @@ # &, Subsets[#2, {#1}]]], ly$uneval] &" },
    { "Cyclotomic", 2, "If[IntegerQ[#1] && #1 > 0, Expand[Cancel[Times @@ Map[Function[ly$d, (#2^ly$d - 1)^MoebiusMu[#1/ly$d]], "
                       "Divisors[#1]]]], ly$uneval] &" },
    /* ---- vector calculus, total derivatives ---- */
    { "Grad", 2, "If[!ListQ[#2], ly$uneval, If[ListQ[#1], Map[Function[ly$f, Map[Function[ly$x, D[ly$f, ly$x]], #2]], #1], "
                 "Map[Function[ly$x, D[#1, ly$x]], #2]]] &" },
    { "Div", 2, "If[ListQ[#1] && ListQ[#2] && Length[#1] == Length[#2], Total[MapThread[D, {#1, #2}]], ly$uneval] &" },
    { "Curl", 2, "Which[!(ListQ[#1] && ListQ[#2] && Length[#1] == Length[#2]), ly$uneval, "
                 "Length[#1] == 2, D[#1[[2]], #2[[1]]] - D[#1[[1]], #2[[2]]], "
                 "Length[#1] == 3, {D[#1[[3]], #2[[2]]] - D[#1[[2]], #2[[3]]], D[#1[[1]], #2[[3]]] - D[#1[[3]], #2[[1]]], "
                 "D[#1[[2]], #2[[1]]] - D[#1[[1]], #2[[2]]]}, True, ly$uneval] &" },
    { "Laplacian", 2, "If[ListQ[#2], Total[Map[Function[ly$x, D[#1, {ly$x, 2}]], #2]], ly$uneval] &" },
    /* the chain rule of D through the variables made functions (y -> y[x]) */
    { "Dt", 1, "Which[NumericQ[#1], 0, Head[#1] === Symbol && !MemberQ[Attributes[#1], Constant], ly$uneval, "
               "MatchQ[#1, _List], Map[Dt, #1], True, "
               "Module[{ly$v = Select[Union[Cases[#1, _Symbol, {-1}, Heads -> False]], Function[ly$q, !NumericQ[ly$q] && !MemberQ[Attributes[ly$q], Constant] && ly$q =!= True && ly$q =!= False]]}, D[#1 /. Map[Function[ly$s, ly$s -> ly$s[Lyra`dt]], ly$v], Lyra`dt] /. "
               "Join[Map[Function[ly$s, Derivative[1][ly$s][Lyra`dt] -> Dt[ly$s]], ly$v], "
               "Map[Function[ly$s, ly$s[Lyra`dt] -> ly$s], ly$v]]]] &" },
    { "Dt", 2, "Which[#1 === #2, 1, NumericQ[#1], 0, Head[#1] === Symbol && !MemberQ[Attributes[#1], Constant], ly$uneval, "
               "MatchQ[#1, _List], Map[Function[ly$e, Dt[ly$e, #2]], #1], True, "
               "Module[{ly$v = DeleteCases[Select[Union[Cases[#1, _Symbol, {-1}, Heads -> False]], Function[ly$q, !NumericQ[ly$q] && !MemberQ[Attributes[ly$q], Constant] && ly$q =!= True && ly$q =!= False]], #2]}, D[#1 /. Map[Function[ly$s, ly$s -> ly$s[#2]], ly$v], #2] /. "
               "Join[Map[Function[ly$s, Derivative[1][ly$s][#2] -> Dt[ly$s, #2]], ly$v], "
               "Map[Function[ly$s, ly$s[#2] -> ly$s], ly$v]]]] &" },
    /* ---- functions ---- */
    { "CompositeQ", 1, "If[ListQ[#1], Map[CompositeQ, #1], IntegerQ[#1] && #1 > 1 && !PrimeQ[#1]] &" },
    { "DigitSum", 1, "If[IntegerQ[#1], Total[IntegerDigits[#1]], ly$uneval] &" },
    { "DigitSum", 2, "If[IntegerQ[#1] && IntegerQ[#2], Total[IntegerDigits[#1, #2]], ly$uneval] &" },
    { "MantissaExponent", 1, "MantissaExponent[#1, 10] &" },
    { "MantissaExponent", 2, "Which[ListQ[#1], Map[Function[ly$x, MantissaExponent[ly$x, #2]], #1], #1 == 0, {#1, 0}, "
                             "NumericQ[#1] && Im[#1] == 0 && IntegerQ[#2] && #2 > 1, "
                             "Module[{ly$e = Floor[Log[#2, Abs[N[#1]]]] + 1}, "
                             "If[Abs[#1/#2^ly$e] >= 1, ly$e++]; If[Abs[#1/#2^ly$e] < 1/#2, ly$e--]; {#1/#2^ly$e, ly$e}], True, ly$uneval] &" },
    { "RealAbs", 1, "Which[ListQ[#1], Map[RealAbs, #1], NumericQ[#1] && Im[#1] == 0, Abs[#1], True, ly$uneval] &" },
    { "RealSign", 1, "Which[ListQ[#1], Map[RealSign, #1], NumericQ[#1] && Im[#1] == 0, Sign[#1], True, ly$uneval] &" },
    { "LogisticSigmoid", 1, "Which[ListQ[#1], Map[LogisticSigmoid, #1], #1 === 0, 1/2, True, 1/(1 + E^(-#1))] &" },
    { "DiscreteDelta", -1, "Which[AllTrue[{##}, NumericQ], If[AllTrue[{##}, # == 0 &], 1, 0], True, ly$uneval] &" },
    { "DiracDelta", -1, "Which[AllTrue[{##}, NumericQ] && AllTrue[{##}, Im[#] == 0 &], If[AnyTrue[{##}, # != 0 &], 0, ly$uneval], True, ly$uneval] &" },
    { "PolynomialLCM", -1, "If[Length[{##}] < 1, ly$uneval, Fold[Function[{ly$a, ly$b}, Factor[Cancel[ly$a ly$b/PolynomialGCD[ly$a, ly$b]]]], {##}]] &" },
    { "Roots", 2, "Module[{ly$s = Solve[#1, #2]}, If[ListQ[ly$s], Or @@ Map[Function[ly$r, #2 == (#2 /. ly$r)], ly$s], ly$uneval]] &" },
    { "NRoots", 2, "Module[{ly$s = NSolve[#1, #2]}, If[ListQ[ly$s], Or @@ Map[Function[ly$r, #2 == (#2 /. ly$r)], ly$s], ly$uneval]] &" },
    { "ToRules", 1, "Module[{ly$o = If[Head[#1] === Or, List @@ #1, {#1}]}, "
                    "Map[Function[ly$c, Map[Function[ly$q, ly$q[[1]] -> ly$q[[2]]], If[Head[ly$c] === And, List @@ ly$c, {ly$c}]]], ly$o]] &" },
    { "Assuming", 2, "Block[{$Assumptions = If[$Assumptions === True, #1, $Assumptions && #1]}, #2] &" },
    { "Refine", 1, "Refine[#1, $Assumptions] &" },
    { "Refine", 2, "If[#2 === True, #1, Simplify[#1, #2]] &" },
    { "ConditionalExpression", 2, "Which[#2 === True, #1, #2 === False, Undefined, True, ly$uneval] &" },
    { "PolygonalNumber", 1, "If[ListQ[#1], Map[PolygonalNumber, #1], #1 (#1 + 1)/2] &" },
    { "PolygonalNumber", 2, "(#2 ((#1 - 2) #2 - #1 + 4))/2 &" },
    { "Haversine", 1, "Which[ListQ[#1], Map[Haversine, #1], NumericQ[#1], (1 - Cos[#1])/2, True, ly$uneval] &" },
    { "InverseHaversine", 1, "Which[ListQ[#1], Map[InverseHaversine, #1], NumericQ[#1], 2 ArcSin[Sqrt[#1]], True, ly$uneval] &" },
    { "ProductLog", 1,
      "Which[ListQ[#1], Map[ProductLog, #1], #1 === 0, 0, #1 === E, 1, #1 === -1/E, -1, "
      "MachineNumberQ[#1] && Im[#1] == 0 && #1 >= -1/E, Module[{ly$x = Re[#1], ly$w, ly$e, ly$f, ly$k = 0}, "
      "ly$w = If[ly$x < 1, -1. + Sqrt[2. (1 + E ly$x)], Log[ly$x] - If[ly$x > 3, Log[Log[ly$x]], 0]]; "
      "While[ly$k++ < 100, ly$e = Exp[ly$w]; ly$f = ly$w ly$e - ly$x; "
      "If[ly$f == 0, Break[]]; "
      "ly$f = ly$f/(ly$e (ly$w + 1) - (ly$w + 2) ly$f/(2 ly$w + 2)); ly$w -= ly$f; "
      "If[Abs[ly$f] <= 4. $MachineEpsilon Abs[ly$w], Break[]]]; ly$w], True, ly$uneval] &" },
    { NULL, 0, NULL }
};

const LysUsage lys_usages_math[] = {
    { "Diagonal", "Diagonal[m] gives the list of elements on the leading diagonal of the matrix m.\nDiagonal[m, k] gives the elements on the kth diagonal of m." },
    { "UpperTriangularize", "UpperTriangularize[m] gives a matrix in which all but the upper triangular elements of m are replaced with zeros.\n"
                            "UpperTriangularize[m, k] replaces with zeros only the elements below the kth subdiagonal of m." },
    { "LowerTriangularize", "LowerTriangularize[m] gives a matrix in which all but the lower triangular elements of m are replaced with zeros.\n"
                            "LowerTriangularize[m, k] replaces with zeros only the elements above the kth subdiagonal of m." },
    { "HilbertMatrix", "HilbertMatrix[n] gives the n\u00d7n Hilbert matrix with elements of the form 1/(i + j - 1).\nHilbertMatrix[{m, n}] gives the m\u00d7n Hilbert matrix." },
    { "ToeplitzMatrix", "ToeplitzMatrix[{c1, c2, ..., cn}] gives the n\u00d7n symmetric Toeplitz matrix with first column ci.\n"
                        "ToeplitzMatrix[{c1, ...}, {r1, ...}] gives the Toeplitz matrix with first column ci and first row rj.\nToeplitzMatrix[n] gives the n\u00d7n Toeplitz matrix with first column {1, 2, ..., n}." },
    { "VandermondeMatrix", "VandermondeMatrix[{x1, x2, ..., xn}] gives an n\u00d7n Vandermonde matrix with entries xi^(j - 1)." },
    { "RotationMatrix", "RotationMatrix[\u03b8] gives the 2D rotation matrix that rotates 2D vectors counterclockwise by \u03b8 radians.\n"
                        "RotationMatrix[\u03b8, w] gives the 3D rotation matrix for a counterclockwise rotation around the 3D vector w." },
    { "ReflectionMatrix", "ReflectionMatrix[v] gives the matrix that represents reflection of points in a mirror normal to the vector v." },
    { "LeviCivitaTensor", "LeviCivitaTensor[d] gives the d-dimensional Levi-Civita totally antisymmetric tensor (as an ordinary array in Lyra)." },
    { "TensorProduct", "TensorProduct[t1, t2, ...] represents the tensor product of the ti." },
    { "ArrayFlatten", "ArrayFlatten[{{m11, m12, ...}, {m21, m22, ...}, ...}] creates a single flattened matrix from a matrix of matrices mij (scalar blocks fill the block with that value)." },
    { "Fourier", "Fourier[list] finds the discrete Fourier transform of a list of complex numbers." },
    { "InverseFourier", "InverseFourier[list] finds the discrete inverse Fourier transform of a list of complex numbers." },
    { "FindFit", "FindFit[data, expr, pars, vars] finds numerical values of the parameters pars that make expr give a best fit to data as a function of vars (least squares, Levenberg-Marquardt; {p, p0} gives a start value)." },
    { "MatrixExp", "MatrixExp[m] gives the matrix exponential of m." },
    { "Projection", "Projection[u, v] finds the projection of the vector u onto the vector v." },
    { "Orthogonalize", "Orthogonalize[{v1, v2, ...}] gives an orthonormal basis found by orthogonalizing the vectors vi." },
    { "FactorTermsList", "FactorTermsList[poly] gives a list in which the first element is the overall numerical factor in poly, and the second element is the polynomial with the overall factor removed." },
    { "FactorTerms", "FactorTerms[poly] pulls out any overall numerical factor in poly.\nFactorTerms[poly, x] pulls out any overall factor in poly that does not depend on x." },
    { "FactorList", "FactorList[poly] gives a list of the factors of a polynomial, together with their exponents." },
    { "Resultant", "Resultant[poly1, poly2, var] computes the resultant of the polynomials poly1 and poly2 with respect to the variable var." },
    { "Discriminant", "Discriminant[poly, var] computes the discriminant of the polynomial poly with respect to the variable var." },
    { "HornerForm", "HornerForm[poly] puts the polynomial poly in Horner form.\nHornerForm[poly, x] puts poly in Horner form with respect to x." },
    { "CoefficientRules", "CoefficientRules[poly, {x1, x2, ...}] gives the list {{e11, e12, ...} -> c1, ...} of exponent vectors and coefficients for the monomials in poly with respect to the xi." },
    { "MonomialList", "MonomialList[poly] gives the list of all monomials in the polynomial poly.\nMonomialList[poly, {x1, x2, ...}] gives the list of monomials with respect to the xi." },
    { "FromCoefficientRules", "FromCoefficientRules[list, {x1, x2, ...}] constructs a polynomial from a list of rules for exponent vectors and coefficients." },
    { "PolynomialMod", "PolynomialMod[poly, m] gives the polynomial poly reduced modulo m." },
    { "SymmetricPolynomial", "SymmetricPolynomial[k, {x1, ..., xn}] gives the kth elementary symmetric polynomial in the variables x1, ..., xn." },
    { "Cyclotomic", "Cyclotomic[n, x] gives the cyclotomic polynomial of order n in x." },
    { "Grad", "Grad[f, {x1, ..., xn}] gives the gradient (df/dx1, ..., df/dxn)." },
    { "Div", "Div[{f1, ..., fn}, {x1, ..., xn}] gives the divergence df1/dx1 + ... + dfn/dxn." },
    { "Curl", "Curl[{f1, f2}, {x1, x2}] gives the curl df2/dx1 - df1/dx2.\nCurl[{f1, f2, f3}, {x1, x2, x3}] gives the curl of the vector field." },
    { "Laplacian", "Laplacian[f, {x1, ..., xn}] gives the Laplacian d^2f/dx1^2 + ... + d^2f/dxn^2." },
    { "Dt", "Dt[f, x] gives the total derivative df/dx.\nDt[f] gives the total differential df." },
    { "CompositeQ", "CompositeQ[n] yields True if n is a composite number, and yields False otherwise." },
    { "DigitSum", "DigitSum[n] gives the sum of the decimal digits in the integer n.\nDigitSum[n, b] gives the sum of the base-b digits in the integer n." },
    { "MantissaExponent", "MantissaExponent[x] gives a list containing the mantissa and exponent of a number x.\nMantissaExponent[x, b] gives the base-b mantissa and exponent of x." },
    { "RealAbs", "RealAbs[x] gives the absolute value of the real number x." },
    { "RealSign", "RealSign[x] gives -1, 0 or 1 depending on whether x is negative, zero or positive." },
    { "LogisticSigmoid", "LogisticSigmoid[z] gives the logistic sigmoid function." },
    { "DiscreteDelta", "DiscreteDelta[n1, n2, ...] gives the discrete delta function \u03b4(n1, n2, ...), equal to 1 if all the ni are zero, and 0 otherwise." },
    { "DiracDelta", "DiracDelta[x] represents the Dirac delta function \u03b4(x)." },
    { "PolynomialLCM", "PolynomialLCM[poly1, poly2, ...] gives the least common multiple of the polynomials polyi." },
    { "Roots", "Roots[lhs == rhs, var] yields a disjunction of equations which represent the roots of a polynomial equation." },
    { "NRoots", "NRoots[lhs == rhs, var] yields a disjunction of equations which represent numerical approximations to the roots of a polynomial equation." },
    { "ToRules", "ToRules[eqns] takes logical combinations of equations, in the form generated by Roots and Reduce, and converts them to lists of rules." },
    { "$Assumptions", "$Assumptions is the default setting for the Assumptions option used in such functions as Simplify, Refine and Integrate." },
    { "Assuming", "Assuming[assum, expr] evaluates expr with assum appended to $Assumptions, so that assum is included in the default assumptions used by functions such as Refine, Simplify and Integrate." },
    { "Refine", "Refine[expr, assum] gives the form of expr that would be obtained if symbols in it were replaced by explicit numerical expressions satisfying the assumptions assum.\nRefine[expr] uses default assumptions specified by any enclosing Assuming constructs." },
    { "ConditionalExpression", "ConditionalExpression[expr, cond] is a symbolic construct that represents the expression expr when the condition cond is True." },
    { "PolygonalNumber", "PolygonalNumber[n] gives the nth triangular number.\nPolygonalNumber[r, n] gives the nth r-gonal number." },
    { "Haversine", "Haversine[z] gives the haversine function (1 - Cos[z])/2." },
    { "InverseHaversine", "InverseHaversine[z] gives the inverse haversine function 2 ArcSin[Sqrt[z]]." },
    { "ProductLog", "ProductLog[z] gives the principal solution for w in z = w e^w." },
    { NULL, NULL }
};

/* the variables Dt differentiates through: symbols that are not constants */
static const char defs[] =
    "Unprotect[Haversine, InverseHaversine, ProductLog, PolygonalNumber, LogisticSigmoid, RealAbs, RealSign];\n"
    "SetAttributes[{Haversine, InverseHaversine, ProductLog, PolygonalNumber, LogisticSigmoid, RealAbs, RealSign}, {Listable, NumericFunction}];\n"
    "Protect[Haversine, InverseHaversine, ProductLog, PolygonalNumber, LogisticSigmoid, RealAbs, RealSign];\n"
    "Unprotect[$Assumptions]; $Assumptions = True;\n"
    "Unprotect[Assuming]; SetAttributes[Assuming, HoldRest]; Protect[Assuming];\n"
    "Unprotect[DiscreteDelta, DiracDelta]; SetAttributes[{DiscreteDelta, DiracDelta}, {Orderless, NumericFunction}]; Protect[DiscreteDelta, DiracDelta];\n";

LyStatus lys_open_derived_math(LyVM *vm) {
    return ly_eval_string(vm, defs, sizeof defs - 1, "stdlib", NULL) == LY_OK ? LY_OK : LY_ERRMEM;
}
