/*
 * bench/call/call_bench.c: call overhead across the wasmc boundary, in ns per call (best of
 * several rounds, in thread CPU time). Host -> Wasm: wasmc_func_call (typed) and wasmc_func_call_unchecked (raw) of
 * an empty function and of add(i32, i32). Wasm -> host: a Wasm loop calling an i32 -> i32 host
 * import through the array-call convention (wasmc_func_new) and through libffi
 * (wasmc_func_new_native), minus the same loop without the call. A benchmark, not a test.
 *
 *   bench/call/call_bench [path/to/call.wasm] [iterations]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wasmc.h"

static void check(wasmc_error_t *err, const char *what) {
  if (err) {
    fprintf(stderr, "call_bench: %s: %s\n", what, wasmc_error_message(err));
    exit(1);
  }
}

static double now_ns(void) {
  struct timespec ts;
  /* Thread CPU time, not wall time: on a loaded machine time spent descheduled would swamp
   * the tens of nanoseconds measured here. */
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static wasmc_trap_t *array_host(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *args,
                                size_t capacity) {
  (void)env;
  (void)caller;
  (void)capacity;
  args[0].i32 &= 1;
  return NULL;
}

static int32_t native_host(int32_t n) { return n & 1; }

static wasmc_func_t export_func(wasmc_store_t *store, const wasmc_instance_t *inst,
                                const char *name) {
  wasmc_extern_t ext;
  if (!wasmc_instance_export_get(store, inst, name, strlen(name), &ext)) {
    fprintf(stderr, "call_bench: no export %s\n", name);
    exit(1);
  }
  return ext.of.func;
}

enum { ROUNDS = 5 };

/* Best-of-ROUNDS ns per call of `n` host -> Wasm calls. */
static double bench_host_to_wasm(wasmc_store_t *store, const wasmc_func_t *f, int typed,
                                 const wasmc_val_t *args, size_t nargs, size_t nresults, long n) {
  double best = 1e30;
  wasmc_val_t results[1];
  wasmc_val_raw_t raw[2];
  wasmc_trap_t *trap = NULL;
  int r;
  long i;
  for (r = 0; r < ROUNDS; r++) {
    double t0 = now_ns();
    if (typed) {
      for (i = 0; i < n; i++) {
        check(wasmc_func_call(store, f, args, nargs, results, nresults, &trap), "call");
      }
    } else {
      for (i = 0; i < n; i++) {
        raw[0].i32 = 1;
        raw[1].i32 = 2;
        check(wasmc_func_call_unchecked(store, f, raw, 2, &trap), "call_unchecked");
      }
    }
    double t = (now_ns() - t0) / (double)n;
    if (t < best) best = t;
  }
  return best;
}

/* Best-of-ROUNDS ns of one Wasm loop of `n` iterations, per iteration. */
static double bench_loop(wasmc_store_t *store, const wasmc_func_t *loop, long n) {
  double best = 1e30;
  int r;
  for (r = 0; r < ROUNDS; r++) {
    wasmc_val_t arg, res;
    wasmc_trap_t *trap = NULL;
    memset(&arg, 0, sizeof arg);
    arg.kind = WASMC_I32;
    arg.of.i32 = (int32_t)n;
    double t0 = now_ns();
    check(wasmc_func_call(store, loop, &arg, 1, &res, 1, &trap), "loop");
    double t = (now_ns() - t0) / (double)n;
    if (trap) {
      fprintf(stderr, "call_bench: trap: %s\n", wasmc_trap_message(trap));
      exit(1);
    }
    if (t < best) best = t;
  }
  return best;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "call.wasm";
  long n = argc > 2 ? atol(argv[2]) : 2000000;
  static const wasmc_valkind_t i32[] = {WASMC_I32};
  wasmc_engine_t *engine;
  wasmc_store_t *store;
  wasmc_module_t *module;
  wasmc_instance_t inst;
  wasmc_extern_t imports[2];
  wasmc_trap_t *trap = NULL;
  FILE *fp = fopen(path, "rb");
  uint8_t *bytes;
  long size;
  if (!fp) {
    fprintf(stderr, "call_bench: cannot open %s\n", path);
    return 1;
  }
  fseek(fp, 0, SEEK_END);
  size = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  bytes = malloc((size_t)size);
  if (!bytes || fread(bytes, 1, (size_t)size, fp) != (size_t)size) return 1;
  fclose(fp);

  check(wasmc_engine_new(NULL, &engine), "engine");
  check(wasmc_module_new(engine, bytes, (size_t)size, &module), "module");
  free(bytes);
  check(wasmc_store_new(engine, &store), "store");
  wasmc_functype_t *t = wasmc_functype_new(i32, 1, i32, 1);
  imports[0].kind = imports[1].kind = WASMC_EXTERN_FUNC;
  check(wasmc_func_new(store, t, array_host, NULL, NULL, &imports[0].of.func), "func_new");
  check(wasmc_func_new_native(store, t, (void (*)(void))native_host, 0, NULL, NULL,
                              &imports[1].of.func),
        "func_new_native");
  wasmc_functype_delete(t);
  check(wasmc_instance_new(store, module, imports, 2, &inst, &trap), "instance");

  wasmc_func_t empty = export_func(store, &inst, "empty");
  wasmc_func_t add = export_func(store, &inst, "add");
  wasmc_val_t args[2];
  memset(args, 0, sizeof args);
  args[0].kind = args[1].kind = WASMC_I32;
  args[0].of.i32 = 1;
  args[1].of.i32 = 2;

  printf("host -> wasm, typed (wasmc_func_call), empty():          %6.1f ns/call\n",
         bench_host_to_wasm(store, &empty, 1, NULL, 0, 0, n));
  printf("host -> wasm, typed (wasmc_func_call), add(i32, i32):    %6.1f ns/call\n",
         bench_host_to_wasm(store, &add, 1, args, 2, 1, n));
  printf("host -> wasm, unchecked (wasmc_func_call_unchecked), empty(): %6.1f ns/call\n",
         bench_host_to_wasm(store, &empty, 0, NULL, 0, 0, n));
  printf("host -> wasm, unchecked, add(i32, i32):                  %6.1f ns/call\n",
         bench_host_to_wasm(store, &add, 0, NULL, 0, 0, n));
  wasmc_func_t loop_none = export_func(store, &inst, "loop_none");
  wasmc_func_t loop_array = export_func(store, &inst, "loop_array");
  wasmc_func_t loop_native = export_func(store, &inst, "loop_native");
  double base = bench_loop(store, &loop_none, n * 5);
  double arr = bench_loop(store, &loop_array, n * 5);
  double nat = bench_loop(store, &loop_native, n * 5);
  printf("wasm -> host, array-call (wasmc_func_new), i32 -> i32:   %6.1f ns/call\n", arr - base);
  printf("wasm -> host, libffi (wasmc_func_new_native), i32 -> i32: %6.1f ns/call\n", nat - base);
  printf("(loop without the call: %.2f ns/iteration)\n", base);

  wasmc_store_delete(store);
  wasmc_module_delete(module);
  wasmc_engine_delete(engine);
  return 0;
}
