/* C API tests: instantiation with imports of every kind, link errors, misuse, traps during
 * instantiation and export lookup. */
#include <stdlib.h>
#include <string.h>

#include "api_test_util.h"

static wasmc_trap_t *plus_one(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *values,
                              size_t capacity) {
  (void)caller;
  assert_int_equal(capacity, 1);
  ++*(int *)env;
  values[0].i32 = values[0].i32 + 1;
  return NULL;
}

typedef struct imports {
  wasmc_extern_t ext[4];
  int calls;
} imports_t;

static void make_imports(wasmc_store_t *store, imports_t *im) {
  memset(im, 0, sizeof *im);
  wasmc_valkind_t i32 = WASMC_I32;
  wasmc_functype_t *type = wasmc_functype_new(&i32, 1, &i32, 1);
  im->ext[0].kind = WASMC_EXTERN_FUNC;
  api_expect_ok(wasmc_func_new(store, type, plus_one, &im->calls, NULL, &im->ext[0].of.func));
  wasmc_functype_delete(type);
  wasmc_limits_t mem_limits = {1, 0, false};
  im->ext[1].kind = WASMC_EXTERN_MEMORY;
  api_expect_ok(wasmc_memory_new(store, &mem_limits, &im->ext[1].of.memory));
  wasmc_limits_t tab_limits = {3, 0, false};
  wasmc_val_t null_func;
  memset(&null_func, 0, sizeof null_func);
  null_func.kind = WASMC_FUNCREF;
  im->ext[2].kind = WASMC_EXTERN_TABLE;
  api_expect_ok(wasmc_table_new(store, WASMC_FUNCREF, &tab_limits, &null_func,
                                &im->ext[2].of.table));
  wasmc_val_t g = api_i32(5);
  im->ext[3].kind = WASMC_EXTERN_GLOBAL;
  api_expect_ok(wasmc_global_new(store, &g, true, &im->ext[3].of.global));
}

static int32_t call_i32(wasmc_store_t *store, const wasmc_instance_t *inst, const char *name,
                        const wasmc_val_t *args, size_t nargs) {
  wasmc_extern_t f = api_export(store, inst, name, WASMC_EXTERN_FUNC);
  wasmc_val_t result;
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_func_call(store, &f.of.func, args, nargs, &result, 1, &trap));
  if (trap) fail_msg("%s trapped: %s", name, wasmc_trap_message(trap));
  assert_int_equal(result.kind, WASMC_I32);
  return result.of.i32;
}

static void test_api_instance__imports_of_every_kind(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "imports");
  imports_t im;
  make_imports(f->store, &im);
  wasmc_instance_t inst;
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_instance_new(f->store, module, im.ext, 4, &inst, &trap));
  assert_null(trap);

  wasmc_val_t arg = api_i32(41);
  assert_int_equal(call_i32(f->store, &inst, "call_host", &arg, 1), 42);
  assert_int_equal(im.calls, 1);

  /* The data segment landed in the imported memory. */
  uint8_t *data = wasmc_memory_data(f->store, &im.ext[1].of.memory);
  assert_non_null(data);
  assert_int_equal(data[16], 0x2a);
  arg = api_i32(16);
  assert_int_equal(call_i32(f->store, &inst, "load", &arg, 1), 42);

  /* The element segment wrote $double into slot 1 of the imported table. */
  wasmc_val_t elem;
  assert_true(wasmc_table_get(f->store, &im.ext[2].of.table, 1, &elem));
  assert_int_equal(elem.kind, WASMC_FUNCREF);
  assert_int_equal(elem.of.funcref.store_id != 0, 1);
  wasmc_val_t args[2] = {api_i32(21), api_i32(1)};
  assert_int_equal(call_i32(f->store, &inst, "call_indirect", args, 2), 42);
  /* Put the host function in slot 0 from the host side and call it indirectly. */
  wasmc_val_t host_ref;
  memset(&host_ref, 0, sizeof host_ref);
  host_ref.kind = WASMC_FUNCREF;
  host_ref.of.funcref = im.ext[0].of.func;
  api_expect_ok(wasmc_table_set(f->store, &im.ext[2].of.table, 0, &host_ref));
  args[1] = api_i32(0);
  assert_int_equal(call_i32(f->store, &inst, "call_indirect", args, 2), 22);
  assert_int_equal(im.calls, 2);

  /* Uninitialised and out-of-range slots trap. */
  wasmc_extern_t ci = api_export(f->store, &inst, "call_indirect", WASMC_EXTERN_FUNC);
  wasmc_val_t result;
  args[1] = api_i32(2);
  api_expect_ok(wasmc_func_call(f->store, &ci.of.func, args, 2, &result, 1, &trap));
  assert_non_null(trap);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_UNINITIALIZED_ELEMENT);
  wasmc_trap_delete(trap);
  args[1] = api_i32(3);
  api_expect_ok(wasmc_func_call(f->store, &ci.of.func, args, 2, &result, 1, &trap));
  assert_non_null(trap);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_TABLE_OUT_OF_BOUNDS);
  wasmc_trap_delete(trap);

  /* The global is shared. */
  assert_int_equal(call_i32(f->store, &inst, "get_g", NULL, 0), 5);
  wasmc_val_t g = api_i32(9);
  api_expect_ok(wasmc_global_set(f->store, &im.ext[3].of.global, &g));
  assert_int_equal(call_i32(f->store, &inst, "get_g", NULL, 0), 9);
  wasmc_module_delete(module);
}

