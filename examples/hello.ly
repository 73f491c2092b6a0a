#!/usr/bin/env lyra
(* hello.ly — a first look at Lyra.  Run it with:  lyra examples/hello.ly
   (or `make run`).  More demos: examples/*.ly *)

Print["Hello from Lyra!"]

(* Integers have no size limit, and exact arithmetic stays exact. *)
Print["2^100        = ", 2^100]
Print["2^64 - 1     = ", 2^64 - 1]
Print["1/3 + 1/6    = ", 1/3 + 1/6]
Print["10/4         = ", 10/4]
Print["Sqrt[144]    = ", Sqrt[144]]

(* A machine real anywhere makes the result approximate. *)
Print["1.5 + 1/4    = ", 1.5 + 1/4]

(* Complex numbers. *)
Print["(3+4I) + 2I  = ", (3 + 4 I) + 2 I]

(* Symbols can hold values; lists are written with braces, and arithmetic
   threads over them element by element. *)
primes = {2, 3, 5, 7, 11, 13};
Print["primes       = ", primes]
Print["primes^2     = ", primes^2]
Print["10 primes    = ", 10 primes]
Print["primes + 1   = ", primes + 1]

(* Symbols without a value stay symbolic. *)
Print["(a + b) + a  = ", (a + b) + a]

(* Strings, and the forms an expression can be shown in. *)
greeting = "hello, world";
Print["greeting     = ", greeting]
Print["InputForm    : ", InputForm[greeting]]
Print["FullForm     : ", FullForm[a + b^2 x]]
Print["InputForm    : ", InputForm[{1/2, x^2, "text"}]]
