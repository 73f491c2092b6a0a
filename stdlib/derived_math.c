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
               "Module[{ly$v = Lyra`dtvars[#1]}, D[#1 /. Map[Function[ly$s, ly$s -> ly$s[Lyra`dt]], ly$v], Lyra`dt] /. "
               "Join[Map[Function[ly$s, Derivative[1][ly$s][Lyra`dt] -> Dt[ly$s]], ly$v], "
               "Map[Function[ly$s, ly$s[Lyra`dt] -> ly$s], ly$v]]]] &" },
    { "Dt", 2, "Which[#1 === #2, 1, NumericQ[#1], 0, Head[#1] === Symbol && !MemberQ[Attributes[#1], Constant], ly$uneval, "
               "MatchQ[#1, _List], Map[Function[ly$e, Dt[ly$e, #2]], #1], True, "
               "Module[{ly$v = DeleteCases[Lyra`dtvars[#1], #2]}, D[#1 /. Map[Function[ly$s, ly$s -> ly$s[#2]], ly$v], #2] /. "
               "Join[Map[Function[ly$s, Derivative[1][ly$s][#2] -> Dt[ly$s, #2]], ly$v], "
               "Map[Function[ly$s, ly$s[#2] -> ly$s], ly$v]]]] &" },
    /* ---- functions ---- */
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
    { "PolygonalNumber", "PolygonalNumber[n] gives the nth triangular number.\nPolygonalNumber[r, n] gives the nth r-gonal number." },
    { "Haversine", "Haversine[z] gives the haversine function (1 - Cos[z])/2." },
    { "InverseHaversine", "InverseHaversine[z] gives the inverse haversine function 2 ArcSin[Sqrt[z]]." },
    { "ProductLog", "ProductLog[z] gives the principal solution for w in z = w e^w." },
    { NULL, NULL }
};

/* the variables Dt differentiates through: symbols that are not constants */
static const char defs[] =
    "Lyra`dtvars[e_] := Select[Union[Cases[e, _Symbol, {-1}, Heads -> False]], "
    "Function[s, !NumericQ[s] && !MemberQ[Attributes[s], Constant] && s =!= True && s =!= False]];\n"
    "Unprotect[Haversine, InverseHaversine, ProductLog, PolygonalNumber];\n"
    "SetAttributes[{Haversine, InverseHaversine, ProductLog, PolygonalNumber}, {Listable, NumericFunction}];\n"
    "Protect[Haversine, InverseHaversine, ProductLog, PolygonalNumber];\n";

LyStatus lys_open_derived_math(LyVM *vm) {
    return ly_eval_string(vm, defs, sizeof defs - 1, "stdlib", NULL) == LY_OK ? LY_OK : LY_ERRMEM;
}
