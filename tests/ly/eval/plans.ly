(* Loop bodies and tests run through plans (vm/plan.c): the same values,
   messages and limits as the general evaluation, also when definitions,
   attributes or the kinds of values change in the middle of a loop. *)
s = 0; Do[s += i; If[i == 3, Unprotect[Plus]; Plus[a_Integer, 100] := hundred; Protect[Plus]], {i, 5}]; Print[s]
(* expect: 15 *)
t = 90; Do[t += 5, {3}]; Print[t]             (* expect: hundred *)
Unprotect[Plus]; Clear[Plus]; Protect[Plus];
u = 0; Do[u += 1; If[u == 2, Protect[u]], {4}]; Unprotect[u]; Print[u]
(* expect-stderr: AddTo::wrsym: Symbol u is Protected. *)
(* expect-stderr: AddTo::wrsym: Symbol u is Protected. *)
(* expect: 2 *)
w = 0; Do[w += 1; If[w == 2, v /: AddTo[v, k_] := Print["up ", k]]; v = 0; v += w, {3}]; Print[w]
(* expect: up 2 *)
(* expect: up 3 *)
(* expect: 3 *)
Clear[v];
b = 2^60; Do[b += b, {4}]; Print[b]           (* expect: 18446744073709551616 *)
r = 0; Do[r += 1/2; r++, {3}]; Print[r]       (* expect: 9/2 *)
f = 0; Do[f += 0.5, {3}]; Print[f]            (* expect: 1.5 *)
g = 0; k = 5; While[g < k, g++; If[g == 2, k = 3]]; Print[{g, k}]   (* expect: {3, 3} *)
Clear[z]; c = 0; Do[c += If[z, 1, 2, 3], {2}]; Print[c]            (* expect: 6 *)
c = 0; Do[c += If[z, 1, 2], {2}]; Print[c]    (* expect: 2 If[z, 1, 2] *)
z = True; c = 0; Do[If[z, c++, c--]; z = !z, {5}]; Print[c]          (* expect: 1 *)
c = 0; Do[If[Mod[i, 2] == 0, c += i; c *= 2, c -= 1], {i, 6}]; Print[c]   (* expect: 30 *)
Print[Table[If[OddQ[i], i, -i], {i, 5}]]    (* expect: {1, -2, 3, -4, 5} *)
Print[Table[x = i; x^2 + 1, {i, 4}]]          (* expect: {2, 5, 10, 17} *)
Print[Sum[If[i > 2, i, a], {i, 4}]]           (* expect: 7 + 2 a *)
Print[Table[i j, {i, 3}, {j, 2}]]             (* expect: {{1, 2}, {2, 4}, {3, 6}} *)
q = 0; Do[q++; If[q == 3, Break[]], {10}]; Print[q]               (* expect: 3 *)
q = 0; Do[If[OddQ[i], Continue[]]; q += i, {i, 10}]; Print[q]      (* expect: 30 *)
q = 0; For[i = 0, i < 10, i++, If[i == 4, Break[]]; q += i]; Print[q]   (* expect: 6 *)
Print[Catch[Do[If[i == 7, Throw[i^2]], {i, 10}]]]                   (* expect: 49 *)
h[n_] := Module[{acc = 0, j = 0}, While[j < n, j++; If[j == 5, Return[acc]]; acc += j]; acc]
Print[{h[3], h[10]}]                          (* expect: {6, 10} *)
m = 0; Do[m += 1/(i - 2), {i, 3}]; Print[m]
(* expect-stderr: Power::infy: Infinite expression 1/0 encountered. *)
(* expect: ComplexInfinity *)
Do[1/0, {4}]
(* expect-stderr: Power::infy: Infinite expression 1/0 encountered. *)
(* expect-stderr: Power::infy: Infinite expression 1/0 encountered. *)
(* expect-stderr: Power::infy: Infinite expression 1/0 encountered. *)
(* expect-stderr: General::stop: Further output of Power::infy will be suppressed during this calculation. *)
fac[n_] := If[n < 2, 1, n fac[n - 1]]
p = 0; Do[p += fac[i], {i, 5}]; Print[p]      (* expect: 153 *)
Block[{$RecursionLimit = 30}, d = 0; Do[d += Length[{fac[40]}], {2}]; Print[d]]
(* expect-stderr: $RecursionLimit::reclim2: Recursion depth of 30 exceeded during evaluation of fac[17 - 1]. *)
(* expect-stderr: $RecursionLimit::reclim2: Recursion depth of 30 exceeded during evaluation of fac[17 - 1]. *)
(* expect: 2 *)
Print[TimeConstrained[n1 = 0; While[True, n1++], 0.2, "stopped"]]   (* expect: stopped *)
Print[TimeConstrained[Do[n2 = i, {i, Infinity}], 0.2, "stopped"]]   (* expect: stopped *)
e1 = 0; Do[e1 += Evaluate[1 + 1]; CompoundExpression[Sequence[e1++, e1++]], {2}]; Print[e1]   (* expect: 8 *)
y1 = 0; Do[y1 = y1 + 1; y1 = y1 + y1, {3}]; Print[y1]              (* expect: 14 *)
l1 = {}; Do[AppendTo[l1, i]; l1[[-1]] = -i, {i, 3}]; Print[l1]     (* expect: {-1, -2, -3} *)
Clear[n3]; Do[n3 = i, {i, 2}]; Print[n3]      (* expect: 2 *)
s5 = ""; Do[s5 = s5 <> ToString[i], {i, 5}]; Print[s5]             (* expect: 12345 *)
