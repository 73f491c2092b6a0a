(* Probability distributions (stdlib/distrib.c): Wolfram's forms of PDF, CDF,
   moments and quantiles; parameters checked when a distribution is used. *)
Print[PDF[NormalDistribution[0, 1], x]]
(* expect: E^(-x^2/2)/Sqrt[2 Pi] *)
Print[PDF[NormalDistribution[m, s], x]]
(* expect: E^(-(-m + x)^2/(2 s^2))/(Sqrt[2 Pi] s) *)
Print[CDF[NormalDistribution[m, s], x]]
(* expect: Erfc[(m - x)/(Sqrt[2] s)]/2 *)
Print[CDF[NormalDistribution[0, 1], 1.]]
(* expect: 0.841345 *)
Print[PDF[NormalDistribution[]][0]]
(* expect: 1/Sqrt[2 Pi] *)
Print[PDF[UniformDistribution[{a, b}], x]]
(* expect: Piecewise[{{1/(-a + b), a <= x <= b}}, 0] *)
Print[CDF[UniformDistribution[{a, b}], x]]
(* expect: Piecewise[{{(-a + x)/(-a + b), a <= x <= b}, {1, x > b}}, 0] *)
Print[{PDF[UniformDistribution[{0, 2}], 1], CDF[UniformDistribution[{0, 2}], 1], CDF[UniformDistribution[{0, 2}], 3]}]
(* expect: {1/2, 1/2, 1} *)
Print[PDF[ExponentialDistribution[2], 1.]]
(* expect: 0.270671 *)
Print[CDF[ExponentialDistribution[l], x]]
(* expect: Piecewise[{{1 - E^(-(l x)), x >= 0}}, 0] *)
Print[PDF[PoissonDistribution[mu], k]]
(* expect: Piecewise[{{(E^(-mu) mu^k)/k!, k >= 0}}, 0] *)
Print[CDF[PoissonDistribution[mu], k]]
(* expect: Piecewise[{{GammaRegularized[1 + Floor[k], mu], k >= 0}}, 0] *)
Print[PDF[PoissonDistribution[3], {1, 2, 3}]]
(* expect: {3/E^3, 9/(2 E^3), 9/(2 E^3)} *)
Print[CDF[PoissonDistribution[3], {1, 2, 3}]]
(* expect: {4/E^3, 17/(2 E^3), 13/E^3} *)
Print[CDF[PoissonDistribution[3]][2]]
(* expect: 17/(2 E^3) *)
Print[{PDF[PoissonDistribution[3], 2.5], N[CDF[PoissonDistribution[3], 2]]}]
(* expect: {0., 0.42319} *)
Print[PDF[BinomialDistribution[n, p], k]]
(* expect: Piecewise[{{(1 - p)^(-k + n) p^k Binomial[n, k], 0 <= k <= n}}, 0] *)
Print[CDF[BinomialDistribution[n, p], k]]
(* expect: Piecewise[{{BetaRegularized[1 - p, n - Floor[k], 1 + Floor[k]], 0 <= k < n}, {1, k >= n}}, 0] *)
Print[{PDF[BinomialDistribution[10, 1/2], 3], CDF[BinomialDistribution[10, 1/2], 3], CDF[BinomialDistribution[10, 0.3], 4]}]
(* expect: {15/128, 11/64, 0.849732} *)
Print[{PDF[BernoulliDistribution[p], k], CDF[BernoulliDistribution[p], k]}]
(* expect: {Piecewise[{{1 - p, k == 0}, {p, k == 1}}, 0], Piecewise[{{0, k < 0}, {1 - p, 0 <= k < 1}}, 1]} *)
Print[{PDF[DiscreteUniformDistribution[{1, 6}], 3], CDF[DiscreteUniformDistribution[{1, 6}], 3]}]
(* expect: {1/6, 1/2} *)
(* moments *)
Print[{Mean[NormalDistribution[m, s]], Variance[NormalDistribution[m, s]], StandardDeviation[NormalDistribution[m, s]]}]
(* expect: {m, s^2, s} *)
Print[{Mean[BinomialDistribution[10, 0.3]], Variance[PoissonDistribution[3]], StandardDeviation[PoissonDistribution[l]]}]
(* expect: {3., 3, Sqrt[l]} *)
Print[{Variance[BinomialDistribution[n, p]], StandardDeviation[BinomialDistribution[n, p]]}]
(* expect: {n (1 - p) p, Sqrt[n (1 - p) p]} *)
Print[{Mean[UniformDistribution[{a, b}]], StandardDeviation[UniformDistribution[{a, b}]], StandardDeviation[ExponentialDistribution[l]]}]
(* expect: {(a + b)/2, (-a + b)/(2 Sqrt[3]), 1/l} *)
Print[{Variance[DiscreteUniformDistribution[{1, 6}]], StandardDeviation[DiscreteUniformDistribution[{a, b}]]}]
(* expect: {35/12, Sqrt[-1 + (1 - a + b)^2]/(2 Sqrt[3])} *)
(* quantiles *)
Print[{Quantile[NormalDistribution[], 0.975], Median[NormalDistribution[3, 2]], Median[ExponentialDistribution[2]]}]
(* expect: {1.95996, 3, Log[2]/2} *)
Print[InverseCDF[NormalDistribution[], {1/4, 1/2}]]
(* expect: {-(Sqrt[2] InverseErfc[1/2]), 0} *)
Print[Quartiles[ExponentialDistribution[a]]]
(* expect: {Log[4/3]/a, Log[2]/a, Log[4]/a} *)
Print[Quantile[PoissonDistribution[3], {0, 0.1, 0.5, 0.9, 1}]]
(* expect: {0, 1, 3, 5, Infinity} *)
Print[Quantile[BinomialDistribution[10, 1/2], {0, 11/64, 0.5, 1}]]
(* expect: {0, 3, 5, 10} *)
Print[Quantile[DiscreteUniformDistribution[{1, 6}], {0, 0.5, 1}]]
(* expect: {1, 3, 6} *)
Print[Quantile[UniformDistribution[{2, 4}], 1/4]]
(* expect: 5/2 *)
(* parameters *)
Print[PDF[NormalDistribution[0, -1], 0.3]]
(* expect: PDF[NormalDistribution[0, -1], 0.3] *)
(* expect-stderr: NormalDistribution::posprm: Parameter -1 at position 2 in NormalDistribution[0, -1] is expected to be positive. *)
Print[Mean[BinomialDistribution[10, 3/2]]]
(* expect: Mean[BinomialDistribution[10, 3/2]] *)
(* expect-stderr: BinomialDistribution::probprm: Parameter 3/2 at position 2 in BinomialDistribution[10, 3/2] is expected to be a probability between 0 and 1. *)
Print[DistributionParameterQ /@ {NormalDistribution[0, 1], NormalDistribution[0, -1], NormalDistribution[m, s]}]
(* expect: {True, False, True} *)
Print[NormalDistribution[0, -1]]
(* expect: NormalDistribution[0, -1] *)
(* random variates: shapes, types, ranges *)
SeedRandom[1]; Print[Length[RandomVariate[NormalDistribution[], 5]]]
(* expect: 5 *)
Print[Dimensions[RandomVariate[NormalDistribution[], {2, 3}]]]
(* expect: {2, 3} *)
Print[AllTrue[RandomVariate[PoissonDistribution[1000], 20], IntegerQ[#] && 800 < # < 1200 &]]
(* expect: True *)
Print[Abs[Mean[N[RandomVariate[BinomialDistribution[1000, 0.2], 2000]]] - 200] < 3]
(* expect: True *)
Print[Union[RandomVariate[BernoulliDistribution[0.5], 100]]]
(* expect: {0, 1} *)
Print[AllTrue[RandomVariate[UniformDistribution[{2, 3}], 100], 2 <= # <= 3 &]]
(* expect: True *)
RandomVariate[NormalDistribution[], -1]
(* expect-stderr: RandomVariate::array: The array dimensions -1 given in position 2 of RandomVariate[NormalDistribution[], -1] should be a list of non-negative machine-sized integers giving the dimensions for the result. *)
