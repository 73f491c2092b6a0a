(* Assignments and machine-integer steps done directly by the evaluator
   (vm/fold.c lyv_fold_assign, lyv_fold_quick) behave as the builtins. *)
x = 1; Print[{x += 2, x -= 5, x *= 3, x++, x, x--, ++x, --x, x}]
(* expect: {3, -2, -6, -6, -5, -5, -5, -6, -6} *)
x = 2^62 - 1; x += 1; Print[x]          (* expect: 4611686018427387904 *)
x = -2^62; x -= 1; Print[x]             (* expect: -4611686018427387905 *)
x = 2^31; x *= 2^31; Print[x]           (* expect: 4611686018427387904 *)
x = 3; x += 1.5; Print[x]               (* expect: 4.5 *)
Clear[y]; y++
(* expect-stderr: Increment::rvalue: y is not a variable with a value, so its value cannot be changed. *)
Print[Hold[Evaluate[y += 1]]]
(* expect-stderr: AddTo::rvalue: y is not a variable with a value, so its value cannot be changed. *)
(* expect: Hold[y += 1] *)
Print[Pi = 3]
(* expect-stderr: Set::wrsym: Symbol Pi is Protected. *)
(* expect: 3 *)
p = 1; Protect[p]; p += 1; Print[p]
(* expect-stderr: AddTo::wrsym: Symbol p is Protected. *)
(* expect: 1 *)
Unprotect[p];
(* up-values of the variable and of the value apply *)
u /: Set[u, v_] := (Print["up ", v]; v)
u = 5
(* expect: up 5 *)
Print[ValueQ[u]]                        (* expect: False *)
w /: AddTo[w, k_] := "w+" <> ToString[k]
Print[w += 3]                           (* expect: w+3 *)
tag /: Set[z_, tag[k_]] := {"tagged", k}
Print[z = tag[7]]                       (* expect: {tagged, 7} *)
(* user rules for the assignment or its arithmetic are honoured *)
Unprotect[AddTo]; AddTo[q, 1] := "mine"; Protect[AddTo];
q = 0; Print[{q += 1, q += 2, q}]        (* expect: {mine, 2, 2} *)
Unprotect[AddTo]; Clear[AddTo]; Protect[AddTo];
Unprotect[Plus]; Plus[10, 1] := eleven; Protect[Plus];
r = 10; r++; Print[r]                   (* expect: eleven *)
r = 10; r += 1; Print[r]                (* expect: eleven *)
Unprotect[Plus]; Clear[Plus]; Protect[Plus];
(* the value of an assignment: evaluated once, symbols to their values *)
a = {1, 2}; Print[b = a]                (* expect: {1, 2} *)
Print[c = d]                            (* expect: d *)
d = 4; Print[{c, e = c}]                (* expect: {4, 4} *)
Print[f = Unevaluated[1 + 1]; Hold[Evaluate[OwnValues[f]]]]
(* expect: Hold[{HoldPattern[f] :> 1 + 1}] *)
(* the limits keep their own assignment *)
Block[{$IterationLimit = 100}, $IterationLimit += 10; Print[$IterationLimit]]
(* expect: 110 *)
(* comparisons and arithmetic of variables in loops *)
n = 10; s = 0; i = 1; While[i <= n, If[Mod[i, 3] == 0, s += i^2]; i++]; Print[{s, i}]
(* expect: {126, 11} *)
Print[Table[{k^0, k^1, k^3, (-k)^3, 2^k}, {k, 1, 3}]]
(* expect: {{1, 1, 1, -1, 2}, {1, 2, 8, -8, 4}, {1, 3, 27, -27, 8}} *)
Print[{0^0, 0^-1, 2^-1, 3^40, (-3)^39, 2^62, 2^63}]
(* expect-stderr: Power::indet: Indeterminate expression 0^0 encountered. *)
(* expect-stderr: Power::infy: Infinite expression 1/0 encountered. *)
(* expect: {Indeterminate, ComplexInfinity, 1/2, 12157665459056928801, -4052555153018976267, 4611686018427387904, 9223372036854775808} *)
k = 5; Print[Hold[k < 3], k < 3 && True]  (* expect: Hold[k < 3]False *)
(* Do, For and While with the steps done directly: Return, Break, Continue *)
For[i = 1, i <= 10, i++, If[i == 3, Continue[]]; If[i == 5, Break[]]; Print[i]]
(* expect: 1 *)
(* expect: 2 *)
(* expect: 4 *)
(* Return[v] leaves the Do with the value v, and the Module goes on *)
g[m_] := Module[{t = 0, j}, Do[t += j; If[t > m, Return[{j, t}]], {j, 100}]; t]
Print[{g[10], g[10^6]}]                 (* expect: {15, 5050} *)
Print[TimeConstrained[cnt = 0; While[True, cnt++], 0.2, "stopped"]]  (* expect: stopped *)
