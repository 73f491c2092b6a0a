(* Compile: argument specifications, printing, calls and argument checks *)
cf = Compile[{{x, _Real}, {n, _Integer}, {v, _Real, 1}}, x n + Total[v]];
Print[cf]
(* expect: CompiledFunction[{x, n, v}, x*n + Total[v], "Lua"] *)
Print[InputForm[cf]]
(* expect: CompiledFunction[{x, n, v}, x*n + Total[v], "Lua"] *)
Print[Head[cf]]
(* expect: CompiledFunction *)
Print[cf[1.5, 3, {1., 2.}]]
(* expect: 7.5 *)
(* exact and integer arguments of real type are converted, as in Wolfram *)
Print[cf[1, 3, {1, 2}]]
(* expect: 6. *)
Print[cf[1/2, 3, {1/2, 2}]]
(* expect: 4. *)
Print[cf[Pi, 1, {0.}]]
(* expect: 3.14159 *)
(* a bare symbol is a real argument *)
Print[Compile[{x, y}, x y][2, 3]]
(* expect: 6. *)
Print[Compile[{x}, x][1]]
(* expect: 1. *)
(* wrong types: a message, then the uncompiled evaluation *)
Print[cf[1.5, 3.5, {1., 2.}]]
(* expect: 8.25 *)
(* expect-stderr: CompiledFunction::cfsa: Argument 3.5 at position 2 should be of type _Integer. *)
Print[cf[1.5, 3, {{1., 2.}}]]
(* expect: {5.5, 6.5} *)
(* expect-stderr: CompiledFunction::cfsa: Argument {{1., 2.}} at position 3 should be of type {_Real, 1}. *)
Print[cf[a, 3, {1., 2.}]]
(* expect: 3. + 3 a *)
(* expect-stderr: CompiledFunction::cfsa: Argument a at position 1 should be of type _Real. *)
(* wrong number of arguments: the call stays unevaluated *)
Print[cf[1.5, 3]]
(* expect: CompiledFunction[{x, n, v}, x*n + Total[v], "Lua"][1.5, 3] *)
(* expect-stderr: CompiledFunction::cfct: Number of arguments 2 does not match the length 3 of the argument template. *)
b = Compile[{{b, True|False}}, If[b, 1, 0]];
Print[{b[True], b[False]}]
(* expect: {1, 0} *)
Print[b[1]]
(* expect: If[1, 1, 0] *)
(* expect-stderr: CompiledFunction::cfsa: Argument 1 at position 1 should be of type True | False. *)
Print[Compile[{{n, _Integer}}, n][2^62]]
(* expect: 4611686018427387904 *)
Print[Compile[{}, 42][]]
(* expect: 42 *)
Print[Compile[{x}, Null][1.]]
(* expect: Null *)
Print[Compile[{x}, x > 1][2.]]
(* expect: True *)
Print[cf === cf]
(* expect: True *)
Print[SameQ[Compile[{x}, x^2], Compile[{x}, x^2]]]
(* expect: True *)
Print[StringQ[CompilePrint[cf]]]
(* expect: True *)
(* bad specifications *)
Compile[{1}, x]
(* expect-stderr: Compile::ctyp1: 1 should be a symbol or a list of a symbol, a type and an optional rank. *)
Compile[{{x, _Foo}}, x]
(* expect-stderr: Compile::ctyp2: Type specification in {x, _Foo} should be _Integer, _Real, True|False (with an optional rank), or a symbol alone (_Real). *)
Compile[{{x, _Real, -1}}, x]
(* expect-stderr: Compile::ctyp2: Type specification in {x, _Real, -1} should be _Integer, _Real, True|False (with an optional rank), or a symbol alone (_Real). *)
Compile[{x, x}, x]
(* expect-stderr: Compile::cdup: The argument x appears more than once. *)
(* complex numbers are not compiled: the function evaluates uncompiled *)
c = Compile[{{z, _Complex}}, z^2];
(* expect-stderr: Compile::nocomp: z^2 cannot be compiled (complex numbers are not supported); the function will be evaluated uncompiled. *)
Print[c]
(* expect: CompiledFunction[{z}, z^2, "Uncompiled"] *)
Print[c[I]]
(* expect: -1 *)
Print[Compile[{{x, _Real}}, x][1, 2]]
(* expect: CompiledFunction[{x}, x, "Lua"][1, 2] *)
(* expect-stderr: CompiledFunction::cfct: Number of arguments 2 does not match the length 1 of the argument template. *)
