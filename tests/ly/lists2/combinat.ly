(* combinatorial constructions *)
Print[Subsets[{a, b, c}]]
(* expect: {{}, {a}, {b}, {c}, {a, b}, {a, c}, {b, c}, {a, b, c}} *)
Print[Subsets[{a, b, c, d}, {2}]]
(* expect: {{a, b}, {a, c}, {a, d}, {b, c}, {b, d}, {c, d}} *)
Print[Subsets[{a, b, c}, 1]]
(* expect: {{}, {a}, {b}, {c}} *)
Print[Subsets[Range[5], All, {3, 5}]]
(* expect: {{2}, {3}, {4}} *)
Print[Length[Subsets[Range[10]]]]
(* expect: 1024 *)
Print[Permutations[{a, b, c}]]
(* expect: {{a, b, c}, {a, c, b}, {b, a, c}, {b, c, a}, {c, a, b}, {c, b, a}} *)
Print[Permutations[{a, a, b}]]
(* expect: {{a, a, b}, {a, b, a}, {b, a, a}} *)
Print[Permutations[{a, b, c}, {2}]]
(* expect: {{a, b}, {a, c}, {b, a}, {b, c}, {c, a}, {c, b}} *)
Print[Length[Permutations[Range[6]]]]
(* expect: 720 *)
Print[Tuples[{0, 1}, 2]]
(* expect: {{0, 0}, {0, 1}, {1, 0}, {1, 1}} *)
Print[Tuples[{{a, b}, {x, y, z}}]]
(* expect: {{a, x}, {a, y}, {a, z}, {b, x}, {b, y}, {b, z}} *)
Print[Length[Tuples[Range[3], 4]]]
(* expect: 81 *)
Print[Outer[f, {a, b}, {x, y}]]
(* expect: {{f[a, x], f[a, y]}, {f[b, x], f[b, y]}} *)
Print[Outer[Times, {1, 2}, {3, 4}]]
(* expect: {{3, 4}, {6, 8}} *)
Print[Outer[Times, {1., 2.}, {3., 4.}]]
(* expect: {{3., 4.}, {6., 8.}} *)
Print[Inner[f, {a, b}, {x, y}, g]]
(* expect: g[f[a, x], f[b, y]] *)
Print[Inner[Times, {{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}, Plus]]
(* expect: {{19, 22}, {43, 50}} *)
Print[Inner[Times, {1, 2, 3}, {4, 5, 6}]]
(* expect: 32 *)
