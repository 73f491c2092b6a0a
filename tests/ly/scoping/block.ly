(* Block: dynamic scoping of values, restored on every path *)
x = 10;
Print[Block[{x = 1}, x + 1]]  (* expect: 2 *)
Print[x]  (* expect: 10 *)
g[] := x
Print[Block[{x = 3}, g[]]]  (* expect: 3 *)
Print[Module[{x = 3}, g[]]]  (* expect: 10 *)
Block[{x}, Print[x]]  (* expect: x *)
Print[Block[{x = 1, y = x}, y]]  (* expect: 10 *)
Print[Block[{u = 2}, u^2]]  (* expect: 4 *)
Print[u]  (* expect: u *)
Print[Block[{i = 1}, While[i < 4, i++]; i]]  (* expect: 4 *)
Print[Catch[Block[{x = 99}, Throw[x]]]]  (* expect: 99 *)
Print[x]  (* expect: 10 *)
CheckAbort[Block[{x = 5}, Abort[]], Null];
Print[x]  (* expect: 10 *)
Print[Block[{x = 1}, Block[{x = 2}, x] + x]]  (* expect: 3 *)
Print[x]  (* expect: 10 *)
Print[Block[{x = 7}, Table[x + i, {i, 2}]]]  (* expect: {8, 9} *)
h[n_] := Block[{depth = n}, inner[]]
inner[] := depth
Print[h[4]]  (* expect: 4 *)
Print[depth]  (* expect: depth *)
Print[Block[{x}, x = 5; x^2]]  (* expect: 25 *)
Print[x]  (* expect: 10 *)
Print[Block[{}, 1]]  (* expect: 1 *)
Print[Block[x, x]]  (* expect: Block[x, x] *)
(* expect-stderr: Block::lvlist: Local variable specification x is not a List. *)
