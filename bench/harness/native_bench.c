/*
 * native_bench.c: the native reference harness. Linked with one kernel compiled by gcc -O2;
 * calls run(n) `calls` times and times each call alone with clock_gettime(CLOCK_MONOTONIC).
 *
 *   native_bench <n> [calls]
 *
 * Prints one JSON object on stdout, the same shape as the other harnesses:
 *   {"engine":"native","compile_ns":0,"instantiate_ns":0,"calls":[{"ns":..,"result":..},..]}
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int run(int n);

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s <n> [calls]\n", argv[0]);
    return 2;
  }
  int n = atoi(argv[1]);
  int calls = argc > 2 ? atoi(argv[2]) : 2;
  printf("{\"engine\":\"native\",\"compile_ns\":0,\"instantiate_ns\":0,\"calls\":[");
  for (int i = 0; i < calls; i++) {
    int64_t t0 = now_ns();
    int r = run(n);
    int64_t t1 = now_ns();
    printf("%s{\"ns\":%lld,\"result\":%d}", i ? "," : "", (long long)(t1 - t0), r);
  }
  printf("]}\n");
  return 0;
}
