(* Optional and defaults *)
Print[f[a] /. f[x_, y_:0] :> {x, y}]
(* expect: {a, 0} *)
Print[f[a, b] /. f[x_, y_:0] :> {x, y}]
(* expect: {a, b} *)
Print[f[a] /. f[x_:1, y_:2] :> {x, y}]
(* expect: {a, 2} *)
Print[f[] /. f[x_:1, y_:2] :> {x, y}]
(* expect: {1, 2} *)
Print[f[a] /. f[x_., y_] :> {x, y}]
(* expect: f[a] *)
Print[a /. x_. + y_ :> {x, y}]
(* expect: {0, a} *)
Print[a /. x_. * y_ :> {x, y}]
(* expect: {1, a} *)
Print[x /. x^n_. :> n]
(* expect: 1 *)
Print[x^3 /. x^n_. :> n]
(* expect: 3 *)
Print[{x, x^2, x^5} /. x^n_. :> n]
(* expect: {1, 2, 5} *)
Print[{x, 2 x, 3 x} /. a_. x :> a]
(* expect: {1, 2, 3} *)
Print[{2 + x, x} /. a_. + x :> a]
(* expect: {2, 0} *)
Print[MatchQ[x, x^n_.]]
(* expect: True *)
Print[MatchQ[f[a], f[a, _.]]]
(* expect: False *)
Print[MatchQ[f[a], f[a, _:0]]]
(* expect: True *)
Print[Cases[{f[1], f[1, 2]}, f[x_, y_:10] :> x + y]]
(* expect: {11, 3} *)
Print[Optional[x_, 0] === (x_ : 0)]
(* expect: True *)
