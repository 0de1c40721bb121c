// shim.c: see shim.h. Every function here only moves values between C stack slots and wasmc.
#include "shim.h"

#include "_cgo_export.h"

// The array-call callback of every Go host function: `env` holds the closure's id.
static wasmc_trap_t *gw_trampoline(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *vals,
                                   size_t capacity) {
  return wasmcGoHostCall((uintptr_t)env, caller, vals, capacity);
}

// The finalizer of every host function and externref: releases the id's table entry.
static void gw_release(void *env) { wasmcGoRelease((uintptr_t)env); }

// The epoch-deadline callback of stores with a Go one.
static wasmc_trap_t *gw_epoch_trampoline(void *env, wasmc_store_t *store, uint64_t *delta_out) {
  return wasmcGoEpochDeadline((uintptr_t)env, store, delta_out);
}

// The limiter callback of stores with a Go one.
static bool gw_limiter_trampoline(void *env, wasmc_resource_kind_t kind, uint64_t current,
                                  uint64_t desired) {
  return wasmcGoLimiter((uintptr_t)env, kind, current, desired);
}

int64_t gw_error_offset(const wasmc_error_t *err) {
  uint64_t off = 0;
  if (!wasmc_error_offset(err, &off) || off > (uint64_t)INT64_MAX) return -1;
  return (int64_t)off;
}

gw_ptr_result gw_engine_new(const wasmc_config_t *config) {
  gw_ptr_result r = {NULL, NULL};
  wasmc_engine_t *e = NULL;
  r.err = wasmc_engine_new(config, &e);
  r.ptr = e;
  return r;
}

gw_ptr_result gw_module_new(wasmc_engine_t *engine, const uint8_t *bytes, size_t len) {
  gw_ptr_result r = {NULL, NULL};
  wasmc_module_t *m = NULL;
  r.err = wasmc_module_new(engine, bytes, len, &m);
  r.ptr = m;
  return r;
}

gw_import_result gw_module_import(const wasmc_module_t *module, size_t index) {
  gw_import_result r = {0};
  r.err = wasmc_module_import_get(module, index, &r.module, &r.module_len, &r.name, &r.name_len,
                                  &r.type);
  return r;
}

gw_import_result gw_module_export(const wasmc_module_t *module, size_t index) {
  gw_import_result r = {0};
  r.err = wasmc_module_export_get(module, index, &r.name, &r.name_len, &r.type);
  return r;
}

gw_kinds gw_functype_params(const wasmc_functype_t *type) {
  gw_kinds r = {NULL, 0};
  r.kinds = wasmc_functype_params(type, &r.n);
  return r;
}

gw_kinds gw_functype_results(const wasmc_functype_t *type) {
  gw_kinds r = {NULL, 0};
  r.kinds = wasmc_functype_results(type, &r.n);
  return r;
}

gw_ptr_result gw_store_new(wasmc_engine_t *engine) {
  gw_ptr_result r = {NULL, NULL};
  wasmc_store_t *s = NULL;
  r.err = wasmc_store_new(engine, &s);
  r.ptr = s;
  return r;
}

wasmc_error_t *gw_store_epoch_callback_set(wasmc_store_t *store, uintptr_t id) {
  if (id == 0) return wasmc_store_epoch_deadline_callback_set(store, NULL, NULL, NULL);
  return wasmc_store_epoch_deadline_callback_set(store, gw_epoch_trampoline, (void *)id,
                                                 gw_release);
}

wasmc_error_t *gw_store_limiter_callback_set(wasmc_store_t *store, uintptr_t id) {
  if (id == 0) return wasmc_store_limiter_callback_set(store, NULL, NULL, NULL);
  return wasmc_store_limiter_callback_set(store, gw_limiter_trampoline, (void *)id, gw_release);
}

gw_u64_result gw_store_fuel_get(wasmc_store_t *store) {
  gw_u64_result r = {NULL, 0};
  r.err = wasmc_store_fuel_get(store, &r.value);
  return r;
}

gw_inst_result gw_instance_new(wasmc_store_t *store, const wasmc_module_t *module,
                               const wasmc_extern_t *imports, size_t n) {
  gw_inst_result r = {0};
  r.err = wasmc_instance_new(store, module, imports, n, &r.instance, &r.trap);
  return r;
}

gw_extern_result gw_instance_export_get(wasmc_store_t *store, wasmc_instance_t inst,
                                        const char *name, size_t len) {
  gw_extern_result r = {0};
  r.ok = wasmc_instance_export_get(store, &inst, name, len, &r.ext);
  return r;
}

