(* NDSolve and NDSolveValue (stdlib/dsolve.c): explicit ODE systems
   integrated by Dormand-Prince 5(4); the solution is an
   InterpolatingFunction, which can be differentiated. *)
s = NDSolve[{y'[x] == -y[x], y[0] == 1}, y, {x, 0, 5}];
Print[s]
(* expect: {{y -> InterpolatingFunction[{{0., 5.}}, <>]}} *)
Print[Abs[(y[2] /. s[[1]]) - Exp[-2.]] < 10^-6]
(* expect: True *)
s2 = NDSolve[{y''[x] + y[x] == 0, y[0] == 0, y'[0] == 1}, y, {x, 0, 10}];
Print[Abs[(y[7] /. s2[[1]]) - Sin[7.]] < 10^-6, Abs[(y'[7] /. s2[[1]]) - Cos[7.]] < 10^-4, Abs[(y[Pi/2] /. s2[[1]]) - 1] < 10^-6]
(* expect: TrueTrueTrue *)
s3 = NDSolve[{x'[t] == -y[t], y'[t] == x[t], x[0] == 1, y[0] == 0}, {x, y}, {t, 0, 6}];
Print[Chop[({x[1], y[1]} /. s3[[1]]) - {Cos[1.], Sin[1.]}, 10^-6]]
(* expect: {0, 0} *)
s4 = NDSolve[{y'[t] == y[t] (1 - y[t]), y[0] == 0.1}, y[t], {t, 0, 10}];
Print[s4]
(* expect: {{y[t] -> InterpolatingFunction[{{0., 10.}}, <>][t]}} *)
f = NDSolveValue[{y''[t] == -9.8, y[0] == 10, y'[0] == 0}, y, {t, 0, 2}];
Print[Round[{f[1], f'[1]}, 0.001]]
(* expect: {5.1, -9.8} *)
g = NDSolveValue[{y'[x] == y[x]^2, y[0] == 1}, y, {x, 0, 2}];
(* expect-stderr: NDSolve::ndsz: At x == 1., step size is effectively zero; singularity or stiff system suspected. *)
Print[g]
(* expect: InterpolatingFunction[{{0., 1.}}, <>] *)
