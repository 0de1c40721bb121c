// LinearMemory: consumes a MemoryType and a bounds mode, produces a VMMemoryDef whose `base`
// never moves. Guard-page mode reserves 8 GiB + 64 KiB of PROT_NONE address space so that JIT
// code needs no bounds checks (out-of-bounds accesses fault and become traps through the signal
// handler); explicit mode reserves only up to the maximum. Both commit pages on grow. A deleted
// memory's reservation is zeroed and cached process-wide for reuse by the next memory of the
// same reservation size (memory.cc), so creating one is usually an mprotect or no syscall.
#ifndef WASMC_RUNTIME_MEMORY_H_
#define WASMC_RUNTIME_MEMORY_H_

#include <cstdint>
#include <memory>

#include "ir/types.h"
#include "ir/vm_layout.h"
#include "util/result.h"

namespace wasmc {

enum class BoundsMode {
  kGuardPages,  // no bounds checks in code; faults in the reservation trap
  kExplicit,    // code compares against VMMemoryDef::length before each access
};

// Size of a guard-mode reservation: any `base + zext32(addr) + u32 offset + access size (<= 16)`
// stays inside it, so every out-of-bounds access hits PROT_NONE pages of this memory.
constexpr uint64_t kGuardReservationBytes = (uint64_t{8} << 30) + kPageSize;

class LinearMemory {
 public:
  // Reserves address space (or reuses a cached reservation) and commits `type.limits.min` pages
  // (zero-filled, not touched).
  // `page_limit` is a configured cap (store limiter) on the page count, below the spec's 65536.
  // Errors: kResource when the reservation or commit fails, the limit is below the minimum, or the
  // guard registry is full; kMisuse for limits the validator should have rejected.
  static Result<std::unique_ptr<LinearMemory>> Create(const MemoryType& type, BoundsMode mode,
                                                      uint64_t page_limit = kMaxPages);
  ~LinearMemory();
  LinearMemory(const LinearMemory&) = delete;
  LinearMemory& operator=(const LinearMemory&) = delete;

  // The definition compiled code reads; its address is stable for the memory's lifetime.
  VMMemoryDef* def() { return &def_; }
  uint8_t* base() const { return def_.base; }
  uint64_t byte_length() const { return def_.length; }
  uint64_t pages() const { return def_.length / kPageSize; }
  const MemoryType& type() const { return type_; }
  BoundsMode mode() const { return mode_; }

  // `memory.grow`: returns the old page count, or -1 when the result would pass 65536 pages, the
  // declared maximum or the configured limit, or when committing the pages fails. Grow(0) returns
  // the current size. The new pages read as zero.
  int64_t Grow(uint64_t delta_pages);

 private:
  LinearMemory(const MemoryType& type, BoundsMode mode, uint64_t max_pages, uint8_t* base,
               uint64_t reserved_bytes);

  VMMemoryDef def_;
  MemoryType type_;
  BoundsMode mode_;
  uint64_t max_pages_;       // min(declared max or 65536, page_limit)
  uint64_t reserved_bytes_;  // size of the mapping starting at def_.base
  size_t guard_slot_ = 0;    // guard mode: this memory's slot in the guard registry
};

// True when `addr` lies inside a live guard-mode reservation (accessible or guard part).
// Async-signal-safe and lock-free: the signal handler's test for a Wasm out-of-bounds access.
bool IsInGuardReservation(uintptr_t addr);

}  // namespace wasmc

#endif  // WASMC_RUNTIME_MEMORY_H_
