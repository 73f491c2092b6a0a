(* Parser error test: a closing bracket with nothing open.  The statements before a syntax error run. *)
(* expect-exit: 1 *)
(* expect-stderr: err_unexpected_close.ly:8:6: unexpected ']' *)
(* expect-stderr: x = 1] *)
(* expect-stderr:      ^ *)
(* expect: evaluated *)
Print["evaluated"]
x = 1]
