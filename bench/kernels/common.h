/*
 * common.h: shared definitions for the benchmark kernels. Kernels are freestanding C: no libc,
 * no headers beyond this one. Each kernel defines `int run(int n)` returning a checksum; the
 * same source is compiled to wasm32 (clang) and natively (gcc), and the results must agree.
 *
 * A kernel's first lines carry its parameters for bench/run.py:
 *   // BENCH_N: <default n>        (sized for roughly 0.2-1 s natively)
 *   // BENCH_QUICK_N: <small n>    (for smoke runs)
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char i8;
typedef int i32;
typedef long long i64;
typedef unsigned long usize; /* 32-bit on wasm32, 64-bit natively */

#define NOINLINE __attribute__((noinline))
#define EXPORT __attribute__((visibility("default")))

/* Folds a 64-bit checksum into the 32-bit result of run(). */
static inline i32 fold64(u64 x) { return (i32)(u32)(x ^ (x >> 32)); }

/* splitmix64: the PRNG used to fill inputs deterministically. */
static inline u64 sm64_next(u64 *state) {
  u64 z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* A 32-bit xorshift, cheaper where 64-bit arithmetic is not the point. */
static inline u32 xs32_next(u32 *state) {
  u32 x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

static inline u32 rotl32(u32 x, int r) { return (x << r) | (x >> (32 - r)); }
static inline u32 rotr32(u32 x, int r) { return (x >> r) | (x << (32 - r)); }
static inline u64 rotl64(u64 x, int r) { return (x << r) | (x >> (64 - r)); }

/* Byte loops the compilers may not turn into library calls (kernels are built -fno-builtin). */
static inline void bm_zero(void *dst, usize len) {
  u8 *d = (u8 *)dst;
  for (usize i = 0; i < len; i++) d[i] = 0;
}

EXPORT i32 run(i32 n);

#endif
