(* PrimeQ, PrimePi, NextPrime *)
Print[PrimeQ[{0, 1, 2, 3, 4, 97, 100}]]
(* expect: {False, False, True, True, False, True, False} *)
Print[PrimeQ[-7]]
(* expect: True *)
Print[PrimeQ[2^61 - 1]]
(* expect: True *)
Print[PrimeQ[2^64 + 13]]
(* expect: True *)
Print[PrimeQ[2^67 - 1]]
(* expect: False *)
Print[PrimeQ[2^89 - 1]]
(* expect: True *)
Print[PrimeQ[3215031751]]
(* expect: False *)
Print[PrimeQ[3825123056546413051]]
(* expect: False *)
Print[PrimeQ[1.5]]
(* expect: False *)
Print[PrimeQ[x]]
(* expect: False *)
Print[Count[PrimeQ[Range[10^5]], True]]
(* expect: 9592 *)
Print[Count[PrimeQ[Range[-20, 20]], True]]
(* expect: 16 *)
Print[PrimePi[{1, 2, 10, 100, 1000}]]
(* expect: {0, 1, 4, 25, 168} *)
Print[PrimePi[10^6]]
(* expect: 78498 *)
Print[PrimePi[10^9]]
(* expect: 50847534 *)
Print[PrimePi[7.5]]
(* expect: 4 *)
Print[PrimePi[-3]]
(* expect: 0 *)
Print[NextPrime[{1, 2, 10, 100}]]
(* expect: {2, 3, 11, 101} *)
Print[NextPrime[10^20]]
(* expect: 100000000000000000039 *)
Print[NextPrime[100, 3]]
(* expect: 107 *)
Print[NextPrime[10, -1]]
(* expect: 7 *)
Print[NextPrime[2.5]]
(* expect: 3 *)
Print[Attributes[PrimeQ]]
(* expect: {Listable, Protected} *)
