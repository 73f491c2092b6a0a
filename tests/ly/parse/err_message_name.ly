(* Parser error test: '::' without a name.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_message_name.ly:6:4: expected a name after '::' *)
(* expect-stderr: f:: *)
(* expect-stderr:    ^ *)
f::
