(* Interpolation: piecewise polynomials of the data points around each
   interval (exact data at an exact point: exact) *)
f = Interpolation[{1, 4, 9, 16, 25}];
Print[f]
(* expect: InterpolatingFunction[{{1., 5.}}, <>] *)
Print[{f[2.5], f[5/2], f[{1, 3}]}]
(* expect: {6.25, 25/4, {1, 9}} *)
g = Interpolation[{{0, 0}, {1, 1}, {2, 0}, {3, 1}}, InterpolationOrder -> 1];
Print[{g[0.5], g[1.5], g[2.25]}]
(* expect: {0.5, 0.5, 0.25} *)
h = Interpolation[{{0., 0.}, {1., 1.}}];
Print[h[0.3]]
(* expect: 0.3 *)
Print[f[6]]
(* expect: 36 *)
(* expect-stderr: InterpolatingFunction::dmval: Input value {6} lies outside the range of data in the interpolating function. Extrapolation will be used. *)
Print[Head[Interpolation[{1}]]]
(* expect: Interpolation *)
(* expect-stderr: Interpolation::innd: First argument {1} is not a list of at least two data points or a list of pairs with numeric abscissas. *)
