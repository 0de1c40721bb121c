/* Shared helpers for the C API tests (see api_test_util.h). */
#include "api_test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int api_setup(void **state) {
  api_fixture_t *f = calloc(1, sizeof *f);
  if (!f) return -1;
  if (wasmc_engine_new(NULL, &f->engine) != NULL) return -1;
  if (wasmc_store_new(f->engine, &f->store) != NULL) return -1;
  *state = f;
  return 0;
}

int api_teardown(void **state) {
  api_fixture_t *f = *state;
  wasmc_store_delete(f->store);
  wasmc_engine_delete(f->engine);
  free(f);
  return 0;
}

uint8_t *api_load_wasm(const char *name, size_t *len_out) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s.wasm", WASMC_API_WASM_DIR, name);
  FILE *fp = fopen(path, "rb");
  if (!fp) fail_msg("cannot open %s", path);
  fseek(fp, 0, SEEK_END);
  long size = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  uint8_t *bytes = malloc(size > 0 ? (size_t)size : 1);
  assert_non_null(bytes);
  assert_int_equal(fread(bytes, 1, (size_t)size, fp), (size_t)size);
  fclose(fp);
  *len_out = (size_t)size;
  return bytes;
}

wasmc_module_t *api_compile(wasmc_engine_t *engine, const char *name) {
  size_t len;
  uint8_t *bytes = api_load_wasm(name, &len);
  wasmc_module_t *module = NULL;
  wasmc_error_t *err = wasmc_module_new(engine, bytes, len, &module);
  free(bytes);
  api_expect_ok(err);
  assert_non_null(module);
  return module;
}

wasmc_instance_t api_instantiate(wasmc_store_t *store, wasmc_module_t *module) {
  wasmc_instance_t instance;
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_instance_new(store, module, NULL, 0, &instance, &trap));
  if (trap) fail_msg("instantiation trapped: %s", wasmc_trap_message(trap));
  return instance;
}

wasmc_extern_t api_export(wasmc_store_t *store, const wasmc_instance_t *instance,
                          const char *name, wasmc_externkind_t kind) {
  wasmc_extern_t ext;
  if (!wasmc_instance_export_get(store, instance, name, strlen(name), &ext)) {
    fail_msg("missing export %s", name);
  }
  assert_int_equal(ext.kind, kind);
  return ext;
}

void api_expect_error(wasmc_error_t *err, wasmc_error_code_t code) {
  assert_non_null(err);
  if (wasmc_error_code(err) != code) {
    fail_msg("expected error %u, got %u: %s", (unsigned)code, (unsigned)wasmc_error_code(err),
             wasmc_error_message(err));
  }
  assert_non_null(wasmc_error_message(err));
  wasmc_error_delete(err);
}

void api_expect_ok(wasmc_error_t *err) {
  if (err) {
    char msg[512];
    snprintf(msg, sizeof msg, "%s", wasmc_error_message(err));
    wasmc_error_delete(err);
    fail_msg("unexpected error: %s", msg);
  }
}

wasmc_val_t api_i32(int32_t v) {
  wasmc_val_t val;
  memset(&val, 0, sizeof val);
  val.kind = WASMC_I32;
  val.of.i32 = v;
  return val;
}

wasmc_val_t api_i64(int64_t v) {
  wasmc_val_t val;
  memset(&val, 0, sizeof val);
  val.kind = WASMC_I64;
  val.of.i64 = v;
  return val;
}
