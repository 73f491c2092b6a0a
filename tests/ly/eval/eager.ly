(* Compiled right sides evaluate the calls the evaluator would evaluate
   next (vm/rulecode.c eager_call): same values, order, messages, limits
   and Return/Throw behaviour as the plain evaluation. *)
f1[x_] := g1[Return[5]]
Print[f1[1]]                   (* expect: 5 *)
f2[x_] := h2[Catch[Sin[1, 2]]]
Print[f2[1]]
(* expect-stderr: Sin::argx: Sin called with 2 arguments; 1 argument is expected. *)
(* expect: h2[Sin[1, 2]] *)
g3[y_] := y; f3[x_] := f3[g3[x]]
Print[f3[1]]
(* expect-stderr: $IterationLimit::itlim: Iteration limit of 4096 exceeded. *)
(* expect: Hold[f3[g3[1]]] *)
f4[x_] := f4[x]
Print[f4[1]]                   (* expect: f4[1] *)
f5[h5[x_]] := f5[h5[x]]
Print[f5[h5[1]]]               (* expect: f5[h5[1]] *)
s6[x_] := Sequence[x, x]; f6[x_] := g6[s6[x], 2]
Print[f6[1]]                   (* expect: g6[1, 1, 2] *)
f7[x_] := g7[Unevaluated[1 + 1], x]
Print[Hold[Evaluate[f7[1]]]]   (* expect: Hold[g7[Unevaluated[1 + 1], 1]] *)
f8[x_] := g8[Print[1]; 1, Print[2]; 2, k8[Print[3]]]
Print[f8[1]]
(* expect: 1 *)
(* expect: 2 *)
(* expect: 3 *)
(* expect: g8[1, 2, k8[Null]] *)
f11[x_] := h11[x, h11 = Sin; 1]
Print[f11[2]]                  (* expect: h11[2, 1] *)
Print[h11]                     (* expect: Sin *)
f12[x_] := g12[y12, y12 = 5]
Print[f12[1]]                  (* expect: g12[y12, 5] *)
f13[n_] := If[n < 1, 0, 1 + f13[n - 1]]
Print[f13[500]]                (* expect: 500 *)
f14[n_] := f14[n - 1] + 1; f14[0] = 0
Block[{$RecursionLimit = 60}, Print[f14[100]]]
(* expect-stderr: $RecursionLimit::reclim2: Recursion depth of 60 exceeded during evaluation of f14[43 - 1]. *)
(* expect: 58 + Hold[f14[43 - 1]] *)
f15[x_] := {x, Return[x + 1], Print["no"]}
Print[f15[1]]                  (* expect: 2 *)
f16[x_] := g16[Throw[x]]
Print[Catch[f16[3]]]           (* expect: 3 *)
q19[x_] := (Print["first"]; x); f19[x_] := p19[q19[x], Print["second"]]
Print[f19[1]]
(* expect: first *)
(* expect: second *)
(* expect: p19[1, Null] *)
f22[x_] := g22[x][x + 1]; g22[a_][b_] := a b
Print[f22[3]]                  (* expect: 12 *)
f24[x_] := Plus[Sequence[x, x], 1]
Print[f24[2]]                  (* expect: 5 *)
SetAttributes[OrderlessF, Orderless]; f25[x_] := OrderlessF[x, a, 1]
Print[f25[z]]                  (* expect: OrderlessF[1, a, z] *)
(* recursion deeper than the default limit, through eager calls *)
deep[0] = 0; deep[n_] := deep[n - 1] + 1
Print[Block[{$RecursionLimit = 20000}, deep[10000]]]   (* expect: 10000 *)
(* SameQ / UnsameQ of symbols and machine integers *)
Print[{a === a, a === b, 1 === 1, 1 =!= a, x =!= EndOfStream}]   (* expect: {True, False, True, True, True} *)
up /: SameQ[up, 1] := yes
Print[up === 1]                (* expect: yes *)
