// C API shims for guest memory access: checked copies and scalars, borrows (runtime/borrow.h).
// Every function checks the handle, then the guest range (overflow, bounds, alignment), then
// conflicting borrows, and changes nothing on failure.
#include <cstring>

#include "abi/handles.h"
#include "decoder/reader.h"  // IsValidUtf8: the one UTF-8 check (Wasm names use it too)
#include "runtime/borrow.h"

using namespace wasmc;  // NOLINT: shims only

namespace {

wasmc_error_t* BadHandle() { return abi::Misuse("invalid or foreign memory handle"); }

bool IsPowerOfTwo(uint32_t x) { return x != 0 && (x & (x - 1)) == 0; }

wasmc_error_t* Borrowed() { return abi::NewError(ErrorKind::kBorrowed, "already borrowed"); }

// Guest memory is little-endian; so are the hosts wasmc supports (x86-64, AArch64, RISC-V).
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "guest scalars are copied unswapped");

// The checks shared by the scalar accessors: arguments, handle, range and alignment, and the
// borrows a read (`mut_only`: only mutable borrows conflict) or a write must not overlap.
// `store` is not NULL. Writes the address of the scalar to `*p_out`.
wasmc_error_t* ScalarTarget(wasmc_store_t* store, const wasmc_memory_t* memory, uint32_t offset,
                            uint32_t size, uint32_t align, bool mut_only, uint8_t** p_out) {
  if (size != 1 && size != 2 && size != 4 && size != 8)
    return abi::Misuse("size must be 1, 2, 4 or 8");
  if (!IsPowerOfTwo(align)) return abi::Misuse("align must be a power of two");
  Store* s = abi::Unwrap(store);
  LinearMemory* mem = abi::MemoryOf(s, memory);
  if (!mem) return BadHandle();
  Status st = CheckGuestRange(*mem, offset, size, align);
  if (!st.ok()) return abi::ToError(st);
  if (s->borrows().Overlaps(mem, offset, size, mut_only)) return Borrowed();
  *p_out = mem->base() + offset;
  return nullptr;
}

}  // namespace

