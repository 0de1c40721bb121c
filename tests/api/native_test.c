/* C API tests: native host functions (wasmc_func_new_native, libffi): C signatures for every
 * value kind, multi-value results through out-pointers, env and caller parameters, traps set
 * with wasmc_caller_set_trap, finalizers, and every creation error. */
#include <stdlib.h>
#include <string.h>

#include "api_test_util.h"

static double native_add3(int32_t a, int64_t b, double c) { return (double)a + (double)b + c; }

static void native_divmod(int32_t a, int32_t b, int32_t *q, int32_t *r) {
  *q = a / b;
  *r = a % b;
}

static float native_fmul(float a, float b) { return a * b; }

static void native_count(void *env) { ++*(int *)env; }

static int64_t native_neg64(void *env, wasmc_caller_t *caller, int64_t v) {
  (void)env;
  assert_non_null(wasmc_caller_store(caller));
  return -v;
}

/* peek(addr): reads the caller's memory; traps for addr 0. */
static int32_t native_peek(wasmc_caller_t *caller, int32_t addr) {
  wasmc_extern_t mem;
  int32_t v = 0;
  wasmc_error_t *err;
  if (addr == 0) {
    wasmc_caller_set_trap(caller, wasmc_trap_new("peek at NULL", 12));
    return -1;
  }
  if (!wasmc_caller_export_get(caller, "memory", 6, &mem)) return -2;
  err = wasmc_memory_read_scalar(wasmc_caller_store(caller), &mem.of.memory, (uint32_t)addr, 4, 4,
                                 &v);
  if (err) {
    wasmc_caller_set_trap(
        caller, wasmc_trap_new(wasmc_error_message(err), strlen(wasmc_error_message(err))));
    wasmc_error_delete(err);
  }
  return v;
}

static int finalized;
static void count_finalizer(void *env) {
  (void)env;
  ++finalized;
}

static wasmc_functype_t *ft(const wasmc_valkind_t *p, size_t np, const wasmc_valkind_t *r,
                            size_t nr) {
  wasmc_functype_t *t = wasmc_functype_new(p, np, r, nr);
  assert_non_null(t);
  return t;
}

static wasmc_func_t make_native(wasmc_store_t *store, const wasmc_valkind_t *p, size_t np,
                                const wasmc_valkind_t *r, size_t nr, void (*fn)(void),
                                uint32_t flags, void *env) {
  wasmc_functype_t *t = ft(p, np, r, nr);
  wasmc_func_t f;
  api_expect_ok(wasmc_func_new_native(store, t, fn, flags, env, count_finalizer, &f));
  wasmc_functype_delete(t);
  return f;
}

static wasmc_val_t f64v(double d) {
  wasmc_val_t v;
  memset(&v, 0, sizeof v);
  v.kind = WASMC_F64;
  v.of.f64 = d;
  return v;
}

static wasmc_val_t f32v(float d) {
  wasmc_val_t v;
  memset(&v, 0, sizeof v);
  v.kind = WASMC_F32;
  v.of.f32 = d;
  return v;
}

