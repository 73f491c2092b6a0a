(* The issue-8 numeric loop, compiled: Sum[Sin[i] Cos[i] + Sqrt[Abs[Sin[2 i]]], {i, 10^7}] *)
cf = Compile[{{n, _Integer}}, Sum[Sin[i] Cos[i] + Sqrt[Abs[Sin[2 i]]], {i, n}]];
Print[Round[cf[10^7]]]
