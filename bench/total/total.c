/* Peer of total.ly: the sum of i^2 for i = 1..10^7, as a plain C loop with
 * a 128-bit accumulator (what the Lyra expression computes exactly). */
#include <stdio.h>
#include <stdint.h>

int main(void) {
    unsigned __int128 s = 0;
    for (uint64_t i = 1; i <= 10000000; i++) s += (unsigned __int128)(i * i);
    /* print the 128-bit value in decimal */
    char buf[48], *p = buf + sizeof buf - 1;
    *p = 0;
    do { *--p = (char)('0' + (int)(s % 10)); s /= 10; } while (s);
    puts(p);
    return 0;
}
