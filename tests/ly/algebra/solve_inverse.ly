(* Solve through inverse functions: Log, powers (solutions checked), E^u and
   b^u (with C[1] over the complexes), ArcSin/ArcCos/ArcTan *)
Print[Solve[Log[x] == 1, x]]
(* expect: {{x -> E}} *)
Print[{Solve[Sqrt[x] == 3, x], Solve[Sqrt[x] == -3, x], Solve[x^(1/3) == 2, x]}]
(* expect: {{{x -> 9}}, {}, {{x -> 8}}} *)
Print[Solve[Exp[x] == 2, x]]
(* expect: {{x -> ConditionalExpression[2 I Pi C[1] + Log[2], C[1] ∈ Integers]}} *)
Print[{Solve[Exp[x] == 2, x, Reals], Solve[2^x == 8, x, Reals], Solve[Exp[x] == -1, x, Reals]}]
(* expect: {{{x -> Log[2]}}, {{x -> 3}}, {}} *)
Print[Solve[Log[x + 1] == 2, x]]
(* expect: {{x -> -1 + E^2}} *)
Print[Solve[ArcSin[x] == Pi/6, x]]
(* expect: {{x -> 1/2}} *)
Print[Solve[3 Exp[2 x] + 1 == 7, x, Reals]]
(* expect: {{x -> Log[2]/2}} *)
Print[Solve[Exp[x^2] == E, x, Reals]]
(* expect: {{x -> -1}, {x -> 1}} *)
