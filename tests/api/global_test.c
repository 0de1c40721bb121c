/* C API tests: host-created and exported globals, mutability and kind checks. */
#include <string.h>

#include "api_test_util.h"

static void test_api_global__new_get_set(void **state) {
  api_fixture_t *f = *state;
  wasmc_val_t v = api_i64(-5);
  wasmc_global_t g;
  api_expect_ok(wasmc_global_new(f->store, &v, true, &g));
  wasmc_valkind_t kind;
  bool is_mut;
  assert_true(wasmc_global_type(f->store, &g, &kind, &is_mut));
  assert_int_equal(kind, WASMC_I64);
  assert_true(is_mut);
  wasmc_val_t out;
  assert_true(wasmc_global_get(f->store, &g, &out));
  assert_int_equal(out.kind, WASMC_I64);
  assert_int_equal(out.of.i64, -5);
  v = api_i64(123);
  api_expect_ok(wasmc_global_set(f->store, &g, &v));
  assert_true(wasmc_global_get(f->store, &g, &out));
  assert_int_equal(out.of.i64, 123);
  v = api_i32(1);
  api_expect_error(wasmc_global_set(f->store, &g, &v), WASMC_ERR_MISUSE);

  wasmc_global_t c;
  api_expect_ok(wasmc_global_new(f->store, &v, false, &c));
  api_expect_error(wasmc_global_set(f->store, &c, &v), WASMC_ERR_MISUSE);
  wasmc_val_t bad;
  memset(&bad, 0, sizeof bad);
  bad.kind = 99;
  api_expect_error(wasmc_global_new(f->store, &bad, false, &c), WASMC_ERR_MISUSE);

  wasmc_store_t *other;
  api_expect_ok(wasmc_store_new(f->engine, &other));
  assert_false(wasmc_global_get(other, &g, &out));
  api_expect_error(wasmc_global_set(other, &g, &v), WASMC_ERR_MISUSE);
  wasmc_store_delete(other);
}

static void test_api_global__exported(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "basic");
  wasmc_instance_t inst = api_instantiate(f->store, module);
  wasmc_global_t g = api_export(f->store, &inst, "counter", WASMC_EXTERN_GLOBAL).of.global;
  wasmc_val_t out;
  assert_true(wasmc_global_get(f->store, &g, &out));
  assert_int_equal(out.kind, WASMC_I32);
  assert_int_equal(out.of.i32, 7);
  wasmc_module_delete(module);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_api_global__new_get_set, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_global__exported, api_setup, api_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
