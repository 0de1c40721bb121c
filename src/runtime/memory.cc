// Linear memory: consumes a MemoryType and a bounds mode, produces a reserved-then-committed
// mapping (reserve PROT_NONE + MAP_NORESERVE, commit with mprotect on grow) and, in guard-page
// mode, an entry in the lock-free registry the signal handler reads to recognise Wasm
// out-of-bounds faults. Reservations of deleted memories are zeroed (MADV_DONTNEED) and kept in
// a small process-wide cache for the next memory of the same reservation size, so that
// instantiation costs no mmap/munmap (and no page-table setup and teardown).
#include "runtime/memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
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

// Publishes `base` in a free slot and returns the slot, or kRegistrySlots when all are taken.
// The search starts at the hint, which Unregister moves down, so live slots stay packed near 0
// and the handler's scan (up to the high-water mark) stays short.
size_t RegisterGuardReservation(uintptr_t base) {
  size_t start = g_registry_hint.load(std::memory_order_relaxed);
  for (size_t i = 0; i < kRegistrySlots; ++i) {
    size_t slot = (start + i) % kRegistrySlots;
    uintptr_t expected = 0;
    if (g_guard_bases[slot].load(std::memory_order_relaxed) == 0 &&
        g_guard_bases[slot].compare_exchange_strong(expected, base, std::memory_order_release,
                                                    std::memory_order_relaxed)) {
      size_t high = g_registry_high.load(std::memory_order_relaxed);
      while (high < slot + 1 && !g_registry_high.compare_exchange_weak(high, slot + 1,
                                                                       std::memory_order_release)) {
      }
      g_registry_hint.store(slot + 1, std::memory_order_relaxed);
      return slot;
    }
  }
  return kRegistrySlots;
}

// Clears the slot Register returned for `base` (O(1): Create remembers the slot).
void UnregisterGuardReservation(size_t slot, uintptr_t base) {
  WASMC_CHECK(slot < kRegistrySlots && g_guard_bases[slot].load(std::memory_order_relaxed) == base);
  g_guard_bases[slot].store(0, std::memory_order_release);
  // A racy hint is harmless: Register checks every slot it takes.
  if (slot < g_registry_hint.load(std::memory_order_relaxed)) {
    g_registry_hint.store(slot, std::memory_order_relaxed);
  }
}

// The reservation cache. An entry is a mapping of `reserved_bytes` whose first
// `committed_bytes` are read-write and the rest PROT_NONE, every page reading as zero (see
// ReleaseReservation). 128 guard-mode entries hold 1 TiB of address space; the cache is emptied
// when a new reservation fails.
struct CachedReservation {
  uint8_t* base;
  uint64_t reserved_bytes;
  uint64_t committed_bytes;
};
constexpr size_t kCacheCapacity = 128;
std::mutex g_cache_mu;  // constexpr constructor: constant-initialized, no constructor runs
CachedReservation g_cache[kCacheCapacity];  // guarded by g_cache_mu
size_t g_cache_size = 0;                    // guarded by g_cache_mu

// Takes a cached reservation of exactly `reserved_bytes` (the most recently cached one).
bool TakeCached(uint64_t reserved_bytes, CachedReservation* out) {
  std::lock_guard<std::mutex> lock(g_cache_mu);
  for (size_t i = g_cache_size; i-- > 0;) {
    if (g_cache[i].reserved_bytes == reserved_bytes) {
      *out = g_cache[i];
      g_cache[i] = g_cache[--g_cache_size];
      return true;
    }
  }
  return false;
}

// Caches `r` (already zeroed); false when the cache is full.
bool PutCached(const CachedReservation& r) {
  std::lock_guard<std::mutex> lock(g_cache_mu);
  if (g_cache_size == kCacheCapacity) return false;
  g_cache[g_cache_size++] = r;
  return true;
}

void DrainCache() {
  CachedReservation taken[kCacheCapacity];
  size_t n;
  {
    std::lock_guard<std::mutex> lock(g_cache_mu);
    n = g_cache_size;
    std::memcpy(taken, g_cache, n * sizeof taken[0]);
    g_cache_size = 0;
  }
  for (size_t i = 0; i < n; ++i) munmap(taken[i].base, taken[i].reserved_bytes);
}

