(* MatrixExp, Projection, Orthogonalize, FindFit and small functions
   written in Wolfram language (stdlib/derived_math.c). *)
Print[{MatrixExp[{{0, 1}, {-1, 0}}], MatrixExp[{{1, 1}, {0, 1}}], MatrixExp[{{a, 0}, {0, b}}]}]
(* expect: {{{Cos[1], Sin[1]}, {-Sin[1], Cos[1]}}, {{E, E}, {0, E}}, {{E^a, 0}, {0, E^b}}} *)
Print[{MatrixExp[{{0, t}, {-t, 0}}], MatrixExp[{{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}]}]
(* expect: {{{Cos[t], Sin[t]}, {-Sin[t], Cos[t]}}, {{1, 1, 1/2}, {0, 1, 1}, {0, 0, 1}}} *)
Print[MatrixExp[{{1., 2.}, {3., 4.}}]]
(* expect: {{51.969, 74.7366}, {112.105, 164.074}} *)
Print[{Projection[{1, 2}, {1, 0}], Projection[{1, 2, 3}, {1, 1, 1}], Orthogonalize[{{1, 1}, {1, 0}}]}]
(* expect: {{1, 0}, {2, 2, 2}, {{1/Sqrt[2], 1/Sqrt[2]}, {1/Sqrt[2], -(1/Sqrt[2])}}} *)
Print[FindFit[{{1, 2.1}, {2, 3.9}, {3, 6.2}}, a x + b, {a, b}, x]]
(* expect: {a -> 2.05, b -> -0.0333333} *)
data = Table[{x, 3 Exp[-0.5 x] + 0.01 Sin[7 x]}, {x, 0, 5, 0.25}];
Print[FindFit[data, a Exp[-k x], {a, k}, x]]
(* expect: {a -> 3.00159, k -> 0.500247} *)
Print[FindFit[Table[{x, Sin[2.5 x + 0.3]}, {x, 0, 3, 0.1}], Sin[w x + p], {{w, 2}, {p, 0}}, x]]
(* expect: {w -> 2.5, p -> 0.3} *)
Print[{CompositeQ[{1, 4, 7, 9}], DigitSum[12345], MantissaExponent[125], MantissaExponent[0.001]}]
(* expect: {{False, True, False, True}, 15, {1/8, 3}, {0.1, -2}} *)
Print[{LogisticSigmoid[0], DiscreteDelta[0, 0], DiscreteDelta[1, 0], DiracDelta[2], RealAbs[-3]}]
(* expect: {1/2, 1, 0, 0, 3} *)
Print[{PolynomialLCM[x^2 - 1, x^2 + 2 x + 1], Roots[x^2 - 3 x + 2 == 0, x], ToRules[x == 1 || x == 2]}]
(* expect: {(-1 + x) (1 + x)^2, x == 1 || x == 2, {{x -> 1}, {x -> 2}}} *)
Print[{Refine[Sqrt[x^2], x > 0], Assuming[x > 0, Simplify[Sqrt[x^2]]], Simplify[Sqrt[x^2]], $Assumptions}]
(* expect: {x, x, Sqrt[x^2], True} *)
