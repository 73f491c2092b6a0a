(* Evaluation semantics a Wolfram user relies on. *)
Print[Hold[Evaluate[1 + 1], 2 + 2]]        (* expect: Hold[2, 2 + 2] *)
Print[Length[Unevaluated[1 + 2 + 3]]]      (* expect: 3 *)
f[x_] := Hold[x]
Print[f[1 + 1]]                            (* expect: Hold[2] *)
SetAttributes[g, HoldAll]
g[x_] := Hold[x]
Print[g[1 + 1]]                            (* expect: Hold[1 + 1] *)
Print[Evaluate[1 + 1]]                     (* expect: 2 *)
Print[Sequence[1, 2]]                      (* expect: 12 *)
SetAttributes[p, Flat]
p[a, b] = "ab";
Print[InputForm[p[a, b, c]]]               (* expect: p["ab", c] *)
SetAttributes[q, Orderless]
q[b, a] := "sorted"
Print[q[a, b]]                             (* expect: sorted *)
Print[InputForm[DownValues[q]]]            (* expect: {HoldPattern[q[a, b]] :> "sorted"} *)
x = 5;
Print[Hold[x]]                             (* expect: Hold[x] *)
Print[ReleaseHold[Hold[x]]]                (* expect: 5 *)
Clear[x]
k[n_Integer?Positive] := n
Print[{k[3], k[-3], k[a]}]                 (* expect: {3, k[-3], k[a]} *)
m[x_ /; x > 5] := big
m[x_] := small
Print[{m[10], m[1]}]                       (* expect: {big, small} *)
Print[x //. {x -> y, y -> z}]              (* expect: z *)
fact[n_] := If[n <= 1, 1, n fact[n - 1]]
Print[fact[20]]                            (* expect: 2432902008176640000 *)
y = 10;
Print[StringMatchQ[ToString[Module[{y}, y]], "y$" ~~ __]]   (* expect: True *)
Print[Catch[Throw[x, tag], tag]]           (* expect: x *)
r[0] = 0;
r[n_] := (If[n > 3, Return[n]]; r[n - 1] + 1)
Print[r[2]]                                (* expect: 2 *)
Print[r[7]]                                (* expect: 7 *)
