(* Throw and Abort: the lowest index wins, whatever rank it runs on *)
Print[Catch[ParallelMap[If[# == 7 || # == 3, Throw[#], #] &, Range[10], Method -> "FinestGrained"]]]
(* expect: 3 *)
Print[Catch[ParallelMap[If[# == 900 || # == 40, Throw[#], #] &, Range[1000]]]]
(* expect: 40 *)
Print[Catch[ParallelTable[If[i > 5, Throw[{"big", i}, tag], i], {i, 10}], tag]]
(* expect: {big, 6} *)
Print[Catch[ParallelSum[If[i == 77, Throw[-1], i], {i, 100}]]]
(* expect: -1 *)
(* TimeConstrained stops the work on every rank; the cluster stays usable *)
Print[TimeConstrained[ParallelMap[(Do[j, {j, 10^8}]; #) &, Range[8]], 0.5]]
(* expect: $Aborted *)
Print[ParallelMap[# + 1 &, Range[5]]]
(* expect: {2, 3, 4, 5, 6} *)
Print[AbsoluteTiming[TimeConstrained[ParallelMap[(Do[j, {j, 10^8}]; #) &, Range[8]], 0.5]][[1]] < 20]
(* expect: True *)
(* Return inside an element is its value, as in Map *)
Print[ParallelMap[(Return[# 10]; 0) &, {1, 2}]]
(* expect: {10, 20} *)
(* Abort[] in an element aborts the whole call *)
ParallelMap[If[# == 2, Abort[], #] &, Range[40]];
Print["not reached"]
(* expect-exit: 1 *)
(* expect-stderr: $Aborted *)
