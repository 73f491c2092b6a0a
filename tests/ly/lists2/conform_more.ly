(* Functions added by the conformance pass: fitting, convolution, padding,
   ranks, words; SortBy and Delete on associations *)
Print[Fit[{{0, 1}, {1, 3}, {2, 5}}, {1, x}, x]]
(* expect: 1. + 2. x *)
Print[Fit[{{0, 1.1}, {1, 2.9}, {2, 5.2}, {3, 6.8}}, {1, x}, x]]
(* expect: 1.09 + 1.94 x *)
Print[LeastSquares[{{1, 0}, {1, 1}, {1, 2}}, {1, 3, 5}]]
(* expect: {1, 2} *)
Print[{ListConvolve[{1, 1}, {1, 2, 3}], ListCorrelate[{1, 2}, {1, 2, 3}]}]
(* expect: {{3, 5}, {5, 8}} *)
Print[{ArrayPad[{1, 2}, 1], ArrayPad[{{1}}, 1], ArrayPad[{1, 2}, {1, 2}, x]}]
(* expect: {{0, 1, 2, 0}, {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}}, {x, 1, 2, x, x}} *)
Print[Operate[p, f[a, b]]]
(* expect: p[f][a, b] *)
Print[{RankedMax[{5, 1, 3}, 2], RankedMin[{5, 1, 3}, 1], RankedMax[{5, 1, 3}, -1]}]
(* expect: {3, 1, 1} *)
Print[TextWords["Hello, world! How are you? It's well-known."]]
(* expect: {Hello, world, How, are, you, It's, well-known} *)
Print[DeleteAdjacentDuplicates[{1, 1, 2, 1}]]
(* expect: {1, 2, 1} *)
Print[SortBy[<|"x" -> 1, "y" -> 2, "z" -> 3|>, -# &]]
(* expect: <|z -> 3, y -> 2, x -> 1|> *)
Print[{Delete[<|"a" -> 1, "b" -> 2|>, "a"], Delete[<|"a" -> 1, "b" -> 2|>, Key["b"]], Delete[<|"a" -> 1, "b" -> 2|>, 1]}]
(* expect: {<|b -> 2|>, <|a -> 1|>, <|b -> 2|>} *)
