(* Derivative of functions given by definitions and of pure functions with
   named parameters: Wolfram evaluates f[#1] and differentiates. *)
g[x_] := x^3
Print[{g'[2], g''[x], g'}]
(* expect: {12, 6 x, 3 #1^2 & } *)
h[x_, y_] := x y^2
Print[Derivative[1, 1][h][a, b]]
(* expect: 2 b *)
Print[{Derivative[1][Function[{x}, x^2 c]][3], Derivative[1, 0][Function[{x, y}, x^2 y]], Derivative[0, 1][#1^2 #2^3 &]}]
(* expect: {6 c, Function[{x, y}, 2 x y], 3 #1^2 #2^2 & } *)
q[x_?NumericQ] := x^2
Print[{q'[2], Derivative[1][Gamma], Sin'[x]}]
(* expect: {q'[2], Gamma', Cos[x]} *)
