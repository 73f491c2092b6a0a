(* statistics and numeric helpers *)
Print[Mean[{1, 2, 3, 4}]]
(* expect: 5/2 *)
Print[Mean[{a, b}]]
(* expect: (a + b)/2 *)
Print[Mean[{1., 2.}]]
(* expect: 1.5 *)
Print[Mean[{{1, 2}, {3, 4}}]]
(* expect: {2, 3} *)
Print[Mean[Range[100]]]
(* expect: 101/2 *)
Print[Median[{1, 5, 3}]]
(* expect: 3 *)
Print[Median[{1, 2, 3, 4}]]
(* expect: 5/2 *)
Print[Median[{1., 2., 4., 10.}]]
(* expect: 3. *)
Print[Variance[{1, 2, 3, 4}]]
(* expect: 5/3 *)
Print[Variance[{1., 2., 3., 4.}]]
(* expect: 1.66667 *)
Print[Variance[{2, 4, 4, 4, 5, 5, 7, 9}]]
(* expect: 32/7 *)
Print[StandardDeviation[{2., 4., 4., 4., 5., 5., 7., 9.}]]
(* expect: 2.13809 *)
Print[Clip[{-2, 0.5, 3}]]
(* expect: {-1, 0.5, 1} *)
Print[Clip[5, {0, 3}]]
(* expect: 3 *)
Print[Clip[-5, {0, 3}, {a, b}]]
(* expect: a *)
Print[Clip[{-2., 0.5, 3.}, {0, 1}]]
(* expect: {0, 0.5, 1} *)
Print[Rescale[5, {0, 10}]]
(* expect: 1/2 *)
Print[Rescale[{1, 2, 3}]]
(* expect: {0, 1/2, 1} *)
Print[Rescale[3, {1, 5}, {10, 20}]]
(* expect: 15 *)
Print[Rescale[2.5, {0, 10}]]
(* expect: 0.25 *)
Print[Chop[{1.*^-12, 1.5, 0.}]]
(* expect: {0, 1.5, 0} *)
Print[Chop[0.001, 0.01]]
(* expect: 0 *)
Print[Chop[1 + 1.*^-15 I]]
(* expect: 1. *)
