// BENCH_N: 2
// BENCH_QUICK_N: 1
/* sort: quicksort (median-of-three, insertion sort below 16) and heapsort of a 200,000-entry
 * array filled by a PRNG, n rounds; each result is checked sorted. Measures data-dependent
 * branches, i32 compares and loads/stores, recursion. */
#include "common.h"

#define COUNT 200000
static u32 a[COUNT];

static void insertion(u32 *v, i32 lo, i32 hi) {
  for (i32 i = lo + 1; i <= hi; i++) {
    u32 x = v[i];
    i32 j = i - 1;
    while (j >= lo && v[j] > x) {
      v[j + 1] = v[j];
      j--;
    }
    v[j + 1] = x;
  }
}

static void swap(u32 *v, i32 i, i32 j) {
  u32 t = v[i];
  v[i] = v[j];
  v[j] = t;
}

static void quicksort(u32 *v, i32 lo, i32 hi) {
  while (hi - lo >= 16) {
    i32 mid = lo + (hi - lo) / 2;
    if (v[mid] < v[lo]) swap(v, mid, lo);
    if (v[hi] < v[lo]) swap(v, hi, lo);
    if (v[hi] < v[mid]) swap(v, hi, mid);
    u32 pivot = v[mid];
    i32 i = lo, j = hi;
    while (i <= j) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i <= j) swap(v, i++, j--);
    }
    if (j - lo < hi - i) {
      quicksort(v, lo, j);
      lo = i;
    } else {
      quicksort(v, i, hi);
      hi = j;
    }
  }
  insertion(v, lo, hi);
}

static void sift_down(u32 *v, i32 root, i32 end) {
  for (;;) {
    i32 child = 2 * root + 1;
    if (child > end) return;
    if (child + 1 <= end && v[child] < v[child + 1]) child++;
    if (v[root] >= v[child]) return;
    swap(v, root, child);
    root = child;
  }
}

static void heapsort(u32 *v, i32 count) {
  for (i32 start = count / 2 - 1; start >= 0; start--) sift_down(v, start, count - 1);
  for (i32 end = count - 1; end > 0; end--) {
    swap(v, 0, end);
    sift_down(v, 0, end - 1);
  }
}

static u32 fill(u32 seed, u32 mask) {
  u32 s = seed;
  for (i32 i = 0; i < COUNT; i++) a[i] = xs32_next(&s) & mask;
  return s;
}

static u32 check(void) {
  u32 h = 0;
  for (i32 i = 0; i < COUNT; i++) {
    if (i > 0 && a[i - 1] > a[i]) return 0xDEAD;
    h = h * 31u + a[i];
  }
  return h;
}

EXPORT i32 run(i32 n) {
  u32 acc = 0;
  for (i32 r = 0; r < n; r++) {
    /* Alternate full-range keys and keys with many duplicates. */
    fill(0x9E3779B9u + (u32)r, (r & 1) ? 0xFFFFu : 0xFFFFFFFFu);
    quicksort(a, 0, COUNT - 1);
    acc = acc * 17u + check();
    fill(0x7F4A7C15u + (u32)r, 0xFFFFFFFFu);
    heapsort(a, COUNT);
    acc = acc * 17u + check();
  }
  return (i32)acc;
}
