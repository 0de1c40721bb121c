// BENCH_N: 3000
// BENCH_QUICK_N: 150
/* bulkmem: memcpy/memmove/memset of blocks of 16 B to 64 KiB at pseudo-random offsets in a
 * 4 MiB buffer. Built with -mbulk-memory, so in Wasm these are memory.copy and memory.fill;
 * natively they are the C library's memcpy/memmove/memset. Measures bulk-memory throughput and
 * the per-call overhead of short copies. */
#include "common.h"

#define BUF_BYTES (4u << 20)
static u8 buf[BUF_BYTES];

EXPORT i32 run(i32 n) {
  u32 s = 0xB01Du;
  __builtin_memset(buf, 0, BUF_BYTES); /* run() must not depend on a previous call */
  for (u32 i = 0; i < BUF_BYTES; i += 4096) buf[i] = (u8)i;
  u32 acc = 0;
  for (i32 r = 0; r < n; r++) {
    /* A few large operations... */
    for (int k = 0; k < 4; k++) {
      u32 v = xs32_next(&s);
      u32 len = 16384u + (v & 49151u);
      u32 src = xs32_next(&s) % (BUF_BYTES - len);
      u32 dst = xs32_next(&s) % (BUF_BYTES - len);
      if (k == 3)
        __builtin_memset(buf + dst, (int)(v >> 24), len);
      else if (k == 2)
        __builtin_memmove(buf + dst, buf + src, len);
      else /* memcpy must not overlap: lower half to upper half */
        __builtin_memcpy(buf + BUF_BYTES / 2 + (dst % (BUF_BYTES / 2 - len) & ~63u),
                         buf + (src % (BUF_BYTES / 2 - len) & ~63u), len & ~63u);
    }
    /* ...and many short ones. */
    for (int k = 0; k < 256; k++) {
      u32 v = xs32_next(&s);
      u32 len = 16u + (v & 255u);
      u32 src = (v >> 8) % (BUF_BYTES - 512);
      u32 dst = xs32_next(&s) % (BUF_BYTES - 512);
      if (v & 0x80000000u)
        __builtin_memset(buf + dst, (int)k, len);
      else
        __builtin_memmove(buf + dst, buf + src, len);
    }
    acc = acc * 31u + buf[xs32_next(&s) % BUF_BYTES];
  }
  u32 h = 0;
  for (u32 i = 0; i < BUF_BYTES; i += 61) h = h * 131u + buf[i];
  return (i32)(acc ^ h);
}
