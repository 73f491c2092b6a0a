(* A '\' at the end of a line continues it, as in the Wolfram Language: in
   code the line end and the blanks that begin the next line are taken out,
   so numbers, names and operators go on across lines; in strings only the
   '\' and the line end go.  Syntax errors after one still name the line. *)
x = 12\
34
(* expect: 1234 *)
Print[x]
(* expect: abc  def *)
Print["abc\
  def"]
y = 1.5\
     25
(* expect: 1.525 *)
Print[y]
longName\
Part = 5
(* expect: 5 *)
Print[longNamePart]
(* expect: a -> b *)
Print[a -\
> b]
f[x_] := x\
^2; Print[f[3]]
(* expect: 9 *)
(* expect: {7, 2} *)
Print[{#\
1 &[7], {1, 2}[[\
2]]}]
(* a plain continuation of a statement, and in a comment \
   nothing changes *)
(* expect: 6 *)
Print[1 + 2 \
  + 3]
(* expect: "a\\" *)
Print[InputForm["a\\"]]
(* expect: 1 *)
Print[ToExpression["1\\\n"]]
(* expect: 4321 *)
Print[ToExpression["43\\\n  21"]]
(* expect: {12, 1, 1} *)
Print[{12\
, 1\
, 1}]
(* expect: {4321, 4321} *)
Print[{ToExpression["43\\\r\n21"], ToExpression["43\\\r21"]}]
