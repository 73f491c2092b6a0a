(* Which and Switch *)
Print[Which[False, a, True, b]]  (* expect: b *)
Print[Which[1 > 2, a, 2 > 1, b, True, c]]  (* expect: b *)
Print[Which[False, a]]  (* expect: Null *)
Print[Which[]]  (* expect: Null *)
Print[Which[False, a, undecided, b, True, c]]  (* expect: Which[undecided, b, True, c] *)
n = 5;
Print[Which[n < 0, "negative", n == 0, "zero", True, "positive"]]  (* expect: positive *)
n = 0;
Print[Which[n < 0, "negative", n == 0, "zero", True, "positive"]]  (* expect: zero *)
Which[True, Print["first"], True, Print["second"]]  (* expect: first *)
sign[x_] := Which[x < 0, -1, x == 0, 0, x > 0, 1]
Print[{sign[-3], sign[0], sign[7]}]  (* expect: {-1, 0, 1} *)
Print[Switch[2, 1, a, 2, b, 3, c]]  (* expect: b *)
Print[Switch[s, 1, a, _Symbol, sym]]  (* expect: sym *)
Print[Switch[2.5, _Integer, int, _Real, real]]  (* expect: real *)
Print[Switch[7, 1, a, _, other]]  (* expect: other *)
Print[Switch[7, 1, a]]  (* expect: Null *)
Print[Switch[{1, 2}, {_, _}, pair, _, other]]  (* expect: pair *)
Print[Switch[b, a | b, ab, _, z]]  (* expect: ab *)
Print[Switch[1 + 1, 2, two, _, other]]  (* expect: two *)
Switch[1, 1, Print["one"], 2, Print["two"]]  (* expect: one *)
kind[x_] := Switch[x, _Integer, "integer", _String, "string", _List, "list", _, "other"]
Print[{kind[1], kind["s"], kind[{}], kind[2.5]}]  (* expect: {integer, string, list, other} *)
