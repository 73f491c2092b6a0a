(* Parser error test: an error after line continuations is reported at its
   line and column in the file as written. *)
(* expect-exit: 1 *)
(* expect-stderr: err_after_continuation.ly:12:7: expected an operand before ']' *)
(* expect-stderr:   2 + ] *)
(* expect-stderr:       ^ *)
(* expect: 1234 *)
Print[12\
34]
x = {1, \
  2, \
  2 + ]
