(* Assignments whose value is a call (s += f[i], x = g[x], AppendTo[l, f[i]],
   a[[i]] = f[i]) run in loops without a frame of their own (vm/plan.c,
   P_ASSIGNV): the same values, messages, exits and limits as the general
   evaluation, also when the value is a Sequence, the variable is Protected
   or has no value, or the assignment's definitions change mid-loop. *)
f[x_] := x + 1; s = 0; Do[s += f[i], {i, 5}]; Print[s]    (* expect: 20 *)
Clear[g]; s = 0; Do[s += g[i], {i, 3}]; Print[s]    (* expect: g[1] + g[2] + g[3] *)
s = 0; Do[s += Sequence[1, 2], {2}]; Print[s]
(* expect: 0 *)
(* expect-stderr: AddTo::argrx: AddTo called with 3 arguments; 2 arguments are expected. *)
(* expect-stderr: AddTo::argrx: AddTo called with 3 arguments; 2 arguments are expected. *)
x = 0; Do[x = Sequence[1, 2], {2}]; Print[Hold[x]]    (* expect: Hold[x] *)
g2[x_] := Sequence[x, x]; l = {}; Do[AppendTo[l, g2[i]], {i, 2}]; Print[l]
(* expect: {} *)
(* expect-stderr: AppendTo::argrx: AppendTo called with 3 arguments; 2 arguments are expected. *)
(* expect-stderr: AppendTo::argrx: AppendTo called with 3 arguments; 2 arguments are expected. *)
l = {}; Do[AppendTo[l, f[i]], {i, 3}]; Print[l]    (* expect: {2, 3, 4} *)
a = Range[5]; Do[a[[i]] = f[i], {i, 3}]; Print[a]    (* expect: {2, 3, 4, 4, 5} *)
a = Range[5]; Do[a[[i]] = Sequence[], {i, 2}]; Print[a]    (* expect: {3, 4, 5} *)
s = 0; Do[s += (t = i), {i, 3}]; Print[{s, t}]    (* expect: {6, 3} *)
s = 0; Do[s += If[i > 1, f[i], 0], {i, 3}]; Print[s]    (* expect: 7 *)
s = 0; Do[s += (Print[i]; i), {i, 2}]; Print[s]
(* expect: 1 *)
(* expect: 2 *)
(* expect: 3 *)
Protect[pp]; Do[pp += f[i], {i, 2}]; Print[pp]; Unprotect[pp]
(* expect: pp *)
(* expect-stderr: AddTo::wrsym: Symbol pp is Protected. *)
(* expect-stderr: AddTo::wrsym: Symbol pp is Protected. *)
Do[$IterationLimit = f[100 + i], {i, 2}]; Print[$IterationLimit]    (* expect: 103 *)
$IterationLimit = 4096;
s = 0; Do[If[i == 2, s /: (s += v_) := Print["up ", v]]; s += f[i], {i, 3}]; Print[s]
(* expect: up 3 *)
(* expect: up 4 *)
(* expect: 2 *)
Clear[s]
s = 0; Do[If[i == 2, Unprotect[AddTo]; AddTo[a_, b_] := Print["addto ", b]; Protect[AddTo]]; s += f[i], {i, 3}]; Print[s]
(* expect: addto 3 *)
(* expect: addto 4 *)
(* expect: 2 *)
Unprotect[AddTo]; Clear[AddTo]; Protect[AddTo]
s = 0; Do[If[i == 2, Unprotect[AddTo]; ClearAttributes[AddTo, HoldFirst]; Protect[AddTo]]; s += f[i], {i, 3}]; Print[s]
(* expect: 2 *)
(* expect-stderr: AddTo::rvalue: 2 is not a variable with a value, so its value cannot be changed. *)
(* expect-stderr: AddTo::rvalue: 2 is not a variable with a value, so its value cannot be changed. *)
Unprotect[AddTo]; SetAttributes[AddTo, HoldFirst]; Protect[AddTo]
r[0] = 0; r[n_] := (t = r[n - 1] + 1); Print[Block[{$RecursionLimit = 30}, Do[u = r[40], {2}]; u]]
(* expect: 12 + Hold[r[29 - 1]] *)
(* expect-stderr: $RecursionLimit::reclim2: Recursion depth of 30 exceeded during evaluation of r[29 - 1]. *)
(* expect-stderr: $RecursionLimit::reclim2: Recursion depth of 30 exceeded during evaluation of r[29 - 1]. *)
w[n_] := Module[{x = 0}, While[x < n, x = f[x]]; x]; Print[w[10]]    (* expect: 10 *)
Print[Do[s += Return[5], {3}]]    (* expect: 5 *)
h1[] := Do[s += (If[i == 2, Return[i]]; i), {i, 3}]; s = 0; Print[{h1[], s}]    (* expect: {2, 1} *)
s = 0; Do[s += (If[i == 2, Break[]]; i), {i, 5}]; Print[s]    (* expect: 1 *)
s = 0; Do[s += (If[i == 2, Continue[]]; i), {i, 5}]; Print[s]    (* expect: 13 *)
s = 0; Print[Catch[Do[s += (If[i == 3, Throw[s]]; i), {i, 5}]]]    (* expect: 3 *)
Print[CheckAbort[s = 0; Do[s += (If[i == 3, Abort[]]; i), {i, 5}], {ab, s}]]    (* expect: {ab, 3} *)
Print[TimeConstrained[s = 0; While[True, s = f[s]], 0.1, "tc"]]    (* expect: tc *)
s = 1.5; Do[s += f[i], {i, 3}]; Print[s]    (* expect: 10.5 *)
s = 2^62; Do[s += f[i], {i, 3}]; Print[s]    (* expect: 4611686018427387913 *)
s = 0; Do[s -= f[-2^62 + i], {i, 2}]; Print[s]    (* expect: 9223372036854775803 *)
s = "a"; Do[s = s <> ToString[i], {i, 3}]; Print[s]    (* expect: a123 *)
assoc = <||>; Do[assoc[i] = f[i], {i, 3}]; Print[assoc]    (* expect: <|1 -> 2, 2 -> 3, 3 -> 4|> *)
s = 0; Print[Table[s += f[i], {i, 3}]]    (* expect: {2, 5, 9} *)
For[i = 0, i < 3, i = f[i]]; Print[i]    (* expect: 3 *)
