// BENCH_N: 50
// BENCH_QUICK_N: 3
/* hash: FNV-1a (bytewise) and a 4-lane multiply-rotate hash (32-bit words, in the style of
 * xxHash but with its own constants) over a 1 MiB pseudo-random buffer, n times. Measures byte
 * and word loads, 32-bit multiplies and rotates. */
#include "common.h"

#define BUF_BYTES (1u << 20)
static u32 buf_words[BUF_BYTES / 4];

#define M1 0x9E3779B1u
#define M2 0x85EBCA77u
#define M3 0xC2B2AE3Du

static u32 fnv1a(const u8 *p, u32 len, u32 seed) {
  u32 h = 2166136261u ^ seed;
  for (u32 i = 0; i < len; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

static u32 lane_hash(const u32 *w, u32 nwords, u32 seed) {
  u32 a = seed + M1 + M2, b = seed + M2, c = seed, d = seed - M1;
  u32 i = 0;
  for (; i + 4 <= nwords; i += 4) {
    a = rotl32(a + w[i] * M2, 13) * M1;
    b = rotl32(b + w[i + 1] * M2, 13) * M1;
    c = rotl32(c + w[i + 2] * M2, 13) * M1;
    d = rotl32(d + w[i + 3] * M2, 13) * M1;
  }
  u32 h = rotl32(a, 1) + rotl32(b, 7) + rotl32(c, 12) + rotl32(d, 18);
  for (; i < nwords; i++) h = rotl32(h + w[i] * M3, 17) * M1;
  h ^= h >> 15;
  h *= M2;
  h ^= h >> 13;
  h *= M3;
  return h ^ (h >> 16);
}

EXPORT i32 run(i32 n) {
  u32 s = 0x1234567u;
  for (u32 i = 0; i < BUF_BYTES / 4; i++) buf_words[i] = xs32_next(&s);
  u32 acc = 0;
  for (i32 r = 0; r < n; r++) {
    u32 len = BUF_BYTES - (u32)r * 3u;
    acc ^= fnv1a((const u8 *)buf_words, len, acc);
    acc = acc * 31u + lane_hash(buf_words, len / 4, acc);
    buf_words[(u32)r % (BUF_BYTES / 4)] ^= acc;
  }
  return (i32)acc;
}
