(* run by leaky.c, not by lyra: see leaky.c *)
(* expect: ok *)