size_t gw_instance_export_count(wasmc_store_t *store, wasmc_instance_t inst) {
  return wasmc_instance_export_count(store, &inst);
}

gw_extern_result gw_instance_export_nth(wasmc_store_t *store, wasmc_instance_t inst, size_t i) {
  gw_extern_result r = {0};
  r.ok = wasmc_instance_export_nth(store, &inst, i, &r.name, &r.name_len, &r.ext);
  return r;
}

gw_func_result gw_func_new(wasmc_store_t *store, const wasmc_functype_t *type, uintptr_t id) {
  gw_func_result r = {0};
  r.err = wasmc_func_new(store, type, gw_trampoline, (void *)id, gw_release, &r.func);
  return r;
}

wasmc_functype_t *gw_func_type(wasmc_store_t *store, wasmc_func_t func) {
  return wasmc_func_type(store, &func);
}

gw_call_result gw_func_call(wasmc_store_t *store, wasmc_func_t func, const wasmc_val_t *args,
                            size_t nargs, wasmc_val_t *results, size_t nresults) {
  gw_call_result r = {NULL, NULL};
  r.err = wasmc_func_call(store, &func, args, nargs, results, nresults, &r.trap);
  return r;
}

uintptr_t gw_func_to_raw(wasmc_store_t *store, wasmc_func_t func) {
  return (uintptr_t)wasmc_func_to_raw(store, &func);
}

wasmc_func_t gw_func_from_raw(wasmc_store_t *store, uintptr_t raw) {
  return wasmc_func_from_raw(store, (void *)raw);
}

gw_extern_result gw_caller_export_get(wasmc_caller_t *caller, const char *name, size_t len) {
  gw_extern_result r = {0};
  r.ok = wasmc_caller_export_get(caller, name, len, &r.ext);
  return r;
}

gw_externref_result gw_externref_new(wasmc_store_t *store, uintptr_t id) {
  gw_externref_result r = {0};
  r.err = wasmc_externref_new(store, (void *)id, gw_release, &r.ref);
  return r;
}

uintptr_t gw_externref_data(wasmc_store_t *store, wasmc_externref_t ref) {
  return (uintptr_t)wasmc_externref_data(store, &ref);
}

uint64_t gw_externref_to_raw(wasmc_store_t *store, wasmc_externref_t ref) {
  return wasmc_externref_to_raw(store, &ref);
}

gw_memory_result gw_memory_new(wasmc_store_t *store, wasmc_limits_t limits) {
  gw_memory_result r = {0};
  r.err = wasmc_memory_new(store, &limits, &r.memory);
  return r;
}

gw_type_result gw_memory_type(wasmc_store_t *store, wasmc_memory_t mem) {
  gw_type_result r = {0};
  r.ok = wasmc_memory_type(store, &mem, &r.limits);
  return r;
}

uint8_t *gw_memory_data(wasmc_store_t *store, wasmc_memory_t mem) {
  return wasmc_memory_data(store, &mem);
}

size_t gw_memory_data_size(wasmc_store_t *store, wasmc_memory_t mem) {
  return wasmc_memory_data_size(store, &mem);
}

uint64_t gw_memory_size(wasmc_store_t *store, wasmc_memory_t mem) {
  return wasmc_memory_size(store, &mem);
}

gw_u64_result gw_memory_grow(wasmc_store_t *store, wasmc_memory_t mem, uint64_t delta) {
  gw_u64_result r = {NULL, 0};
  r.err = wasmc_memory_grow(store, &mem, delta, &r.value);
  return r;
}

wasmc_error_t *gw_memory_read(wasmc_store_t *store, wasmc_memory_t mem, uint32_t offset,
                              void *buf, uint32_t len) {
  return wasmc_memory_read(store, &mem, offset, buf, len);
}

wasmc_error_t *gw_memory_write(wasmc_store_t *store, wasmc_memory_t mem, uint32_t offset,
                               const void *buf, uint32_t len) {
  return wasmc_memory_write(store, &mem, offset, buf, len);
}

gw_u64_result gw_memory_read_scalar(wasmc_store_t *store, wasmc_memory_t mem, uint32_t offset,
                                    uint32_t size, uint32_t align) {
  gw_u64_result r = {NULL, 0};
  // Reads `size` bytes into the low bytes of a zeroed word: a little-endian host only (the
  // package builds for amd64 and arm64, both little-endian).
  r.err = wasmc_memory_read_scalar(store, &mem, offset, size, align, &r.value);
  return r;
}

