(* skewed: element i costs ~ i (goal >= 1.75x) *)
Get["bench/parallel/common.ly"];
w[n_] := Module[{s = 0}, Do[s += Mod[i^2, 7], {i, n}]; s];
xs = Range[300, 128*300, 300];
If[ParallelMap[w, xs, "Pool" -> p1] =!= ParallelMap[w, xs, "Pool" -> p2], Print["skewed: MISMATCH"]];
report["skewed 128 items, cost ~ i, 1 vs 2 workers", runs[{"1w" -> (ParallelMap[w, xs, "Pool" -> p1] &), "2w" -> (ParallelMap[w, xs, "Pool" -> p2] &)}]]
