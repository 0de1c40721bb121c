/* Compilation modes: parallel compilation (wasmc_config_compile_threads_set) and lazy
 * compilation (wasmc_config_lazy_compile_set) must give the same results and the same errors
 * as compiling on one thread. The test module is generated here: a chain of N functions of
 * about 560 bytes each (several partitions of >= 32 KiB, so calls cross MIR contexts), where
 * f_i mixes its argument and calls f_(i-1), f_0 calls the last one, and the expected results
 * are computed in C. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "api_test_util.h"

enum { kFuncs = 200, kRounds = 50 };

typedef struct buf {
  uint8_t *p;
  size_t len, cap;
} buf_t;

static void put(buf_t *b, uint8_t byte) {
  if (b->len == b->cap) {
    b->cap = b->cap ? b->cap * 2 : 1024;
    b->p = realloc(b->p, b->cap);
    assert_non_null(b->p);
  }
  b->p[b->len++] = byte;
}
static void put_uleb(buf_t *b, uint32_t v) {
  do {
    uint8_t byte = v & 0x7f;
    v >>= 7;
    put(b, byte | (v ? 0x80 : 0));
  } while (v);
}
static void put_sleb(buf_t *b, int32_t v) {
  for (;;) {
    uint8_t byte = v & 0x7f;
    v >>= 7; /* arithmetic shift: gcc and clang */
    if ((v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40))) {
      put(b, byte);
      return;
    }
    put(b, byte | 0x80);
  }
}
static void put_buf(buf_t *b, const buf_t *src) {
  for (size_t i = 0; i < src->len; i++) put(b, src->p[i]);
}
static void put_section(buf_t *b, uint8_t id, buf_t *payload) {
  put(b, id);
  put_uleb(b, (uint32_t)payload->len);
  put_buf(b, payload);
  payload->len = 0;
}

static int32_t constant(uint32_t f, uint32_t r) { return (int32_t)(f * 2654435761u + r * 40503u); }

/* What f_i computes for i >= 1 (f_1 ends the chain). */
static int32_t expected_chain(uint32_t i, int32_t x) {
  for (; i >= 1; i--) {
    uint32_t v = (uint32_t)x;
    for (uint32_t r = 0; r < kRounds; r++) {
      v = (r % 2 == 0) ? v ^ (uint32_t)constant(i, r) : v + (uint32_t)constant(i, r);
    }
    x = (int32_t)v;
  }
  return x;
}

/* f_0(x) = f_(N-1)(x + 1). `bad_func`, if not 0, gets an i64.add on i32 operands (invalid);
 * `simd_func` gets a v128 local (unsupported). */
static buf_t make_module(uint32_t bad_func, uint32_t simd_func) {
  buf_t m = {0}, s = {0}, body = {0};
  static const uint8_t header[] = {0, 'a', 's', 'm', 1, 0, 0, 0};
  for (size_t i = 0; i < sizeof header; i++) put(&m, header[i]);
  put_uleb(&s, 1); /* type 0: (i32) -> i32 */
  put(&s, 0x60), put_uleb(&s, 1), put(&s, 0x7f), put_uleb(&s, 1), put(&s, 0x7f);
  put_section(&m, 1, &s);
  put_uleb(&s, kFuncs);
  for (uint32_t i = 0; i < kFuncs; i++) put_uleb(&s, 0);
  put_section(&m, 3, &s);
  put_uleb(&s, 1); /* export "entry" = f_0 */
  put_uleb(&s, 5), put(&s, 'e'), put(&s, 'n'), put(&s, 't'), put(&s, 'r'), put(&s, 'y');
  put(&s, 0x00), put_uleb(&s, 0);
  put_section(&m, 7, &s);
  put_uleb(&s, kFuncs);
  for (uint32_t i = 0; i < kFuncs; i++) {
    body.len = 0;
    if (i == simd_func && i != 0) {
      put_uleb(&body, 1), put_uleb(&body, 1), put(&body, 0x7b); /* (local v128) */
    } else {
      put_uleb(&body, 0);
    }
    if (i == 0) { /* local.get 0; i32.const 1; i32.add; call N-1 */
      put(&body, 0x20), put_uleb(&body, 0), put(&body, 0x41), put_sleb(&body, 1), put(&body, 0x6a);
      put(&body, 0x10), put_uleb(&body, kFuncs - 1);
    } else {
      for (uint32_t r = 0; r < kRounds; r++) { /* local.get 0; i32.const c; xor|add; local.set 0 */
        put(&body, 0x20), put_uleb(&body, 0), put(&body, 0x41), put_sleb(&body, constant(i, r));
        put(&body, r % 2 == 0 ? 0x73 : 0x6a), put(&body, 0x21), put_uleb(&body, 0);
      }
      put(&body, 0x20), put_uleb(&body, 0);
      if (i == bad_func) put(&body, 0x20), put_uleb(&body, 0), put(&body, 0x7c); /* i64.add */
      if (i > 1) put(&body, 0x10), put_uleb(&body, i - 1);
    }
    put(&body, 0x0b);
    put_uleb(&s, (uint32_t)body.len);
    put_buf(&s, &body);
  }
  put_section(&m, 10, &s);
  free(s.p);
  free(body.p);
  return m;
}

static wasmc_engine_t *make_engine(uint32_t threads, bool lazy) {
  wasmc_config_t *config = wasmc_config_new();
  wasmc_engine_t *engine = NULL;
  assert_non_null(config);
  api_expect_ok(wasmc_config_compile_threads_set(config, threads));
  api_expect_ok(wasmc_config_lazy_compile_set(config, lazy));
  api_expect_ok(wasmc_engine_new(config, &engine));
  wasmc_config_delete(config);
  return engine;
}

