(* AssociateTo and KeyDropFrom change the variable's own value *)
a = <|x -> 1, y -> 2|>;
Print[AssociateTo[a, z -> 3]]  (* expect: <|x -> 1, y -> 2, z -> 3|> *)
Print[a]  (* expect: <|x -> 1, y -> 2, z -> 3|> *)
AssociateTo[a, {x -> 10, w -> 4}];
Print[a]  (* expect: <|x -> 10, y -> 2, z -> 3, w -> 4|> *)
AssociateTo[a, <|v -> 5|>];
Print[Keys[a]]  (* expect: {x, y, z, w, v} *)
Print[KeyDropFrom[a, x]]  (* expect: <|y -> 2, z -> 3, w -> 4, v -> 5|> *)
KeyDropFrom[a, {y, z, nothere}];
Print[a]  (* expect: <|w -> 4, v -> 5|> *)
f[] := Module[{m = <|1 -> "one"|>}, AssociateTo[m, 2 -> "two"]; m];
Print[InputForm[f[]]]  (* expect: <|1 -> "one", 2 -> "two"|> *)
Print[Attributes[AssociateTo]]  (* expect: {HoldFirst, Protected} *)
AssociateTo[undefinedAssoc, 1 -> 2];
(* expect-stderr: AssociateTo::rvalue: undefinedAssoc is not a variable with a value, so its value cannot be changed. *)
n = 5;
AssociateTo[n, 1 -> 2];
(* expect-stderr: AssociateTo::invak: The argument n is not a valid Association. *)
Print[n]  (* expect: 5 *)
b = <|p -> 1|>;
AssociateTo[b, 7];
(* expect-stderr: AssociateTo::invrl: The argument 7 is not a valid Association or a list of rules. *)
Print[b]  (* expect: <|p -> 1|> *)
KeyDropFrom[b];
(* expect-stderr: KeyDropFrom::argr: KeyDropFrom called with 1 argument; 2 arguments are expected. *)
