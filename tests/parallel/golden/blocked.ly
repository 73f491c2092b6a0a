(* More tasks blocked on channels than workers: spare threads keep the pool
   going (64 consumers are submitted before the 64 producers they wait for). *)
ch = Channel[10000];
cons = Table[ParallelSubmit[Module[{s = 0, x}, While[(x = Receive[ch]) =!= EndOfStream, s += x]; s]], {64}];
prod = Table[With[{k = k}, ParallelSubmit[Do[Send[ch, k*100 + i], {i, 100}]; 1]], {k, 0, 63}];
Print[Total[WaitAll[prod]]]
(* expect: 64 *)
CloseChannel[ch];
Print[Total[WaitAll[cons]]]
(* expect: 20483200 *)
(* A pool that may not start enough threads: the waiter reports a deadlock
   instead of hanging, and the pool stays usable. *)
p = ThreadPool[1, "Spares" -> 2];
gate = Channel[10];
bs = Table[Submit[p, Function[Receive[gate]]], {3}];
While[Count[FutureState /@ bs, "Running"] < 3, Pause[0.01]];
late = Submit[p, Function[42]];
Print[WaitAll[{late}]]
(* expect-stderr: WaitAll::deadlock: Deadlock: this thread and every worker are blocked on channels or futures that nothing can complete. *)
(* expect: $Failed *)
CloseChannel[gate];
Print[WaitAll[Append[bs, late]]]
(* expect: {EndOfStream, EndOfStream, EndOfStream, 42} *)
Print[p.map(# + 1 &, Range[3])]
(* expect: {2, 3, 4} *)
Print[ThreadPool[1, "Spares" -> -1]]
(* expect-stderr: ThreadPool::spares: The number of spare threads -1 is not an integer between 0 and 4000. *)
(* expect: ThreadPool[1, Spares -> -1] *)
