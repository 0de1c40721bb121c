// BENCH_N: 250000
// BENCH_QUICK_N: 20000
/* collatz: Collatz trajectory lengths for 1..n on 64-bit integers. Measures an unpredictable
 * branch in a tight loop with i64 shifts, adds and compares. */
#include "common.h"

EXPORT i32 run(i32 n) {
  u64 total = 0;
  u32 best = 0, best_start = 0;
  for (u32 start = 1; start <= (u32)n; start++) {
    u64 x = start;
    u32 steps = 0;
    while (x != 1) {
      if (x & 1)
        x = 3 * x + 1;
      else
        x >>= 1;
      steps++;
    }
    total += steps;
    if (steps > best) {
      best = steps;
      best_start = start;
    }
  }
  return fold64(total) ^ (i32)(best * 65599u + best_start);
}
