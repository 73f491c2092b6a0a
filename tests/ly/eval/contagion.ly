(* A machine real in Plus/Times numericizes the numeric arguments next to
   it, symbolic ones stay (Wolfram) *)
Print[{2. Pi, 0.5 Sqrt[2], E^1.}]
(* expect: {6.28319, 0.707107, 2.71828} *)
Print[0.5 Sqrt[2] s]
(* expect: 0.707107 s *)
Print[1. + Pi + x]
(* expect: 4.14159 + x *)
Print[2. Pi r^2]
(* expect: 6.28319 r^2 *)
Print[{1.5 E^x, 3 Sqrt[2] x}]
(* expect: {1.5 E^x, 3 Sqrt[2] x} *)
Print[Quantile[NormalDistribution[m, s], 0.9]]
(* expect: m + 1.28155 s *)
SetAttributes[foo, NumericFunction]
Print[{2. foo[2], 2. foo[2] x}]
(* expect: {2. foo[2], 2. x foo[2]} *)
