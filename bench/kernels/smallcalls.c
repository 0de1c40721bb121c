// BENCH_N: 6000000
// BENCH_QUICK_N: 300000
/* smallcalls: many small non-inlined direct calls (vector helpers taking pointers, clamps,
 * mixers), about a dozen per iteration, on a small struct array in memory. Measures direct
 * call overhead, argument passing and the cost of spilling around calls. */
#include "common.h"

struct vec3 {
  i32 x, y, z;
};
static struct vec3 pts[64];

static NOINLINE i32 clamp(i32 v, i32 lo, i32 hi) { return v < lo ? lo : v > hi ? hi : v; }
static NOINLINE i32 dot(const struct vec3 *a, const struct vec3 *b) {
  return (i32)((u32)a->x * (u32)b->x + (u32)a->y * (u32)b->y + (u32)a->z * (u32)b->z);
}
static NOINLINE void add(struct vec3 *d, const struct vec3 *a, const struct vec3 *b) {
  d->x = a->x + b->x;
  d->y = a->y + b->y;
  d->z = a->z + b->z;
}
static NOINLINE void scale(struct vec3 *d, i32 k) {
  d->x = clamp(d->x * k >> 4, -100000, 100000);
  d->y = clamp(d->y * k >> 4, -100000, 100000);
  d->z = clamp(d->z * k >> 4, -100000, 100000);
}
static NOINLINE u32 mix(u32 h, i32 v) { return (h ^ (u32)v) * 0x01000193u; }
static NOINLINE i32 absdiff(i32 a, i32 b) { return a > b ? a - b : b - a; }

EXPORT i32 run(i32 n) {
  u32 s = 0x51u;
  for (int i = 0; i < 64; i++) {
    pts[i].x = (i32)(xs32_next(&s) % 2001) - 1000;
    pts[i].y = (i32)(xs32_next(&s) % 2001) - 1000;
    pts[i].z = (i32)(xs32_next(&s) % 2001) - 1000;
  }
  u32 h = 2166136261u;
  struct vec3 t;
  for (i32 i = 0; i < n; i++) {
    struct vec3 *a = &pts[i & 63], *b = &pts[(i * 7 + 3) & 63];
    add(&t, a, b);
    scale(&t, 15 + (i & 3));
    h = mix(h, dot(&t, a));
    h = mix(h, absdiff(t.x, b->y));
    *a = t;
  }
  return (i32)h;
}
