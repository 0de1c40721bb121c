// C API shims for instances: instantiation (three outcomes: error, trap, success) and export
// lookup by name or position.
#include <cstring>

#include "abi/handles.h"
#include "runtime/instance.h"

namespace wasmc {
namespace abi {

bool FindExport(Instance* inst, const char* name, size_t name_len, wasmc_extern_t* out) {
  const std::vector<Export>& exports = inst->desc().exports;
  for (size_t i = 0; i < exports.size(); ++i) {
    const std::string& n = exports[i].name;
    if (n.size() == name_len && (name_len == 0 || std::memcmp(n.data(), name, name_len) == 0)) {
      *out = inst->ExportValue(i);
      return true;
    }
  }
  return false;
}

}  // namespace abi
}  // namespace wasmc

using namespace wasmc;  // NOLINT: shims only

extern "C" {

wasmc_error_t* wasmc_instance_new(wasmc_store_t* store, const wasmc_module_t* module,
                                  const wasmc_extern_t* imports, size_t nimports,
                                  wasmc_instance_t* instance_out,
                                  wasmc_trap_t** trap_out) WASMC_SHIM_NOEXCEPT {
  if (trap_out) *trap_out = nullptr;
  if (!store || !module || !instance_out) return abi::Misuse("store, module or out is NULL");
  if (!imports && nimports != 0) return abi::Misuse("imports is NULL");
  Store* s = abi::Unwrap(store);
  const Module* m = abi::Unwrap(module);
  if (m->engine() != s->engine()) return abi::Misuse("module and store use different engines");
  if (s->borrows().count() != 0) {
    return abi::NewError(ErrorKind::kBorrowed, "memory is borrowed: cannot instantiate");
  }
  size_t handle = 0;
  std::unique_ptr<Trap> trap;
  Status status = Instance::Instantiate(s, m, imports, nimports, &handle, &trap);
  if (!status.ok()) return abi::ToError(status);
  if (trap) {
    abi::ReturnTrap(std::move(trap), trap_out);
    return nullptr;
  }
  *instance_out = wasmc_instance_t{s->id(), handle};
  return nullptr;
}

bool wasmc_instance_export_get(wasmc_store_t* store, const wasmc_instance_t* instance,
                               const char* name, size_t name_len, wasmc_extern_t* out) WASMC_SHIM_NOEXCEPT {
  if (!store || !out || (!name && name_len != 0)) return false;
  Instance* inst = abi::InstanceOf(abi::Unwrap(store), instance);
  return inst && abi::FindExport(inst, name, name_len, out);
}

size_t wasmc_instance_export_count(wasmc_store_t* store,
                                   const wasmc_instance_t* instance) WASMC_SHIM_NOEXCEPT {
  if (!store) return 0;
  Instance* inst = abi::InstanceOf(abi::Unwrap(store), instance);
  return inst ? inst->desc().exports.size() : 0;
}

bool wasmc_instance_export_nth(wasmc_store_t* store, const wasmc_instance_t* instance,
                               size_t index, const char** name_out, size_t* name_len_out,
                               wasmc_extern_t* out) WASMC_SHIM_NOEXCEPT {
  if (!store) return false;
  Instance* inst = abi::InstanceOf(abi::Unwrap(store), instance);
  if (!inst || index >= inst->desc().exports.size()) return false;
  const std::string& n = inst->desc().exports[index].name;
  if (name_out) *name_out = n.data();
  if (name_len_out) *name_len_out = n.size();
  if (out) *out = inst->ExportValue(index);
  return true;
}

}  // extern "C"
