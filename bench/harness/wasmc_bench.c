/*
 * wasmc_bench.c: runs one benchmark kernel (.wasm exporting `run(i32) -> i32`) on wasmc through
 * the public C API. Times, with clock_gettime(CLOCK_MONOTONIC):
 *   compile_ns      wasmc_module_new (decode + validate + compile),
 *   instantiate_ns  wasmc_store_new + wasmc_instance_new,
 *   calls[i].ns     each wasmc_func_call of `run(n)` alone.
 *
 *   wasmc_bench [-O level] [--explicit-bounds] <kernel.wasm> <n> [calls]
 *
 * With WASMC_BENCH_FUEL=1 in the environment the code is compiled with fuel checks (and the
 * store gets INT64_MAX fuel); with WASMC_BENCH_EPOCH=1, with epoch checks (no deadline), to
 * measure their overhead, e.g. `WASMC_BENCH_FUEL=1 python3 bench/run.py --engines wasmc`.
 *
 * Prints one JSON object on stdout (the shape shared by every harness); on failure prints
 * {"engine":"wasmc","error":"..."} and exits 1.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wasmc.h"

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Prints `what: message` as a JSON error object (message escaped) and returns 1. */
static int fail(const char *what, const char *message) {
  printf("{\"engine\":\"wasmc\",\"error\":\"%s: ", what);
  for (const char *p = message; *p; p++) {
    if (*p == '"' || *p == '\\')
      printf("\\%c", *p);
    else if ((unsigned char)*p < 0x20)
      printf(" ");
    else
      putchar(*p);
  }
  printf("\"}\n");
  return 1;
}

static int fail_error(const char *what, wasmc_error_t *error) {
  fail(what, wasmc_error_message(error));
  wasmc_error_delete(error);
  return 1;
}

static uint8_t *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *data = malloc(size > 0 ? (size_t)size : 1);
  if (data != NULL && fread(data, 1, (size_t)size, f) != (size_t)size) {
    free(data);
    data = NULL;
  }
  fclose(f);
  *len = (size_t)size;
  return data;
}

int main(int argc, char **argv) {
  uint32_t level = 1;
  int explicit_bounds = 0;
  int argi = 1;
  while (argi < argc && argv[argi][0] == '-') {
    if (strcmp(argv[argi], "-O") == 0 && argi + 1 < argc) {
      level = (uint32_t)atoi(argv[argi + 1]);
      argi += 2;
    } else if (strcmp(argv[argi], "--explicit-bounds") == 0) {
      explicit_bounds = 1;
      argi++;
    } else {
      break;
    }
  }
  if (argc - argi < 2) {
    fprintf(stderr, "usage: %s [-O level] [--explicit-bounds] <kernel.wasm> <n> [calls]\n",
            argv[0]);
    return 2;
  }
  const char *path = argv[argi];
  int32_t n = atoi(argv[argi + 1]);
  int calls = argc - argi > 2 ? atoi(argv[argi + 2]) : 2;

  size_t len;
  uint8_t *bytes = read_file(path, &len);
  if (bytes == NULL) return fail("read", path);

  wasmc_config_t *config = wasmc_config_new();
  wasmc_error_t *err = wasmc_config_opt_level_set(config, level);
  if (err) return fail_error("config_opt_level_set", err);
  if (explicit_bounds) {
    err = wasmc_config_bounds_mode_set(config, WASMC_BOUNDS_EXPLICIT);
    if (err) return fail_error("config_bounds_mode_set", err);
  }
  const char *fuel_env = getenv("WASMC_BENCH_FUEL"), *epoch_env = getenv("WASMC_BENCH_EPOCH");
  bool fuel = fuel_env != NULL && strcmp(fuel_env, "1") == 0;
  if (fuel) {
    err = wasmc_config_consume_fuel_set(config, true);
    if (err) return fail_error("config_consume_fuel_set", err);
  }
  if (epoch_env != NULL && strcmp(epoch_env, "1") == 0) {
    err = wasmc_config_epoch_interruption_set(config, true);
    if (err) return fail_error("config_epoch_interruption_set", err);
  }
  wasmc_engine_t *engine;
  err = wasmc_engine_new(config, &engine);
  wasmc_config_delete(config);
  if (err) return fail_error("engine_new", err);

  int64_t t0 = now_ns();
  wasmc_module_t *module;
  err = wasmc_module_new(engine, bytes, len, &module);
  int64_t t1 = now_ns();
  if (err) return fail_error("module_new", err);

  wasmc_store_t *store;
  wasmc_instance_t instance;
  wasmc_trap_t *trap = NULL;
  int64_t t2 = now_ns();
  err = wasmc_store_new(engine, &store);
  if (err) return fail_error("store_new", err);
  if (fuel) {
    err = wasmc_store_fuel_set(store, UINT64_MAX);
    if (err) return fail_error("store_fuel_set", err);
  }
  err = wasmc_instance_new(store, module, NULL, 0, &instance, &trap);
  int64_t t3 = now_ns();
  if (err) return fail_error("instance_new", err);
  if (trap) return fail("instance_new trapped", wasmc_trap_message(trap));

  wasmc_extern_t ext;
  if (!wasmc_instance_export_get(store, &instance, "run", 3, &ext) ||
      ext.kind != WASMC_EXTERN_FUNC)
    return fail("export", "no function export `run`");

  int64_t *ns = calloc((size_t)calls, sizeof *ns);
  int32_t *res = calloc((size_t)calls, sizeof *res);
  for (int i = 0; i < calls; i++) {
    wasmc_val_t arg, result;
    arg.kind = WASMC_I32;
    arg.of.i32 = n;
    int64_t c0 = now_ns();
    err = wasmc_func_call(store, &ext.of.func, &arg, 1, &result, 1, &trap);
    int64_t c1 = now_ns();
    if (err) return fail_error("func_call", err);
    if (trap) return fail("run trapped", wasmc_trap_message(trap));
    ns[i] = c1 - c0;
    res[i] = result.of.i32;
  }
  printf("{\"engine\":\"wasmc\",\"version\":\"%s\",\"opt_level\":%u,\"compile_ns\":%lld,"
         "\"instantiate_ns\":%lld,\"calls\":[",
         wasmc_version(), level, (long long)(t1 - t0), (long long)(t3 - t2));
  for (int i = 0; i < calls; i++)
    printf("%s{\"ns\":%lld,\"result\":%d}", i ? "," : "", (long long)ns[i], res[i]);
  printf("]}\n");

  wasmc_store_delete(store);
  wasmc_module_delete(module);
  wasmc_engine_delete(engine);
  free(ns);
  free(res);
  free(bytes);
  return 0;
}