static void test_api_native__signatures_from_wasm_and_host(void **state) {
  api_fixture_t *f = *state;
  static const wasmc_valkind_t add3_p[] = {WASMC_I32, WASMC_I64, WASMC_F64};
  static const wasmc_valkind_t f64_r[] = {WASMC_F64};
  static const wasmc_valkind_t ii[] = {WASMC_I32, WASMC_I32};
  static const wasmc_valkind_t ff[] = {WASMC_F32, WASMC_F32};
  static const wasmc_valkind_t i64[] = {WASMC_I64};
  static const wasmc_valkind_t i32[] = {WASMC_I32};
  int counter = 0;
  wasmc_module_t *module = api_compile(f->engine, "native");
  wasmc_extern_t imports[6];
  wasmc_instance_t inst;
  wasmc_trap_t *trap = NULL;
  wasmc_val_t args[3], res[2];
  size_t i;

  finalized = 0;
  for (i = 0; i < 6; i++) imports[i].kind = WASMC_EXTERN_FUNC;
  imports[0].of.func =
      make_native(f->store, add3_p, 3, f64_r, 1, (void (*)(void))native_add3, 0, NULL);
  imports[1].of.func = make_native(f->store, ii, 2, ii, 2, (void (*)(void))native_divmod, 0, NULL);
  imports[2].of.func = make_native(f->store, ff, 2, ff, 1, (void (*)(void))native_fmul, 0, NULL);
  imports[3].of.func = make_native(f->store, NULL, 0, NULL, 0, (void (*)(void))native_count,
                                   WASMC_NATIVE_ENV, &counter);
  imports[4].of.func = make_native(f->store, i64, 1, i64, 1, (void (*)(void))native_neg64,
                                   WASMC_NATIVE_ENV | WASMC_NATIVE_CALLER, NULL);
  imports[5].of.func =
      make_native(f->store, i32, 1, i32, 1, (void (*)(void))native_peek, WASMC_NATIVE_CALLER, NULL);
  api_expect_ok(wasmc_instance_new(f->store, module, imports, 6, &inst, &trap));
  assert_null(trap);

  /* From Wasm. */
  wasmc_func_t add3 = api_export(f->store, &inst, "add3", WASMC_EXTERN_FUNC).of.func;
  args[0] = api_i32(-5);
  args[1] = api_i64(INT64_C(10000000000));
  args[2] = f64v(0.25);
  api_expect_ok(wasmc_func_call(f->store, &add3, args, 3, res, 1, &trap));
  assert_null(trap);
  assert_true(res[0].of.f64 == 9999999995.25);

  wasmc_func_t divmod = api_export(f->store, &inst, "divmod", WASMC_EXTERN_FUNC).of.func;
  args[0] = api_i32(47);
  args[1] = api_i32(5);
  api_expect_ok(wasmc_func_call(f->store, &divmod, args, 2, res, 1, &trap));
  assert_null(trap);
  assert_int_equal(res[0].of.i32, 9 * 1000 + 2);

  wasmc_func_t fmul = api_export(f->store, &inst, "fmul", WASMC_EXTERN_FUNC).of.func;
  args[0] = f32v(1.5f);
  args[1] = f32v(-4.0f);
  api_expect_ok(wasmc_func_call(f->store, &fmul, args, 2, res, 1, &trap));
  assert_true(res[0].of.f32 == -6.0f);

  wasmc_func_t count3 = api_export(f->store, &inst, "count3", WASMC_EXTERN_FUNC).of.func;
  api_expect_ok(wasmc_func_call(f->store, &count3, NULL, 0, NULL, 0, &trap));
  assert_int_equal(counter, 3);

  wasmc_func_t neg64 = api_export(f->store, &inst, "neg64", WASMC_EXTERN_FUNC).of.func;
  args[0] = api_i64(INT64_C(-123456789012));
  api_expect_ok(wasmc_func_call(f->store, &neg64, args, 1, res, 1, &trap));
  assert_true(res[0].of.i64 == INT64_C(123456789012));

  wasmc_func_t peek = api_export(f->store, &inst, "peek", WASMC_EXTERN_FUNC).of.func;
  args[0] = api_i32(8);
  api_expect_ok(wasmc_func_call(f->store, &peek, args, 1, res, 1, &trap));
  assert_null(trap);
  assert_int_equal(res[0].of.i32, 7);
  /* A trap set through the caller, with its message unchanged. */
  args[0] = api_i32(0);
  api_expect_ok(wasmc_func_call(f->store, &peek, args, 1, res, 1, &trap));
  assert_non_null(trap);
  assert_int_equal(wasmc_trap_code(trap), WASMC_TRAP_HOST);
  assert_string_equal(wasmc_trap_message(trap), "peek at NULL");
  wasmc_trap_delete(trap);
  /* An error inside the native function becomes a trap too (misaligned read). */
  args[0] = api_i32(9);
  api_expect_ok(wasmc_func_call(f->store, &peek, args, 1, res, 1, &trap));
  assert_non_null(trap);
  wasmc_trap_delete(trap);

  /* From the host: the same functions, directly. Multi-value through typed and raw calls. */
  args[0] = api_i32(-47);
  args[1] = api_i32(5);
  api_expect_ok(wasmc_func_call(f->store, &imports[1].of.func, args, 2, res, 2, &trap));
  assert_null(trap);
  assert_int_equal(res[0].of.i32, -9);
  assert_int_equal(res[1].of.i32, -2);
  wasmc_val_raw_t raw[3];
  memset(raw, 0, sizeof raw);
  raw[0].i32 = 2;
  raw[1].i64 = 3;
  raw[2].f64 = 0.5;
  api_expect_ok(wasmc_func_call_unchecked(f->store, &imports[0].of.func, raw, 3, &trap));
  assert_null(trap);
  assert_true(raw[0].f64 == 5.5);
  /* Called from the host there is no calling instance: peek reports -2. */
  args[0] = api_i32(8);
  api_expect_ok(wasmc_func_call(f->store, &imports[5].of.func, args, 1, res, 1, &trap));
  assert_null(trap);
  assert_int_equal(res[0].of.i32, -2);

  wasmc_module_delete(module);
  /* Finalizers run once each, at store deletion (the teardown deletes the store). */
  wasmc_store_delete(f->store);
  f->store = NULL;
  assert_int_equal(finalized, 6);
  api_expect_ok(wasmc_store_new(f->engine, &f->store));
}

