/* C API test: 100,000 trapping calls (out-of-bounds memory by guard page, integer divide by
 * zero, call stack exhausted) leave the store usable and the resident set flat: no per-trap
 * leak of memory, call records or alternate signal stacks. Under ASan the allocator's
 * quarantine makes RSS meaningless, so fewer calls run and the leak checker judges instead.
 * A plain program, not a cmocka test: cmocka installs its own SIGSEGV handler around every
 * test, which (as for any host that installs a handler after wasmc) takes guard-page faults
 * away from wasmc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasmc.h"

#define CHECK(cond)                                                     \
  do {                                                                  \
    if (!(cond)) {                                                      \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      exit(1);                                                          \
    }                                                                   \
  } while (0)

#if defined(__SANITIZE_ADDRESS__)
#define TRAP_RSS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TRAP_RSS_ASAN 1
#endif
#endif

#ifdef TRAP_RSS_ASAN
enum { kCalls = 10000 };
#else
enum { kCalls = 100000 };
#endif

static long resident_kib(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  unsigned long size = 0, resident = 0;
  if (!f) return 0;
  if (fscanf(f, "%lu %lu", &size, &resident) != 2) resident = 0;
  fclose(f);
  return (long)(resident * 4); /* 4 KiB pages */
}

/* Calls `fn(arg)` and checks that it traps with `code`. */
static wasmc_val_t i32(int32_t v) {
  wasmc_val_t val;
  memset(&val, 0, sizeof val);
  val.kind = WASMC_I32;
  val.of.i32 = v;
  return val;
}

static void call_expect_trap(wasmc_store_t *store, wasmc_func_t *fn, int32_t arg,
                             wasmc_trap_code_t code) {
  wasmc_val_t args[1] = {i32(arg)};
  wasmc_val_t result;
  wasmc_trap_t *trap = NULL;
  CHECK(wasmc_func_call(store, fn, args, 1, &result, 1, &trap) == NULL);
  CHECK(trap != NULL);
  CHECK(wasmc_trap_code(trap) == code);
  wasmc_trap_delete(trap);
}

static wasmc_func_t export_func(wasmc_store_t *store, const wasmc_instance_t *inst,
                                const char *name) {
  wasmc_extern_t ext;
  CHECK(wasmc_instance_export_get(store, inst, name, strlen(name), &ext));
  CHECK(ext.kind == WASMC_EXTERN_FUNC);
  return ext.of.func;
}

static wasmc_module_t *compile(wasmc_engine_t *engine, const char *path) {
  static uint8_t bytes[4096];
  size_t len;
  wasmc_module_t *module = NULL;
  FILE *f = fopen(path, "rb");
  CHECK(f != NULL);
  len = fread(bytes, 1, sizeof bytes, f);
  fclose(f);
  CHECK(wasmc_module_new(engine, bytes, len, &module) == NULL);
  return module;
}

static void run_round(wasmc_store_t *store, wasmc_func_t fns[3], int i) {
  static const wasmc_trap_code_t codes[3] = {WASMC_TRAP_MEMORY_OUT_OF_BOUNDS,
                                             WASMC_TRAP_INT_DIV_BY_ZERO,
                                             WASMC_TRAP_STACK_EXHAUSTED};
  /* Stack exhaustion is the slowest trap: one call in ten. */
  int which = i % 10 == 9 ? 2 : i % 2;
  call_expect_trap(store, &fns[which], which == 1 ? 0 : i, codes[which]);
}

int main(int argc, char **argv) {
  wasmc_engine_t *engine = NULL;
  wasmc_store_t *store = NULL;
  wasmc_module_t *module;
  wasmc_instance_t inst;
  wasmc_trap_t *trap = NULL;
  wasmc_func_t fns[3], ok;
  long before, after;
  int i;
  CHECK(argc == 2); /* the path of traps.wasm */
  CHECK(wasmc_engine_new(NULL, &engine) == NULL);
  CHECK(wasmc_store_new(engine, &store) == NULL);
  module = compile(engine, argv[1]);
  CHECK(wasmc_instance_new(store, module, NULL, 0, &inst, &trap) == NULL && trap == NULL);
  fns[0] = export_func(store, &inst, "oob");
  fns[1] = export_func(store, &inst, "div0");
  fns[2] = export_func(store, &inst, "recurse");
  ok = export_func(store, &inst, "ok");
  for (i = 0; i < kCalls / 10; i++) run_round(store, fns, i); /* warm-up */
  before = resident_kib();
  for (i = 0; i < kCalls; i++) run_round(store, fns, i);
  after = resident_kib();
  printf("%d trapping calls: RSS %ld KiB -> %ld KiB\n", kCalls, before, after);
#ifndef TRAP_RSS_ASAN
  CHECK(after - before < 2048);
#endif
  { /* The store still works. */
    wasmc_val_t args[1] = {i32(14)};
    wasmc_val_t result;
    CHECK(wasmc_func_call(store, &ok, args, 1, &result, 1, &trap) == NULL);
    CHECK(trap == NULL);
    CHECK(result.of.i32 == 42);
  }
  wasmc_module_delete(module);
  wasmc_store_delete(store);
  wasmc_engine_delete(engine);
  printf("api.trap_rss: 1 passed, 0 failed\n");
  return 0;
}
