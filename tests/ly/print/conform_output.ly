(* OutputForm of what users type first, as one-line text of what Wolfram's
   text kernel shows (docs/conformance.md) *)
Print[{a - b, -x, x/y, 1/(2 x), x^-1, Sqrt[x], E^x, a*b^-2, -a*b, -2 a b^2, a/(b c)}]
(* expect: {a - b, -x, x/y, 1/(2 x), 1/x, Sqrt[x], E^x, a/b^2, -(a b), -2 a b^2, a/(b c)} *)
Print[{x^(1/3), (a + b)^2, (a + b)/c, a^b^c, (a^b)^c, 1/Sqrt[x], x - 3, 3 - x}]
(* expect: {x^(1/3), (a + b)^2, (a + b)/c, a^b^c, (a^b)^c, 1/Sqrt[x], -3 + x, 3 - x} *)
(* Wolfram takes the -1 of -1/2 into the sum: -(a + b)/2 is (-a - b)/2 *)
Print[{1/3, -1/3, 2/3 x, x/2, -x/2, (a + b)/2, -(a + b)/2}]
(* expect: {1/3, -1/3, (2 x)/3, x/2, -x/2, (a + b)/2, (-a - b)/2} *)
Print[{"a", "b c", {"x", {"y"}}}]         (* expect: {a, b c, {x, {y}}} *)
Print[<|a -> 1, "b" -> "c"|>]             (* expect: <|a -> 1, b -> c|> *)
Print[{a -> b, a :> b, x_ -> x^2, x_ /; x > 0 :> 1}]
(* expect: {a -> b, a :> b, x_ -> x^2, x_ /; x > 0 :> 1} *)
Print[{#1 + 1 &, # &, #x &, Function[x, x^2], #1 + #2 &, ## &}]
(* expect: {#1 + 1 & , #1 & , #x & , Function[x, x^2], #1 + #2 & , ##1 & } *)
Print[{f'[x], f''[x], Derivative[1][f], Derivative[2, 1][f][x, y]}]
(* expect: {f'[x], f''[x], f', Derivative[2, 1][f][x, y]} *)
Print[{Infinity, -Infinity, ComplexInfinity, Indeterminate}]
(* expect: {Infinity, -Infinity, ComplexInfinity, Indeterminate} *)
Print[{DirectedInfinity[I], DirectedInfinity[-I], Hold[DirectedInfinity[1 + I]]}]
(* expect: {I Infinity, -I Infinity, Hold[(1 + I) Infinity]} *)
Print[InputForm[Hold[DirectedInfinity[I]]]]   (* expect: Hold[DirectedInfinity[I]] *)
Print[{Hold[1 + 1], HoldForm[1 + 1], HoldComplete[f[x]], HoldPattern[x_]}]
(* expect: {Hold[1 + 1], 1 + 1, HoldComplete[f[x]], HoldPattern[x_]} *)
Print[{2 I, 3 + 4 I, 1/2 + I/3, -I, I x, 2.5 I, 1. - 2. I, Complex[0., 1.]}]
(* expect: {2 I, 3 + 4 I, 1/2 + I/3, -I, I x, 0. + 2.5 I, 1. - 2. I, 0. + 1. I} *)
Print[{x == y, x != y, x >= y, a && b, a || b, !a, a < b <= c}]
(* expect: {x == y, x != y, x >= y, a && b, a || b, !a, a < b <= c} *)
Print[{f[x][y], a;;b, x^2 + 2 x + 1, Expand[(x + y)^3], -(x y), 1 + x^2 - x^3}]
(* expect: {f[x][y], a ;; b, 1 + 2 x + x^2, x^3 + 3 x^2 y + 3 x y^2 + y^3, -(x y), 1 + x^2 - x^3} *)
Print[{-2 x, -x^2, (-1)^n, a - 2 b + 3 c/4, 1/(-1 + x) - 1/(1 + x)}]
(* expect: {-2 x, -x^2, (-1)^n, a - 2 b + (3 c)/4, 1/(-1 + x) - 1/(1 + x)} *)
Print[{Sqrt[2]/2, 3 Sqrt[2], x Sqrt[y], Sqrt[x]/y, Log[x]/Log[2], E^(I x)}]
(* expect: {1/Sqrt[2], 3 Sqrt[2], x Sqrt[y], Sqrt[x]/y, Log[x]/Log[2], E^(I x)} *)
Print[{1.0 x, 0.5 x^2, -0.5 x, (1 + I) x, -I x, a + b I}]
(* expect: {1. x, 0.5 x^2, -0.5 x, (1 + I) x, -I x, a + I b} *)
Print[Hold[x = 1; y = 2;]]                (* expect: Hold[x = 1; y = 2; ] *)
Print[Hold[f[x_] := x^2]]                 (* expect: Hold[f[x_] := x^2] *)
Print[Hold[(#1 + #2 &)[1, 2]]]            (* expect: Hold[(#1 + #2 & )[1, 2]] *)
Print[Hold[#^2 & /@ {1, 2}]]              (* expect: Hold[(#1^2 & ) /@ {1, 2}] *)
Print["x = ", 5, " and ", 1/3., {a, "b"}] (* expect: x = 5 and 0.333333{a, b} *)
Print[StringForm["`1` is `2`", a, 1.5]]   (* expect: a is 1.5 *)
Print[{ToString[x^2 + 1/2], ToString["a", InputForm], ToString[{1.5, 2}, FullForm]}]
(* expect: {1/2 + x^2, "a", List[1.5`, 2]} *)
(* square roots of negative and complex machine numbers are exact in their parts *)
Print[{Sqrt[-4.], Sqrt[-2.], (-4.)^0.5, Sqrt[1 + I]}]
(* expect: {0. + 2. I, 0. + 1.41421 I, 0. + 2. I, Sqrt[1 + I]} *)
(* a rational imaginary coefficient is parenthesized, as Wolfram writes (I/3)*Pi *)
Print[{E^(I Pi/3), I Pi/3, -I Pi/2, 1/2 + I/3}]   (* expect: {E^((I/3) Pi), (I/3) Pi, (-I/2) Pi, 1/2 + I/3} *)
Print[InputForm[{I Pi/3, 2 I x/3}]]       (* expect: {(I/3)*Pi, ((2*I)/3)*x} *)
