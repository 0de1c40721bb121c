// C API shims for functions: host function creation, type reflection, typed and raw calls
// (three outcomes: error, trap, success) and funcref raw-word conversion.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "abi/handles.h"

using namespace wasmc;  // NOLINT: shims only

extern "C" {

wasmc_error_t* wasmc_func_new(wasmc_store_t* store, const wasmc_functype_t* type,
                              wasmc_func_callback_t callback, void* env,
                              void (*finalizer)(void*), wasmc_func_t* func_out) WASMC_SHIM_NOEXCEPT {
  if (!store || !type || !callback || !func_out) {
    return abi::Misuse("store, type, callback or func_out is NULL");
  }
  Store* s = abi::Unwrap(store);
  size_t handle;
  Status status = NewHostFunc(s, type->type, callback, env, finalizer, &handle);
  if (!status.ok()) return abi::ToError(status);
  *func_out = wasmc_func_t{s->id(), handle};
  return nullptr;
}

wasmc_functype_t* wasmc_func_type(wasmc_store_t* store, const wasmc_func_t* func) WASMC_SHIM_NOEXCEPT {
  if (!store) return nullptr;
  Store* s = abi::Unwrap(store);
  VMFuncRef* ref = abi::FuncOf(s, func);
  return ref ? NewFuncTypeObject(FuncTypeOf(s, ref)) : nullptr;
}

wasmc_error_t* wasmc_func_call(wasmc_store_t* store, const wasmc_func_t* func,
                               const wasmc_val_t* args, size_t nargs, wasmc_val_t* results,
                               size_t nresults, wasmc_trap_t** trap_out) WASMC_SHIM_NOEXCEPT {
  if (trap_out) *trap_out = nullptr;
  if (!store) return abi::Misuse("store is NULL");
  if ((!args && nargs != 0) || (!results && nresults != 0)) {
    return abi::Misuse("args or results is NULL");
  }
  Store* s = abi::Unwrap(store);
  VMFuncRef* ref = abi::FuncOf(s, func);
  if (!ref) return abi::Misuse("invalid or foreign function handle");
  std::unique_ptr<Trap> trap;
  Status status = CallFuncTyped(s, ref, args, nargs, results, nresults, &trap);
  if (!status.ok()) return abi::ToError(status);
  abi::ReturnTrap(std::move(trap), trap_out);
  return nullptr;
}

wasmc_error_t* wasmc_func_call_unchecked(wasmc_store_t* store, const wasmc_func_t* func,
                                         wasmc_val_raw_t* values, size_t capacity,
                                         wasmc_trap_t** trap_out) WASMC_SHIM_NOEXCEPT {
  if (trap_out) *trap_out = nullptr;
  if (!store) return abi::Misuse("store is NULL");
  Store* s = abi::Unwrap(store);
  VMFuncRef* ref = abi::FuncOf(s, func);
  if (!ref) return abi::Misuse("invalid or foreign function handle");
  const FuncType& type = FuncTypeOf(s, ref);
  size_t need = std::max(type.params.size(), type.results.size());
  if (capacity < need) return abi::Misuse("capacity is smaller than max(params, results)");
  if (!values && need != 0) return abi::Misuse("values is NULL");
  std::unique_ptr<Trap> trap;
  Status status;
  if (reinterpret_cast<uintptr_t>(values) % alignof(ValRaw) == 0 && values) {
    status = CallFuncRaw(s, ref, reinterpret_cast<ValRaw*>(values), &trap);
  } else {
    // ValRaw is 16-byte aligned; the public union (8-byte aligned) is not required to be. An
    // aligned copy, on the stack for up to 16 values: no allocation per call.
    ValRaw inline_copy[16];
    std::vector<ValRaw> heap_copy;
    ValRaw* copy = inline_copy;
    if (need > 16) {
      heap_copy.resize(need);
      copy = heap_copy.data();
    }
    if (need) std::memcpy(copy, values, need * sizeof(ValRaw));
    status = CallFuncRaw(s, ref, copy, &trap);
    if (status.ok() && !trap && need) std::memcpy(values, copy, need * sizeof(ValRaw));
  }
  if (!status.ok()) return abi::ToError(status);
  abi::ReturnTrap(std::move(trap), trap_out);
  return nullptr;
}

void* wasmc_func_to_raw(wasmc_store_t* store, const wasmc_func_t* func) WASMC_SHIM_NOEXCEPT {
  if (!store) return nullptr;
  return abi::FuncOf(abi::Unwrap(store), func);
}

wasmc_func_t wasmc_func_from_raw(wasmc_store_t* store, void* raw) WASMC_SHIM_NOEXCEPT {
  wasmc_func_t out{0, 0};
  if (!store || !raw) return out;
  Store* s = abi::Unwrap(store);
  size_t index;
  if (s->FuncHandle(static_cast<const VMFuncRef*>(raw), &index)) out = {s->id(), index};
  return out;
}

}  // extern "C"