static void test_api_native__creation_errors(void **state) {
  api_fixture_t *f = *state;
  static const wasmc_valkind_t v128[] = {WASMC_V128};
  static const wasmc_valkind_t i32[] = {WASMC_I32};
  wasmc_valkind_t many[40];
  wasmc_functype_t *t = ft(i32, 1, i32, 1);
  wasmc_func_t fn;
  size_t i;
  finalized = 0;
  api_expect_error(wasmc_func_new_native(f->store, t, NULL, 0, NULL, count_finalizer, &fn),
                   WASMC_ERR_MISUSE);
  api_expect_error(wasmc_func_new_native(NULL, t, (void (*)(void))native_fmul, 0, NULL, NULL, &fn),
                   WASMC_ERR_MISUSE);
  api_expect_error(
      wasmc_func_new_native(f->store, NULL, (void (*)(void))native_fmul, 0, NULL, NULL, &fn),
      WASMC_ERR_MISUSE);
  api_expect_error(
      wasmc_func_new_native(f->store, t, (void (*)(void))native_fmul, 0, NULL, NULL, NULL),
      WASMC_ERR_MISUSE);
  api_expect_error(wasmc_func_new_native(f->store, t, (void (*)(void))native_fmul, 4, NULL,
                                         count_finalizer, &fn),
                   WASMC_ERR_MISUSE);
  wasmc_functype_delete(t);
  t = ft(v128, 1, NULL, 0);
  api_expect_error(wasmc_func_new_native(f->store, t, (void (*)(void))native_fmul, 0, NULL,
                                         count_finalizer, &fn),
                   WASMC_ERR_UNSUPPORTED);
  wasmc_functype_delete(t);
  for (i = 0; i < 40; i++) many[i] = WASMC_I32;
  t = ft(many, 31, NULL, 0);
  api_expect_ok(wasmc_func_new_native(f->store, t, (void (*)(void))native_fmul, WASMC_NATIVE_ENV,
                                      NULL, NULL, &fn)); /* 32 C parameters: the maximum */
  api_expect_error(
      wasmc_func_new_native(f->store, t, (void (*)(void))native_fmul,
                            WASMC_NATIVE_ENV | WASMC_NATIVE_CALLER, NULL, count_finalizer, &fn),
      WASMC_ERR_MISUSE);
  wasmc_functype_delete(t);
  t = ft(many, 20, many, 13); /* 20 params + 13 result pointers */
  api_expect_error(wasmc_func_new_native(f->store, t, (void (*)(void))native_fmul, 0, NULL,
                                         count_finalizer, &fn),
                   WASMC_ERR_MISUSE);
  wasmc_functype_delete(t);
  assert_int_equal(finalized, 0); /* no finalizer runs for a refused function */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_api_native__signatures_from_wasm_and_host, api_setup,
                                      api_teardown),
      cmocka_unit_test_setup_teardown(test_api_native__creation_errors, api_setup, api_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
