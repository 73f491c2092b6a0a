(* ReplaceAll *)
Print[{a, b, c} /. {a -> x, b -> y}]
(* expect: {x, y, c} *)
Print[f[a] /. f[x_] :> x^2]
(* expect: a^2 *)
Print[x /. x -> 1]
(* expect: 1 *)
Print[{1, 2, 3} /. x_Integer :> x + 1]
(* expect: {2, 3, 4} *)
Print[a + b + c /. a + c -> z]
(* expect: b + z *)
Print[f[1, 2, 3] /. f[x__] :> {x}]
(* expect: {1, 2, 3} *)
Print[{a, b} /. a -> b /. b -> c]
(* expect: {c, c} *)
Print[{a, b} /. {a -> b, b -> a}]
(* expect: {b, a} *)
Print[f[g[a]] /. {g[x_] -> x, f[x_] -> h[x]}]
(* expect: h[g[a]] *)
Print[f[a] /. f -> g]
(* expect: g[a] *)
Print[{x, y} /. x | y -> z]
(* expect: {z, z} *)
Print[{a, b} /. {{a -> 1}, {a -> 2, b -> 3}}]
(* expect: {{1, b}, {2, 3}} *)
Print[Hold[f[a]] /. f[x_] :> x^2]
(* expect: Hold[a^2] *)
Print[InputForm[Hold[1 + 1] /. 1 -> 2]]
(* expect: Hold[2 + 2] *)
Print[{1, 2, 3} /. {} ]
(* expect: {1, 2, 3} *)
Print[ReplaceAll[{a, b}, a -> c]]
(* expect: {c, b} *)
Print[{a, {a, {a}}} /. a -> b]
(* expect: {b, {b, {b}}} *)
Print[{{1, 2}, {3, 4}} /. {x_, y_} :> {y, x}]
(* expect: {{3, 4}, {1, 2}} *)
Print[{{1, 2}, {3, 4}} /. {x_Integer, y_Integer} :> {y, x}]
(* expect: {{2, 1}, {4, 3}} *)
Print[<|a -> 1, b -> 2|> /. 1 -> 10]
(* expect: <|a -> 10, b -> 2|> *)
Print[f[x] /. x -> Sequence[a, b]]
(* expect: f[a, b] *)
Print[1 + x^2 /. x -> 3]
(* expect: 10 *)
Print[Sqrt[x] /. x -> 4]
(* expect: 2 *)
Print[{a, b, c} /. (b -> Nothing)]
(* expect: {a, c} *)
x = 5;
Print[{x, y} /. y -> x]
(* expect: {5, 5} *)
Clear[x];
Print[{f[1], f[2]} /. f[n_] :> n + 10]
(* expect: {11, 12} *)
