(* Compile: blocks, conditionals, loops, assignments *)
f = Compile[{{n, _Integer}}, Module[{s = 0, i = 0}, While[True, i++; If[i > n, Break[]]; If[OddQ[i], Continue[]]; s += i]; s]];
Print[f[10]]
(* expect: 30 *)
g = Compile[{{n, _Integer}}, Module[{s = 0, k}, For[k = 1, k <= n, k++, If[k == 3, Continue[]]; s += k]; s]];
Print[g[5]]
(* expect: 12 *)
h = Compile[{{x, _Real}}, Module[{y = x}, If[y < 0, Return[-1.]]; y^2]];
Print[{h[-1.], h[3.]}]
(* expect: {-1., 9.} *)
d = Compile[{{n, _Integer}}, Module[{c = 0}, Do[c += i j, {i, n}, {j, i}]; c]];
Print[{d[4], Sum[i j, {i, 4}, {j, i}]}]
(* expect: {65, 65} *)
d2 = Compile[{{a, _Real}, {b, _Real}}, Module[{c = 0.}, Do[c += x, {x, a, b, 0.5}]; c]];
Print[{d2[1., 3.], Module[{c = 0.}, Do[c += x, {x, 1., 3., 0.5}]; c]}]
(* expect: {10., 10.} *)
Print[Compile[{}, Module[{c = 0.}, Do[c += x, {x, 0., 1., 0.1}]; c]][]]
(* expect: 5.5 *)
Print[Compile[{{n, _Integer}}, Module[{c = 0}, Do[c += i, {i, n, 1, -2}]; c]][9]]
(* expect: 25 *)
Print[Compile[{{n, _Integer}}, Module[{c = 0}, Do[c++, {n}]; c]][7]]
(* expect: 7 *)
Print[Compile[{{x, _Real}}, Module[{c = 0}, Do[c++, {i, x}]; c]][3.7]]
(* expect: 3 *)
w = Compile[{{x, _Real}}, Which[x < 0, -1, x == 0, 0, True, 1]];
Print[w /@ {-2., 0., 5.}]
(* expect: {-1, 0, 1} *)
s = Compile[{{n, _Integer}}, Switch[Mod[n, 3], 0, 1.5, 1, 2, _, -1]];
Print[s /@ {3, 4, 5}]
(* expect: {1.5, 2., -1.} *)
sb = Compile[{{b, True|False}}, Switch[b, True, 1, False, 0]];
Print[{sb[True], sb[False]}]
(* expect: {1, 0} *)
m = Compile[{{x, _Real}}, Module[{a = 1, b = 2.}, a = a + 1; b *= a; a -= 1; {a, b}]];
Print[m[0.]]
(* expect: {1., 4.} *)
Print[Compile[{{x, _Real}}, Block[{t = x + 1}, t^2]][2.]]
(* expect: 9. *)
Print[Compile[{{x, _Real}}, With[{c = 3}, x c]][2.]]
(* expect: 6. *)
Print[Compile[{{x, _Real}}, Module[{a = x, b = 2 x}, Module[{a = 10.}, b += a]; a + b]][1.]]
(* expect: 13. *)
inc = Compile[{{n, _Integer}}, Module[{a = n, b, c}, b = a++; c = ++a; {a, b, c, a--, --a}]];
Print[inc[5]]
(* expect: {7, 5, 7, 7, 5} *)
Print[Compile[{{x, _Real}}, Module[{a = x}, a /= 2; a -= 1; a]][5.]]
(* expect: 1.5 *)
(* a local assigned integers and reals is real *)
Print[Compile[{{n, _Integer}}, Module[{s = 0}, Do[s += 1/i, {i, n}]; s]][4]]
(* expect: 2.08333 *)
Print[Compile[{{n, _Integer}}, If[n > 0, 1, 2.5]] /@ {1, -1}]
(* expect: {1., 2.5} *)
(* a missing branch where a value is needed: the uncompiled evaluation gives Null *)
Print[Compile[{{n, _Integer}}, If[n > 0, 1.5]] /@ {1, -1}]
(* expect: {1.5, Null} *)
(* expect-stderr: CompiledFunction::cfnull: Null encountered where a value is needed at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{n, _Integer}}, Which[n == 1, 10, n == 2, 20]] /@ {1, 3}]
(* expect: {10, Null} *)
(* expect-stderr: CompiledFunction::cfnull: Null encountered where a value is needed at instruction 1; proceeding with uncompiled evaluation. *)
(* statements and Print inside compiled code *)
Compile[{{n, _Integer}}, Do[Print[i^2], {i, n}]][3]
(* expect: 1 *)
(* expect: 4 *)
(* expect: 9 *)
Print[Compile[{{n, _Integer}}, Do[If[i == n, Return[i]], {i, 10}]][3]]
(* expect: 3 *)
(* expect-stderr: Compile::nocomp: Do[If[i == n, Return[i]], {i, 10}] cannot be compiled (a Null is assigned where a machine-size integer is expected); the function will be evaluated uncompiled. *)
Print[Compile[{{n, _Integer}}, Module[{i = 0}, While[i < n, i += 2]; i]][7]]
(* expect: 8 *)
Print[Compile[{{x, _Real}, {y, _Real}}, If[x > 0 && (y = 2 y; y > 3), y, -y]] @@@ {{1., 1.}, {1., 2.}, {-1., 5.}}]
(* expect: {-2., 4., -5.} *)
Print[Compile[{{n, _Integer}}, Module[{c = 0}, For[i = 0, i < n, i++, c += 2]; c]][3]]
(* expect: 6 *)
(* expect-stderr: Compile::extscalar: i cannot be compiled and will be evaluated externally. The result is assumed to be of type _Real. *)
Print[Compile[{{n, _Integer}}, Module[{x = 1, y = 2, t}, Do[t = x; x = y; y = t, {n}]; {x, y}]] /@ {1, 2}]
(* expect: {{2, 1}, {1, 2}} *)
