(* Repeated and RepeatedNull *)
Print[MatchQ[{a, a, a}, {a ..}]]
(* expect: True *)
Print[MatchQ[{a, b, a}, {a ..}]]
(* expect: False *)
Print[MatchQ[{}, {a ..}]]
(* expect: False *)
Print[MatchQ[{}, {a ...}]]
(* expect: True *)
Print[MatchQ[{1, 2, 3}, {_Integer ..}]]
(* expect: True *)
Print[MatchQ[{1, 1, 1}, {x_ ..}]]
(* expect: True *)
Print[MatchQ[{1, 2, 1}, {x_ ..}]]
(* expect: False *)
Print[MatchQ[{a, a}, {Repeated[a, {2}]}]]
(* expect: True *)
Print[MatchQ[{a, a, a}, {Repeated[a, {2}]}]]
(* expect: False *)
Print[MatchQ[{a, a, a}, {Repeated[a, {1, 3}]}]]
(* expect: True *)
Print[MatchQ[{a, a, a, a}, {Repeated[a, 3]}]]
(* expect: False *)
Print[{f[a, a, b]} /. f[x : a .., y___] :> {{x}, {y}}]
(* expect: {{{a}, {a, b}}} *)
Print[Cases[{{1, 2}, {1, a}, {}}, {__Integer}]]
(* expect: {{1, 2}} *)
Print[Cases[{{1, 2}, {1, a}, {}}, {___Integer}]]
(* expect: {{1, 2}, {}} *)
Print[MatchQ[{{1, 2}, {3, 4}}, {{_, _} ..}]]
(* expect: True *)
Print[MatchQ[{{1, 2}, {3}}, {{_, _} ..}]]
(* expect: False *)
