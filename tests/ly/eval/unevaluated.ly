(* Unevaluated[...] is stripped from an argument and put back when no rule
   applies to the call (Wolfram's evaluation sequence). *)
x = 5;
Print[f[Unevaluated[x]]]                     (* expect: f[Unevaluated[x]] *)
Print[f[Unevaluated[1 + 1], 2 + 2]]          (* expect: f[Unevaluated[1 + 1], 4] *)
Print[{Unevaluated[1 + 1]}]                  (* expect: {Unevaluated[1 + 1]} *)
Print[f[Unevaluated[1 + 1]] === f[Unevaluated[1 + 1]]]   (* expect: True *)
Print[f[Sequence[1, 2], Unevaluated[1 + 1]]] (* expect: f[1, 2, Unevaluated[1 + 1]] *)
Print[f[Unevaluated[Sequence[1, 2]]]]        (* expect: f[1, 2] *)
Print[FullForm[f[Unevaluated[Unevaluated[x]]]]]   (* expect: f[Unevaluated[Unevaluated[x]]] *)
(* a rule that applies sees the bare argument *)
g[y_] := Hold[y]
Print[g[Unevaluated[1 + 1]]]                 (* expect: Hold[1 + 1] *)
k[y_] := y
Print[k[Unevaluated[Unevaluated[1 + 1]]]]    (* expect: Unevaluated[1 + 1] *)
Print[Length[Unevaluated[1 + 2 + 3]]]        (* expect: 3 *)
Print[Unevaluated[1 + 1]]                    (* expect: 1 + 1 *)
(* also in held positions, but not under HoldAllComplete *)
SetAttributes[h, HoldAll]
Print[h[Unevaluated[1 + 1]]]                 (* expect: h[Unevaluated[1 + 1]] *)
h[y_] := Hold[y]
Print[h[Unevaluated[1 + 1]]]                 (* expect: Hold[1 + 1] *)
Print[Hold[Unevaluated[x]]]                  (* expect: Hold[Unevaluated[x]] *)
Print[HoldComplete[Unevaluated[x]]]          (* expect: HoldComplete[Unevaluated[x]] *)
