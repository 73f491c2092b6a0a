(* Resource limits answer with a message, never a crash (docs/limits.md). *)
f[n_] := f[n + 1] + 1;
Print[Head[f[0]]]
(* expect-stderr: $RecursionLimit::reclim2: Recursion depth of 1024 exceeded during evaluation of f[1021 + 1]. *)
(* expect: Plus *)
g[n_] := g[n + 1];
Print[g[0]]
(* expect-stderr: $IterationLimit::itlim: Iteration limit of 4096 exceeded. *)
(* expect: Hold[g[4095 + 1]] *)
(* MemoryConstrained at allocation time: memoryconstrained.ly *)
Print[MemoryConstrained[Total[Range[10^3]], 10^7]]
(* expect: 500500 *)
Print[TimeConstrained[While[True, 1], 0.2]]
(* expect: $Aborted *)
Print[2^(10^10)]
(* expect-stderr: General::ovfl: Overflow occurred in computation. *)
(* expect: Overflow[] *)
Print[StringLength[StringRepeat["ab", 10^6]]]
(* expect: 2000000 *)
(* an enormous request ends the script with General::nomem and status 1 *)
Print[Length[Range[10^12]]]
(* expect-stderr: General::nomem: The current computation was aborted because there was insufficient memory available to complete the computation. *)
(* expect-stderr: lyra: out of memory *)
(* expect-exit: 1 *)
Print["not reached"]
