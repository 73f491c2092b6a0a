(* bitwise operations *)
Print[BitAnd[12, 10]]
(* expect: 8 *)
Print[BitOr[12, 10]]
(* expect: 14 *)
Print[BitXor[12, 10]]
(* expect: 6 *)
Print[BitAnd[-1, 255]]
(* expect: 255 *)
Print[BitAnd[]]
(* expect: -1 *)
Print[BitOr[]]
(* expect: 0 *)
Print[BitXor[5, 3, 1]]
(* expect: 7 *)
Print[BitNot[5]]
(* expect: -6 *)
Print[BitNot[-1]]
(* expect: 0 *)
Print[BitShiftLeft[1, 70]]
(* expect: 1180591620717411303424 *)
Print[BitShiftLeft[5]]
(* expect: 10 *)
Print[BitShiftRight[-7, 1]]
(* expect: -4 *)
Print[BitShiftRight[1024, 3]]
(* expect: 128 *)
Print[BitShiftLeft[16, -2]]
(* expect: 4 *)
Print[BitLength[{0, 1, 255, 256, -1, -256, -257}]]
(* expect: {0, 1, 8, 9, 0, 8, 9} *)
Print[BitAnd[{1, 2, 3}, 1]]
(* expect: {1, 0, 1} *)
Print[BitXor[2^100, 2^100 + 5]]
(* expect: 5 *)
Print[Attributes[BitAnd]]
(* expect: {Flat, Listable, OneIdentity, Orderless, Protected} *)
