Print[Expand[(x + y + z)^30] // Length]
