(* Parser error test: '~' without its closing '~'.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_tilde.ly:6:3: expected a second '~' after the function of '~' *)
(* expect-stderr: a ~f b *)
(* expect-stderr:   ^ *)
a ~f b
