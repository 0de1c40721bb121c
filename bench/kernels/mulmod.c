// BENCH_N: 400000
// BENCH_QUICK_N: 20000
/* mulmod: i64 arithmetic. Deterministic Miller-Rabin (bases 2, 7, 61) over n odd 32-bit
 * candidates, with 64-bit products reduced by i64.rem_u, plus a splitmix64 stream mixed into
 * the checksum. Measures i64 multiply, unsigned 64-bit division/remainder and shifts. */
#include "common.h"

static u64 mulmod(u64 a, u64 b, u64 m) { return a * b % m; }

static u64 powmod(u64 b, u64 e, u64 m) {
  u64 r = 1;
  b %= m;
  while (e) {
    if (e & 1) r = mulmod(r, b, m);
    b = mulmod(b, b, m);
    e >>= 1;
  }
  return r;
}

static int witness(u64 a, u64 d, u32 s, u64 m) {
  u64 x = powmod(a, d, m);
  if (x == 1 || x == m - 1) return 0;
  for (u32 i = 1; i < s; i++) {
    x = mulmod(x, x, m);
    if (x == m - 1) return 0;
  }
  return 1;
}

static int is_prime(u32 n) {
  if (n < 2) return 0;
  if (n % 2 == 0) return n == 2;
  if (n % 3 == 0) return n == 3;
  u64 d = n - 1;
  u32 s = 0;
  while ((d & 1) == 0) {
    d >>= 1;
    s++;
  }
  static const u32 bases[3] = {2, 7, 61};
  for (int i = 0; i < 3; i++) {
    if (bases[i] % n == 0) continue;
    if (witness(bases[i], d, s, n)) return 0;
  }
  return 1;
}

EXPORT i32 run(i32 n) {
  u64 st = 42, acc = 0;
  u32 count = 0;
  for (i32 i = 0; i < n; i++) {
    u32 cand = (u32)(sm64_next(&st) >> 32) | 1u;
    if (is_prime(cand)) {
      count++;
      acc = acc * 0x100000001B3ull + cand;
    }
  }
  return fold64(acc) ^ (i32)count;
}
