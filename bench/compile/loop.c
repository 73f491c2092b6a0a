/* The same loop in C (-O2, libm). */
#include <math.h>
#include <stdio.h>
int main(void) {
    double s = 0.0;
    for (long i = 1; i <= 10000000; i++) {
        double x = (double)i;
        s += sin(x) * cos(x) + sqrt(fabs(sin(2.0 * x)));
    }
    printf("%.0f\n", s);
    return 0;
}
