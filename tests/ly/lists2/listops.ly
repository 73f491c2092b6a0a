(* list manipulation *)
Print[Insert[{a, b, c}, x, 2]]
(* expect: {a, x, b, c} *)
Print[Insert[{a, b, c}, x, -1]]
(* expect: {a, b, c, x} *)
Print[Insert[{{a, b}, {c}}, x, {2, 1}]]
(* expect: {{a, b}, {x, c}} *)
Print[Insert[{a, b, c}, x, {{1}, {3}}]]
(* expect: {x, a, b, x, c} *)
Print[Insert[Range[3], 0, 1]]
(* expect: {0, 1, 2, 3} *)
Print[Delete[{a, b, c, d}, 3]]
(* expect: {a, b, d} *)
Print[Delete[{a, b, c, d}, -1]]
(* expect: {a, b, c} *)
Print[Delete[{a, b, c, d}, {{1}, {3}}]]
(* expect: {b, d} *)
Print[Delete[{{a, b}, {c, d}}, {2, 1}]]
(* expect: {{a, b}, {d}} *)
Print[{Delete[f[a, b], 0]}]
(* expect: {a, b} *)
Print[ReplacePart[{a, b, c}, 2 -> x]]
(* expect: {a, x, c} *)
Print[ReplacePart[{a, b, c}, {1 -> x, 3 -> y}]]
(* expect: {x, b, y} *)
Print[ReplacePart[{{a, b}, {c, d}}, {2, 1} -> x]]
(* expect: {{a, b}, {x, d}} *)
Print[ReplacePart[{a, b}, 5 -> x]]
(* expect: {a, b} *)
Print[ReplacePart[f[a, b], 0 -> g]]
(* expect: g[a, b] *)
Print[Extract[{a, {b, c}}, {2, 1}]]
(* expect: b *)
Print[Extract[{a, b, c}, {{1}, {3}}]]
(* expect: {a, c} *)
Print[RotateLeft[{1, 2, 3, 4}]]
(* expect: {2, 3, 4, 1} *)
Print[RotateRight[{1, 2, 3, 4}, 2]]
(* expect: {3, 4, 1, 2} *)
Print[RotateLeft[{a, b, c}, -1]]
(* expect: {c, a, b} *)
Print[RotateLeft[{a, b, c}, 4]]
(* expect: {b, c, a} *)
Print[Ordering[{c, a, b}]]
(* expect: {2, 3, 1} *)
Print[Ordering[{3, 1, 2}, 2]]
(* expect: {2, 3} *)
Print[Ordering[{3, 1, 2}, -1]]
(* expect: {1} *)
Print[Ordering[{4, 1, 3}, All, Greater]]
(* expect: {1, 3, 2} *)
Print[Gather[{1, 2, 1, 3, 2}]]
(* expect: {{1, 1}, {2, 2}, {3}} *)
Print[GatherBy[Range[6], OddQ]]
(* expect: {{1, 3, 5}, {2, 4, 6}} *)
Print[GatherBy[{"a", "bb", "c", "dd"}, StringLength]]
(* expect: {{a, c}, {bb, dd}} *)
Print[Split[{1, 1, 2, 2, 2, 3, 1}]]
(* expect: {{1, 1}, {2, 2, 2}, {3}, {1}} *)
Print[Split[{1, 2, 3, 5, 6}, #2 == #1 + 1 &]]
(* expect: {{1, 2, 3}, {5, 6}} *)
Print[SplitBy[{1, 3, 2, 4, 5}, OddQ]]
(* expect: {{1, 3}, {2, 4}, {5}} *)
Print[Pick[{a, b, c}, {True, False, True}]]
(* expect: {a, c} *)
Print[Pick[{1, 2, 3, 4}, {1, 0, 1, 0}, 1]]
(* expect: {1, 3} *)
Print[Pick[{{a, b}, {c, d}}, {{True, False}, {False, True}}]]
(* expect: {{a}, {d}} *)
Print[PadLeft[{1, 2}, 5]]
(* expect: {0, 0, 0, 1, 2} *)
Print[PadRight[{a, b}, 4, x]]
(* expect: {a, b, x, x} *)
Print[PadLeft[{1, 2, 3, 4}, 2]]
(* expect: {3, 4} *)
Print[PadRight[{1, 2, 3, 4}, 2]]
(* expect: {1, 2} *)
Print[PadRight[{a}, 3, x, 1]]
(* expect: {x, a, x} *)
Print[TakeWhile[{1, 3, 4, 5}, OddQ]]
(* expect: {1, 3} *)
Print[LengthWhile[{1, 3, 4, 5}, OddQ]]
(* expect: 2 *)
Print[AllTrue[{1, 3, 5}, OddQ]]
(* expect: True *)
Print[AllTrue[{1, 2}, OddQ]]
(* expect: False *)
Print[AnyTrue[{2, 4, 5}, OddQ]]
(* expect: True *)
Print[NoneTrue[{2, 4}, OddQ]]
(* expect: True *)
Print[AllTrue[OddQ][{1, 3}]]
(* expect: True *)
Print[AllTrue[{}, OddQ]]
(* expect: True *)
Print[MapThread[f, {{a, b}, {c, d}}]]
(* expect: {f[a, c], f[b, d]} *)
Print[MapThread[Plus, {{1, 2}, {3, 4}, {5, 6}}]]
(* expect: {9, 12} *)
Print[MapThread[f][{{a, b}, {c, d}}]]
(* expect: {f[a, c], f[b, d]} *)
Print[MapThread[f, {{{a, b}}, {{c, d}}}, 2]]
(* expect: {{f[a, c], f[b, d]}} *)
Print[Catenate[{{1, 2}, {3}, {}}]]
(* expect: {1, 2, 3} *)
Print[Catenate[{<|a -> 1|>, {2}}]]
(* expect: {1, 2} *)
Print[MinMax[{3, 1, 2}]]
(* expect: {1, 3} *)
Print[MinMax[{2.5, -1., 7.}]]
(* expect: {-1., 7.} *)
Print[Commonest[{a, b, a, c, b}]]
(* expect: {a, b} *)
Print[Commonest[{1, 2, 2, 3, 3, 3}]]
(* expect: {3} *)
Print[Level[{a, {b, {c}}}, 2]]
(* expect: {a, b, {c}, {b, {c}}} *)
Print[Level[{a, {b, {c}}}, {-1}]]
(* expect: {a, b, c} *)
Print[Level[f[g[x], y], {0, Infinity}]]
(* expect: {x, g[x], y, f[g[x], y]} *)
Print[Level[{{1, 2}, {3}}, {2}]]
(* expect: {1, 2, 3} *)
Print[{1, Nothing, 2, Nothing}]
(* expect: {1, 2} *)
Print[{a, b, c} /. b -> Nothing]
(* expect: {a, c} *)
Print[Map[If[OddQ[#], Nothing, #] &, Range[6]]]
(* expect: {2, 4, 6} *)
