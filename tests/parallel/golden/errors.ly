(* an uncaught Throw stops the call; the lowest index wins *)
Print[Catch[ParallelMap[If[# == 7 || # == 3, Throw[#], #] &, Range[10], Method -> "FinestGrained"]]]
(* expect: 3 *)
Print[Catch[ParallelMap[If[# == 90 || # == 4, Throw[#], Pause[0.001]; #] &, Range[100]]]]
(* expect: 4 *)
Print[Catch[ParallelTable[If[i > 5, Throw[{"big", i}], i], {i, 10}]]]
(* expect: {big, 6} *)
(* messages print tagged with the worker and evaluation goes on *)
Print[ParallelMap[(Message[General::argx, "f", 2]; #) &, {1, 2}, "Pool" -> ThreadPool[1]]]
(* expect-stderr: (kernel 1) General::argx: f called with 2 arguments; 1 argument is expected. *)
(* expect-stderr: (kernel 1) General::argx: f called with 2 arguments; 1 argument is expected. *)
(* expect: {1, 2} *)
(* TimeConstrained stops the workers; the pool stays usable *)
Print[TimeConstrained[ParallelMap[(Do[j, {j, 10^8}]; #) &, Range[4]], 0.3]]
(* expect: $Aborted *)
Print[ParallelMap[# + 1 &, Range[5]]]
(* expect: {2, 3, 4, 5, 6} *)
(* deadlock: nothing can ever send *)
Print[Receive[Channel[]]]
(* expect-stderr: Receive::deadlock: Deadlock: this thread and every worker are blocked on channels or futures that nothing can complete. *)
(* expect: $Failed *)
d = Channel[];
f = ParallelSubmit[Receive[d]];
Print[Await[f]]
(* expect-stderr: Await::deadlock: Deadlock: this thread and every worker are blocked on channels or futures that nothing can complete. *)
(* expect: $Failed *)
Send[d, 1];
Print[Await[f]]
(* expect: 1 *)
(* Abort[] in an element aborts the whole call, like Map *)
ParallelMap[If[# == 2, Abort[], #] &, Range[4]];
Print["not reached"]
(* expect-exit: 1 *)
(* expect-stderr: $Aborted *)
