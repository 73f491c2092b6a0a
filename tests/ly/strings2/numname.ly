(* IntegerName, RomanNumeral, FromRomanNumeral, Convergents, DayOfWeek,
   ToExpression over lists, Prime over a long list *)
Print[IntegerName[42]]
(* expect: forty-two *)
Print[IntegerName[{0, 7, 13, 100, 115, 999, -5}]]
(* expect: {zero, seven, thirteen, one hundred, one hundred fifteen, nine hundred ninety-nine, negative five} *)
Print[IntegerName[12345678]]
(* expect: 12 million 345 thousand 678 *)
Print[IntegerName[12345678, "Words"]]
(* expect: twelve million three hundred forty-five thousand six hundred seventy-eight *)
Print[{RomanNumeral[1994], RomanNumeral[{4, 9, 14, 3999}], FromRomanNumeral["MCMXCIV"]}]
(* expect: {MCMXCIV, {IV, IX, XIV, MMMCMXCIX}, 1994} *)
Print[DayOfWeek[{2024, 1, 1}]]
(* expect: Monday *)
Print[{Convergents[{1, 2, 2, 2}], Convergents[Sqrt[2], 5]}]
(* expect: {{1, 3/2, 7/5, 17/12}, {1, 3/2, 7/5, 17/12, 41/29}} *)
Print[ToExpression[{"1", "2 + 3"}]]
(* expect: {1, 5} *)
Print[Total[Prime[Range[PrimePi[2000000]]]]]
(* expect: 142913828922 *)
Print[Prime[{1, 10, 100, 1000000, 6000000}]]
(* expect: {2, 29, 541, 15485863, 104395301} *)
