/*
 * native.c: host functions that are ordinary C functions, called from Wasm through libffi
 * (wasmc_func_new_native): several signatures, multiple results through out-pointers, an
 * `env` parameter and a `caller` parameter that reads the guest's memory.
 *
 *   ./build/examples/native path/to/native.wasm
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "example_util.h"

/* i32, i64, f64 -> f64 */
static double add3(int32_t a, int64_t b, double c) { return (double)a + (double)b + c; }

/* i32, i32 -> i32, i32: two results come back through out-pointers. */
static void divmod(int32_t a, int32_t b, int32_t *quotient, int32_t *remainder) {
  *quotient = a / b;
  *remainder = a % b;
}

/* WASMC_NATIVE_ENV: the first parameter is the env given at creation. */
static void count(void *env, int32_t n) { *(int64_t *)env += n; }

/* WASMC_NATIVE_CALLER: reads a string from the calling instance's memory; a bad string traps
 * through wasmc_caller_set_trap (a native function has no trap result). */
static int32_t greet(wasmc_caller_t *caller, int32_t ptr, int32_t len) {
  wasmc_extern_t memory;
  wasmc_borrow_t borrow;
  const char *text;
  wasmc_store_t *store = wasmc_caller_store(caller);
  wasmc_error_t *error;
  if (!wasmc_caller_export_get(caller, "memory", 6, &memory)) {
    wasmc_caller_set_trap(caller, wasmc_trap_new("no memory export", 16));
    return 0;
  }
  error = wasmc_memory_borrow_str(store, &memory.of.memory, (uint32_t)ptr, (uint32_t)len, &text,
                                  &borrow);
  if (error != NULL) {
    const char *msg = wasmc_error_message(error);
    wasmc_caller_set_trap(caller, wasmc_trap_new(msg, strlen(msg)));
    wasmc_error_delete(error);
    return 0;
  }
  printf("  greet: hello, %.*s!\n", (int)len, text);
  example_check(wasmc_memory_unborrow(store, &borrow), "unborrow"); /* before returning */
  return len;
}

/* Creates a native host function of type (params) -> (results). */
static wasmc_extern_t native(wasmc_store_t *store, const wasmc_valkind_t *params, size_t np,
                             const wasmc_valkind_t *results, size_t nr, void (*fn)(void),
                             uint32_t flags, void *env) {
  wasmc_functype_t *type = wasmc_functype_new(params, np, results, nr);
  wasmc_extern_t ext;
  ext.kind = WASMC_EXTERN_FUNC;
  example_check(wasmc_func_new_native(store, type, fn, flags, env, NULL, &ext.of.func),
                "wasmc_func_new_native");
  wasmc_functype_delete(type);
  return ext;
}

static wasmc_func_t get(wasmc_store_t *store, const wasmc_instance_t *inst, const char *name) {
  wasmc_extern_t ext;
  example_expect(wasmc_instance_export_get(store, inst, name, strlen(name), &ext), name);
  return ext.of.func;
}

int main(int argc, char **argv) {
  static const wasmc_valkind_t add3_params[] = {WASMC_I32, WASMC_I64, WASMC_F64};
  static const wasmc_valkind_t f64[] = {WASMC_F64};
  static const wasmc_valkind_t i32x2[] = {WASMC_I32, WASMC_I32};
  int64_t total = 0;
  wasmc_engine_t *engine;
  wasmc_store_t *store;
  wasmc_module_t *module;
  wasmc_instance_t inst;
  wasmc_extern_t imports[4];
  wasmc_trap_t *trap = NULL;
  wasmc_val_t args[3], results[2];
  wasmc_func_t f;

  example_check(wasmc_engine_new(NULL, &engine), "wasmc_engine_new");
  module = example_load(engine, argc > 1 ? argv[1] : "native.wasm");
  example_check(wasmc_store_new(engine, &store), "wasmc_store_new");
  imports[0] = native(store, add3_params, 3, f64, 1, (void (*)(void))add3, 0, NULL);
  imports[1] = native(store, i32x2, 2, i32x2, 2, (void (*)(void))divmod, 0, NULL);
  imports[2] = native(store, i32x2, 1, NULL, 0, (void (*)(void))count, WASMC_NATIVE_ENV, &total);
  imports[3] = native(store, i32x2, 2, i32x2, 1, (void (*)(void))greet, WASMC_NATIVE_CALLER, NULL);
  example_check(wasmc_instance_new(store, module, imports, 4, &inst, &trap), "instantiate");
  example_expect(trap == NULL, "instantiation");

  memset(args, 0, sizeof args);
  args[0].kind = WASMC_I32;
  args[0].of.i32 = 40;
  args[1].kind = WASMC_I64;
  args[1].of.i64 = INT64_C(2000000000000);
  args[2].kind = WASMC_F64;
  args[2].of.f64 = 0.5;
  f = get(store, &inst, "add3");
  example_check(wasmc_func_call(store, &f, args, 3, results, 1, &trap), "add3");
  printf("add3(40, 2000000000000, 0.5) = %.1f\n", results[0].of.f64);
  example_expect(trap == NULL && results[0].of.f64 == 2000000000040.5, "add3");

  args[0].of.i32 = 47;
  args[1].kind = WASMC_I32;
  args[1].of.i32 = 5;
  f = get(store, &inst, "divmod");
  example_check(wasmc_func_call(store, &f, args, 2, results, 2, &trap), "divmod");
  printf("divmod(47, 5) = (%" PRId32 ", %" PRId32 ")\n", results[0].of.i32, results[1].of.i32);
  example_expect(trap == NULL && results[0].of.i32 == 9 && results[1].of.i32 == 2, "divmod");

  args[0].of.i32 = 100;
  f = get(store, &inst, "count_to");
  example_check(wasmc_func_call(store, &f, args, 1, NULL, 0, &trap), "count_to");
  printf("count_to(100): the env counter is %" PRId64 "\n", total);
  example_expect(trap == NULL && total == 5050, "count_to");

  f = get(store, &inst, "greet");
  example_check(wasmc_func_call(store, &f, NULL, 0, results, 1, &trap), "greet");
  example_expect(trap == NULL && results[0].of.i32 == 5, "greet");

  wasmc_store_delete(store);
  wasmc_module_delete(module);
  wasmc_engine_delete(engine);
  return 0;
}
