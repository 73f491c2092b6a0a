print(sum(n=1,2*10^6,isprime(n)))
quit
