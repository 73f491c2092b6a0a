(* KNOWN FAILURE (issue 9), not run: MemoryConstrained checks the VM's
   growth only at safe points, so one allocation larger than the limit
   (a packed Range) completes and the result is returned:
   MemoryConstrained[Range[10^7], 10^6] gives the whole list instead of
   $Aborted.  Fix: check armed memory limits in the allocation funnel
   (vm/mem.c raw_alloc -> vm/extapi.c limits). *)
Print[MemoryConstrained[Range[10^7], 10^6]]
(* expect: $Aborted *)
Print[MemoryConstrained[Length[Table[i, {i, 10^6}]], 10^5]]
(* expect: $Aborted *)
