(* A future whose result holds another future (fuzz_par finding): freeing
   the outer one freed the inner one's result while the transport stripe
   was held, and the thread waited for itself (lyf_xfer.c). *)
p = ThreadPool[1];
f2 = Submit[p, # &, Submit[p, {1, "one"} &]];
Print[Await[Await[f2]]]
(* expect: {1, one} *)
Clear[f2];
Print["freed"]
(* expect: freed *)
(* a long chain: freed without recursion *)
fs = NestList[With[{g = #}, ParallelSubmit[{g}]] &, ParallelSubmit[{0}], 300];
Print[Length[fs]]
(* expect: 301 *)
Clear[fs];
Print["chain freed"]
(* expect: chain freed *)
