(* FactorInteger and functions of the factorization *)
Print[FactorInteger[360]]
(* expect: {{2, 3}, {3, 2}, {5, 1}} *)
Print[FactorInteger[1]]
(* expect: {} *)
Print[FactorInteger[0]]
(* expect: {{0, 1}} *)
Print[FactorInteger[-12]]
(* expect: {{-1, 1}, {2, 2}, {3, 1}} *)
Print[FactorInteger[3/4]]
(* expect: {{2, -2}, {3, 1}} *)
Print[FactorInteger[97]]
(* expect: {{97, 1}} *)
Print[FactorInteger[2^64 + 1]]
(* expect: {{274177, 1}, {67280421310721, 1}} *)
Print[FactorInteger[10^20 + 1]]
(* expect: {{73, 1}, {137, 1}, {1676321, 1}, {5964848081, 1}} *)
Print[FactorInteger[2^128 + 1]]
(* expect: {{59649589127497217, 1}, {5704689200685129054721, 1}} *)
Print[FactorInteger[(10^19 + 51) (10^21 + 117)]]
(* expect: {{10000000000000000051, 1}, {1000000000000000000117, 1}} *)
Print[FactorInteger[3^40]]
(* expect: {{3, 40}} *)
Print[FactorInteger[(2^31 - 1)^3]]
(* expect: {{2147483647, 3}} *)
Print[FactorInteger[20!]]
(* expect: {{2, 18}, {3, 8}, {5, 4}, {7, 2}, {11, 1}, {13, 1}, {17, 1}, {19, 1}} *)
Print[Divisors[12]]
(* expect: {1, 2, 3, 4, 6, 12} *)
Print[Divisors[-6]]
(* expect: {1, 2, 3, 6} *)
Print[Divisors[1]]
(* expect: {1} *)
Print[Divisors[97]]
(* expect: {1, 97} *)
Print[Length[Divisors[720720]]]
(* expect: 240 *)
Print[DivisorSigma[0, 12]]
(* expect: 6 *)
Print[DivisorSigma[1, 12]]
(* expect: 28 *)
Print[DivisorSigma[2, 6]]
(* expect: 50 *)
Print[DivisorSigma[-1, 12]]
(* expect: 7/3 *)
Print[EulerPhi[{1, 2, 9, 10, 12, 97}]]
(* expect: {1, 1, 6, 4, 4, 96} *)
Print[EulerPhi[0]]
(* expect: 0 *)
Print[EulerPhi[-12]]
(* expect: 4 *)
Print[MoebiusMu[{1, 2, 3, 4, 5, 6, 30, 12}]]
(* expect: {1, -1, -1, 0, -1, 1, -1, 0} *)
Print[FactorInteger[x]]
(* expect: FactorInteger[x] *)
