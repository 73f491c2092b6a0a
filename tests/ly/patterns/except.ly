(* Except, Verbatim, HoldPattern *)
Print[Cases[{1, a, 2, b}, Except[_Integer]]]
(* expect: {a, b} *)
Print[Cases[{1, a, 2.5, b}, Except[_Symbol, _?NumberQ]]]
(* expect: {1, 2.5} *)
Print[DeleteCases[{1, a, 2, b}, Except[_Integer]]]
(* expect: {1, 2} *)
Print[MatchQ[x, Except[y]]]
(* expect: True *)
Print[MatchQ[y, Except[y]]]
(* expect: False *)
Print[MatchQ[f[1, a, 2], f[Except[_String] ..]]]
(* expect: True *)
Print[MatchQ[x_, Verbatim[x_]]]
(* expect: True *)
Print[MatchQ[y, Verbatim[x_]]]
(* expect: False *)
Print[Cases[{x_, y, _}, Verbatim[_]]]
(* expect: {_} *)
Print[{f[x_], f[a]} /. Verbatim[f[x_]] -> z]
(* expect: {z, f[a]} *)
Print[MatchQ[1 + 1, HoldPattern[1 + 1]]]
(* expect: False *)
Print[Hold[1 + 1] /. HoldPattern[1 + 1] -> two]
(* expect: Hold[two] *)
Print[Hold[a + b] /. HoldPattern[x_ + y_] :> x * y]
(* expect: Hold[a b] *)
Print[MatchQ[f[a], HoldPattern[f[_]]]]
(* expect: True *)
