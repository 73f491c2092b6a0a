(* Parser golden tests: comments.
   Each line prints the FullForm of the held parse; expectations are the
   Wolfram Language's own parse (12.2+ abstract forms). *)

Print[FullForm[Hold[a (* c *) + b]]]  (* expect: Hold[Plus[a, b]] *)
Print[FullForm[Hold[a (* (* nested *) c *) + b]]]  (* expect: Hold[Plus[a, b]] *)
Print[FullForm[Hold[a(*c*)b]]]  (* expect: Hold[Times[a, b]] *)
Print[FullForm[Hold[(* lead *) x]]]  (* expect: Hold[x] *)
Print[FullForm[Hold[x (* trail *)]]]  (* expect: Hold[x] *)
Print[FullForm[Hold[f[(* empty *)]]]]  (* expect: Hold[f[]] *)
Print[FullForm[Hold[{1, (* two *) 2}]]]  (* expect: Hold[List[1, 2]] *)
Print[FullForm[Hold[a +(* c *)b]]]  (* expect: Hold[Plus[a, b]] *)
Print[FullForm[Hold[(* a *)(* b *)c]]]  (* expect: Hold[c] *)
