(* CPU-bound uniform ParallelMap: 1 worker vs 2 workers *)
w[n_] := Module[{s = 0}, Do[s += Mod[i^2, 7], {i, n}]; s];
p1 = ThreadPool[1]; p2 = ThreadPool[2];
xs = Table[20000, {64}];
ParallelMap[w, Range[4], "Pool" -> p1]; ParallelMap[w, Range[4], "Pool" -> p2];
t1 = First[AbsoluteTiming[r1 = ParallelMap[w, xs, "Pool" -> p1]]];
t2 = First[AbsoluteTiming[r2 = ParallelMap[w, xs, "Pool" -> p2]]];
Print["uniform: 1 worker ", t1, " s, 2 workers ", t2, " s, speedup ", t1/t2, If[r1 === r2, "", " MISMATCH"]]
