(* Compile: integer ranges known at compile time make overflow checks cheaper, never wrong *)
Print[Compile[{{n, _Integer}}, n^2] /@ {3037000499, 3037000500, -3037000500}]
(* expect: {9223372030926249001, 9223372037000250000, 9223372037000250000} *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{n, _Integer}}, n + Mod[n, 7]] /@ {10, 2^63 - 3}]
(* expect: {13, 9223372036854775810} *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{n, _Integer}}, n - Boole[n > 0]] /@ {-2^63 + 1, -2^63}]
(* expect: {-9223372036854775807, -9223372036854775808} *)
Print[Compile[{}, Module[{s = 0}, Do[s += i (11 - i), {i, 10}]; s]][]]
(* expect: 220 *)
Print[Compile[{{n, _Integer}}, Module[{s = 0}, Do[s += 2 i + 1, {i, -n, n}]; s]][3]]
(* expect: 7 *)
(* an iterator assigned in the body loses its range *)
Print[Compile[{}, Module[{s = 0}, Do[i = 2^62; s = i + i, {i, 1}]; s]][]]
(* expect: 9223372036854775808 *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 2; proceeding with uncompiled evaluation. *)
Print[Compile[{{v, _Integer, 1}}, Module[{s = 0}, Do[s += v[[i]] i, {i, Length[v]}]; s]] /@ {{1, 2, 3}, {2^62, 2^62}}]
(* expect: {14, 13835058055282163712} *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 2; proceeding with uncompiled evaluation. *)
(* no false alarm near the limit: only an actual overflow falls back *)
Print[Compile[{{n, _Integer}, {k, _Integer}}, n + Mod[k, 7]] @@@ {{2^63 - 4, 2}, {2^63 - 4, 5}}]
(* expect: {9223372036854775806, 9223372036854775809} *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{n, _Integer}}, n - Boole[n > 0]] /@ {2^63 - 1, -2^63}]
(* expect: {9223372036854775806, -9223372036854775808} *)
