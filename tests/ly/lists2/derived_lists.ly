(* Lists, associations, permutations and Boolean tables written in
   Wolfram language (stdlib/derived_lists.c). *)
Print[TakeDrop[Range[10], 3]]
(* expect: {{1, 2, 3}, {4, 5, 6, 7, 8, 9, 10}} *)
Print[DeleteMissing[{1, Missing[], 2, Missing["x"]}]]
(* expect: {1, 2} *)
Print[CountDistinct[{1, 2, 1, 3, 2}]]
(* expect: 3 *)
Print[ReplaceAt[{a, b, c}, x_ :> f[x], 2]]
(* expect: {a, f[b], c} *)
Print[FlattenAt[{a, {b, c}, {d, e}}, 2]]
(* expect: {a, b, c, {d, e}} *)
Print[FlattenAt[{a, {b, {c, d}}}, {2, 2}]]
(* expect: {a, {b, c, d}} *)
Print[LinearRecurrence[{1, 1}, {1, 1}, 10]]
(* expect: {1, 1, 2, 3, 5, 8, 13, 21, 34, 55} *)
Print[LinearRecurrence[{2, -1}, {1, 3}, {5}]]
(* expect: 9 *)
Print[LinearRecurrence[{1, 1}, {0, 1}, {5, 8}]]
(* expect: {3, 5, 8, 13} *)
Print[KeyUnion[{<|a -> 1|>, <|b -> 2|>}]]
(* expect: {<|a -> 1, b -> Missing[KeyAbsent, b]|>, <|a -> Missing[KeyAbsent, a], b -> 2|>} *)
Print[KeyIntersection[{<|a -> 1, b -> 2|>, <|b -> 3, c -> 4|>}]]
(* expect: {<|b -> 2|>, <|b -> 3|>} *)
Print[KeyComplement[{<|a -> 1, b -> 2|>, <|b -> 3|>}]]
(* expect: <|a -> 1|> *)
Print[JoinAcross[{<|"id" -> 1, "x" -> a|>, <|"id" -> 2, "x" -> b|>}, {<|"id" -> 1, "y" -> c|>}, "id"]]
(* expect: {<|id -> 1, x -> a, y -> c|>} *)
Print[Comap[{f, g, h}, x]]
(* expect: {f[x], g[x], h[x]} *)
Print[ComposeList[{f, g}, x]]
(* expect: {x, f[x], g[f[x]]} *)
Print[{OperatorApplied[f][y][x], OperatorApplied[f, 3][a][b][c], OperatorApplied[f, {3, 1}][a][b][c]}]
(* expect: {f[x, y], f[a, b, c], f[c, a]} *)
Print[{Curry[f][1][2], CurryApplied[g, 2][a][b], CurryApplied[2][g][a][b], ReverseApplied[f][1, 2, 3]}]
(* expect: {f[2, 1], g[a, b], g[a, b], f[3, 2, 1]} *)
Print[EchoFunction[#^2 &][3]]
(* expect: >> 9 *)
(* expect: 3 *)
Print[{Signature[{3, 1, 2}], Signature[{1, 3, 2}], Signature[{a, b, a}]}]
(* expect: {1, -1, 0} *)
Print[PermutationCycles[{2, 3, 1, 5, 4}]]
(* expect: Cycles[{{1, 2, 3}, {4, 5}}] *)
Print[{PermutationList[Cycles[{{1, 3}}]], Permute[{a, b, c, d}, {2, 3, 1, 4}], Permute[{a, b, c}, Cycles[{{1, 2}}]]}]
(* expect: {{3, 2, 1}, {c, a, b, d}, {b, a, c}} *)
Print[{InversePermutation[{2, 3, 1}], FindPermutation[{a, b, c}, {b, c, a}]}]
(* expect: {{3, 1, 2}, Cycles[{{1, 3, 2}}]} *)
Print[BooleanTable[a && b, {a, b}]]
(* expect: {True, False, False, False} *)
Print[BooleanTable[a || !b]]
(* expect: {True, True, False, True} *)
Print[{TautologyQ[a || !a], SatisfiableQ[a && !a], TautologyQ[Implies[a && b, a]]}]
(* expect: {True, False, True} *)
Print[{Equivalent[True, True], Equivalent[a, b], Equivalent[a, True], Equivalent[True, False]}]
(* expect: {True, Equivalent[a, b], a, False} *)
Print[{StringPart["hello", 2], StringPart["hello", {1, 3}], StringPart["hello", 2 ;; 4]}]
(* expect: {e, {h, l}, {e, l, l}} *)
Print[Join[{{1, 2}, {3, 4}}, {{5}, {6}}, 2]]
(* expect: {{1, 2, 5}, {3, 4, 6}} *)
Print[Array[f, ConstantArray[2, 2]]]
(* expect: {{f[1, 1], f[1, 2]}, {f[2, 1], f[2, 2]}} *)
