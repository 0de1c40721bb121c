// shim.h: thin C wrappers around wasmc.h for the Go package.
//
// Why they exist: the package never hands a Go pointer to C. Every wasmc function that takes a
// handle by pointer or writes through an out-parameter is wrapped here so that Go passes
// handles by value and receives results as returned structs; buffers and strings passed to C
// are C-allocated. Host functions and externref payloads are identified by an integer id
// (stored in the `void *env` / `void *data` word), never by a Go pointer.
#ifndef WASMC_GO_SHIM_H
#define WASMC_GO_SHIM_H

#include <stdint.h>
#include <stdlib.h>

#include "wasmc.h"

typedef struct { wasmc_error_t *err; void *ptr; } gw_ptr_result;
typedef struct { wasmc_error_t *err; uint64_t value; } gw_u64_result;
typedef struct { wasmc_error_t *err; wasmc_trap_t *trap; wasmc_instance_t instance; } gw_inst_result;
typedef struct { wasmc_error_t *err; wasmc_trap_t *trap; } gw_call_result;
typedef struct { bool ok; wasmc_extern_t ext; const char *name; size_t name_len; } gw_extern_result;
typedef struct {
  wasmc_error_t *err;
  const char *module;
  size_t module_len;
  const char *name;
  size_t name_len;
  const wasmc_externtype_t *type;
} gw_import_result;
typedef struct { const wasmc_valkind_t *kinds; size_t n; } gw_kinds;
typedef struct { wasmc_error_t *err; wasmc_func_t func; } gw_func_result;
typedef struct { wasmc_error_t *err; wasmc_memory_t memory; } gw_memory_result;
typedef struct { wasmc_error_t *err; wasmc_table_t table; } gw_table_result;
typedef struct { wasmc_error_t *err; wasmc_global_t global; } gw_global_result;
typedef struct { wasmc_error_t *err; wasmc_externref_t ref; } gw_externref_result;
typedef struct { bool ok; wasmc_limits_t limits; wasmc_valkind_t kind; bool mut; } gw_type_result;
typedef struct { bool ok; wasmc_val_t val; } gw_val_result;

int64_t gw_error_offset(const wasmc_error_t *err);

gw_ptr_result gw_engine_new(const wasmc_config_t *config);
gw_ptr_result gw_module_new(wasmc_engine_t *engine, const uint8_t *bytes, size_t len);
gw_import_result gw_module_import(const wasmc_module_t *module, size_t index);
gw_import_result gw_module_export(const wasmc_module_t *module, size_t index);
gw_kinds gw_functype_params(const wasmc_functype_t *type);
gw_kinds gw_functype_results(const wasmc_functype_t *type);

gw_ptr_result gw_store_new(wasmc_engine_t *engine);
// id 0 removes the callback.
wasmc_error_t *gw_store_epoch_callback_set(wasmc_store_t *store, uintptr_t id);
wasmc_error_t *gw_store_limiter_callback_set(wasmc_store_t *store, uintptr_t id);
gw_u64_result gw_store_fuel_get(wasmc_store_t *store);

gw_inst_result gw_instance_new(wasmc_store_t *store, const wasmc_module_t *module,
                               const wasmc_extern_t *imports, size_t n);
gw_extern_result gw_instance_export_get(wasmc_store_t *store, wasmc_instance_t inst,
                                        const char *name, size_t len);
size_t gw_instance_export_count(wasmc_store_t *store, wasmc_instance_t inst);
gw_extern_result gw_instance_export_nth(wasmc_store_t *store, wasmc_instance_t inst, size_t i);

gw_func_result gw_func_new(wasmc_store_t *store, const wasmc_functype_t *type, uintptr_t id);
wasmc_functype_t *gw_func_type(wasmc_store_t *store, wasmc_func_t func);
gw_call_result gw_func_call(wasmc_store_t *store, wasmc_func_t func, const wasmc_val_t *args,
                            size_t nargs, wasmc_val_t *results, size_t nresults);
