(* StringSplit at empty delimiters (lookaheads), RemoveDiacritics, and the
   "UTF8" encoding of ToCharacterCode and FromCharacterCode. *)
Print[StringSplit["CamelCaseString", RegularExpression["(?=[A-Z])"]]]
(* expect: {Camel, Case, String} *)
Print[{StringSplit["a,b,,c", ","], StringSplit[",a,b,", ",", All], StringSplit["a1b2c3", DigitCharacter]}]
(* expect: {{a, b, , c}, {, a, b, }, {a, b, c}} *)
Print[RemoveDiacritics["Héllo wörld, Ñandú, Łódź"]]
(* expect: Hello world, Nandu, Lodz *)
Print[ToCharacterCode["héllo", "UTF8"]]
(* expect: {104, 195, 169, 108, 108, 111} *)
Print[FromCharacterCode[{104, 195, 169}, "UTF8"]]
(* expect: hé *)
