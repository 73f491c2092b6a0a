(* Packages: each statement of a script (and of a file Get reads) is read
   after the ones before it ran, so BeginPackage and Begin put the names
   after them in their contexts, as in Wolfram *)
BeginPackage["Geo`"]
dist::usage = "dist[p, q] is the distance of two points."
Begin["`Private`"]
sq[v_] := v . v
dist[p_, q_] := Sqrt[sq[p - q]]
Print[{$Context, Context[sq], $ContextPath}]   (* expect: {Geo`Private`, Geo`Private`, {Geo`, System`}} *)
(* the library's own text reads its names as written, whatever the context *)
Print[{SelectFirst[{1, 3}, EvenQ], TakeDrop[{1, 2, 3}, 1], Simplify[Sin[t]^2 + Cos[t]^2]}]   (* expect: {Missing[NotFound], {{1}, {2, 3}}, 1} *)
End[]
EndPackage[]
Print[dist[{0, 0}, {3, 4}]]                  (* expect: 5 *)
Print[{Context[dist], $Context, $ContextPath}]   (* expect: {Geo`, Global`, {Geo`, System`, Global`}} *)
Print[{dist, Geo`Private`sq}]                (* expect: {dist, Geo`Private`sq} *)
Print[InputForm[Hold[dist[a], Geo`dist]]]    (* expect: Hold[dist[a], dist] *)
Print[Names["Geo`*"]]                        (* expect: {dist} *)
Print[Names["Geo`Private`*"]]                (* expect: {Geo`Private`p, Geo`Private`q, Geo`Private`sq, Geo`Private`t, Geo`Private`v} *)
Print[MemberQ[$Packages, "Geo`"]]            (* expect: True *)
Print[Symbol["dist"] === Geo`dist]           (* expect: True *)
(* a file read by Get (and Needs, once) *)
Needs["PkgDemo`"]
Needs["PkgDemo`"]
Print[{area[2], loads}]      (* expect: {4 Pi, 1} *)
Print[Context[area]]                          (* expect: PkgDemo` *)
Get["PkgDemo`"];
Print[loads]                 (* expect: 2 *)
(* a symbol of the context Begin opened; End gives back the one it leaves *)
Begin["Work`"]
tmp = 1;
Print[End[]]                                 (* expect: Work` *)
Print[{Context[Work`tmp], Work`tmp, $Context}]   (* expect: {Work`, 1, Global`} *)
(* a statement is read whole: its names are in the context it started in *)
BeginPackage["One`"]; one = 1; EndPackage[];
Print[Context[one]]                          (* expect: Global` *)
End[]
(* expect-stderr: End::noctx: No previous context defined. *)
Begin["bad"]
(* expect-stderr: Begin::cxt: Invalid context specified: bad. *)
