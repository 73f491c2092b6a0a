(* Together, Cancel, Apart, Numerator, Denominator *)
Print[Together[1/(x + 1) + 1/(x - 1)]]
(* expect: (2 x)/((-1 + x) (1 + x)) *)
Print[Together[1/x + 1/y]]
(* expect: (x + y)/(x y) *)
Print[Together[a/b + c/d]]
(* expect: (b c + a d)/(b d) *)
Print[Together[1/(x^2 - 1) + 1/(x - 1)]]
(* expect: (2 + x)/((-1 + x) (1 + x)) *)
Print[Together[x^2/(x^2 - 1) + x/(x^2 - 1)]]
(* expect: x/(-1 + x) *)
Print[Together[x/2 + y/3]]
(* expect: (3 x + 2 y)/6 *)
Print[Together[2 x + 2]]
(* expect: 2 + 2 x *)
Print[Together[1 + 1/x]]
(* expect: (1 + x)/x *)
Print[Together[1/x + 1/(x + 1)]]
(* expect: (1 + 2 x)/(x (1 + x)) *)
Print[Apart[1/(x^2 - 1)]]
(* expect: 1/(2 (-1 + x)) - 1/(2 (1 + x)) *)
Print[Apart[1/((x + 1) (x^2 + 1))]]
(* expect: 1/(2 (1 + x)) + (1 - x)/(2 (1 + x^2)) *)
Print[Apart[1/(x (x + 1)), x]]
(* expect: 1/x - 1/(1 + x) *)
Print[Apart[(x + 3)/((x + 1) (x + 2))]]
(* expect: 2/(1 + x) - 1/(2 + x) *)
Print[Apart[x^2/(x^2 - 1)]]
(* expect: 1 + 1/(2 (-1 + x)) - 1/(2 (1 + x)) *)
Print[Numerator[(x + 1)/(x - 1)]]
(* expect: 1 + x *)
Print[Denominator[(x + 1)/(x - 1)]]
(* expect: -1 + x *)
Print[Numerator[2/3]]
(* expect: 2 *)
Print[Denominator[a/(b c)]]
(* expect: b c *)
Print[Denominator[x^(-2)]]
(* expect: x^2 *)
