(* Deep data stays evaluated: later definitions of other symbols do not
   make it evaluate again (it depends on the symbols in it), and deep data
   with nothing to evaluate does not run into $RecursionLimit *)
x = Nest[f, y, 10^5];
z = Nest[f, y, 10^5];
Print[x === z]                 (* expect: True *)
g = 1; k[1] := 2; SetAttributes[q, Listable];
Print[{Depth[x], Depth[z]}]    (* expect: {100001, 100001} *)
Print[Depth[Nest[List, 0, 10^5]]]   (* expect: 100001 *)
(* what is in it changed: evaluated again *)
s = Nest[f, a, 10];
a = 1;
Print[s]                       (* expect: f[f[f[f[f[f[f[f[f[f[1]]]]]]]]]] *)
Update[f];
Print[Depth[x]]                (* expect: 100001 *)
(* an assignment's value is not evaluated again (unless it holds the
   symbol that just got it: tests/ly/eval/self_reference.ly) *)
Print[Depth[v = Nest[h, w, 10^5]]]   (* expect: 100001 *)
(* new deep data with nothing to evaluate *)
Print[Depth[ToExpression[StringRepeat["f[", 5000] <> "x0" <> StringRepeat["]", 5000]]]]  (* expect: 5001 *)
Print[Depth[ReplaceRepeated[u, u -> f[u], MaxIterations -> 3000]]]  (* expect: 3001 *)
(* expect-stderr: ReplaceRepeated::rrlim: Exiting after u scanned 3000 times. *)
