(* Re, Im, Abs, Arg and Conjugate of exact numeric expressions, and how
   imaginary coefficients print in sums (-1/2 - (I/2) Sqrt[3], as Wolfram). *)
Print[{Re[(-1 + I Sqrt[3])/2], Im[(-1 + I Sqrt[3])/2], Abs[(-1 + I Sqrt[3])/2], Arg[(-1 + I Sqrt[3])/2]}]
(* expect: {-1/2, Sqrt[3]/2, 1, (2 Pi)/3} *)
Print[Conjugate[(-1 + I Sqrt[3])/2]]
(* expect: -1/2 - (I/2) Sqrt[3] *)
Print[{Re[E^(I Pi/3)], Im[E^(I Pi/4)], Abs[1 + I Sqrt[2]], Re[(-1)^(1/3)], Abs[(-1)^(1/5)]}]
(* expect: {1/2, 1/Sqrt[2], Sqrt[3], 1/2, 1} *)
Print[{Arg[Sqrt[2] + I Sqrt[2]], Arg[-1 - I Sqrt[3]], ArcTan[-1, Sqrt[3]], Re[x + I]}]
(* expect: {Pi/4, (-2 Pi)/3, (2 Pi)/3, Re[I + x]} *)
Print[{I x/2, a - I x/2, (2 I x)/3, -I x, a - 2 I x}]
(* expect: {(I/2) x, a - (I/2) x, ((2 I)/3) x, -I x, a - 2 I x} *)
Print[InputForm[{a - I x, a - 2 I x, -1/2 - (I/2) Sqrt[3], I x/2}]]
(* expect: {a - I*x, a - (2*I)*x, -1/2 - (I/2)*Sqrt[3], (I/2)*x} *)
