// C API shims for globals: creation in a store, type, get and set. Values are converted (and
// reference values checked to belong to the store) by runtime/val.h.
#include "abi/handles.h"
#include "runtime/val.h"

using namespace wasmc;  // NOLINT: shims only

extern "C" {

wasmc_error_t* wasmc_global_new(wasmc_store_t* store, const wasmc_val_t* value, bool is_mutable,
                                wasmc_global_t* out) WASMC_SHIM_NOEXCEPT {
  if (!store || !value || !out) return abi::Misuse("store, value or out is NULL");
  ValType type;
  if (!ValTypeOfKind(value->kind, &type)) return abi::Misuse("unknown value kind");
  Store* s = abi::Unwrap(store);
  auto global = std::make_unique<Global>();
  global->type = GlobalType{type, is_mutable};
  Status status = ValToRaw(*s, type, *value, &global->slot.value);
  if (!status.ok()) return abi::ToError(status);
  *out = wasmc_global_t{s->id(), s->AddGlobal(std::move(global))};
  return nullptr;
}

bool wasmc_global_type(wasmc_store_t* store, const wasmc_global_t* global,
                       wasmc_valkind_t* kind_out, bool* mutable_out) WASMC_SHIM_NOEXCEPT {
  if (!store) return false;
  Global* g = abi::GlobalOf(abi::Unwrap(store), global);
  if (!g) return false;
  if (kind_out) *kind_out = ValKindOf(g->type.type);
  if (mutable_out) *mutable_out = g->type.mut;
  return true;
}

bool wasmc_global_get(wasmc_store_t* store, const wasmc_global_t* global,
                      wasmc_val_t* out) WASMC_SHIM_NOEXCEPT {
  if (!store || !out) return false;
  Store* s = abi::Unwrap(store);
  Global* g = abi::GlobalOf(s, global);
  if (!g) return false;
  *out = RawToVal(*s, g->type.type, g->slot.value);
  return true;
}

wasmc_error_t* wasmc_global_set(wasmc_store_t* store, const wasmc_global_t* global,
                                const wasmc_val_t* value) WASMC_SHIM_NOEXCEPT {
  if (!store || !value) return abi::Misuse("store or value is NULL");
  Store* s = abi::Unwrap(store);
  Global* g = abi::GlobalOf(s, global);
  if (!g) return abi::Misuse("invalid or foreign global handle");
  if (!g->type.mut) return abi::Misuse("global is immutable");
  ValRaw raw;
  Status status = ValToRaw(*s, g->type.type, *value, &raw);
  if (!status.ok()) return abi::ToError(status);
  g->slot.value = raw;
  return nullptr;
}

}  // extern "C"
