(* Parser error test: two binary operators in a row.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_missing_operand.ly:6:5: expected an operand before '*' *)
(* expect-stderr: a + * b *)
(* expect-stderr:     ^ *)
a + * b
