(* Parser error test: a '[' that is never closed.  The statements before a syntax error run. *)
(* expect-exit: 1 *)
(* expect-stderr: err_unclosed_bracket.ly:8:13: expected ']' to close '[' at 8:8 *)
(* expect-stderr: Print[f[1, 2 *)
(* expect-stderr:             ^ *)
(* expect: evaluated *)
Print["evaluated"]
Print[f[1, 2
