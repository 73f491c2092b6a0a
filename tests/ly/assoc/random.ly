(* RandomChoice and RandomSample: reproducibility and shapes only *)
SeedRandom[3]; r1 = RandomChoice[Range[10], 5];
SeedRandom[3]; r2 = RandomChoice[Range[10], 5];
Print[r1 === r2]  (* expect: True *)
Print[Length[r1]]  (* expect: 5 *)
Print[Complement[r1, Range[10]]]  (* expect: {} *)
Print[Dimensions[RandomChoice[{a, b}, {2, 3}]]]  (* expect: {2, 3} *)
Print[MemberQ[{a, b, c}, RandomChoice[{a, b, c}]]]  (* expect: True *)
Print[RandomChoice[{0, 0, 1} -> {a, b, c}, 4]]  (* expect: {c, c, c, c} *)
SeedRandom[11]; w1 = RandomChoice[{1, 2, 3} -> {x, y, z}, 20];
SeedRandom[11]; w2 = RandomChoice[{1, 2, 3} -> {x, y, z}, 20];
Print[w1 === w2]  (* expect: True *)
Print[Sort[RandomSample[Range[6]]]]  (* expect: {1, 2, 3, 4, 5, 6} *)
Print[Length[RandomSample[Range[6], 3]]]  (* expect: 3 *)
Print[Length[DeleteDuplicates[RandomSample[Range[50], 20]]]]  (* expect: 20 *)
Print[Sort[RandomSample[{a, b, c}, 30]]]  (* expect: {a, b, c} *)
SeedRandom[7]; s1 = RandomSample[Range[20]];
SeedRandom[7]; Print[s1 === RandomSample[Range[20]]]  (* expect: True *)
SeedRandom[7]; Print[Take[s1, 5] === RandomSample[Range[20], 5]]  (* expect: True *)
Print[RandomSample[{}]]  (* expect: {} *)
RandomChoice[{}];
(* expect-stderr: RandomChoice::lrwl: The items for choice {} should be a list or a rule weights -> choices. *)
RandomChoice[{-1, 2} -> {a, b}];
(* expect-stderr: RandomChoice::wghtv: The weights on the left-hand side of {-1, 2} -> {a, b} have to be a list of non-negative numbers with the same length as the list of choices. *)
RandomSample[];
(* expect-stderr: RandomSample::argt: RandomSample called with 0 arguments; 1 or 2 arguments are expected. *)
