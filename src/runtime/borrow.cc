// Guest memory borrows and checked guest ranges (see borrow.h).
#include "runtime/borrow.h"

#include "runtime/memory.h"

namespace wasmc {

Status CheckGuestRange(const LinearMemory& mem, uint32_t offset, uint32_t len, uint32_t align) {
  // 64-bit sum of two 32-bit values: cannot wrap.
  uint64_t end = uint64_t{offset} + len;
  if (end > (uint64_t{1} << 32)) {
    return Status::Error(ErrorKind::kOverflow,
                         "guest pointer arithmetic overflows (offset + "
                         "length > 2^32)");
  }
  if (end > mem.byte_length()) {
    return Status::Error(ErrorKind::kOutOfBounds, "guest range out of bounds of the memory");
  }
  if ((offset & (align - 1)) != 0) {
    return Status::Error(ErrorKind::kMisaligned, "guest offset is not aligned");
  }
  return Status::Ok();
}

Status BorrowSet::Acquire(const LinearMemory* mem, uint32_t offset, uint32_t len, BorrowMode mode,
                          uint64_t* id_out) {
  if (Overlaps(mem, offset, len, /*mut_only=*/mode == BorrowMode::kShared)) {
    return Status::Error(ErrorKind::kBorrowed, "already borrowed");
  }
  uint64_t id = next_id_++;
  live_.push_back(Entry{id, mem, offset, uint64_t{offset} + len, mode});
  *id_out = id;
  return Status::Ok();
}

bool BorrowSet::Release(uint64_t id) {
  for (size_t i = 0; i < live_.size(); ++i) {
    if (live_[i].id == id) {
      live_[i] = live_.back();
      live_.pop_back();
      return true;
    }
  }
  return false;
}

bool BorrowSet::Overlaps(const LinearMemory* mem, uint32_t offset, uint32_t len,
                         bool mut_only) const {
  uint64_t begin = offset;
  uint64_t end = begin + len;
  for (const Entry& e : live_) {
    if (e.mem != mem || (mut_only && e.mode != BorrowMode::kMut)) continue;
    // Half-open ranges: an empty range overlaps nothing.
    if (begin < e.end && e.begin < end) return true;
  }
  return false;
}

bool BorrowSet::Borrowed(const LinearMemory* mem) const {
  for (const Entry& e : live_) {
    if (e.mem == mem) return true;
  }
  return false;
}

}  // namespace wasmc
