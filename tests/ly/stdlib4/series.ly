(* Series (SeriesData), Normal, SeriesCoefficient, Limit *)
Print[Series[Exp[x], {x, 0, 3}]]
(* expect: 1 + x + x^2/2 + x^3/6 + O[x]^4 *)
Print[Series[Sin[x], {x, 0, 7}]]
(* expect: x - x^3/6 + x^5/120 - x^7/5040 + O[x]^8 *)
Print[Series[Cos[x], {x, 0, 4}]]
(* expect: 1 - x^2/2 + x^4/24 + O[x]^5 *)
Print[Series[1/(1 - x), {x, 0, 4}]]
(* expect: 1 + x + x^2 + x^3 + x^4 + O[x]^5 *)
Print[Series[Log[1 + x], {x, 0, 4}]]
(* expect: x - x^2/2 + x^3/3 - x^4/4 + O[x]^5 *)
Print[Series[Sqrt[1 + x], {x, 0, 3}]]
(* expect: 1 + x/2 - x^2/8 + x^3/16 + O[x]^4 *)
Print[Series[Tan[x], {x, 0, 5}]]
(* expect: x + x^3/3 + (2 x^5)/15 + O[x]^6 *)
Print[Series[Sin[x]/x, {x, 0, 4}]]
(* expect: 1 - x^2/6 + x^4/120 + O[x]^5 *)
Print[Series[1/Sin[x], {x, 0, 3}]]
(* expect: 1/x + x/6 + (7 x^3)/360 + O[x]^4 *)
Print[Series[Exp[x], {x, 1, 2}]]
(* expect: E + E (-1 + x) + (E (-1 + x)^2)/2 + O[-1 + x]^3 *)
Print[Series[ArcTan[x], {x, 0, 5}]]
(* expect: x - x^3/3 + x^5/5 + O[x]^6 *)
Print[Series[f[x], {x, 0, 2}]]
(* expect: f[0] + x f'[0] + (x^2 f''[0])/2 + O[x]^3 *)
Print[Series[(1 + x)^n, {x, 0, 2}]]
(* expect: 1 + n x + ((-1 + n) n x^2)/2 + O[x]^3 *)
Print[Normal[Series[Exp[x], {x, 0, 3}]]]
(* expect: 1 + x + x^2/2 + x^3/6 *)
Print[SeriesCoefficient[Series[Exp[x], {x, 0, 5}], 3]]
(* expect: 1/6 *)
Print[Series[Exp[-x^2], {x, 0, 6}]]
(* expect: 1 - x^2 + x^4/2 - x^6/6 + O[x]^7 *)
Print[Series[Log[x], {x, 1, 3}]]
(* expect: (-1 + x) - (-1 + x)^2/2 + (-1 + x)^3/3 + O[-1 + x]^4 *)
Print[Series[1/x + x, {x, Infinity, 3}]]
(* expect: x + 1/x + O[1/x]^4 *)
Print[Limit[Sin[x]/x, x -> 0]]
(* expect: 1 *)
Print[Limit[(1 + 1/x)^x, x -> Infinity]]
(* expect: E *)
Print[Limit[x^2, x -> 3]]
(* expect: 9 *)
Print[Limit[1/x, x -> 0]]
(* expect: Indeterminate *)
Print[Limit[1/x, x -> 0, Direction -> "FromAbove"]]
(* expect: Infinity *)
Print[Limit[1/x^2, x -> 0]]
(* expect: Infinity *)
Print[Limit[(x^2 - 1)/(x - 1), x -> 1]]
(* expect: 2 *)
Print[Limit[x Log[x], x -> 0]]
(* expect: 0 *)
Print[Limit[(Exp[x] - 1)/x, x -> 0]]
(* expect: 1 *)
Print[Limit[Exp[x], x -> Infinity]]
(* expect: Infinity *)
Print[Limit[Exp[-x], x -> Infinity]]
(* expect: 0 *)
Print[Limit[(2 x^2 + 1)/(x^2 + 3), x -> Infinity]]
(* expect: 2 *)
Print[Limit[ArcTan[x], x -> Infinity]]
(* expect: Pi/2 *)
Print[Limit[(1 - Cos[x])/x^2, x -> 0]]
(* expect: 1/2 *)
Print[Limit[x^x, x -> 0]]
(* expect: 1 *)
Print[Limit[Log[x]/x, x -> Infinity]]
(* expect: 0 *)
Print[Limit[Sqrt[x^2 + x] - x, x -> Infinity]]
(* expect: 1/2 *)
