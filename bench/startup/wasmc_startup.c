/*
 * wasmc_startup.c: compile and start-up figures for wasmc, through the public C API.
 *
 *   wasmc_startup [-O level] <big.wasm> <small.wasm> [compile_reps] [instances] [calls]
 *
 * Measures (clock_gettime(CLOCK_MONOTONIC)):
 *   engine_new_ms           wasmc_engine_new, once.
 *   big_compile_ms          wasmc_module_new of big.wasm (median of compile_reps), and the
 *   big_compile_mb_per_s    code section's size divided by it (MB = 10^6 bytes).
 *   big_first_call_ms       bytes -> wasmc_module_new -> store -> instance -> export lookup ->
 *                           entry(1, 2) returning, with an existing engine (the same runs as
 *                           the compile figure: each of the compile_reps does both).
 *   small_first_call_us     the same for small.wasm, calling "sum".
 *   instantiate_us          per instance of small.wasm (1 page, data segment, 4 functions),
 *                           averaged over `instances` instances, 100 per store; store creation
 *                           and deletion are amortised into it.
 *   store_instance_us       wasmc_store_new + wasmc_instance_new + wasmc_store_delete, averaged.
 *   call_ns                 host -> Wasm calls of empty functions, averaged over `calls`:
 *                           wasmc_func_call and wasmc_func_call_unchecked of "nop" () -> () and
 *                           "id" (i32) -> i32.
 * Prints a human-readable report, then one JSON line (prefix "JSON ").
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wasmc.h"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what, wasmc_error_t *error) {
  fprintf(stderr, "wasmc_startup: %s: %s\n", what, error ? wasmc_error_message(error) : "");
  printf("JSON {\"error\":\"%s: %s\"}\n", what, error ? wasmc_error_message(error) : "");
  exit(1);
}

static void check_trap(const char *what, wasmc_trap_t *trap) {
  if (trap == NULL) return;
  fprintf(stderr, "wasmc_startup: %s trapped: %s\n", what, wasmc_trap_message(trap));
  printf("JSON {\"error\":\"%s trapped\"}\n", what);
  exit(1);
}

static uint8_t *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    fprintf(stderr, "wasmc_startup: cannot open %s\n", path);
    exit(1);
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *data = malloc((size_t)size + 1);
  if (data == NULL || fread(data, 1, (size_t)size, f) != (size_t)size) exit(1);
  fclose(f);
  *len = (size_t)size;
  return data;
}

static uint64_t read_uleb(const uint8_t *p, size_t len, size_t *pos) {
  uint64_t v = 0;
  int shift = 0;
  while (*pos < len) {
    uint8_t b = p[(*pos)++];
    v |= (uint64_t)(b & 0x7F) << shift;
    if (!(b & 0x80)) break;
    shift += 7;
  }
  return v;
}

/* The size in bytes of the code section's payload (0 if none). */
static size_t code_section_size(const uint8_t *bytes, size_t len) {
  size_t pos = 8;
  while (pos < len) {
    uint8_t id = bytes[pos++];
    size_t size = (size_t)read_uleb(bytes, len, &pos);
    if (id == 10) return size;
    pos += size;
  }
  return 0;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static wasmc_func_t export_func(wasmc_store_t *store, wasmc_instance_t *inst, const char *name) {
  wasmc_extern_t ext;
  if (!wasmc_instance_export_get(store, inst, name, strlen(name), &ext) ||
      ext.kind != WASMC_EXTERN_FUNC) {
    fprintf(stderr, "wasmc_startup: no function export %s\n", name);
    exit(1);
  }
  return ext.of.func;
}

/* bytes -> compiled -> instantiated -> `name` called and returned; seconds. The compile part
 * alone (wasmc_module_new) goes to `*compile_s`. */
static double first_call(wasmc_engine_t *engine, const uint8_t *bytes, size_t len,
                         const char *name, int nargs, int32_t *result, double *compile_s) {
  wasmc_module_t *module;
  wasmc_store_t *store;
  wasmc_instance_t inst;
  wasmc_trap_t *trap = NULL;
  wasmc_error_t *err;
  wasmc_val_t args[2], res[1];
  double t0 = now_s();
  if ((err = wasmc_module_new(engine, bytes, len, &module))) die("module_new", err);
  *compile_s = now_s() - t0;
  if ((err = wasmc_store_new(engine, &store))) die("store_new", err);
  if ((err = wasmc_instance_new(store, module, NULL, 0, &inst, &trap))) die("instance_new", err);
  check_trap("instance_new", trap);
  wasmc_func_t f = export_func(store, &inst, name);
  for (int i = 0; i < nargs; i++) {
    args[i].kind = WASMC_I32;
    args[i].of.i32 = i + 1;
  }
  if ((err = wasmc_func_call(store, &f, args, (size_t)nargs, res, 1, &trap))) die("call", err);
  double t1 = now_s();
  check_trap(name, trap);
  *result = res[0].of.i32;
  wasmc_store_delete(store);
  wasmc_module_delete(module);
  return t1 - t0;
}

static double cpu_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  uint32_t level = 1, threads = 0;
  bool lazy = false;
  int argi = 1;
  for (;;) {
    if (argc - argi > 1 && strcmp(argv[argi], "-O") == 0) {
      level = (uint32_t)atoi(argv[argi + 1]);
      argi += 2;
    } else if (argc - argi > 1 && strcmp(argv[argi], "-T") == 0) {
      threads = (uint32_t)atoi(argv[argi + 1]);
      argi += 2;
    } else if (argc - argi > 0 && strcmp(argv[argi], "-L") == 0) {
      lazy = true;
      argi += 1;
    } else {
      break;
    }
  }
  if (argc - argi < 2) {
    fprintf(stderr, "usage: %s [-O level] [-T compile_threads] [-L (lazy)] <big.wasm> "
                    "<small.wasm> [compile_reps] [instances] [calls]\n", argv[0]);
    return 2;
  }
  const char *big_path = argv[argi], *small_path = argv[argi + 1];
  int compile_reps = argc - argi > 2 ? atoi(argv[argi + 2]) : 3;
  int instances = argc - argi > 3 ? atoi(argv[argi + 3]) : 2000;
  long calls = argc - argi > 4 ? atol(argv[argi + 4]) : 1000000;
  if (compile_reps < 1) compile_reps = 1;
  if (instances < 100) instances = 100;

  size_t big_len, small_len;
  uint8_t *big = read_file(big_path, &big_len);
  uint8_t *small = read_file(small_path, &small_len);
  size_t code_len = code_section_size(big, big_len);

  wasmc_error_t *err;
  wasmc_config_t *config = wasmc_config_new();
  if ((err = wasmc_config_opt_level_set(config, level))) die("opt_level_set", err);
  if ((err = wasmc_config_compile_threads_set(config, threads))) die("compile_threads_set", err);
  if ((err = wasmc_config_lazy_compile_set(config, lazy))) die("lazy_compile_set", err);
  double t0 = now_s();
  wasmc_engine_t *engine;
  if ((err = wasmc_engine_new(config, &engine))) die("engine_new", err);
  double engine_s = now_s() - t0;
  wasmc_config_delete(config);

  /* Compile throughput of the big module, and bytes to first call returning (each rep
   * compiles the module once; medians are reported). */
  double *times = calloc((size_t)compile_reps, sizeof *times);
  double *firsts = calloc((size_t)compile_reps, sizeof *firsts);
  int32_t big_result, small_result;
  double cpu0 = cpu_s();
  for (int r = 0; r < compile_reps; r++)
    firsts[r] = first_call(engine, big, big_len, "entry", 2, &big_result, &times[r]);
  double big_cpu_s = (cpu_s() - cpu0) / compile_reps;
  qsort(times, (size_t)compile_reps, sizeof *times, cmp_double);
  qsort(firsts, (size_t)compile_reps, sizeof *firsts, cmp_double);
  double compile_s = times[compile_reps / 2];
  double big_first_s = firsts[compile_reps / 2];
  double small_compile_s;
  double small_first_s =
      first_call(engine, small, small_len, "sum", 0, &small_result, &small_compile_s);

  /* Instantiation of the small module. */
  wasmc_module_t *small_module;
  if ((err = wasmc_module_new(engine, small, small_len, &small_module))) die("module_new", err);
  wasmc_trap_t *trap = NULL;
  double i0 = now_s();
  for (int done = 0; done < instances; done += 100) {
    wasmc_store_t *store;
    if ((err = wasmc_store_new(engine, &store))) die("store_new", err);
    for (int k = 0; k < 100; k++) {
      wasmc_instance_t inst;
      if ((err = wasmc_instance_new(store, small_module, NULL, 0, &inst, &trap)))
        die("instance_new", err);
      check_trap("instance_new", trap);
    }
    wasmc_store_delete(store);
  }
  double inst_s = (now_s() - i0) / (double)((instances + 99) / 100 * 100);
  int store_reps = instances / 4;
  double s0 = now_s();
  for (int k = 0; k < store_reps; k++) {
    wasmc_store_t *store;
    wasmc_instance_t inst;
    if ((err = wasmc_store_new(engine, &store))) die("store_new", err);
    if ((err = wasmc_instance_new(store, small_module, NULL, 0, &inst, &trap)))
      die("instance_new", err);
    check_trap("instance_new", trap);
    wasmc_store_delete(store);
  }
  double store_inst_s = (now_s() - s0) / store_reps;

  /* Host -> Wasm call overhead. */
  wasmc_store_t *store;
  wasmc_instance_t inst;
  if ((err = wasmc_store_new(engine, &store))) die("store_new", err);
  if ((err = wasmc_instance_new(store, small_module, NULL, 0, &inst, &trap)))
    die("instance_new", err);
  wasmc_func_t nop = export_func(store, &inst, "nop"), id = export_func(store, &inst, "id");
  double call_ns[4];
  for (int which = 0; which < 4; which++) {
    wasmc_func_t *f = which % 2 == 0 ? &nop : &id;
    int unchecked = which >= 2;
    wasmc_val_t arg = {.kind = WASMC_I32, .of.i32 = 7}, res;
    wasmc_val_raw_t raw[1];
    long sum = 0;
    double c0 = now_s();
    for (long i = 0; i < calls; i++) {
      if (unchecked) {
        raw[0].i32 = (int32_t)i;
        err = wasmc_func_call_unchecked(store, f, raw, 1, &trap);
        sum += raw[0].i32;
      } else {
        err = f == &nop ? wasmc_func_call(store, f, NULL, 0, NULL, 0, &trap)
                        : wasmc_func_call(store, f, &arg, 1, &res, 1, &trap);
      }
      if (err) die("call", err);
      check_trap("call", trap);
    }
    call_ns[which] = (now_s() - c0) * 1e9 / (double)calls;
    if (sum == -1) printf("(unreachable)\n");
  }
  wasmc_store_delete(store);
  wasmc_module_delete(small_module);
  wasmc_engine_delete(engine);

  double mb = (double)code_len / 1e6;
  printf("wasmc %s, -O%u, compile threads %u%s\n", wasmc_version(), level, threads,
         lazy ? ", lazy" : "");
  printf("engine_new:                       %.3f ms\n", engine_s * 1e3);
  printf("big module:                       %zu bytes, code section %zu bytes\n", big_len,
         code_len);
  printf("  compile (median of %d):         %.1f ms = %.2f MB/s of code section\n",
         compile_reps, compile_s * 1e3, mb / compile_s);
  printf("  bytes -> first call returning:  %.1f ms (entry(1, 2) = %d)\n", big_first_s * 1e3,
         big_result);
  printf("  CPU time per compile+first call: %.1f ms = %.2f MB per CPU-second\n",
         big_cpu_s * 1e3, mb / big_cpu_s);
  printf("small module:                     %zu bytes\n", small_len);
  printf("  bytes -> first call returning:  %.1f us (sum() = %d), of which compile %.1f us\n",
         small_first_s * 1e6, small_result, small_compile_s * 1e6);
  printf("  instantiate (100 per store):    %.2f us per instance (%d instances)\n", inst_s * 1e6,
         instances);
  printf("  store_new+instance+store_delete: %.2f us (%d times)\n", store_inst_s * 1e6,
         store_reps);
  printf("host->wasm call, %ld calls each:\n", calls);
  printf("  wasmc_func_call nop:            %.1f ns\n", call_ns[0]);
  printf("  wasmc_func_call id(i32):        %.1f ns\n", call_ns[1]);
  printf("  wasmc_func_call_unchecked nop:  %.1f ns\n", call_ns[2]);
  printf("  wasmc_func_call_unchecked id:   %.1f ns\n", call_ns[3]);
  printf("JSON {\"engine\":\"wasmc\",\"opt_level\":%u,\"engine_new_ms\":%.3f,\"big_bytes\":%zu,"
         "\"code_section_bytes\":%zu,\"big_compile_ms\":%.3f,\"big_compile_mb_per_s\":%.3f,"
         "\"big_first_call_ms\":%.3f,\"small_first_call_us\":%.2f,\"small_compile_us\":%.2f,"
         "\"instantiate_us\":%.3f,"
         "\"store_instance_us\":%.3f,\"call_ns\":{\"checked_nop\":%.2f,\"checked_id\":%.2f,"
         "\"unchecked_nop\":%.2f,\"unchecked_id\":%.2f}}\n",
         level, engine_s * 1e3, big_len, code_len, compile_s * 1e3, mb / compile_s,
         big_first_s * 1e3, small_first_s * 1e6, small_compile_s * 1e6, inst_s * 1e6,
         store_inst_s * 1e6, call_ns[0], call_ns[1], call_ns[2], call_ns[3]);
  free(times);
  free(firsts);
  free(big);
  free(small);
  return 0;
}
