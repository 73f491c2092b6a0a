(* Terms no machine real reached stay exact (Expand, Coefficient), like
   bases combine with numbers (2 2^n), (1/2)^k is 2^-k, E^(x + I Pi) is
   -E^x and E^(Log[a] - Log[b]) is a/b, as Wolfram evaluates them. *)
Print[{Expand[(1.5 + x)^2], Expand[(2. + x) (3 + x)], Expand[1.5 (x + y)]}]
(* expect: {2.25 + 3. x + x^2, 6. + 5. x + x^2, 1.5 x + 1.5 y} *)
Print[{Coefficient[9.8 + x^2, x, 2], Coefficient[1.5 x + 2 x^2, x, 2], CoefficientList[1.5 x + 2 x^2, x]}]
(* expect: {1, 2, {0, 1.5, 2}} *)
Print[{2 2^n, 2^n/2, -3 3^n, 4 2^n, 3 (1/3)^n}]
(* expect: {2^(1 + n), 2^(-1 + n), -3^(1 + n), 4 2^n, 3^(1 - n)} *)
Print[{(1/2)^k, (2/3)^k, InputForm[(1/3)^x]}]
(* expect: {2^(-k), (2/3)^k, 3^(-x)} *)
Print[{E^(x + I Pi), E^(x + I Pi/2), E^(x + I Pi/3), E^(Log[a] - 2 Log[b])}]
(* expect: {-E^x, I E^x, E^((I/3) Pi + x), a/b^2} *)
Print[N[Solve[{Sqrt[2] x[1] + x[2] == 3, x[1] - x[2] == 1}, {x[1], x[2]}][[1, All, 2]]]]
(* expect: {1.65685, 0.656854} *)
