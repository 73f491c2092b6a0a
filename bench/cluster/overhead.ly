(* Per-chunk and per-message costs of the cluster (compare with a local pool) *)
n = 4000;
ParallelMap[Identity, Range[100]];
tFine = First[AbsoluteTiming[ParallelMap[Identity, Range[n], Method -> "FinestGrained"]]];
tLocal = First[AbsoluteTiming[ParallelMap[Identity, Range[n], Method -> "FinestGrained", "Pool" -> ThreadPool[ThreadCount[]]]]];
workers = If[$ClusterSize > 1, Length[ClusterRanks[]] ThreadCount[], ThreadCount[]];
Print["FinestGrained, ", n, " items in chunks of one item per worker (", workers, " workers): ",
      Round[10^6 tFine workers / n, 0.1], " us per chunk; local pool ", Round[10^6 tLocal / n, 0.1], " us per item"]
m = 200;
tFut = First[AbsoluteTiming[Do[Await[ParallelSubmit[1]], {m}]]];
Print["future round trip (submit + await, round robin over the ranks): ", Round[10^6 tFut / m, 0.1], " us"]
data = Partition[Range[2 10^6], 1000];
tData = First[AbsoluteTiming[ParallelMap[Total, data]]];
Print["data: 16 MB of packed input, 2000 results: ", Round[16/tData, 0.1], " MB/s"]
tAuto = First[AbsoluteTiming[ParallelMap[# + 1 &, Range[10^6]]]];
Print["ParallelMap[# + 1 &, Range[10^6]]: ", Round[tAuto, 0.001], " s"]
