/*
 * memory.c: guest memory handles. The host reads a guest string through a checked, UTF-8
 * validated borrow, fills a guest array through a mutable borrow and checked scalar writes, and
 * shows what a borrow refuses while it is outstanding: calls into the guest and memory growth.
 *
 *   ./build/examples/memory path/to/memory.wasm
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "example_util.h"

/* env.log(ptr, len): prints a guest string (a shared borrow, UTF-8 checked). */
static wasmc_trap_t *log_string(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *args,
                                size_t capacity) {
  wasmc_extern_t memory;
  wasmc_borrow_t borrow;
  const char *text;
  wasmc_store_t *store = wasmc_caller_store(caller);
  wasmc_error_t *error;
  (void)env;
  (void)capacity;
  if (!wasmc_caller_export_get(caller, "memory", 6, &memory)) return wasmc_trap_new("no memory", 9);
  error = wasmc_memory_borrow_str(store, &memory.of.memory, (uint32_t)args[0].i32,
                                  (uint32_t)args[1].i32, &text, &borrow);
  if (error != NULL) {
    wasmc_trap_t *trap =
        wasmc_trap_new(wasmc_error_message(error), strlen(wasmc_error_message(error)));
    wasmc_error_delete(error);
    return trap;
  }
  printf("  guest says: \"%.*s\"\n", (int)args[1].i32, text);
  example_check(wasmc_memory_unborrow(store, &borrow), "unborrow");
  return NULL;
}

/* env.fill_squares(ptr, n): writes i*i for i < n as little-endian i32s at ptr. The first half
 * through a mutable borrow (a direct pointer), the rest through checked scalar writes. */
static wasmc_trap_t *fill_squares(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *args,
                                  size_t capacity) {
  wasmc_extern_t memory;
  wasmc_borrow_t borrow;
  uint8_t *p;
  uint32_t ptr = (uint32_t)args[0].i32, n = (uint32_t)args[1].i32, half = n / 2, i;
  wasmc_store_t *store = wasmc_caller_store(caller);
  wasmc_error_t *error;
  (void)env;
  (void)capacity;
  if (!wasmc_caller_export_get(caller, "memory", 6, &memory)) return wasmc_trap_new("no memory", 9);
  /* half * 4 < 2^32 for any n < 2^32; larger ranges are the API's OVERFLOW / OUT_OF_BOUNDS. */
  error =
      wasmc_memory_borrow(store, &memory.of.memory, ptr, half * 4, WASMC_BORROW_MUT, &p, &borrow);
  if (error != NULL) {
    wasmc_trap_t *trap =
        wasmc_trap_new(wasmc_error_message(error), strlen(wasmc_error_message(error)));
    wasmc_error_delete(error);
    return trap;
  }
  for (i = 0; i < half; i++) {
    uint32_t sq = i * i;
    memcpy(p + 4 * i, &sq, 4); /* the guest is little-endian, like this host */
  }
  example_check(wasmc_memory_unborrow(store, &borrow), "unborrow");
  for (i = half; i < n; i++) {
    int32_t sq = (int32_t)(i * i);
    error = wasmc_memory_write_scalar(store, &memory.of.memory, ptr + 4 * i, 4, 4, &sq);
    if (error != NULL) {
      wasmc_trap_t *trap =
          wasmc_trap_new(wasmc_error_message(error), strlen(wasmc_error_message(error)));
      wasmc_error_delete(error);
      return trap;
    }
  }
  return NULL;
}

static wasmc_extern_t host(wasmc_store_t *store, wasmc_func_callback_t cb) {
  static const wasmc_valkind_t params[] = {WASMC_I32, WASMC_I32};
  wasmc_functype_t *type = wasmc_functype_new(params, 2, NULL, 0);
  wasmc_extern_t ext;
  ext.kind = WASMC_EXTERN_FUNC;
  example_check(wasmc_func_new(store, type, cb, NULL, NULL, &ext.of.func), "wasmc_func_new");
  wasmc_functype_delete(type);
  return ext;
}

