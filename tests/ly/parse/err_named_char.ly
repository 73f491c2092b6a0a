(* Parser error test: an unknown named character.  A syntax error stops the script there. *)
(* expect-exit: 1 *)
(* expect-stderr: err_named_char.ly:6:5: unknown named character \[NoSuchCharacter] *)
(* expect-stderr: x = \[NoSuchCharacter] *)
(* expect-stderr:     ^ *)
x = \[NoSuchCharacter]
