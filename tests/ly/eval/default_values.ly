(* Default[f] = v gives the value of omitted f[..., x_., ...] arguments *)
Default[f] = 7;
Print[Default[f]]                                      (* expect: 7 *)
f[x_, y_.] := {x, y}
Print[{f[1], f[1, 2]}]                                  (* expect: {{1, 7}, {1, 2}} *)
Default[f] = 8;
Print[{Default[f], f[1]}]                               (* expect: {8, {1, 8}} *)
Print[DefaultValues[f]]                                 (* expect: {HoldPattern[Default[f]] :> 8} *)
(* by position: Default[g, i] before Default[g] *)
Default[g] = a; Default[g, 2] = b;
g[x_., y_.] := {x, y}
Print[{g[], Default[g, 2], Default[g, 1], Default[g, 2, 2]}]   (* expect: {{a, b}, b, a, b} *)
Print[{Default[Plus], Default[Times], Default[Power, 2], Default[h]}]   (* expect: {0, 1, 1, Default[h]} *)
