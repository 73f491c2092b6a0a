(* ParallelMap[# + 1 &, Range[10^6]] vs Map (goal: no slower);
   ParallelMap[Total, 1000 lists of 1000 integers], 1 vs 2 workers (goal >= 1.6x) *)
Get["bench/parallel/common.ly"];
xs = Range[10^6];
If[Map[# + 1 &, xs] =!= ParallelMap[# + 1 &, xs, "Pool" -> p2], Print["plus-one: MISMATCH"]];
report["plus-one 10^6, Map vs ParallelMap (2 workers)", runs[{"Map" -> (Map[# + 1 &, xs] &), "Par2" -> (ParallelMap[# + 1 &, xs, "Pool" -> p2] &)}]]
ls = Table[Range[1000] + k, {k, 1000}];
If[Map[Total, ls] =!= ParallelMap[Total, ls, "Pool" -> p2], Print["total: MISMATCH"]];
report["Total of 1000 x 1000 (packed), 1 vs 2 workers", runs[{"1w" -> (ParallelMap[Total, ls, "Pool" -> p1] &), "2w" -> (ParallelMap[Total, ls, "Pool" -> p2] &)}]]
report["Total of 1000 x 1000 (packed), Map vs 2 workers", runs[{"Map" -> (Map[Total, ls] &), "2w" -> (ParallelMap[Total, ls, "Pool" -> p2] &)}]]
lu = Table[Append[Range[999] + k, 1/2], {k, 1000}];   (* a rational: not packable *)
report["Total of 1000 lists of 1000 (not packed), 1 vs 2 workers", runs[{"1w" -> (ParallelMap[Total, lu, "Pool" -> p1] &), "2w" -> (ParallelMap[Total, lu, "Pool" -> p2] &)}]]
