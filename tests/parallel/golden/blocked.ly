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
(* A task waiting for a future runs only tasks it submitted itself meanwhile,
   never an unrelated one that could bury it: here c waits for x, and f
   (waiting for c to close `out`) would otherwise run on top of c -- c could
   never resume and close it. *)
p = ThreadPool[1]; gate = Channel[1]; out = Channel[1];
x = Submit[p, Receive[gate] &];
c = Submit[p, (Await[x]; CloseChannel[out]; "closed") &];
f = Submit[p, Receive[out] &];
While[FutureState[c] =!= "Running" || FutureState[f] =!= "Running", Pause[0.001]];
Send[gate, 1];
Print[{Await[c], Await[f], Await[x]}]
(* expect: {closed, EndOfStream, 1} *)
