/*
 * spectest.c: builds the `spectest` host module from public API objects: host functions
 * (wasmc_func_new), globals, a table and a memory. The definitions follow the reference
 * interpreter's `spectest` module, which the testsuite README reproduces.
 */
#include "spectest.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SPECTEST_MAX_EXPORTS 16
#define SPECTEST_MAX_PARAMS 2

typedef struct export_slot {
  const char *name;
  bool ok;
  wasmc_extern_t ext;
  char why[256];
} export_slot;

struct spectest {
  export_slot slots[SPECTEST_MAX_EXPORTS];
  size_t count;
};

/* The env of a print function: its parameter kinds, so it can print its arguments. */
typedef struct print_env {
  wasmc_valkind_t params[SPECTEST_MAX_PARAMS];
  size_t nparams;
  bool verbose;
} print_env;

static void print_env_finalize(void *env) { free(env); }

static wasmc_trap_t *print_callback(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *args,
                                    size_t capacity) {
  const print_env *pe = env;
  size_t i;
  (void)caller;
  if (!pe->verbose) return NULL;
  for (i = 0; i < pe->nparams && i < capacity; i++) {
    switch (pe->params[i]) {
      case WASMC_I32:
        printf("%" PRId32 " : i32\n", args[i].i32);
        break;
      case WASMC_I64:
        printf("%" PRId64 " : i64\n", args[i].i64);
        break;
      case WASMC_F32:
        printf("%.9g : f32\n", (double)args[i].f32);
        break;
      case WASMC_F64:
        printf("%.17g : f64\n", args[i].f64);
        break;
      default:
        printf("? : ?\n");
        break;
    }
  }
  return NULL;
}

static export_slot *add_slot(spectest *s, const char *name) {
  export_slot *slot = &s->slots[s->count++];
  memset(slot, 0, sizeof *slot);
  slot->name = name;
  return slot;
}

/* Records the outcome of creating one export; takes ownership of `error`. */
static void finish_slot(export_slot *slot, wasmc_error_t *error) {
  if (error == NULL) {
    slot->ok = true;
    return;
  }
  snprintf(slot->why, sizeof slot->why, "creating spectest.%s failed: %s", slot->name,
           wasmc_error_message(error));
  wasmc_error_delete(error);
}

static void add_print(spectest *s, wasmc_store_t *store, bool verbose, const char *name,
                      const wasmc_valkind_t *params, size_t nparams) {
  export_slot *slot = add_slot(s, name);
  wasmc_functype_t *type = wasmc_functype_new(params, nparams, NULL, 0);
  print_env *env = calloc(1, sizeof *env);
  if (type == NULL || env == NULL) {
    snprintf(slot->why, sizeof slot->why, "creating spectest.%s failed: out of memory", name);
    free(env);
    wasmc_functype_delete(type);
    return;
  }
  if (nparams > 0) memcpy(env->params, params, nparams * sizeof params[0]);
  env->nparams = nparams;
  env->verbose = verbose;
  slot->ext.kind = WASMC_EXTERN_FUNC;
  finish_slot(slot, wasmc_func_new(store, type, print_callback, env, print_env_finalize,
                                   &slot->ext.of.func));
  if (!slot->ok) free(env); /* on error the finalizer does not run */
  wasmc_functype_delete(type);
}

static void add_global(spectest *s, wasmc_store_t *store, const char *name,
                       const wasmc_val_t *value) {
  export_slot *slot = add_slot(s, name);
  slot->ext.kind = WASMC_EXTERN_GLOBAL;
  finish_slot(slot, wasmc_global_new(store, value, false, &slot->ext.of.global));
}

spectest *spectest_new(wasmc_store_t *store, bool verbose) {
  static const wasmc_valkind_t kI32[] = {WASMC_I32}, kI64[] = {WASMC_I64}, kF32[] = {WASMC_F32},
                               kF64[] = {WASMC_F64}, kI32F32[] = {WASMC_I32, WASMC_F32},
                               kF64F64[] = {WASMC_F64, WASMC_F64};
  spectest *s = calloc(1, sizeof *s);
  wasmc_val_t v;
  wasmc_limits_t limits;
  export_slot *slot;
  if (s == NULL) return NULL;

  add_print(s, store, verbose, "print", NULL, 0);
  add_print(s, store, verbose, "print_i32", kI32, 1);
  add_print(s, store, verbose, "print_i64", kI64, 1);
  add_print(s, store, verbose, "print_f32", kF32, 1);
  add_print(s, store, verbose, "print_f64", kF64, 1);
  add_print(s, store, verbose, "print_i32_f32", kI32F32, 2);
  add_print(s, store, verbose, "print_f64_f64", kF64F64, 2);

  memset(&v, 0, sizeof v);
  v.kind = WASMC_I32;
  v.of.i32 = 666;
  add_global(s, store, "global_i32", &v);
  memset(&v, 0, sizeof v);
  v.kind = WASMC_I64;
  v.of.i64 = 666;
  add_global(s, store, "global_i64", &v);
  memset(&v, 0, sizeof v);
  v.kind = WASMC_F32;
  v.of.f32 = 666.6f;
  add_global(s, store, "global_f32", &v);
  memset(&v, 0, sizeof v);
  v.kind = WASMC_F64;
  v.of.f64 = 666.6;
  add_global(s, store, "global_f64", &v);

  memset(&v, 0, sizeof v);
  v.kind = WASMC_FUNCREF; /* store_id 0: null */
  limits.min = 10;
  limits.max = 20;
  limits.has_max = true;
  slot = add_slot(s, "table");
  slot->ext.kind = WASMC_EXTERN_TABLE;
  finish_slot(slot, wasmc_table_new(store, WASMC_FUNCREF, &limits, &v, &slot->ext.of.table));

  limits.min = 1;
  limits.max = 2;
  limits.has_max = true;
  slot = add_slot(s, "memory");
  slot->ext.kind = WASMC_EXTERN_MEMORY;
  finish_slot(slot, wasmc_memory_new(store, &limits, &slot->ext.of.memory));
  return s;
}

void spectest_delete(spectest *s) { free(s); }

int spectest_lookup(const spectest *s, const char *name, size_t len, wasmc_extern_t *out,
                    const char **why) {
  size_t i;
  for (i = 0; i < s->count; i++) {
    const export_slot *slot = &s->slots[i];
    if (strlen(slot->name) != len || memcmp(slot->name, name, len) != 0) continue;
    if (!slot->ok) {
      *why = slot->why;
      return SPECTEST_BROKEN;
    }
    *out = slot->ext;
    return SPECTEST_FOUND;
  }
  return SPECTEST_UNKNOWN;
}
