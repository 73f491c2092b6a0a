(* Parser error test: a naked '[' in operand position.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_empty_part.ly:6:4: unexpected '[' *)
(* expect-stderr: f[ [x] ] *)
(* expect-stderr:    ^ *)
f[ [x] ]
