/* C API tests: host-created and exported memories, growth from the host and from Wasm, bulk
 * memory helpers and their out-of-bounds traps. */
#include <string.h>

#include "api_test_util.h"

static void test_api_memory__new_and_grow(void **state) {
  api_fixture_t *f = *state;
  wasmc_limits_t limits = {1, 3, true};
  wasmc_memory_t mem;
  api_expect_ok(wasmc_memory_new(f->store, &limits, &mem));
  assert_int_equal(wasmc_memory_size(f->store, &mem), 1);
  assert_int_equal(wasmc_memory_data_size(f->store, &mem), 65536);
  uint8_t *data = wasmc_memory_data(f->store, &mem);
  assert_non_null(data);
  data[65535] = 7;
  uint64_t prev = 99;
  api_expect_ok(wasmc_memory_grow(f->store, &mem, 2, &prev));
  assert_int_equal(prev, 1);
  assert_int_equal(wasmc_memory_size(f->store, &mem), 3);
  assert_ptr_equal(wasmc_memory_data(f->store, &mem), data); /* the base never moves */
  assert_int_equal(data[65535], 7);
  assert_int_equal(data[3 * 65536 - 1], 0);
  api_expect_error(wasmc_memory_grow(f->store, &mem, 1, &prev), WASMC_ERR_RESOURCE);
  assert_int_equal(wasmc_memory_size(f->store, &mem), 3);
  wasmc_limits_t type;
  assert_true(wasmc_memory_type(f->store, &mem, &type));
  assert_int_equal(type.min, 1);
  assert_int_equal(type.max, 3);
}

static void test_api_memory__misuse(void **state) {
  api_fixture_t *f = *state;
  wasmc_memory_t mem;
  wasmc_limits_t bad = {2, 1, true};
  api_expect_error(wasmc_memory_new(f->store, &bad, &mem), WASMC_ERR_MISUSE);
  wasmc_limits_t huge = {65537, 0, false};
  api_expect_error(wasmc_memory_new(f->store, &huge, &mem), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_memory_new(f->store, NULL, &mem), WASMC_ERR_MISUSE);
  wasmc_limits_t ok = {0, 0, false};
  api_expect_ok(wasmc_memory_new(f->store, &ok, &mem));
  wasmc_memory_t bogus = {mem.store_id, 77};
  assert_null(wasmc_memory_data(f->store, &bogus));
  assert_int_equal(wasmc_memory_size(f->store, &bogus), 0);
  api_expect_error(wasmc_memory_grow(f->store, &bogus, 1, NULL), WASMC_ERR_MISUSE);
  wasmc_store_t *other;
  api_expect_ok(wasmc_store_new(f->engine, &other));
  assert_null(wasmc_memory_data(other, &mem));
  api_expect_error(wasmc_memory_grow(other, &mem, 1, NULL), WASMC_ERR_MISUSE);
  wasmc_store_delete(other);
}

static void call(api_fixture_t *f, const wasmc_instance_t *inst, const char *name,
                 const wasmc_val_t *args, size_t nargs, wasmc_val_t *results, size_t nresults,
                 wasmc_trap_t **trap) {
  wasmc_func_t fn = api_export(f->store, inst, name, WASMC_EXTERN_FUNC).of.func;
  api_expect_ok(wasmc_func_call(f->store, &fn, args, nargs, results, nresults, trap));
}

static void test_api_memory__bulk_helpers(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "bulk");
  wasmc_instance_t inst = api_instantiate(f->store, module);
  wasmc_memory_t mem = api_export(f->store, &inst, "mem", WASMC_EXTERN_MEMORY).of.memory;
  uint8_t *data = wasmc_memory_data(f->store, &mem);
  wasmc_trap_t *trap = NULL;
  wasmc_val_t args[3] = {api_i32(10), api_i32(0x55), api_i32(4)};
  call(f, &inst, "fill", args, 3, NULL, 0, &trap);
  assert_null(trap);
  assert_memory_equal(data + 10, "UUUU", 4);
  args[0] = api_i32(100);
  args[1] = api_i32(1);
  args[2] = api_i32(3);
  call(f, &inst, "init", args, 3, NULL, 0, &trap);
  assert_null(trap);
  assert_memory_equal(data + 100, "bcd", 3);
  /* Past the end of the segment, and past the end of memory. */
  args[1] = api_i32(2);
  call(f, &inst, "init", args, 3, NULL, 0, &trap);
  assert_non_null(trap);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_MEMORY_OUT_OF_BOUNDS);
  assert_non_null(strstr(wasmc_trap_message(trap), "out of bounds memory access"));
  wasmc_trap_delete(trap);
  args[0] = api_i32(65535);
  args[1] = api_i32(0);
  args[2] = api_i32(2);
  call(f, &inst, "fill", args, 3, NULL, 0, &trap);
  assert_non_null(trap);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_MEMORY_OUT_OF_BOUNDS);
  wasmc_trap_delete(trap);

  /* memory.grow from Wasm is visible from the host. */
  wasmc_val_t delta = api_i32(2), old;
  call(f, &inst, "grow", &delta, 1, &old, 1, &trap);
  assert_null(trap);
  assert_int_equal(old.of.i32, 1);
  assert_int_equal(wasmc_memory_size(f->store, &mem), 3);
  delta = api_i32(70000);
  call(f, &inst, "grow", &delta, 1, &old, 1, &trap);
  assert_null(trap);
  assert_int_equal(old.of.i32, -1);
  wasmc_module_delete(module);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_api_memory__new_and_grow, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_memory__misuse, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_memory__bulk_helpers, api_setup, api_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
