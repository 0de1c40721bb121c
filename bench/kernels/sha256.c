// BENCH_N: 90
// BENCH_QUICK_N: 5
/* sha256: SHA-256 (FIPS 180-4), written from the specification, over a 256 KiB buffer, n
 * times, each round's digest folded into the next round's input. The round constants are
 * computed at start-up as the specification defines them (fractional parts of square and cube
 * roots of the first primes), so no tables are transcribed. Measures 32-bit rotates, shifts,
 * adds and big-endian loads. Self-check: sha256_selftest() hashes "abc". */
#include "common.h"

static u32 K[64], H0[8];

static double root(double p, int cube) {
  double x = p / 2.0;
  for (int i = 0; i < 100; i++) x = cube ? (2.0 * x + p / (x * x)) / 3.0 : 0.5 * (x + p / x);
  return x;
}

static u32 frac32(double x) {
  double f = x - (double)(u32)x;
  return (u32)(u64)(f * 4294967296.0);
}

static void init_constants(void) {
  int count = 0;
  for (u32 p = 2; count < 64; p++) {
    int prime = 1;
    for (u32 q = 2; q * q <= p; q++)
      if (p % q == 0) prime = 0;
    if (!prime) continue;
    if (count < 8) H0[count] = frac32(root((double)p, 0));
    K[count++] = frac32(root((double)p, 1));
  }
}

static void compress(u32 st[8], const u8 *blk) {
  u32 w[64];
  for (int i = 0; i < 16; i++)
    w[i] = (u32)blk[4 * i] << 24 | (u32)blk[4 * i + 1] << 16 | (u32)blk[4 * i + 2] << 8 |
           (u32)blk[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    u32 s0 = rotr32(w[i - 15], 7) ^ rotr32(w[i - 15], 18) ^ (w[i - 15] >> 3);
    u32 s1 = rotr32(w[i - 2], 17) ^ rotr32(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  u32 a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], f = st[5], g = st[6], h = st[7];
  for (int i = 0; i < 64; i++) {
    u32 t1 = h + (rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25)) + ((e & f) ^ (~e & g)) + K[i] +
             w[i];
    u32 t2 = (rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  st[0] += a;
  st[1] += b;
  st[2] += c;
  st[3] += d;
  st[4] += e;
  st[5] += f;
  st[6] += g;
  st[7] += h;
}

static void sha256(const u8 *msg, u32 len, u32 out[8]) {
  u8 tail[128];
  for (int i = 0; i < 8; i++) out[i] = H0[i];
  u32 full = len & ~63u;
  for (u32 off = 0; off < full; off += 64) compress(out, msg + off);
  u32 rest = len - full;
  for (u32 i = 0; i < 128; i++) tail[i] = 0;
  for (u32 i = 0; i < rest; i++) tail[i] = msg[full + i];
  tail[rest] = 0x80;
  u32 tlen = rest + 9 <= 64 ? 64 : 128;
  u64 bits = (u64)len * 8;
  for (int i = 0; i < 8; i++) tail[tlen - 1 - i] = (u8)(bits >> (8 * i));
  compress(out, tail);
  if (tlen == 128) compress(out, tail + 64);
}

/* Returns 1 if SHA-256("abc") matches the specification's example digest's first words. */
static int sha256_selftest(void) {
  static const u8 abc[3] = {'a', 'b', 'c'};
  u32 d[8];
  sha256(abc, 3, d);
  return d[0] == 0xba7816bfu && d[1] == 0x8f01cfeau && d[7] == 0xf20015adu;
}

#define BUF_BYTES (256u * 1024u)
static u8 buf[BUF_BYTES];

EXPORT i32 run(i32 n) {
  init_constants();
  if (!sha256_selftest()) return -1;
  u32 s = 0xC0FFEEu;
  for (u32 i = 0; i < BUF_BYTES; i++) buf[i] = (u8)xs32_next(&s);
  u32 d[8] = {0};
  for (i32 r = 0; r < n; r++) {
    for (int i = 0; i < 32; i++) buf[i] ^= (u8)(d[i / 4] >> (8 * (i % 4)));
    sha256(buf, BUF_BYTES - (u32)r, d);
  }
  return (i32)(d[0] ^ d[3] ^ d[7]);
}
