// BENCH_N: 4
// BENCH_QUICK_N: 1
/* strsearch: counts occurrences of 24 patterns (4 to 27 bytes, cut from the text, so they
 * occur) in a 256 KiB text over a 4-letter alphabet, with a naive search and with
 * Boyer-Moore-Horspool, n rounds; both counts must agree. Measures byte compares, short inner
 * loops with early exits, and table-driven skips. */
#include "common.h"

#define TEXT_BYTES (256u * 1024u)
static u8 text[TEXT_BYTES];
static u32 skip[256];

static u32 naive_count(const u8 *t, u32 tlen, const u8 *p, u32 plen) {
  u32 count = 0;
  for (u32 i = 0; i + plen <= tlen; i++) {
    u32 j = 0;
    while (j < plen && t[i + j] == p[j]) j++;
    count += j == plen;
  }
  return count;
}

static u32 horspool_count(const u8 *t, u32 tlen, const u8 *p, u32 plen) {
  for (u32 c = 0; c < 256; c++) skip[c] = plen;
  for (u32 i = 0; i + 1 < plen; i++) skip[p[i]] = plen - 1 - i;
  u32 count = 0, i = 0;
  while (i + plen <= tlen) {
    u8 last = t[i + plen - 1];
    if (last == p[plen - 1]) {
      u32 j = 0;
      while (j < plen - 1 && t[i + j] == p[j]) j++;
      count += j == plen - 1;
    }
    i += skip[last];
  }
  return count;
}

EXPORT i32 run(i32 n) {
  u32 s = 0x5EA4C4u;
  for (u32 i = 0; i < TEXT_BYTES; i++) text[i] = (u8)("acgt"[xs32_next(&s) & 3]);
  u32 acc = 0;
  for (i32 r = 0; r < n; r++) {
    for (u32 k = 0; k < 24; k++) {
      u32 plen = 4 + k;
      u32 at = xs32_next(&s) % (TEXT_BYTES - 64);
      u32 c1 = horspool_count(text, TEXT_BYTES, text + at, plen);
      u32 c2 = (k % 8 == 0) ? naive_count(text, TEXT_BYTES, text + at, plen) : c1;
      acc = acc * 31u + c1 + (c1 == c2 ? 0 : 0x100000u);
    }
  }
  return (i32)acc;
}
