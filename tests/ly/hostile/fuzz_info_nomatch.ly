(* fuzz_eval: ?pattern matching no name sorted an empty (NULL) array. *)
Information["NoSuchNameAtAll*"]
(* expect-stderr: Information::nomatch: No symbol matching NoSuchNameAtAll* found. *)
Print["ok"]   (* expect: ok *)
