(* Integers and reals together stay a List: list operations do not turn 1
   into 1. (Reverse and Transpose packed them as reals), and MatrixQ takes
   a List of packed rows. *)
Print[FullForm[Reverse[{1., 1}]]]
(* expect: List[1, 1.`] *)
Print[FullForm[Transpose[{{1., 1}, {2., 1}}]]]
(* expect: List[List[1.`, 2.`], List[1, 1]] *)
J = {{1., 1}, {2., 1}, {3., 1}};
A = Transpose[J] . J;
Print[{A, MatrixQ[A], MatrixQ[A, NumberQ], Diagonal[A]}]
(* expect: {{{14., 6.}, {6., 3}}, True, True, {14., 3}} *)
Print[FullForm[Developer`ToPackedArray[{1., 1}]]]
(* expect: List[1.`, 1.`] *)
