(* Compile: tensors (packed arrays) as arguments, locals and results *)
p = Compile[{{v, _Real, 1}, {i, _Integer}}, v[[i]]];
Print[{p[{1., 2., 3.}, 2], p[{1., 2., 3.}, -1]}]
(* expect: {2., 3.} *)
Print[p[{1., 2., 3.}, 5]]
(* expect: {1., 2., 3.}[[5]] *)
(* expect-stderr: CompiledFunction::cfpart: Part 5 of a tensor of length 3 does not exist at instruction 1; proceeding with uncompiled evaluation. *)
(* expect-stderr: Part::partw: Part 5 of {1., 2., 3.} does not exist. *)
Print[p[{1., 2., 3.}, 0]]
(* expect: List *)
(* expect-stderr: CompiledFunction::cfpart: Part 0 of a tensor of length 3 does not exist at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{m, _Integer, 2}, {i, _Integer}, {j, _Integer}}, m[[i, j]]][{{1, 2}, {3, 4}}, 2, 1]]
(* expect: 3 *)
Print[Compile[{{m, _Real, 2}, {i, _Integer}}, m[[i]]][{{1., 2.}, {3., 4.}}, -1]]
(* expect: {3., 4.} *)
Print[Compile[{{m, _Real, 2}}, m[[2, -1]]][{{1., 2.}, {3., 4.}}]]
(* expect: 4. *)
(* part assignment *)
Print[Compile[{{v, _Real, 1}}, Module[{u = v}, u[[2]] = 10.; u[[-1]] += 1; u]][{1., 2., 3.}]]
(* expect: {1., 10., 4.} *)
(* the caller's value never changes *)
w2 = Compile[{{v, _Real, 1}}, (v[[1]] = 5.; v)];
x = {1., 2.}; Print[{w2[x], x}]
(* expect: {{5., 2.}, {1., 2.}} *)
Print[Compile[{{v, _Real, 1}}, Module[{w = v}, w[[1]] = 100.; {v, w}]][{1., 2.}]]
(* expect: {{1., 2.}, {100., 2.}} *)
Print[Compile[{{n, _Integer}}, Module[{m = Table[0, {n}, {n}]}, Do[m[[i, i]] = i, {i, n}]; m]][3]]
(* expect: {{1, 0, 0}, {0, 2, 0}, {0, 0, 3}} *)
Print[Compile[{{n, _Integer}}, Module[{m = Table[0., {n}, {n}], r}, r = m[[1]]; r[[1]] = 7.; m[[2]] = r; m]][2]]
(* expect: {{0., 0.}, {7., 0.}} *)
(* a row of the wrong length would make the tensor ragged *)
Print[Compile[{{n, _Integer}}, Module[{m = Table[0., {n}, {n}]}, m[[1]] = {1., 2., 3.}; m]][2]]
(* expect: {{1., 2., 3.}, {0., 0.}} *)
(* expect-stderr: CompiledFunction::cflist: Nontensor object generated at instruction 1; proceeding with uncompiled evaluation. *)
(* an integer tensor assigned a real becomes real *)
Print[Compile[{{n, _Integer}}, Module[{v = Table[0, {n}]}, v[[2]] = 1.5; v]][3]]
(* expect: {0., 1.5, 0.} *)
Print[Compile[{{v, _Real, 1}}, v[[4]] = 1.][{1., 2.}]]
(* expect: 1. *)
(* expect-stderr: CompiledFunction::cfpart: Part 4 of a tensor of length 2 does not exist at instruction 1; proceeding with uncompiled evaluation. *)
(* expect-stderr: Set::setps: {1., 2.} in the part assignment is not a symbol. *)
(* Table, Range, ConstantArray, list literals *)
Print[Compile[{{n, _Integer}}, Table[i^2, {i, n}]][5]]
(* expect: {1, 4, 9, 16, 25} *)
Print[Compile[{{n, _Integer}}, Table[i j, {i, n}, {j, 2}]][3]]
(* expect: {{1, 2}, {2, 4}, {3, 6}} *)
Print[Compile[{{n, _Integer}}, Table[N[i]/2, {i, 0, n, 2}]][4]]
(* expect: {0., 1., 2.} *)
Print[Compile[{{n, _Integer}}, Table[{i, -i}, {i, n}]][2]]
(* expect: {{1, -1}, {2, -2}} *)
Print[Compile[{{n, _Integer}}, Table[Table[j, {j, i}], {i, n}]][3]]
(* expect: {{1}, {1, 2}, {1, 2, 3}} *)
(* expect-stderr: CompiledFunction::cflist: Nontensor object generated at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{n, _Integer}}, Table[0, {n}]][0]]
(* expect: {} *)
Print[Compile[{{n, _Integer}}, Range[n]] /@ {5, 0}]
(* expect: {{1, 2, 3, 4, 5}, {}} *)
Print[Compile[{{a, _Real}, {b, _Real}}, Range[a, b, 0.5]][1., 3.]]
(* expect: {1., 1.5, 2., 2.5, 3.} *)
Print[Compile[{{n, _Integer}}, ConstantArray[1.5, {n, 2}]][2]]
(* expect: {{1.5, 1.5}, {1.5, 1.5}} *)
Print[Compile[{{x, _Real}}, {x, 2 x, 3}][1.5]]
(* expect: {1.5, 3., 3.} *)
Print[Compile[{{i, _Integer}}, {10, 20, 30}[[i]]][2]]
(* expect: 20 *)
With[{data = Range[100.]}, pk = Compile[{{i, _Integer}}, data[[i]] + Length[data]]];
Print[pk[7]]
(* expect: 107 *)
(* Length, Total, Dot, Max, Min, Mean *)
Print[Compile[{{v, _Integer, 1}}, {Length[v], Total[v]}][{1, 2, 3}]]
(* expect: {3, 6} *)
Print[Compile[{{m, _Real, 2}}, {Total[m], Length[m]}][{{1., 2.}, {3., 4.}}]]
(* expect: {{4., 6.}, 2} *)
(* expect-stderr: Compile::nocomp: {Total[m], Length[m]} cannot be compiled (a list whose elements are not numbers or tensors of one type and rank); the function will be evaluated uncompiled. *)
Print[Compile[{{a, _Real, 1}, {b, _Real, 1}}, a . b][{1., 2.}, {3., 4.}]]
(* expect: 11. *)
Print[Compile[{{a, _Real, 2}, {b, _Real, 1}}, a . b][{{1., 2.}, {3., 4.}}, {1., 1.}]]
(* expect: {3., 7.} *)
Print[Compile[{{a, _Real, 2}, {b, _Real, 1}}, a . b][{{1., 2.}, {3., 4.}}, {1., 1., 1.}]]
(* expect: {{1., 2.}, {3., 4.}} . {1., 1., 1.} *)
(* expect-stderr: CompiledFunction::cflist: Nontensor object generated at instruction 1; proceeding with uncompiled evaluation. *)
(* expect-stderr: Dot::dotsh: Tensors {{1., 2.}, {3., 4.}} and {1., 1., 1.} have incompatible shapes. *)
Print[Compile[{{a, _Integer, 2}}, a . a][{{1, 2}, {3, 4}}]]
(* expect: {{7, 10}, {15, 22}} *)
Print[Compile[{{a, _Integer, 1}, {m, _Integer, 2}}, a . m][{1, 1}, {{1, 2}, {3, 4}}]]
(* expect: {4, 6} *)
Print[Compile[{{v, _Real, 1}}, {Max[v], Min[v], Mean[v]}][{3., 1., 2.}]]
(* expect: {3., 1., 2.} *)
Print[Compile[{{v, _Integer, 1}}, Total[v]][{2^62, 2^62}]]
(* expect: 9223372036854775808 *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
(* element-wise arithmetic and listable functions *)
Print[Compile[{{v, _Real, 1}, {w, _Real, 1}}, {v + w, 2 v, v - w, v w, v/2, -v, v^2}][{1., 2.}, {3., 4.}]]
(* expect: {{4., 6.}, {2., 4.}, {-2., -2.}, {3., 8.}, {0.5, 1.}, {-1., -2.}, {1., 4.}} *)
Print[Compile[{{v, _Real, 1}}, Sin[v] - Reverse[v]][{1., 2.}]]
(* expect: {-1.15853, -0.0907026} *)
(* expect-stderr: Compile::extscalar: Reverse[v] cannot be compiled and will be evaluated externally. The result is assumed to be of type _Real. *)
(* expect-stderr: CompiledFunction::cfse: Compiled expression {2., 1.} should be of type _Real. *)
(* expect-stderr: CompiledFunction::cfex: Could not complete external evaluation at instruction 2; proceeding with uncompiled evaluation. *)
Print[Compile[{{v, _Integer, 1}}, 3 v + 1][{1, 2}]]
(* expect: {4, 7} *)
Print[Compile[{{v, _Real, 1}, {w, _Real, 1}}, v + w][{1., 2.}, {1.}]]
(* expect: {1.} + {1., 2.} *)
(* expect-stderr: CompiledFunction::cflist: Nontensor object generated at instruction 1; proceeding with uncompiled evaluation. *)
(* expect-stderr: Thread::tdlen: Objects of unequal length in {1., 2.} + {1.} cannot be combined. *)
Print[Compile[{{v, _Real, 1}}, Sqrt[v]][{4., -1.}]]
(* expect: {2., 0. + 1. I} *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
(* iterating over a list, sums and products *)
Print[Compile[{{v, _Integer, 1}}, Module[{s = 0}, Do[s += x, {x, v}]; s]][{1, 2, 3}]]
(* expect: 6 *)
Print[Compile[{{m, _Real, 2}}, Module[{s = 0.}, Do[s += Total[r], {r, m}]; s]][{{1., 2.}, {3., 4.}}]]
(* expect: 10. *)
Print[Compile[{{n, _Integer}}, {Sum[i, {i, n}], Product[i, {i, n}], Sum[1./i, {i, n}]}][5]]
(* expect: {15., 120., 2.28333} *)
Print[Compile[{{n, _Integer}}, Product[i, {i, n}]][25]]
(* expect: 15511210043330985984000000 *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{n, _Integer}}, Sum[{i, 1}, {i, n}]][3]]
(* expect: {6, 3} *)
(* rank 2 arguments from nested lists and packed arrays *)
Print[Compile[{{m, _Real, 2}}, Table[m[[j, i]], {i, Length[m[[1]]]}, {j, Length[m]}]][{{1., 2., 3.}, {4., 5., 6.}}]]
(* expect: {{1., 4.}, {2., 5.}, {3., 6.}} *)
Print[Compile[{{m, _Integer, 2}}, m][{{1, 2}, {3}}]]
(* expect: {{1, 2}, {3}} *)
(* expect-stderr: CompiledFunction::cfsa: Argument {{1, 2}, {3}} at position 1 should be of type {_Integer, 2}. *)
Print[Compile[{{m, _Integer, 2}}, Total[Flatten[m]]][{{1, 2}, {3, 4}}]]
(* expect: 10. *)
(* expect-stderr: Compile::extscalar: Total[Flatten[m]] cannot be compiled and will be evaluated externally. The result is assumed to be of type _Real. *)