extern "C" {

wasmc_error_t* wasmc_memory_read(wasmc_store_t* store, const wasmc_memory_t* memory,
                                 uint32_t offset, void* buf, uint32_t len) WASMC_SHIM_NOEXCEPT {
  if (!store || (!buf && len != 0)) return abi::Misuse("store or buf is NULL");
  Store* s = abi::Unwrap(store);
  LinearMemory* mem = abi::MemoryOf(s, memory);
  if (!mem) return BadHandle();
  Status st = CheckGuestRange(*mem, offset, len);
  if (!st.ok()) return abi::ToError(st);
  if (s->borrows().Overlaps(mem, offset, len, /*mut_only=*/true)) return Borrowed();
  if (len != 0) std::memcpy(buf, mem->base() + offset, len);
  return nullptr;
}

wasmc_error_t* wasmc_memory_write(wasmc_store_t* store, const wasmc_memory_t* memory,
                                  uint32_t offset, const void* buf,
                                  uint32_t len) WASMC_SHIM_NOEXCEPT {
  if (!store || (!buf && len != 0)) return abi::Misuse("store or buf is NULL");
  Store* s = abi::Unwrap(store);
  LinearMemory* mem = abi::MemoryOf(s, memory);
  if (!mem) return BadHandle();
  Status st = CheckGuestRange(*mem, offset, len);
  if (!st.ok()) return abi::ToError(st);
  if (s->borrows().Overlaps(mem, offset, len, /*mut_only=*/false)) return Borrowed();
  if (len != 0) std::memmove(mem->base() + offset, buf, len);
  return nullptr;
}

wasmc_error_t* wasmc_memory_read_scalar(wasmc_store_t* store, const wasmc_memory_t* memory,
                                        uint32_t offset, uint32_t size, uint32_t align,
                                        void* out) WASMC_SHIM_NOEXCEPT {
  if (!store || !out) return abi::Misuse("store or out is NULL");
  uint8_t* p = nullptr;
  if (wasmc_error_t* e = ScalarTarget(store, memory, offset, size, align, /*mut_only=*/true, &p))
    return e;
  std::memcpy(out, p, size);
  return nullptr;
}

wasmc_error_t* wasmc_memory_write_scalar(wasmc_store_t* store, const wasmc_memory_t* memory,
                                         uint32_t offset, uint32_t size, uint32_t align,
                                         const void* value) WASMC_SHIM_NOEXCEPT {
  if (!store || !value) return abi::Misuse("store or value is NULL");
  uint8_t* p = nullptr;
  if (wasmc_error_t* e = ScalarTarget(store, memory, offset, size, align, /*mut_only=*/false, &p))
    return e;
  std::memcpy(p, value, size);
  return nullptr;
}

wasmc_error_t* wasmc_memory_borrow(wasmc_store_t* store, const wasmc_memory_t* memory,
                                   uint32_t offset, uint32_t len, wasmc_borrow_mode_t mode,
                                   uint8_t** ptr_out,
                                   wasmc_borrow_t* borrow_out) WASMC_SHIM_NOEXCEPT {
  if (!store || !ptr_out || !borrow_out) return abi::Misuse("store, ptr_out or borrow_out is NULL");
  if (mode != WASMC_BORROW_SHARED && mode != WASMC_BORROW_MUT) {
    return abi::Misuse("unknown borrow mode");
  }
  Store* s = abi::Unwrap(store);
  LinearMemory* mem = abi::MemoryOf(s, memory);
  if (!mem) return BadHandle();
  Status st = CheckGuestRange(*mem, offset, len);
  if (!st.ok()) return abi::ToError(st);
  uint64_t id;
  st = s->borrows().Acquire(mem, offset, len, static_cast<BorrowMode>(mode), &id);
  if (!st.ok()) return abi::ToError(st);
  *ptr_out = mem->base() + offset;
  *borrow_out = wasmc_borrow_t{s->id(), id};
  return nullptr;
}

wasmc_error_t* wasmc_memory_borrow_str(wasmc_store_t* store, const wasmc_memory_t* memory,
                                       uint32_t offset, uint32_t len, const char** str_out,
                                       wasmc_borrow_t* borrow_out) WASMC_SHIM_NOEXCEPT {
  if (!store || !str_out || !borrow_out) return abi::Misuse("store, str_out or borrow_out is NULL");
  Store* s = abi::Unwrap(store);
  LinearMemory* mem = abi::MemoryOf(s, memory);
  if (!mem) return BadHandle();
  Status st = CheckGuestRange(*mem, offset, len);
  if (!st.ok()) return abi::ToError(st);
  if (s->borrows().Overlaps(mem, offset, len, /*mut_only=*/true)) return Borrowed();
  if (!IsValidUtf8(mem->base() + offset, len)) {
    return abi::NewError(ErrorKind::kInvalidUtf8, "guest string is not valid UTF-8");
  }
  uint64_t id;
  st = s->borrows().Acquire(mem, offset, len, BorrowMode::kShared, &id);
  if (!st.ok()) return abi::ToError(st);
  *str_out = reinterpret_cast<const char*>(mem->base() + offset);
  *borrow_out = wasmc_borrow_t{s->id(), id};
  return nullptr;
}

wasmc_error_t* wasmc_memory_unborrow(wasmc_store_t* store,
                                     const wasmc_borrow_t* borrow) WASMC_SHIM_NOEXCEPT {
  if (!store || !borrow) return abi::Misuse("store or borrow is NULL");
  Store* s = abi::Unwrap(store);
  if (borrow->store_id != s->id()) return abi::Misuse("borrow of another store");
  if (!s->borrows().Release(borrow->id)) return abi::Misuse("unknown or already released borrow");
  return nullptr;
}

bool wasmc_memory_has_outstanding_borrows(wasmc_store_t* store,
                                          const wasmc_memory_t* memory) WASMC_SHIM_NOEXCEPT {
  if (!store) return false;
  Store* s = abi::Unwrap(store);
  LinearMemory* mem = abi::MemoryOf(s, memory);
  return mem && s->borrows().Borrowed(mem);
}

}  // extern "C"
