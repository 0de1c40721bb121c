/*
 * hello.c: the main wasmc example. Loads hello.wasm (source: hello.wat), prints its imports and
 * exports, instantiates it with one host function and calls two of its exports.
 *
 *   ./build/examples/hello [path/to/hello.wasm]
 *
 * Error handling follows the API's contract: every fallible call returns an owned
 * `wasmc_error_t *` (NULL on success), and calls that run Wasm code also report traps.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "wasmc.h"

#ifndef HELLO_WASM_PATH
#define HELLO_WASM_PATH "hello.wasm"
#endif

/* Prints an error and frees it; returns the process exit status for it. */
static int report_error(const char *what, wasmc_error_t *error) {
  fprintf(stderr, "hello: %s: %s\n", what, wasmc_error_message(error));
  wasmc_error_delete(error);
  return 1;
}

static uint8_t *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  uint8_t *data;
  long size;
  if (f == NULL) return NULL;
  if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fclose(f);
    return NULL;
  }
  data = malloc(size > 0 ? (size_t)size : 1);
  if (data != NULL && fread(data, 1, (size_t)size, f) != (size_t)size) {
    free(data);
    data = NULL;
  }
  fclose(f);
  *len = (size_t)size;
  return data;
}

static const char *valkind_name(wasmc_valkind_t kind) {
  static const char *const kNames[] = {"i32", "i64", "f32", "f64", "v128", "funcref", "externref"};
  return kind < sizeof kNames / sizeof kNames[0] ? kNames[kind] : "?";
}

static void print_kinds(const wasmc_valkind_t *kinds, size_t n) {
  size_t i;
  printf("(");
  for (i = 0; i < n; i++) printf("%s%s", i ? ", " : "", valkind_name(kinds[i]));
  printf(")");
}

static void print_limits(const wasmc_limits_t *limits) {
  printf("%" PRIu64, limits->min);
  if (limits->has_max) printf("..%" PRIu64, limits->max);
}

/* Prints an import's or export's type, e.g. "func (i32, i64) -> ()". */
static void print_type(const wasmc_externtype_t *type) {
  const wasmc_valkind_t *kinds;
  size_t n;
  switch (type->kind) {
    case WASMC_EXTERN_FUNC:
      printf("func ");
      kinds = wasmc_functype_params(type->func, &n);
      print_kinds(kinds, n);
      printf(" -> ");
      kinds = wasmc_functype_results(type->func, &n);
      print_kinds(kinds, n);
      break;
    case WASMC_EXTERN_TABLE:
      printf("table %s ", valkind_name(type->table_elem));
      print_limits(&type->limits);
      break;
    case WASMC_EXTERN_MEMORY:
      printf("memory ");
      print_limits(&type->limits);
      break;
    case WASMC_EXTERN_GLOBAL:
      printf("global %s%s", type->global_mutable ? "mut " : "", valkind_name(type->global_kind));
      break;
    default:
      printf("?");
      break;
  }
}

static void print_module(const wasmc_module_t *module) {
  size_t i;
  printf("imports:\n");
  for (i = 0; i < wasmc_module_import_count(module); i++) {
    const char *mod, *name;
    size_t mod_len, name_len;
    const wasmc_externtype_t *type;
    wasmc_error_t *error =
        wasmc_module_import_get(module, i, &mod, &mod_len, &name, &name_len, &type);
    if (error != NULL) {
      report_error("wasmc_module_import_get", error);
      continue;
    }
    printf("  %.*s.%.*s: ", (int)mod_len, mod, (int)name_len, name);
    print_type(type);
    printf("\n");
  }
  printf("exports:\n");
  for (i = 0; i < wasmc_module_export_count(module); i++) {
    const char *name;
    size_t name_len;
    const wasmc_externtype_t *type;
    wasmc_error_t *error = wasmc_module_export_get(module, i, &name, &name_len, &type);
    if (error != NULL) {
      report_error("wasmc_module_export_get", error);
      continue;
    }
    printf("  %.*s: ", (int)name_len, name);
    print_type(type);
    printf("\n");
  }
}

/* The host function env.report(i32 n, i64 fac): prints one line; `env` counts the calls. */
static wasmc_trap_t *report(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *args,
                            size_t capacity) {
  unsigned *calls = env;
  (void)caller;
  (void)capacity;
  ++*calls;
  printf("  %" PRId32 "! = %" PRId64 "\n", args[0].i32, args[1].i64);
  return NULL;
}

