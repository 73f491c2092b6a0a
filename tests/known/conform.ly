(* Deviations from Wolfram found by the conformance pass (docs/conformance.md)
   and not fixed yet.  Not run by CI: tests/run_golden.py runs tests/ly only.
   Expectations are Wolfram's; move a case into tests/ly when Lyra gets it
   right. *)

(* argument-count and argument-type messages some builtins do not give *)
Max["a"]
(* expect-stderr: Max::nord: Invalid comparison with a attempted. *)
Extract[{1, 2}, 5]
(* expect-stderr: Extract::partw: Part 5 of {1, 2} does not exist. *)

(* arbitrary precision *)
Print[N[Pi, 20]]                             (* expect: 3.1415926535897932385 *)

(* a top-level Return in a script: Wolfram goes on with the next statement,
   Lyra ends the script there (the value of Return is the script's result) *)
Return[5]
Print["after Return"]                        (* expect: after Return *)
