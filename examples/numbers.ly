#!/usr/bin/env lyra
(* numbers.ly — exact integers and rationals of any size, machine reals. *)

Print["30!             = ", 30!]
Print["2^200           = ", 2^200]
Print["Fibonacci[100]  = ", Fibonacci[100]]
Print["Binomial[60,30] = ", Binomial[60, 30]]

(* Rationals stay exact and always in lowest terms. *)
Print["1/2 + 1/3 + 1/6 = ", 1/2 + 1/3 + 1/6]
Print["(2/3)^10        = ", (2/3)^10]
Print["Sum of 1/k, k <= 10: ", Total[Table[1/k, {k, 10}]]]

(* Integer functions. *)
Print["GCD[12, 18]     = ", GCD[12, 18]]
Print["Mod[2^100, 7]   = ", Mod[2^100, 7]]
Print["Prime[1000]     = ", Prime[1000]]
Print["primes below 50 = ", Select[Range[50], PrimeQ]]

(* Approximate numbers. *)
Print["N[Sqrt[2]]      = ", N[Sqrt[2]]]
Print["N[Pi]           = ", N[Pi]]
Print["cos fixed point = ", FixedPoint[Cos, 1.0]]
