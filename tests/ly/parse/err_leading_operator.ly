(* Parser error test: an infix operator with no left operand.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_leading_operator.ly:6:1: unexpected '*' *)
(* expect-stderr: * b *)
(* expect-stderr: ^ *)
* b
