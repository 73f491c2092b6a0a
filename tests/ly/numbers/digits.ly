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
(* IntegerDigits: padding, truncation, bases past 36, big numbers as a
   packed array of small digits *)
Print[IntegerDigits[255, 16, 6]]
(* expect: {0, 0, 0, 0, 15, 15} *)
Print[IntegerDigits[-12345, 10, 3]]
(* expect: {3, 4, 5} *)
Print[IntegerDigits[5, 10, 0]]
(* expect: {} *)
Print[IntegerDigits[2^100, 37]]
(* expect: {2, 1, 1, 35, 24, 28, 35, 0, 28, 22, 5, 27, 35, 18, 17, 12, 22, 14, 2, 12} *)
Print[Developer`PackedArrayQ[IntegerDigits[3^1000]]]
(* expect: True *)
Print[{Length[#], Total[#]} &[IntegerDigits[10^5000 - 1]]]
(* expect: {5000, 45000} *)
Print[IntegerDigits[2^64 + 1, 2] // Total]
(* expect: 2 *)
