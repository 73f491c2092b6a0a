(* Parser error test: a malformed \: escape.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_string_escape.ly:6:7: invalid escape in string *)
(* expect-stderr: x = "a\:12" *)
(* expect-stderr:       ^ *)
x = "a\:12"
