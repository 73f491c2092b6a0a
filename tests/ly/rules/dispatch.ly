(* Dispatch[rules]: a hashed table of rules (vm/dispatch.c) that gives the
   same results as the list of rules; long lists of literal rules get the
   same index inside ReplaceAll. *)
r = {a -> b, b -> c, c -> a, p -> q, q -> p};
t = Dispatch[r];
Print[t]                                      (* expect: Dispatch[<5>] *)
Print[InputForm[t]]                           (* expect: Dispatch[{a -> b, b -> c, c -> a, p -> q, q -> p}] *)
Print[{a, b, c, p, q} /. r]                   (* expect: {b, c, a, q, p} *)
Print[{a, b, c, p, q} /. t]                   (* expect: {b, c, a, q, p} *)
Print[{Normal[t] === r, AtomQ[t], Head[t], Dispatch[t] === t, t === Dispatch[r]}]
(* expect: {True, True, Dispatch, True, True} *)
Print[ToExpression[ToString[t, InputForm]] === t]                      (* expect: True *)
Print[{1, 2, 3, Pi, Sin[x], Cos[3]} /. Dispatch[{1 -> a, 2 -> b, c_?NumericQ -> num}]]
(* expect: {a, b, num, num, Sin[x], num} *)
Print[Dispatch[<|u -> 1, v -> 2|>]]           (* expect: Dispatch[<2>] *)
Print[{u, v, w} /. Dispatch[<|u -> 1, v -> 2|>]]   (* expect: {1, 2, w} *)
Print[Dispatch[a -> 1]]                       (* expect: Dispatch[<1>] *)
Print[{Replace[a, t], ReplaceList[a, t], a //. Dispatch[{a -> b, b -> c}], ReplaceAll[t][{p, q}]}]
(* expect: {b, {b}, c, {q, p}} *)
Dispatch[{1, 2}]
(* expect-stderr: Dispatch::invrpl: {1, 2} is not a valid rule or list of rules. *)
Dispatch[{a -> 1}, 2]
(* expect-stderr: Dispatch::argx: Dispatch called with 2 arguments; 1 argument is expected. *)
(* the first rule in order wins, literal or not *)
big = Table[x[i] -> i^2, {i, 1000}]; bt = Dispatch[big];
Print[Table[x[i], {i, 998, 1002}] /. bt]      (* expect: {996004, 998001, 1000000, x[1001], x[1002]} *)
Print[{x[1], x[2]} /. Dispatch[Join[{x[1] -> first}, big]]]     (* expect: {first, 4} *)
Print[{x[1], x[2]} /. Dispatch[Join[big, {x[1] -> last}]]]      (* expect: {1, 4} *)
Print[x[2] /. Dispatch[Join[{x[_] /; False -> no, x[2] :> two}, big]]]   (* expect: two *)
Print[{x[2], x[3]} /. Dispatch[Join[{x[_?EvenQ] -> even}, big]]]    (* expect: {even, 9} *)
Print[{x[2], x[3]} /. Join[{x[_?EvenQ] -> even}, big]]              (* expect: {even, 9} *)
Print[{x[2], x[3]} /. Dispatch[Join[big, {x[_?EvenQ] -> even}]]]    (* expect: {4, 9} *)
Print[{x[1], x[1.], x[1001]} /. Dispatch[Append[big, x[_Real] -> real]]]   (* expect: {1, real, x[1001]} *)
(* right sides stay unevaluated until the result is evaluated, as with lists *)
Print[Hold[x[3]] /. Dispatch[Join[{x[3] :> 1 + 1}, big]]]           (* expect: Hold[1 + 1] *)
(* rules for Flat heads still apply to runs of arguments *)
fl = Join[Table[w[i] -> i, {i, 20}], {a + c -> z}];
Print[{a + b + c /. fl, a + b + c /. Dispatch[fl], {w[3], a + c} /. Dispatch[fl]}]
(* expect: {b + z, b + z, {3, z}} *)
(* a long plain list of rules gives the same as its Dispatch *)
pl = Table[k -> -k, {k, 100}];
Print[Total[Range[200] /. pl], " ", Total[Range[200] /. Dispatch[pl]]]   (* expect: 10000 10000 *)
s = 0; Do[s += x[Mod[i, 1000] + 1] /. bt, {i, 2000}]; Print[s]          (* expect: 667667000 *)
(* a Dispatch crosses to parallel workers *)
Print[ParallelMap[# /. bt &, {x[1], x[2], y}]]   (* expect: {1, 4, y} *)
