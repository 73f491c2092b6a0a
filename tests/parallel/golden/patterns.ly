(* The scripts a Go or Wolfram user writes first, with exact results.
   (examples/pipeline.ly is the commented version of the Go-style ones.) *)

(* ---- producer-consumer: 4 producers, 3 consumers, one bounded channel;
   the producers' futures tell when to close *)
jobs = Channel[16];
producers = Table[ParallelSubmit[{k}, Do[Send[jobs, 1000 k + i], {i, 250}]; k], {k, 4}];
consumers = Table[ParallelSubmit[Module[{s = 0, c = 0, x},
    While[(x = Receive[jobs]) =!= EndOfStream, s += x; c++]; {c, s}]], {3}];
WaitAll[producers]; CloseChannel[jobs];
Print[Total[WaitAll[consumers]]]
(* expect: {1000, 2625500} *)

(* ---- a three-stage pipeline over bounded channels: generate -> square
   (fanned out over 3 workers) -> keep the odd ones; each stage closes its
   output when all of its workers are done (Go's WaitGroup + close) *)
gen = Channel[4]; sq = Channel[4]; odd = Channel[4];
ParallelSubmit[Do[Send[gen, i], {i, 200}]; CloseChannel[gen]];
squarers = Table[ParallelSubmit[Module[{x}, While[(x = Receive[gen]) =!= EndOfStream, Send[sq, x^2]]]], {3}];
ParallelSubmit[WaitAll[squarers]; CloseChannel[sq]];
ParallelSubmit[Module[{x}, While[(x = Receive[sq]) =!= EndOfStream, If[OddQ[x], Send[odd, x]]]]; CloseChannel[odd]];
out = {}; While[(y = Receive[odd]) =!= EndOfStream, AppendTo[out, y]];
Print[{Length[out], Total[out], Sort[out] == Table[i^2, {i, 1, 199, 2}]}]
(* expect: {100, 1333300, True} *)

(* ---- the same pipeline with the bulk forms *)
gen = Channel[64]; sq = Channel[64];
ParallelSubmit[SendList[gen, Range[10^4]]; CloseChannel[gen]];
ParallelSubmit[Module[{xs}, While[(xs = ReceiveList[gen, 100]) =!= EndOfStream, SendList[sq, xs^2]]]; CloseChannel[sq]];
s = 0; While[(ys = ReceiveList[sq, 100]) =!= EndOfStream, s += Total[ys]];
Print[s == Sum[i^2, {i, 10^4}]]
(* expect: True *)

(* ---- map-reduce: word counts of documents, mapped on workers, merged on
   a fixed tree *)
docs = Table[StringRiffle[Table[{"a", "b", "c", "d"}[[Mod[i j, 4] + 1]], {j, 20}], " "], {i, 40}];
counts = ParallelMap[Counts[StringSplit[#]] &, docs];
total = ParallelReduce[Merge[{#1, #2}, Total] &, counts];
Print[{KeySort[total], Total[total], KeySort[total] === KeySort[Counts[Flatten[StringSplit /@ docs]]]}]
(* expect: {<|a -> 400, b -> 100, c -> 200, d -> 100|>, 800, True} *)
(* and with ParallelCombine: each worker counts a piece *)
Print[KeySort[ParallelCombine[Counts[Flatten[StringSplit /@ #]] &, docs, Merge[{##}, Total] &]] === KeySort[total]]
(* expect: True *)
(* numeric map-reduce *)
Print[{ParallelReduce[Plus, ParallelMap[#^2 &, Range[1000]]], ParallelSum[i^2, {i, 1000}]}]
(* expect: {333833500, 333833500} *)

(* ---- fan-out / fan-in: WaitAll for all, WaitNext as they come *)
work[n_] := Total[Range[n]];
fs = Table[ParallelSubmit[{k}, work[10^k]], {k, 5}];
Print[WaitAll[fs]]
(* expect: {55, 5050, 500500, 50005000, 5000050000} *)
fs = Table[ParallelSubmit[{k}, {k, work[k]}], {k, 10}];
got = {}; While[fs =!= {}, {v, done, fs} = WaitNext[fs]; AppendTo[got, v]];
Print[Sort[got] == Table[{k, k (k + 1)/2}, {k, 10}]]
(* expect: True *)
(* fan-in through one channel from several workers *)
res = Channel[8];
Do[ParallelSubmit[{k}, Send[res, {k, k^3}]], {k, 12}];
Print[Sort[Table[Receive[res], {12}]] == Table[{k, k^3}, {k, 12}]]
(* expect: True *)

(* ---- Go's worker pool with a quit channel and select *)
tasks = Channel[8]; results = Channel[8]; quit = Channel[];
workers = Table[ParallelSubmit[Module[{m, n = 0},
    While[(m = ReceiveAny[{tasks, quit}])[[1]] == 1, Send[results, m[[2]] * 10]; n++]; n]], {3}];
feeder = ParallelSubmit[Do[Send[tasks, i], {i, 30}]];
rs = Table[Receive[results], {30}];
Do[Send[quit, "stop"], {3}];
Print[{Total[rs], Total[WaitAll[workers]]}]
(* expect: {4650, 30} *)
(* sending the 30 tasks from this thread instead would be a real deadlock
   (19 places for 30 values): Go reports "all goroutines are asleep", Lyra
   ::deadlock *)
t2 = Channel[2]; r2 = Channel[2];
w2 = ParallelSubmit[Module[{x}, While[(x = Receive[t2]) =!= EndOfStream, Send[r2, x]]]];
Print[Catch[Do[If[Send[t2, i] === $Failed, Throw[{"deadlock at", i}]], {i, 10}]]]
(* expect-stderr: Send::deadlock: Deadlock: this thread and every worker are blocked on channels or futures that nothing can complete. *)
(* expect: {deadlock at, 6} *)
CloseChannel[t2];
Print[{Table[Receive[r2], {5}], Await[w2]}]
(* expect: {{1, 2, 3, 4, 5}, Null} *)
(* timeouts on every blocking call: a poll loop never hangs *)
c = Channel[1];
Print[{Receive[c, 0.01], Send[c, 1, 0.01], Send[c, 2, 0.01], ReceiveAny[{Channel[1]}, 0.01], Receive[c, 0.01]}]
(* expect: {$TimedOut, Null, $TimedOut, $TimedOut, 1} *)

(* ---- Wolfram style: ParallelTable, a shared counter, ParallelSubmit + WaitAll *)
SetSharedVariable[hits]; hits = 0;
t = ParallelTable[If[PrimeQ[i], hits++]; i^2, {i, 1000}];
Print[{Length[t], Total[t], hits}]
(* expect: {1000, 333833500, 168} *)
Print[WaitAll[Table[ParallelSubmit[{i}, FactorInteger[2^i - 1]], {i, 20, 24}]] == Table[FactorInteger[2^i - 1], {i, 20, 24}]]
(* expect: True *)
Print[ParallelMap[PrimeQ, Range[20]] == Map[PrimeQ, Range[20]]]
(* expect: True *)
