(* Deviations from Wolfram found by the conformance pass (docs/conformance.md)
   and not fixed yet.  Not run by CI: tests/run_golden.py runs tests/ly only.
   Expectations are Wolfram's; move a case into tests/ly when Lyra gets it
   right. *)

(* argument-count and argument-type messages some builtins do not give *)
Max["a"]
(* expect-stderr: Max::nord: Invalid comparison with a attempted. *)

(* arbitrary precision *)
Print[N[Pi, 20]]                             (* expect: 3.1415926535897932385 *)

(* a top-level Return in a script: Wolfram goes on with the next statement,
   Lyra ends the script there (the value of Return is the script's result) *)
Return[5]
Print["after Return"]                        (* expect: after Return *)




(* Splice and Defer *)
Print[{0, Splice[{1, 2}]}]                   (* expect: {0, 1, 2} *)
Print[Defer[1 + 1]]                          (* expect: 1 + 1 *)

(* closed forms *)
Print[Sum[k, {k, 1, n}]]                     (* expect: (n (1 + n))/2 *)
Print[Product[k, {k, 1, n}]]                 (* expect: n! *)


