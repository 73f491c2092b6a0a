(* Parser error test: a comma outside any brackets.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_toplevel_comma.ly:6:2: unexpected ',' *)
(* expect-stderr: a, b *)
(* expect-stderr:  ^ *)
a, b
