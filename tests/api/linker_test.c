/* C API tests: the linker. Definitions (externs, host functions, whole instances), lookup,
 * shadowing rules, name-based instantiation with type and limit checks, and every error:
 * unknown and incompatible imports named in the message, foreign stores, NULL arguments. */
#include <string.h>

#include "api_test_util.h"

static wasmc_trap_t *add_one(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *args,
                             size_t capacity) {
  (void)caller;
  (void)capacity;
  args[0].i32 += 1 + (env ? *(int32_t *)env : 0);
  return NULL;
}

static int finalized;
static void finalizer(void *env) {
  (void)env;
  ++finalized;
}

static wasmc_functype_t *i32_i32(void) {
  static const wasmc_valkind_t i32[] = {WASMC_I32};
  wasmc_functype_t *t = wasmc_functype_new(i32, 1, i32, 1);
  assert_non_null(t);
  return t;
}

/* imports.wat needs env.host (i32->i32), env.mem (memory 1), env.tab (table 2 funcref),
 * env.g (mut i32). */
static void define_env(api_fixture_t *f, wasmc_linker_t *linker, int32_t *bonus) {
  wasmc_functype_t *t = i32_i32();
  wasmc_limits_t lim = {1, 2, true};
  wasmc_extern_t mem, tab, g;
  wasmc_val_t zero = api_i32(0), null_ref;
  memset(&null_ref, 0, sizeof null_ref);
  null_ref.kind = WASMC_FUNCREF;
  api_expect_ok(wasmc_linker_define_func(linker, f->store, "env", 3, "host", 4, t, add_one, bonus,
                                         finalizer));
  wasmc_functype_delete(t);
  mem.kind = WASMC_EXTERN_MEMORY;
  api_expect_ok(wasmc_memory_new(f->store, &lim, &mem.of.memory));
  api_expect_ok(wasmc_linker_define(linker, f->store, "env", 3, "mem", 3, &mem));
  tab.kind = WASMC_EXTERN_TABLE;
  lim.min = 2;
  lim.max = 10;
  api_expect_ok(wasmc_table_new(f->store, WASMC_FUNCREF, &lim, &null_ref, &tab.of.table));
  api_expect_ok(wasmc_linker_define(linker, f->store, "env", 3, "tab", 3, &tab));
  g.kind = WASMC_EXTERN_GLOBAL;
  api_expect_ok(wasmc_global_new(f->store, &zero, true, &g.of.global));
  api_expect_ok(wasmc_linker_define(linker, f->store, "env", 3, "g", 1, &g));
}

static int32_t call1(api_fixture_t *f, const wasmc_instance_t *inst, const char *name,
                     int32_t arg) {
  wasmc_func_t fn = api_export(f->store, inst, name, WASMC_EXTERN_FUNC).of.func;
  wasmc_val_t a = api_i32(arg), r;
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_func_call(f->store, &fn, &a, 1, &r, 1, &trap));
  assert_null(trap);
  return r.of.i32;
}

static void test_api_linker__instantiate_by_name(void **state) {
  api_fixture_t *f = *state;
  wasmc_linker_t *linker;
  wasmc_module_t *module = api_compile(f->engine, "imports");
  wasmc_instance_t inst, inst2;
  wasmc_trap_t *trap = NULL;
  wasmc_extern_t got;
  int32_t bonus = 10;
  finalized = 0;
  api_expect_ok(wasmc_linker_new(f->engine, &linker));
  define_env(f, linker, &bonus);
  api_expect_ok(wasmc_linker_instantiate(linker, f->store, module, &inst, &trap));
  assert_null(trap);
  assert_int_equal(call1(f, &inst, "call_host", 5), 16);
  assert_int_equal(call1(f, &inst, "load", 16), 42); /* the data segment went to env.mem */
  /* wasmc_linker_get: defined names, in this store only. */
  assert_true(wasmc_linker_get(linker, f->store, "env", 3, "mem", 3, &got));
  assert_int_equal(got.kind, WASMC_EXTERN_MEMORY);
  assert_false(wasmc_linker_get(linker, f->store, "env", 3, "nope", 4, &got));
  assert_false(wasmc_linker_get(linker, f->store, "en", 2, "vmem", 4, &got)); /* no confusion */
  /* define_instance: every export under a module name, then instantiate against it. */
  api_expect_ok(wasmc_linker_define_instance(linker, f->store, "first", 5, &inst));
  assert_true(wasmc_linker_get(linker, f->store, "first", 5, "call_host", 9, &got));
  assert_int_equal(got.kind, WASMC_EXTERN_FUNC);
  wasmc_extern_t direct = api_export(f->store, &inst, "call_host", WASMC_EXTERN_FUNC);
  assert_true(got.of.func.index == direct.of.func.index); /* same handle */
  api_expect_ok(wasmc_linker_instantiate(linker, f->store, module, &inst2, &trap));
  assert_null(trap);
  /* Both instances share env.mem. */
  wasmc_func_t store_fn = api_export(f->store, &inst2, "store", WASMC_EXTERN_FUNC).of.func;
  wasmc_val_t args[2] = {api_i32(32), api_i32(77)};
  api_expect_ok(wasmc_func_call(f->store, &store_fn, args, 2, NULL, 0, &trap));
  assert_int_equal(call1(f, &inst, "load", 32), 77);
  wasmc_linker_delete(linker);
  wasmc_linker_delete(NULL);
  wasmc_module_delete(module);
  wasmc_store_delete(f->store); /* the function made by define_func is finalized once */
  f->store = NULL;
  assert_int_equal(finalized, 1);
  api_expect_ok(wasmc_store_new(f->engine, &f->store));
}

