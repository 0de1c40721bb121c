// BENCH_N: 20
// BENCH_QUICK_N: 1
/* matmul: dense f64 matrix multiply C = A * B of 256 x 256 matrices (i-k-j loop order), n
 * times, each result fed back into A (scaled). Measures f64 multiply-add throughput and
 * streaming f64 loads/stores. gcc -O2 (12+) vectorises this natively with SSE2; the Wasm
 * builds have no SIMD. */
#include "common.h"

#define N 256
static double A[N * N], B[N * N], C[N * N];

EXPORT i32 run(i32 n) {
  u32 s = 0xABCDu;
  for (u32 i = 0; i < N * N; i++) {
    A[i] = (double)(xs32_next(&s) & 1023) / 1024.0 - 0.5;
    B[i] = (double)(xs32_next(&s) & 1023) / 1024.0 - 0.5;
  }
  for (i32 r = 0; r < n; r++) {
    for (u32 i = 0; i < N * N; i++) C[i] = 0.0;
    for (u32 i = 0; i < N; i++)
      for (u32 k = 0; k < N; k++) {
        double a = A[i * N + k];
        for (u32 j = 0; j < N; j++) C[i * N + j] += a * B[k * N + j];
      }
    for (u32 i = 0; i < N * N; i++) A[i] = C[i] * (1.0 / 16.0);
  }
  u64 h = 0;
  for (u32 i = 0; i < N * N; i += 7) {
    union {
      double d;
      u64 u;
    } v = {C[i]};
    h = h * 31u + v.u;
  }
  return fold64(h);
}
