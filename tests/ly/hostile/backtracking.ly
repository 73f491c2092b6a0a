(* Pathological patterns (issue 9): exponential backtracking stops under
   TimeConstrained; the classic {x___, y___, ..., b} is pruned at once. *)
Print[MatchQ[Table[a, {30}], {x___, y___, z___, w___, b}]]
(* expect: False *)
Print[TimeConstrained[MatchQ[Table[a, {40}], {(a | a) .., c}], 0.5]]
(* expect: $Aborted *)
Print[TimeConstrained[MatchQ[Table[a, {40}], {(a | a) .., c}], 0.5, "gave up"]]
(* expect: gave up *)
Print[TimeConstrained[ReplaceRepeated[Table[a, {40}], {(a | a) .., c} -> 0], 0.5]]
(* expect: $Aborted *)
Print[TimeConstrained[Cases[{Table[a, {40}]}, {(a | a) .., c}], 0.5]]
(* expect: $Aborted *)
(* the VM is fine afterwards *)
Print[MatchQ[{a, a, c}, {(a | a) .., c}]]
(* expect: True *)
(* regular expressions: PCRE2's match limit bounds one search, which
   cannot be interrupted; reaching it is reported, not taken silently as
   "no match" *)
Print[StringMatchQ[StringRepeat["a", 40] <> "b", RegularExpression["(?:(a|aa)+c)|a*b"]]]
(* expect-stderr: StringMatchQ::rxlim: The matcher reached its backtracking limit on RegularExpression[(?:(a|aa)+c)|a*b]; that match attempt was abandoned and counts as no match. *)
(* expect: False *)
Print[StringMatchQ[StringRepeat["a", 10] <> "b", RegularExpression["(?:(a|aa)+c)|a*b"]]]
(* expect: True *)
(* the same written as a string pattern is compiled without the blow-up *)
Print[StringCases[StringRepeat["a", 40] <> "b", ("a" | "aa") .. ~~ "c" | "a" .. ~~ "b"] // Map[StringLength]]
(* expect: {41} *)
