// BENCH_N: 16
// BENCH_QUICK_N: 1
/* codec: byte processing. Base64 encode and decode (own tables, built at start-up) of a
 * 512 KiB buffer, and run-length encode/decode of a buffer with runs, n rounds, each round's
 * output verified against its input. Measures byte loads/stores, shifts, table lookups and
 * short data-dependent loops. */
#include "common.h"

#define RAW_BYTES (512u * 1024u)
static u8 raw[RAW_BYTES];
static u8 enc[RAW_BYTES / 3 * 4 + 8];
static u8 dec[RAW_BYTES + 8];
static u8 rle[RAW_BYTES * 2 + 8];
static u8 alphabet[64];
static u8 inverse[256];

static void build_tables(void) {
  u32 k = 0;
  for (u32 c = 'A'; c <= 'Z'; c++) alphabet[k++] = (u8)c;
  for (u32 c = 'a'; c <= 'z'; c++) alphabet[k++] = (u8)c;
  for (u32 c = '0'; c <= '9'; c++) alphabet[k++] = (u8)c;
  alphabet[k++] = '+';
  alphabet[k++] = '/';
  for (u32 i = 0; i < 256; i++) inverse[i] = 0xFF;
  for (u32 i = 0; i < 64; i++) inverse[alphabet[i]] = (u8)i;
}

static u32 b64_encode(const u8 *in, u32 len, u8 *out) {
  u32 o = 0, i = 0;
  for (; i + 3 <= len; i += 3) {
    u32 v = (u32)in[i] << 16 | (u32)in[i + 1] << 8 | in[i + 2];
    out[o++] = alphabet[v >> 18];
    out[o++] = alphabet[(v >> 12) & 63];
    out[o++] = alphabet[(v >> 6) & 63];
    out[o++] = alphabet[v & 63];
  }
  if (i < len) {
    u32 v = (u32)in[i] << 16 | (i + 1 < len ? (u32)in[i + 1] << 8 : 0);
    out[o++] = alphabet[v >> 18];
    out[o++] = alphabet[(v >> 12) & 63];
    out[o++] = i + 1 < len ? alphabet[(v >> 6) & 63] : '=';
    out[o++] = '=';
  }
  return o;
}

/* Returns the decoded length, or 0xFFFFFFFF on a bad character. */
static u32 b64_decode(const u8 *in, u32 len, u8 *out) {
  u32 o = 0;
  for (u32 i = 0; i + 4 <= len; i += 4) {
    u32 pad = (in[i + 3] == '=') + (in[i + 2] == '=');
    u32 c0 = inverse[in[i]], c1 = inverse[in[i + 1]];
    u32 c2 = pad >= 2 ? 0 : inverse[in[i + 2]], c3 = pad >= 1 ? 0 : inverse[in[i + 3]];
    if ((c0 | c1 | c2 | c3) & 0x80) return 0xFFFFFFFFu;
    u32 v = c0 << 18 | c1 << 12 | c2 << 6 | c3;
    out[o++] = (u8)(v >> 16);
    if (pad < 2) out[o++] = (u8)(v >> 8);
    if (pad < 1) out[o++] = (u8)v;
  }
  return o;
}

/* Run-length encoding as (count, byte) pairs, count 1..255. */
static u32 rle_encode(const u8 *in, u32 len, u8 *out) {
  u32 o = 0, i = 0;
  while (i < len) {
    u8 b = in[i];
    u32 run = 1;
    while (i + run < len && run < 255 && in[i + run] == b) run++;
    out[o++] = (u8)run;
    out[o++] = b;
    i += run;
  }
  return o;
}

static u32 rle_decode(const u8 *in, u32 len, u8 *out) {
  u32 o = 0;
  for (u32 i = 0; i + 1 < len; i += 2)
    for (u32 k = 0; k < in[i]; k++) out[o++] = in[i + 1];
  return o;
}

static u32 compare(const u8 *x, const u8 *y, u32 len) {
  u32 diff = 0;
  for (u32 i = 0; i < len; i++) diff |= (u32)(x[i] ^ y[i]);
  return diff;
}

EXPORT i32 run(i32 n) {
  build_tables();
  u32 s = 0xBADC0DEu;
  u32 acc = 0;
  for (i32 r = 0; r < n; r++) {
    /* Random bytes for base64; runs of random length for RLE. */
    for (u32 i = 0; i < RAW_BYTES; i++) raw[i] = (u8)xs32_next(&s);
    u32 len = RAW_BYTES - (u32)r;
    u32 elen = b64_encode(raw, len, enc);
    u32 dlen = b64_decode(enc, elen, dec);
    acc = acc * 31u + elen + dlen + (dlen == len ? compare(raw, dec, len) : 0xBAD);
    acc = acc * 31u + enc[elen / 2];
    for (u32 i = 0; i < RAW_BYTES;) {
      u32 v = xs32_next(&s);
      u32 run = (v & 7) == 0 ? (v >> 8) % 300 : (v >> 8) & 3;
      for (u32 k = 0; k <= run && i < RAW_BYTES; k++) raw[i++] = (u8)(v >> 3 & 3);
    }
    u32 rlen = rle_encode(raw, len, rle);
    u32 olen = rle_decode(rle, rlen, dec);
    acc = acc * 31u + rlen + (olen == len ? compare(raw, dec, len) : 0xBAD);
  }
  return (i32)acc;
}
