(* Parser error test: input ending after a binary operator.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_trailing_operator.ly:6:8: incomplete expression; more input is needed *)
(* expect-stderr: x = 1 + *)
(* expect-stderr:        ^ *)
x = 1 +
