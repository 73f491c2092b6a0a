Print[PDF[NormalDistribution[0, 1], x]]
(* expect: E^(-x^2/2)/Sqrt[2 Pi] *)
Print[PDF[UniformDistribution[{0, 2}], 1]]
(* expect: 1/2 *)
Print[CDF[UniformDistribution[{0, 2}], 1]]
(* expect: 1/2 *)
Print[PDF[ExponentialDistribution[2], 1.]]
(* expect: 0.270671 *)
Print[Mean[BinomialDistribution[10, 0.3]]]
(* expect: 3. *)
Print[Variance[PoissonDistribution[3]]]
(* expect: 3 *)
SeedRandom[1]; Print[Length[RandomVariate[NormalDistribution[], 5]]]
(* expect: 5 *)
