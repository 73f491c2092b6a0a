(* IntegerDigits, FromDigits, IntegerLength, IntegerExponent *)
Print[IntegerDigits[1234]]
(* expect: {1, 2, 3, 4} *)
Print[IntegerDigits[-45]]
(* expect: {4, 5} *)
Print[IntegerDigits[0]]
(* expect: {0} *)
Print[IntegerDigits[255, 16]]
(* expect: {15, 15} *)
Print[IntegerDigits[5, 2, 8]]
(* expect: {0, 0, 0, 0, 0, 1, 0, 1} *)
Print[IntegerDigits[12345, 10, 3]]
(* expect: {3, 4, 5} *)
Print[IntegerDigits[{12, 34}]]
(* expect: {{1, 2}, {3, 4}} *)
Print[Total[IntegerDigits[2^1000]]]
(* expect: 1366 *)
Print[IntegerDigits[10^20, 1000]]
(* expect: {100, 0, 0, 0, 0, 0, 0} *)
IntegerDigits[5, 1]
(* expect-stderr: IntegerDigits::ibase: Base 1 is not an integer greater than 1. *)
Print[FromDigits[{1, 2, 3}]]
(* expect: 123 *)
Print[FromDigits[{1, 0, 1, 1}, 2]]
(* expect: 11 *)
Print[FromDigits["ff", 16]]
(* expect: 255 *)
Print[FromDigits["1234"]]
(* expect: 1234 *)
Print[FromDigits[{a, b, c}]]
(* expect: 100 a + 10 b + c *)
Print[FromDigits[{1, 12}]]
(* expect: 22 *)
Print[FromDigits[IntegerDigits[987654321, 7], 7]]
(* expect: 987654321 *)
Print[IntegerLength[{0, 9, 10, 99, 100, -1000}]]
(* expect: {0, 1, 2, 2, 3, 4} *)
Print[IntegerLength[10^100]]
(* expect: 101 *)
Print[IntegerLength[10^100 - 1]]
(* expect: 100 *)
Print[IntegerLength[255, 2]]
(* expect: 8 *)
Print[IntegerExponent[1000]]
(* expect: 3 *)
Print[IntegerExponent[1024, 2]]
(* expect: 10 *)
Print[IntegerExponent[0, 5]]
(* expect: Infinity *)
Print[IntegerExponent[2^100 3^7, 3]]
(* expect: 7 *)
