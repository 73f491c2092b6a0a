(* Parser error test: a control character outside strings.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_control_char.ly:6:3: unexpected character U+0001 *)
(* expect-stderr: a ? b *)
(* expect-stderr:   ^ *)
a  b
