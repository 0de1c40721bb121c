// C API shims for wasmc_caller_t (the context of a running host function: the calling
// instance's exports, the store, a pending trap) and for native host functions (libffi).
#include "abi/handles.h"
#include "runtime/instance.h"
#include "runtime/native.h"

using namespace wasmc;  // NOLINT: shims only

extern "C" {

bool wasmc_caller_export_get(wasmc_caller_t* caller, const char* name, size_t len,
                             wasmc_extern_t* out) WASMC_SHIM_NOEXCEPT {
  if (!caller || !out || (!name && len != 0) || !caller->caller_vmctx) return false;
  return abi::FindExport(Instance::FromVMContext(caller->caller_vmctx), name, len, out);
}

wasmc_store_t* wasmc_caller_store(wasmc_caller_t* caller) WASMC_SHIM_NOEXCEPT {
  return caller ? abi::Wrap(caller->store) : nullptr;
}

void wasmc_caller_set_trap(wasmc_caller_t* caller, wasmc_trap_t* trap) WASMC_SHIM_NOEXCEPT {
  if (!caller) {
    delete FromPublicTrap(trap);
    return;
  }
  delete caller->pending_trap;
  caller->pending_trap = FromPublicTrap(trap);
}

wasmc_error_t* wasmc_func_new_native(wasmc_store_t* store, const wasmc_functype_t* type,
                                     void (*fn)(void), wasmc_native_flags_t flags, void* env,
                                     void (*finalizer)(void*),
                                     wasmc_func_t* func_out) WASMC_SHIM_NOEXCEPT {
  if (!store || !type || !fn || !func_out)
    return abi::Misuse("store, type, fn or func_out is NULL");
  Store* s = abi::Unwrap(store);
  size_t handle;
  Status status = NewNativeFunc(s, type->type, fn, flags, env, finalizer, &handle);
  if (!status.ok()) return abi::ToError(status);
  *func_out = wasmc_func_t{s->id(), handle};
  return nullptr;
}

}  // extern "C"
