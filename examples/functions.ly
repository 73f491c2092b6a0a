#!/usr/bin/env lyra
(* functions.ly — functions are rules: patterns on the left, a body on the right. *)

square[x_] := x^2
Print["square[12]      = ", square[12]]
Print["square[a + b]   = ", square[a + b]]

(* Several rules for one function: the more specific one wins. *)
fact[0] = 1;
fact[n_Integer] := n fact[n - 1]
Print["fact[20]        = ", fact[20]]

(* A function that remembers its values (memoisation). *)
fib[0] = 0; fib[1] = 1;
fib[n_] := fib[n] = fib[n - 1] + fib[n - 2]
Print["fib[200]        = ", fib[200]]

(* Pure functions, and local variables with Module. *)
add = #1 + #2 &;
Print["add[3, 4]       = ", add[3, 4]]
collatz[n_] := Module[{k = n, steps = 0},
  While[k != 1, k = If[EvenQ[k], k/2, 3 k + 1]; steps++];
  steps]
Print["collatz[27]     = ", collatz[27], " steps"]

(* Patterns can test their arguments. *)
classify[x_?EvenQ] := "even"
classify[x_Integer] := "odd"
classify[_] := "not an integer"
Print["classify        = ", Map[classify, {2, 7, 1/2}]]
