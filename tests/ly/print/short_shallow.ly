(* Short and Shallow: a cut copy with <<k>> for what is left out (Skeleton) *)
Print[Shallow[Range[20]]]                 (* expect: {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, <<10>>} *)
Print[Shallow[Range[50], {1, 3}]]         (* expect: {1, 2, 3, <<47>>} *)
Print[Shallow[f[g[h[k[l[m]]]]], 2]]       (* expect: f[g[h[<<1>>]]] *)
Print[Shallow[Table[i, {i, 2}, {j, 12}]]]
(* expect: {{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, <<2>>}, {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, <<2>>}} *)
Print[Shallow[{a, b}]]                    (* expect: {a, b} *)
Print[Short[Range[100]]]
(* expect: {1, 2, 3, 4, 5, 6, 7, 8, <<85>>, 94, 95, 96, 97, 98, 99, 100} *)
Print[Short[Expand[(1 + x)^100]]]
(* expect: 1 + 100 x + 4950 x^2 + <<95>> + 4950 x^98 + 100 x^99 + x^100 *)
Print[Short[f[Range[300]]]]
(* expect: f[{1, 2, 3, 4, 5, <<290>>, 296, 297, 298, 299, 300}] *)
Print[Short[{1, 2, 3}]]                   (* expect: {1, 2, 3} *)
Print[StringLength[ToString[Short[Range[10^4], 3]]] <= 210]   (* expect: True *)
Print[Short[InputForm[Range[100]]]]
(* expect: {1, 2, 3, 4, 5, 6, 7, 8, <<85>>, 94, 95, 96, 97, 98, 99, 100} *)
Print[Short[InputForm[{"a", "b", 1/2}]]]  (* expect: {"a", "b", 1/2} *)
Print[InputForm[Short[Range[5]]]]         (* expect: Short[{1, 2, 3, 4, 5}] *)
Print[FullForm[Short[{1, 2}]]]            (* expect: Short[List[1, 2]] *)
Print[Skeleton[5]]                        (* expect: <<5>> *)
Print[InputForm[Skeleton[5]]]             (* expect: Skeleton[5] *)
Print[Short[x] + 1]                       (* expect: 1 + x *)
(* deep expressions: cut at about one line, quickly *)
Print[Short[Nest[f, x, 10^5]]]            (* expect: f[f[f[f[f[f[<<1>>]]]]]] *)
Print[StringLength[ToString[Short[Nest[f, x, 10^5], 10]]] < 800]   (* expect: True *)
Print[Short[Range[10^7]]]                 (* expect: {1, 2, 3, 4, 5, <<9999991>>, 9999997, 9999998, 9999999, 10000000} *)
(* long strings are cut in the middle *)
Print[Short[StringRepeat["ab", 500]]]
(* expect: abababababababababababababababa<<938>>bababababababababababababababab *)
Print[Short["abc"]]                       (* expect: abc *)
