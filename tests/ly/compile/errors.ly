(* Compile: aborts, time and memory limits, Lua errors *)
loop = Compile[{{n, _Integer}}, Module[{s = 0.}, Do[s += Sin[i], {i, n}]; s]];
Print[TimeConstrained[loop[10^12], 0.2]]
(* expect: $Aborted *)
Print[TimeConstrained[loop[10^12], 0.2, "timeout"]]
(* expect: timeout *)
Print[TimeConstrained[Compile[{}, Module[{i = 0}, While[True, i++]; i]][], 0.2, "while"]]
(* expect: while *)
Print[TimeConstrained[Compile[{{n, _Integer}}, Module[{s = 0, k}, For[k = 0, k < n, k++, s += k]; s]][10^12], 0.2, "for"]]
(* expect: for *)
Print[TimeConstrained[Compile[{{n, _Integer}}, Module[{s = 0}, Do[s += Mod[i j, 7], {i, n}, {j, n}]; s]][10^9], 0.2, "nested"]]
(* expect: nested *)
(* the VM still works and the compiled function too *)
Print[loop[10]]
(* expect: 1.41119 *)
(* the Lua state allocates through the VM: MemoryConstrained sees it *)
Print[MemoryConstrained[Compile[{{n, _Integer}}, Table[i, {i, n}]][10^8], 10^6, "memory"]]
(* expect: memory *)
Print[Compile[{{n, _Integer}}, Table[i, {i, n}]][3]]
(* expect: {1, 2, 3} *)
(* a run-time error inside Lua is a message and $Failed *)
z = Compile[{{s, _Integer}}, Module[{c = 0}, Do[c++, {i, 1, 3, s}]; c]];
Print[z[0]]
(* expect: $Failed *)
(* expect-stderr: CompiledFunction::luaerr: Error in compiled code: 'for' step is zero. *)
Print[z[1]]
(* expect: 3 *)
