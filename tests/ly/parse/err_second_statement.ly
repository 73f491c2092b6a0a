(* Parser error test: an error after valid statements: they run first, as wolframscript reads a script. *)
(* expect-exit: 1 *)
(* expect-stderr: err_second_statement.ly:10:10: unexpected ']'; expected '}' to close '{' at 10:5 *)
(* expect-stderr: x = {1, 2]] *)
(* expect-stderr:          ^ *)
(* expect: one *)
(* expect: two *)
Print["one"]
Print["two"]
x = {1, 2]]