wasmc_error_t *gw_memory_write_scalar(wasmc_store_t *store, wasmc_memory_t mem, uint32_t offset,
                                      uint32_t size, uint32_t align, uint64_t value) {
  return wasmc_memory_write_scalar(store, &mem, offset, size, align, &value);
}

gw_table_result gw_table_new(wasmc_store_t *store, wasmc_valkind_t kind, wasmc_limits_t limits,
                             wasmc_val_t init) {
  gw_table_result r = {0};
  r.err = wasmc_table_new(store, kind, &limits, &init, &r.table);
  return r;
}

gw_type_result gw_table_type(wasmc_store_t *store, wasmc_table_t table) {
  gw_type_result r = {0};
  r.ok = wasmc_table_type(store, &table, &r.kind, &r.limits);
  return r;
}

uint64_t gw_table_size(wasmc_store_t *store, wasmc_table_t table) {
  return wasmc_table_size(store, &table);
}

gw_val_result gw_table_get(wasmc_store_t *store, wasmc_table_t table, uint64_t index) {
  gw_val_result r = {0};
  r.ok = wasmc_table_get(store, &table, index, &r.val);
  return r;
}

wasmc_error_t *gw_table_set(wasmc_store_t *store, wasmc_table_t table, uint64_t index,
                            wasmc_val_t val) {
  return wasmc_table_set(store, &table, index, &val);
}

gw_u64_result gw_table_grow(wasmc_store_t *store, wasmc_table_t table, uint64_t delta,
                            wasmc_val_t init) {
  gw_u64_result r = {NULL, 0};
  r.err = wasmc_table_grow(store, &table, delta, &init, &r.value);
  return r;
}

gw_global_result gw_global_new(wasmc_store_t *store, wasmc_val_t val, bool mut) {
  gw_global_result r = {0};
  r.err = wasmc_global_new(store, &val, mut, &r.global);
  return r;
}

gw_type_result gw_global_type(wasmc_store_t *store, wasmc_global_t global) {
  gw_type_result r = {0};
  r.ok = wasmc_global_type(store, &global, &r.kind, &r.mut);
  return r;
}

gw_val_result gw_global_get(wasmc_store_t *store, wasmc_global_t global) {
  gw_val_result r = {0};
  r.ok = wasmc_global_get(store, &global, &r.val);
  return r;
}

wasmc_error_t *gw_global_set(wasmc_store_t *store, wasmc_global_t global, wasmc_val_t val) {
  return wasmc_global_set(store, &global, &val);
}

gw_ptr_result gw_linker_new(wasmc_engine_t *engine) {
  gw_ptr_result r = {NULL, NULL};
  wasmc_linker_t *l = NULL;
  r.err = wasmc_linker_new(engine, &l);
  r.ptr = l;
  return r;
}

wasmc_error_t *gw_linker_define(wasmc_linker_t *linker, wasmc_store_t *store, const char *module,
                                size_t module_len, const char *name, size_t name_len,
                                wasmc_extern_t item) {
  return wasmc_linker_define(linker, store, module, module_len, name, name_len, &item);
}

wasmc_error_t *gw_linker_define_func(wasmc_linker_t *linker, wasmc_store_t *store,
                                     const char *module, size_t module_len, const char *name,
                                     size_t name_len, const wasmc_functype_t *type,
                                     uintptr_t id) {
  return wasmc_linker_define_func(linker, store, module, module_len, name, name_len, type,
                                  gw_trampoline, (void *)id, gw_release);
}

wasmc_error_t *gw_linker_define_instance(wasmc_linker_t *linker, wasmc_store_t *store,
                                         const char *name, size_t name_len,
                                         wasmc_instance_t inst) {
  return wasmc_linker_define_instance(linker, store, name, name_len, &inst);
}

gw_extern_result gw_linker_get(const wasmc_linker_t *linker, wasmc_store_t *store,
                               const char *module, size_t module_len, const char *name,
                               size_t name_len) {
  gw_extern_result r = {0};
  r.ok = wasmc_linker_get(linker, store, module, module_len, name, name_len, &r.ext);
  return r;
}

gw_inst_result gw_linker_instantiate(const wasmc_linker_t *linker, wasmc_store_t *store,
                                     const wasmc_module_t *module) {
  gw_inst_result r = {0};
  r.err = wasmc_linker_instantiate(linker, store, module, &r.instance, &r.trap);
  return r;
}
