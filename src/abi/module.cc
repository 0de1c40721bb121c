// C API shims for wasmc_module_t: validation, compilation, reference counting and the
// import/export reflection kept by the runtime Module.
#include "abi/handles.h"

using namespace wasmc;  // NOLINT: shims only

extern "C" {

wasmc_error_t* wasmc_module_validate(wasmc_engine_t* engine, const uint8_t* bytes,
                                     size_t len) WASMC_SHIM_NOEXCEPT {
  if (!engine) return abi::Misuse("engine is NULL");
  if (!bytes && len != 0) return abi::Misuse("bytes is NULL");
  return abi::ToError(Module::Validate(bytes, len));
}

wasmc_error_t* wasmc_module_new(wasmc_engine_t* engine, const uint8_t* bytes, size_t len,
                                wasmc_module_t** module_out) WASMC_SHIM_NOEXCEPT {
  if (!engine) return abi::Misuse("engine is NULL");
  if (!bytes && len != 0) return abi::Misuse("bytes is NULL");
  if (!module_out) return abi::Misuse("module_out is NULL");
  Result<Module*> module = Module::Create(abi::Unwrap(engine), bytes, len);
  if (!module.ok()) return abi::ToError(module.status());
  *module_out = abi::Wrap(module.value());
  return nullptr;
}

void wasmc_module_delete(wasmc_module_t* module) WASMC_SHIM_NOEXCEPT {
  if (module) abi::Unwrap(module)->Unref();
}

wasmc_module_t* wasmc_module_copy(const wasmc_module_t* module) WASMC_SHIM_NOEXCEPT {
  if (!module) return nullptr;
  abi::Unwrap(module)->Ref();
  return abi::Wrap(abi::Unwrap(module));
}

size_t wasmc_module_import_count(const wasmc_module_t* module) WASMC_SHIM_NOEXCEPT {
  return module ? abi::Unwrap(module)->import_count() : 0;
}

wasmc_error_t* wasmc_module_import_get(const wasmc_module_t* module, size_t index,
                                       const char** module_name_out,
                                       size_t* module_name_len_out, const char** name_out,
                                       size_t* name_len_out,
                                       const wasmc_externtype_t** type_out) WASMC_SHIM_NOEXCEPT {
  if (!module) return abi::Misuse("module is NULL");
  const Module* m = abi::Unwrap(module);
  if (index >= m->import_count()) return abi::Misuse("import index out of range");
  const Import& imp = m->desc().imports[index];
  if (module_name_out) *module_name_out = imp.module.data();
  if (module_name_len_out) *module_name_len_out = imp.module.size();
  if (name_out) *name_out = imp.name.data();
  if (name_len_out) *name_len_out = imp.name.size();
  if (type_out) *type_out = &m->import_type(index);
  return nullptr;
}

size_t wasmc_module_export_count(const wasmc_module_t* module) WASMC_SHIM_NOEXCEPT {
  return module ? abi::Unwrap(module)->export_count() : 0;
}

wasmc_error_t* wasmc_module_export_get(const wasmc_module_t* module, size_t index,
                                       const char** name_out, size_t* name_len_out,
                                       const wasmc_externtype_t** type_out) WASMC_SHIM_NOEXCEPT {
  if (!module) return abi::Misuse("module is NULL");
  const Module* m = abi::Unwrap(module);
  if (index >= m->export_count()) return abi::Misuse("export index out of range");
  const Export& exp = m->desc().exports[index];
  if (name_out) *name_out = exp.name.data();
  if (name_len_out) *name_len_out = exp.name.size();
  if (type_out) *type_out = &m->export_type(index);
  return nullptr;
}

}  // extern "C"
