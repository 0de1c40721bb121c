/* C API tests: typed and raw calls, argument checking, traps and their messages, host
 * functions (called from the host and from Wasm), finalizers and funcref values. */
#include <stdlib.h>
#include <string.h>

#include "api_test_util.h"

static wasmc_func_t export_func(api_fixture_t *f, const wasmc_instance_t *inst,
                                const char *name) {
  return api_export(f->store, inst, name, WASMC_EXTERN_FUNC).of.func;
}

static void test_api_func__call_typed(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "basic");
  wasmc_instance_t inst = api_instantiate(f->store, module);
  wasmc_trap_t *trap = NULL;
  wasmc_val_t result;

  wasmc_func_t fac = export_func(f, &inst, "fac");
  wasmc_val_t arg = api_i64(20);
  api_expect_ok(wasmc_func_call(f->store, &fac, &arg, 1, &result, 1, &trap));
  assert_null(trap);
  assert_int_equal(result.kind, WASMC_I64);
  assert_int_equal(result.of.i64, 2432902008176640000LL);

  wasmc_func_t swap = export_func(f, &inst, "swap");
  wasmc_val_t args[2];
  memset(args, 0, sizeof args);
  args[0].kind = WASMC_F32;
  args[0].of.f32 = 1.5f;
  args[1].kind = WASMC_F64;
  args[1].of.f64 = -2.25;
  wasmc_val_t results[2];
  api_expect_ok(wasmc_func_call(f->store, &swap, args, 2, results, 2, &trap));
  assert_null(trap);
  assert_int_equal(results[0].kind, WASMC_F64);
  assert_true(results[0].of.f64 == -2.25);
  assert_int_equal(results[1].kind, WASMC_F32);
  assert_true(results[1].of.f32 == 1.5f);

  wasmc_functype_t *type = wasmc_func_type(f->store, &swap);
  size_t n;
  wasmc_functype_params(type, &n);
  assert_int_equal(n, 2);
  wasmc_functype_delete(type);
  wasmc_module_delete(module);
}

static void test_api_func__call_misuse(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "basic");
  wasmc_instance_t inst = api_instantiate(f->store, module);
  wasmc_func_t add = export_func(f, &inst, "add");
  wasmc_trap_t *trap = NULL;
  wasmc_val_t args[2] = {api_i32(1), api_i32(2)};
  wasmc_val_t result;
  api_expect_error(wasmc_func_call(f->store, &add, args, 1, &result, 1, &trap), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_func_call(f->store, &add, args, 2, &result, 0, &trap), WASMC_ERR_MISUSE);
  args[1] = api_i64(2);
  api_expect_error(wasmc_func_call(f->store, &add, args, 2, &result, 1, &trap), WASMC_ERR_MISUSE);
  args[1] = api_i32(2);
  api_expect_error(wasmc_func_call(f->store, NULL, args, 2, &result, 1, &trap), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_func_call(f->store, &add, NULL, 2, &result, 1, &trap), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_func_call(NULL, &add, args, 2, &result, 1, &trap), WASMC_ERR_MISUSE);
  wasmc_func_t bogus = {add.store_id, 100000};
  api_expect_error(wasmc_func_call(f->store, &bogus, args, 2, &result, 1, &trap),
                   WASMC_ERR_MISUSE);
  assert_null(wasmc_func_type(f->store, &bogus));

  wasmc_store_t *other;
  api_expect_ok(wasmc_store_new(f->engine, &other));
  api_expect_error(wasmc_func_call(other, &add, args, 2, &result, 1, &trap), WASMC_ERR_MISUSE);
  /* A funcref argument from another store. */
  wasmc_instance_t other_inst = api_instantiate(other, module);
  wasmc_func_t other_add = api_export(other, &other_inst, "add", WASMC_EXTERN_FUNC).of.func;
  wasmc_func_t id_ref = export_func(f, &inst, "id_ref");
  wasmc_val_t ref;
  memset(&ref, 0, sizeof ref);
  ref.kind = WASMC_EXTERNREF;
  ref.of.externref.store_id = other_add.store_id;
  api_expect_error(wasmc_func_call(f->store, &id_ref, &ref, 1, &result, 1, &trap),
                   WASMC_ERR_MISUSE);
  wasmc_store_delete(other);
  assert_null(trap);
  wasmc_module_delete(module);
}

static wasmc_trap_t *expect_trap(api_fixture_t *f, const wasmc_instance_t *inst,
                                 const char *name, const wasmc_val_t *args, size_t nargs,
                                 size_t nresults) {
  wasmc_func_t fn = export_func(f, inst, name);
  wasmc_val_t results[2];
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_func_call(f->store, &fn, args, nargs, results, nresults, &trap));
  if (!trap) fail_msg("%s did not trap", name);
  return trap;
}

