(* StringSplit / StringJoin throughput on the ~10 MB text made by gen.lua;
   CPU time (Timing), as the Lua peer measures os.clock *)
text = ReadString[$ScriptCommandLine[[2]]];
{t1, words} = Timing[StringSplit[text]];
{t2, joined} = Timing[StringRiffle[words, " "]];
{t3, w2} = Timing[StringSplit[text, " " | "\n"]];
{t4, cnt} = Timing[StringCount[text, WordCharacter ..]];
Print["bytes ", StringLength[text], " words ", Length[words], " ", cnt];
Print["lyra split_ws ", t1, " join ", t2, " split_pattern ", t3, " count_pattern ", t4];
