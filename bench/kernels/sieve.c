// BENCH_N: 8
// BENCH_QUICK_N: 1
/* sieve: sieve of Eratosthenes over a 2M-entry byte array, n times with a varying limit.
 * Measures tight integer loops with byte loads/stores and strided writes. */
#include "common.h"

#define LIMIT 2000000
static u8 composite[LIMIT + 1];

static u32 sieve(u32 limit) {
  for (u32 i = 0; i <= limit; i++) composite[i] = 0;
  u32 count = 0, last = 0;
  for (u32 i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    count++;
    last = i;
    for (u32 j = i * 2; j <= limit; j += i) composite[j] = 1;
  }
  return count * 31u + last;
}

EXPORT i32 run(i32 n) {
  u32 acc = 0;
  for (i32 r = 0; r < n; r++) acc = acc * 7u + sieve(LIMIT - (u32)r * 101u);
  return (i32)acc;
}
