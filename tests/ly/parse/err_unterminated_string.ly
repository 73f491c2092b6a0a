(* Parser error test: a string that never ends.  The statements before a syntax error run. *)
(* expect-exit: 1 *)
(* expect-stderr: err_unterminated_string.ly:8:5: unterminated string *)
(* expect-stderr: x = "abc *)
(* expect-stderr:     ^ *)
(* expect: evaluated *)
Print["evaluated"]
x = "abc
