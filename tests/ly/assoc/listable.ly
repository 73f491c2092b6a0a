(* Listable functions thread over association values; Max/Min see the
   values; KeySortBy, KeyFreeQ, KeyMemberQ *)
a = <|"a" -> 1, "b" -> 4|>;
Print[{a + 1, 2 a, Sqrt[a], a + a, a^2, N[a]}]
(* expect: {<|a -> 2, b -> 5|>, <|a -> 2, b -> 8|>, <|a -> 1, b -> 2|>, <|a -> 2, b -> 8|>, <|a -> 1, b -> 16|>, <|a -> 1., b -> 4.|>} *)
Print[a + <|"a" -> 1|>]                       (* expect: <|a -> 1|> + <|a -> 1, b -> 4|> *)
Print[{Max[a], Min[a, 0], Max[a, {7}]}]       (* expect: {4, 0, 7} *)
Print[{KeySortBy[<|"bb" -> 1, "a" -> 4|>, StringLength], KeyFreeQ[a, "z"], KeyMemberQ[a, "a"], KeyMemberQ[a, _Integer]}]
(* expect: {<|a -> 4, bb -> 1|>, True, True, False} *)
Print[{LeapYearQ[2024], LeapYearQ[1900], LeapYearQ[2000], LeapYearQ[{2023, 1, 1}]}]   (* expect: {True, False, True, False} *)
(* SparseArray gives the dense array *)
Print[{SparseArray[{1 -> 1, 3 -> 2}], SparseArray[{{1, 1} -> 1, {2, 2} -> 2}], SparseArray[{2 -> 1}, {4}, x], Normal[SparseArray[{2 -> 5}, 3]]}]
(* expect: {{1, 0, 2}, {{1, 0}, {0, 2}}, {x, 1, x, x}, {0, 5, 0}} *)
