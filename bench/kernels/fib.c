// BENCH_N: 37
// BENCH_QUICK_N: 27
/* fib: naive doubly recursive Fibonacci. Measures call/return and prologue cost. */
#include "common.h"

static NOINLINE i32 fib(i32 k) { return k < 2 ? k : fib(k - 1) + fib(k - 2); }

EXPORT i32 run(i32 n) { return fib(n) ^ fib(n - 5); }
