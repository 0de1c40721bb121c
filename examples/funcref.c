/*
 * funcref.c: function references. A table holds guest functions and a host function; the
 * host adds another host function to it with wasmc_table_set and reads guest functions back
 * as handles (one handle per function, so handles compare equal field by field); Wasm calls
 * them all with call_indirect, whose signature check traps on a mismatch.
 *
 *   ./build/examples/funcref path/to/funcref.wasm
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "example_util.h"

static wasmc_trap_t *square(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *args,
                            size_t capacity) {
  (void)env;
  (void)caller;
  (void)capacity;
  args[0].i32 = args[0].i32 * args[0].i32;
  return NULL;
}

static wasmc_trap_t *negate(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *args,
                            size_t capacity) {
  (void)env;
  (void)caller;
  (void)capacity;
  args[0].i32 = -args[0].i32;
  return NULL;
}

static int32_t apply(wasmc_store_t *store, const wasmc_func_t *fn, int32_t i, int32_t x,
                     wasmc_trap_t **trap) {
  wasmc_val_t args[2], result;
  memset(args, 0, sizeof args);
  args[0].kind = args[1].kind = WASMC_I32;
  args[0].of.i32 = i;
  args[1].of.i32 = x;
  result.of.i32 = 0;
  example_check(wasmc_func_call(store, fn, args, 2, &result, 1, trap), "apply");
  return result.of.i32;
}

int main(int argc, char **argv) {
  static const wasmc_valkind_t i32[] = {WASMC_I32};
  static const char *const names[] = {"inc", "dbl", "square (host)", "negate (host)"};
  static const int32_t expected[] = {11, 20, 100, -10};
  wasmc_engine_t *engine;
  wasmc_store_t *store;
  wasmc_module_t *module;
  wasmc_linker_t *linker;
  wasmc_instance_t inst;
  wasmc_extern_t ext;
  wasmc_trap_t *trap = NULL;
  wasmc_func_t apply_fn, get_inc, negate_fn;
  wasmc_table_t ops;
  wasmc_val_t elem, ref;
  wasmc_functype_t *unary = wasmc_functype_new(i32, 1, i32, 1);
  int32_t i;

  example_check(wasmc_engine_new(NULL, &engine), "wasmc_engine_new");
  module = example_load(engine, argc > 1 ? argv[1] : "funcref.wasm");
  example_check(wasmc_store_new(engine, &store), "wasmc_store_new");
  /* Imports by name, through a linker. */
  example_check(wasmc_linker_new(engine, &linker), "wasmc_linker_new");
  example_check(
      wasmc_linker_define_func(linker, store, "env", 3, "square", 6, unary, square, NULL, NULL),
      "define square");
  example_check(wasmc_linker_instantiate(linker, store, module, &inst, &trap), "instantiate");
  example_expect(trap == NULL, "instantiation");
  example_expect(wasmc_instance_export_get(store, &inst, "apply", 5, &ext), "apply");
  apply_fn = ext.of.func;
  example_expect(wasmc_instance_export_get(store, &inst, "ops", 3, &ext), "ops");
  ops = ext.of.table;

  /* The host puts a host function into slot 3. */
  example_check(wasmc_func_new(store, unary, negate, NULL, NULL, &negate_fn), "negate");
  memset(&elem, 0, sizeof elem);
  elem.kind = WASMC_FUNCREF;
  elem.of.funcref = negate_fn;
  example_check(wasmc_table_set(store, &ops, 3, &elem), "wasmc_table_set");

  for (i = 0; i < 4; i++) {
    int32_t r = apply(store, &apply_fn, i, 10, &trap);
    example_expect(trap == NULL, "apply trapped");
    printf("ops[%" PRId32 "] = %-14s apply(%" PRId32 ", 10) = %" PRId32 "\n", i, names[i], i, r);
    example_expect(r == expected[i], names[i]);
  }

  /* Identity: ref.func $inc, table slot 0 and the value read by the host are one handle. */
  example_expect(wasmc_instance_export_get(store, &inst, "get_inc", 7, &ext), "get_inc");
  get_inc = ext.of.func;
  example_check(wasmc_func_call(store, &get_inc, NULL, 0, &ref, 1, &trap), "get_inc");
  example_expect(wasmc_table_get(store, &ops, 0, &elem), "table_get");
  printf("ref.func $inc == ops[0]: %s\n", ref.of.funcref.store_id == elem.of.funcref.store_id &&
                                                  ref.of.funcref.index == elem.of.funcref.index
                                              ? "yes"
                                              : "no");
  example_expect(ref.of.funcref.index == elem.of.funcref.index, "identity");

  /* A function of another type in the table: call_indirect's signature check traps. */
  example_expect(wasmc_instance_export_get(store, &inst, "get_nullary", 11, &ext), "get_nullary");
  example_check(wasmc_func_call(store, &ext.of.func, NULL, 0, &elem, 1, &trap), "get_nullary");
  example_check(wasmc_table_set(store, &ops, 3, &elem), "wasmc_table_set");
  apply(store, &apply_fn, 3, 10, &trap);
  example_expect(trap != NULL && wasmc_trap_code(trap) == WASMC_TRAP_INDIRECT_CALL_TYPE,
                 "signature mismatch trap");
  printf("apply(3, 10) with a () -> i32 function in slot 3: trap: %s\n", wasmc_trap_message(trap));
  wasmc_trap_delete(trap);

  wasmc_functype_delete(unary);
  wasmc_linker_delete(linker);
  wasmc_store_delete(store);
  wasmc_module_delete(module);
  wasmc_engine_delete(engine);
  return 0;
}
