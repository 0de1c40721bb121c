/*
 * trap.c: traps from the guest (division by zero, out-of-bounds load, unreachable) and from the
 * host (an array-call function returning a trap with its own message), and the three outcomes
 * of every call that runs Wasm: error, trap or success.
 *
 *   ./build/examples/trap path/to/trap.wasm
 */
#include <stdio.h>
#include <string.h>

#include "example_util.h"

/* env.check(x): traps with a message of its own when x is negative. */
static wasmc_trap_t *check(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *args,
                           size_t capacity) {
  static const char kMessage[] = "check failed: negative input";
  (void)env;
  (void)caller;
  (void)capacity;
  if (args[0].i32 < 0) return wasmc_trap_new(kMessage, sizeof kMessage - 1);
  return NULL;
}

/* Calls `name` with up to two i32 arguments; returns the trap (or NULL). */
static wasmc_trap_t *run(wasmc_store_t *store, const wasmc_instance_t *inst, const char *name,
                         size_t nargs, int32_t a, int32_t b, size_t nresults) {
  wasmc_extern_t ext;
  wasmc_val_t args[2], result;
  wasmc_trap_t *trap = NULL;
  memset(args, 0, sizeof args);
  args[0].kind = args[1].kind = WASMC_I32;
  args[0].of.i32 = a;
  args[1].of.i32 = b;
  example_expect(wasmc_instance_export_get(store, inst, name, strlen(name), &ext), name);
  example_check(wasmc_func_call(store, &ext.of.func, args, nargs, &result, nresults, &trap), name);
  return trap;
}

static void expect_trap(wasmc_trap_t *trap, const char *call, wasmc_trap_code_t code,
                        const char *message) {
  example_expect(trap != NULL, call);
  printf("%-18s trap %2u: %s\n", call, (unsigned)wasmc_trap_code(trap), wasmc_trap_message(trap));
  example_expect(wasmc_trap_code(trap) == code, call);
  example_expect(strcmp(wasmc_trap_message(trap), message) == 0, call);
  wasmc_trap_delete(trap);
}

int main(int argc, char **argv) {
  static const wasmc_valkind_t i32[] = {WASMC_I32};
  wasmc_engine_t *engine;
  wasmc_store_t *store;
  wasmc_module_t *module;
  wasmc_instance_t inst;
  wasmc_extern_t import;
  wasmc_trap_t *trap = NULL;
  wasmc_functype_t *type = wasmc_functype_new(i32, 1, NULL, 0);
  wasmc_error_t *error;

  example_check(wasmc_engine_new(NULL, &engine), "wasmc_engine_new");
  module = example_load(engine, argc > 1 ? argv[1] : "trap.wasm");
  example_check(wasmc_store_new(engine, &store), "wasmc_store_new");
  import.kind = WASMC_EXTERN_FUNC;
  example_check(wasmc_func_new(store, type, check, NULL, NULL, &import.of.func), "func_new");
  wasmc_functype_delete(type);
  example_check(wasmc_instance_new(store, module, &import, 1, &inst, &trap), "instantiate");
  example_expect(trap == NULL, "instantiation");

  example_expect(run(store, &inst, "div", 2, 7, 2, 1) == NULL, "div(7, 2)");
  expect_trap(run(store, &inst, "div", 2, 7, 0, 1), "div(7, 0)", WASMC_TRAP_INT_DIV_BY_ZERO,
              "integer divide by zero (in function `div`)");
  expect_trap(run(store, &inst, "div", 2, INT32_MIN, -1, 1), "div(INT_MIN, -1)",
              WASMC_TRAP_INT_OVERFLOW, "integer overflow (in function `div`)");
  expect_trap(run(store, &inst, "load", 1, 65535, 0, 1), "load(65535)",
              WASMC_TRAP_MEMORY_OUT_OF_BOUNDS, "out of bounds memory access (in function `load`)");
  expect_trap(run(store, &inst, "fail", 0, 0, 0, 0), "fail()", WASMC_TRAP_UNREACHABLE,
              "unreachable (in function `fail`)");
  example_expect(run(store, &inst, "deep", 1, 1, 0, 0) == NULL, "deep(1)");
  expect_trap(run(store, &inst, "deep", 1, -1, 0, 0), "deep(-1)", WASMC_TRAP_HOST,
              "check failed: negative input");

  /* An error is not a trap: the call did not run (here: wrong number of arguments). */
  {
    wasmc_extern_t ext;
    example_expect(wasmc_instance_export_get(store, &inst, "fail", 4, &ext), "fail");
    error = wasmc_func_call(store, &ext.of.func, NULL, 1, NULL, 0, &trap);
    example_expect(error != NULL && trap == NULL, "misuse is an error");
    printf("%-18s error %u: %s\n", "fail(<1 arg>)", (unsigned)wasmc_error_code(error),
           wasmc_error_message(error));
    wasmc_error_delete(error);
  }

  wasmc_store_delete(store);
  wasmc_module_delete(module);
  wasmc_engine_delete(engine);
  return 0;
}
