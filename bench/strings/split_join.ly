(* StringSplit / StringJoin throughput on the ~10 MB text made by gen.lua *)
text = ReadString[$ScriptCommandLine[[2]]];
{t1, words} = AbsoluteTiming[StringSplit[text]];
{t2, joined} = AbsoluteTiming[StringRiffle[words, " "]];
{t3, w2} = AbsoluteTiming[StringSplit[text, " " | "\n"]];
{t4, cnt} = AbsoluteTiming[StringCount[text, WordCharacter ..]];
Print["bytes ", StringLength[text], " words ", Length[words], " ", cnt];
Print["lyra split_ws ", t1, " join ", t2, " split_pattern ", t3, " count_pattern ", t4];
