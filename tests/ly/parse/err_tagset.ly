(* Parser error test: '/:' without an assignment.  A syntax error evaluates nothing. *)
(* expect-exit: 1 *)
(* expect-stderr: err_tagset.ly:6:3: expected '=', ':=' or '=.' after '/:' *)
(* expect-stderr: f /: g[f] *)
(* expect-stderr:   ^ *)
f /: g[f]
