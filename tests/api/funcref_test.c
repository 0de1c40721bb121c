/* C API tests: function references. Exported, host and ref.func functions stored in tables and
 * globals, passed as arguments, called through call_indirect (with the signature check),
 * compared (one handle per function) and reflected; foreign and stale handles are misuse. */
#include <string.h>

#include "api_test_util.h"

static wasmc_trap_t *triple(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *args,
                            size_t capacity) {
  (void)env;
  (void)caller;
  (void)capacity;
  args[0].i32 = args[0].i32 * 3;
  return NULL;
}

typedef struct {
  wasmc_module_t *module;
  wasmc_instance_t inst;
  wasmc_func_t host;
} embed_t;

static embed_t instantiate_embed(api_fixture_t *f) {
  static const wasmc_valkind_t i32[] = {WASMC_I32};
  embed_t e;
  wasmc_functype_t *t = wasmc_functype_new(i32, 1, i32, 1);
  wasmc_extern_t imp;
  wasmc_trap_t *trap = NULL;
  e.module = api_compile(f->engine, "embed");
  api_expect_ok(wasmc_func_new(f->store, t, triple, NULL, NULL, &e.host));
  wasmc_functype_delete(t);
  imp.kind = WASMC_EXTERN_FUNC;
  imp.of.func = e.host;
  api_expect_ok(wasmc_instance_new(f->store, e.module, &imp, 1, &e.inst, &trap));
  assert_null(trap);
  return e;
}

static wasmc_func_t fn(api_fixture_t *f, embed_t *e, const char *name) {
  return api_export(f->store, &e->inst, name, WASMC_EXTERN_FUNC).of.func;
}

static void assert_same_func(wasmc_func_t a, wasmc_func_t b) {
  assert_true(a.store_id == b.store_id);
  assert_true(a.index == b.index);
}

static wasmc_val_t funcref(wasmc_func_t func) {
  wasmc_val_t v;
  memset(&v, 0, sizeof v);
  v.kind = WASMC_FUNCREF;
  v.of.funcref = func;
  return v;
}

static int32_t call_i32(api_fixture_t *f, wasmc_func_t func, const wasmc_val_t *args, size_t nargs,
                        wasmc_trap_t **trap) {
  wasmc_val_t r;
  memset(&r, 0, sizeof r);
  api_expect_ok(wasmc_func_call(f->store, &func, args, nargs, &r, 1, trap));
  return r.of.i32;
}

static void test_api_funcref__identity_and_reflection(void **state) {
  api_fixture_t *f = *state;
  embed_t e = instantiate_embed(f);
  wasmc_trap_t *trap = NULL;
  wasmc_val_t r;
  wasmc_func_t dbl = fn(f, &e, "double");
  /* ref.func results are the same handles as the export and the host function. */
  wasmc_func_t ref_double = fn(f, &e, "ref_double");
  api_expect_ok(wasmc_func_call(f->store, &ref_double, NULL, 0, &r, 1, &trap));
  assert_int_equal(r.kind, WASMC_FUNCREF);
  assert_same_func(r.of.funcref, dbl);
  wasmc_func_t ref_host = fn(f, &e, "ref_host");
  api_expect_ok(wasmc_func_call(f->store, &ref_host, NULL, 0, &r, 1, &trap));
  assert_same_func(r.of.funcref, e.host);
  /* Table elements from the elem segment, read by the host and by Wasm. */
  wasmc_table_t table = api_export(f->store, &e.inst, "table", WASMC_EXTERN_TABLE).of.table;
  assert_true(wasmc_table_get(f->store, &table, 0, &r));
  assert_same_func(r.of.funcref, dbl);
  assert_true(wasmc_table_get(f->store, &table, 1, &r));
  assert_same_func(r.of.funcref, e.host);
  wasmc_val_t idx = api_i32(1);
  wasmc_func_t get_table = fn(f, &e, "get_table");
  api_expect_ok(wasmc_func_call(f->store, &get_table, &idx, 1, &r, 1, &trap));
  assert_same_func(r.of.funcref, e.host);
  /* Raw words round-trip to the same handle. */
  void *raw = wasmc_func_to_raw(f->store, &e.host);
  assert_non_null(raw);
  assert_same_func(wasmc_func_from_raw(f->store, raw), e.host);
  assert_int_equal(wasmc_func_from_raw(f->store, NULL).store_id, 0);
  /* Reflection of host and guest functions. */
  size_t n;
  const wasmc_valkind_t *kinds;
  wasmc_functype_t *type = wasmc_func_type(f->store, &e.host);
  kinds = wasmc_functype_params(type, &n);
  assert_int_equal(n, 1);
  assert_int_equal(kinds[0], WASMC_I32);
  wasmc_functype_delete(type);
  type = wasmc_func_type(f->store, &ref_host);
  wasmc_functype_results(type, &n);
  assert_int_equal(n, 1);
  wasmc_functype_delete(type);
  wasmc_module_delete(e.module);
}

