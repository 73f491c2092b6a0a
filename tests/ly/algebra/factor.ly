(* Factor over the integers; FactorSquareFree *)
Print[Factor[x^2 - 1]]
(* expect: (-1 + x) (1 + x) *)
Print[Factor[2 x^2 - 2]]
(* expect: 2 (-1 + x) (1 + x) *)
Print[Factor[1 + 2 x + x^2]]
(* expect: (1 + x)^2 *)
Print[Factor[x^4 - 1]]
(* expect: (-1 + x) (1 + x) (1 + x^2) *)
Print[Factor[x^6 - 1]]
(* expect: (-1 + x) (1 + x) (1 - x + x^2) (1 + x + x^2) *)
Print[Factor[1 - x^2]]
(* expect: -((-1 + x) (1 + x)) *)
Print[Factor[x^2 - y^2]]
(* expect: (x - y) (x + y) *)
Print[Factor[x^3 - y^3]]
(* expect: (x - y) (x^2 + x y + y^2) *)
Print[Factor[x^8 + x^4 + 1]]
(* expect: (1 - x + x^2) (1 + x + x^2) (1 - x^2 + x^4) *)
Print[Factor[x^5 + x + 1]]
(* expect: (1 + x + x^2) (1 - x^2 + x^3) *)
Print[Factor[x^2 y + x y^2]]
(* expect: x y (x + y) *)
Print[Factor[x y + x z + y + z]]
(* expect: (1 + x) (y + z) *)
Print[Factor[(x^2 - 1)/(x^2 + 2 x + 1)]]
(* expect: (-1 + x)/(1 + x) *)
Print[Factor[x^10 - 1]]
(* expect: (-1 + x) (1 + x) (1 - x + x^2 - x^3 + x^4) (1 + x + x^2 + x^3 + x^4) *)
Print[Factor[6 x^2 + 5 x + 1]]
(* expect: (1 + 2 x) (1 + 3 x) *)
Print[Factor[x^4 + 4]]
(* expect: (2 - 2 x + x^2) (2 + 2 x + x^2) *)
Print[Factor[x^12 - 1]]
(* expect: (-1 + x) (1 + x) (1 + x^2) (1 - x + x^2) (1 + x + x^2) (1 - x^2 + x^4) *)
Print[Factor[x^2 + 1]]
(* expect: 1 + x^2 *)
Print[Factor[x^3 + 3 x^2 + 3 x + 1]]
(* expect: (1 + x)^3 *)
Print[Factor[x^2 - 5 x + 6]]
(* expect: (-3 + x) (-2 + x) *)
Print[Factor[4 x^2 - 9]]
(* expect: (-3 + 2 x) (3 + 2 x) *)
Print[Factor[x^4 - 10 x^2 + 9]]
(* expect: (-3 + x) (-1 + x) (1 + x) (3 + x) *)
Print[Factor[x^2 (x + 1)^3 - x^3 (x + 1)^2]]
(* expect: x^2 (1 + x)^2 *)
Print[Factor[15]]
(* expect: 15 *)
Print[Factor[x]]
(* expect: x *)
Print[Factor[2 x + 4]]
(* expect: 2 (2 + x) *)
Print[Factor[x^2/2 - 1/2]]
(* expect: ((-1 + x) (1 + x))/2 *)
Print[Factor[x^4 + x^3 + x^2 + x + 1]]
(* expect: 1 + x + x^2 + x^3 + x^4 *)
Print[Factor[x^6 + 1]]
(* expect: (1 + x^2) (1 - x^2 + x^4) *)
Print[Factor[x^4 + 2 x^2 + 1]]
(* expect: (1 + x^2)^2 *)
Print[Factor[x^3 - 2 x^2 - x + 2]]
(* expect: (-2 + x) (-1 + x) (1 + x) *)
Print[Factor[{x^2 - 1, x^2 - 4}]]
(* expect: {(-1 + x) (1 + x), (-2 + x) (2 + x)} *)
Print[Factor[x^2 + 2 x y + y^2]]
(* expect: (x + y)^2 *)
Print[Factor[a x + a y]]
(* expect: a (x + y) *)
Print[FactorSquareFree[x^3 + 3 x^2 + 3 x + 1]]
(* expect: (1 + x)^3 *)
Print[FactorSquareFree[x^2 - 1]]
(* expect: -1 + x^2 *)
Print[Factor[x^9 - 1]]
(* expect: (-1 + x) (1 + x + x^2) (1 + x^3 + x^6) *)
Print[Factor[x^15 - 1]]
(* expect: (-1 + x) (1 + x + x^2) (1 + x + x^2 + x^3 + x^4) (1 - x + x^3 - x^4 + x^5 - x^7 + x^8) *)
