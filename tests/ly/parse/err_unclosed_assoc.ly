(* Parser error test: an unclosed association.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_unclosed_assoc.ly:6:13: expected '|>' to close '<|' at 6:5 *)
(* expect-stderr: x = <|a -> 1 *)
(* expect-stderr:             ^ *)
x = <|a -> 1
