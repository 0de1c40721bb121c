// BENCH_N: 750
// BENCH_QUICK_N: 150
/* mandelbrot: escape-time iteration counts over an n x n grid (up to 200 iterations per
 * point). Measures a dependent chain of f64 multiply/add/compare in a loop. */
#include "common.h"

EXPORT i32 run(i32 n) {
  u32 total = 0, hash = 2166136261u;
  for (i32 py = 0; py < n; py++) {
    double ci = -1.25 + 2.5 * (double)py / (double)n;
    for (i32 px = 0; px < n; px++) {
      double cr = -2.1 + 2.8 * (double)px / (double)n;
      double zr = 0.0, zi = 0.0;
      u32 it = 0;
      while (it < 200) {
        double zr2 = zr * zr, zi2 = zi * zi;
        if (zr2 + zi2 > 4.0) break;
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
        it++;
      }
      total += it;
      hash = (hash ^ it) * 16777619u;
    }
  }
  return (i32)(total ^ hash);
}
