(* Parser error test: an unclosed list.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_unclosed_brace.ly:7:4: expected '}' to close '{' at 6:5 *)
(* expect-stderr:   3 *)
(* expect-stderr:    ^ *)
x = {1, 2,
  3
