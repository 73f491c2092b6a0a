(* A task out of memory fails alone: its future gives $Failed and the
   awaiting VM reports General::nomem; the pool goes on (docs/limits.md).
   The caller's --max-memory budget in worker VMs: tests/parallel/faults.c
   and tests/hostile/test_hostile.py. *)
f = ParallelSubmit[Range[10^12]];
g = ParallelSubmit[Length[Range[10^5]]];
Print[{Await[f], Await[g]}]
(* expect-stderr: General::nomem: The current computation was aborted because there was insufficient memory available to complete the computation. *)
(* expect: {$Failed, 100000} *)
(* MemoryConstrained inside an element: that element alone *)
Print[ParallelMap[MemoryConstrained[Length[Range[#]], 10^6] &, {10, 10^6, 20}]]
(* expect: {10, $Aborted, 20} *)
(* MemoryConstrained around a parallel call bounds the calling VM only, as
   in Wolfram: what workers allocate is not counted, results copied back are *)
Print[MemoryConstrained[ParallelMap[Length[Range[10^6]] &, Range[4]], 10^6]]
(* expect: {1000000, 1000000, 1000000, 1000000} *)
Print[MemoryConstrained[ParallelMap[Range[10^6] &, Range[4]], 10^6]]
(* expect: $Aborted *)
(* an element out of memory ends the whole call, like Map (exit status 1) *)
ParallelMap[Length[Range[#]] &, {10, 10^12}];
Print["not reached"]
(* expect-stderr: General::nomem: The current computation was aborted because there was insufficient memory available to complete the computation. *)
(* expect-exit: 1 *)
(* expect-stderr: lyra: out of memory *)
