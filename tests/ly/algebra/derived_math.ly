(* Matrices, polynomials, vector calculus and total derivatives written in
   Wolfram language (stdlib/derived_math.c). *)
m = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
Print[{Diagonal[m], Diagonal[m, 1], Diagonal[m, -1]}]
(* expect: {{1, 5, 9}, {2, 6}, {4, 8}} *)
Print[{UpperTriangularize[m], LowerTriangularize[m, -1]}]
(* expect: {{{1, 2, 3}, {0, 5, 6}, {0, 0, 9}}, {{0, 0, 0}, {4, 0, 0}, {7, 8, 0}}} *)
Print[HilbertMatrix[3]]
(* expect: {{1, 1/2, 1/3}, {1/2, 1/3, 1/4}, {1/3, 1/4, 1/5}} *)
Print[{ToeplitzMatrix[3], ToeplitzMatrix[{a, b, c}, {a, d, e}]}]
(* expect: {{{1, 2, 3}, {2, 1, 2}, {3, 2, 1}}, {{a, d, e}, {b, a, d}, {c, b, a}}} *)
Print[VandermondeMatrix[{a, b, c}]]
(* expect: {{1, a, a^2}, {1, b, b^2}, {1, c, c^2}} *)
Print[{RotationMatrix[Pi/2], RotationMatrix[t, {0, 0, 1}]}]
(* expect: {{{0, -1}, {1, 0}}, {{Cos[t], -Sin[t], 0}, {Sin[t], Cos[t], 0}, {0, 0, 1}}} *)
Print[ReflectionMatrix[{1, 1}]]
(* expect: {{0, -1}, {-1, 0}} *)
Print[LeviCivitaTensor[3][[1]]]
(* expect: {{0, 0, 0}, {0, 0, 1}, {0, -1, 0}} *)
Print[TensorProduct[{1, 2}, {a, b}]]
(* expect: {{a, b}, {2 a, 2 b}} *)
Print[ArrayFlatten[{{{{1, 2}, {3, 4}}, 0}, {0, {{5}}}}]]
(* expect: {{1, 2, 0}, {3, 4, 0}, {0, 0, 5}} *)
Print[{FactorTerms[3 x^2 + 6 x], FactorTerms[-2 x - 4], FactorTermsList[4 x^2 - 8]}]
(* expect: {3 (2 x + x^2), -2 (2 + x), {4, -2 + x^2}} *)
Print[FactorTerms[3 + 3 a + 6 a x + 6 x + 12 a x^2 + 12 x^2, x]]
(* expect: 3 (1 + a) (1 + 2 x + 4 x^2) *)
Print[{FactorList[x^2 - 1], FactorList[(x + 1)^3 (x - 2)]}]
(* expect: {{{1, 1}, {-1 + x, 1}, {1 + x, 1}}, {{1, 1}, {-2 + x, 1}, {1 + x, 3}}} *)
Print[{Resultant[x^2 - 1, x - 2, x], Resultant[a x + b, c x + d, x]}]
(* expect: {3, -(b c) + a d} *)
Print[{Discriminant[a x^2 + b x + c, x], Discriminant[x^3 + p x + q, x]}]
(* expect: {b^2 - 4 a c, -4 p^3 - 27 q^2} *)
Print[HornerForm[1 + 2 x + 3 x^2 + 4 x^3]]
(* expect: 1 + x (2 + x (3 + 4 x)) *)
Print[CoefficientRules[x^2 + 3 x y + 1, {x, y}]]
(* expect: {{2, 0} -> 1, {1, 1} -> 3, {0, 0} -> 1} *)
Print[{MonomialList[x^2 + 3 x y + 1], FromCoefficientRules[{{2, 0} -> 1, {1, 1} -> 3}, {x, y}]}]
(* expect: {{x^2, 3 x y, 1}, x^2 + 3 x y} *)
Print[{PolynomialMod[3 x^2 + 2 x + 5, 2], PolynomialMod[x^3 + 1, x^2 + 1]}]
(* expect: {1 + x^2, 1 - x} *)
Print[SymmetricPolynomial[2, {a, b, c}]]
(* expect: a b + a c + b c *)
Print[Table[Cyclotomic[n, x], {n, 1, 6}]]
(* expect: {-1 + x, 1 + x, 1 + x + x^2, 1 + x^2, 1 + x + x^2 + x^3 + x^4, 1 - x + x^2} *)
Print[{Grad[x^2 + y^2, {x, y}], Grad[{x y, x + y}, {x, y}]}]
(* expect: {{2 x, 2 y}, {{y, x}, {1, 1}}} *)
Print[{Div[{x, y, z}, {x, y, z}], Curl[{y, -x, 0}, {x, y, z}], Curl[{-y, x}, {x, y}], Laplacian[x^2 + y^2 + z^2, {x, y, z}]}]
(* expect: {3, {0, 0, -2}, 2, 6} *)
Print[Dt[x y]]
(* expect: y Dt[x] + x Dt[y] *)
Print[{Dt[x^2 + y, x], Dt[Sin[x y], x], Dt[x^2], Dt[Pi x], Dt[x, x], Dt[5]}]
(* expect: {2 x + Dt[y, x], Cos[x y] (y + x Dt[y, x]), 2 x Dt[x], Pi Dt[x], 1, 0} *)
Print[{PolygonalNumber[10], PolygonalNumber[5, 4], Haversine[Pi/3]}]
(* expect: {55, 22, 1/4} *)
Print[{ProductLog[1.], ProductLog[E], N[ProductLog[2]], ProductLog[-0.2]}]
(* expect: {0.567143, 1, 0.852606, -0.259171} *)
Print[D[ProductLog[x], x]]
(* expect: ProductLog[x]/(x (1 + ProductLog[x])) *)
