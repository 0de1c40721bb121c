// BENCH_N: 1500000
// BENCH_QUICK_N: 80000
/* nbody: a 5-body gravitational simulation (symplectic Euler) with pseudo-random initial
 * conditions. Measures f64 arithmetic, f64.sqrt and f64 loads/stores of a small array of
 * structs. The checksum is the bit pattern of the final energy (bit-exact: no FMA, no
 * reassociation on either side). */
#include "common.h"

#define NB 5
struct body {
  double x, y, z, vx, vy, vz, mass;
};
static struct body bodies[NB];

static double frand(u64 *s) { return (double)(sm64_next(s) >> 11) * (1.0 / 9007199254740992.0); }

static void init(void) {
  u64 s = 12345;
  double px = 0, py = 0, pz = 0;
  for (int i = 0; i < NB; i++) {
    struct body *b = &bodies[i];
    double r = i == 0 ? 0.0 : 1.0 + 4.0 * i + frand(&s);
    b->x = r * (frand(&s) - 0.5);
    b->y = r * (frand(&s) - 0.5);
    b->z = 0.1 * r * (frand(&s) - 0.5);
    b->vx = i == 0 ? 0.0 : (frand(&s) - 0.5) * 2.0 / (r + 1.0);
    b->vy = i == 0 ? 0.0 : (frand(&s) - 0.5) * 2.0 / (r + 1.0);
    b->vz = i == 0 ? 0.0 : (frand(&s) - 0.5) * 0.1;
    b->mass = i == 0 ? 39.47 : 0.001 + 0.05 * frand(&s);
    px += b->vx * b->mass;
    py += b->vy * b->mass;
    pz += b->vz * b->mass;
  }
  bodies[0].vx = -px / bodies[0].mass;
  bodies[0].vy = -py / bodies[0].mass;
  bodies[0].vz = -pz / bodies[0].mass;
}

static void advance(double dt) {
  for (int i = 0; i < NB; i++) {
    struct body *a = &bodies[i];
    for (int j = i + 1; j < NB; j++) {
      struct body *b = &bodies[j];
      double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
      double d2 = dx * dx + dy * dy + dz * dz;
      double dist = __builtin_sqrt(d2);
      double mag = dt / (d2 * dist);
      a->vx -= dx * b->mass * mag;
      a->vy -= dy * b->mass * mag;
      a->vz -= dz * b->mass * mag;
      b->vx += dx * a->mass * mag;
      b->vy += dy * a->mass * mag;
      b->vz += dz * a->mass * mag;
    }
  }
  for (int i = 0; i < NB; i++) {
    struct body *b = &bodies[i];
    b->x += dt * b->vx;
    b->y += dt * b->vy;
    b->z += dt * b->vz;
  }
}

static double energy(void) {
  double e = 0.0;
  for (int i = 0; i < NB; i++) {
    struct body *a = &bodies[i];
    e += 0.5 * a->mass * (a->vx * a->vx + a->vy * a->vy + a->vz * a->vz);
    for (int j = i + 1; j < NB; j++) {
      struct body *b = &bodies[j];
      double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
      e -= a->mass * b->mass / __builtin_sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

EXPORT i32 run(i32 n) {
  init();
  double e0 = energy();
  for (i32 i = 0; i < n; i++) advance(0.001);
  double e1 = energy();
  union {
    double d;
    u64 u;
  } a = {e0}, b = {e1};
  return fold64(a.u * 31u + b.u);
}
