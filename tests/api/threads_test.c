/* C API tests: one engine and one module shared by several threads, each with its own store
 * (the thread-safety contract of wasmc.h; meant to run under TSan too). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "api_test_util.h"

#define NTHREADS 4

typedef struct worker {
  wasmc_engine_t *engine;
  wasmc_module_t *module;
  int ok;
} worker_t;

static void *work(void *arg) {
  worker_t *w = arg;
  wasmc_store_t *store;
  if (wasmc_store_new(w->engine, &store)) return NULL;
  for (int round = 0; round < 20; ++round) {
    wasmc_instance_t inst;
    wasmc_trap_t *trap = NULL;
    if (wasmc_instance_new(store, w->module, NULL, 0, &inst, &trap) || trap) break;
    wasmc_extern_t fac, div;
    if (!wasmc_instance_export_get(store, &inst, "fac", 3, &fac)) break;
    if (!wasmc_instance_export_get(store, &inst, "div", 3, &div)) break;
    wasmc_val_t arg = api_i64(10), result;
    if (wasmc_func_call(store, &fac.of.func, &arg, 1, &result, 1, &trap) || trap) break;
    if (result.of.i64 != 3628800) break;
    wasmc_val_t args[2] = {api_i32(1), api_i32(0)};
    if (wasmc_func_call(store, &div.of.func, args, 2, &result, 1, &trap) || !trap) break;
    wasmc_trap_delete(trap);
    if (round == 19) w->ok = 1;
  }
  wasmc_store_delete(store);
  return NULL;
}

static void test_api_threads__shared_engine_and_module(void **state) {
  (void)state;
  wasmc_engine_t *engine;
  api_expect_ok(wasmc_engine_new(NULL, &engine));
  wasmc_module_t *module = api_compile(engine, "basic");
  pthread_t threads[NTHREADS];
  worker_t workers[NTHREADS];
  for (int i = 0; i < NTHREADS; ++i) {
    workers[i].engine = engine;
    workers[i].module = module;
    workers[i].ok = 0;
    assert_int_equal(pthread_create(&threads[i], NULL, work, &workers[i]), 0);
  }
  for (int i = 0; i < NTHREADS; ++i) pthread_join(threads[i], NULL);
  for (int i = 0; i < NTHREADS; ++i) assert_true(workers[i].ok);
  wasmc_module_delete(module);
  wasmc_engine_delete(engine);
}

static void *compile_work(void *arg) {
  worker_t *w = arg;
  size_t len;
  uint8_t *bytes = api_load_wasm("imports", &len);
  for (int i = 0; i < 5; ++i) {
    wasmc_module_t *module;
    if (wasmc_module_new(w->engine, bytes, len, &module)) {
      free(bytes);
      return NULL;
    }
    wasmc_module_delete(module);
  }
  free(bytes);
  w->ok = 1;
  return NULL;
}

static void test_api_threads__concurrent_compilation(void **state) {
  (void)state;
  wasmc_engine_t *engine;
  api_expect_ok(wasmc_engine_new(NULL, &engine));
  pthread_t threads[NTHREADS];
  worker_t workers[NTHREADS];
  for (int i = 0; i < NTHREADS; ++i) {
    workers[i].engine = engine;
    workers[i].ok = 0;
    assert_int_equal(pthread_create(&threads[i], NULL, compile_work, &workers[i]), 0);
  }
  for (int i = 0; i < NTHREADS; ++i) pthread_join(threads[i], NULL);
  for (int i = 0; i < NTHREADS; ++i) assert_true(workers[i].ok);
  wasmc_engine_delete(engine);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_api_threads__shared_engine_and_module),
      cmocka_unit_test(test_api_threads__concurrent_compilation),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
