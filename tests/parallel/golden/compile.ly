(* Compile on pool workers: each worker VM compiles the function once in its own Lua state *)
k = Compile[{{n, _Integer}}, Module[{s = 0.}, Do[s += Sin[i] Cos[i], {i, n}]; s]];
Print[ParallelMap[k, Range[40]] == Map[k, Range[40]]]
(* expect: True *)
Print[ParallelTable[k[i], {i, 10}] == Table[k[i], {i, 10}]]
(* expect: True *)
(* argument checks and fallbacks happen on the worker (Quiet there) *)
Print[ParallelMap[Quiet[k[#]] &, {1, 2, 3.5}] == Quiet[{k[1], k[2], k[3.5]}]]
(* expect: True *)
(* compiled functions that call compiled functions travel together *)
With[{k = k}, k2 = Compile[{{x, _Integer}}, k[x] + 1]];
Print[ParallelMap[k2, Range[5]] == Map[k2, Range[5]]]
(* expect: True *)
(* overflow falls back to exact evaluation on the worker *)
ov = Compile[{{n, _Integer}}, n^20];
Print[ParallelMap[Quiet[ov[#]] &, {2, 10}]]
(* expect: {1048576, 100000000000000000000} *)
v = Compile[{{v, _Real, 1}}, Total[v^2]];
Print[ParallelMap[v, {{1., 2.}, {3., 4.}, Range[100.]}]]
(* expect: {5., 25., 338350.} *)
Print[Abs[ParallelSum[k[i], {i, 20}] - Sum[k[i], {i, 20}]] < 10^-9]
(* expect: True *)
(* a compiled loop on a worker stops when the call is aborted *)
Print[TimeConstrained[ParallelMap[k, {10^12, 10^12, 10^12}], 0.3, "stopped"]]
(* expect: stopped *)
Print[ParallelMap[k, Range[3]] == Map[k, Range[3]]]
(* expect: True *)
f = ParallelSubmit[k[100]];
Print[Await[f] == k[100]]
(* expect: True *)
(* a compiled function sent through a channel works on the other side *)
ch = Channel[1]; Send[ch, k];
Print[Receive[ch][7] == k[7]]
(* expect: True *)
