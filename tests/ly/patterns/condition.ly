(* Condition and PatternTest *)
Print[Cases[{1, -2, 3, -4}, x_ /; x > 0]]
(* expect: {1, 3} *)
Print[{1, -2, 3} /. x_ /; x < 0 :> 0]
(* expect: {1, 0, 3} *)
Print[Cases[{1, 2, 3, 4, 5, 6}, _?EvenQ]]
(* expect: {2, 4, 6} *)
Print[Cases[{1, 2.5, a, 3}, _?NumberQ]]
(* expect: {1, 2.5, 3} *)
Print[MatchQ[4, _Integer?(# > 3 &)]]
(* expect: True *)
Print[MatchQ[2, _Integer?(# > 3 &)]]
(* expect: False *)
Print[f[1, 2, 3] /. f[___, x_, ___] :> x /; x > 1]
(* expect: 2 *)
Print[f[1, 2, 3] /. f[___, x_ /; x > 2, ___] :> x]
(* expect: 3 *)
Print[MatchQ[f[1, 2], f[x_, y_] /; x < y]]
(* expect: True *)
Print[MatchQ[f[2, 1], f[x_, y_] /; x < y]]
(* expect: False *)
Print[MatchQ[{1, 2, 3}, {__?IntegerQ}]]
(* expect: True *)
Print[MatchQ[{1, 2, a}, {__?IntegerQ}]]
(* expect: False *)
Print[ReplaceList[{1, 2, 3, 4}, {___, x_, y_, ___} /; x + y == 5 :> {x, y}]]
(* expect: {{2, 3}} *)
Print[Cases[{{1, 2}, {2, 1}, {3, 3}}, {x_, y_} /; x < y]]
(* expect: {{1, 2}} *)
Print[MatchQ[5, x_ /; OddQ[x]]]
(* expect: True *)
