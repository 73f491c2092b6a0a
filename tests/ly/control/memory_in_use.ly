(* MemoryInUse[] and MaxMemoryUsed[]: the bytes this VM holds now and at
   most so far; freed Module locals give their bytes back *)
m0 = MemoryInUse[];
Print[{IntegerQ[m0], m0 > 0, MaxMemoryUsed[] >= m0}]
(* expect: {True, True, True} *)
Module[{x = Table[i, {i, 10^6}]}, Length[x]];
Print[{MaxMemoryUsed[] > m0 + 10^6, MemoryInUse[] < m0 + 10^6}]
(* expect: {True, True} *)
Print[MemoryInUse[1]]
(* expect: MemoryInUse[1] *)
