// Linear memory: consumes a MemoryType and a bounds mode, produces a reserved-then-committed
// mapping (reserve PROT_NONE + MAP_NORESERVE, commit with mprotect on grow) and, in guard-page
// mode, an entry in the lock-free registry the signal handler reads to recognise Wasm
// out-of-bounds faults.
#include "runtime/memory.h"

#include <sys/mman.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

#include "util/checks.h"

namespace wasmc {
namespace {

// Guard-mode reservations all have size kGuardReservationBytes, so one base address per slot
// describes a reservation and a slot is updated with a single atomic store (no torn reads in the
// handler). 16384 slots cover more 8 GiB reservations than a 47-bit address space can hold.
constexpr size_t kRegistrySlots = 16384;
std::atomic<uintptr_t> g_guard_bases[kRegistrySlots];  // zero-initialized: no constructor runs
std::atomic<size_t> g_registry_hint{0};
std::atomic<size_t> g_registry_high{0};  // slots at or above this were never used

bool RegisterGuardReservation(uintptr_t base) {
  size_t start = g_registry_hint.load(std::memory_order_relaxed);
  for (size_t i = 0; i < kRegistrySlots; ++i) {
    size_t slot = (start + i) % kRegistrySlots;
    uintptr_t expected = 0;
    if (g_guard_bases[slot].compare_exchange_strong(expected, base, std::memory_order_release,
                                                    std::memory_order_relaxed)) {
      size_t high = g_registry_high.load(std::memory_order_relaxed);
      while (high < slot + 1 && !g_registry_high.compare_exchange_weak(high, slot + 1,
                                                                       std::memory_order_release)) {
      }
      g_registry_hint.store(slot + 1, std::memory_order_relaxed);
      return true;
    }
  }
  return false;
}

void UnregisterGuardReservation(uintptr_t base) {
  for (size_t slot = 0; slot < kRegistrySlots; ++slot) {
    uintptr_t expected = base;
    if (g_guard_bases[slot].compare_exchange_strong(expected, 0, std::memory_order_release,
                                                    std::memory_order_relaxed)) {
      g_registry_hint.store(slot, std::memory_order_relaxed);
      return;
    }
  }
  WASMC_CHECK(false && "guard reservation was not registered");
}

uint8_t* Reserve(uint64_t bytes) {
  void* p = mmap(nullptr, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  return p == MAP_FAILED ? nullptr : static_cast<uint8_t*>(p);
}

// Commits [addr, addr + bytes) read-write. Fresh anonymous pages read as zero.
bool Commit(uint8_t* addr, uint64_t bytes) {
  return bytes == 0 || mprotect(addr, bytes, PROT_READ | PROT_WRITE) == 0;
}

Status ResourceError(const char* what, uint64_t bytes) {
  std::string msg = "linear memory: ";
  msg += what;
  msg += " (";
  msg += std::to_string(bytes);
  msg += " bytes): ";
  msg += std::strerror(errno);
  return Status::Error(ErrorKind::kResource, std::move(msg));
}

}  // namespace

bool IsInGuardReservation(uintptr_t addr) {
  // A memory is only reachable from Wasm after Create returned, i.e. after its slot and the
  // high-water mark were published.
  size_t high = g_registry_high.load(std::memory_order_acquire);
  for (size_t slot = 0; slot < high; ++slot) {
    uintptr_t base = g_guard_bases[slot].load(std::memory_order_acquire);
    if (base != 0 && addr - base < kGuardReservationBytes) return true;
  }
  return false;
}

Result<std::unique_ptr<LinearMemory>> LinearMemory::Create(const MemoryType& type,
                                                           BoundsMode mode, uint64_t page_limit) {
  const Limits& lim = type.limits;
  uint64_t declared_max = lim.has_max ? lim.max : kMaxPages;
  if (lim.min > kMaxPages || declared_max > kMaxPages || lim.min > declared_max) {
    return Status::Error(ErrorKind::kMisuse, "linear memory: invalid limits");
  }
  if (lim.min > page_limit) {
    return Status::Error(ErrorKind::kResource,
                         "linear memory: minimum size exceeds the configured limit");
  }
  uint64_t max_pages = declared_max < page_limit ? declared_max : page_limit;

  // Explicit mode reserves the reachable maximum (at least one page so `base` is a unique,
  // non-null address even for a zero-page maximum); guard mode the whole 33-bit window.
  uint64_t reserve_bytes = mode == BoundsMode::kGuardPages
                               ? kGuardReservationBytes
                               : (max_pages ? max_pages : 1) * kPageSize;
  uint8_t* base = Reserve(reserve_bytes);
  if (base == nullptr) return ResourceError("cannot reserve address space", reserve_bytes);
  if (!Commit(base, lim.min * kPageSize)) {
    Status s = ResourceError("cannot commit initial pages", lim.min * kPageSize);
    munmap(base, reserve_bytes);
    return s;
  }
  if (mode == BoundsMode::kGuardPages &&
      !RegisterGuardReservation(reinterpret_cast<uintptr_t>(base))) {
    munmap(base, reserve_bytes);
    return Status::Error(ErrorKind::kResource, "linear memory: too many guard-page memories");
  }
  std::unique_ptr<LinearMemory> mem(new LinearMemory(type, mode, max_pages, base, reserve_bytes));
  mem->def_.length = lim.min * kPageSize;
  return mem;
}

LinearMemory::LinearMemory(const MemoryType& type, BoundsMode mode, uint64_t max_pages,
                           uint8_t* base, uint64_t reserved_bytes)
    : def_{base, 0}, type_(type), mode_(mode), max_pages_(max_pages),
      reserved_bytes_(reserved_bytes) {}

LinearMemory::~LinearMemory() {
  // Unregister first: once unmapped, the range may be reused by unrelated mappings whose faults
  // must not be taken for Wasm traps.
  if (mode_ == BoundsMode::kGuardPages) {
    UnregisterGuardReservation(reinterpret_cast<uintptr_t>(def_.base));
  }
  munmap(def_.base, reserved_bytes_);
}

int64_t LinearMemory::Grow(uint64_t delta_pages) {
  uint64_t old_pages = pages();
  if (delta_pages > max_pages_ - old_pages) return -1;  // also covers delta > 65536
  uint64_t old_bytes = def_.length;
  if (!Commit(def_.base + old_bytes, delta_pages * kPageSize)) return -1;
  def_.length = old_bytes + delta_pages * kPageSize;
  return static_cast<int64_t>(old_pages);
}

}  // namespace wasmc
