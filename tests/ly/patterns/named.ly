(* Pattern names, repeated names *)
Print[f[a, a] /. f[x_, x_] -> same]
(* expect: same *)
Print[f[a, b] /. f[x_, x_] -> same]
(* expect: f[a, b] *)
Print[MatchQ[{1, 1}, {x_, x_}]]
(* expect: True *)
Print[MatchQ[{1, 2}, {x_, x_}]]
(* expect: False *)
Print[MatchQ[{1, 2, 1, 2}, {x__, x__}]]
(* expect: True *)
Print[MatchQ[{1, 2, 1}, {x__, x__}]]
(* expect: False *)
Print[{1, 2, 3, 1, 2} /. {x__, ___, x__} :> {x}]
(* expect: {1, 2} *)
Print[f[g[1], 1] /. f[g[x_], x_] :> x]
(* expect: 1 *)
Print[f[g[1], 2] /. f[g[x_], x_] :> x]
(* expect: f[g[1], 2] *)
Print[f[a, b] /. f[x_, y_] :> {y, x}]
(* expect: {b, a} *)
Print[{a, {b, c}} /. {x_, {y_, z_}} :> {x, y, z}]
(* expect: {a, b, c} *)
Print[f[{1, 2}] /. f[x : {__}] :> Length[x]]
(* expect: 2 *)
Print[f[{1, 2}] /. f[x : {a_, b_}] :> {x, a, b}]
(* expect: {{1, 2}, 1, 2} *)
Print[h[a][b] /. h_[x_][y_] :> {h, x, y}]
(* expect: {h, a, b} *)
Print[ReplaceAll[f[1, 2], f[x_, y_] :> x + y]]
(* expect: 3 *)
