(* Longest, Shortest, PatternSequence, OptionsPattern *)
Print[{1, 2, 3, 4} /. {x__, y__} :> {{x}, {y}}]
(* expect: {{1}, {2, 3, 4}} *)
Print[{1, 2, 3, 4} /. {Longest[x__], y__} :> {{x}, {y}}]
(* expect: {{1, 2, 3}, {4}} *)
Print[{1, 2, 3, 4} /. {x__, Shortest[y__]} :> {{x}, {y}}]
(* expect: {{1}, {2, 3, 4}} *)
Print[{a, b, c, a, b} /. {x___, PatternSequence[a, b], y___} :> {{x}, {y}}]
(* expect: {{}, {c, a, b}} *)
Print[MatchQ[{a, b, a, b}, {PatternSequence[a, b] ..}]]
(* expect: True *)
Print[MatchQ[f[1, a -> 2], f[_, OptionsPattern[]]]]
(* expect: True *)
Print[MatchQ[f[1], f[_, OptionsPattern[]]]]
(* expect: True *)
Print[MatchQ[f[1, 2], f[_, OptionsPattern[]]]]
(* expect: False *)
Print[MatchQ[f[1, {a -> 2, b :> 3}], f[_, OptionsPattern[]]]]
(* expect: True *)
