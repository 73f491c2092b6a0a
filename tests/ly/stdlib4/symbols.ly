(* Symbol and Unique (stdlib/symbols.c) *)
Print[Symbol["abc"]]  (* expect: abc *)
Print[Head[Symbol["abc"]]]  (* expect: Symbol *)
Print[Symbol["x" <> ToString[3]]]  (* expect: x3 *)
x3 = 7; Print[Symbol["x3"]]  (* expect: 7 *)
Print[Symbol["3x"]]  (* expect: Symbol[3x] *)
Print[Table[Symbol["a" <> ToString[i]], {i, 3}]]  (* expect: {a1, a2, a3} *)
Print[StringMatchQ[SymbolName[Unique[y]], "y$" ~~ DigitCharacter ..]]  (* expect: True *)
Print[Head[Unique[]]]  (* expect: Symbol *)
Print[Length[Unique[{p, q}]]]  (* expect: 2 *)
(* expect-stderr: Symbol::symname: The string 3x cannot be used for a symbol name. *)
(* ValueQ: own values for symbols, any definition for other expressions *)
Print[{ValueQ[vq], vq = 1; ValueQ[vq], ValueQ[vf[2]], vf[y_] := y; ValueQ[vf[2]], ValueQ[vf], ValueQ[1], ValueQ[Pi], ValueQ[1 + 2]}]
(* expect: {False, True, False, True, False, False, False, True} *)
vd := Print["not evaluated"]; Print[ValueQ[vd]]
(* expect: True *)
Print[Attributes[ValueQ]]
(* expect: {HoldAll, Protected} *)