static void test_api_instance__link_errors(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "imports");
  imports_t im;
  make_imports(f->store, &im);
  wasmc_instance_t inst;
  wasmc_trap_t *trap = NULL;
  api_expect_error(wasmc_instance_new(f->store, module, im.ext, 3, &inst, &trap),
                   WASMC_ERR_MISUSE);
  api_expect_error(wasmc_instance_new(f->store, module, NULL, 4, &inst, &trap), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_instance_new(NULL, module, im.ext, 4, &inst, &trap), WASMC_ERR_MISUSE);

  /* Wrong kind. */
  wasmc_extern_t bad[4];
  memcpy(bad, im.ext, sizeof bad);
  bad[1] = im.ext[3];
  api_expect_error(wasmc_instance_new(f->store, module, bad, 4, &inst, &trap),
                   WASMC_ERR_UNLINKABLE);
  /* Wrong function type. */
  memcpy(bad, im.ext, sizeof bad);
  wasmc_functype_t *nullary = wasmc_functype_new(NULL, 0, NULL, 0);
  api_expect_ok(wasmc_func_new(f->store, nullary, plus_one, NULL, NULL, &bad[0].of.func));
  wasmc_functype_delete(nullary);
  api_expect_error(wasmc_instance_new(f->store, module, bad, 4, &inst, &trap),
                   WASMC_ERR_UNLINKABLE);
  /* Table too small (limits subtyping). */
  memcpy(bad, im.ext, sizeof bad);
  wasmc_limits_t small = {1, 0, false};
  wasmc_val_t null_func;
  memset(&null_func, 0, sizeof null_func);
  null_func.kind = WASMC_FUNCREF;
  api_expect_ok(wasmc_table_new(f->store, WASMC_FUNCREF, &small, &null_func, &bad[2].of.table));
  api_expect_error(wasmc_instance_new(f->store, module, bad, 4, &inst, &trap),
                   WASMC_ERR_UNLINKABLE);
  /* Immutable global for a mutable import. */
  memcpy(bad, im.ext, sizeof bad);
  wasmc_val_t g = api_i32(1);
  api_expect_ok(wasmc_global_new(f->store, &g, false, &bad[3].of.global));
  api_expect_error(wasmc_instance_new(f->store, module, bad, 4, &inst, &trap),
                   WASMC_ERR_UNLINKABLE);
  /* Out-of-range handle and a handle from another store. */
  memcpy(bad, im.ext, sizeof bad);
  bad[1].of.memory.index = 12345;
  api_expect_error(wasmc_instance_new(f->store, module, bad, 4, &inst, &trap), WASMC_ERR_MISUSE);
  wasmc_store_t *other;
  api_expect_ok(wasmc_store_new(f->engine, &other));
  imports_t foreign;
  make_imports(other, &foreign);
  memcpy(bad, im.ext, sizeof bad);
  bad[1] = foreign.ext[1];
  api_expect_error(wasmc_instance_new(f->store, module, bad, 4, &inst, &trap), WASMC_ERR_MISUSE);
  wasmc_store_delete(other);
  assert_null(trap);
  wasmc_module_delete(module);
}

