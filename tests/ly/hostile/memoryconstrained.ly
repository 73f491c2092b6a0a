(* MemoryConstrained is enforced in the allocation funnel (vm/mem.c): one
   allocation past the budget, or fast growth inside a single builtin, stops
   at once with $Aborted (or the third argument) -- no safe point needed. *)
Print[MemoryConstrained[Range[10^7], 10^6]]
(* expect: $Aborted *)
Print[MemoryConstrained[Length[Table[i, {i, 10^6}]], 10^5]]
(* expect: $Aborted *)
Print[MemoryConstrained[Range[10^12], 10^6, "too big"]]
(* expect: too big *)
Print[MemoryConstrained[StringRepeat["a", 10^8], 10^6]]
(* expect: $Aborted *)
Print[MemoryConstrained[ToString[Range[10^6]], 10^6]]
(* expect: $Aborted *)
Print[MemoryConstrained[Nest[Join[#, #] &, {1}, 30], 10^7]]
(* expect: $Aborted *)
Print[MemoryConstrained[Subsets[Range[30]], 10^6]]
(* expect: $Aborted *)
Print[MemoryConstrained[Table[0, {10^4}, {10^4}], 10^6]]
(* expect: $Aborted *)
(* GMP results are sized before they are computed *)
Print[MemoryConstrained[2^(10^8), 10^6]]
(* expect: $Aborted *)
(* within the budget: the value; the limit is the growth, not the total *)
Print[MemoryConstrained[Total[Range[10^5]], 10^7]]
(* expect: 5000050000 *)
big = Range[10^6];
Print[MemoryConstrained[Length[big], 1000]]
(* expect: 1000000 *)
(* nested: the inner one fires, the outer one goes on *)
Print[MemoryConstrained[{MemoryConstrained[Range[10^6], 10^5], Length[Range[10]]}, 10^7]]
(* expect: {$Aborted, 10} *)
(* CheckAbort inside sees the Abort, as with any abort *)
Print[MemoryConstrained[CheckAbort[Range[10^7], "seen"], 10^6]]
(* expect: seen *)
Print["still fine"]
(* expect: still fine *)
