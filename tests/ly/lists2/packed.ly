(* packed-array arithmetic gives what element-wise evaluation gives *)
Print[Total[Range[10^6]^2]]
(* expect: 333333833333500000 *)
Print[Total[Range[10^7]^2]]
(* expect: 333333383333335000000 *)
Print[Range[5]^2]
(* expect: {1, 4, 9, 16, 25} *)
Print[Range[5] * 1.5]
(* expect: {1.5, 3., 4.5, 6., 7.5} *)
Print[Range[3]^-1]
(* expect: {1, 1/2, 1/3} *)
Print[2^Range[4]]
(* expect: {2, 4, 8, 16} *)
Print[Range[3] + 10^18]
(* expect: {1000000000000000001, 1000000000000000002, 1000000000000000003} *)
Print[Range[3] * 10^18 * 10]
(* expect: {10000000000000000000, 20000000000000000000, 30000000000000000000} *)
Print[Last[2^Range[70]]]
(* expect: 1180591620717411303424 *)
Print[{0, 1} * 1.5]
(* expect: {0., 1.5} *)
Print[Sqrt[{4., 9.}]]
(* expect: {2., 3.} *)
Print[Mod[Range[-3, 3], 3]]
(* expect: {0, 1, 2, 0, 1, 2, 0} *)
Print[Range[4]^Range[4]]
(* expect: {1, 4, 27, 256} *)
Print[{{1, 2}, {3, 4}}^2]
(* expect: {{1, 4}, {9, 16}} *)
Print[Abs[{-1, 2, -3}]]
(* expect: {1, 2, 3} *)
Print[Floor[{1.5, -1.5}]]
(* expect: {1, -2} *)
Print[Range[3] - Range[3]]
(* expect: {0, 0, 0} *)
Print[x = Range[5]; x^2; x]
(* expect: {1, 2, 3, 4, 5} *)
Print[Total[{{1, 2}, {3, 4}}]]
(* expect: {4, 6} *)
Print[Total[{{1, 2}, {3, 4}}, 2]]
(* expect: 10 *)
Print[Sort[{3., 1., 2.}]]
(* expect: {1., 2., 3.} *)
Print[Sort[{3, 1, 2}]]
(* expect: {1, 2, 3} *)
Print[OrderedQ[Sort[RandomReal[1, 10^5]]]]
(* expect: True *)
