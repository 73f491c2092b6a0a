(* Incomplete gamma and beta functions (stdlib/incgamma.c) and Piecewise's
   symbolic form (stdlib/numfn.c) *)
Print[Gamma[3, x]]
(* expect: E^(-x) (2 + 2 x + x^2) *)
Print[{Gamma[3, 3], Gamma[1, x], Gamma[5/2, 0], Gamma[a, Infinity]}]
(* expect: {17/E^3, E^(-x), (3 Sqrt[Pi])/4, 0} *)
Print[{GammaRegularized[3, 3], GammaRegularized[3., 3.], N[GammaRegularized[3, 3]]}]
(* expect: {17/(2 E^3), 0.42319, 0.42319} *)
Print[GammaRegularized[2.5, 10.]]
(* expect: 0.00124973 *)
Print[Gamma[2.5, 1.5]]
(* expect: 0.930519 *)
Print[{BetaRegularized[1/2, 3, 4], BetaRegularized[0.5, 3, 4], BetaRegularized[x, a, b]}]
(* expect: {21/32, 0.65625, BetaRegularized[x, a, b]} *)
Print[Gamma[a, z]]
(* expect: Gamma[a, z] *)
(* Piecewise: values and conditions kept are evaluated, False pieces dropped,
   the first True piece ends the list as the default *)
Print[Piecewise[{{1/(b - a), a <= x <= b}}]]
(* expect: Piecewise[{{1/(-a + b), a <= x <= b}}, 0] *)
Print[Piecewise[{{x, False}, {1 + 1, z > 1}}, 0]]
(* expect: Piecewise[{{2, z > 1}}, 0] *)
Print[Piecewise[{{a, x > 0}, {b, True}, {c, y > 0}}]]
(* expect: Piecewise[{{a, x > 0}}, b] *)
Print[Piecewise[{{a, False}}, 3]]
(* expect: 3 *)
f[x_] := Piecewise[{{x^2, x < 0}, {x, x > 0}}]
Print[{f[-2], f[3], f[0]}]
(* expect: {4, 3, 0} *)
