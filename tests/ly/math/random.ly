(* RandomInteger, RandomReal, SeedRandom: reproducible streams, ranges and shapes *)
SeedRandom[1]; r1 = RandomInteger[100, 10]; SeedRandom[1]; r2 = RandomInteger[100, 10];
Print[r1 === r2]  (* expect: True *)
SeedRandom[2]; r3 = RandomInteger[100, 10];
Print[r1 === r3]  (* expect: False *)
Print[Length[RandomReal[1, 5]]]  (* expect: 5 *)
Print[Min[RandomInteger[{3, 5}, 1000]]]  (* expect: 3 *)
Print[Max[RandomInteger[{3, 5}, 1000]]]  (* expect: 5 *)
Print[Dimensions[RandomInteger[9, {2, 3}]]]  (* expect: {2, 3} *)
Print[IntegerQ[RandomInteger[10]]]  (* expect: True *)
Print[Head[RandomReal[]]]  (* expect: Real *)
Print[0 <= RandomReal[] < 1]  (* expect: True *)
Print[Max[RandomReal[{-1, 1}, 1000]] <= 1]  (* expect: True *)
Print[Min[RandomReal[{-1, 1}, 1000]] >= -1]  (* expect: True *)
Print[MemberQ[{0, 1}, RandomInteger[]]]  (* expect: True *)
SeedRandom[7]; a = RandomReal[]; SeedRandom[7];
Print[a === RandomReal[]]  (* expect: True *)
Print[Abs[Total[RandomReal[{-1, 1}, 10000]]] < 300]  (* expect: True *)
