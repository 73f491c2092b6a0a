n = 10^6; s = 0;
For[i = 1, i <= n, i++, s = s + i];
Print[s]
