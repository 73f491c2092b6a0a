(* futures on the cluster *)
sq[x_] := x^2;
fs = Table[With[{i = i}, ParallelSubmit[sq[i]]], {i, 8}];
Print[WaitAll[fs]]
(* expect: {1, 4, 9, 16, 25, 36, 49, 64} *)
Print[Await[ParallelSubmit[Total[Range[10^5]]]]]
(* expect: 5000050000 *)
Print[Catch[Await[ParallelSubmit[Throw[42]]]]]
(* expect: 42 *)
Print[WaitAll[{ParallelSubmit[1 + 1], {ParallelSubmit["x" <> "y"]}}]]
(* expect: {2, {xy}} *)
k = 5;
Print[WaitAll[Table[With[{i = i}, ParallelSubmit[k + i]], {i, 3}]]]
(* expect: {6, 7, 8} *)
f = ParallelSubmit[Pause[0.2]; "slow"];
Print[Await[f]]
(* expect: slow *)
Print[Await[ParallelSubmit[(Pause[5]; 1)], 0.1]]
(* expect: $TimedOut *)
