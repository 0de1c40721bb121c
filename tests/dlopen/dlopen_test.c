/*
 * dlopen_test.c: loads libwasmc.so.<major> at run time with dlopen (the path is the only
 * argument) and runs a small module through function pointers from dlsym, the way language
 * bindings without a C compiler (ctypes, FFI libraries) use wasmc. The program is not linked
 * against wasmc: wasmc.h is included for its types only. Exit status 0 means every check passed.
 */
#include <dlfcn.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "wasmc.h"

/*
 * The module, compiled with wat2wasm from:
 *   (module
 *     (func $fac (export "fac") (param i64) (result i64)
 *       (if (result i64) (i64.eqz (local.get 0))
 *         (then (i64.const 1))
 *         (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
 *     (func (export "div") (param i32 i32) (result i32)
 *       (i32.div_s (local.get 0) (local.get 1))))
 */
static const uint8_t kModule[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0c, 0x02, 0x60, 0x01, 0x7e, 0x01,
    0x7e, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x03, 0x03, 0x02, 0x00, 0x01, 0x07, 0x0d, 0x02,
    0x03, 0x66, 0x61, 0x63, 0x00, 0x00, 0x03, 0x64, 0x69, 0x76, 0x00, 0x01, 0x0a, 0x1f, 0x02,
    0x15, 0x00, 0x20, 0x00, 0x50, 0x04, 0x7e, 0x42, 0x01, 0x05, 0x20, 0x00, 0x20, 0x00, 0x42,
    0x01, 0x7d, 0x10, 0x00, 0x7e, 0x0b, 0x0b, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6d, 0x0b};

/* One function pointer type per wasmc function used, spelled out from wasmc.h. */
typedef uint32_t (*version_number_fn)(void);
typedef const char *(*version_fn)(void);
typedef void (*error_delete_fn)(wasmc_error_t *);
typedef wasmc_error_code_t (*error_code_fn)(const wasmc_error_t *);
typedef const char *(*error_message_fn)(const wasmc_error_t *);
typedef void (*trap_delete_fn)(wasmc_trap_t *);
typedef wasmc_trap_code_t (*trap_code_fn)(const wasmc_trap_t *);
typedef const char *(*trap_message_fn)(const wasmc_trap_t *);
typedef wasmc_error_t *(*engine_new_fn)(const wasmc_config_t *, wasmc_engine_t **);
typedef void (*engine_delete_fn)(wasmc_engine_t *);
typedef wasmc_error_t *(*module_new_fn)(wasmc_engine_t *, const uint8_t *, size_t,
                                        wasmc_module_t **);
typedef void (*module_delete_fn)(wasmc_module_t *);
typedef wasmc_error_t *(*store_new_fn)(wasmc_engine_t *, wasmc_store_t **);
typedef void (*store_delete_fn)(wasmc_store_t *);
typedef wasmc_error_t *(*instance_new_fn)(wasmc_store_t *, const wasmc_module_t *,
                                          const wasmc_extern_t *, size_t, wasmc_instance_t *,
                                          wasmc_trap_t **);
typedef bool (*instance_export_get_fn)(wasmc_store_t *, const wasmc_instance_t *, const char *,
                                       size_t, wasmc_extern_t *);
typedef wasmc_error_t *(*func_call_fn)(wasmc_store_t *, const wasmc_func_t *, const wasmc_val_t *,
                                       size_t, wasmc_val_t *, size_t, wasmc_trap_t **);

static struct {
  version_number_fn version_number;
  version_fn version;
  error_delete_fn error_delete;
  error_code_fn error_code;
  error_message_fn error_message;
  trap_delete_fn trap_delete;
  trap_code_fn trap_code;
  trap_message_fn trap_message;
  engine_new_fn engine_new;
  engine_delete_fn engine_delete;
  module_new_fn module_new;
  module_delete_fn module_delete;
  store_new_fn store_new;
  store_delete_fn store_delete;
  instance_new_fn instance_new;
  instance_export_get_fn instance_export_get;
  func_call_fn func_call;
} api;

static int failures;

