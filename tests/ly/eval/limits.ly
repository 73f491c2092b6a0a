(* $RecursionLimit and $IterationLimit stop runaway evaluation with a message. *)
Print[$RecursionLimit]         (* expect: 1024 *)
Print[$IterationLimit]         (* expect: 4096 *)
(* a chain of rewrites in tail position is iteration, not recursion *)
r[n_] := r[n + 1]
r[0];
(* expect-stderr: $IterationLimit::itlim: Iteration limit of 4096 exceeded. *)
g[0] = 1; g[p_] := g[p - 1]
Print[Block[{$IterationLimit = 20}, g[20]]]
(* expect-stderr: $IterationLimit::itlim: Iteration limit of 20 exceeded. *)
(* expect: Hold[g[1 - 1]] *)
Print[Block[{$IterationLimit = 22}, g[20]]]   (* expect: 1 *)
(* nested evaluation is recursion *)
r2[n_] := 1 + r2[n + 1]
Print[r2[0]]
(* expect-stderr: $RecursionLimit::reclim2: Recursion depth of 1024 exceeded during evaluation of r2[1022 + 1]. *)
(* expect: 1023 + Hold[r2[1022 + 1]] *)
Print["continues"]             (* expect: continues *)
$RecursionLimit = 100000;
deep[0] = 0;
deep[n_] := 1 + deep[n - 1]
Print[deep[50000]]             (* expect: 50000 *)
$RecursionLimit = 5
(* expect-stderr: $RecursionLimit::limset: Cannot set $RecursionLimit to 5; value must be Infinity or an integer at least 20. *)
