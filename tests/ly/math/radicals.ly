(* Numeric radicals in Wolfram's normal form: powers with the same exponent
   merge, the rational coefficient's shared factors go inside, a rational
   radicand stays whole unless a power comes out *)
Print[{Sqrt[2]/2, 2/Sqrt[2], 3 Sqrt[3]/9, Sqrt[6]/Sqrt[2], Sqrt[2] Sqrt[3], Sqrt[12]/6}]
(* expect: {1/Sqrt[2], Sqrt[2], 1/Sqrt[3], Sqrt[3], Sqrt[6], 1/Sqrt[3]} *)
Print[{Sqrt[5/3], StandardDeviation[{1, 2, 3, 4}], Sqrt[3/4], Sqrt[1/3], Sqrt[8/3], Sqrt[2]/Sqrt[3]}]
(* expect: {Sqrt[5/3], Sqrt[5/3], Sqrt[3]/2, 1/Sqrt[3], 2 Sqrt[2/3], Sqrt[2/3]} *)
Print[{Sqrt[6]/2, Sqrt[6]/4, Sqrt[2]/4, 6/Sqrt[2], Sqrt[2]/6, 2 Sqrt[2], Sqrt[3]/2, 3/Sqrt[2]}]
(* expect: {Sqrt[3/2], Sqrt[3/2]/2, 1/(2 Sqrt[2]), 3 Sqrt[2], 1/(3 Sqrt[2]), 2 Sqrt[2], Sqrt[3]/2, 3/Sqrt[2]} *)
Print[{2^(1/3)/2, 2/2^(2/3), 2^(1/3) 3^(1/3), 2^(2/3) 3^(2/3), 2^(1/3) 3^(2/3), 1/(Sqrt[2] Sqrt[3])}]
(* expect: {1/2^(2/3), 2^(1/3), 6^(1/3), 6^(2/3), 2^(1/3) 3^(2/3), 1/Sqrt[6]} *)
Print[{(4/9)^(1/3), (1/9)^(1/3), (5/3)^(3/2), (2/3)^(-1/2), I Sqrt[2]/2, -Sqrt[2]/2, Sqrt[2] x/2}]
(* expect: {(2/3)^(2/3), 1/3^(2/3), (5 Sqrt[5/3])/3, Sqrt[3/2], I/Sqrt[2], -(1/Sqrt[2]), x/Sqrt[2]} *)
Print[InputForm[{Sqrt[5/3], Sqrt[3/2]/2, Sqrt[5/3]^2, N[Sqrt[5/3]]}]]
(* expect: {Sqrt[5/3], Sqrt[3/2]/2, 5/3, 1.2909944487358056} *)
(* E^Log[z] -> z, E^(k Log[z]) -> z^k *)
Print[{E^Log[x], Exp[Log[x]], E^(2 Log[x]), Exp[-Log[x]], E^Log[2], E^(Log[3]/2)}]   (* expect: {x, x, x^2, 1/x, 2, Sqrt[3]} *)