#define CHECK(cond)                                                           \
  do {                                                                        \
    if (!(cond)) {                                                            \
      fprintf(stderr, "dlopen_test:%d: check failed: %s\n", __LINE__, #cond); \
      failures++;                                                             \
    }                                                                         \
  } while (0)

/*
 * Looks `name` up in `lib` and stores it in the function pointer at `slot` (of `size` bytes).
 * ISO C has no conversion from `void *` to a function pointer; POSIX guarantees the
 * representations agree, so the bytes are copied.
 */
static int load(void *lib, const char *name, void *slot, size_t size) {
  void *sym = dlsym(lib, name);
  if (sym == NULL || size != sizeof sym) {
    fprintf(stderr, "dlopen_test: dlsym(%s) failed: %s\n", name, dlerror());
    return 1;
  }
  memcpy(slot, &sym, size);
  return 0;
}

#define LOAD(lib, field) load(lib, "wasmc_" #field, &api.field, sizeof api.field)

static int load_api(void *lib) {
  return LOAD(lib, version_number) | LOAD(lib, version) | LOAD(lib, error_delete) |
         LOAD(lib, error_code) | LOAD(lib, error_message) | LOAD(lib, trap_delete) |
         LOAD(lib, trap_code) | LOAD(lib, trap_message) | LOAD(lib, engine_new) |
         LOAD(lib, engine_delete) | LOAD(lib, module_new) | LOAD(lib, module_delete) |
         LOAD(lib, store_new) | LOAD(lib, store_delete) | LOAD(lib, instance_new) |
         LOAD(lib, instance_export_get) | LOAD(lib, func_call);
}

/* Prints and frees an error; returns 1 if there was one. */
static int failed(const char *what, wasmc_error_t *error) {
  if (error == NULL) return 0;
  fprintf(stderr, "dlopen_test: %s: %s\n", what, api.error_message(error));
  api.error_delete(error);
  failures++;
  return 1;
}

static int get_func(wasmc_store_t *store, const wasmc_instance_t *instance, const char *name,
                    wasmc_func_t *out) {
  wasmc_extern_t ext;
  if (!api.instance_export_get(store, instance, name, strlen(name), &ext) ||
      ext.kind != WASMC_EXTERN_FUNC) {
    fprintf(stderr, "dlopen_test: no exported function %s\n", name);
    failures++;
    return 1;
  }
  *out = ext.of.func;
  return 0;
}

/* fac(20) returns 20!; div(7, 0) traps with "integer divide by zero". */
static void run_exports(wasmc_store_t *store, const wasmc_instance_t *instance) {
  wasmc_func_t fac, div;
  wasmc_val_t args[2], result;
  wasmc_trap_t *trap = NULL;
  if (get_func(store, instance, "fac", &fac) || get_func(store, instance, "div", &div)) return;

  memset(args, 0, sizeof args);
  args[0].kind = WASMC_I64;
  args[0].of.i64 = 20;
  if (!failed("call fac", api.func_call(store, &fac, args, 1, &result, 1, &trap))) {
    CHECK(trap == NULL);
    CHECK(result.kind == WASMC_I64);
    CHECK(result.of.i64 == INT64_C(2432902008176640000));
    printf("fac(20) = %" PRId64 "\n", result.of.i64);
  }
  api.trap_delete(trap);

  trap = NULL;
  args[0].kind = args[1].kind = WASMC_I32;
  args[0].of.i32 = 7;
  args[1].of.i32 = 0;
  if (!failed("call div", api.func_call(store, &div, args, 2, &result, 1, &trap))) {
    CHECK(trap != NULL);
    if (trap != NULL) {
      CHECK(api.trap_code(trap) == WASMC_TRAP_INT_DIV_BY_ZERO);
      printf("div(7, 0) traps: %s\n", api.trap_message(trap));
    }
  }
  api.trap_delete(trap);
}

static void run(void) {
  static const uint8_t kGarbage[] = {0x00, 0x61, 0x73, 0x6d, 0x02};
  wasmc_engine_t *engine = NULL;
  wasmc_module_t *module = NULL;
  wasmc_store_t *store = NULL;
  wasmc_instance_t instance;
  wasmc_trap_t *trap = NULL;
  wasmc_error_t *error;

  CHECK(api.version_number() == WASMC_VERSION_NUMBER);
  CHECK(strcmp(api.version(), WASMC_VERSION) == 0);
  if (failed("engine_new", api.engine_new(NULL, &engine))) return;

  error = api.module_new(engine, kGarbage, sizeof kGarbage, &module);
  CHECK(error != NULL && api.error_code(error) == WASMC_ERR_MALFORMED);
  api.error_delete(error);
  module = NULL;

  if (!failed("module_new", api.module_new(engine, kModule, sizeof kModule, &module)) &&
      !failed("store_new", api.store_new(engine, &store)) &&
      !failed("instance_new", api.instance_new(store, module, NULL, 0, &instance, &trap))) {
    CHECK(trap == NULL);
    if (trap == NULL) run_exports(store, &instance);
    api.trap_delete(trap);
  }
  api.store_delete(store);
  api.module_delete(module);
  api.engine_delete(engine);
}

int main(int argc, char **argv) {
  void *lib;
  if (argc != 2) {
    fprintf(stderr, "usage: dlopen_test path/to/libwasmc.so.0\n");
    return 2;
  }
  /* RTLD_NOW: every undefined symbol of the library must resolve at load time. */
  lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL) {
    fprintf(stderr, "dlopen_test: dlopen(%s): %s\n", argv[1], dlerror());
    return 1;
  }
  if (load_api(lib) != 0) return 1;
  /* Internal symbols (MIR's, wasmc's C++ ones) must not be visible. */
  CHECK(dlsym(lib, "MIR_init") == NULL);
  run();
  CHECK(dlclose(lib) == 0);
  if (failures != 0) {
    fprintf(stderr, "dlopen_test: %d check(s) failed\n", failures);
    return 1;
  }
  printf("dlopen_test: ok\n");
  return 0;
}
