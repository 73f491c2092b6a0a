(* Deviations from Wolfram found by the conformance pass (docs/conformance.md)
   and not fixed yet.  Not run by CI: tests/run_golden.py runs tests/ly only.
   Expectations are Wolfram's; move a case into tests/ly when Lyra gets it
   right. *)

(* a string argument of a message shows without quotes *)
Max["a"]
(* expect-stderr: Max::nord: Invalid comparison with a attempted. *)

