(* argument checks and messages of the pattern functions *)
StringMatchQ[1, "a"]
(* expect-stderr: StringMatchQ::strse: String or list of strings expected at position 1 in StringMatchQ[1, a]. *)
Print[StringMatchQ[1, "a"] === StringMatchQ[1, "a"]]  (* expect: True *)
(* expect-stderr: StringMatchQ::strse: String or list of strings expected at position 1 in StringMatchQ[1, a]. *)
(* expect-stderr: StringMatchQ::strse: String or list of strings expected at position 1 in StringMatchQ[1, a]. *)
StringCases[{"a", 2}, "a"]
(* expect-stderr: StringCases::strse: String or list of strings expected at position 1 in StringCases[{a, 2}, a]. *)
StringReplace["abc", 5]
(* expect-stderr: StringReplace::srep: 5 is not a valid string replacement rule. *)
StringSplit[1]
(* expect-stderr: StringSplit::strse: String or list of strings expected at position 1 in StringSplit[1]. *)
StringCount["abc"]
(* expect-stderr: StringCount::argr: StringCount called with 1 argument; 2 arguments are expected. *)
StringCases["a", "a", 1, 2]
(* expect-stderr: StringCases::argt: StringCases called with 4 arguments; 2 or 3 arguments are expected. *)
Print[StringMatchQ["a"]]  (* expect: StringMatchQ[a] *)
Print[Head[StringReplace["a" -> "b"]]]  (* expect: StringReplace *)
Print[StringCases["abc", "a", -1]]  (* expect: StringCases[abc, a, -1] *)
(* expect-stderr: StringCases::innf: Non-negative integer or Infinity expected at position 3 in StringCases[abc, a, -1]. *)
Print[StringInsert["abc", "X", 7]]  (* expect: StringInsert[abc, X, 7] *)
(* expect-stderr: StringInsert::ins: Cannot insert at position 7 in abc. *)
Print[Attributes[StringExpression]]  (* expect: {Flat, OneIdentity, Protected} *)
Print[Attributes[StringMatchQ]]  (* expect: {Protected} *)
Print[Catch[StringCases["a1b2", x_ /; (If[x == "b", Throw["stop"]]; True)]]]  (* expect: stop *)
Print[StringCases["abc", _?(Abort[] &)]]
(* expect-stderr: $Aborted *)
(* expect-exit: 1 *)
