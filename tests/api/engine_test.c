/* C API tests: version, config, engine, errors and function types. */
#include <stdlib.h>
#include <string.h>

#include "api_test_util.h"

static void test_api_version__matches_header(void **state) {
  (void)state;
  assert_string_equal(wasmc_version(), WASMC_VERSION);
  assert_int_equal(wasmc_version_number(), WASMC_VERSION_NUMBER);
}

static void test_api_config__rejects_bad_values(void **state) {
  (void)state;
  wasmc_config_t *config = wasmc_config_new();
  assert_non_null(config);
  api_expect_ok(wasmc_config_opt_level_set(config, 0));
  api_expect_error(wasmc_config_opt_level_set(config, 2), WASMC_ERR_MISUSE);
  api_expect_ok(wasmc_config_bounds_mode_set(config, WASMC_BOUNDS_EXPLICIT));
  api_expect_error(wasmc_config_bounds_mode_set(config, 7), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_config_max_wasm_stack_set(config, 1024), WASMC_ERR_MISUSE);
  api_expect_ok(wasmc_config_max_wasm_stack_set(config, 256 * 1024));
  api_expect_error(wasmc_config_opt_level_set(NULL, 0), WASMC_ERR_MISUSE);
  wasmc_engine_t *engine = NULL;
  api_expect_ok(wasmc_engine_new(config, &engine));
  wasmc_config_delete(config); /* the engine copied it */
  assert_non_null(engine);
  wasmc_engine_delete(engine);
  wasmc_config_delete(NULL);
}

static void test_api_engine__null_args(void **state) {
  (void)state;
  api_expect_error(wasmc_engine_new(NULL, NULL), WASMC_ERR_MISUSE);
  wasmc_store_t *store = NULL;
  api_expect_error(wasmc_store_new(NULL, &store), WASMC_ERR_MISUSE);
  assert_null(store);
  wasmc_engine_delete(NULL);
  wasmc_store_delete(NULL);
}

static void test_api_engine__outlives_caller_reference(void **state) {
  (void)state;
  wasmc_engine_t *engine = NULL;
  api_expect_ok(wasmc_engine_new(NULL, &engine));
  wasmc_store_t *store = NULL;
  api_expect_ok(wasmc_store_new(engine, &store));
  wasmc_module_t *module = api_compile(engine, "basic");
  wasmc_engine_delete(engine); /* the store and module keep it alive */
  wasmc_instance_t instance = api_instantiate(store, module);
  wasmc_extern_t add = api_export(store, &instance, "add", WASMC_EXTERN_FUNC);
  wasmc_val_t args[2] = {api_i32(2), api_i32(3)};
  wasmc_val_t result;
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_func_call(store, &add.of.func, args, 2, &result, 1, &trap));
  assert_null(trap);
  assert_int_equal(result.of.i32, 5);
  wasmc_module_delete(module);
  wasmc_store_delete(store);
}

static void test_api_error__malformed_has_offset(void **state) {
  api_fixture_t *f = *state;
  static const uint8_t bad_magic[] = {0x00, 0x61, 0x73, 0x6e, 0x01, 0x00, 0x00, 0x00};
  wasmc_error_t *err = wasmc_module_validate(f->engine, bad_magic, sizeof bad_magic);
  assert_non_null(err);
  assert_int_equal(wasmc_error_code(err), WASMC_ERR_MALFORMED);
  assert_string_equal(wasmc_error_message(err), "magic header not detected");
  uint64_t offset = 99;
  assert_true(wasmc_error_offset(err, &offset));
  assert_int_equal(offset, 0);
  wasmc_error_delete(err);
  wasmc_error_delete(NULL);

  err = wasmc_config_opt_level_set(NULL, 0);
  assert_false(wasmc_error_offset(err, &offset));
  wasmc_error_delete(err);
}

static void test_api_trap__host_trap_accessors(void **state) {
  (void)state;
  wasmc_trap_t *trap = wasmc_trap_new("no\0pe", 5);
  assert_non_null(trap);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_HOST);
  assert_memory_equal(wasmc_trap_message(trap), "no\0pe", 5);
  wasmc_trap_delete(trap);
  wasmc_trap_delete(NULL);
}

static void test_api_types__functype(void **state) {
  (void)state;
  wasmc_valkind_t params[] = {WASMC_I32, WASMC_F64, WASMC_EXTERNREF};
  wasmc_valkind_t results[] = {WASMC_FUNCREF};
  wasmc_functype_t *type = wasmc_functype_new(params, 3, results, 1);
  assert_non_null(type);
  size_t n = 0;
  const wasmc_valkind_t *p = wasmc_functype_params(type, &n);
  assert_int_equal(n, 3);
  assert_memory_equal(p, params, 3);
  const wasmc_valkind_t *r = wasmc_functype_results(type, &n);
  assert_int_equal(n, 1);
  assert_int_equal(r[0], WASMC_FUNCREF);
  wasmc_functype_delete(type);

  wasmc_valkind_t bogus = 42;
  assert_null(wasmc_functype_new(&bogus, 1, NULL, 0));
  assert_null(wasmc_functype_new(NULL, 1, NULL, 0));
  type = wasmc_functype_new(NULL, 0, NULL, 0);
  assert_non_null(type);
  wasmc_functype_results(type, &n);
  assert_int_equal(n, 0);
  wasmc_functype_delete(type);
  wasmc_functype_delete(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_api_version__matches_header),
      cmocka_unit_test(test_api_config__rejects_bad_values),
      cmocka_unit_test(test_api_engine__null_args),
      cmocka_unit_test(test_api_engine__outlives_caller_reference),
      cmocka_unit_test_setup_teardown(test_api_error__malformed_has_offset, api_setup,
                                      api_teardown),
      cmocka_unit_test(test_api_trap__host_trap_accessors),
      cmocka_unit_test(test_api_types__functype),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
