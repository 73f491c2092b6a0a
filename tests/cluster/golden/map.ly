(* Parallel* over the cluster: the same results as with one process *)
sq[x_] := x^2;
Print[ParallelMap[sq, Range[10]]]
(* expect: {1, 4, 9, 16, 25, 36, 49, 64, 81, 100} *)
Print[ParallelMap[f, {a, b, c}]]
(* expect: {f[a], f[b], f[c]} *)
Print[ParallelMap[# + 1 &, Range[5], Method -> "FinestGrained"]]
(* expect: {2, 3, 4, 5, 6} *)
Print[ParallelMap[# + 1 &, Range[7], Method -> "CoarsestGrained"]]
(* expect: {2, 3, 4, 5, 6, 7, 8} *)
Print[ParallelMap[# + 1 &, Range[9], "ChunkSize" -> 2]]
(* expect: {2, 3, 4, 5, 6, 7, 8, 9, 10} *)
Print[ParallelMap[Total, {{1, 2}, {3, 4}, {5, 6, 7}}]]
(* expect: {3, 7, 18} *)
Print[ParallelTable[i j, {i, 3}, {j, 2}]]
(* expect: {{1, 2}, {2, 4}, {3, 6}} *)
Print[ParallelTable[i, {i, 2, 20, 3}]]
(* expect: {2, 5, 8, 11, 14, 17, 20} *)
Print[{ParallelSum[i, {i, 1000}], ParallelProduct[i, {i, 12}]}]
(* expect: {500500, 479001600} *)
Print[ParallelDo[i, {i, 3}]]
(* expect: Null *)
Print[ParallelSelect[Range[30], PrimeQ]]
(* expect: {2, 3, 5, 7, 11, 13, 17, 19, 23, 29} *)
Print[ParallelCombine[Map[sq], Range[6]]]
(* expect: {1, 4, 9, 16, 25, 36} *)
Print[ParallelCombine[Total, Range[1000], Plus]]
(* expect: 500500 *)
Print[ParallelReduce[Plus, Range[1000], 1]]
(* expect: 500501 *)
Print[ParallelReduce[List, Range[5]]]
(* expect: {{1, 2}, {3, {4, 5}}} *)
(* a fixed tree: bit for bit the same on any number of ranks *)
xs = Table[1.0/i, {i, 1, 5000}];
Print[ParallelReduce[Plus, xs] === ParallelReduce[Plus, xs, "Pool" -> ThreadPool[1]]]
(* expect: True *)
(* every kind of value travels both ways *)
vals = {1, -2^70, 3/4, 2.5, 1 + I, "maître", x, {1, {2}}, <|a -> 1, "b" :> c|>, ByteArray[{1, 2}], Range[5], N[Range[3]], Hold[1 + 1]};
Print[ParallelMap[Identity, vals] === vals]
(* expect: True *)
Print[ParallelMap[{#, Head[#]} &, vals] === Map[{#, Head[#]} &, vals]]
(* expect: True *)
(* large inputs and outputs; packed arrays *)
big = Range[200000];
Print[Total[ParallelMap[# * 2 &, big]]]
(* expect: 40000200000 *)
Print[ParallelMap[Total, Partition[Range[100000], 1000]] === Total /@ Partition[Range[100000], 1000]]
(* expect: True *)
Print[Length[ParallelMap[Range, Range[300]]]]
(* expect: 300 *)
(* heads other than List are kept *)
Print[ParallelMap[sq, g[1, 2, 3]]]
(* expect: g[1, 4, 9] *)
(* output of the elements comes in input order *)
ParallelDo[Print["item ", i], {i, 6}]
(* expect: item 1 *)
(* expect: item 2 *)
(* expect: item 3 *)
(* expect: item 4 *)
(* expect: item 5 *)
(* expect: item 6 *)
Print[ParallelMap[(Print[#]; #) &, {"a", "b", "c"}]]
(* expect: a *)
(* expect: b *)
(* expect: c *)
(* expect: {a, b, c} *)
(* nested parallel calls run on the rank that evaluates them *)
Print[ParallelMap[ParallelMap[# + 1 &, Range[#]] &, Range[4]]]
(* expect: {{2}, {2, 3}, {2, 3, 4}, {2, 3, 4, 5}} *)
(* the work is spread over every rank *)
Print[Length[Union[ParallelMap[$ClusterRank &, Range[400]]]] == Length[ClusterRanks[]] == $ClusterSize]
(* expect: True *)
