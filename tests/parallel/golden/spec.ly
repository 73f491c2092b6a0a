(* Rows and rules of spec/concurrency.md not covered by the other files
   (docs/parallel.md "Spec coverage" maps every row to its test).  No
   timing assertions: waits are for states, never for durations. *)

(* ---- pools *)
p = ThreadPool[2];
Print[{Await[p["Submit", Plus, 1, 2]], Await[Submit[p, Times, 2, 3]], Await[p.submit(# + 1 &, 9)]}]
(* expect: {3, 6, 10} *)
st = p.stats();
Print[{st["Workers"], st["TasksExecuted"] >= 3, Length[st["QueueSizes"]], Length[st["ArenaBytes"]], IntegerQ[st["Steals"]], IntegerQ[st["FailedSteals"]]}]
(* expect: {2, True, 2, 2, True, True} *)
(* (shut down here, so that no pool of this file is still draining in the
   background when the thread-count baseline below is taken) *)
{pa, pb, pc} = {ThreadPool[], ThreadPool[3, "Placement" -> "Spread"], ThreadPool[1, "Placement" -> None]};
Print[{pa.size() == ThreadCount[], pb.size(), pc}]
(* expect: {True, 3, ThreadPool[<1 worker>]} *)
Scan[#.shutdown() &, {pa, pb, pc}];
Print[ThreadPool[2, "Placement" -> "Bogus"]]
(* expect-stderr: ThreadPool::placement: Value of option Placement -> Bogus should be "Compact", "Spread" or None. *)
(* expect: ThreadPool[2, Placement -> Bogus] *)
Print[ThreadPool[0]]
(* expect-stderr: ThreadPool::count: The number of workers 0 is not a positive integer. *)
(* expect: ThreadPool[0] *)
(* shutdown finishes the queued work, then later submits fail *)
q = ThreadPool[1];
fs = Table[With[{i = i}, q.submit((Pause[0.01]; i) &)], {i, 5}];
q.shutdown();
Print[WaitAll[fs]]
(* expect: {1, 2, 3, 4, 5} *)
Print[q.submit(1 &)]
(* expect-stderr: Submit::shutdown: The pool has been shut down. *)
(* expect: $Failed *)
(* the last handle going shuts a pool down and joins its threads *)
(* threads of this process beyond t0, once joined threads have left /proc
   (waits up to 10 s for the count to come down to k) *)
threads[] := Length[FileNames["*", "/proc/self/task"]];
settle[k_] := Module[{i = 0}, While[threads[] - t0 > k && i < 1000, Pause[0.01]; i++]; threads[] - t0];
(* every pool made above was shut down with .shutdown(), which joins its
   threads; as a second guard the baseline is taken once the count has
   stayed the same for 10 looks in a row *)
stable[] := Module[{a = threads[], b, n = 0, i = 0},
  While[n < 10 && i < 1000, Pause[0.01]; b = threads[]; If[b == a, n++, n = 0; a = b]; i++]; a];
Await[ParallelSubmit[0]]; t0 = stable[];
Do[r = ThreadPool[3]; Await[r.submit(1 &)]; r =., {4}];
r = ThreadPool[2]; r2 = r; Await[r.submit(1 &)];
Print[settle[2]]
(* expect: 2 *)
r =.;
Print[settle[2]]
(* expect: 2 *)
r2 =.;
Print[settle[0]]
(* expect: 0 *)
(* a pool inside a worker's definitions does not keep it alive *)
r = ThreadPool[1]; Await[r.submit((keep = r; 1) &)]; r =.;
Print[settle[0]]
(* expect: 0 *)
(* a handle that crossed to another VM and back is the same pool *)
r = ThreadPool[1]; Print[Await[ParallelSubmit[{r}, r]] === r]; r =.;
(* expect: True *)

(* ---- futures *)
p1 = ThreadPool[1];
(* a worker busy computing (not blocked on a channel, which would start a
   spare thread) keeps the next task queued *)
SetSharedVariable[go]; go = False;
busy = Submit[p1, (While[!go]; 1) &]; queued = Submit[p1, 2 &];
While[FutureState[busy] =!= "Running", Pause[0.001]];
Print[{FutureState[busy], FutureState[queued], Await[queued, 0.01]}]
(* expect: {Running, Pending, $TimedOut} *)
go = True;
Print[{Await[busy], Await[queued], FutureState[busy], FutureState[queued]}]
(* expect: {1, 2, Done, Done} *)
(* Cancel of a pending future: it never runs *)
go = False;
busy = Submit[p1, (While[!go]; 1) &]; queued = Submit[p1, (Print["never"]; 3) &];
While[FutureState[busy] =!= "Running", Pause[0.001]];
Cancel[queued]; go = True;
Print[{Await[busy], Await[queued], FutureState[queued], queued.await()}]
(* expect: {1, $Aborted, Cancelled, $Aborted} *)
gate = Channel[1];
(* Cancel of a running one: stopped at its next safe point *)
spin = Submit[p1, (While[True, 1]) &];
While[FutureState[spin] =!= "Running", Pause[0.001]];
Cancel[spin];
Print[{Await[spin], FutureState[spin], Await[Submit[p1, 4 &]]}]
(* expect: {$Aborted, Cancelled, 4} *)
(* WaitAll looks into any expression, associations included; the result is evaluated *)
Print[WaitAll[<|"a" -> ParallelSubmit[1], "b" -> {ParallelSubmit[2], h[ParallelSubmit[3]]}|>]]
(* expect: <|a -> 1, b -> {2, h[3]}|> *)
Print[WaitAll[ParallelSubmit[20] + ParallelSubmit[22]]]
(* expect: 42 *)
(* WaitNext: {value, the future, the others} *)
slow = Submit[p1, Receive[gate] &];
fast = ParallelSubmit[5];
{v, w, rest} = WaitNext[{slow, fast}];
Print[{v, w === fast, rest === {slow}}]
(* expect: {5, True, True} *)
Send[gate, 6];
Print[WaitNext[rest][[1]]]
(* expect: 6 *)
(* a failed future re-throws in WaitAll too *)
Print[Catch[WaitAll[{ParallelSubmit[1], ParallelSubmit[Throw[9]]}]]]
(* expect: 9 *)
fd = ParallelSubmit[x]; Await[fd];
Print[Await[fd, -1]]
(* expect-stderr: Await::tmout: The timeout -1 is not a non-negative number of seconds or Infinity. *)
(* expect: Await[Future[<Done>], -1] *)
Print[Await[ParallelSubmit[8], Infinity]]
(* expect: 8 *)

(* ---- channels *)
ch = Channel[4];
Send[ch, 1]; ch.close();
Print[{ch, ch.receive(), ch.receive(), ch.closed()}]
(* expect: {Channel[<0/4, closed>], 1, EndOfStream, True} *)
Print[{Channel[].capacity(), Channel[].length()}]
(* expect: {0, 0} *)
(* a rendezvous send blocks until a receiver takes the value *)
rv = Channel[];
Print[{TrySend[rv, 1], Send[rv, 1, 0.01], TryReceive[rv]}]
(* expect: {False, $TimedOut, Missing[Empty]} *)
(* ReceiveAny is fair: with both channels always ready, both are served *)
a = Channel[100]; b = Channel[100];
Do[Send[a, "a"]; Send[b, "b"], {50}];
got = Table[ReceiveAny[{a, b}], {60}];
Print[{Length[got], Sort[Union[got[[All, 1]]]], Count[got[[All, 1]], 1] >= 10, Count[got[[All, 1]], 2] >= 10}]
(* expect: {60, {1, 2}, True, True} *)
Print[Union[Select[got, #[[1]] == 1 &][[All, 2]]]]
(* expect: {a} *)
CloseChannel[a]; CloseChannel[b];
While[ReceiveAny[{a, b}, 0] =!= EndOfStream, Null];
Print[ReceiveAny[{a, b}]]
(* expect: EndOfStream *)
(* values cross unchanged: reals, strings, big numbers, packed arrays, nested expressions *)
vals = {2.5, "héllo", 2^100, 1/3, 1. + 2. I, Range[5], {{1., 2.}, {3., 4.}}, f[x, {"s", 1}], <|"k" -> {1}|>};
c = Channel[20]; Scan[Send[c, #] &, vals];
Print[Table[Receive[c], {Length[vals]}] === vals]
(* expect: True *)
Print[Await[ParallelSubmit[{vals}, vals]] === vals]
(* expect: True *)
Print[Send[ch, 1]]
(* expect-stderr: Send::closed: The channel is closed. *)
(* expect: $Failed *)
Print[Receive[c, x]]
(* expect-stderr: Receive::tmout: The timeout x is not a non-negative number of seconds or Infinity. *)
(* expect: Receive[Channel[<0/20>], x] *)
(* a channel's blocking calls stop at TimeConstrained; the channel goes on *)
(* (a worker spins meanwhile, so these waits are never judged deadlocks) *)
go = False; spinner = ParallelSubmit[While[!go]; 1];
Print[{TimeConstrained[Receive[c], 0.05, "tc"], TimeConstrained[Send[Channel[], 1], 0.05, "tc"], Send[c, 3]; Receive[c]}]
(* expect: {tc, tc, 3} *)
go = True; Await[spinner];

(* ---- options *)
Print[ParallelMap[# + 1 &, Range[3], Method -> "Bogus"]]
(* expect-stderr: ParallelMap::pmethod: Value of option Method -> Bogus should be Automatic, "FinestGrained" or "CoarsestGrained". *)
(* expect: $Failed *)
Print[ParallelMap[# + 1 &, Range[3], "ChunkSize" -> 0]]
(* expect-stderr: ParallelMap::chunk: Value of option ChunkSize -> 0 should be a positive integer or Automatic. *)
(* expect: $Failed *)
Print[ParallelMap[# + 1 &, Range[3], ProgressReporting -> 1]]
(* expect-stderr: ParallelMap::opttf: Value of option ProgressReporting -> 1 should be True or False. *)
(* expect: $Failed *)
Print[ParallelMap[# + 1 &, Range[3], Bogus -> 1]]
(* expect-stderr: ParallelMap::optx: Unknown option Bogus in ParallelMap[#1 + 1 & , {1, 2, 3}, Bogus -> 1]. *)
(* expect: $Failed *)
(* every method and chunk size gives the same result, in input order *)
ref = Map[#^2 &, Range[100]];
Print[Union[Flatten[Table[{ParallelMap[#^2 &, Range[100], Method -> m] == ref,
    ParallelMap[#^2 &, Range[100], "ChunkSize" -> k] == ref,
    ParallelTable[i^2, {i, 100}, Method -> m, "ChunkSize" -> k] == ref,
    ParallelSum[i^2, {i, 100}, Method -> m] == Total[ref],
    ParallelSelect[Range[100], OddQ, "ChunkSize" -> k] == Select[Range[100], OddQ],
    ParallelCombine[Map[#^2 &], Range[100], Method -> m] == ref,
    ParallelReduce[Plus, ref, "ChunkSize" -> k] == Total[ref]},
  {m, {Automatic, "FinestGrained", "CoarsestGrained"}}, {k, {1, 3, 7, 100, 1000}}]]]]
(* expect: {True} *)
Print[{ParallelMap[f, {}], ParallelTable[i, {i, 0}], ParallelSum[i, {i, 0}], ParallelProduct[i, {i, 0}], ParallelSelect[{}, EvenQ]}]
(* expect: {{}, {}, 0, 1, {}} *)
Print[{ParallelMap[f, h[1, 2]], ParallelMap[# + 1 &, <|"a" -> 1|>]}]
(* expect: {h[f[1], f[2]], <|a -> 2|>} *)
Print[{ParallelProduct[i, {i, 20}], ParallelDo[Print[i], {i, 3}]}]
(* expect: 1 *)
(* expect: 2 *)
(* expect: 3 *)
(* expect: {2432902008176640000, Null} *)
(* ParallelCombine without comb joins the pieces like Join *)
Print[{ParallelCombine[Reverse, Range[6], "ChunkSize" -> 2], ParallelCombine[Length, Range[10], Plus]}]
(* expect: {{2, 1, 4, 3, 6, 5}, 10} *)

(* ---- ParallelReduce: bit-identical for any worker count *)
xs = Table[1.0/i^1.3 (-1)^i, {i, 1, 20000}];
rr = Table[ParallelReduce[Plus, xs, "Pool" -> ThreadPool[k]], {k, {1, 2, 16}}];
Print[{Equal @@ rr, SameQ @@ rr}]
(* expect: {True, True} *)
Print[Equal @@ Table[ParallelReduce[Times, Range[30], 1, "Pool" -> ThreadPool[k]], {k, {1, 2, 16}}]]
(* expect: True *)
Print[{ParallelReduce[Plus, {}], ParallelReduce[Plus, {}, 0], ParallelReduce[Plus, {7}], ParallelReduce[f, {u1, u2, u3}]}]
(* expect: {ParallelReduce[Plus, {}], 0, 7, f[u1, f[u2, u3]]} *)

(* ---- random numbers: the same for 1, 2 and 16 workers *)
rnd[k_] := (SeedRandom[11];
  {ParallelMap[RandomReal[] &, Range[200], "Pool" -> ThreadPool[k]],
   ParallelTable[RandomInteger[10^9], {i, 200}, "Pool" -> ThreadPool[k]],
   ParallelSum[RandomReal[], {i, 100}, "Pool" -> ThreadPool[k]],
   ParallelMap[RandomReal[] &, Range[50], Method -> "FinestGrained", "Pool" -> ThreadPool[k]]});
Print[SameQ @@ Table[rnd[k], {k, {1, 2, 16}}]]
(* expect: True *)
SeedRandom[11]; one = ParallelMap[RandomReal[] &, Range[5]]; two = ParallelMap[RandomReal[] &, Range[5]];
Print[{one =!= two, Length[Union[Join[one, two]]]}]
(* expect: {True, 10} *)

(* ---- shared variables: atomic updates from workers *)
SetSharedVariable[n]; n = 0;
ParallelDo[n += 1, {i, 100}]; ParallelDo[n++, {i, 100}]; ParallelDo[n--, {i, 40}];
ParallelDo[n -= 2, {i, 20}]; ParallelDo[++n, {i, 20}];
Print[n]
(* expect: 140 *)
SetSharedVariable[log]; log = {};
ParallelDo[AppendTo[log, i], {i, 60}];
Print[{Length[log], Sort[log] == Range[60]}]
(* expect: {60, True} *)
ParallelDo[n = i, {i, 10}];
Print[MemberQ[Range[10], n]]
(* expect: True *)
(* other variables stay worker-local *)
loc = 0; ParallelDo[loc += 1, {i, 50}];
Print[loc]
(* expect: 0 *)

(* ---- deterministic errors *)
(* an Abort[] below a Throw wins, and a Throw below an Abort[] wins *)
Print[CheckAbort[Catch[ParallelMap[If[# == 3, Abort[], If[# == 7, Throw[#], #]] &, Range[10], Method -> "FinestGrained"]], "aborted"]]
(* expect: aborted *)
Print[CheckAbort[Catch[ParallelMap[If[# == 7, Abort[], If[# == 3, Throw[#], #]] &, Range[10], Method -> "FinestGrained"]], "aborted"]]
(* expect: 3 *)
(* the lowest index wins whatever the worker count and method *)
Print[Union[Flatten[Table[Catch[ParallelMap[If[Mod[#, 17] == 0, Throw[#], #] &, Range[300], Method -> m, "Pool" -> ThreadPool[k]]],
  {k, {1, 2, 16}}, {m, {Automatic, "FinestGrained", "CoarsestGrained"}}]]]]
(* expect: {17} *)
Print[Catch[ParallelTable[If[i == 5 || i == 50, Throw[i, "t"], i], {i, 100}], "t"]]
(* expect: 5 *)
(* messages: tagged with the worker, in input order; the call goes on *)
Print[ParallelMap[(If[OddQ[#], Message[General::argx, "g", # + 1]]; #) &, Range[4], "Pool" -> ThreadPool[1]]]
(* expect-stderr: (kernel 1) General::argx: g called with 2 arguments; 1 argument is expected. *)
(* expect-stderr: (kernel 1) General::argx: g called with 4 arguments; 1 argument is expected. *)
(* expect: {1, 2, 3, 4} *)
(* TimeConstrained stops every worker; the same pool goes on *)
tp = ThreadPool[2];
Print[{TimeConstrained[ParallelMap[(While[True, 1]; #) &, Range[8], "Pool" -> tp], 0.2, "stopped"],
       TimeConstrained[ParallelSum[While[True, 1], {i, 8}, "Pool" -> tp], 0.2, "stopped"],
       tp.map(# + 1 &, Range[4])}]
(* expect: {stopped, stopped, {2, 3, 4, 5}} *)

(* ---- nesting: help-while-waiting on a 1-worker pool, three levels deep *)
one = ThreadPool[1];
Print[ParallelMap[Function[x, ParallelMap[Function[y, Total[ParallelMap[# + y &, Range[x], "Pool" -> one]]], Range[x], "Pool" -> one]], Range[3], "Pool" -> one]]
(* expect: {{2}, {5, 7}, {9, 12, 15}} *)
Print[Await[Submit[one, Await[Submit[one, Await[Submit[one, 3 &]] + 2 &]] + 1 &]]]
(* expect: 6 *)
Print[ParallelMap[WaitAll[Table[ParallelSubmit[{k}, k^2], {k, #}]] &, Range[4]]]
(* expect: {{1}, {1, 4}, {1, 4, 9}, {1, 4, 9, 16}} *)

(* ---- deadlocks: ::deadlock and $Failed instead of hanging *)
Print[ReceiveAny[{Channel[], Channel[1]}]]
(* expect-stderr: ReceiveAny::deadlock: Deadlock: this thread and every worker are blocked on channels or futures that nothing can complete. *)
(* expect: $Failed *)
Print[Send[Channel[], 1]]
(* expect-stderr: Send::deadlock: Deadlock: this thread and every worker are blocked on channels or futures that nothing can complete. *)
(* expect: $Failed *)
dc = Channel[]; df = ParallelSubmit[Receive[dc]];
Print[WaitNext[{df}]]
(* expect-stderr: WaitNext::deadlock: Deadlock: this thread and every worker are blocked on channels or futures that nothing can complete. *)
(* expect: $Failed *)
Send[dc, "ok"];
Print[Await[df]]
(* expect: ok *)
