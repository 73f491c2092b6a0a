Print[Total[Range[10^7]^2]]
