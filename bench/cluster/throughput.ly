(* CPU-bound ParallelMap throughput on the default pool: the cluster under
   mpirun, the local pool otherwise.  Prints items/s and how the work spread. *)
w[n_] := Module[{s = 0}, Do[s += Mod[i^2, 7], {i, n}]; s];
xs = Table[20000, {256}];
ParallelMap[w, Take[xs, 8]];                   (* warm-up: definitions shipped, VMs made *)
t = First[AbsoluteTiming[r = ParallelMap[w, xs]]];
ranks = Tally[ParallelMap[$ClusterRank &, Range[256]]];
t1 = First[AbsoluteTiming[w[20000]]];
Print["ranks ", $ClusterSize, ", workers ", ThreadCount[], " per rank: ", Round[Length[xs]/t, 0.1],
      " items/s (", Round[t, 0.001], " s; one item alone ", Round[1000 t1, 0.01], " ms)",
      If[Union[r] === {w[20000]}, "", " WRONG RESULT"]]
