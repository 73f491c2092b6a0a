(* Parser golden tests: newlines end top-level statements only when the
   expression is complete; inside brackets they are whitespace. *)

Print["one"]
Print["two"]
(* expect: one *)
(* expect: two *)
Print[
  "three"]  (* expect: three *)
Print @
  "four"  (* expect: four *)
Print["five"]; Print["six"]  (* expect: five *)
(* expect: six *)
Print["seven"];  (* expect: seven *)
Print["eight"]  (* expect: eight *)



Print["after blank lines"]  (* expect: after blank lines *)
Print[FullForm[Hold[a
  + b]]]  (* expect: Hold[Plus[a, b]] *)
Print[FullForm[Hold[a
  b]]]  (* expect: Hold[Times[a, b]] *)
Print[FullForm[Hold[{1,
  2}]]]  (* expect: Hold[List[1, 2]] *)
Print[FullForm[Hold[f[x]
  [y]]]]  (* expect: Hold[f[x][y]] *)
Print[FullForm[Hold[a;
  b]]]  (* expect: Hold[CompoundExpression[a, b]] *)
Print[FullForm[Hold[x =
  1]]]  (* expect: Hold[Set[x, 1]] *)
Print[FullForm[Hold[(a
  -b)]]]  (* expect: Hold[Plus[a, Times[-1, b]]] *)
h = Hold[a]
{b}
Print[FullForm[h]]  (* expect: Hold[a] *)
g = Hold[1 +
  2]
Print[FullForm[g]]  (* expect: Hold[Plus[1, 2]] *)
k = Hold[x] // 
  FullForm
Print[k]  (* expect: Hold[x] *)
Print["tab"]	(* expect: tab *)
Print["crlf"]
Print["after crlf"]
(* expect: crlf *)
(* expect: after crlf *)
(* a comment
   spanning lines *) Print["after comment"]  (* expect: after comment *)
Print[FullForm[Hold[1 + \
2]]]  (* expect: Hold[Plus[1, 2]] *)
Print["last line without newline"]  (* expect: last line without newline *)