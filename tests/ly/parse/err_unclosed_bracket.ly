(* Parser error test: a '[' that is never closed.  A syntax error evaluates nothing. *)
(* expect-exit: 1 *)
(* expect-stderr: err_unclosed_bracket.ly:7:13: expected ']' to close '[' at 7:8 *)
(* expect-stderr: Print[f[1, 2 *)
(* expect-stderr:             ^ *)
Print["not evaluated"]
Print[f[1, 2
