n = 10^6; s = 0; i = 0;
While[i < n, i++; s += i];
Print[s]
