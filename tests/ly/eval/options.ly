(* Options, OptionsPattern and OptionValue; ReleaseHold; Names; association lookup. *)
Options[f] = {"Scale" -> 2, Shift -> 0};
f[x_, OptionsPattern[]] := x OptionValue["Scale"] + OptionValue[Shift]
Print[f[3]]                                (* expect: 6 *)
Print[f[3, "Scale" -> 10]]                 (* expect: 30 *)
Print[f[3, Shift -> 1, Scale -> 3]]        (* expect: 10 *)
Print[InputForm[Options[f]]]               (* expect: {"Scale" -> 2, Shift -> 0} *)
SetOptions[f, Shift -> 5];
Print[f[1]]                                (* expect: 7 *)
Print[ReleaseHold[Hold[1 + 1]]]            (* expect: 2 *)
Print[ReleaseHold[f[Hold[1 + 2], 3]] /. f -> g]   (* expect: g[3, 3] *)
Print[ReleaseHold[{Hold[a, b]}]]           (* expect: {a, b} *)
Print[InputForm[Names["StringJ*"]]]        (* expect: {"StringJoin"} *)
userSym = 1;
Print[MemberQ[Names["Global`*"], "userSym"]]   (* expect: True *)
a = <|"x" -> 1, "y" -> 2|>;
Print[a["y"]]                              (* expect: 2 *)
Print[InputForm[a["z"]]]                   (* expect: Missing["KeyAbsent", "z"] *)