static void test_api_instance__start_trap_keeps_writes(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "start_trap");
  wasmc_limits_t limits = {1, 0, false};
  wasmc_extern_t mem;
  mem.kind = WASMC_EXTERN_MEMORY;
  api_expect_ok(wasmc_memory_new(f->store, &limits, &mem.of.memory));
  wasmc_instance_t inst = {0, 0};
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_instance_new(f->store, module, &mem, 1, &inst, &trap));
  assert_non_null(trap);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_UNREACHABLE);
  assert_non_null(strstr(wasmc_trap_message(trap), "unreachable"));
  wasmc_trap_delete(trap);
  assert_int_equal(inst.store_id, 0); /* not written on a trap */
  assert_memory_equal(wasmc_memory_data(f->store, &mem.of.memory), "hi", 2);
  /* A NULL trap_out is allowed. */
  api_expect_ok(wasmc_instance_new(f->store, module, &mem, 1, &inst, NULL));
  wasmc_module_delete(module);
}

static void test_api_instance__elem_out_of_bounds_traps(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "elem_oob");
  wasmc_instance_t inst;
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_instance_new(f->store, module, NULL, 0, &inst, &trap));
  assert_non_null(trap);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_TABLE_OUT_OF_BOUNDS);
  assert_string_equal(wasmc_trap_message(trap), "out of bounds table access");
  wasmc_trap_delete(trap);
  wasmc_module_delete(module);
}

static void test_api_instance__exports(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "basic");
  wasmc_instance_t inst = api_instantiate(f->store, module);
  assert_int_equal(wasmc_instance_export_count(f->store, &inst), 11);
  const char *name;
  size_t len;
  wasmc_extern_t ext;
  assert_true(wasmc_instance_export_nth(f->store, &inst, 0, &name, &len, &ext));
  assert_int_equal(len, 3);
  assert_memory_equal(name, "add", 3);
  assert_int_equal(ext.kind, WASMC_EXTERN_FUNC);
  assert_false(wasmc_instance_export_nth(f->store, &inst, 11, &name, &len, &ext));
  assert_false(wasmc_instance_export_get(f->store, &inst, "nope", 4, &ext));
  assert_false(wasmc_instance_export_get(f->store, &inst, "add", 2, &ext));
  /* The same export twice is the same handle. */
  wasmc_extern_t a = api_export(f->store, &inst, "mem", WASMC_EXTERN_MEMORY);
  wasmc_extern_t b = api_export(f->store, &inst, "mem", WASMC_EXTERN_MEMORY);
  assert_int_equal(a.of.memory.index, b.of.memory.index);

  /* Foreign or bogus instance handles. */
  wasmc_store_t *other;
  api_expect_ok(wasmc_store_new(f->engine, &other));
  assert_false(wasmc_instance_export_get(other, &inst, "add", 3, &ext));
  assert_int_equal(wasmc_instance_export_count(other, &inst), 0);
  wasmc_instance_t bogus = {inst.store_id, 999};
  assert_int_equal(wasmc_instance_export_count(f->store, &bogus), 0);
  assert_false(wasmc_instance_export_nth(f->store, NULL, 0, &name, &len, &ext));
  wasmc_store_delete(other);
  wasmc_module_delete(module);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_api_instance__imports_of_every_kind, api_setup,
                                      api_teardown),
      cmocka_unit_test_setup_teardown(test_api_instance__link_errors, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_instance__start_trap_keeps_writes, api_setup,
                                      api_teardown),
      cmocka_unit_test_setup_teardown(test_api_instance__elem_out_of_bounds_traps, api_setup,
                                      api_teardown),
      cmocka_unit_test_setup_teardown(test_api_instance__exports, api_setup, api_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
