(* Parser error test: '/:' without an assignment.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_tagset.ly:6:3: expected '=', ':=' or '=.' after '/:' *)
(* expect-stderr: f /: g[f] *)
(* expect-stderr:   ^ *)
f /: g[f]
