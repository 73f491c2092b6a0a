(* Input and InputString read lines of standard input, as in a
   wolframscript; the prompt goes to standard output without a newline *)
(* stdin: Ada Lovelace *)
(* stdin: 6*7 *)
(* stdin: {1, 2 *)
(* stdin: last *)
s = InputString["name? "];
Print["|"]                               (* expect: name? | *)
Print[StringLength[s]]                   (* expect: 12 *)
Print[Input[]]                           (* expect: 42 *)
Print[Input[]]                           (* expect: $Failed *)
(* expect-stderr: Input::sntx: Invalid syntax in or before "{1, 2". *)
Print[InputString[]]                     (* expect: last *)
Print[{InputString[], Input[]}]          (* expect: {EndOfFile, EndOfFile} *)
