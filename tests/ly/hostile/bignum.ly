(* Long big-integer work stops under TimeConstrained (and Ctrl-C): it runs in
   steps with safe points between them (vm/bignum.c, stdlib/bigint.c); results
   beyond 2^32 bits are refused with General::ovfl before any work. *)
Print[TimeConstrained[Factorial[5*10^7], 0.5]]
(* expect: $Aborted *)
Print[TimeConstrained[3^(10^9), 0.5]]
(* expect: $Aborted *)
Print[TimeConstrained[Binomial[10^12, 10^6], 0.5]]
(* expect: $Aborted *)
Print[TimeConstrained[Fibonacci[10^9], 0.5]]
(* expect: $Aborted *)
Print[TimeConstrained[PowerMod[3, 2^(10^6), 2^(10^6) + 1], 0.5]]
(* expect: $Aborted *)
Print[TimeConstrained[PrimeQ[2^(10^6) + 3], 0.5]]
(* expect: $Aborted *)
x = 3^(10^7);
Print[TimeConstrained[StringLength[ToString[x^10]], 0.5]]
(* expect: $Aborted *)
Print[TimeConstrained[Length[IntegerDigits[x^10]], 0.5]]
(* expect: $Aborted *)
Print[{Factorial[10^12], Fibonacci[10^12], (2/3)^(10^10), (1 + I)^(10^10)}]
(* expect-stderr: General::ovfl: Overflow occurred in computation. *)
(* expect-stderr: General::ovfl: Overflow occurred in computation. *)
(* expect-stderr: General::ovfl: Overflow occurred in computation. *)
(* expect-stderr: General::stop: Further output of General::ovfl will be suppressed during this calculation. *)
(* expect: {Overflow[], Overflow[], Overflow[], Overflow[]} *)
(* the stepped algorithms agree with the direct ones *)
Print[Factorial[30000] == Product[i, {i, 30000}]]
(* expect: True *)
Print[Mod[Factorial[100000], 10^9 + 7]]
(* expect: 457992974 *)
Print[Binomial[10^5, 5000] == Factorial[10^5]/(Factorial[5000] Factorial[95000])]
(* expect: True *)
Print[{Binomial[10, 3], Binomial[-5, 3], Binomial[5, 7], Binomial[10^6, 999998]}]
(* expect: {120, -35, 0, 499999500000} *)
Print[{Fibonacci[-10], Fibonacci[-9], Mod[Fibonacci[3*10^6], 10^9]}]
(* expect: {-55, 34, 796000000} *)
Print[Fibonacci[2*10^6] == Fibonacci[2*10^6 - 1] + Fibonacci[2*10^6 - 2]]
(* expect: True *)
Print[{PowerMod[3, 10^100, 10^9 + 7], PowerMod[2, -1, 7]}]
(* expect: {9102203, 4} *)
Print[PowerMod[3, 2^(10^4) + 5, 2^(10^4) + 1] == Mod[3^5 PowerMod[3, 2^(10^4), 2^(10^4) + 1], 2^(10^4) + 1]]
(* expect: True *)
Print[{PrimeQ[2^9689 - 1], PrimeQ[2^17000 + 1], PrimeQ[3 (2^4423 - 1)]}]
(* expect: {True, False, False} *)
Print[{Mod[(-12)^(5*10^6 + 1), 10^9], (-6)^(2*10^6) == 6^(2*10^6)}]
(* expect: {154687488, True} *)
Print[{StringTake[ToString[-7^300000], 12], ToExpression[ToString[3^(10^6) + 17]] - 3^(10^6)}]
(* expect: {-25822856215, 17} *)
Print[{IntegerString[255, 16, 6], StringLength[IntegerString[7^(10^5), 10, 10]], Total[IntegerDigits[3^(10^5)]]}]
(* expect: {0000ff, 10, 214074} *)
