(* Flat, Orderless, OneIdentity *)
Print[a + b + c /. a + c -> z]
(* expect: b + z *)
Print[a + b + c /. a + c + x_ :> {x}]
(* expect: {b} *)
Print[a + b + c /. x_ + y_ :> {x, y}]
(* expect: {a, b + c} *)
Print[MatchQ[a + b + c, a + c + x_]]
(* expect: True *)
Print[MatchQ[b + a, a + b]]
(* expect: True *)
Print[a b c /. a c -> z]
(* expect: b z *)
Print[a b c d /. b d x_ :> {x}]
(* expect: {a c} *)
Print[{a + b, b + c, c + a} /. b + x_ :> {x}]
(* expect: {{a}, {c}, a + c} *)
Print[a + b /. x_Symbol + y_Symbol :> {x, y}]
(* expect: {a, b} *)
Print[2 + x /. n_Integer + y_ :> {n, y}]
(* expect: {2, x} *)
Print[3 x /. n_Integer y_ :> {n, y}]
(* expect: {3, x} *)
Print[a + b + c + d /. x_ + y_ + z_ :> {x, y, z}]
(* expect: {a, b, c + d} *)
SetAttributes[f, Flat]
Print[f[a, b, c] /. f[x_, c] :> {x}]
(* expect: {f[a, b]} *)
Print[f[a, b, c] /. f[a, x_] :> {x}]
(* expect: {f[b, c]} *)
Print[f[a, b, c] /. f[x_, y_] :> {x, y}]
(* expect: {a, f[b, c]} *)
Print[f[a, b, c] /. f[a, b] -> z]
(* expect: f[z, c] *)
Print[f[a, b, c] /. f[b, c] -> z]
(* expect: f[a, z] *)
Print[f[a, b, c] /. f[x__, c] :> {x}]
(* expect: {a, b} *)
SetAttributes[g, {Flat, Orderless}]
Print[g[a, b, c] /. g[a, c] -> z]
(* expect: g[b, z] *)
Print[g[c, a, b] /. g[x_, b] :> {x}]
(* expect: {g[a, c]} *)
SetAttributes[o, Orderless]
Print[o[b, a] /. o[a, x_] :> {x}]
(* expect: {b} *)
Print[MatchQ[o[1, a], o[_Symbol, _Integer]]]
(* expect: True *)
Print[MatchQ[o[1, a, b], o[_Symbol, _Integer]]]
(* expect: False *)
Print[ReplaceList[o[a, b, c], o[x_, y__] :> {x, {y}}]]
(* expect: {{a, {b, c}}, {b, {a, c}}, {c, {a, b}}} *)