/* Looks up an exported function. */
static int get_func(wasmc_store_t *store, const wasmc_instance_t *instance, const char *name,
                    size_t len, wasmc_func_t *out) {
  wasmc_extern_t ext;
  if (!wasmc_instance_export_get(store, instance, name, len, &ext) ||
      ext.kind != WASMC_EXTERN_FUNC) {
    fprintf(stderr, "hello: no exported function %s\n", name);
    return 1;
  }
  *out = ext.of.func;
  return 0;
}

/* Calls a function; prints a trap if there is one. Returns the exit status. */
static int call(wasmc_store_t *store, const wasmc_func_t *func, const wasmc_val_t *args,
                size_t nargs, wasmc_val_t *results, size_t nresults) {
  wasmc_trap_t *trap = NULL;
  wasmc_error_t *error = wasmc_func_call(store, func, args, nargs, results, nresults, &trap);
  if (error != NULL) return report_error("wasmc_func_call", error);
  if (trap != NULL) {
    fprintf(stderr, "hello: trap: %s\n", wasmc_trap_message(trap));
    wasmc_trap_delete(trap);
    return 1;
  }
  return 0;
}

/* Instantiates the module with env.report and calls fac(20) and report_factorials(6). */
static int run(wasmc_store_t *store, const wasmc_module_t *module) {
  static const wasmc_valkind_t kParams[] = {WASMC_I32, WASMC_I64};
  unsigned calls = 0;
  wasmc_functype_t *type = wasmc_functype_new(kParams, 2, NULL, 0);
  wasmc_extern_t import;
  wasmc_instance_t instance;
  wasmc_trap_t *trap = NULL;
  wasmc_func_t fac, report_factorials;
  wasmc_val_t arg, result;
  wasmc_error_t *error;

  if (type == NULL) return 1;
  import.kind = WASMC_EXTERN_FUNC;
  error = wasmc_func_new(store, type, report, &calls, NULL, &import.of.func);
  wasmc_functype_delete(type);
  if (error != NULL) return report_error("wasmc_func_new", error);

  error = wasmc_instance_new(store, module, &import, 1, &instance, &trap);
  if (error != NULL) return report_error("wasmc_instance_new", error);
  if (trap != NULL) {
    fprintf(stderr, "hello: the start function trapped: %s\n", wasmc_trap_message(trap));
    wasmc_trap_delete(trap);
    return 1;
  }
  if (get_func(store, &instance, "fac", 3, &fac) != 0 ||
      get_func(store, &instance, "report_factorials", 17, &report_factorials) != 0) {
    return 1;
  }

  arg.kind = WASMC_I64;
  arg.of.i64 = 20;
  if (call(store, &fac, &arg, 1, &result, 1) != 0) return 1;
  printf("fac(20) = %" PRId64 "\n", result.of.i64);
  if (result.of.i64 != INT64_C(2432902008176640000)) return 1; /* the example is also a test */

  printf("report_factorials(6):\n");
  arg.kind = WASMC_I32;
  arg.of.i32 = 6;
  if (call(store, &report_factorials, &arg, 1, &result, 1) != 0) return 1;
  printf("%" PRId32 " reports, %u host calls\n", result.of.i32, calls);
  return result.of.i32 == 6 && calls == 6 ? 0 : 1;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : HELLO_WASM_PATH;
  size_t len = 0;
  uint8_t *bytes = read_file(path, &len);
  wasmc_engine_t *engine = NULL;
  wasmc_module_t *module = NULL;
  wasmc_store_t *store = NULL;
  wasmc_error_t *error;
  int rc;

  printf("wasmc %s\n", wasmc_version());
  if (bytes == NULL) {
    fprintf(stderr, "hello: cannot read %s\n", path);
    return 1;
  }
  error = wasmc_engine_new(NULL, &engine);
  if (error != NULL) {
    free(bytes);
    return report_error("wasmc_engine_new", error);
  }
  /* Compile once; the module could now be instantiated in any number of stores. */
  error = wasmc_module_new(engine, bytes, len, &module);
  free(bytes);
  if (error != NULL) {
    rc = report_error("wasmc_module_new", error);
  } else {
    print_module(module);
    error = wasmc_store_new(engine, &store);
    rc = error != NULL ? report_error("wasmc_store_new", error) : run(store, module);
  }
  wasmc_store_delete(store); /* frees the instance and the host function with it */
  wasmc_module_delete(module);
  wasmc_engine_delete(engine);
  return rc;
}
