(* DSolve and RSolve (stdlib/dsolve.c): linear ODEs with constant
   coefficients, first-order linear, Cauchy-Euler and separable equations;
   linear recurrences; conditions fix the constants. *)
Print[DSolve[y'[x] == y[x], y[x], x]]
(* expect: {{y[x] -> E^x C[1]}} *)
Print[DSolve[y''[x] + y[x] == 0, y[x], x]]
(* expect: {{y[x] -> C[1] Cos[x] + C[2] Sin[x]}} *)
Print[DSolve[y''[x] - 2 y'[x] + y[x] == 0, y[x], x]]
(* expect: {{y[x] -> E^x C[1] + E^x x C[2]}} *)
Print[DSolve[y''[x] + y[x] == x, y[x], x]]
(* expect: {{y[x] -> x + C[1] Cos[x] + C[2] Sin[x]}} *)
Print[DSolve[y'[x] + y[x] == x, y[x], x]]
(* expect: {{y[x] -> -1 + x + E^(-x) C[1]}} *)
Print[DSolve[y'[x] == x y[x], y[x], x]]
(* expect: {{y[x] -> E^(x^2/2) C[1]}} *)
Print[DSolve[y'[x] + y[x]/x == x^2, y[x], x]]
(* expect: {{y[x] -> x^3/4 + C[1]/x}} *)
Print[DSolve[y'[x] == y[x]^2, y[x], x]]
(* expect: {{y[x] -> 1/(-x - C[1])}} *)
Print[DSolve[y'[x] == x/y[x], y[x], x]]
(* expect: {{y[x] -> -Sqrt[x^2 + 2 C[1]]}, {y[x] -> Sqrt[x^2 + 2 C[1]]}} *)
Print[DSolve[y'[x] == 1 + y[x]^2, y[x], x]]
(* expect: {{y[x] -> Tan[x + C[1]]}} *)
Print[DSolve[x^2 y''[x] + x y'[x] - y[x] == 0, y[x], x]]
(* expect: {{y[x] -> C[1]/x + x C[2]}} *)
Print[DSolve[y''[x] == -9.8, y[x], x]]
(* expect: {{y[x] -> -4.9 x^2 + C[1] + x C[2]}} *)
Print[DSolve[{y''[x] + y[x] == 0, y[0] == 0, y'[0] == 1}, y[x], x]]
(* expect: {{y[x] -> Sin[x]}} *)
Print[DSolve[{y'[x] == y[x] (1 - y[x]), y[0] == 1/2}, y[x], x]]
(* expect: {{y[x] -> E^x/(1 + E^x)}} *)
Print[DSolve[{y'[x] == -k y[x], y[0] == y0}, y[x], x]]
(* expect: {{y[x] -> E^(-(k x)) y0}} *)
Print[DSolve[y'[x] == y[x], y, x]]
(* expect: {{y -> Function[{x}, E^x C[1]]}} *)
Print[DSolveValue[{y'[x] == 2 y[x], y[0] == 3}, y[x], x]]
(* expect: 3 E^(2 x) *)
Print[DSolve[y'[x] == x^2 Sin[y[x]] + y[x], y[x], x]]
(* expect: DSolve[y'[x] == x^2 Sin[y[x]] + y[x], y[x], x] *)
Print[RSolve[{a[n + 1] == 2 a[n], a[0] == 1}, a[n], n]]
(* expect: {{a[n] -> 2^n}} *)
Print[RSolve[a[n + 2] - 5 a[n + 1] + 6 a[n] == 0, a[n], n]]
(* expect: {{a[n] -> 2^n C[1] + 3^n C[2]}} *)
Print[RSolve[{a[n + 1] == 3 a[n] + 2^n, a[0] == 0}, a[n], n]]
(* expect: {{a[n] -> -2^n + 3^n}} *)
Print[RSolve[{a[n] == a[n - 1] + a[n - 2], a[1] == 1, a[2] == 1}, a[n], n]]
(* expect: {{a[n] -> (-((1 - Sqrt[5])/2)^n + ((1 + Sqrt[5])/2)^n)/Sqrt[5]}} *)
Print[RSolveValue[{a[n + 1] == a[n] + 2, a[1] == 5}, a[n], n]]
(* expect: 3 + 2 n *)