static void test_api_funcref__call_indirect_host_and_guest(void **state) {
  api_fixture_t *f = *state;
  embed_t e = instantiate_embed(f);
  wasmc_trap_t *trap = NULL;
  wasmc_func_t ci = fn(f, &e, "call_indirect");
  wasmc_val_t args[2] = {api_i32(7), api_i32(0)};
  assert_int_equal(call_i32(f, ci, args, 2, &trap), 14); /* guest function in the table */
  assert_null(trap);
  args[1] = api_i32(1);
  assert_int_equal(call_i32(f, ci, args, 2, &trap), 21); /* host function in the table */
  assert_null(trap);
  /* Signature check: the host function has type i32 -> i32, not () -> i32. */
  wasmc_func_t civ = fn(f, &e, "call_indirect_v");
  wasmc_val_t i = api_i32(1);
  call_i32(f, civ, &i, 1, &trap);
  assert_non_null(trap);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_INDIRECT_CALL_TYPE);
  wasmc_trap_delete(trap);
  trap = NULL;
  /* Null element. */
  args[1] = api_i32(2);
  call_i32(f, ci, args, 2, &trap);
  assert_non_null(trap);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_UNINITIALIZED_ELEMENT);
  wasmc_trap_delete(trap);
  trap = NULL;
  /* A host function stored by the host into the table, then called indirectly. */
  wasmc_table_t table = api_export(f->store, &e.inst, "table", WASMC_EXTERN_TABLE).of.table;
  wasmc_val_t ref = funcref(e.host);
  api_expect_ok(wasmc_table_set(f->store, &table, 2, &ref));
  args[1] = api_i32(2);
  assert_int_equal(call_i32(f, ci, args, 2, &trap), 21);
  assert_null(trap);
  /* Funcref passed as an argument (stored and called by Wasm). */
  wasmc_func_t call_ref = fn(f, &e, "call_ref");
  wasmc_val_t cargs[2] = {funcref(fn(f, &e, "double")), api_i32(50)};
  assert_int_equal(call_i32(f, call_ref, cargs, 2, &trap), 100);
  cargs[0] = funcref(e.host);
  assert_int_equal(call_i32(f, call_ref, cargs, 2, &trap), 150);
  assert_null(trap);
  /* A funcref global set by the host, read back. */
  wasmc_global_t g = api_export(f->store, &e.inst, "gref", WASMC_EXTERN_GLOBAL).of.global;
  wasmc_val_t out;
  api_expect_ok(wasmc_global_set(f->store, &g, &ref));
  assert_true(wasmc_global_get(f->store, &g, &out));
  assert_same_func(out.of.funcref, e.host);
  wasmc_module_delete(e.module);
}

static void test_api_funcref__foreign_and_stale(void **state) {
  api_fixture_t *f = *state;
  embed_t e = instantiate_embed(f);
  wasmc_trap_t *trap = NULL;
  wasmc_store_t *other;
  wasmc_func_t other_host;
  static const wasmc_valkind_t i32[] = {WASMC_I32};
  wasmc_functype_t *t = wasmc_functype_new(i32, 1, i32, 1);
  api_expect_ok(wasmc_store_new(f->engine, &other));
  api_expect_ok(wasmc_func_new(other, t, triple, NULL, NULL, &other_host));
  wasmc_functype_delete(t);
  wasmc_val_t foreign = funcref(other_host);
  /* As an argument, a table element, a global value, an import: misuse. */
  wasmc_func_t call_ref = fn(f, &e, "call_ref");
  wasmc_val_t cargs[2] = {foreign, api_i32(1)};
  wasmc_val_t r;
  api_expect_error(wasmc_func_call(f->store, &call_ref, cargs, 2, &r, 1, &trap), WASMC_ERR_MISUSE);
  wasmc_table_t table = api_export(f->store, &e.inst, "table", WASMC_EXTERN_TABLE).of.table;
  api_expect_error(wasmc_table_set(f->store, &table, 2, &foreign), WASMC_ERR_MISUSE);
  wasmc_global_t g = api_export(f->store, &e.inst, "gref", WASMC_EXTERN_GLOBAL).of.global;
  api_expect_error(wasmc_global_set(f->store, &g, &foreign), WASMC_ERR_MISUSE);
  wasmc_extern_t imp;
  wasmc_instance_t inst2;
  imp.kind = WASMC_EXTERN_FUNC;
  imp.of.func = other_host;
  api_expect_error(wasmc_instance_new(f->store, e.module, &imp, 1, &inst2, &trap),
                   WASMC_ERR_MISUSE);
  /* Calling a foreign handle; raw words of another store are not recognised. */
  wasmc_val_t a = api_i32(1);
  api_expect_error(wasmc_func_call(f->store, &other_host, &a, 1, &r, 1, &trap), WASMC_ERR_MISUSE);
  assert_null(wasmc_func_to_raw(f->store, &other_host));
  assert_int_equal(wasmc_func_from_raw(f->store, wasmc_func_to_raw(other, &other_host)).store_id,
                   0);
  /* A stale handle: its store is gone; ids are never reused, so it stays misuse. */
  wasmc_store_delete(other);
  api_expect_error(wasmc_func_call(f->store, &other_host, &a, 1, &r, 1, &trap), WASMC_ERR_MISUSE);
  assert_null(wasmc_func_type(f->store, &other_host));
  wasmc_module_delete(e.module);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_api_funcref__identity_and_reflection, api_setup,
                                      api_teardown),
      cmocka_unit_test_setup_teardown(test_api_funcref__call_indirect_host_and_guest, api_setup,
                                      api_teardown),
      cmocka_unit_test_setup_teardown(test_api_funcref__foreign_and_stale, api_setup, api_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
