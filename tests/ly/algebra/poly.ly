(* Coefficient, CoefficientList, Exponent, Variables, PolynomialQ, Collect,
   PolynomialGCD, PolynomialQuotient, PolynomialRemainder *)
Print[Coefficient[(x + 1)^3, x, 2]]
(* expect: 3 *)
Print[Coefficient[a x^2 + b x + c, x]]
(* expect: b *)
Print[Coefficient[a x^2 + b x + c, x, 0]]
(* expect: c *)
Print[Coefficient[a x^2 + b x + c, x^2]]
(* expect: a *)
Print[Coefficient[x^2 + x y + y^2, x y]]
(* expect: 1 *)
Print[Coefficient[(x + y)^2, x]]
(* expect: 2 y *)
Print[Coefficient[3 x^3, x, 2]]
(* expect: 0 *)
Print[CoefficientList[1 + 2 x + 3 x^3, x]]
(* expect: {1, 2, 0, 3} *)
Print[CoefficientList[(x + 1)^4, x]]
(* expect: {1, 4, 6, 4, 1} *)
Print[CoefficientList[a x^2 + b x + c, x]]
(* expect: {c, b, a} *)
Print[CoefficientList[1 + x + y + x y, {x, y}]]
(* expect: {{1, 1}, {1, 1}} *)
Print[CoefficientList[0, x]]
(* expect: {} *)
Print[CoefficientList[5, x]]
(* expect: {5} *)
Print[Exponent[x^3 + x, x]]
(* expect: 3 *)
Print[Exponent[(x + 1)^5, x]]
(* expect: 5 *)
Print[Exponent[a x^2 + b, y]]
(* expect: 0 *)
Print[Exponent[0, x]]
(* expect: -Infinity *)
Print[Exponent[x^2 y^3 + x y, {x, y}]]
(* expect: {2, 3} *)
Print[Exponent[Sqrt[x] + 1, x]]
(* expect: 1/2 *)
Print[Variables[(x + y)^2 + 3 z^2 - y z + 7]]
(* expect: {x, y, z} *)
Print[Variables[x + Sin[y]]]
(* expect: {x, Sin[y]} *)
Print[Variables[1/(a + b)]]
(* expect: {a, b} *)
Print[Variables[Sqrt[2] x + Pi]]
(* expect: {x} *)
Print[Variables[5]]
(* expect: {} *)
Print[PolynomialQ[x^2 + 1, x]]
(* expect: True *)
Print[PolynomialQ[1/x, x]]
(* expect: False *)
Print[PolynomialQ[x^2 + y, {x, y}]]
(* expect: True *)
Print[PolynomialQ[Sin[x] + 1, x]]
(* expect: False *)
Print[PolynomialQ[Sin[y] x + 1, x]]
(* expect: True *)
Print[PolynomialQ[Sqrt[x], x]]
(* expect: False *)
Print[PolynomialQ[x^2 + 2 x]]
(* expect: True *)
Print[Collect[a x + b x + c x^2 + d x^2 + e, x] /. {a -> 1, b -> 2, c -> 3, d -> 4, e -> 5}]
(* expect: 5 + 3 x + 7 x^2 *)
Print[PolynomialGCD[x^2 - 1, x^2 - 2 x + 1]]
(* expect: -1 + x *)
Print[PolynomialGCD[x^3 - 1, x^2 - 1]]
(* expect: -1 + x *)
Print[PolynomialGCD[x^2 + 1, x + 2]]
(* expect: 1 *)
Print[PolynomialGCD[x^2 - y^2, x^2 + 2 x y + y^2]]
(* expect: x + y *)
Print[PolynomialQuotient[x^3 + 2 x + 1, x - 1, x]]
(* expect: 3 + x + x^2 *)
Print[PolynomialRemainder[x^3 + 2 x + 1, x - 1, x]]
(* expect: 4 *)
Print[PolynomialQuotient[x^2 + 1, 2 x, x]]
(* expect: x/2 *)
Print[PolynomialRemainder[x^2 + 1, 2 x, x]]
(* expect: 1 *)
Print[PolynomialQuotient[x^2 + y, x + y, x]]
(* expect: x - y *)
Print[PolynomialRemainder[x^2 + y, x + y, x]]
(* expect: y + y^2 *)
Print[PolynomialQuotient[x^4, x^2 + 1, x]]
(* expect: -1 + x^2 *)
