(* Compile options: RuntimeAttributes -> {Listable} threads over deeper arguments; others are accepted *)
cf = Compile[{{x, _Real}, {n, _Integer}}, x^n, RuntimeAttributes -> {Listable}];
Print[cf[2., 3]]
(* expect: 8. *)
Print[cf[{1., 2., 3.}, 2]]
(* expect: {1., 4., 9.} *)
Print[cf[{1., 2.}, {2, 3}]]
(* expect: {1., 8.} *)
Print[cf[{{1., 2.}, {3., 4.}}, 2]]
(* expect: {{1., 4.}, {9., 16.}} *)
Print[cf[{1., 2.}, {1, 2, 3}]]
(* expect: CompiledFunction[{x, n}, x^n, "Lua"][{1., 2.}, {1, 2, 3}] *)
(* expect-stderr: Thread::tdlen: Objects of unequal length in CompiledFunction[{x, n}, x^n, "Lua"][{1., 2.}, {1, 2, 3}] cannot be combined. *)
Print[cf[{2., a}, 2]]
(* expect: {4., a^2} *)
(* expect-stderr: CompiledFunction::cfsa: Argument a at position 1 should be of type _Real. *)
cv = Compile[{{v, _Real, 1}}, Total[v], RuntimeAttributes -> Listable];
Print[{cv[{1., 2.}], cv[{{1., 2.}, {3., 4.}}]}]
(* expect: {3., {3., 7.}} *)
Print[Compile[{{x, _Real}}, x + 1, CompilationTarget -> "C", Parallelization -> True][1.]]
(* expect: 2. *)
(* a Listable compiled function crosses to workers with its attribute *)
Print[ParallelMap[cf[#, 2] &, {{1., 2.}, {3.}}]]
(* expect: {{1., 4.}, {9.}} *)
