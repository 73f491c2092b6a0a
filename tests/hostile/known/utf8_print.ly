(* KNOWN FAILURE (issue 9), not run; found by fuzz/fuzz_roundtrip.c: a string
   literal may hold bytes that are not UTF-8 (the parser keeps what an escape
   or a stray byte gives), and InputForm prints them raw, so the printed form
   does not parse ("invalid UTF-8").  Fix in vm/print.c: escape bytes that
   are not valid UTF-8 in InputForm (\\.xx), or refuse them in the parser.
   Reproducer: fuzz/regressions/roundtrip-invalid-utf8 (ly_parse of it, then
   ly_tostring InputForm, then ly_parse again fails). *)
Print[StringLength[ToString[InputForm[FromCharacterCode[{187}]]]] > 0]
(* expect: True *)
