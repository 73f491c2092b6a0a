(* skewed: element i costs ~ i *)
w[n_] := Module[{s = 0}, Do[s += Mod[i^2, 7], {i, n}]; s];
p1 = ThreadPool[1]; p2 = ThreadPool[2];
xs = Range[400, 128*400, 400];
t1 = First[AbsoluteTiming[r1 = ParallelMap[w, xs, "Pool" -> p1]]];
t2 = First[AbsoluteTiming[r2 = ParallelMap[w, xs, "Pool" -> p2]]];
Print["skewed: 1 worker ", t1, " s, 2 workers ", t2, " s, speedup ", t1/t2, If[r1 === r2, "", " MISMATCH"]]
