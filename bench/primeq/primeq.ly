Print[Count[PrimeQ[Range[2*10^6]], True]]
