/* C API tests: the caller of a host function. Exports of the calling instance, the store for
 * calls back into Wasm (re-entrance to depth), traps returned or set through the caller and
 * their propagation through nested calls with the message unchanged. */
#include <stdio.h>
#include <string.h>

#include "api_test_util.h"

/* Re-entrance depth: each level is a host frame plus Wasm frames on the 1 MiB Wasm stack
 * budget; ASan's frames are several times larger. */
#if defined(__SANITIZE_ADDRESS__)
#define REENTER_DEPTH 100
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REENTER_DEPTH 100
#endif
#endif
#ifndef REENTER_DEPTH
#define REENTER_DEPTH 500
#endif

typedef struct {
  int32_t trap_at; /* countdown value at which the host traps (-1: never) */
  int set_trap;    /* trap through wasmc_caller_set_trap instead of returning it */
  int depth;       /* deepest level reached */
} reenter_env;

/* env.reenter(n): calls the caller's export countdown(n) through the caller's store. */
static wasmc_trap_t *reenter(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *args,
                             size_t capacity) {
  reenter_env *e = env;
  wasmc_extern_t countdown;
  wasmc_trap_t *trap = NULL;
  wasmc_val_raw_t values[1];
  (void)capacity;
  if (args[0].i32 > e->depth) e->depth = args[0].i32;
  if (args[0].i32 == e->trap_at) {
    wasmc_trap_t *t = wasmc_trap_new("host gave up at the bottom", 26);
    if (!e->set_trap) return t;
    wasmc_caller_set_trap(caller, wasmc_trap_new("replaced", 8));
    wasmc_caller_set_trap(caller, t); /* replaces the first */
    return NULL;
  }
  if (!wasmc_caller_export_get(caller, "countdown", 9, &countdown)) {
    return wasmc_trap_new("no countdown export", 19);
  }
  values[0].i32 = args[0].i32;
  wasmc_error_t *err =
      wasmc_func_call_unchecked(wasmc_caller_store(caller), &countdown.of.func, values, 1, &trap);
  if (err) {
    wasmc_error_delete(err);
    return wasmc_trap_new("call failed", 11);
  }
  if (trap) return trap; /* propagate unchanged */
  args[0].i32 = values[0].i32;
  return NULL;
}

static wasmc_instance_t instantiate_reenter(api_fixture_t *f, reenter_env *env,
                                            wasmc_module_t **module_out) {
  static const wasmc_valkind_t i32[] = {WASMC_I32};
  wasmc_functype_t *t = wasmc_functype_new(i32, 1, i32, 1);
  wasmc_extern_t imp;
  wasmc_instance_t inst;
  wasmc_trap_t *trap = NULL;
  *module_out = api_compile(f->engine, "reenter");
  imp.kind = WASMC_EXTERN_FUNC;
  api_expect_ok(wasmc_func_new(f->store, t, reenter, env, NULL, &imp.of.func));
  wasmc_functype_delete(t);
  api_expect_ok(wasmc_instance_new(f->store, *module_out, &imp, 1, &inst, &trap));
  assert_null(trap);
  return inst;
}

static void test_api_caller__reentrance_depth(void **state) {
  api_fixture_t *f = *state;
  reenter_env env = {-1, 0, 0};
  wasmc_module_t *module;
  wasmc_instance_t inst = instantiate_reenter(f, &env, &module);
  wasmc_func_t countdown = api_export(f->store, &inst, "countdown", WASMC_EXTERN_FUNC).of.func;
  wasmc_trap_t *trap = NULL;
  wasmc_val_t arg = api_i32(REENTER_DEPTH), res;
  /* host -> wasm -> host -> wasm ... REENTER_DEPTH levels deep: countdown(n) = 100 + n. */
  api_expect_ok(wasmc_func_call(f->store, &countdown, &arg, 1, &res, 1, &trap));
  if (trap) fail_msg("trapped: %s", wasmc_trap_message(trap));
  assert_int_equal(res.of.i32, 100 + REENTER_DEPTH);
  assert_int_equal(env.depth, REENTER_DEPTH - 1);
  wasmc_module_delete(module);
}

