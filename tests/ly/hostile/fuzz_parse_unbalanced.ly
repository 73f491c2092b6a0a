{}]]
(* expect-stderr: fuzz_parse_unbalanced.ly:1:3: unexpected ']' *)
(* expect-stderr: {}]] *)
(* expect-stderr:   ^ *)
(* expect-exit: 1 *)
