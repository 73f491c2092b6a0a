(* argument checks and messages *)
Print[ReplaceAll[{a, b}, {x}]]
(* expect: {a, b} /. {x} *)
(* expect-stderr: ReplaceAll::reps: {x} is neither a list of replacement rules nor a valid dispatch table, and so cannot be used for replacing. *)
Print[Replace[a, b]]
(* expect: Replace[a, b] *)
(* expect-stderr: Replace::reps: {b} is neither a list of replacement rules nor a valid dispatch table, and so cannot be used for replacing. *)
Print[MatchQ[a]]
(* expect: MatchQ[a] *)
Print[MatchQ[a, b, c]]
(* expect: MatchQ[a, b, c] *)
(* expect-stderr: MatchQ::argrx: MatchQ called with 3 arguments; 2 arguments are expected. *)
Print[Cases[{a}, a, {1}, 1, 2]]
(* expect: Cases[{a}, a, {1}, 1, 2] *)
(* expect-stderr: Cases::argb: Cases called with 5 arguments; between 2 and 4 arguments are expected. *)
Print[Cases[{a}, a, {x}]]
(* expect: Cases[{a}, a, {x}] *)
(* expect-stderr: Cases::level: Level specification {x} is not of the form n, {n}, or {m, n}. *)
Print[Count[]]
(* expect: Count[] *)
(* expect-stderr: Count::argt: Count called with 0 arguments; 2 or 3 arguments are expected. *)
Print[Attributes[Rule]]
(* expect: {Protected, SequenceHold} *)
Print[Attributes[RuleDelayed]]
(* expect: {HoldRest, Protected, SequenceHold} *)
Print[Attributes[Condition]]
(* expect: {HoldAll, Protected} *)
Print[Attributes[Pattern]]
(* expect: {HoldFirst, Protected} *)
Print[(a -> b)[[2]]]
(* expect: b *)
Print[InputForm[x_ :> x + 1]]
(* expect: x_ :> x + 1 *)
