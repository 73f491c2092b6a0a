/* stress_deque.c -- 10^7 items through one deque with three thieves (scaled
** down under sanitizers); every item must be taken exactly once. */
#define RT_DEQUE_STRESS 1
#include "../unit/runtime/test_deque.c"