uintptr_t gw_func_to_raw(wasmc_store_t *store, wasmc_func_t func);
wasmc_func_t gw_func_from_raw(wasmc_store_t *store, uintptr_t raw);
gw_extern_result gw_caller_export_get(wasmc_caller_t *caller, const char *name, size_t len);

gw_externref_result gw_externref_new(wasmc_store_t *store, uintptr_t id);
uintptr_t gw_externref_data(wasmc_store_t *store, wasmc_externref_t ref);
uint64_t gw_externref_to_raw(wasmc_store_t *store, wasmc_externref_t ref);

gw_memory_result gw_memory_new(wasmc_store_t *store, wasmc_limits_t limits);
gw_type_result gw_memory_type(wasmc_store_t *store, wasmc_memory_t mem);
uint8_t *gw_memory_data(wasmc_store_t *store, wasmc_memory_t mem);
size_t gw_memory_data_size(wasmc_store_t *store, wasmc_memory_t mem);
uint64_t gw_memory_size(wasmc_store_t *store, wasmc_memory_t mem);
gw_u64_result gw_memory_grow(wasmc_store_t *store, wasmc_memory_t mem, uint64_t delta);
wasmc_error_t *gw_memory_read(wasmc_store_t *store, wasmc_memory_t mem, uint32_t offset,
                              void *buf, uint32_t len);
wasmc_error_t *gw_memory_write(wasmc_store_t *store, wasmc_memory_t mem, uint32_t offset,
                               const void *buf, uint32_t len);
gw_u64_result gw_memory_read_scalar(wasmc_store_t *store, wasmc_memory_t mem, uint32_t offset,
                                    uint32_t size, uint32_t align);
wasmc_error_t *gw_memory_write_scalar(wasmc_store_t *store, wasmc_memory_t mem, uint32_t offset,
                                      uint32_t size, uint32_t align, uint64_t value);

gw_table_result gw_table_new(wasmc_store_t *store, wasmc_valkind_t kind, wasmc_limits_t limits,
                             wasmc_val_t init);
gw_type_result gw_table_type(wasmc_store_t *store, wasmc_table_t table);
uint64_t gw_table_size(wasmc_store_t *store, wasmc_table_t table);
gw_val_result gw_table_get(wasmc_store_t *store, wasmc_table_t table, uint64_t index);
wasmc_error_t *gw_table_set(wasmc_store_t *store, wasmc_table_t table, uint64_t index,
                            wasmc_val_t val);
gw_u64_result gw_table_grow(wasmc_store_t *store, wasmc_table_t table, uint64_t delta,
                            wasmc_val_t init);

gw_global_result gw_global_new(wasmc_store_t *store, wasmc_val_t val, bool mut);
gw_type_result gw_global_type(wasmc_store_t *store, wasmc_global_t global);
gw_val_result gw_global_get(wasmc_store_t *store, wasmc_global_t global);
wasmc_error_t *gw_global_set(wasmc_store_t *store, wasmc_global_t global, wasmc_val_t val);

gw_ptr_result gw_linker_new(wasmc_engine_t *engine);
wasmc_error_t *gw_linker_define(wasmc_linker_t *linker, wasmc_store_t *store, const char *module,
                                size_t module_len, const char *name, size_t name_len,
                                wasmc_extern_t item);
wasmc_error_t *gw_linker_define_func(wasmc_linker_t *linker, wasmc_store_t *store,
                                     const char *module, size_t module_len, const char *name,
                                     size_t name_len, const wasmc_functype_t *type,
                                     uintptr_t id);
wasmc_error_t *gw_linker_define_instance(wasmc_linker_t *linker, wasmc_store_t *store,
                                         const char *name, size_t name_len,
                                         wasmc_instance_t inst);
gw_extern_result gw_linker_get(const wasmc_linker_t *linker, wasmc_store_t *store,
                               const char *module, size_t module_len, const char *name,
                               size_t name_len);
gw_inst_result gw_linker_instantiate(const wasmc_linker_t *linker, wasmc_store_t *store,
                                     const wasmc_module_t *module);

#endif
