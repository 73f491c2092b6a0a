(* PowerMod, Mod with offset, ExtendedGCD, ChineseRemainder *)
Print[PowerMod[2, 10, 1000]]
(* expect: 24 *)
Print[PowerMod[3, 200, 7]]
(* expect: 2 *)
Print[PowerMod[2, 10^18, 10^9 + 7]]
(* expect: 719476260 *)
Print[PowerMod[3, -1, 7]]
(* expect: 5 *)
Print[PowerMod[3, -2, 7]]
(* expect: 4 *)
Print[PowerMod[2, -1, 4]]
(* expect: PowerMod[2, -1, 4] *)
(* expect-stderr: PowerMod::ninv: 2 is not invertible modulo 4. *)
Print[PowerMod[{2, 3, 4}, 2, 5]]
(* expect: {4, 4, 1} *)
Print[PowerMod[5, 0, 3]]
(* expect: 1 *)
Print[Mod[10, 3, 1]]
(* expect: 1 *)
Print[Mod[-7, 3]]
(* expect: 2 *)
Print[Mod[7, -3]]
(* expect: -2 *)
Print[Mod[Range[6], 3, 1]]
(* expect: {1, 2, 3, 1, 2, 3} *)
Print[ExtendedGCD[12, 18]]
(* expect: {6, {-1, 1}} *)
Print[ExtendedGCD[3, 5]]
(* expect: {1, {2, -1}} *)
Print[ExtendedGCD[240, 46]]
(* expect: {2, {-9, 47}} *)
Print[ChineseRemainder[{1, 2}, {3, 5}]]
(* expect: 7 *)
Print[ChineseRemainder[{2, 3, 2}, {3, 5, 7}]]
(* expect: 23 *)
Print[ChineseRemainder[{1, 3}, {4, 6}]]
(* expect: 9 *)
Print[ChineseRemainder[{1, 2}, {4, 6}]]
(* expect: ChineseRemainder[{1, 2}, {4, 6}] *)
Print[GCD[12, 18, 8]]
(* expect: 2 *)
Print[LCM[4, 6, 10]]
(* expect: 60 *)