static void test_api_caller__nested_traps_unchanged(void **state) {
  api_fixture_t *f = *state;
  reenter_env env = {3, 0, 0};
  wasmc_module_t *module;
  wasmc_instance_t inst = instantiate_reenter(f, &env, &module);
  wasmc_func_t countdown = api_export(f->store, &inst, "countdown", WASMC_EXTERN_FUNC).of.func;
  wasmc_trap_t *trap = NULL;
  wasmc_val_t arg = api_i32(50), res;
  api_expect_ok(wasmc_func_call(f->store, &countdown, &arg, 1, &res, 1, &trap));
  assert_non_null(trap);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_HOST);
  assert_string_equal(wasmc_trap_message(trap), "host gave up at the bottom");
  wasmc_trap_delete(trap);
  /* The same through wasmc_caller_set_trap (the second trap set wins). */
  env.set_trap = 1;
  trap = NULL;
  api_expect_ok(wasmc_func_call(f->store, &countdown, &arg, 1, &res, 1, &trap));
  assert_non_null(trap);
  assert_string_equal(wasmc_trap_message(trap), "host gave up at the bottom");
  wasmc_trap_delete(trap);
  /* A guest trap under nested host frames keeps its Wasm message. */
  wasmc_func_t boom = api_export(f->store, &inst, "boom", WASMC_EXTERN_FUNC).of.func;
  trap = NULL;
  api_expect_ok(wasmc_func_call(f->store, &boom, NULL, 0, NULL, 0, &trap));
  assert_non_null(trap);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_UNREACHABLE);
  wasmc_trap_delete(trap);
  /* The store still works after all that. */
  env.trap_at = -1;
  arg = api_i32(3);
  trap = NULL;
  api_expect_ok(wasmc_func_call(f->store, &countdown, &arg, 1, &res, 1, &trap));
  assert_null(trap);
  assert_int_equal(res.of.i32, 103);
  wasmc_module_delete(module);
}

static wasmc_trap_t *probe_caller(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *args,
                                  size_t capacity) {
  wasmc_extern_t ext;
  int *seen = env;
  (void)capacity;
  (void)args;
  seen[0] = wasmc_caller_export_get(caller, "countdown", 9, &ext);
  seen[1] = wasmc_caller_store(caller) != NULL;
  seen[2] = wasmc_caller_export_get(caller, "nope", 4, &ext);
  seen[3] = wasmc_caller_export_get(caller, NULL, 1, &ext);
  return NULL;
}

static void test_api_caller__from_host_and_null(void **state) {
  api_fixture_t *f = *state;
  static const wasmc_valkind_t i32[] = {WASMC_I32};
  int seen[4] = {9, 9, 9, 9};
  wasmc_functype_t *t = wasmc_functype_new(i32, 1, i32, 1);
  wasmc_func_t probe;
  wasmc_trap_t *trap = NULL;
  wasmc_val_t arg = api_i32(1), res;
  wasmc_extern_t ext;
  api_expect_ok(wasmc_func_new(f->store, t, probe_caller, seen, NULL, &probe));
  wasmc_functype_delete(t);
  /* Called from the host: there is no calling instance, but there is a store. */
  api_expect_ok(wasmc_func_call(f->store, &probe, &arg, 1, &res, 1, &trap));
  assert_null(trap);
  assert_int_equal(seen[0], 0);
  assert_int_equal(seen[1], 1);
  assert_int_equal(seen[2], 0);
  assert_int_equal(seen[3], 0);
  /* NULL callers. */
  assert_false(wasmc_caller_export_get(NULL, "x", 1, &ext));
  assert_null(wasmc_caller_store(NULL));
  wasmc_caller_set_trap(NULL, wasmc_trap_new("dropped", 7)); /* deleted, no leak */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_api_caller__reentrance_depth, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_caller__nested_traps_unchanged, api_setup,
                                      api_teardown),
      cmocka_unit_test_setup_teardown(test_api_caller__from_host_and_null, api_setup, api_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
