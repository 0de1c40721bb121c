/* C API test: linear-memory reservations are reused after their store is deleted (runtime
 * memory.cc caches them), and a reused memory behaves like a fresh one: every byte outside the
 * data segment reads as zero, including pages a previous memory grew into and wrote, its size is
 * the module's minimum, accesses past it trap, and growing again yields zero pages. Both bounds
 * modes. A plain program, not a cmocka test: cmocka's SIGSEGV handler would take guard-page
 * faults away from wasmc (see trap_rss_test.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasmc.h"

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

enum { kPage = 65536, kInstances = 3 };

/* Offsets the first round writes: both ends of the first page, a later OS page, and (after
 * growing to 3 pages) inside the grown pages. */
static const int32_t kLowOffsets[] = {0, 4096 + 8, kPage - 4};
static const int32_t kGrownOffsets[] = {kPage, kPage + 100, 3 * kPage - 4};

typedef struct {
  wasmc_store_t *store;
  wasmc_instance_t inst;
  wasmc_func_t load, store_fn, grow;
  wasmc_memory_t mem;
} instance_t;

static wasmc_val_t i32(int32_t v) {
  wasmc_val_t val;
  memset(&val, 0, sizeof val);
  val.kind = WASMC_I32;
  val.of.i32 = v;
  return val;
}

static wasmc_extern_t export_of(instance_t *in, const char *name, wasmc_externkind_t kind) {
  wasmc_extern_t ext;
  CHECK(wasmc_instance_export_get(in->store, &in->inst, name, strlen(name), &ext));
  CHECK(ext.kind == kind);
  return ext;
}

static void instantiate(wasmc_store_t *store, wasmc_module_t *module, instance_t *in) {
  wasmc_trap_t *trap = NULL;
  in->store = store;
  CHECK(wasmc_instance_new(store, module, NULL, 0, &in->inst, &trap) == NULL && trap == NULL);
  in->load = export_of(in, "load", WASMC_EXTERN_FUNC).of.func;
  in->store_fn = export_of(in, "store", WASMC_EXTERN_FUNC).of.func;
  in->grow = export_of(in, "grow", WASMC_EXTERN_FUNC).of.func;
  in->mem = export_of(in, "mem", WASMC_EXTERN_MEMORY).of.memory;
}

/* Calls `fn(args)` -> at most one i32; returns the trap code, or 0 (result in *out). */
static wasmc_trap_code_t call(instance_t *in, wasmc_func_t *fn, int32_t a, int32_t b, int nargs,
                              int32_t *out) {
  wasmc_val_t args[2] = {i32(a), i32(b)};
  wasmc_val_t result = i32(0);
  wasmc_trap_t *trap = NULL;
  size_t nresults = fn == &in->store_fn ? 0 : 1;
  CHECK(wasmc_func_call(in->store, fn, args, (size_t)nargs, &result, nresults, &trap) == NULL);
  if (trap) {
    wasmc_trap_code_t code = wasmc_trap_code(trap);
    wasmc_trap_delete(trap);
    return code;
  }
  if (out) *out = result.of.i32;
  return 0;
}

static int32_t load(instance_t *in, int32_t addr) {
  int32_t v = -1;
  CHECK(call(in, &in->load, addr, 0, 1, &v) == 0);
  return v;
}

/* Every byte of the memory is zero except the data segment "wasmc" at 16. */
static void check_fresh(instance_t *in, uint64_t pages) {
  const uint8_t *data = wasmc_memory_data(in->store, &in->mem);
  CHECK(wasmc_memory_size(in->store, &in->mem) == pages);
  CHECK(wasmc_memory_data_size(in->store, &in->mem) == pages * kPage);
  for (size_t i = 0; i < pages * kPage; ++i) {
    uint8_t expected = i >= 16 && i < 21 ? (uint8_t) "wasmc"[i - 16] : 0;
    if (data[i] != expected) {
      fprintf(stderr, "byte %zu is %u, expected %u\n", i, data[i], expected);
      exit(1);
    }
  }
}

