(* Module: lexical scoping with fresh symbols *)
Print[Module[{x}, x] === x]  (* expect: False *)
Print[Head[Module[{x}, x]]]  (* expect: Symbol *)
Print[Module[{x}, x] === Module[{x}, x]]  (* expect: False *)
Print[Module[{x = 5}, x^2]]  (* expect: 25 *)
Print[Module[{x = 2, y = 3}, x y]]  (* expect: 6 *)
x = 10;
Print[Module[{x = 1}, x + 1]]  (* expect: 2 *)
Print[x]  (* expect: 10 *)
Print[Module[{x = x}, x + 1]]  (* expect: 11 *)
Print[Module[{y}, y = 3; y^2]]  (* expect: 9 *)
Print[Module[{c = 0}, c++; c++; c]]  (* expect: 2 *)
Print[Module[{x = 1}, Module[{x = 2}, x] + x]]  (* expect: 3 *)
Print[Module[{}, 42]]  (* expect: 42 *)
Print[Module[{sq}, sq[n_] := n^2; sq[4]]]  (* expect: 16 *)
fresh[] := Module[{z}, z]
Print[fresh[] === fresh[]]  (* expect: False *)
mk[] := Module[{k = 0}, Function[k = k + 1]]
inc = mk[];
inc[];
Print[inc[]]  (* expect: 2 *)
other = mk[];
Print[other[]]  (* expect: 1 *)
sumTo[n_] := Module[{s = 0, i}, For[i = 1, i <= n, i++, s += i]; s]
Print[sumTo[100]]  (* expect: 5050 *)
Print[Module[{a = 1, b}, b = a + 1; {a, b}]]  (* expect: {1, 2} *)
Print[Module[{x}, Hold[x]] === Hold[x]]  (* expect: False *)
Print[Module[{f}, f[1] = one; f[1]]]  (* expect: one *)
Print[Module[{x = {1, 2, 3}}, Length[x]]]  (* expect: 3 *)
Print[Module[x, x]]  (* expect: Module[x, x] *)
(* expect-stderr: Module::lvlist: Local variable specification x is not a List. *)
Print[Module[{1}, 1]]  (* expect: Module[{1}, 1] *)
(* expect-stderr: Module::lvsym: Local variable specification {1} contains 1, which is not a symbol or an assignment to a symbol. *)
