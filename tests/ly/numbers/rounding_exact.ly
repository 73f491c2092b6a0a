(* Floor, Ceiling, Round, IntegerPart, FractionalPart of exact numeric
   quantities beyond machine precision; Keys/Values of lists of rule lists *)
Print[Floor[10^30 Pi]]
(* expect: 3141592653589793238462643383279 *)
Print[{Ceiling[10^20 E], Round[10^25 Sqrt[2]], Floor[-10^20 Pi]}]
(* expect: {271828182845904523537, 14142135623730950488016887, -314159265358979323847} *)
Print[{IntegerPart[Pi 10^5], IntegerPart[-Sqrt[2]], FractionalPart[Pi]}]
(* expect: {314159, -1, -3 + Pi} *)
Print[Round[10^16 + 1/2 + Pi/10^30]]
(* expect: 10000000000000001 *)
Print[{Values[{{x -> 2}}], Keys[{{x -> 2}, {y -> 3}}], Values[{<|a -> 1|>, <|b -> 2|>}]}]
(* expect: {{{2}}, {{x}, {y}}, {{1}, {2}}} *)
