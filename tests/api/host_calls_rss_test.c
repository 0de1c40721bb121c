/* C API test: 10 million host-function calls from Wasm (array-call and native) and a million
 * calls from the host into Wasm leave the resident set flat: nothing is allocated per call.
 * Under ASan the allocator's quarantine makes RSS meaningless; the leak checker covers it. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api_test_util.h"

#if defined(__SANITIZE_ADDRESS__)
#define RSS_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RSS_TEST_ASAN 1
#endif
#endif

static long resident_kib(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  unsigned long size = 0, resident = 0;
  if (!f) return 0;
  if (fscanf(f, "%lu %lu", &size, &resident) != 2) resident = 0;
  fclose(f);
  return (long)(resident * 4); /* 4 KiB pages */
}

static wasmc_trap_t *tick(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *args,
                          size_t capacity) {
  (void)caller;
  (void)capacity;
  ++*(uint64_t *)env;
  args[0].i32 = args[0].i32 & 1;
  return NULL;
}

static int32_t native_tick(void *env, int32_t n) {
  ++*(uint64_t *)env;
  return n & 1;
}

static void run_loop(api_fixture_t *f, const wasmc_func_t *loop, int32_t n) {
  wasmc_val_t a = api_i32(n), r;
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_func_call(f->store, loop, &a, 1, &r, 1, &trap));
  assert_null(trap);
  assert_int_equal(r.of.i32, n / 2);
}

static void check_flat(long before, long after, const char *what) {
  printf("%s: RSS %ld KiB -> %ld KiB\n", what, before, after);
#ifndef RSS_TEST_ASAN
  if (after - before > 1024) fail_msg("%s: RSS grew by %ld KiB", what, after - before);
#endif
}

static void test_api_host_calls__rss_flat(void **state) {
  api_fixture_t *f = *state;
  static const wasmc_valkind_t i32[] = {WASMC_I32};
  wasmc_functype_t *t = wasmc_functype_new(i32, 1, i32, 1);
  wasmc_module_t *module = api_compile(f->engine, "hostloop");
  uint64_t calls = 0;
  wasmc_extern_t imp;
  wasmc_instance_t inst, inst2;
  wasmc_trap_t *trap = NULL;
  long before;
  int i;
#ifdef RSS_TEST_ASAN
  const int32_t n = 1000000; /* keep the sanitizer run fast */
#else
  const int32_t n = 10000000;
#endif

  imp.kind = WASMC_EXTERN_FUNC;
  api_expect_ok(wasmc_func_new(f->store, t, tick, &calls, NULL, &imp.of.func));
  api_expect_ok(wasmc_instance_new(f->store, module, &imp, 1, &inst, &trap));
  api_expect_ok(wasmc_func_new_native(f->store, t, (void (*)(void))native_tick, WASMC_NATIVE_ENV,
                                      &calls, NULL, &imp.of.func));
  api_expect_ok(wasmc_instance_new(f->store, module, &imp, 1, &inst2, &trap));
  wasmc_functype_delete(t);
  wasmc_func_t loop = api_export(f->store, &inst, "loop", WASMC_EXTERN_FUNC).of.func;
  wasmc_func_t loop2 = api_export(f->store, &inst2, "loop", WASMC_EXTERN_FUNC).of.func;
  wasmc_func_t empty = api_export(f->store, &inst, "empty", WASMC_EXTERN_FUNC).of.func;

  run_loop(f, &loop, 100000); /* warm up */
  before = resident_kib();
  run_loop(f, &loop, n);
  check_flat(before, resident_kib(), "array-call host function");
  assert_true(calls == (uint64_t)n + 100000);

  run_loop(f, &loop2, 100000);
  before = resident_kib();
  run_loop(f, &loop2, n / 4);
  check_flat(before, resident_kib(), "native host function");

  before = resident_kib();
  for (i = 0; i < n / 10; i++) {
    api_expect_ok(wasmc_func_call(f->store, &empty, NULL, 0, NULL, 0, &trap));
  }
  check_flat(before, resident_kib(), "host -> Wasm calls");
  wasmc_module_delete(module);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_api_host_calls__rss_flat, api_setup, api_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
