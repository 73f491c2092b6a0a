(* Dispatch (indexed) against the same rules as a short list (tried in
   order), on random rules and expressions: the same first rule applies. *)
SeedRandom[7];
atoms = {a, b, c, 1, 2, 3, "s", 1.5, x};
rexpr[0] := RandomChoice[atoms];
rexpr[d_] := If[RandomReal[] < 0.4, RandomChoice[atoms],
   RandomChoice[{f, g, h, List}] @@ Table[rexpr[d - 1], {RandomInteger[{0, 2}]}]];
rlhs[] := Module[{k = RandomInteger[9]},
   Which[k == 0, f[_, RandomChoice[atoms]], k == 1, _Integer?EvenQ, k == 2, g[y_] /; y === a,
    k == 3, h[__], True, rexpr[2]]];
bad = 0; hits = 0;
Do[
  rules = Table[With[{k = RandomInteger[100]}, If[RandomReal[] < 0.5, Rule, RuleDelayed][rlhs[], k]],
    {RandomInteger[{8, 15}]}];
  es = Table[rexpr[3], {30}];
  r1 = es /. rules; r2 = es /. Dispatch[rules];
  r3 = Replace[es, rules, {0, 2}]; r4 = Replace[es, Dispatch[rules], {0, 2}];
  r5 = ReplaceList[es[[1]], rules]; r6 = ReplaceList[es[[1]], Dispatch[rules]];
  If[r1 =!= r2 || r3 =!= r4 || r5 =!= r6, bad++];
  If[r1 =!= es, hits++],
  {300}];
Print[{bad, hits > 200}]                      (* expect: {0, True} *)
