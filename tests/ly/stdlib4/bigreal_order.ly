(* arbitrary-precision reals order and print among the numbers *)
Print[Sort[{N[Pi, 20], 3, N[E, 20], 2.^2000, -1, 2.}]]
(* expect: {-1, 2., 2.7182818284590452354, 3, 3.1415926535897932385, 1.14813*10^602} *)
Print[N[x + Pi, 20]]                     (* expect: 3.1415926535897932385 + x *)
Print[x - N[Pi, 20]]                     (* expect: -3.1415926535897932385 + x *)
Print[N[-Pi, 20] x]                      (* expect: -3.1415926535897932385 x *)
Print[{x + 2.^2000, 2.^2000 y}]          (* expect: {1.14813*10^602 + x, 1.14813*10^602 y} *)
Print[InputForm[x - N[Pi, 20]]]          (* expect: -3.1415926535897932385`20. + x *)
Print[{N[Pi, 20] - x, x^N[Pi, 20], N[Pi, 20]/x}]
(* expect: {3.1415926535897932385 - x, x^3.1415926535897932385, 3.1415926535897932385/x} *)
Print[Expand[(x + N[Pi, 20])^2]]         (* expect: 9.8696044010893586188 + 6.2831853071795864769 x + x^2 *)
