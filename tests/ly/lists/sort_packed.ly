(* Packed arrays take their place in the canonical order as the lists they
   stand for (they were ordered by hash: Sort[Tuples[...]] came out shuffled). *)
Print[Sort[{{2, 0}, Range[0, 1], {0, 0}, Range[1, 2]}]]
(* expect: {{0, 0}, {0, 1}, {1, 2}, {2, 0}} *)
Print[Sort[Tuples[{3, 1, 2}, 2]]]
(* expect: {{1, 1}, {1, 2}, {1, 3}, {2, 1}, {2, 2}, {2, 3}, {3, 1}, {3, 2}, {3, 3}} *)
Print[Union[{Range[2, 3], Range[0, 1], {0, 1}}]]
(* expect: {{0, 1}, {2, 3}} *)
Print[Sort[{Range[3], x, 1, {1, 2}, Range[0.5, 2.5], f[1, 2, 3], {1, 2, a}}]]
(* expect: {1, x, {1, 2}, f[1, 2, 3], {0.5, 1.5, 2.5}, {1, 2, 3}, {1, 2, a}} *)
Print[{Order[Range[3], {1, 2, 3}], Order[{1, 2, 3.}, Range[3]], Order[Range[2], {1, 3}]}]
(* expect: {0, -1, 1} *)
Print[SortBy[Table[{i, Mod[7 i, 5]}, {i, 5}], Last]]
(* expect: {{5, 0}, {3, 1}, {1, 2}, {4, 3}, {2, 4}} *)
Print[Sort[{Table[{i, j}, {i, 2}, {j, 2}], {{1, 1}, {1, 2}}}]]
(* expect: {{{1, 1}, {1, 2}}, {{{1, 1}, {1, 2}}, {{2, 1}, {2, 2}}}} *)
