(* Parser error test: a digit too large for the base.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_bad_digit.ly:6:5: invalid digit for the base of the number *)
(* expect-stderr: x = 16^^FG *)
(* expect-stderr:     ^ *)
x = 16^^FG
