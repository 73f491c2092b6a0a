(* Division by zero and indeterminate forms give messages and go on. *)
Print[1/0]
(* expect-stderr: Power::infy: Infinite expression 1/0 encountered. *)
(* expect: ComplexInfinity *)
Print[0^0]
(* expect-stderr: Power::indet: Indeterminate expression 0^0 encountered. *)
(* expect: Indeterminate *)
Print["after"]     (* expect: after *)
