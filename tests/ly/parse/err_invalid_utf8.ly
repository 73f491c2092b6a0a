(* Parser error test: a byte that is not UTF-8.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_invalid_utf8.ly:6:6: invalid UTF-8 *)
(* expect-stderr: x = a? *)
(* expect-stderr:      ^ *)
x = aÿ
