(* Replace and ReplaceList *)
Print[Replace[x, x -> 1]]
(* expect: 1 *)
Print[Replace[{x}, x -> 1]]
(* expect: {x} *)
Print[Replace[f[a], f[x_] :> g[x]]]
(* expect: g[a] *)
Print[Replace[{1, {2}}, x_Integer :> x + 10, {2}]]
(* expect: {1, {12}} *)
Print[Replace[{1, {2}}, x_Integer :> x + 10, {1}]]
(* expect: {11, {2}} *)
Print[Replace[{1, {2}}, x_Integer :> x + 10, 2]]
(* expect: {11, {12}} *)
Print[Replace[{1, {2}}, x_Integer :> x + 10, Infinity]]
(* expect: {11, {12}} *)
Print[Replace[{1, {2}}, x_Integer :> x + 10, All]]
(* expect: {11, {12}} *)
Print[Replace[x, {x -> 1, x -> 2}]]
(* expect: 1 *)
Print[Replace[x, {{x -> 1}, {x -> 2}}]]
(* expect: {1, 2} *)
Print[Replace[{a, b}, {x_, y_} :> {y, x}, {0}]]
(* expect: {b, a} *)
Print[Replace[{{a, b}, {c, d}}, {x_, y_} :> {y, x}, {1}]]
(* expect: {{b, a}, {d, c}} *)
Print[ReplaceList[{a, b, c}, {x___, y_, z___} :> y]]
(* expect: {a, b, c} *)
Print[ReplaceList[{a, b, c}, {x___, y_, z___} :> y, 2]]
(* expect: {a, b} *)
Print[ReplaceList[f[a], f[b] -> c]]
(* expect: {} *)
Print[ReplaceList[x, {x -> 1, x -> 2}]]
(* expect: {1, 2} *)
Print[ReplaceList[a + b, x_ + y_ :> {x, y}]]
(* expect: {{a, b}, {b, a}} *)
