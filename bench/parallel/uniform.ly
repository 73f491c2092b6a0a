(* CPU-bound uniform ParallelMap: 1 worker vs 2 workers (goal >= 1.85x) *)
Get["bench/parallel/common.ly"];
w[n_] := Module[{s = 0}, Do[s += Mod[i^2, 7], {i, n}]; s];
xs = Table[20000, {64}];
If[ParallelMap[w, xs, "Pool" -> p1] =!= ParallelMap[w, xs, "Pool" -> p2], Print["uniform: MISMATCH"]];
report["uniform 64 x w[20000], 1 vs 2 workers", runs[{"1w" -> (ParallelMap[w, xs, "Pool" -> p1] &), "2w" -> (ParallelMap[w, xs, "Pool" -> p2] &)}]]
