(* Parser error test: ':' after something that is neither a symbol nor a pattern.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_colon.ly:6:6: the left side of ':' must be a symbol or a pattern *)
(* expect-stderr: f[x] : 3 *)
(* expect-stderr:      ^ *)
f[x] : 3
