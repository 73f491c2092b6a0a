(* Compile: integer and real arithmetic, checked integer overflow, math functions *)
f = Compile[{{n, _Integer}, {m, _Integer}}, {n + m, n - m, n m, Quotient[n, m], Mod[n, m], n^2, n^m, Max[n, m], Min[n, m], Abs[n - m], Sign[n - m]}];
Print[f[7, 2]]
(* expect: {9, 5, 14, 3, 1, 49, 49, 7, 2, 5, 1} *)
Print[f[-7, 2]]
(* expect: {-5, -9, -14, -4, 1, 49, 49, 2, -7, 9, -1} *)
(* integer division is real, as in Wolfram's Compile *)
Print[Compile[{{n, _Integer}, {m, _Integer}}, n/m][7, 2]]
(* expect: 3.5 *)
Print[Compile[{{n, _Integer}}, n^-1][4]]
(* expect: 0.25 *)
(* division by zero: a numerical error, then the uncompiled evaluation *)
Print[f[7, 0]]
(* expect: {7, 7, 0, ComplexInfinity, Indeterminate, 49, 1, 7, 0, 7, 1} *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 5; proceeding with uncompiled evaluation. *)
(* expect-stderr: Quotient::infy: Infinite expression Quotient[7, 0] encountered. *)
(* expect-stderr: Mod::indet: Indeterminate expression Mod[7, 0] encountered. *)
Print[Compile[{{x, _Real}}, 1/x][0.]]
(* expect: ComplexInfinity *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
(* expect-stderr: Power::infy: Infinite expression 1/0. encountered. *)
(* machine-integer overflow never wraps: the call is evaluated exactly *)
Print[f[2^62, 2]]
(* expect: {4611686018427387906, 4611686018427387902, 9223372036854775808, 2305843009213693952, 0, 21267647932558653966460912964485513216, 21267647932558653966460912964485513216, 4611686018427387904, 2, 4611686018427387902, 1} *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 4; proceeding with uncompiled evaluation. *)
Print[Compile[{{n, _Integer}}, n + 1][2^63 - 1]]
(* expect: 9223372036854775808 *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{n, _Integer}}, n - 1][-2^63]]
(* expect: -9223372036854775809 *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{n, _Integer}}, -n][-2^63]]
(* expect: 9223372036854775808 *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{n, _Integer}}, Abs[n]][-2^63]]
(* expect: 9223372036854775808 *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{n, _Integer}, {m, _Integer}}, n m][3037000500, 3037000500]]
(* expect: 9223372037000250000 *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{n, _Integer}, {m, _Integer}}, n m][3037000499, 3037000499]]
(* expect: 9223372030926249001 *)
Print[Compile[{{n, _Integer}}, 3 n][3074457345618258603]]
(* expect: 9223372036854775809 *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{n, _Integer}}, n^3][2097152]]
(* expect: 9223372036854775808 *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{n, _Integer}}, Module[{p = 1}, Do[p *= i, {i, n}]; p]] /@ {20, 21}]
(* expect: {2432902008176640000, 51090942171709440000} *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
g = Compile[{{x, _Real}}, {Sin[x], Cos[x], Tan[x], Exp[x], Log[x], Sqrt[x], ArcTan[x], Sinh[x], Cosh[x], Tanh[x], ArcSinh[x], Abs[x], x^2, x^-1, x^0.5, x^1.5, Log[2, x], Log10[x], ArcTan[1., x], Cot[x], Sec[x], Csc[x]}];
x0 = 2.5; Print[g[x0] - {Sin[x0], Cos[x0], Tan[x0], Exp[x0], Log[x0], Sqrt[x0], ArcTan[x0], Sinh[x0], Cosh[x0], Tanh[x0], ArcSinh[x0], Abs[x0], x0^2, x0^-1, x0^0.5, x0^1.5, Log[2, x0], Log10[x0], ArcTan[1., x0], Cot[x0], Sec[x0], Csc[x0]}]
(* expect: {0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0.} *)
Print[Compile[{{x, _Real}}, {ArcSin[x], ArcCos[x], ArcTanh[x]}][0.5] - {ArcSin[0.5], ArcCos[0.5], ArcTanh[0.5]}]
(* expect: {0., 0., 0.} *)
Print[Compile[{{x, _Real}}, ArcCosh[x]][2.] - ArcCosh[2.]]
(* expect: 0. *)
r = Compile[{{x, _Real}}, {Floor[x], Ceiling[x], Round[x], IntegerPart[x], FractionalPart[x]}];
Print[r[2.5]]
(* expect: {2., 3., 2., 2., 0.5} *)
Print[r[-2.5]]
(* expect: {-3., -2., -2., -2., -0.5} *)
Print[r[3.5]]
(* expect: {3., 4., 4., 3., 0.5} *)
Print[r[1.*^30]]
(* expect: {1000000000000000019884624838656, 1000000000000000019884624838656, 1000000000000000019884624838656, 1000000000000000019884624838656, 0.} *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
(* domain errors: the uncompiled evaluation gives the complex or infinite result *)
Print[Compile[{{x, _Real}}, Sqrt[x]][-4.]]
(* expect: 0. + 2. I *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{x, _Real}}, Log[x]][-1.]]
(* expect: 0. + 3.14159 I *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{x, _Real}}, ArcSin[x]][2.]]
(* expect: 1.5708 + 1.31696 I *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{x, _Real}}, x^0.5][-4.]]
(* expect: 0. + 2. I *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{x, _Real}}, Exp[x]][1000.]]
(* expect: 1.97007*10^434 *)
(* expect-stderr: CompiledFunction::cfn: Numerical error encountered at instruction 1; proceeding with uncompiled evaluation. *)
Print[Compile[{{x, _Real}}, x + Pi + E + Degree + GoldenRatio][0.]]
(* expect: 7.49536 *)
(* integer arithmetic in a real context is done in floating point *)
Print[Compile[{{n, _Integer}}, Sin[2 n] + n^2 / 2][10]]
(* expect: 50.9129 *)
Print[Compile[{{x, _Real}, {n, _Integer}}, x + n^2][0.5, 3]]
(* expect: 9.5 *)
Print[Compile[{{n, _Integer}}, N[n]][3]]
(* expect: 3. *)
c = Compile[{{x, _Real}, {y, _Real}}, {x == y, x != y, x < y, x <= y, x > y, x >= y, 1 < x < y, x === y}];
Print[c[1., 2.]]
(* expect: {False, True, True, True, False, False, False, False} *)
Print[c[2., 2.]]
(* expect: {True, False, False, True, False, True, False, True} *)
(* reals compare with Wolfram's tolerance, like the uncompiled Equal *)
Print[c[1., 1. + 10^-15]]
(* expect: {True, False, False, True, False, True, False, False} *)
Print[{1. == 1. + 10^-15, 1. < 1. + 10^-15}]
(* expect: {True, False} *)
l = Compile[{{a, True|False}, {b, True|False}}, {a && b, a || b, !a, Xor[a, b], a == b, Nand[a, b], Nor[a, b]}];
Print[l[True, False]]
(* expect: {False, True, False, True, False, True, False} *)
Print[l[True, True]]
(* expect: {True, True, False, False, True, False, False} *)
i = Compile[{{n, _Integer}}, {EvenQ[n], OddQ[n], n > 2, TrueQ[n > 2]}];
Print[i[5]]
(* expect: {False, True, True, True} *)
Print[Compile[{{n, _Integer}}, Boole[EvenQ[n]] + 10 Boole[n > 3]][4]]
(* expect: 11 *)
Print[Compile[{{x, _Real}, {y, _Real}}, {Mod[x, y], Quotient[x, y]}][7.5, 2.]]
(* expect: {1.5, 3.} *)
Print[Compile[{{x, _Real}}, Max[x, 1, 2.5]][2.]]
(* expect: 2.5 *)
(* a Boolean in arithmetic cannot be compiled *)
Print[Compile[{{b, True|False}}, b + 1][True]]
(* expect: 1 + True *)
(* expect-stderr: Compile::nocomp: b + 1 cannot be compiled (arithmetic on a True or False); the function will be evaluated uncompiled. *)
