// C API shims for linear memories: creation in a store, type, data pointer, size and growth.
#include "abi/handles.h"

using namespace wasmc;  // NOLINT: shims only

extern "C" {

wasmc_error_t* wasmc_memory_new(wasmc_store_t* store, const wasmc_limits_t* limits,
                                wasmc_memory_t* out) WASMC_SHIM_NOEXCEPT {
  if (!store || !limits || !out) return abi::Misuse("store, limits or out is NULL");
  if (limits->min > kMaxPages || (limits->has_max && limits->max > kMaxPages)) {
    return abi::Misuse("memory size must be at most 65536 pages");
  }
  if (limits->has_max && limits->min > limits->max) return abi::Misuse("min > max");
  MemoryType type;
  type.limits = Limits{limits->min, limits->has_max, limits->max};
  BoundsMode mode = abi::Unwrap(store)->engine()->config().explicit_bounds_checks
                        ? BoundsMode::kExplicit
                        : BoundsMode::kGuardPages;
  Store* s = abi::Unwrap(store);
  Status admitted = s->limiter().AdmitMemory(limits->min);
  if (!admitted.ok()) return abi::ToError(admitted);
  Result<std::unique_ptr<LinearMemory>> mem = LinearMemory::Create(type, mode);
  if (!mem.ok()) return abi::ToError(mem.status());
  *out = wasmc_memory_t{s->id(), s->AddMemory(mem.take())};
  return nullptr;
}

bool wasmc_memory_type(wasmc_store_t* store, const wasmc_memory_t* memory,
                       wasmc_limits_t* out) WASMC_SHIM_NOEXCEPT {
  if (!store || !out) return false;
  LinearMemory* mem = abi::MemoryOf(abi::Unwrap(store), memory);
  if (!mem) return false;
  const Limits& l = mem->type().limits;
  *out = wasmc_limits_t{l.min, l.max, l.has_max};
  return true;
}

uint8_t* wasmc_memory_data(wasmc_store_t* store, const wasmc_memory_t* memory) WASMC_SHIM_NOEXCEPT {
  if (!store) return nullptr;
  LinearMemory* mem = abi::MemoryOf(abi::Unwrap(store), memory);
  return mem ? mem->base() : nullptr;
}

size_t wasmc_memory_data_size(wasmc_store_t* store, const wasmc_memory_t* memory) WASMC_SHIM_NOEXCEPT {
  if (!store) return 0;
  LinearMemory* mem = abi::MemoryOf(abi::Unwrap(store), memory);
  return mem ? static_cast<size_t>(mem->byte_length()) : 0;
}

uint64_t wasmc_memory_size(wasmc_store_t* store, const wasmc_memory_t* memory) WASMC_SHIM_NOEXCEPT {
  if (!store) return 0;
  LinearMemory* mem = abi::MemoryOf(abi::Unwrap(store), memory);
  return mem ? mem->pages() : 0;
}

wasmc_error_t* wasmc_memory_grow(wasmc_store_t* store, const wasmc_memory_t* memory,
                                 uint64_t delta, uint64_t* prev_out) WASMC_SHIM_NOEXCEPT {
  if (!store) return abi::Misuse("store is NULL");
  LinearMemory* mem = abi::MemoryOf(abi::Unwrap(store), memory);
  if (!mem) return abi::Misuse("invalid or foreign memory handle");
  if (abi::Unwrap(store)->borrows().Borrowed(mem)) {
    return abi::NewError(ErrorKind::kBorrowed, "memory is borrowed: cannot grow it");
  }
  int64_t old = delta > kMaxPages ? -1 : GrowMemory(abi::Unwrap(store), mem, delta);
  if (old < 0) return abi::NewError(ErrorKind::kResource, "failed to grow memory");
  if (prev_out) *prev_out = static_cast<uint64_t>(old);
  return nullptr;
}

}  // extern "C"
