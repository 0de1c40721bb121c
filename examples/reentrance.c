/*
 * reentrance.c: host -> Wasm -> host -> Wasm ... The guest's fib(n) calls the host's fib for
 * n - 1 and n - 2, and the host calls the guest's fib export again through the caller's store,
 * so the two alternate down to the leaves. A trap deep inside comes out unchanged.
 *
 *   ./build/examples/reentrance path/to/reentrance.wasm
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "example_util.h"

typedef struct {
  int32_t depth, max_depth;
  uint64_t host_calls;
  int32_t trap_at; /* trap when asked for this n (-1: never) */
} fib_state;

/* host.fib(n): calls the guest's exported fib(n) (found through the caller) and returns it. */
static wasmc_trap_t *host_fib(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *args,
                              size_t capacity) {
  fib_state *st = env;
  wasmc_extern_t fib;
  wasmc_trap_t *trap = NULL;
  wasmc_val_raw_t values[1];
  (void)capacity;
  st->host_calls++;
  if (args[0].i32 == st->trap_at) return wasmc_trap_new("host refuses fib(3)", 19);
  if (!wasmc_caller_export_get(caller, "fib", 3, &fib)) return wasmc_trap_new("no fib", 6);
  values[0].i32 = args[0].i32;
  if (++st->depth > st->max_depth) st->max_depth = st->depth;
  example_check(
      wasmc_func_call_unchecked(wasmc_caller_store(caller), &fib.of.func, values, 1, &trap),
      "re-entrant call");
  st->depth--;
  if (trap != NULL) return trap; /* pass the inner trap on, unchanged */
  args[0].i64 = values[0].i64;
  return NULL;
}

int main(int argc, char **argv) {
  static const wasmc_valkind_t i32[] = {WASMC_I32}, i64[] = {WASMC_I64};
  fib_state st = {0, 0, 0, -1};
  wasmc_engine_t *engine;
  wasmc_store_t *store;
  wasmc_module_t *module;
  wasmc_linker_t *linker;
  wasmc_instance_t inst;
  wasmc_extern_t fib;
  wasmc_trap_t *trap = NULL;
  wasmc_val_t arg, result;
  wasmc_functype_t *type = wasmc_functype_new(i32, 1, i64, 1);

  example_check(wasmc_engine_new(NULL, &engine), "wasmc_engine_new");
  module = example_load(engine, argc > 1 ? argv[1] : "reentrance.wasm");
  example_check(wasmc_store_new(engine, &store), "wasmc_store_new");
  example_check(wasmc_linker_new(engine, &linker), "wasmc_linker_new");
  example_check(
      wasmc_linker_define_func(linker, store, "host", 4, "fib", 3, type, host_fib, &st, NULL),
      "define host.fib");
  wasmc_functype_delete(type);
  example_check(wasmc_linker_instantiate(linker, store, module, &inst, &trap), "instantiate");
  example_expect(trap == NULL, "instantiation");
  example_expect(wasmc_instance_export_get(store, &inst, "fib", 3, &fib), "fib export");

  memset(&arg, 0, sizeof arg);
  arg.kind = WASMC_I32;
  arg.of.i32 = 20;
  example_check(wasmc_func_call(store, &fib.of.func, &arg, 1, &result, 1, &trap), "fib(20)");
  example_expect(trap == NULL, "fib(20) trapped");
  printf("fib(20) = %" PRId64 " (%" PRIu64 " host calls, %" PRId32
         " nested host -> Wasm entries deep)\n",
         result.of.i64, st.host_calls, st.max_depth);
  example_expect(result.of.i64 == 6765 && st.max_depth == 19, "fib(20)");

  st.trap_at = 3;
  example_check(wasmc_func_call(store, &fib.of.func, &arg, 1, &result, 1, &trap), "fib(20)");
  example_expect(trap != NULL, "the inner trap reaches the outer caller");
  printf("with the host refusing fib(3): trap: %s\n", wasmc_trap_message(trap));
  example_expect(strcmp(wasmc_trap_message(trap), "host refuses fib(3)") == 0, "message");
  wasmc_trap_delete(trap);

  wasmc_linker_delete(linker);
  wasmc_store_delete(store);
  wasmc_module_delete(module);
  wasmc_engine_delete(engine);
  return 0;
}
