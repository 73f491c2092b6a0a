(* compiled vs interpreted: the same loop at 10^5 (CPU time, Timing) *)
n = 10^5;
cf = Compile[{{n, _Integer}}, Sum[Sin[i] Cos[i] + Sqrt[Abs[Sin[2 i]]], {i, n}]];
cf[10];
tc = Min[Table[First[Timing[rc = cf[n]]], {5}]];
ti = Min[Table[First[Timing[ri = Sum[Sin[i] Cos[i] + Sqrt[Abs[Sin[2 i]]], {i, 1., n}]]], {3}]];
td = Min[Table[First[Timing[rd = Module[{s = 0.}, Do[s += Sin[i] Cos[i] + Sqrt[Abs[Sin[2 i]]], {i, 1., n}]; s]]], {3}]];
Print["interp: compiled ", tc, " s, Sum ", ti, " s (", ti/tc, "x), Do loop ", td, " s (", td/tc, "x)",
      If[Abs[rc - ri] < 10^-6 Abs[ri] && Abs[rc - rd] < 10^-6 Abs[rd], "", " MISMATCH"]]
(* in-process time of the 10^7 loop, excluding start-up and compilation *)
t7 = Min[Table[First[Timing[cf[10^7]]], {3}]];
Print["inproc: compiled 10^7 loop ", t7, " s CPU"]
