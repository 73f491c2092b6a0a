(* Conformance (issue 3): user messages, Off/On, $MessageList, the argument
   messages (argx, argr, argrx, argt, argtu, argb), $RecursionLimit and
   $IterationLimit messages and held results. *)
f::mytag = "Value `1` is bad and `2`.";
Message[f::mytag, 5, x]
(* expect-stderr: f::mytag: Value 5 is bad and x. *)
Off[f::mytag]; Message[f::mytag, 1, 2]; On[f::mytag];
Message[f::mytag, 1, 2]
(* expect-stderr: f::mytag: Value 1 is bad and 2. *)
Print[$MessageList]
(* expect: {} *)
Message[f::mytag, 3, 4]; Print[$MessageList]
(* expect-stderr: f::mytag: Value 3 is bad and 4. *)
(* expect: {f::mytag} *)
Sin[1, 2]
(* expect-stderr: Sin::argx: Sin called with 2 arguments; 1 argument is expected. *)
Print[Sin[]]
(* expect-stderr: Sin::argx: Sin called with 0 arguments; 1 argument is expected. *)
(* expect: Sin[] *)
Print[Mod[1]]
(* expect-stderr: Mod::argtu: Mod called with 1 argument; 2 or 3 arguments are expected. *)
(* expect: Mod[1] *)
Print[Mod[1, 2, 3, 4]]
(* expect-stderr: Mod::argt: Mod called with 4 arguments; 2 or 3 arguments are expected. *)
(* expect: Mod[1, 2, 3, 4] *)
Print[Table[1]]
(* expect: 1 *)
Print[Range[]]
(* expect-stderr: Range::argb: Range called with 0 arguments; between 1 and 3 arguments are expected. *)
(* expect: Range[] *)
Print[Length[1, 2]]
(* expect-stderr: Length::argx: Length called with 2 arguments; 1 argument is expected. *)
(* expect: Length[1, 2] *)
Print[StringLength[]]
(* expect-stderr: StringLength::argx: StringLength called with 0 arguments; 1 argument is expected. *)
(* expect: StringLength[] *)
Print[Append[{1}, 2, 3]]
(* expect-stderr: Append::argt: Append called with 3 arguments; 1 or 2 arguments are expected. *)
(* expect: Append[{1}, 2, 3] *)
rec[n_] := rec[n + 1]; 
Print[rec[1] // Head]
(* expect-stderr: $IterationLimit::itlim: Iteration limit of 4096 exceeded. *)
(* expect: Hold *)
rec2[n_] := 1 + rec2[n + 1];
Print[Short[rec2[1], 1] // Head]
(* expect-stderr: $RecursionLimit::reclim2: Recursion depth of 1024 exceeded during evaluation of rec2[1021 + 1]. *)
(* expect: Short *)
Print[Block[{$RecursionLimit = 20}, $RecursionLimit]]     (* expect: 20 *)
Print[$IterationLimit]                                     (* expect: 4096 *)
Print[$RecursionLimit]                                     (* expect: 1024 *)
$RecursionLimit = 5
(* expect-stderr: $RecursionLimit::limset: Cannot set $RecursionLimit to 5; value must be Infinity or an integer at least 20. *)
dep[0] = 0; dep[n_] := 1 + dep[n - 1];
Print[Block[{$RecursionLimit = Infinity}, dep[100000]]]   (* expect: 100000 *)
Print[x //. x -> x + 1 // Head]
(* expect-stderr: ReplaceRepeated::rrlim: Exiting after x scanned 65536 times. *)
(* expect: Plus *)
