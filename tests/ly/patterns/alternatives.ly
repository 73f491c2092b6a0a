(* Alternatives *)
Print[MatchQ[a, a | b]]
(* expect: True *)
Print[MatchQ[c, a | b]]
(* expect: False *)
Print[{a, b, c, d} /. (a | b) -> z]
(* expect: {z, z, c, d} *)
Print[Cases[{1, "x", 2.5, y}, _String | _Symbol]]
(* expect: {x, y} *)
Print[f[a] /. f[x : (a | b)] :> {x}]
(* expect: {a} *)
Print[{f[1], g[2], h[3]} /. (f | g)[x_] :> x]
(* expect: {1, 2, h[3]} *)
Print[MatchQ[f[1, 2], f[_, _] | f[_]]]
(* expect: True *)
Print[MatchQ[{1, "a"}, {(_Integer | _String) ..}]]
(* expect: True *)
Print[Count[{1, a, 2, b, "c"}, _Integer | _String]]
(* expect: 3 *)
Print[{a, b} /. {x_, y_} :> {y, x} | z]
(* expect: {b, a} | z *)
