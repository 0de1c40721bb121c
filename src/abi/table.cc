// C API shims for tables: creation in a store, type, size, element access and growth. Element
// values are converted (and checked to belong to the store) by runtime/val.h.
#include "abi/handles.h"
#include "runtime/val.h"

using namespace wasmc;  // NOLINT: shims only

extern "C" {

wasmc_error_t* wasmc_table_new(wasmc_store_t* store, wasmc_valkind_t elem_kind,
                               const wasmc_limits_t* limits, const wasmc_val_t* init,
                               wasmc_table_t* out) WASMC_SHIM_NOEXCEPT {
  if (!store || !limits || !init || !out) return abi::Misuse("store, limits, init or out is NULL");
  ValType elem;
  if (!ValTypeOfKind(elem_kind, &elem) || !IsRefType(elem)) {
    return abi::Misuse("table element kind must be funcref or externref");
  }
  if (limits->min > kMaxTableElems || (limits->has_max && limits->max > kMaxTableElems)) {
    return abi::Misuse("table size must fit in 32 bits");
  }
  if (limits->has_max && limits->min > limits->max) return abi::Misuse("min > max");
  Store* s = abi::Unwrap(store);
  uint64_t word;
  Status status = ValToRef(*s, elem, *init, &word);
  if (!status.ok()) return abi::ToError(status);
  TableType type;
  type.elem = elem;
  type.limits = Limits{limits->min, limits->has_max, limits->max};
  status = s->limiter().AdmitTable(type.limits.min);
  if (!status.ok()) return abi::ToError(status);
  Result<std::unique_ptr<Table>> table = Table::Create(type, word);
  if (!table.ok()) return abi::ToError(table.status());
  *out = wasmc_table_t{s->id(), s->AddTable(table.take())};
  return nullptr;
}

bool wasmc_table_type(wasmc_store_t* store, const wasmc_table_t* table,
                      wasmc_valkind_t* elem_kind_out, wasmc_limits_t* limits_out) WASMC_SHIM_NOEXCEPT {
  if (!store) return false;
  Table* t = abi::TableOf(abi::Unwrap(store), table);
  if (!t) return false;
  const Limits& l = t->type().limits;
  if (elem_kind_out) *elem_kind_out = ValKindOf(t->type().elem);
  if (limits_out) *limits_out = wasmc_limits_t{l.min, l.max, l.has_max};
  return true;
}

uint64_t wasmc_table_size(wasmc_store_t* store, const wasmc_table_t* table) WASMC_SHIM_NOEXCEPT {
  if (!store) return 0;
  Table* t = abi::TableOf(abi::Unwrap(store), table);
  return t ? t->size() : 0;
}

bool wasmc_table_get(wasmc_store_t* store, const wasmc_table_t* table, uint64_t index,
                     wasmc_val_t* out) WASMC_SHIM_NOEXCEPT {
  if (!store || !out) return false;
  Store* s = abi::Unwrap(store);
  Table* t = abi::TableOf(s, table);
  if (!t || index >= t->size()) return false;
  *out = RefToVal(*s, t->type().elem, t->elements()[index]);
  return true;
}

wasmc_error_t* wasmc_table_set(wasmc_store_t* store, const wasmc_table_t* table, uint64_t index,
                               const wasmc_val_t* value) WASMC_SHIM_NOEXCEPT {
  if (!store || !value) return abi::Misuse("store or value is NULL");
  Store* s = abi::Unwrap(store);
  Table* t = abi::TableOf(s, table);
  if (!t) return abi::Misuse("invalid or foreign table handle");
  if (index >= t->size()) return abi::Misuse("table index out of bounds");
  uint64_t word;
  Status status = ValToRef(*s, t->type().elem, *value, &word);
  if (!status.ok()) return abi::ToError(status);
  t->elements()[index] = word;
  return nullptr;
}

wasmc_error_t* wasmc_table_grow(wasmc_store_t* store, const wasmc_table_t* table, uint64_t delta,
                                const wasmc_val_t* init, uint64_t* prev_out) WASMC_SHIM_NOEXCEPT {
  if (!store || !init) return abi::Misuse("store or init is NULL");
  Store* s = abi::Unwrap(store);
  Table* t = abi::TableOf(s, table);
  if (!t) return abi::Misuse("invalid or foreign table handle");
  uint64_t word;
  Status status = ValToRef(*s, t->type().elem, *init, &word);
  if (!status.ok()) return abi::ToError(status);
  int64_t old = GrowTable(s, t, delta, word);
  if (old < 0) return abi::NewError(ErrorKind::kResource, "failed to grow table");
  if (prev_out) *prev_out = static_cast<uint64_t>(old);
  return nullptr;
}

}  // extern "C"
