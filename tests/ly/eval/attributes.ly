(* Attributes and protection. *)
Print[Attributes[Plus]]        (* expect: {Flat, Listable, NumericFunction, OneIdentity, Orderless, Protected} *)
SetAttributes[f, Listable]
Print[f[{1, 2, 3}]]            (* expect: {f[1], f[2], f[3]} *)
SetAttributes[g, Orderless]
Print[g[c, a, b]]              (* expect: g[a, b, c] *)
SetAttributes[h, Flat]
Print[h[a, h[b, c]]]           (* expect: h[a, b, c] *)
SetAttributes[hold, HoldAll]
Print[hold[1 + 1]]             (* expect: hold[1 + 1] *)
SetAttributes[hf, HoldFirst]
Print[hf[1 + 1, 2 + 2]]        (* expect: hf[1 + 1, 4] *)
Print[Attributes[hf]]          (* expect: {HoldFirst} *)
ClearAttributes[hf, HoldFirst]
Print[hf[1 + 1, 2 + 2]]        (* expect: hf[2, 4] *)
Plus = 5
(* expect-stderr: Set::wrsym: Symbol Plus is Protected. *)
Plus[x_] := 1
(* expect-stderr: SetDelayed::write: Tag Plus in Plus[x_] is Protected. *)
Print[Protect[pp]]             (* expect: {pp} *)
pp = 1
(* expect-stderr: Set::wrsym: Symbol pp is Protected. *)
Print[Unprotect[pp]]           (* expect: {pp} *)
pp = 1;
Print[pp]                      (* expect: 1 *)
Print[hold[Evaluate[1 + 1]]]   (* expect: hold[2] *)
Print[Length[Hold[1, 2, 3]]]   (* expect: 3 *)
Print[f[Sequence[1, 2]]]       (* expect: f[1, 2] *)
Print[{1, Sequence[2, 3], 4}]  (* expect: {1, 2, 3, 4} *)
Print[Hold[Sequence[1, 2]]]    (* expect: Hold[1, 2] *)
Print[HoldComplete[Sequence[1, 2]]]  (* expect: HoldComplete[Sequence[1, 2]] *)
