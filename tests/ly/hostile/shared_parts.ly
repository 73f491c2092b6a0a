(* An expression holding the same part in several slots, where nothing else
   holds that part: freeing it must free the part too.  The fast path of
   ly_free_object_ (vm/expr.c) decremented such a part to zero without
   freeing it (found by tests/parallel/faults.c; LeakSanitizer fails this
   script under make test-asan if it comes back). *)
x = Table[{}, {3}];
y = Table[f[a], {5}];
z = ConstantArray[g[1, "s"], 4];
w = {x, x, y, y};
Clear[x, y, z, w];
Print[Length[ParallelTable[1, {4}]]]
(* expect: 4 *)
Print["ok"]
(* expect: ok *)
