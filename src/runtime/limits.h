// Interruption and resource limits of a store (wasmc.h "Interruption and resource limits").
// Consumes the embedder's settings (fuel, epoch deadline and callback, resource caps and the
// limiter callback); produces the VMRuntimeLimits fields compiled code checks, the decisions on
// instantiation and on memory/table creation and growth, and the `epoch_interrupt` helper.
#ifndef WASMC_RUNTIME_LIMITS_H_
#define WASMC_RUNTIME_LIMITS_H_

#include <cstdint>

#include "ir/module_desc.h"
#include "ir/vm_layout.h"
#include "util/result.h"
#include "wasmc.h"

namespace wasmc {

class LinearMemory;
class Store;
class Table;

// Per-store caps; UINT64_MAX means no limit.
struct ResourceCaps {
  uint64_t memory_bytes = UINT64_MAX;    // size any one linear memory may reach
  uint64_t table_elements = UINT64_MAX;  // size any one table may reach
  uint64_t instances = UINT64_MAX;
  uint64_t tables = UINT64_MAX;
  uint64_t memories = UINT64_MAX;
};

// Embedder callbacks with their environment; the finalizer runs once, on replacement or when
// the store is deleted.
struct LimiterCallback {
  wasmc_limiter_callback_t fn = nullptr;
  void* env = nullptr;
  void (*finalizer)(void*) = nullptr;
};
struct EpochCallback {
  wasmc_epoch_deadline_callback_t fn = nullptr;
  void* env = nullptr;
  void (*finalizer)(void*) = nullptr;
};

// One per store (Store::limiter()). Single-threaded like its store.
class StoreLimiter {
 public:
  StoreLimiter() = default;
  ~StoreLimiter();  // runs the finalizers of both callbacks
  StoreLimiter(const StoreLimiter&) = delete;
  StoreLimiter& operator=(const StoreLimiter&) = delete;

  void SetCaps(const ResourceCaps& caps) { caps_ = caps; }
  void SetLimiterCallback(wasmc_limiter_callback_t fn, void* env, void (*finalizer)(void*));
  void SetEpochCallback(wasmc_epoch_deadline_callback_t fn, void* env, void (*finalizer)(void*));
  const EpochCallback& epoch_callback() const { return epoch_cb_; }

  // Admission of new objects: check the counts, the initial sizes and the callback, then count
  // them. kResource when refused (nothing is counted then).
  // An instance of `m` with its defined memories and tables.
  Status AdmitInstance(const ModuleDesc& m);
  // A memory or table created by the embedder (wasmc_memory_new / wasmc_table_new).
  Status AdmitMemory(uint64_t min_pages);
  Status AdmitTable(uint64_t min_elements);

  // Growth from `current` to `desired` units (bytes or elements): false when refused by a cap
  // or the callback. Callers check the object's own maximum first.
  bool AllowMemoryGrowth(uint64_t current_bytes, uint64_t desired_bytes);
  bool AllowTableGrowth(uint64_t current, uint64_t desired);

 private:
  bool AskCallback(wasmc_resource_kind_t kind, uint64_t current, uint64_t desired);
  Status CheckMemory(uint64_t min_pages);
  Status CheckTable(uint64_t min_elements);

  ResourceCaps caps_;
  uint64_t instances_ = 0;
  uint64_t memories_ = 0;
  uint64_t tables_ = 0;
  LimiterCallback limiter_cb_;
  EpochCallback epoch_cb_;
};

// Fuel lives in VMRuntimeLimits::fuel_consumed as the negated remaining amount (negative while
// fuel remains), so compiled code needs one add and one sign check.
void SetFuel(VMRuntimeLimits* limits, uint64_t fuel);  // clamps to INT64_MAX
uint64_t RemainingFuel(const VMRuntimeLimits* limits);  // 0 once exhausted

// `ticks` epoch increments after the engine's current epoch (saturating).
void SetEpochDeadline(Store* store, uint64_t ticks);

// memory.grow / table.grow through the store's limiter (Wasm instructions and the C API):
// the old size, or -1 when the growth is refused or fails.
int64_t GrowMemory(Store* store, LinearMemory* memory, uint64_t delta_pages);
int64_t GrowTable(Store* store, Table* table, uint64_t delta, uint64_t init);

// The `epoch_interrupt` runtime helper, called by compiled code when the epoch counter is at or
// past its cached deadline: returns the store's current deadline (the cached one was stale, or
// the callback extended it), or traps ("interrupt", or the callback's trap).
uint64_t EpochInterruptHelper(void* vmctx, uint32_t func_index);

}  // namespace wasmc

#endif  // WASMC_RUNTIME_LIMITS_H_
