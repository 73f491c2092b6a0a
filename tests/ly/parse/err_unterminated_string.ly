(* Parser error test: a string that never ends.  A syntax error evaluates nothing. *)
(* expect-exit: 1 *)
(* expect-stderr: err_unterminated_string.ly:7:5: unterminated string *)
(* expect-stderr: x = "abc *)
(* expect-stderr:     ^ *)
Print["not evaluated"]
x = "abc
