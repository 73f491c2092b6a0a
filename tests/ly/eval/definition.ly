(* Definition[f] stays as it is and prints as the definitions, as made
   (= or :=), specific rules before general ones; Information (?f) shows the
   same text *)
f[x_] := x^2
f[0] = 1
Definition[f]
Print[Definition[f]]
(* expect: f[0] = 1 *)
(* expect:  *)
(* expect: f[x_] := x^2 *)
Print[Head[Definition[f]]]                (* expect: Definition *)
g = 5
Print[Definition[g]]                      (* expect: g = 5 *)
Print[Definition[nothingHere]]            (* expect: Null *)
h[x_, y_: 2] := x + y; h::usage = "h adds"; h::oops = "bad `1`"
Options[h] = {opt -> 1}; SetAttributes[h, {Listable, Orderless}]
Print[Definition[h]]
(* expect: Attributes[h] = {Listable, Orderless} *)
(* expect:  *)
(* expect: h[x_, y_:2] := x + y *)
(* expect:  *)
(* expect: Options[h] = {opt -> 1} *)
(* expect:  *)
(* expect: h::oops = "bad `1`" *)
u /: area[u] = 3
Print[Definition[u]]                      (* expect: area[u] ^= 3 *)
Print[ToString[Definition[g]]]            (* expect: g = 5 *)
Print[Definition[Sin]]                    (* expect: Attributes[Sin] = {Listable, NumericFunction, Protected} *)
Information[f]
(* expect: Global`f *)
(* expect:  *)
(* expect: f[0] = 1 *)
(* expect:  *)
(* expect: f[x_] := x^2 *)
Information[h]                            (* expect: h adds *)
Information[h, LongForm -> True]
(* expect: h adds *)
(* expect:  *)
(* expect: Attributes[h] = {Listable, Orderless} *)
(* expect:  *)
(* expect: h[x_, y_:2] := x + y *)
(* expect:  *)
(* expect: Options[h] = {opt -> 1} *)
(* expect:  *)
(* expect: h::oops = "bad `1`" *)
(* a failed assignment still gives its right side (SetDelayed gives $Failed) *)
Print[Sin = 3]                            (* expect: 3 *)
(* expect-stderr: Set::wrsym: Symbol Sin is Protected. *)
Print[Sin[x] = 4]                         (* expect: 4 *)
(* expect-stderr: Set::write: Tag Sin in Sin[x] is Protected. *)
Print[Sin[x] := 4]                        (* expect: $Failed *)
(* expect-stderr: SetDelayed::write: Tag Sin in Sin[x] is Protected. *)
Print[1 = 2]                              (* expect: 2 *)
(* expect-stderr: Set::setraw: Cannot assign to raw object 1. *)
(* symbol names and contexts *)
Print[InputForm[{SymbolName[x], Context[x], Context[Sin], $Context, SymbolName[a`b], Context[a`b]}]]
(* expect: {"x", "Global`", "System`", "Global`", "b", "a`"} *)
