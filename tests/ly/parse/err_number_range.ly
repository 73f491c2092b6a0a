(* Parser error test: a real number beyond every representable one.  A syntax error stops the script there.
   (1.5*^400 is a number of machine precision in arbitrary-precision form, as in Wolfram.) *)
(* expect-exit: 1 *)
(* expect-stderr: err_number_range.ly:7:5: number out of machine range *)
(* expect-stderr: x = 1.5*^2000000 *)
(* expect-stderr:     ^ *)
x = 1.5*^2000000
