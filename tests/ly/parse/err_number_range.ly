(* Parser error test: a real number beyond machine range.  A syntax error evaluates nothing. *)
(* expect-exit: 1 *)
(* expect-stderr: err_number_range.ly:6:5: number out of machine range *)
(* expect-stderr: x = 1.5*^400 *)
(* expect-stderr:     ^ *)
x = 1.5*^400
