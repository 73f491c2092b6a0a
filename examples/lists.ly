#!/usr/bin/env lyra
(* lists.ly — building and transforming lists. *)

squares = Table[i^2, {i, 10}];
Print["squares         = ", squares]
Print["even ones       = ", Select[squares, EvenQ]]
Print["total           = ", Total[squares]]
Print["running total   = ", Accumulate[Range[10]]]

(* Functions apply element by element, by Map, or to the whole list. *)
Print["Map             = ", Map[#^2 + 1 &, {1, 2, 3}]]
Print["shorthand /@    = ", (# + 1 &) /@ {10, 20, 30}]
Print["Plus @@         = ", Plus @@ {1, 2, 3, 4}]
Print["Fold            = ", Fold[#1 * 10 + #2 &, 0, {1, 2, 3}]]
Print["Nest            = ", Nest[f, x, 3]]

(* Reshaping and ordering. *)
Print["Partition       = ", Partition[Range[6], 2]]
Print["Transpose       = ", Transpose[{{1, 2, 3}, {4, 5, 6}}]]
Print["Sort            = ", Sort[{5, 3, 9, 1}]]
Print["Reverse         = ", Reverse[{1, 2, 3}]]
Print["Tally           = ", Tally[{a, b, a, c, a, b}]]

(* Rules rewrite expressions. *)
Print["x^2 + y /. x -> 3 = ", x^2 + y /. x -> 3]
