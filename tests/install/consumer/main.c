/*
 * main.c: a program built against an installed wasmc (tests/install). Compiles a module that
 * exports add(i32, i32) -> i32, instantiates it and checks that add(40, 2) is 42. Also checks
 * that the installed header and the library it links have the same version.
 */
#include <stdio.h>

#include <wasmc.h>

/* wat2wasm of: (module (func (export "add") (param i32 i32) (result i32)
 *                (i32.add (local.get 0) (local.get 1)))) */
static const uint8_t kAddModule[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7f,
    0x7f, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64,
    0x00, 0x00, 0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b};

static int report(const char *what, wasmc_error_t *error) {
  fprintf(stderr, "consumer: %s: %s\n", what, wasmc_error_message(error));
  wasmc_error_delete(error);
  return 1;
}

static int run(wasmc_engine_t *engine, wasmc_store_t *store, wasmc_module_t **module) {
  wasmc_instance_t instance;
  wasmc_extern_t add;
  wasmc_val_t args[2], result;
  wasmc_trap_t *trap = NULL;
  wasmc_error_t *error = wasmc_module_new(engine, kAddModule, sizeof kAddModule, module);
  if (error != NULL) return report("wasmc_module_new", error);
  error = wasmc_instance_new(store, *module, NULL, 0, &instance, &trap);
  if (error != NULL) return report("wasmc_instance_new", error);
  if (trap != NULL || !wasmc_instance_export_get(store, &instance, "add", 3, &add) ||
      add.kind != WASMC_EXTERN_FUNC) {
    fprintf(stderr, "consumer: instantiation trapped or no export \"add\"\n");
    wasmc_trap_delete(trap);
    return 1;
  }
  args[0].kind = args[1].kind = WASMC_I32;
  args[0].of.i32 = 40;
  args[1].of.i32 = 2;
  error = wasmc_func_call(store, &add.of.func, args, 2, &result, 1, &trap);
  if (error != NULL) return report("wasmc_func_call", error);
  if (trap != NULL) {
    fprintf(stderr, "consumer: add trapped: %s\n", wasmc_trap_message(trap));
    wasmc_trap_delete(trap);
    return 1;
  }
  printf("wasmc %s: add(40, 2) = %d\n", wasmc_version(), (int)result.of.i32);
  return result.kind == WASMC_I32 && result.of.i32 == 42 ? 0 : 1;
}

int main(void) {
  wasmc_engine_t *engine = NULL;
  wasmc_store_t *store = NULL;
  wasmc_module_t *module = NULL;
  wasmc_error_t *error;
  int status;
  if (wasmc_version_number() != WASMC_VERSION_NUMBER) {
    fprintf(stderr, "consumer: header %s but library %s\n", WASMC_VERSION, wasmc_version());
    return 1;
  }
  if ((error = wasmc_engine_new(NULL, &engine)) != NULL) return report("wasmc_engine_new", error);
  if ((error = wasmc_store_new(engine, &store)) != NULL) {
    wasmc_engine_delete(engine);
    return report("wasmc_store_new", error);
  }
  status = run(engine, store, &module);
  wasmc_store_delete(store);
  wasmc_module_delete(module);
  wasmc_engine_delete(engine);
  return status;
}
