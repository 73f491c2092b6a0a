(* Probability, Expectation and their N forms over distributions and data;
   x \[Distributed] dist parses as Distributed[x, dist] *)
Print[FullForm[Hold[x \[Distributed] NormalDistribution[]]]]
(* expect: Hold[Distributed[x, NormalDistribution[]]] *)
Print[Probability[x > 1, x \[Distributed] NormalDistribution[0, 1]]]
(* expect: (1 - Erf[1/Sqrt[2]])/2 *)
Print[NProbability[x > 1.96, x \[Distributed] NormalDistribution[]]]
(* expect: 0.0249979 *)
Print[N[Probability[-1 < x < 1, x \[Distributed] NormalDistribution[]]]]
(* expect: 0.682689 *)
Print[Probability[x > 2, x \[Distributed] ExponentialDistribution[1]]]
(* expect: 1/E^2 *)
Print[Probability[1 < x < 3, x \[Distributed] UniformDistribution[{0, 4}]]]
(* expect: 1/2 *)
Print[{Probability[x == 2, x \[Distributed] PoissonDistribution[3]], Probability[x <= 2, x \[Distributed] PoissonDistribution[3]]}]
(* expect: {9/(2 E^3), 17/(2 E^3)} *)
Print[Probability[2 <= x < 4, x \[Distributed] BinomialDistribution[10, 1/2]]]
(* expect: 165/1024 *)
Print[{Probability[x > 1 && x < 4, x \[Distributed] {1, 2, 3, 4, 5}], Probability[x > 1, x \[Distributed] {1, 2, 3}]}]
(* expect: {2/5, 2/3} *)
Print[{Expectation[x, x \[Distributed] {1, 2, 3}], Expectation[x^2, x \[Distributed] {1, 2, 3, 4}]}]
(* expect: {2, 15/2} *)
Print[{Expectation[x^2, x \[Distributed] NormalDistribution[m, s]], Expectation[x^2, x \[Distributed] NormalDistribution[]]}]
(* expect: {m^2 + s^2, 1} *)
Print[Expectation[2 x + 3, x \[Distributed] PoissonDistribution[mu]]]
(* expect: 3 + 2 mu *)
Print[Expectation[x^2, x \[Distributed] BinomialDistribution[n, p]]]
(* expect: n p (1 - p + n p) *)
Print[Expectation[x^2, x \[Distributed] UniformDistribution[{a, b}]]]
(* expect: (a^2 + a b + b^2)/3 *)
Print[Expectation[x^3, x \[Distributed] ExponentialDistribution[l]]]
(* expect: 6/l^3 *)
Print[Expectation[x^2, x \[Distributed] DiscreteUniformDistribution[{1, 6}]]]
(* expect: 91/6 *)
Print[Expectation[Exp[x], x \[Distributed] UniformDistribution[{0, 1}]]]
(* expect: -1 + E *)
Print[Expectation[Boole[x > 0], x \[Distributed] NormalDistribution[0, 1]]]
(* expect: 1/2 *)
Print[{NExpectation[Exp[-x^2], x \[Distributed] NormalDistribution[]], NExpectation[x, x \[Distributed] PoissonDistribution[3.5]]}]
(* expect: {0.57735, 3.5} *)
d = NormalDistribution[10, 2];
Print[NProbability[x > 12, x \[Distributed] d]]
(* expect: 0.158655 *)
Print[Probability[x > a, x \[Distributed] NormalDistribution[]]]
(* expect: Probability[x > a, Distributed[x, NormalDistribution[]]] *)
Print[{Infinity/Sqrt[2], -Pi Infinity}]
(* expect: {Infinity, -Infinity} *)
