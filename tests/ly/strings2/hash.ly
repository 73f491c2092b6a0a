(* Hash of strings' bytes (digests as Wolfram gives them), "$n" in delayed
   right sides of RegularExpression rules, Assert *)
Print[Hash["abc", "MD5", "HexString"]]
(* expect: 900150983cd24fb0d6963f7d28e17f72 *)
Print[Hash["abc", "SHA256", "HexString"]]
(* expect: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad *)
Print[Hash["abc", "SHA", "HexString"]]
(* expect: a9993e364706816aba3e25717850c26c9cd0d89d *)
Print[{Hash["abc", "CRC32"], Hash["abc", "Adler32"], Hash["abc", "MD5"]}]
(* expect: {891568578, 38600999, 191415658344158766168031473277922803570} *)
Print[Hash[StringRepeat["a", 1000], "SHA256", "HexString"]]
(* expect: 41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3 *)
Print[{IntegerQ[Hash[{1, x}]], Hash[{1, x}] === Hash[{1, x}], Hash[{1, x}] === Hash[{1, y}]}]
(* expect: {True, True, False} *)
Hash["abc", "Bogus"]
(* expect-stderr: Hash::htype: Bogus is not a valid hash type. *)
Print[StringCases["key=value", RegularExpression["(\\w+)=(\\w+)"] :> {"$1", "$2"}]]
(* expect: {{key, value}} *)
Print[StringReplace["2024-01-15", RegularExpression["(\\d+)-(\\d+)-(\\d+)"] :> "$3." <> "$2"]]
(* expect: 15.01 *)
Print[Assert[1 == 2]]
(* expect: Null *)