static void expect_unlinkable(wasmc_error_t *err, const char *message) {
  assert_non_null(err);
  assert_int_equal(wasmc_error_code(err), WASMC_ERR_UNLINKABLE);
  assert_string_equal(wasmc_error_message(err), message);
  wasmc_error_delete(err);
}

static void test_api_linker__errors(void **state) {
  api_fixture_t *f = *state;
  wasmc_linker_t *linker;
  wasmc_module_t *module = api_compile(f->engine, "imports");
  wasmc_instance_t inst;
  wasmc_trap_t *trap = NULL;
  wasmc_extern_t item, g;
  wasmc_functype_t *t = i32_i32();
  wasmc_val_t zero = api_i32(0);
  static const wasmc_valkind_t i64[] = {WASMC_I64};
  finalized = 0;
  api_expect_ok(wasmc_linker_new(f->engine, &linker));
  /* Unknown import, named. */
  expect_unlinkable(wasmc_linker_instantiate(linker, f->store, module, &inst, &trap),
                    "unknown import: `env`.`host`");
  /* Names are resolved before types are checked: the next unknown import is reported. */
  wasmc_functype_t *bad = wasmc_functype_new(i64, 1, NULL, 0);
  api_expect_ok(
      wasmc_linker_define_func(linker, f->store, "env", 3, "host", 4, bad, add_one, NULL, NULL));
  expect_unlinkable(wasmc_linker_instantiate(linker, f->store, module, &inst, &trap),
                    "unknown import: `env`.`mem`");
  wasmc_linker_delete(linker);
  api_expect_ok(wasmc_linker_new(f->engine, &linker));
  api_expect_ok(
      wasmc_linker_define_func(linker, f->store, "env", 3, "host", 4, t, add_one, NULL, NULL));
  /* Shadowing: refused by default (nothing is created, the finalizer does not run). */
  api_expect_error(
      wasmc_linker_define_func(linker, f->store, "env", 3, "host", 4, t, add_one, NULL, finalizer),
      WASMC_ERR_MISUSE);
  g.kind = WASMC_EXTERN_GLOBAL;
  api_expect_ok(wasmc_global_new(f->store, &zero, false, &g.of.global)); /* immutable */
  api_expect_ok(wasmc_linker_define(linker, f->store, "env", 3, "g", 1, &g));
  api_expect_error(wasmc_linker_define(linker, f->store, "env", 3, "g", 1, &g), WASMC_ERR_MISUSE);
  expect_unlinkable(wasmc_linker_instantiate(linker, f->store, module, &inst, &trap),
                    "unknown import: `env`.`mem`");
  wasmc_val_t null_ref;
  memset(&null_ref, 0, sizeof null_ref);
  null_ref.kind = WASMC_FUNCREF;
  wasmc_limits_t lim = {2, 2, true};
  item.kind = WASMC_EXTERN_TABLE;
  api_expect_ok(wasmc_table_new(f->store, WASMC_FUNCREF, &lim, &null_ref, &item.of.table));
  api_expect_ok(wasmc_linker_define(linker, f->store, "env", 3, "tab", 3, &item));
  /* A memory too small for the import (limits), named; wrong kind, named. */
  lim.min = 0;
  lim.max = 1;
  item.kind = WASMC_EXTERN_MEMORY;
  api_expect_ok(wasmc_memory_new(f->store, &lim, &item.of.memory));
  api_expect_ok(wasmc_linker_define(linker, f->store, "env", 3, "mem", 3, &item));
  expect_unlinkable(wasmc_linker_instantiate(linker, f->store, module, &inst, &trap),
                    "incompatible import type for `env`.`mem`");
  wasmc_linker_allow_shadowing(linker, true);
  item.kind = WASMC_EXTERN_GLOBAL;
  item.of.global = g.of.global;
  api_expect_ok(wasmc_linker_define(linker, f->store, "env", 3, "mem", 3, &item)); /* later wins */
  expect_unlinkable(wasmc_linker_instantiate(linker, f->store, module, &inst, &trap),
                    "incompatible import type for `env`.`mem`");
  lim.min = 1;
  item.kind = WASMC_EXTERN_MEMORY;
  api_expect_ok(wasmc_memory_new(f->store, &lim, &item.of.memory));
  api_expect_ok(wasmc_linker_define(linker, f->store, "env", 3, "mem", 3, &item));
  /* The global is immutable but the import is mutable: mutability mismatch, named. */
  expect_unlinkable(wasmc_linker_instantiate(linker, f->store, module, &inst, &trap),
                    "incompatible import type for `env`.`g`");
  /* Fix the global; then a wrong function type, named; then the right one links. */
  g.kind = WASMC_EXTERN_GLOBAL;
  api_expect_ok(wasmc_global_new(f->store, &zero, true, &g.of.global));
  api_expect_ok(wasmc_linker_define(linker, f->store, "env", 3, "g", 1, &g));
  api_expect_ok(
      wasmc_linker_define_func(linker, f->store, "env", 3, "host", 4, bad, add_one, NULL, NULL));
  wasmc_functype_delete(bad);
  expect_unlinkable(wasmc_linker_instantiate(linker, f->store, module, &inst, &trap),
                    "incompatible import type for `env`.`host`");
  api_expect_ok(
      wasmc_linker_define_func(linker, f->store, "env", 3, "host", 4, t, add_one, NULL, NULL));
  api_expect_ok(wasmc_linker_instantiate(linker, f->store, module, &inst, &trap));
  assert_null(trap);
  wasmc_linker_allow_shadowing(linker, false);

  /* Another store: its externs cannot be defined for this one, nor used from it. */
  wasmc_store_t *other;
  api_expect_ok(wasmc_store_new(f->engine, &other));
  api_expect_error(wasmc_linker_define(linker, other, "x", 1, "g", 1, &g), WASMC_ERR_MISUSE);
  api_expect_ok(wasmc_linker_define_func(linker, other, "o", 1, "f", 1, t, add_one, NULL, NULL));
  assert_false(wasmc_linker_get(linker, f->store, "o", 1, "f", 1, &item));
  assert_true(wasmc_linker_get(linker, other, "o", 1, "f", 1, &item));
  api_expect_error(wasmc_linker_instantiate(linker, other, module, &inst, &trap),
                   WASMC_ERR_MISUSE); /* env.host belongs to f->store */
  wasmc_store_delete(other);
  /* Invalid handles and NULLs. */
  item.kind = WASMC_EXTERN_FUNC;
  item.of.func.store_id = g.of.global.store_id;
  item.of.func.index = 12345;
  api_expect_error(wasmc_linker_define(linker, f->store, "x", 1, "y", 1, &item), WASMC_ERR_MISUSE);
  item.kind = 9;
  api_expect_error(wasmc_linker_define(linker, f->store, "x", 1, "y", 1, &item), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_linker_define(NULL, f->store, "x", 1, "y", 1, &g), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_linker_define(linker, f->store, NULL, 1, "y", 1, &g), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_linker_define_func(linker, f->store, "x", 1, "y", 1, t, NULL, NULL, NULL),
                   WASMC_ERR_MISUSE);
  wasmc_instance_t bogus = {g.of.global.store_id, 999};
  api_expect_error(wasmc_linker_define_instance(linker, f->store, "m", 1, &bogus),
                   WASMC_ERR_MISUSE);
  api_expect_error(wasmc_linker_instantiate(linker, f->store, NULL, &inst, &trap),
                   WASMC_ERR_MISUSE);
  api_expect_error(wasmc_linker_new(NULL, &linker), WASMC_ERR_MISUSE);
  wasmc_linker_allow_shadowing(NULL, true);
  assert_int_equal(finalized, 0);
  wasmc_functype_delete(t);
  wasmc_linker_delete(linker);
  wasmc_module_delete(module);
}

