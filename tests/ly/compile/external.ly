(* Compile: what the subset does not cover is evaluated by the VM (MainEvaluate) *)
f[x_] := x^2 + 1
c = Compile[{{x, _Real}}, f[x] + 1];
(* expect-stderr: Compile::extscalar: f[x] cannot be compiled and will be evaluated externally. The result is assumed to be of type _Real. *)
Print[c[2.]]
(* expect: 6. *)
(* global symbols are read at each call *)
a = 3.; c2 = Compile[{{x, _Real}}, a x];
(* expect-stderr: Compile::extscalar: a cannot be compiled and will be evaluated externally. The result is assumed to be of type _Real. *)
Print[c2[2.]]
(* expect: 6. *)
a = 5; Print[c2[2.]]
(* expect: 10. *)
(* a result of another type: a message, then the uncompiled evaluation *)
a = "s"; Print[c2[2.]]
(* expect: 2. s *)
(* expect-stderr: CompiledFunction::cfse: Compiled expression s should be of type _Real. *)
(* expect-stderr: CompiledFunction::cfex: Could not complete external evaluation at instruction 1; proceeding with uncompiled evaluation. *)
(* the third argument of Compile gives the types of external results *)
c3 = Compile[{{n, _Integer}}, g[n] + 1, {{g[_], _Integer}}];
(* expect-stderr: Compile::extscalar: g[n] cannot be compiled and will be evaluated externally. The result is assumed to be of type _Integer. *)
g[k_] := k!
Print[c3[5]]
(* expect: 121 *)
Print[c3[30]]
(* expect: 265252859812191058636308480000001 *)
(* expect-stderr: CompiledFunction::cfse: Compiled expression 265252859812191058636308480000000 should be of type _Integer. *)
(* expect-stderr: CompiledFunction::cfex: Could not complete external evaluation at instruction 1; proceeding with uncompiled evaluation. *)
c4 = Compile[{{n, _Integer}}, Module[{v = {1., 2.}}, v = ff[n]; Total[v]], {{ff[_], _Real, 1}}];
(* expect-stderr: Compile::extscalar: ff[n] cannot be compiled and will be evaluated externally. The result is assumed to be of type {_Real, 1}. *)
ff[n_] := N[Range[n]]
Print[c4[4]]
(* expect: 10. *)
(* a Boolean context expects True or False *)
c5 = Compile[{{x, _Real}}, If[hh[x], 1, 2]];
(* expect-stderr: Compile::extscalar: hh[x] cannot be compiled and will be evaluated externally. The result is assumed to be of type True | False. *)
hh[y_] := y > 0
Print[{c5[1.], c5[-1.]}]
(* expect: {1, 2} *)
hh[y_] := "no"
Print[c5[1.]]
(* expect: If[no, 1, 2] *)
(* expect-stderr: CompiledFunction::cfse: Compiled expression no should be of type True | False. *)
(* expect-stderr: CompiledFunction::cfex: Could not complete external evaluation at instruction 1; proceeding with uncompiled evaluation. *)
(* statements evaluated for their effect need no type *)
Print[Compile[{{x, _Real}}, Module[{s = 0.}, Do[Print[i, " ", x]; s += i, {i, 2}]; s]][1.5]]
(* expect: 1 1.5 *)
(* expect: 2 1.5 *)
(* expect: 3. *)
Print[Compile[{{n, _Integer}}, Module[{v = Table[i, {i, n}]}, Total[Reverse[v]]]][4]]
(* expect: 10. *)
(* expect-stderr: Compile::extscalar: Total[Reverse[v]] cannot be compiled and will be evaluated externally. The result is assumed to be of type _Real. *)
(* Abort and Throw from external evaluation pass through compiled code *)
Print[CheckAbort[Compile[{{x, _Real}}, x + Abort[]][1.], "aborted"]]
(* expect: aborted *)
(* expect-stderr: Compile::extscalar: Abort[] cannot be compiled and will be evaluated externally. The result is assumed to be of type _Real. *)
Print[Catch[Compile[{{x, _Real}}, x + Throw[7]][1.]]]
(* expect: 7 *)
(* expect-stderr: Compile::extscalar: Throw[7] cannot be compiled and will be evaluated externally. The result is assumed to be of type _Real. *)
(* calls of other compiled functions (inlined through With) run in Lua *)
sq = Compile[{{x, _Real}}, x^2];
With[{sq = sq}, c6 = Compile[{{x, _Real}, {n, _Integer}}, Sum[sq[x + i], {i, n}]]];
Print[c6[1., 3]]
(* expect: 29. *)
Print[c6]
(* expect: CompiledFunction[{x, n}, Sum[CompiledFunction[{x}, x^2, "Lua"][x + i], {i, n}], "Lua"] *)
With[{sq = sq}, c7 = Compile[{{n, _Integer}}, sq[n]]];
Print[c7[3]]
(* expect: 9. *)
vv = Compile[{{v, _Real, 1}}, 2 v];
With[{vv = vv}, c8 = Compile[{{v, _Real, 1}}, Total[vv[v]] + vv[v][[1]]]];
Print[c8[{1., 2.}]]
(* expect: 8. *)
ov = Compile[{{n, _Integer}}, n^2];
With[{ov = ov}, c9 = Compile[{{n, _Integer}}, ov[n] + 1]];
Print[c9 /@ {3, 2^40}]
(* expect: {10, 1208925819614629174706177} *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
(* a compiled function named by a global symbol is called through the VM *)
c10 = Compile[{{x, _Real}}, sq[x] + 1];
(* expect-stderr: Compile::extscalar: sq[x] cannot be compiled and will be evaluated externally. The result is assumed to be of type _Real. *)
Print[c10[3.]]
(* expect: 10. *)
