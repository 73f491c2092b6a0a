(* Parser error test: '[[' closed by a single ']'.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_part_close.ly:6:5: unexpected ']'; expected ']]' to close '[[' at 6:2 *)
(* expect-stderr: e[[1] + 2 *)
(* expect-stderr:     ^ *)
e[[1] + 2
