(* BlankSequence and BlankNullSequence *)
Print[MatchQ[f[], f[__]]]
(* expect: False *)
Print[MatchQ[f[], f[___]]]
(* expect: True *)
Print[MatchQ[f[1, 2, 3], f[__]]]
(* expect: True *)
Print[MatchQ[f[1, 2, 3], f[__Integer]]]
(* expect: True *)
Print[MatchQ[f[1, a, 3], f[__Integer]]]
(* expect: False *)
Print[f[1, 2, 3] /. f[x__] :> {x}]
(* expect: {1, 2, 3} *)
Print[f[1, 2, 3] /. f[x__, y__] :> {{x}, {y}}]
(* expect: {{1}, {2, 3}} *)
Print[f[1, 2, 3] /. f[x___, y__] :> {{x}, {y}}]
(* expect: {{}, {1, 2, 3}} *)
Print[f[1, 2, 3] /. f[x__, y___] :> {{x}, {y}}]
(* expect: {{1}, {2, 3}} *)
Print[f[a, b, c, d] /. f[x__, c, y__] :> {{x}, {y}}]
(* expect: {{a, b}, {d}} *)
Print[f[1, 2] /. f[x___, y___, z___] :> {{x}, {y}, {z}}]
(* expect: {{}, {}, {1, 2}} *)
Print[{1, 2, 3, 4} /. {x__, y_} :> {{x}, y}]
(* expect: {{1, 2, 3}, 4} *)
Print[{a, b, c} /. {___, x_, ___} :> x]
(* expect: a *)
Print[f[] /. f[x___] :> g[x]]
(* expect: g[] *)
Print[f[a] /. f[x__] :> g[x]]
(* expect: g[a] *)
Print[f[a, b] /. f[x__] :> g[x]]
(* expect: g[a, b] *)
Print[MatchQ[{1, 2, a}, {__Integer, _Symbol}]]
(* expect: True *)
Print[MatchQ[{}, {___}]]
(* expect: True *)
Print[MatchQ[{}, {__}]]
(* expect: False *)
Print[ReplaceList[f[a, b, c], f[x__, y__] :> {{x}, {y}}]]
(* expect: {{{a}, {b, c}}, {{a, b}, {c}}} *)
Print[ReplaceList[{a, b, c}, {___, x_, ___} :> x]]
(* expect: {a, b, c} *)
Print[ReplaceList[f[a, b], f[x___, y___] :> {{x}, {y}}]]
(* expect: {{{}, {a, b}}, {{a}, {b}}, {{a, b}, {}}} *)
Print[MatchQ[f[a, b, c], f[a, __]]]
(* expect: True *)
Print[MatchQ[f[b, c], f[a, ___]]]
(* expect: False *)
