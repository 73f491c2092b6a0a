(* $RecursionLimit and $IterationLimit stop runaway evaluation with a message. *)
Print[$RecursionLimit]         (* expect: 1024 *)
r[n_] := r[n + 1]
r[0];
(* expect-stderr: $RecursionLimit::reclim2: Recursion depth of 1024 exceeded during evaluation of r[1022 + 1]. *)
Print["continues"]             (* expect: continues *)
$RecursionLimit = 100000;
deep[0] = 0;
deep[n_] := 1 + deep[n - 1]
Print[deep[20000]]             (* expect: 20000 *)
