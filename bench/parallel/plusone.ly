(* ParallelMap[# + 1 &, Range[10^6]] vs Map; ParallelMap[Total, 1000 lists of 1000 ints] *)
xs = Range[10^6];
p2 = ThreadPool[2]; p1 = ThreadPool[1];
tm = First[AbsoluteTiming[a = Map[# + 1 &, xs]]];
tp = First[AbsoluteTiming[b = ParallelMap[# + 1 &, xs, "Pool" -> p2]]];
Print["plus-one 10^6: Map ", tm, " s, ParallelMap(2) ", tp, " s, ratio Map/Parallel ", tm/tp, If[a === b, "", " MISMATCH"]]
ls = Table[Range[1000] + k, {k, 1000}];
tt = First[AbsoluteTiming[c = Map[Total, ls]]];
t1 = First[AbsoluteTiming[ParallelMap[Total, ls, "Pool" -> p1]]];
t2 = First[AbsoluteTiming[d = ParallelMap[Total, ls, "Pool" -> p2]]];
Print["Total of 1000x1000: Map ", tt, " s, 1 worker ", t1, " s, 2 workers ", t2, " s, speedup 2 vs 1 ", t1/t2, If[c === d, "", " MISMATCH"]]
n = 20000;
te = First[AbsoluteTiming[ParallelMap[Identity, Range[n], Method -> "FinestGrained", "Pool" -> p2]]];
Print["per-element overhead (FinestGrained, 2 workers): ", 10^6 te/n, " us"]
te = First[AbsoluteTiming[ParallelMap[Identity, Range[n], "Pool" -> p2]]];
Print["per-element overhead (Automatic chunks, 2 workers): ", 10^6 te/n, " us"]
