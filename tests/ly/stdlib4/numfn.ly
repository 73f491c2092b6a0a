(* special functions and number functions (stdlib/numfn.c) *)
Print[{Gamma[5], Gamma[1/2], Gamma[3/2], Gamma[-1/2], Gamma[2.5], Gamma[0]}]
(* expect: {24, Sqrt[Pi], Sqrt[Pi]/2, -2 Sqrt[Pi], 1.32934, ComplexInfinity} *)
Print[{LogGamma[10.], Beta[2, 3], Beta[2.5, 1.5], Pochhammer[3, 4], Pochhammer[x, 2]}]
(* expect: {12.8018, 1/12, 0.19635, 360, Pochhammer[x, 2]} *)
Print[{Erf[0], Erf[1.], Erfc[0.5], Erf[Infinity]}]
(* expect: {0, 0.842701, 0.4795, 1} *)
Print[{Zeta[2], Zeta[4], Zeta[3], Zeta[3.], Zeta[0], Zeta[-1], Zeta[0.5]}]
(* expect: {Pi^2/6, Pi^4/90, Zeta[3], 1.20206, -1/2, -1/12, -1.46035} *)
Print[{BernoulliB[10], HarmonicNumber[10], HarmonicNumber[3, 2], HarmonicNumber[10.]}]
(* expect: {5/66, 7381/2520, 49/36, 2.92897} *)
Print[{KroneckerDelta[1, 1], KroneckerDelta[1, 2], KroneckerDelta[a, a], KroneckerDelta[a, b]}]
(* expect: {1, 0, 1, KroneckerDelta[a, b]} *)
Print[{UnitStep[-1], UnitStep[0], UnitStep[2.5], UnitStep[x], Ramp[-3], Ramp[2], HeavisideTheta[-1], HeavisideTheta[0]}]
(* expect: {0, 1, 1, UnitStep[x], 0, 2, 0, HeavisideTheta[0]} *)
Print[Piecewise[{{x^2, x < 0}, {x, x >= 0}}] /. x -> -3]
(* expect: 9 *)
Print[Piecewise[{{1, False}, {2, True}}]]
(* expect: 2 *)
Print[Piecewise[{{1, False}}]]
(* expect: 0 *)
Print[{Surd[-8, 3], Surd[8, 3], CubeRoot[-27], CubeRoot[2.]}]
(* expect: {-2, 2, -3, 1.25992} *)
Print[{DirectedInfinity[2], DirectedInfinity[-3.], DirectedInfinity[0]}]
(* expect: {Infinity, -Infinity, ComplexInfinity} *)
Print[{Rationalize[0.5], Rationalize[3.14159], Rationalize[N[Pi]], Rationalize[N[Pi], 0.01], Rationalize[0.333333]}]
(* expect: {1/2, 314159/100000, 245850922/78256779, 22/7, 1/3} *)
Print[{ContinuedFraction[415/93], ContinuedFraction[Sqrt[2], 5], ContinuedFraction[N[Pi], 5]}]
(* expect: {{4, 2, 6, 7}, {1, 2, 2, 2, 2}, {3, 7, 15, 1, 292}} *)
Print[{RealDigits[123], RealDigits[1/7], RealDigits[N[Pi]], RealDigits[1/4], RealDigits[0.00123]}]
(* expect: {{{1, 2, 3}, 3}, {{{1, 4, 2, 8, 5, 7}}, 0}, {{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3}, 1}, {{2, 5}, 0}, {{1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, -2}} *)
Print[IntegerPartitions[5]]
(* expect: {{5}, {4, 1}, {3, 2}, {3, 1, 1}, {2, 2, 1}, {2, 1, 1, 1}, {1, 1, 1, 1, 1}} *)
Print[{IntegerPartitions[6, 2], IntegerPartitions[6, {3}]}]
(* expect: {{{6}, {5, 1}, {4, 2}, {3, 3}}, {{4, 1, 1}, {3, 2, 1}, {2, 2, 2}}} *)
Print[{PartitionsP[10], PartitionsP[100], StirlingS1[5, 2], StirlingS2[5, 2], BellB[5], LucasL[10]}]
(* expect: {42, 190569292, -50, 15, 52, 123} *)
Print[{JacobiSymbol[2, 7], CarmichaelLambda[15], MultiplicativeOrder[2, 7], PrimitiveRoot[7], PrimeNu[12], PrimeOmega[12], BitCount[255]}]
(* expect: {1, 4, 3, 3, 2, 3, 8} *)