static void test_api_func__traps(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "basic");
  wasmc_instance_t inst = api_instantiate(f->store, module);
  wasmc_val_t args[2] = {api_i32(1), api_i32(0)};
  wasmc_trap_t *trap = expect_trap(f, &inst, "div", args, 2, 1);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_INT_DIV_BY_ZERO);
  assert_non_null(strstr(wasmc_trap_message(trap), "integer divide by zero"));
  wasmc_trap_delete(trap);

  args[0] = api_i32(INT32_MIN);
  args[1] = api_i32(-1);
  trap = expect_trap(f, &inst, "div", args, 2, 1);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_INT_OVERFLOW);
  wasmc_trap_delete(trap);

  trap = expect_trap(f, &inst, "boom", NULL, 0, 0);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_UNREACHABLE);
  assert_non_null(strstr(wasmc_trap_message(trap), "unreachable"));
  wasmc_trap_delete(trap);

  trap = expect_trap(f, &inst, "recurse", NULL, 0, 0);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_STACK_EXHAUSTED);
  wasmc_trap_delete(trap);

  /* The store is still usable after traps. */
  wasmc_func_t add = export_func(f, &inst, "add");
  wasmc_val_t result;
  args[0] = api_i32(2);
  args[1] = api_i32(40);
  api_expect_ok(wasmc_func_call(f->store, &add, args, 2, &result, 1, &trap));
  assert_null(trap);
  assert_int_equal(result.of.i32, 42);
  wasmc_module_delete(module);
}

static void test_api_func__call_unchecked(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "basic");
  wasmc_instance_t inst = api_instantiate(f->store, module);
  wasmc_func_t add = export_func(f, &inst, "add");
  wasmc_val_raw_t values[2];
  memset(values, 0, sizeof values);
  values[0].i32 = 40;
  values[1].i32 = 2;
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_func_call_unchecked(f->store, &add, values, 2, &trap));
  assert_null(trap);
  assert_int_equal(values[0].i32, 42);
  api_expect_error(wasmc_func_call_unchecked(f->store, &add, values, 1, &trap), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_func_call_unchecked(f->store, NULL, values, 2, &trap), WASMC_ERR_MISUSE);

  /* funcref results come back as raw words that map to handles. */
  wasmc_func_t get_add = export_func(f, &inst, "get_add");
  api_expect_ok(wasmc_func_call_unchecked(f->store, &get_add, values, 1, &trap));
  assert_null(trap);
  assert_ptr_equal(values[0].funcref, wasmc_func_to_raw(f->store, &add));
  wasmc_func_t back = wasmc_func_from_raw(f->store, values[0].funcref);
  assert_int_equal(back.store_id, add.store_id);
  assert_int_equal(back.index, add.index);
  wasmc_func_t null_func = wasmc_func_from_raw(f->store, NULL);
  assert_int_equal(null_func.store_id, 0);
  int not_a_func;
  assert_int_equal(wasmc_func_from_raw(f->store, &not_a_func).store_id, 0);
  wasmc_module_delete(module);
}

typedef struct host_env {
  int calls;
  int finalized;
} host_env_t;

static void finalize_env(void *env) { ((host_env_t *)env)->finalized++; }

static wasmc_trap_t *mul3(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *values,
                          size_t capacity) {
  (void)caller;
  assert_int_equal(capacity, 2);
  ((host_env_t *)env)->calls++;
  int64_t a = values[0].i64;
  int32_t b = values[1].i32;
  values[0].i64 = a * 3;
  values[1].i32 = b * 3;
  return NULL;
}

static void test_api_func__host_called_from_host(void **state) {
  (void)state;
  wasmc_engine_t *engine;
  api_expect_ok(wasmc_engine_new(NULL, &engine));
  wasmc_store_t *store;
  api_expect_ok(wasmc_store_new(engine, &store));
  host_env_t env = {0, 0};
  wasmc_valkind_t kinds[2] = {WASMC_I64, WASMC_I32};
  wasmc_functype_t *type = wasmc_functype_new(kinds, 2, kinds, 2);
  wasmc_func_t fn;
  api_expect_ok(wasmc_func_new(store, type, mul3, &env, finalize_env, &fn));
  api_expect_error(wasmc_func_new(store, type, NULL, &env, finalize_env, &fn), WASMC_ERR_MISUSE);
  wasmc_functype_delete(type);
  wasmc_val_t args[2] = {api_i64(5), api_i32(-7)};
  wasmc_val_t results[2];
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_func_call(store, &fn, args, 2, results, 2, &trap));
  assert_null(trap);
  assert_int_equal(results[0].of.i64, 15);
  assert_int_equal(results[1].of.i32, -21);
  assert_int_equal(env.calls, 1);
  assert_int_equal(env.finalized, 0);
  wasmc_store_delete(store);
  assert_int_equal(env.finalized, 1); /* exactly once, at store deletion */
  wasmc_engine_delete(engine);
}

static wasmc_trap_t *fail_host(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *values,
                               size_t capacity) {
  (void)env;
  (void)caller;
  (void)values;
  (void)capacity;
  return wasmc_trap_new("host said no", 12);
}

