#!/usr/bin/env lyra
(* strings.ly — text. *)

s = "Hello, Lyra";
Print["s               = ", s]
Print["InputForm       = ", InputForm[s]]
Print["StringLength    = ", StringLength[s]]
Print["ToUpperCase     = ", ToUpperCase[s]]
Print["StringReverse   = ", StringReverse[s]]
Print["joined with <>  = ", s <> "!" <> "!"]
Print["Characters      = ", Characters["abc"]]
Print["StringSplit     = ", StringSplit["one two three"]]
Print["ToString[2^70]  = ", StringLength[ToString[2^70]], " digits"]
