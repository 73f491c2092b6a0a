\\ bench/parallel/overhead.gp -- PARI/GP parapply per element, 1 and 2 threads
\\ (run as: gp -q --default nbthreads=K overhead.gp)
n = 20000;
v = [1..n];
parapply(x -> x, v);
r = vector(7, k, my(t = getabstime()); parapply(x -> x, v); getabstime() - t);
r = vecsort(r);
printf("parapply(x -> x, [1..%d]) with %d threads: %d ns per element (median of 7)\n", n, default(nbthreads), round(r[4] * 10^6 / n));
quit