static void test_api_func__host_trap_from_wasm(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "host_trap");
  wasmc_functype_t *type = wasmc_functype_new(NULL, 0, NULL, 0);
  wasmc_extern_t imp;
  imp.kind = WASMC_EXTERN_FUNC;
  api_expect_ok(wasmc_func_new(f->store, type, fail_host, NULL, NULL, &imp.of.func));
  wasmc_functype_delete(type);
  wasmc_instance_t inst;
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_instance_new(f->store, module, &imp, 1, &inst, &trap));
  assert_null(trap);
  wasmc_func_t run = export_func(f, &inst, "run");
  for (int i = 0; i < 3; ++i) {
    api_expect_ok(wasmc_func_call(f->store, &run, NULL, 0, NULL, 0, &trap));
    assert_non_null(trap);
    assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_HOST);
    assert_string_equal(wasmc_trap_message(trap), "host said no");
    wasmc_trap_delete(trap);
    trap = NULL;
  }
  /* Directly from the host, too. */
  api_expect_ok(wasmc_func_call(f->store, &imp.of.func, NULL, 0, NULL, 0, &trap));
  assert_non_null(trap);
  assert_string_equal(wasmc_trap_message(trap), "host said no");
  wasmc_trap_delete(trap);
  wasmc_module_delete(module);
}

static void test_api_func__funcref_values(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "basic");
  wasmc_instance_t inst = api_instantiate(f->store, module);
  wasmc_func_t get_add = export_func(f, &inst, "get_add");
  wasmc_val_t ref;
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_func_call(f->store, &get_add, NULL, 0, &ref, 1, &trap));
  assert_null(trap);
  assert_int_equal(ref.kind, WASMC_FUNCREF);
  assert_int_equal(ref.of.funcref.store_id, get_add.store_id);
  wasmc_val_t args[2] = {api_i32(20), api_i32(22)};
  wasmc_val_t result;
  api_expect_ok(wasmc_func_call(f->store, &ref.of.funcref, args, 2, &result, 1, &trap));
  assert_null(trap);
  assert_int_equal(result.of.i32, 42);
  wasmc_module_delete(module);
}

typedef struct reenter_env {
  wasmc_store_t *store;
  wasmc_func_t countdown;
  wasmc_func_t boom;
  int depth;
} reenter_env_t;

static wasmc_trap_t *reenter(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *values,
                             size_t capacity) {
  (void)caller;
  (void)capacity;
  reenter_env_t *e = env;
  e->depth++;
  wasmc_trap_t *trap = NULL;
  if (values[0].i32 == 2) {
    /* A trap in a nested call comes back to this host function as a value. */
    wasmc_error_t *err = wasmc_func_call(e->store, &e->boom, NULL, 0, NULL, 0, &trap);
    if (err || !trap) return wasmc_trap_new("nested call did not trap", 24);
    wasmc_trap_delete(trap);
    trap = NULL;
  }
  wasmc_val_t arg = api_i32(values[0].i32), result;
  wasmc_error_t *err = wasmc_func_call(e->store, &e->countdown, &arg, 1, &result, 1, &trap);
  if (err) {
    wasmc_error_delete(err);
    return wasmc_trap_new("nested call failed", 18);
  }
  if (trap) return trap; /* propagate unchanged */
  values[0].i32 = result.of.i32;
  return NULL;
}

static void test_api_func__reentrant_host_calls(void **state) {
  api_fixture_t *f = *state;
  wasmc_module_t *module = api_compile(f->engine, "reenter");
  wasmc_valkind_t i32 = WASMC_I32;
  wasmc_functype_t *type = wasmc_functype_new(&i32, 1, &i32, 1);
  reenter_env_t env;
  memset(&env, 0, sizeof env);
  env.store = f->store;
  wasmc_extern_t imp;
  imp.kind = WASMC_EXTERN_FUNC;
  api_expect_ok(wasmc_func_new(f->store, type, reenter, &env, NULL, &imp.of.func));
  wasmc_functype_delete(type);
  wasmc_instance_t inst;
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_instance_new(f->store, module, &imp, 1, &inst, &trap));
  env.countdown = export_func(f, &inst, "countdown");
  env.boom = export_func(f, &inst, "boom");
  wasmc_val_t arg = api_i32(5), result;
  api_expect_ok(wasmc_func_call(f->store, &env.countdown, &arg, 1, &result, 1, &trap));
  assert_null(trap);
  assert_int_equal(result.of.i32, 105);
  assert_int_equal(env.depth, 5);
  wasmc_module_delete(module);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_api_func__call_typed, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_func__call_misuse, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_func__traps, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_func__call_unchecked, api_setup, api_teardown),
      cmocka_unit_test(test_api_func__host_called_from_host),
      cmocka_unit_test_setup_teardown(test_api_func__host_trap_from_wasm, api_setup,
                                      api_teardown),
      cmocka_unit_test_setup_teardown(test_api_func__funcref_values, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_func__reentrant_host_calls, api_setup,
                                      api_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
