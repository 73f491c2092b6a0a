(* Parser error test: an unknown named character.  A syntax error evaluates nothing. *)
(* expect-exit: 1 *)
(* expect-stderr: err_named_char.ly:6:5: unknown named character \[NoSuchCharacter] *)
(* expect-stderr: x = \[NoSuchCharacter] *)
(* expect-stderr:     ^ *)
x = \[NoSuchCharacter]
