f = ParallelSubmit[6 * 7];
Print[{Await[f], f.await(), FutureState[f]}]
(* expect: {42, 42, Done} *)
p = ThreadPool[2];
Print[{p, p.size()}]
(* expect: {ThreadPool[<2 workers>], 2} *)
Print[Await[Submit[p, Plus, 1, 2]]]
(* expect: 3 *)
Print[Await[p.submit(Times, 3, 4)]]
(* expect: 12 *)
Print[p.map(#^2 &, {1, 2, 3})]
(* expect: {1, 4, 9} *)
Print[p.reduce(Plus, Range[10])]
(* expect: 55 *)
Print[Keys[p.stats()]]
(* expect: {Workers, TasksExecuted, Steals, FailedSteals, QueueSizes, ArenaBytes} *)
g = ParallelSubmit[Pause[5]; 1];
Cancel[g];
Print[{Await[g], FutureState[g]}]
(* expect: {$Aborted, Cancelled} *)
ch = Channel[];
h = ParallelSubmit[Receive[ch]];
Print[Await[h, 0.05]]
(* expect: $TimedOut *)
Send[ch, "late"];
Print[Await[h]]
(* expect: late *)
t = ParallelSubmit[Throw[7, "tag"]];
Print[Catch[Await[t], "tag"]]
(* expect: 7 *)
Print[FutureState[t]]
(* expect: Failed *)
Print[Await[ParallelSubmit[Abort[]]]]
(* expect: $Aborted *)
(* definitions of the caller are visible; worker assignments stay local *)
sq[x_] := x^2;
z = 1;
Print[Await[ParallelSubmit[z = 100; sq[3]]]]
(* expect: 9 *)
Print[z]
(* expect: 1 *)
p.shutdown();
Print[Submit[p, Plus, 1, 2]]
(* expect-stderr: Submit::shutdown: The pool has been shut down. *)
(* expect: $Failed *)
(* a closure: the current values of the listed variables go with the task *)
Print[WaitAll[Table[ParallelSubmit[{i}, i^2], {i, 5}]]]
(* expect: {1, 4, 9, 16, 25} *)
Print[WaitAll[Block[{u = 3}, ParallelSubmit[{u, v}, {u, v}]]]]
(* expect: {3, v} *)
