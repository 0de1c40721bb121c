/* Shared helpers for the C API tests: loading the test modules compiled from wat/ at build time,
 * a per-test engine + store fixture and assertions on errors. Public header only. */
#ifndef WASMC_TESTS_API_API_TEST_UTIL_H_
#define WASMC_TESTS_API_API_TEST_UTIL_H_

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "wasmc.h"

typedef struct api_fixture {
  wasmc_engine_t *engine;
  wasmc_store_t *store;
} api_fixture_t;

/* cmocka setup/teardown: a fresh engine and store per test. */
int api_setup(void **state);
int api_teardown(void **state);

/* Reads build-dir/<name>.wasm; aborts the test on failure. Free with free(). */
uint8_t *api_load_wasm(const char *name, size_t *len_out);
/* Compiles build-dir/<name>.wasm. */
wasmc_module_t *api_compile(wasmc_engine_t *engine, const char *name);
/* Instantiates a module without imports; fails the test on error or trap. */
wasmc_instance_t api_instantiate(wasmc_store_t *store, wasmc_module_t *module);
/* The export `name` of `instance`, which must exist and be of `kind`. */
wasmc_extern_t api_export(wasmc_store_t *store, const wasmc_instance_t *instance,
                          const char *name, wasmc_externkind_t kind);

/* Asserts that `err` is non-NULL with code `code`, then frees it. */
void api_expect_error(wasmc_error_t *err, wasmc_error_code_t code);
/* Asserts that `err` is NULL (printing its message otherwise). */
void api_expect_ok(wasmc_error_t *err);

wasmc_val_t api_i32(int32_t v);
wasmc_val_t api_i64(int64_t v);

#endif /* WASMC_TESTS_API_API_TEST_UTIL_H_ */
