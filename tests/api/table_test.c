/* C API tests: host-created and exported tables, element access and growth from the host and
 * from Wasm, misuse with foreign values and handles. */
#include <string.h>

#include "api_test_util.h"

static wasmc_val_t null_of(wasmc_valkind_t kind) {
  wasmc_val_t v;
  memset(&v, 0, sizeof v);
  v.kind = kind;
  return v;
}

static void test_api_table__host_table(void **state) {
  api_fixture_t *f = *state;
  wasmc_externref_t ref;
  api_expect_ok(wasmc_externref_new(f->store, (void *)0x1234, NULL, &ref));
  wasmc_val_t init = null_of(WASMC_EXTERNREF);
  init.of.externref = ref;
  wasmc_limits_t limits = {2, 4, true};
  wasmc_table_t table;
  api_expect_ok(wasmc_table_new(f->store, WASMC_EXTERNREF, &limits, &init, &table));
  assert_int_equal(wasmc_table_size(f->store, &table), 2);
  wasmc_val_t v;
  assert_true(wasmc_table_get(f->store, &table, 1, &v));
  assert_int_equal(v.kind, WASMC_EXTERNREF);
  assert_ptr_equal(wasmc_externref_data(f->store, &v.of.externref), (void *)0x1234);
  assert_false(wasmc_table_get(f->store, &table, 2, &v));

  wasmc_val_t null_ref = null_of(WASMC_EXTERNREF);
  api_expect_ok(wasmc_table_set(f->store, &table, 0, &null_ref));
  assert_true(wasmc_table_get(f->store, &table, 0, &v));
  assert_int_equal(v.of.externref.store_id, 0);
  api_expect_error(wasmc_table_set(f->store, &table, 2, &null_ref), WASMC_ERR_MISUSE);
  wasmc_val_t wrong = api_i32(1);
  api_expect_error(wasmc_table_set(f->store, &table, 0, &wrong), WASMC_ERR_MISUSE);

  uint64_t prev = 0;
  api_expect_ok(wasmc_table_grow(f->store, &table, 2, &init, &prev));
  assert_int_equal(prev, 2);
  assert_int_equal(wasmc_table_size(f->store, &table), 4);
  api_expect_error(wasmc_table_grow(f->store, &table, 1, &init, &prev), WASMC_ERR_RESOURCE);

  wasmc_valkind_t kind;
  wasmc_limits_t type;
  assert_true(wasmc_table_type(f->store, &table, &kind, &type));
  assert_int_equal(kind, WASMC_EXTERNREF);
  assert_int_equal(type.max, 4);
}

static void test_api_table__misuse(void **state) {
  api_fixture_t *f = *state;
  wasmc_limits_t limits = {1, 0, false};
  wasmc_val_t init = null_of(WASMC_FUNCREF);
  wasmc_table_t table;
  api_expect_error(wasmc_table_new(f->store, WASMC_I32, &limits, &init, &table),
                   WASMC_ERR_MISUSE);
  api_expect_error(wasmc_table_new(f->store, WASMC_EXTERNREF, &limits, &init, &table),
                   WASMC_ERR_MISUSE);
  api_expect_ok(wasmc_table_new(f->store, WASMC_FUNCREF, &limits, &init, &table));

  wasmc_store_t *other;
  api_expect_ok(wasmc_store_new(f->engine, &other));
  wasmc_functype_t *type = wasmc_functype_new(NULL, 0, NULL, 0);
  wasmc_val_t foreign = null_of(WASMC_FUNCREF);
  wasmc_module_t *module = api_compile(f->engine, "basic");
  wasmc_instance_t inst = api_instantiate(other, module);
  foreign.of.funcref = api_export(other, &inst, "add", WASMC_EXTERN_FUNC).of.func;
  api_expect_error(wasmc_table_set(f->store, &table, 0, &foreign), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_table_set(other, &table, 0, &init), WASMC_ERR_MISUSE);
  assert_int_equal(wasmc_table_size(other, &table), 0);
  wasmc_functype_delete(type);
  wasmc_store_delete(other);
  wasmc_module_delete(module);
}

static void test_api_table__from_wasm(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "bulk");
  wasmc_instance_t inst = api_instantiate(f->store, module);
  wasmc_table_t table = api_export(f->store, &inst, "tab", WASMC_EXTERN_TABLE).of.table;
  wasmc_externref_t ref;
  api_expect_ok(wasmc_externref_new(f->store, &ref, NULL, &ref));
  wasmc_val_t args[2];
  args[0] = api_i32(3);
  args[1] = null_of(WASMC_EXTERNREF);
  args[1].of.externref = ref;
  wasmc_trap_t *trap = NULL;
  wasmc_func_t tset = api_export(f->store, &inst, "tset", WASMC_EXTERN_FUNC).of.func;
  api_expect_ok(wasmc_func_call(f->store, &tset, args, 2, NULL, 0, &trap));
  assert_null(trap);
  wasmc_val_t v;
  assert_true(wasmc_table_get(f->store, &table, 3, &v));
  assert_int_equal(v.of.externref.index, ref.index);

  args[0] = api_i32(4);
  api_expect_ok(wasmc_func_call(f->store, &tset, args, 2, NULL, 0, &trap));
  assert_non_null(trap);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_TABLE_OUT_OF_BOUNDS);
  wasmc_trap_delete(trap);

  wasmc_func_t tgrow = api_export(f->store, &inst, "tgrow", WASMC_EXTERN_FUNC).of.func;
  wasmc_val_t gargs[2] = {args[1], api_i32(3)};
  wasmc_val_t old;
  api_expect_ok(wasmc_func_call(f->store, &tgrow, gargs, 2, &old, 1, &trap));
  assert_null(trap);
  assert_int_equal(old.of.i32, 4);
  assert_int_equal(wasmc_table_size(f->store, &table), 7);
  wasmc_func_t tget = api_export(f->store, &inst, "tget", WASMC_EXTERN_FUNC).of.func;
  wasmc_val_t idx = api_i32(6);
  api_expect_ok(wasmc_func_call(f->store, &tget, &idx, 1, &v, 1, &trap));
  assert_null(trap);
  assert_int_equal(v.kind, WASMC_EXTERNREF);
  assert_ptr_equal(wasmc_externref_data(f->store, &v.of.externref), &ref);
  wasmc_module_delete(module);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_api_table__host_table, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_table__misuse, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_table__from_wasm, api_setup, api_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
