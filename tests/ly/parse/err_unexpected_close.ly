(* Parser error test: a closing bracket with nothing open.  A syntax error evaluates nothing. *)
(* expect-exit: 1 *)
(* expect-stderr: err_unexpected_close.ly:7:6: unexpected ']' *)
(* expect-stderr: x = 1] *)
(* expect-stderr:      ^ *)
Print["not evaluated"]
x = 1]
