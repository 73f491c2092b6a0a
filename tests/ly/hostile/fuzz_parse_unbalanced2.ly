{}, {__}]]
(* expect-stderr: fuzz_parse_unbalanced2.ly:1:3: unexpected ',' *)
(* expect-stderr: {}, {__}]] *)
(* expect-stderr:   ^ *)
(* expect-exit: 1 *)
