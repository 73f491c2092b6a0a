sq[x_] := x^2;
Print[ParallelMap[sq, Range[10]]]
(* expect: {1, 4, 9, 16, 25, 36, 49, 64, 81, 100} *)
Print[ParallelMap[f, {a, b}]]
(* expect: {f[a], f[b]} *)
Print[ParallelMap[# + 1 &, Range[5], Method -> "FinestGrained"]]
(* expect: {2, 3, 4, 5, 6} *)
Print[ParallelMap[# + 1 &, Range[5], Method -> "CoarsestGrained", "ChunkSize" -> 2]]
(* expect: {2, 3, 4, 5, 6} *)
Print[ParallelMap[Total, {{1, 2}, {3, 4}}]]
(* expect: {3, 7} *)
Print[ParallelTable[i j, {i, 3}, {j, 2}]]
(* expect: {{1, 2}, {2, 4}, {3, 6}} *)
Print[ParallelTable[i, {i, 2, 10, 3}]]
(* expect: {2, 5, 8} *)
Print[{ParallelSum[i, {i, 100}], ParallelProduct[i, {i, 5}]}]
(* expect: {5050, 120} *)
Print[ParallelDo[i, {i, 3}]]
(* expect: Null *)
Print[ParallelSelect[Range[20], EvenQ]]
(* expect: {2, 4, 6, 8, 10, 12, 14, 16, 18, 20} *)
Print[ParallelCombine[Map[sq], Range[6]]]
(* expect: {1, 4, 9, 16, 25, 36} *)
Print[ParallelCombine[Total, Range[100], Plus]]
(* expect: 5050 *)
Print[ParallelReduce[Plus, Range[1000], 1]]
(* expect: 500501 *)
(* fixed tree: same result, bit for bit, with 1 and 2 workers *)
xs = Table[1.0/i, {i, 1, 5000}];
Print[ParallelReduce[Plus, xs, "Pool" -> ThreadPool[1]] === ParallelReduce[Plus, xs, "Pool" -> ThreadPool[2]]]
(* expect: True *)
Print[ParallelReduce[List, Range[5]]]
(* expect: {{1, 2}, {3, {4, 5}}} *)
(* random numbers: reproducible for any worker count *)
SeedRandom[5]; a = ParallelMap[RandomReal[] &, Range[50], "Pool" -> ThreadPool[1]];
SeedRandom[5]; b = ParallelMap[RandomReal[] &, Range[50], "Pool" -> ThreadPool[2]];
Print[a === b]
(* expect: True *)
Print[Length[Union[a]]]
(* expect: 50 *)
(* shared variables *)
SetSharedVariable[c]; c = 0;
ParallelDo[c++, {i, 200}];
Print[c]
(* expect: 200 *)
SetSharedVariable[acc]; acc = {};
ParallelDo[AppendTo[acc, i], {i, 5}];
Print[Sort[acc]]
(* expect: {1, 2, 3, 4, 5} *)
c += 5;
Print[c]
(* expect: 205 *)
(* nested parallel calls never deadlock *)
Print[ParallelMap[ParallelMap[# + 1 &, Range[#]] &, Range[4]]]
(* expect: {{2}, {2, 3}, {2, 3, 4}, {2, 3, 4, 5}} *)
Print[ParallelMap[Await[ParallelSubmit[# * 2]] &, Range[6]]]
(* expect: {2, 4, 6, 8, 10, 12} *)
(* packed rows reach workers as borrowed views (zero-copy); a view that
   escapes into a result, a worker's own definition or a Throw gets its own
   data before the call returns, so it outlives the caller's list *)
vp = ThreadPool[1];
vl = Table[Range[5] + k, {k, 3}];
Print[ParallelMap[Total, vl, "Pool" -> vp]]
(* expect: {20, 25, 30} *)
Print[ParallelMap[(keep = #; {#, Reverse[#]}) &, vl, "Pool" -> vp]]
(* expect: {{{2, 3, 4, 5, 6}, {6, 5, 4, 3, 2}}, {{3, 4, 5, 6, 7}, {7, 6, 5, 4, 3}}, {{4, 5, 6, 7, 8}, {8, 7, 6, 5, 4}}} *)
Print[Catch[ParallelMap[Throw[{#}] &, vl, "Pool" -> vp]]]
(* expect: {{2, 3, 4, 5, 6}} *)
vl = 0; junk = Table[Range[5] * 1000, {100}];
Print[ParallelMap[keep &, {1}, "Pool" -> vp]]
(* expect: {{4, 5, 6, 7, 8}} *)
Print[ParallelReduce[List, Table[Range[2] + k, {k, 4}], "Pool" -> vp]]
(* expect: {{{2, 3}, {3, 4}}, {{4, 5}, {5, 6}}} *)
Print[ParallelCombine[Identity, Table[Range[2] + k, {k, 4}], "Pool" -> vp]]
(* expect: {{2, 3}, {3, 4}, {4, 5}, {5, 6}} *)
Print[ParallelMap[Reverse, {Range[3], {1, 2}, {{1, 2}, {3, 4}}}]]
(* expect: {{3, 2, 1}, {2, 1}, {{3, 4}, {1, 2}}} *)
(* machine-number results are assembled straight into a packed array *)
Print[{ParallelMap[# + 1 &, Range[5]], ParallelMap[If[# > 2, 0.5, #] &, Range[4]], ParallelMap[If[# > 2, x, #] &, Range[4]]}]
(* expect: {{2, 3, 4, 5, 6}, {1, 2, 0.5, 0.5}, {1, 2, x, x}} *)
(* options of the HoldAll forms are evaluated *)
tp = ThreadPool[1];
Print[{ParallelTable[i^2, {i, 4}, "Pool" -> tp], ParallelSum[i, {i, 10}, "Pool" -> tp, Method -> "FinestGrained"], ParallelTable[i, {i, 2}, "Pool" -> ThreadPool[1]]}]
(* expect: {{1, 4, 9, 16}, 55, {1, 2}} *)
Print[ParallelTable[i, {i, 2}, "Pool" -> nopool]]
(* expect-stderr: ParallelTable::pool: nopool is not a ThreadPool. *)
(* expect: $Failed *)
