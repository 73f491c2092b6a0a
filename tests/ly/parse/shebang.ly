#!/usr/bin/env lyra
(* Parser golden test: a "#!" first line is skipped. *)
Print["ok"]  (* expect: ok *)
