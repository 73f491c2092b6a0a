Print[Sum[i^2 + 1, {i, 10^6}]]
