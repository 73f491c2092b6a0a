(* Cancel.  foreign/lyf_future.c registers a global Cancel[future] after
   stdlib opens, which replaces this builtin; these fail until that is
   resolved (Wolfram has no Cancel for tasks: TaskAbort/TaskRemove). *)
Print[Cancel[(x^2 - 1)/(x - 1)]]
(* expect: 1 + x *)
Print[Cancel[(x^2 - 1)/(x^2 - 2 x + 1)]]
(* expect: (1 + x)/(-1 + x) *)
Print[Cancel[(x^2 - y^2)/(x - y)]]
(* expect: x + y *)
Print[Cancel[(2 x^2 - 2)/(4 x - 4)]]
(* expect: (1 + x)/2 *)
Print[Cancel[(x^3 - 1)/(x - 1)]]
(* expect: 1 + x + x^2 *)
Print[Cancel[x/x^2]]
(* expect: 1/x *)
Print[Cancel[(x^2 + 3 x + 2)/(x^2 + 4 x + 3)]]
(* expect: (2 + x)/(3 + x) *)