static void test_api_linker__define_instance_all_or_nothing(void **state) {
  api_fixture_t *f = *state;
  wasmc_linker_t *linker;
  wasmc_module_t *module = api_compile(f->engine, "basic");
  wasmc_instance_t inst = api_instantiate(f->store, module);
  wasmc_extern_t item;
  const char *name;
  size_t name_len;
  api_expect_ok(wasmc_linker_new(f->engine, &linker));
  assert_true(wasmc_instance_export_nth(f->store, &inst, 1, &name, &name_len, &item));
  api_expect_ok(wasmc_linker_define(linker, f->store, "basic", 5, name, name_len, &item));
  api_expect_error(wasmc_linker_define_instance(linker, f->store, "basic", 5, &inst),
                   WASMC_ERR_MISUSE);
  assert_true(wasmc_instance_export_nth(f->store, &inst, 0, &name, &name_len, &item));
  assert_false(wasmc_linker_get(linker, f->store, "basic", 5, name, name_len, &item));
  wasmc_linker_allow_shadowing(linker, true);
  api_expect_ok(wasmc_linker_define_instance(linker, f->store, "basic", 5, &inst));
  assert_true(wasmc_linker_get(linker, f->store, "basic", 5, name, name_len, &item));
  wasmc_linker_delete(linker);
  wasmc_module_delete(module);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_api_linker__instantiate_by_name, api_setup,
                                      api_teardown),
      cmocka_unit_test_setup_teardown(test_api_linker__errors, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_linker__define_instance_all_or_nothing, api_setup,
                                      api_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
