(* Machine reals past $MaxMachineNumber: Wolfram goes on with numbers of
   machine precision in arbitrary-precision form (stdlib/bigreal.c through
   the VM's range hook); past $MaxNumber, Overflow[] with General::ovfl. *)
Print[1.*^308 * 10]                         (* expect: 1.*10^309 *)
Print[-1.*^308 * 10]                        (* expect: -1.*10^309 *)
Print[2.^2000]                              (* expect: 1.14813*10^602 *)
Print[N[2^2000]]                            (* expect: 1.14813*10^602 *)
Print[InputForm[N[2^2000]]]                 (* expect: 1.1481306952742545`15.954589770191003*^602 *)
Print[Exp[1000.]]                           (* expect: 1.97007*10^434 *)
Print[1000.!]                               (* expect: 4.02387*10^2567 *)
Print[Gamma[200.]]                          (* expect: 3.94329*10^372 *)
Print[Gamma[200.5]]                         (* expect: 5.57317*10^373 *)
Print[Binomial[10000., 5000.]]              (* expect: 1.59179*10^3008 *)
Print[N[10^400]]                            (* expect: 1.*10^400 *)
Print[10.^400]                              (* expect: 1.*10^400 *)
Print[{Cosh[1000.], Sinh[-1000.], E^1000.}] (* expect: {9.85036*10^433, -9.85036*10^433, 1.97007*10^434} *)
Print[{1.5*^308, 2 * 1.5*^308}]             (* expect: {1.5*10^308, 3.*10^308} *)
(* they are Real numbers of machine precision, but not machine numbers *)
x = 2.^2000;
Print[{Head[x], NumberQ[x], MachineNumberQ[x], Precision[x]}]
(* expect: {Real, True, False, MachinePrecision} *)
(* arithmetic in range gives machine reals again *)
Print[{x/x, x - x, 1/x, x/2.^1999, Log[x], Sqrt[x], Log10[x]}]
(* expect: {1., 0., 8.70981*10^-603, 2., 1386.29, 1.07151*10^301, 602.06} *)
Print[MachineNumberQ[x/2.^1999]]            (* expect: True *)
Print[{x * 2, x^2, -x, Abs[-x], x + 1}]
(* expect: {2.29626*10^602, 1.3182*10^1204, -1.14813*10^602, 1.14813*10^602, 1.14813*10^602} *)
(* comparisons on the exact values *)
Print[{x < 2.^2001, x == 2.^2001, x == 2^2000, x > 10^600, Max[x, 3], Sort[{2.^2001, 1., x}]}]
(* expect: {True, False, True, True, 1.14813*10^602, {1., 1.14813*10^602, 2.29626*10^602}} *)
Print[{Floor[x] == 2^2000, Round[x] - 2^2000, Sign[-x]}]   (* expect: {True, 0, -1} *)
Print[{Log[-x], Sqrt[-x]}]                  (* expect: {1386.29 + 3.14159 I, 0. + 1.07151*10^301 I} *)
(* packed arithmetic that would overflow goes element by element *)
Print[Range[3] * 1.*^308 * 10]              (* expect: {1.*10^309, 2.*10^309, 3.*10^309} *)
Print[{Total[{1.*^308, 1.*^308}], Accumulate[{1.*^308, 1.*^308}]}]
(* expect: {2.*10^308, {1.*10^308, 2.*10^308}} *)
(* past $MaxNumber *)
Print[Exp[x]]
(* expect-stderr: General::ovfl: Overflow occurred in computation. *)
(* expect: Overflow[] *)
Print[2.^(2^60)]
(* expect-stderr: General::ovfl: Overflow occurred in computation. *)
(* expect: Overflow[] *)
(* complex parts that overflow: Overflow[] (not arbitrary precision) *)
Print[(1.*^308 + 0.5 I) * 10]
(* expect-stderr: General::ovfl: Overflow occurred in computation. *)
(* expect: Overflow[] *)
Print[1.*^307 * 10]                         (* expect: 1.*10^308 *)
(* machine underflow: the (zero or subnormal) machine value with General::munfl *)
Print[Exp[-1000.]]
(* expect-stderr: General::munfl: Exp[-1000.] is too small to represent as a normalized machine number; precision may be lost. *)
(* expect: 0. *)
Print[2.^-2000]
(* expect-stderr: General::munfl: 1/2.^2000 is too small to represent as a normalized machine number; precision may be lost. *)
(* expect: 0. *)
(* exact numbers keep their value in arbitrary-precision form *)
Print[{N[10^-400], 10^-400 * 1., N[2^-2000]}]  (* expect: {1.*10^-400, 1.*10^-400, 8.70981*10^-603} *)
(* no message from the samples of numerical methods *)
Print[NIntegrate[Exp[-t^2], {t, -Infinity, Infinity}]]   (* expect: 1.77245 *)
