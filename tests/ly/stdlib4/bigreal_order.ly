(* arbitrary-precision reals order and print among the numbers *)
Print[Sort[{N[Pi, 20], 3, N[E, 20], 2.^2000, -1, 2.}]]
(* expect: {-1, 2., 2.7182818284590452354, 3, 3.1415926535897932385, 1.14813*10^602} *)
Print[N[x + Pi, 20]]                     (* expect: 3.1415926535897932385 + x *)
Print[x - N[Pi, 20]]                     (* expect: -3.1415926535897932385 + x *)
Print[N[-Pi, 20] x]                      (* expect: -3.1415926535897932385 x *)
Print[{x + 2.^2000, 2.^2000 y}]          (* expect: {1.14813*10^602 + x, 1.14813*10^602 y} *)
Print[InputForm[x - N[Pi, 20]]]          (* expect: -3.141592653589793238462643383`20. + x *)
Print[{N[Pi, 20] - x, x^N[Pi, 20], N[Pi, 20]/x}]
(* expect: {3.1415926535897932385 - x, x^3.1415926535897932385, 3.1415926535897932385/x} *)
Print[Expand[(x + N[Pi, 20])^2]]         (* expect: 9.8696044010893586188 + 6.2831853071795864769 x + x^2 *)
(* precision marks in the source give arbitrary-precision reals; literals past the machine range machine-precision ones *)
Print[{Head[1.5`30], Precision[1.5`30], 1.5`30 + 1, Precision[2.5``10]}]
(* expect: {Real, 30., 2.50000000000000000000000000000, 10.3979} *)
Print[{1.*^400, 2 1.*^400, 1.*^-400, Precision[1.*^400], 1.5`}]     (* expect: {1.*10^400, 2.*10^400, 1.*10^-400, MachinePrecision, 1.5} *)
Print[FullForm[{1.5`20, 1.5``20, 2.5`10*^2}]]   (* expect: List[1.5`20., 1.5`20.17609125905568, 250.`10.] *)
(* constants and Zeta of integers to any precision *)
Print[{N[EulerGamma, 30], N[Catalan, 30], N[Zeta[3], 30], N[Zeta[5], 40]}]
(* expect: {0.577215664901532860606512090082, 0.915965594177219015054603514932, 1.20205690315959428539973816151, 1.036927755143369926331365486457034168057} *)
Print[{NumberForm[N[Pi, 30], 20], NumberForm[{N[E, 25], 1.5}, 10]}]   (* expect: {3.1415926535897932385, {2.718281828, 1.5}} *)
