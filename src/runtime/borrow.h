// Guest memory borrows: consumes (memory, guest range, mode) requests from the host and produces
// borrow ids, refusing conflicting ones (a mutable borrow overlaps nothing; shared borrows may
// overlap each other), after Wiggle's borrow checker. Also the checked guest-range arithmetic
// (32-bit offsets and lengths that never wrap) shared by every guest memory access.
#ifndef WASMC_RUNTIME_BORROW_H_
#define WASMC_RUNTIME_BORROW_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "util/result.h"

namespace wasmc {

class LinearMemory;

enum class BorrowMode : uint32_t { kShared = 0, kMut = 1 };  // WASMC_BORROW_*

// Checks that [offset, offset + len) is a guest range of `mem`: kOverflow when it runs past
// 2^32, kOutOfBounds when past the memory's current length, kMisaligned when `offset` is not a
// multiple of `align` (a power of two; 1 for none).
Status CheckGuestRange(const LinearMemory& mem, uint32_t offset, uint32_t len, uint32_t align = 1);

// The borrows of one store (single-threaded, like the store). Few borrows are outstanding at a
// time, so a flat vector with linear scans beats any index.
class BorrowSet {
 public:
  // Non-zero while any borrow is outstanding: Wasm code of the store must not run.
  size_t count() const { return live_.size(); }

  // Registers a borrow of an already checked range; kBorrowed on a conflict.
  Status Acquire(const LinearMemory* mem, uint32_t offset, uint32_t len, BorrowMode mode,
                 uint64_t* id_out);
  // False if `id` is not outstanding.
  bool Release(uint64_t id);
  // Whether [offset, offset + len) overlaps a borrow of `mem` (only mutable ones if `mut_only`).
  bool Overlaps(const LinearMemory* mem, uint32_t offset, uint32_t len, bool mut_only) const;
  bool Borrowed(const LinearMemory* mem) const;

 private:
  struct Entry {
    uint64_t id;
    const LinearMemory* mem;
    uint64_t begin;
    uint64_t end;  // exclusive
    BorrowMode mode;
  };
  std::vector<Entry> live_;
  uint64_t next_id_ = 1;
};

}  // namespace wasmc

#endif  // WASMC_RUNTIME_BORROW_H_
