(* ValueQ and its Method option *)
Print[{ValueQ[x], x = 1; ValueQ[x]}]
(* expect: {False, True} *)
f[x_] := x^2
Print[{ValueQ[f], ValueQ[f[2]], ValueQ[g[2]]}]
(* expect: {False, True, False} *)
h[1] = 1;
Print[ValueQ[h[2], Method -> "SymbolDefinitionsPresent"]]
(* expect: True *)
Print[ValueQ[h[2], Method -> "TrialEvaluation"]]
(* expect: False *)
Print[ValueQ[h[1], Method -> "TrialEvaluation"]]
(* expect: True *)
Print[ValueQ[h[2], Method -> "Legacy"]]
(* expect: False *)
Print[{ValueQ[y + x, Method -> "OwnValuesPresent"], ValueQ[y + z, Method -> "OwnValuesPresent"]}]
(* expect: {True, False} *)
Print[ValueQ[f, Method -> "SymbolDefinitionsPresent"]]
(* expect: True *)
Print[ValueQ[f, Method -> other]]
(* expect: ValueQ[f, Method -> other] *)
(* expect-stderr: ValueQ::meth: Value of option Method -> other should be Automatic, "SymbolDefinitionsPresent", "OwnValuesPresent", "TrialEvaluation" or "Legacy". *)
