(* The slots of a pure function reach into an inner function with named
   parameters (only an inner pure function keeps its own slots). *)
Print[(Function[x, x + #] &)[5]]
(* expect: Function[x, x + 5] *)
Print[(Function[{x, y}, x + #2 y] &)[1, 2]]
(* expect: Function[{x, y}, x + 2 y] *)
Print[(Map[Function[v, v^#], {a, b}] &)[3]]
(* expect: {a^3, b^3} *)
Print[(Map[#^2 &, {#, #2}] &)[a, b]]
(* expect: {a^2, b^2} *)
Print[Function[x, Function[y, x + y]][1][2]]
(* expect: 3 *)