static void run(wasmc_bounds_mode_t mode, const uint8_t *bytes, size_t len) {
  wasmc_config_t *config = wasmc_config_new();
  wasmc_engine_t *engine;
  wasmc_module_t *module;
  wasmc_store_t *store;
  instance_t in[kInstances];
  const uint8_t *bases[kInstances];
  int32_t v;
  CHECK(wasmc_config_bounds_mode_set(config, mode) == NULL);
  CHECK(wasmc_engine_new(config, &engine) == NULL);
  wasmc_config_delete(config);
  CHECK(wasmc_module_new(engine, bytes, len, &module) == NULL);

  /* Round 1: dirty every memory, low pages and grown pages. */
  CHECK(wasmc_store_new(engine, &store) == NULL);
  for (int k = 0; k < kInstances; ++k) {
    instantiate(store, module, &in[k]);
    bases[k] = wasmc_memory_data(store, &in[k].mem);
    check_fresh(&in[k], 1);
    CHECK(call(&in[k], &in[k].grow, 2, 0, 1, &v) == 0 && v == 1);
    for (size_t i = 0; i < 3; ++i) {
      CHECK(call(&in[k], &in[k].store_fn, kLowOffsets[i], -1, 2, NULL) == 0);
      CHECK(call(&in[k], &in[k].store_fn, kGrownOffsets[i], 0x5a5a5a5a, 2, NULL) == 0);
    }
    CHECK(load(&in[k], kGrownOffsets[2]) == 0x5a5a5a5a);
    CHECK(call(&in[k], &in[k].load, 3 * kPage, 0, 1, NULL) == WASMC_TRAP_MEMORY_OUT_OF_BOUNDS);
  }
  wasmc_store_delete(store);

  /* Round 2: the same reservations again (so this test exercises reuse), fresh contents. */
  CHECK(wasmc_store_new(engine, &store) == NULL);
  int reused = 0;
  for (int k = 0; k < kInstances; ++k) {
    instantiate(store, module, &in[k]);
    const uint8_t *base = wasmc_memory_data(store, &in[k].mem);
    for (int j = 0; j < kInstances; ++j) reused += base == bases[j];
    check_fresh(&in[k], 1);
    for (size_t i = 0; i < 3; ++i) {
      CHECK(load(&in[k], kLowOffsets[i]) == 0);
      /* Past the 1-page size the previous memory had grown into: out of bounds again. */
      CHECK(call(&in[k], &in[k].load, kGrownOffsets[i], 0, 1, NULL) ==
            WASMC_TRAP_MEMORY_OUT_OF_BOUNDS);
    }
    CHECK(call(&in[k], &in[k].grow, 2, 0, 1, &v) == 0 && v == 1);
    check_fresh(&in[k], 3);
    for (size_t i = 0; i < 3; ++i) CHECK(load(&in[k], kGrownOffsets[i]) == 0);
    CHECK(call(&in[k], &in[k].load, 3 * kPage, 0, 1, NULL) == WASMC_TRAP_MEMORY_OUT_OF_BOUNDS);
    CHECK(call(&in[k], &in[k].grow, 1, 0, 1, &v) == 0 && v == -1);
  }
  CHECK(reused == kInstances);
  wasmc_store_delete(store);
  wasmc_module_delete(module);
  wasmc_engine_delete(engine);
}

int main(int argc, char **argv) {
  static uint8_t bytes[4096];
  size_t len;
  FILE *f;
  CHECK(argc == 2);
  f = fopen(argv[1], "rb");
  CHECK(f != NULL);
  len = fread(bytes, 1, sizeof bytes, f);
  fclose(f);
  run(WASMC_BOUNDS_GUARD_PAGES, bytes, len);
  run(WASMC_BOUNDS_EXPLICIT, bytes, len);
  printf("memory_reuse: ok\n");
  return 0;
}
