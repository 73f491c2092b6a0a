(* Compile: pure functions applied in compiled code, and Map over tensors *)
Print[Compile[{{x, _Real}}, Function[{a, b}, a b + 1][x, 2]][1.5]]
(* expect: 4. *)
Print[Compile[{{x, _Real}}, Function[a, a^2][x + 1]][1.]]
(* expect: 4. *)
Print[Compile[{{x, _Real}, {y, _Real}}, (#1 - #2)^2 &[x, y]][1., 4.]]
(* expect: 9. *)
Print[Compile[{{v, _Real, 1}}, Total[Map[#^2 &, v]]][{1., 2., 3.}]]
(* expect: 14. *)
Print[Compile[{{v, _Real, 1}}, Sin /@ v - Sin[v]][{1., 2.}]]
(* expect: {0., 0.} *)
Print[Compile[{{m, _Integer, 2}}, Map[Total, m]][{{1, 2}, {3, 4}}]]
(* expect: {3, 7} *)
Print[Compile[{{m, _Real, 2}}, Map[Function[r, r . r], m]][{{1., 2.}, {3., 4.}}]]
(* expect: {5., 25.} *)
sq = Compile[{{x, _Real}}, x^2];
With[{sq = sq}, cm = Compile[{{v, _Real, 1}}, Map[sq, v]]];
Print[cm[{1., 2., 3.}]]
(* expect: {1., 4., 9.} *)
(* a function whose argument is changed in place gets its own copy *)
Print[Compile[{{v, _Real, 1}}, Module[{w = v}, Map[(#[[1]] = 0.; #) &, {w, w}]]][{1., 2.}]]
(* expect: {{0., 2.}, {0., 2.}} *)
(* Map over a scalar, or with a level, is not compiled *)
Print[Compile[{{n, _Integer}}, Map[f, n]][2]]
(* expect: 2. *)
(* expect-stderr: Compile::extscalar: f /@ n cannot be compiled and will be evaluated externally. The result is assumed to be of type _Real. *)
