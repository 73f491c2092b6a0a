(* Parser error test: a comma outside any brackets.  A syntax error evaluates nothing. *)
(* expect-exit: 1 *)
(* expect-stderr: err_toplevel_comma.ly:6:2: unexpected ',' *)
(* expect-stderr: a, b *)
(* expect-stderr:  ^ *)
a, b
