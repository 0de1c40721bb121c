/* C API tests: externrefs (host data, raw words, passing through Wasm) and their finalizers,
 * run exactly once at store deletion. */
#include <string.h>

#include "api_test_util.h"

static int finalized;
static void count_finalize(void *data) {
  (void)data;
  ++finalized;
}

static void test_api_externref__roundtrip_and_finalizer(void **state) {
  (void)state;
  wasmc_engine_t *engine;
  api_expect_ok(wasmc_engine_new(NULL, &engine));
  wasmc_store_t *store;
  api_expect_ok(wasmc_store_new(engine, &store));
  int payload = 17;
  wasmc_externref_t ref;
  finalized = 0;
  api_expect_ok(wasmc_externref_new(store, &payload, count_finalize, &ref));
  assert_ptr_equal(wasmc_externref_data(store, &ref), &payload);
  uint64_t raw = wasmc_externref_to_raw(store, &ref);
  assert_true(raw != 0);
  wasmc_externref_t back = wasmc_externref_from_raw(store, raw);
  assert_int_equal(back.store_id, ref.store_id);
  assert_int_equal(back.index, ref.index);
  assert_int_equal(wasmc_externref_from_raw(store, 0).store_id, 0);
  assert_int_equal(wasmc_externref_from_raw(store, 999).store_id, 0);

  /* Through Wasm and back. */
  wasmc_module_t *module = api_compile(engine, "basic");
  wasmc_instance_t inst = api_instantiate(store, module);
  wasmc_func_t id = api_export(store, &inst, "id_ref", WASMC_EXTERN_FUNC).of.func;
  wasmc_val_t arg, result;
  memset(&arg, 0, sizeof arg);
  arg.kind = WASMC_EXTERNREF;
  arg.of.externref = ref;
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_func_call(store, &id, &arg, 1, &result, 1, &trap));
  assert_null(trap);
  assert_int_equal(result.kind, WASMC_EXTERNREF);
  assert_ptr_equal(wasmc_externref_data(store, &result.of.externref), &payload);
  arg.of.externref.store_id = 0; /* null */
  api_expect_ok(wasmc_func_call(store, &id, &arg, 1, &result, 1, &trap));
  assert_int_equal(result.of.externref.store_id, 0);
  assert_null(wasmc_externref_data(store, &result.of.externref));

  /* Foreign use is harmless. */
  wasmc_store_t *other;
  api_expect_ok(wasmc_store_new(engine, &other));
  assert_null(wasmc_externref_data(other, &ref));
  assert_int_equal(wasmc_externref_to_raw(other, &ref), 0);
  wasmc_store_delete(other);

  assert_int_equal(finalized, 0);
  wasmc_store_delete(store);
  assert_int_equal(finalized, 1);
  wasmc_module_delete(module);
  wasmc_engine_delete(engine);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_api_externref__roundtrip_and_finalizer),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
