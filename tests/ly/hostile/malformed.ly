(* Strings with odd contents are fine; the parser's messages are tested in
   tests/hostile/test_hostile.py (they end the script). *)
Print[StringLength["tab	and \"quotes\" and \\ backslash"]]
(* expect: 32 *)
Print[ToExpression["1 +"]]
(* expect-stderr: ToExpression::sntx: Invalid syntax in or before "1 +". *)
(* expect: $Failed *)
Print[ToExpression["\"unterminated"]]
(* expect-stderr: ToExpression::sntx: Invalid syntax in or before ""unterminated". *)
(* expect: $Failed *)
Print[StringLength[FromCharacterCode[{0, 1, 2}]]]
(* expect: 3 *)
