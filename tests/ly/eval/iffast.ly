(* If and HoldAll builtins (CompoundExpression, While, ...) run without the
   general argument pass when nothing of the user's applies to them
   (vm/eval.c if_fast, held_plain): same values, messages and limits. *)
Print[{If[1 < 2, a, b], If[1 > 2, a, b], If[1 > 2, a], If[x, a, b], If[x, a, b, u]}]
(* expect: {a, b, Null, If[x, a, b], u} *)
Print[If[Sequence[True, 1], 2]]              (* expect: 1 *)
Print[If[Sequence[x, 1, 2, 3], 4]]
(* expect-stderr: If::argb: If called with 5 arguments; between 2 and 4 arguments are expected. *)
(* expect: If[x, 1, 2, 3, 4] *)
Print[Hold[Evaluate[If[True, Evaluate[1 + 1], 3]]]]   (* expect: Hold[2] *)
Print[If[True, Unevaluated[1 + 1]]]          (* expect: 2 *)
Print[If[Unevaluated[True], 5, 6]]           (* expect: 5 *)
c = True; Print[If[c, "yes", "no"]]          (* expect: yes *)
cc := (Print["cond"]; False); Print[If[cc, 1, 2]]
(* expect: cond *)
(* expect: 2 *)
Print[If[1, 2, 3]]                           (* expect: If[1, 2, 3] *)
Print[If[1, 2, 3, 4]]                        (* expect: 4 *)
If[1]
(* expect-stderr: If::argbu: If called with 1 argument; between 2 and 4 arguments are expected. *)
Print[(1; 2; 3)]                             (* expect: 3 *)
Print[Hold[Evaluate[(Print["e"]; 5)]]]
(* expect: e *)
(* expect: Hold[5] *)
Print[CompoundExpression[Sequence[1, 2]]]    (* expect: 2 *)
Print[CompoundExpression[Evaluate[Print["first"]; 7], 8]]
(* expect: first *)
(* expect: 8 *)
(* tail calls through If stay in one frame: $IterationLimit, not $RecursionLimit *)
down[n_] := If[n == 0, done, down[n - 1]]
Print[down[2000]]                             (* expect: done *)
Print[down[5000]]
(* expect-stderr: $IterationLimit::itlim: Iteration limit of 4096 exceeded. *)
(* expect: Hold[down[2953 - 1]] *)
ret[n_] := (If[n > 2, Return[big]]; small)
Print[{ret[1], ret[5]}]                       (* expect: {small, big} *)
(* up-values anywhere turn the fast paths off; they still apply *)
flag /: If[flag, a_, b_] := {"up", a, b}
Print[If[flag, 1, 2]]                         (* expect: {up, 1, 2} *)
Print[If[3 > 2, 1, 2]]                        (* expect: 1 *)
q = 0; While[q < 5, q++]; Print[q]            (* expect: 5 *)
(* the user's definitions for If are honoured *)
Unprotect[If]; If[maybe, a_, b_] := {a, b}; Protect[If];
Print[If[maybe, 1, 2]]                        (* expect: {1, 2} *)
Print[If[2 > 1, 1, 2]]                        (* expect: 1 *)
Unprotect[If]; Clear[If]; Protect[If];
SetAttributes[hh, HoldAll]; hh[x_] := {x}
Print[hh[1 + 1]]                              (* expect: {2} *)
