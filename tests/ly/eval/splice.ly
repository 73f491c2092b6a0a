(* Splice (vm/eval.c): into lists, into heads matching its pattern *)
Print[{1, Splice[{2, 3}], 4}]
(* expect: {1, 2, 3, 4} *)
Print[{Splice[{}], a}]
(* expect: {a} *)
Print[f[1, Splice[{2, 3}], 4]]
(* expect: f[1, Splice[{2, 3}], 4] *)
Print[f[1, Splice[{2, 3}, f], 4]]
(* expect: f[1, 2, 3, 4] *)
Print[g[1, Splice[{2, 3}, f], 4]]
(* expect: g[1, Splice[{2, 3}, f], 4] *)
Print[g[1, Splice[{2, 3}, _], 4]]
(* expect: g[1, 2, 3, 4] *)
Print[h[Splice[{x, y}, f | h]]]
(* expect: h[x, y] *)
Print[Table[Splice[{i, -i}], {i, 3}]]
(* expect: {1, -1, 2, -2, 3, -3} *)
Print[Map[Splice, {{1, 2}, {3}, {}}]]
(* expect: {1, 2, 3} *)
Print[MapAt[Splice, {{1, 2}, {3, 4}}, 1]]
(* expect: {1, 2, {3, 4}} *)
Print[{0, Splice[Range[3]]}]
(* expect: {0, 1, 2, 3} *)
Print[Plus[1, Splice[{2, 3}, Plus]]]
(* expect: 6 *)
Print[Hold[{1, Splice[{2}]}]]
(* expect: Hold[{1, Splice[{2}]}] *)
Print[Length[{a, Unevaluated[Splice[{b, c}]]}]]
(* expect: 3 *)
Print[Splice[{1, 2}]]
(* expect: Splice[{1, 2}] *)
