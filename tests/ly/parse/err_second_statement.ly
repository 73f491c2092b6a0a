(* Parser error test: an error after valid statements: nothing runs.  A syntax error evaluates nothing. *)
(* expect-exit: 1 *)
(* expect-stderr: err_second_statement.ly:8:10: unexpected ']'; expected '}' to close '{' at 8:5 *)
(* expect-stderr: x = {1, 2]] *)
(* expect-stderr:          ^ *)
Print["one"]
Print["two"]
x = {1, 2]]
