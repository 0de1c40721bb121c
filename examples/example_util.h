/*
 * example_util.h: the two helpers every example needs (reading a .wasm file, giving up on an
 * error) so that each example's .c file shows only the API in use. Header-only, C99.
 */
#ifndef WASMC_EXAMPLE_UTIL_H
#define WASMC_EXAMPLE_UTIL_H

#include <stdio.h>
#include <stdlib.h>

#include "wasmc.h"

/* Exits with status 1 after printing `what` and the error's message, if `error` is not NULL. */
static void example_check(wasmc_error_t *error, const char *what) {
  if (error != NULL) {
    fprintf(stderr, "error: %s: %s\n", what, wasmc_error_message(error));
    wasmc_error_delete(error);
    exit(1);
  }
}

/* Compiles the module at `path` (exits on failure). */
static wasmc_module_t *example_load(wasmc_engine_t *engine, const char *path) {
  FILE *f = fopen(path, "rb");
  wasmc_module_t *module = NULL;
  uint8_t *bytes;
  long size;
  if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
      fseek(f, 0, SEEK_SET) != 0) {
    fprintf(stderr, "error: cannot read %s\n", path);
    exit(1);
  }
  bytes = malloc(size > 0 ? (size_t)size : 1);
  if (bytes == NULL || fread(bytes, 1, (size_t)size, f) != (size_t)size) {
    fprintf(stderr, "error: cannot read %s\n", path);
    exit(1);
  }
  fclose(f);
  example_check(wasmc_module_new(engine, bytes, (size_t)size, &module), "wasmc_module_new");
  free(bytes);
  return module;
}

/* Exits with status 1 if `ok` is false: every example checks what it computed. */
static void example_expect(int ok, const char *what) {
  if (!ok) {
    fprintf(stderr, "wrong result: %s\n", what);
    exit(1);
  }
}

#endif /* WASMC_EXAMPLE_UTIL_H */
