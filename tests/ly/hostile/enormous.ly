(* Enormous requests end at once with General::nomem (the size is known
   before anything is built: lys_room / ly_mem_check), inside
   MemoryConstrained as $Aborted.  Each is tested under MemoryConstrained so
   the script goes on; tests/hostile/test_hostile.py runs them bare. *)
t[e_] := MemoryConstrained[e, 10^8, "refused"]
SetAttributes[t, HoldAll]
Print[{t[Table[0, {10^6}, {10^6}]], t[Table[i + j, {i, 10^6}, {j, 10^6}]], t[Array[f, {10^6, 10^6}]]}]
(* expect: {refused, refused, refused} *)
Print[{t[Tuples[Range[10], 20]], t[Permutations[Range[20]]], t[Subsets[Range[60]]], t[Subsets[Range[40], {20}]]}]
(* expect: {refused, refused, refused, refused} *)
Print[{t[Outer[f, Range[10^6], Range[10^6]]], t[PadLeft[{}, 10^12]], t[PadRight[{1}, 10^12]]}]
(* expect: {refused, refused, refused} *)
Print[{t[ConstantArray[x, {10^6, 10^6}]], t[ConstantArray[0, 10^11]], t[StringRepeat["a", 10^12]]}]
(* expect: {refused, refused, refused} *)
(* small ones are untouched *)
Print[{Length[Subsets[Range[10]]], Length[Permutations[Range[6]]], Length[Permutations[{a, a, b, b, c}]],
       Length[Tuples[Range[3], 4]], Dimensions[Outer[f, Range[30], Range[20]]], Length[PadLeft[{1}, 1000]]}]
(* expect: {1024, 720, 30, 81, {30, 20}, 1000} *)
Print[Subsets[{a, b, c, d}, {2}, 3]]
(* expect: {{a, b}, {a, c}, {a, d}} *)
Print[Permutations[ConstantArray[1, 10^5]] // Length]
(* expect: 1 *)
