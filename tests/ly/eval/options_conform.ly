(* OptionsPattern[f] takes its defaults from Options[f]; ClearAll clears options *)
Options[f] = {a -> 1, b -> 2};
g[x_, OptionsPattern[f]] := {x, OptionValue[a], OptionValue[b]}
Print[{g[1], g[1, a -> 7], g[2, b -> 3, a -> 0]}]   (* expect: {{1, 1, 2}, {1, 7, 2}, {2, 0, 3}} *)
Options[h] = {a -> 10};
h[OptionsPattern[]] := OptionValue[a]
Print[{h[], h[a -> 2]}]                   (* expect: {10, 2} *)
Print[SetOptions[f, a -> 5]]              (* expect: {a -> 5, b -> 2} *)
Print[g[0]]                               (* expect: {0, 5, 2} *)
ClearAll[f]
Print[Options[f]]                         (* expect: {} *)
