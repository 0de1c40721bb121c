/* C API tests: module validation, compilation errors, reference counting and reflection. */
#include <stdlib.h>
#include <string.h>

#include "api_test_util.h"

static void test_api_module__validate(void **state) {
  api_fixture_t *f = *state;
  size_t len;
  uint8_t *bytes = api_load_wasm("basic", &len);
  api_expect_ok(wasmc_module_validate(f->engine, bytes, len));
  /* Truncated input is malformed, never a crash. */
  api_expect_error(wasmc_module_validate(f->engine, bytes, len - 3), WASMC_ERR_MALFORMED);
  api_expect_error(wasmc_module_validate(f->engine, bytes, 0), WASMC_ERR_MALFORMED);
  free(bytes);
  api_expect_error(wasmc_module_validate(NULL, NULL, 0), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_module_validate(f->engine, NULL, 4), WASMC_ERR_MISUSE);
}

static void test_api_module__invalid(void **state) {
  api_fixture_t *f = *state;
  /* (module (func (result i32) (i64.const 0))) */
  static const uint8_t invalid[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05,
                                    0x01, 0x60, 0x00, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x0a,
                                    0x06, 0x01, 0x04, 0x00, 0x42, 0x00, 0x0b};
  wasmc_error_t *err = wasmc_module_validate(f->engine, invalid, sizeof invalid);
  assert_non_null(err);
  assert_int_equal(wasmc_error_code(err), WASMC_ERR_INVALID);
  assert_string_equal(wasmc_error_message(err), "type mismatch");
  wasmc_error_delete(err);
  wasmc_module_t *module = NULL;
  api_expect_error(wasmc_module_new(f->engine, invalid, sizeof invalid, &module),
                   WASMC_ERR_INVALID);
  assert_null(module);
}

static void test_api_module__null_args(void **state) {
  api_fixture_t *f = *state;
  size_t len;
  uint8_t *bytes = api_load_wasm("basic", &len);
  wasmc_module_t *module = NULL;
  api_expect_error(wasmc_module_new(NULL, bytes, len, &module), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_module_new(f->engine, bytes, len, NULL), WASMC_ERR_MISUSE);
  free(bytes);
  wasmc_module_delete(NULL);
  assert_null(wasmc_module_copy(NULL));
  assert_int_equal(wasmc_module_import_count(NULL), 0);
  assert_int_equal(wasmc_module_export_count(NULL), 0);
  api_expect_error(wasmc_module_import_get(NULL, 0, NULL, NULL, NULL, NULL, NULL),
                   WASMC_ERR_MISUSE);
}

static void test_api_module__import_reflection(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "imports");
  assert_int_equal(wasmc_module_import_count(module), 4);
  const char *mod_name, *name;
  size_t mod_len, name_len;
  const wasmc_externtype_t *type;

  api_expect_ok(wasmc_module_import_get(module, 0, &mod_name, &mod_len, &name, &name_len, &type));
  assert_int_equal(mod_len, 3);
  assert_memory_equal(mod_name, "env", 3);
  assert_int_equal(name_len, 4);
  assert_memory_equal(name, "host", 4);
  assert_int_equal(type->kind, WASMC_EXTERN_FUNC);
  size_t n;
  const wasmc_valkind_t *kinds = wasmc_functype_params(type->func, &n);
  assert_int_equal(n, 1);
  assert_int_equal(kinds[0], WASMC_I32);
  wasmc_functype_results(type->func, &n);
  assert_int_equal(n, 1);

  api_expect_ok(wasmc_module_import_get(module, 1, NULL, NULL, NULL, NULL, &type));
  assert_int_equal(type->kind, WASMC_EXTERN_MEMORY);
  assert_int_equal(type->limits.min, 1);
  assert_false(type->limits.has_max);

  api_expect_ok(wasmc_module_import_get(module, 2, NULL, NULL, NULL, NULL, &type));
  assert_int_equal(type->kind, WASMC_EXTERN_TABLE);
  assert_int_equal(type->table_elem, WASMC_FUNCREF);
  assert_int_equal(type->limits.min, 2);

  api_expect_ok(wasmc_module_import_get(module, 3, NULL, NULL, NULL, NULL, &type));
  assert_int_equal(type->kind, WASMC_EXTERN_GLOBAL);
  assert_int_equal(type->global_kind, WASMC_I32);
  assert_true(type->global_mutable);

  api_expect_error(wasmc_module_import_get(module, 4, NULL, NULL, NULL, NULL, &type),
                   WASMC_ERR_MISUSE);
  wasmc_module_delete(module);
}

static void test_api_module__export_reflection(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "basic");
  size_t count = wasmc_module_export_count(module);
  assert_int_equal(count, 11);
  int seen = 0;
  for (size_t i = 0; i < count; ++i) {
    const char *name;
    size_t len;
    const wasmc_externtype_t *type;
    api_expect_ok(wasmc_module_export_get(module, i, &name, &len, &type));
    if (len == 4 && memcmp(name, "swap", 4) == 0) {
      size_t n;
      const wasmc_valkind_t *r = wasmc_functype_results(type->func, &n);
      assert_int_equal(n, 2);
      assert_int_equal(r[0], WASMC_F64);
      assert_int_equal(r[1], WASMC_F32);
      seen |= 1;
    } else if (len == 3 && memcmp(name, "mem", 3) == 0) {
      assert_int_equal(type->kind, WASMC_EXTERN_MEMORY);
      assert_int_equal(type->limits.min, 1);
      assert_true(type->limits.has_max);
      assert_int_equal(type->limits.max, 2);
      seen |= 2;
    } else if (len == 7 && memcmp(name, "counter", 7) == 0) {
      assert_int_equal(type->kind, WASMC_EXTERN_GLOBAL);
      assert_true(type->global_mutable);
      seen |= 4;
    }
  }
  assert_int_equal(seen, 7);
  api_expect_error(wasmc_module_export_get(module, count, NULL, NULL, NULL), WASMC_ERR_MISUSE);

  /* A copy is the same module and keeps it alive. */
  wasmc_module_t *copy = wasmc_module_copy(module);
  assert_non_null(copy);
  wasmc_module_delete(module);
  assert_int_equal(wasmc_module_export_count(copy), count);
  wasmc_module_delete(copy);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_api_module__validate, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_module__invalid, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_module__null_args, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_module__import_reflection, api_setup,
                                      api_teardown),
      cmocka_unit_test_setup_teardown(test_api_module__export_reflection, api_setup,
                                      api_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