uint8_t* Reserve(uint64_t bytes) {
  void* p = mmap(nullptr, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    // Out of address space (e.g. RLIMIT_AS): give back the cached reservations and retry.
    DrainCache();
    p = mmap(nullptr, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  }
  return p == MAP_FAILED ? nullptr : static_cast<uint8_t*>(p);
}

// Commits [addr, addr + bytes) read-write. Fresh (or dropped) anonymous pages read as zero.
bool Commit(uint8_t* addr, uint64_t bytes) {
  return bytes == 0 || mprotect(addr, bytes, PROT_READ | PROT_WRITE) == 0;
}

// A reservation of `reserved_bytes` whose first `committed_bytes` are read-write and zero, the
// rest PROT_NONE: from the cache, else freshly mapped. Null on failure (errno set).
uint8_t* ObtainReservation(uint64_t reserved_bytes, uint64_t committed_bytes) {
  CachedReservation r;
  if (TakeCached(reserved_bytes, &r)) {
    bool ok = r.committed_bytes >= committed_bytes
                  ? r.committed_bytes == committed_bytes ||
                        mprotect(r.base + committed_bytes, r.committed_bytes - committed_bytes,
                                 PROT_NONE) == 0
                  : Commit(r.base + r.committed_bytes, committed_bytes - r.committed_bytes);
    if (ok) return r.base;
    int saved = errno;
    munmap(r.base, reserved_bytes);
    errno = saved;
    return nullptr;
  }
  uint8_t* base = Reserve(reserved_bytes);
  if (base != nullptr && !Commit(base, committed_bytes)) {
    int saved = errno;
    munmap(base, reserved_bytes);
    errno = saved;
    return nullptr;
  }
  return base;
}

// Zeroes [base, base + bytes) (page-aligned, at most kScanBytes): resident pages are cleared with
// memset and stay resident, so the next instance's first writes take no page fault; runs of
// non-resident pages (never touched, or swapped out) are dropped with MADV_DONTNEED, after which
// they read as zero. Cheaper than dropping everything, which costs a TLB flush now and a fault
// later per touched page, and than clearing every page, which touches pages no one used.
constexpr uint64_t kScanBytes = kPageSize;
bool ZeroSmallRange(uint8_t* base, uint64_t bytes) {
  static const uint64_t os_page = static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
  unsigned char resident[kScanBytes / 4096];
  size_t npages = static_cast<size_t>(bytes / os_page);
  if (npages > sizeof resident || mincore(base, bytes, resident) != 0) {
    return madvise(base, bytes, MADV_DONTNEED) == 0;
  }
  size_t run = 0;  // first page of the current run of non-resident pages
  for (size_t p = 0; p <= npages; ++p) {
    if (p < npages && !(resident[p] & 1)) continue;
    if (run < p && madvise(base + run * os_page, (p - run) * os_page, MADV_DONTNEED) != 0) {
      return false;
    }
    if (p < npages) std::memset(base + p * os_page, 0, os_page);
    run = p + 1;
  }
  return true;
}

// Cached entries beyond this many have every page dropped: resident zero pages are kept only for
// the few entries that a create/delete cycle reuses at once (a burst of deleted memories, for
// example stores freed by a garbage collector's finalizers, must not pin 8 MiB).
constexpr size_t kResidentEntries = 8;

size_t CacheSize() {
  std::lock_guard<std::mutex> lock(g_cache_mu);
  return g_cache_size;
}

// Ends a memory's use of its reservation: zeroes the committed pages (the first kScanBytes with
// ZeroSmallRange while the cache holds fewer than kResidentEntries, the rest with
// MADV_DONTNEED) and caches the mapping, or unmaps it when the cache is full or the pages cannot
// be dropped. About kResidentEntries * kScanBytes (512 KiB) of cached pages stay resident.
void ReleaseReservation(uint8_t* base, uint64_t reserved_bytes, uint64_t committed_bytes) {
  uint64_t head = committed_bytes < kScanBytes ? committed_bytes : kScanBytes;
  if (CacheSize() >= kResidentEntries) head = 0;
  if ((head == 0 || ZeroSmallRange(base, head)) &&
      (committed_bytes == head ||
       madvise(base + head, committed_bytes - head, MADV_DONTNEED) == 0) &&
      PutCached(CachedReservation{base, reserved_bytes, committed_bytes})) {
    return;
  }
  munmap(base, reserved_bytes);
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
  uint8_t* base = ObtainReservation(reserve_bytes, lim.min * kPageSize);
  if (base == nullptr) {
    return ResourceError("cannot reserve address space and commit the initial pages",
                         reserve_bytes);
  }
  size_t slot = kRegistrySlots;
  if (mode == BoundsMode::kGuardPages) {
    slot = RegisterGuardReservation(reinterpret_cast<uintptr_t>(base));
    if (slot == kRegistrySlots) {
      ReleaseReservation(base, reserve_bytes, lim.min * kPageSize);
      return Status::Error(ErrorKind::kResource, "linear memory: too many guard-page memories");
    }
  }
  std::unique_ptr<LinearMemory> mem(new LinearMemory(type, mode, max_pages, base, reserve_bytes));
  mem->guard_slot_ = slot;
  mem->def_.length = lim.min * kPageSize;
  return mem;
}

LinearMemory::LinearMemory(const MemoryType& type, BoundsMode mode, uint64_t max_pages,
                           uint8_t* base, uint64_t reserved_bytes)
    : def_{base, 0}, type_(type), mode_(mode), max_pages_(max_pages),
      reserved_bytes_(reserved_bytes) {}

LinearMemory::~LinearMemory() {
  // Unregister first: once unmapped, the range may be reused by unrelated mappings whose faults
  // must not be taken for Wasm traps (a cached reservation registers again when reused).
  if (mode_ == BoundsMode::kGuardPages) {
    UnregisterGuardReservation(guard_slot_, reinterpret_cast<uintptr_t>(def_.base));
  }
  ReleaseReservation(def_.base, reserved_bytes_, def_.length);
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
