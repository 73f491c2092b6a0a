(* ParallelMap of a compiled kernel: 1 worker vs 2 workers.  Wall time is
   AbsoluteTiming; cpu is Timing (CPU time of the whole process, all threads),
   which shows how much of the machine the run got. *)
k = Compile[{{n, _Integer}}, Module[{s = 0.}, Do[s += Sin[i] Cos[i] + Sqrt[Abs[Sin[2 i]]], {i, n}]; s]];
p1 = ThreadPool[1]; p2 = ThreadPool[2];
xs = Table[200000, {48}];
ParallelMap[k, Range[4], "Pool" -> p1]; ParallelMap[k, Range[4], "Pool" -> p2];
best[p_] := Module[{ts = {}, cs = {}, r, w, c},
  Do[{w, c} = AbsoluteTiming[Timing[ParallelMap[k, xs, "Pool" -> p]]];
     {c, r} = c; AppendTo[ts, w]; AppendTo[cs, c], {3}];
  {Min[ts], Mean[cs], r}];
{t1, c1, r1} = best[p1];
{t2, c2, r2} = best[p2];
Print["parallel: 1 worker ", t1, " s (cpu ", c1, " s), 2 workers ", t2, " s (cpu ", c2, " s), speedup ", t1/t2,
      If[r1 === r2, "", " MISMATCH"]]
