// BENCH_N: 8000000
// BENCH_QUICK_N: 400000
/* indirect: calls through a table of 16 function pointers (call_indirect in Wasm, with its
 * signature check), the target chosen by the running value. Measures indirect-call overhead:
 * each callee is a few ALU ops. */
#include "common.h"

typedef u32 (*op_fn)(u32 acc, u32 x);

static NOINLINE u32 f0(u32 a, u32 x) { return a + x; }
static NOINLINE u32 f1(u32 a, u32 x) { return a ^ (x * 3u); }
static NOINLINE u32 f2(u32 a, u32 x) { return a * 0x9E3779B1u + x; }
static NOINLINE u32 f3(u32 a, u32 x) { return rotl32(a, 5) ^ x; }
static NOINLINE u32 f4(u32 a, u32 x) { return a - (x | 1u); }
static NOINLINE u32 f5(u32 a, u32 x) { return (a >> 3) + (x << 2) + 7u; }
static NOINLINE u32 f6(u32 a, u32 x) { return a ^ (a >> 11) ^ x; }
static NOINLINE u32 f7(u32 a, u32 x) { return a + (a << 7) + x; }
static NOINLINE u32 f8(u32 a, u32 x) { return (a & 0xFFFFu) * 31u + x; }
static NOINLINE u32 f9(u32 a, u32 x) { return a > x ? a - x : x - a + 1u; }
static NOINLINE u32 f10(u32 a, u32 x) { return rotl32(a ^ x, 13) + 0x1234567u; }
static NOINLINE u32 f11(u32 a, u32 x) { return a * 5u + (x >> 1); }
static NOINLINE u32 f12(u32 a, u32 x) { return ~a + x; }
static NOINLINE u32 f13(u32 a, u32 x) { return (a | x) - (a & x) + 3u; }
static NOINLINE u32 f14(u32 a, u32 x) { return a + (x ^ 0x55555555u); }
static NOINLINE u32 f15(u32 a, u32 x) { return (a << 1) ^ (a >> 31) ^ x; }

static op_fn table[16] = {f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15};

EXPORT i32 run(i32 n) {
  u32 acc = 1;
  for (u32 i = 0; i < (u32)n; i++) acc = table[(acc ^ (acc >> 9) ^ i) & 15](acc, i);
  return (i32)acc;
}