int main(int argc, char **argv) {
  wasmc_engine_t *engine;
  wasmc_store_t *store;
  wasmc_module_t *module;
  wasmc_instance_t inst;
  wasmc_extern_t imports[2], ext;
  wasmc_trap_t *trap = NULL;
  wasmc_val_t arg, result;
  wasmc_memory_t memory;
  wasmc_func_t sum, nop;
  wasmc_borrow_t borrow;
  wasmc_error_t *error;
  uint8_t *p, bytes[4];
  uint64_t prev;
  int32_t value;

  example_check(wasmc_engine_new(NULL, &engine), "wasmc_engine_new");
  module = example_load(engine, argc > 1 ? argv[1] : "memory.wasm");
  example_check(wasmc_store_new(engine, &store), "wasmc_store_new");
  imports[0] = host(store, log_string);
  imports[1] = host(store, fill_squares);
  example_check(wasmc_instance_new(store, module, imports, 2, &inst, &trap), "instantiate");
  example_expect(trap == NULL, "instantiation");
  example_expect(wasmc_instance_export_get(store, &inst, "memory", 6, &ext), "memory export");
  memory = ext.of.memory;
  example_expect(wasmc_instance_export_get(store, &inst, "sum_squares", 11, &ext), "export");
  sum = ext.of.func;
  example_expect(wasmc_instance_export_get(store, &inst, "nop", 3, &ext), "export");
  nop = ext.of.func;

  memset(&arg, 0, sizeof arg);
  arg.kind = WASMC_I32;
  arg.of.i32 = 100;
  example_check(wasmc_func_call(store, &sum, &arg, 1, &result, 1, &trap), "sum_squares");
  example_expect(trap == NULL, "sum_squares trapped");
  printf("sum_squares(100) = %" PRId32 "\n", result.of.i32);
  example_expect(result.of.i32 == 328350, "sum_squares(100)");

  /* Checked access from the host: the guest's 10th square, and an out-of-bounds read. */
  example_check(wasmc_memory_read_scalar(store, &memory, 1024 + 4 * 10, 4, 4, &value), "read");
  printf("square 10 read back by the host: %" PRId32 "\n", value);
  example_expect(value == 100, "square 10");
  error = wasmc_memory_read(store, &memory, 65534, bytes, 4);
  printf("reading 4 bytes at 65534: %s (code %u)\n", wasmc_error_message(error),
         (unsigned)wasmc_error_code(error));
  example_expect(wasmc_error_code(error) == WASMC_ERR_OUT_OF_BOUNDS, "out of bounds");
  wasmc_error_delete(error);

  /* While a borrow is outstanding, the guest cannot run and the memory cannot grow. */
  example_check(wasmc_memory_borrow(store, &memory, 1024, 16, WASMC_BORROW_SHARED, &p, &borrow),
                "borrow");
  error = wasmc_func_call(store, &nop, NULL, 0, NULL, 0, &trap);
  printf("call while borrowed: %s (code %u)\n", wasmc_error_message(error),
         (unsigned)wasmc_error_code(error));
  example_expect(wasmc_error_code(error) == WASMC_ERR_BORROWED, "call refused");
  wasmc_error_delete(error);
  error = wasmc_memory_grow(store, &memory, 1, &prev);
  printf("grow while borrowed: %s\n", wasmc_error_message(error));
  example_expect(wasmc_error_code(error) == WASMC_ERR_BORROWED, "grow refused");
  wasmc_error_delete(error);
  example_check(wasmc_memory_unborrow(store, &borrow), "unborrow");
  example_check(wasmc_func_call(store, &nop, NULL, 0, NULL, 0, &trap), "call after unborrow");
  example_check(wasmc_memory_grow(store, &memory, 1, &prev), "grow after unborrow");
  printf("after unborrow: the call runs and the memory grew from %" PRIu64 " page(s)\n", prev);

  wasmc_store_delete(store);
  wasmc_module_delete(module);
  wasmc_engine_delete(engine);
  return 0;
}
