(* fib[24] by plain doubly recursive down-values (no memoisation). *)
fib[0] = 0;
fib[1] = 1;
fib[n_] := fib[n - 1] + fib[n - 2]
Print[fib[24]]
