(* packed arrays match like the lists they stand for *)
r = Range[5];
Print[MatchQ[r, {__Integer}]]
(* expect: True *)
Print[MatchQ[r, {__Real}]]
(* expect: False *)
Print[MatchQ[r, {___}]]
(* expect: True *)
Print[MatchQ[r, _List]]
(* expect: True *)
Print[MatchQ[r, {1, 2, 3, 4, 5}]]
(* expect: True *)
Print[MatchQ[r, {1, __, 5}]]
(* expect: True *)
Print[r /. {x_, y__} :> {y, x}]
(* expect: {2, 3, 4, 5, 1} *)
Print[Cases[r, x_ /; OddQ[x]]]
(* expect: {1, 3, 5} *)
Print[Count[r, _Integer]]
(* expect: 5 *)
Print[r /. 3 -> c]
(* expect: {1, 2, c, 4, 5} *)
Print[Position[r, 4]]
(* expect: {{4}} *)
Print[MemberQ[r, 2]]
(* expect: True *)
Print[FreeQ[r, 7]]
(* expect: True *)
Print[DeleteCases[r, 2 | 4]]
(* expect: {1, 3, 5} *)
Print[MatchQ[Range[1000000], {__Integer}]]
(* expect: True *)
Print[MatchQ[{{1, 2}, {3, 4}}, {{__Integer} ..}]]
(* expect: True *)
Print[Cases[{{1, 2}, {3, 4}}, {x_, _} :> x]]
(* expect: {1, 3} *)
Print[MatchQ[<|a -> 1|>, <|a -> 1|>]]
(* expect: True *)
Print[Cases[<|a -> 1, b -> x|>, _Integer]]
(* expect: {1} *)