static int32_t call_entry(wasmc_store_t *store, wasmc_module_t *module, int32_t x) {
  wasmc_instance_t inst = api_instantiate(store, module);
  wasmc_extern_t ext = api_export(store, &inst, "entry", WASMC_EXTERN_FUNC);
  wasmc_val_t arg = api_i32(x), res;
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_func_call(store, &ext.of.func, &arg, 1, &res, 1, &trap));
  assert_null(trap);
  assert_int_equal(res.kind, WASMC_I32);
  return res.of.i32;
}

static void check_mode(uint32_t threads, bool lazy) {
  buf_t bytes = make_module(0, 0);
  wasmc_engine_t *engine = make_engine(threads, lazy);
  wasmc_module_t *module = NULL;
  wasmc_store_t *store = NULL;
  api_expect_ok(wasmc_module_new(engine, bytes.p, bytes.len, &module));
  api_expect_ok(wasmc_store_new(engine, &store));
  static const int32_t inputs[] = {0, 1, -7, 123456789};
  for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++) {
    assert_int_equal(call_entry(store, module, inputs[k]),
                     expected_chain(kFuncs - 1, inputs[k] + 1));
  }
  wasmc_store_delete(store);
  wasmc_module_delete(module);
  wasmc_engine_delete(engine);
  free(bytes.p);
}

static void one_thread(void **state) {
  (void)state;
  check_mode(1, false);
}

static void parallel_partitions(void **state) {
  (void)state;
  check_mode(4, false); /* about 110 KB of code: 3 partitions */
  check_mode(0, false);
}

static void lazy(void **state) {
  (void)state;
  check_mode(1, true);
  check_mode(2, true);
}

static void errors_match(uint32_t bad_func, uint32_t simd_func, wasmc_error_code_t code) {
  buf_t bytes = make_module(bad_func, simd_func);
  for (int mode = 0; mode < 4; mode++) {
    wasmc_engine_t *engine = make_engine(mode == 1 ? 4 : 1 + (mode == 3), mode >= 2);
    wasmc_module_t *module = NULL;
    api_expect_error(wasmc_module_new(engine, bytes.p, bytes.len, &module), code);
    assert_null(module);
    wasmc_engine_delete(engine);
  }
  free(bytes.p);
}

static void same_errors(void **state) {
  (void)state;
  errors_match(kFuncs - 3, 0, WASMC_ERR_INVALID);      /* in the last partition */
  errors_match(5, kFuncs - 2, WASMC_ERR_INVALID);      /* the first failure wins */
  errors_match(kFuncs - 2, 7, WASMC_ERR_UNSUPPORTED);  /* also for unsupported */
}

typedef struct worker {
  wasmc_engine_t *engine;
  wasmc_module_t *module;
  int32_t input, result;
  bool ok;
} worker_t;

static void *run_worker(void *arg) {
  worker_t *w = arg;
  wasmc_store_t *store = NULL;
  wasmc_instance_t inst;
  wasmc_trap_t *trap = NULL;
  w->ok = false;
  if (wasmc_store_new(w->engine, &store) != NULL) return NULL;
  if (wasmc_instance_new(store, w->module, NULL, 0, &inst, &trap) == NULL && trap == NULL) {
    wasmc_extern_t ext;
    wasmc_val_t arg1 = api_i32(w->input), res;
    if (wasmc_instance_export_get(store, &inst, "entry", 5, &ext) &&
        wasmc_func_call(store, &ext.of.func, &arg1, 1, &res, 1, &trap) == NULL && trap == NULL) {
      w->result = res.of.i32;
      w->ok = true;
    }
  }
  if (trap) wasmc_trap_delete(trap);
  wasmc_store_delete(store);
  return NULL;
}

/* Four threads make the first calls of one lazily compiled module at once. */
static void lazy_concurrent_first_calls(void **state) {
  (void)state;
  buf_t bytes = make_module(0, 0);
  wasmc_engine_t *engine = make_engine(2, true);
  wasmc_module_t *module = NULL;
  api_expect_ok(wasmc_module_new(engine, bytes.p, bytes.len, &module));
  worker_t w[4];
  pthread_t t[4];
  for (int i = 0; i < 4; i++) {
    w[i].engine = engine, w[i].module = module, w[i].input = i * 1000 - 1;
    assert_int_equal(pthread_create(&t[i], NULL, run_worker, &w[i]), 0);
  }
  for (int i = 0; i < 4; i++) {
    assert_int_equal(pthread_join(t[i], NULL), 0);
    assert_true(w[i].ok);
    assert_int_equal(w[i].result, expected_chain(kFuncs - 1, w[i].input + 1));
  }
  wasmc_module_delete(module);
  wasmc_engine_delete(engine);
  free(bytes.p);
}

static void config_checks(void **state) {
  (void)state;
  wasmc_config_t *config = wasmc_config_new();
  api_expect_error(wasmc_config_compile_threads_set(NULL, 1), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_config_compile_threads_set(config, 257), WASMC_ERR_MISUSE);
  api_expect_ok(wasmc_config_compile_threads_set(config, 256));
  api_expect_error(wasmc_config_lazy_compile_set(NULL, true), WASMC_ERR_MISUSE);
  wasmc_config_delete(config);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(one_thread),
      cmocka_unit_test(parallel_partitions),
      cmocka_unit_test(lazy),
      cmocka_unit_test(same_errors),
      cmocka_unit_test(lazy_concurrent_first_calls),
      cmocka_unit_test(config_checks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
