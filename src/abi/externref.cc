// C API shims for externrefs: host pointers owned by a store (finalizer run once at store
// deletion) and their raw words (store index + 1, 0 for null).
#include "abi/handles.h"

using namespace wasmc;  // NOLINT: shims only

extern "C" {

wasmc_error_t* wasmc_externref_new(wasmc_store_t* store, void* data, void (*finalizer)(void*),
                                   wasmc_externref_t* out) WASMC_SHIM_NOEXCEPT {
  if (!store || !out) return abi::Misuse("store or out is NULL");
  Store* s = abi::Unwrap(store);
  *out = wasmc_externref_t{s->id(), s->AddExternRef(data, finalizer)};
  return nullptr;
}

void* wasmc_externref_data(wasmc_store_t* store, const wasmc_externref_t* ref) WASMC_SHIM_NOEXCEPT {
  if (!store || !ref || ref->store_id != abi::Unwrap(store)->id()) return nullptr;
  const ExternRefEntry* e = abi::Unwrap(store)->externref(ref->index);
  return e ? e->data : nullptr;
}

uint64_t wasmc_externref_to_raw(wasmc_store_t* store, const wasmc_externref_t* ref) WASMC_SHIM_NOEXCEPT {
  if (!store || !ref || ref->store_id != abi::Unwrap(store)->id()) return 0;
  if (!abi::Unwrap(store)->externref(ref->index)) return 0;
  return Store::ExternRefRaw(ref->index);
}

wasmc_externref_t wasmc_externref_from_raw(wasmc_store_t* store, uint64_t raw) WASMC_SHIM_NOEXCEPT {
  wasmc_externref_t out{0, 0};
  if (!store) return out;
  Store* s = abi::Unwrap(store);
  size_t index;
  if (s->ExternRefIndex(raw, &index)) out = {s->id(), index};
  return out;
}

}  // extern "C"
