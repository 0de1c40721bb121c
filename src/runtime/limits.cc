// Store limits: fuel bookkeeping, epoch deadlines and the `epoch_interrupt` helper, and the
// resource limiter consulted on instantiation and on every memory/table creation and growth
// (see limits.h). Callbacks run inside a HostCallScope, so a fault in embedder code is not
// taken for a Wasm trap, and in frames that hold no C++ objects when a trap is raised after them.
#include "runtime/limits.h"

#include <memory>
#include <string>

#include "runtime/call.h"
#include "runtime/engine.h"
#include "runtime/func.h"
#include "runtime/instance.h"
#include "runtime/memory.h"
#include "runtime/store.h"
#include "runtime/table.h"
#include "runtime/trap.h"

namespace wasmc {
namespace {

uint64_t SaturatingAdd(uint64_t a, uint64_t b) { return b > UINT64_MAX - a ? UINT64_MAX : a + b; }

Status LimitError(const char* what, uint64_t limit) {
  std::string msg = "resource limit exceeded: ";
  msg += what;
  msg += " (limit ";
  msg += std::to_string(limit);
  msg += ")";
  return Status::Error(ErrorKind::kResource, std::move(msg));
}

// Both callbacks confined to a frame of their own (see the file comment).
__attribute__((noinline)) bool RunLimiterCallback(const LimiterCallback& cb,
                                                  wasmc_resource_kind_t kind, uint64_t current,
                                                  uint64_t desired) {
  HostCallScope scope;
  return cb.fn(cb.env, kind, current, desired);
}

__attribute__((noinline)) Trap* RunEpochCallback(EpochCallback cb, Store* store,
                                                 uint64_t* delta) {
  HostCallScope scope;
  return FromPublicTrap(cb.fn(cb.env, reinterpret_cast<wasmc_store_t*>(store), delta));
}

}  // namespace

StoreLimiter::~StoreLimiter() {
  if (limiter_cb_.finalizer) limiter_cb_.finalizer(limiter_cb_.env);
  if (epoch_cb_.finalizer) epoch_cb_.finalizer(epoch_cb_.env);
}

void StoreLimiter::SetLimiterCallback(wasmc_limiter_callback_t fn, void* env,
                                      void (*finalizer)(void*)) {
  LimiterCallback old = limiter_cb_;
  limiter_cb_ = LimiterCallback{fn, env, finalizer};
  if (old.finalizer) old.finalizer(old.env);
}

void StoreLimiter::SetEpochCallback(wasmc_epoch_deadline_callback_t fn, void* env,
                                    void (*finalizer)(void*)) {
  EpochCallback old = epoch_cb_;
  epoch_cb_ = EpochCallback{fn, env, finalizer};
  if (old.finalizer) old.finalizer(old.env);
}

bool StoreLimiter::AskCallback(wasmc_resource_kind_t kind, uint64_t current, uint64_t desired) {
  return limiter_cb_.fn == nullptr || RunLimiterCallback(limiter_cb_, kind, current, desired);
}

Status StoreLimiter::CheckMemory(uint64_t min_pages) {
  // min_pages <= 65536 (validated), so the product cannot overflow.
  uint64_t bytes = min_pages * kPageSize;
  if (bytes > caps_.memory_bytes) return LimitError("memory size in bytes", caps_.memory_bytes);
  if (bytes != 0 && !AskCallback(WASMC_RESOURCE_MEMORY, 0, bytes)) {
    return Status::Error(ErrorKind::kResource, "memory creation refused by the limiter");
  }
  return Status::Ok();
}

Status StoreLimiter::CheckTable(uint64_t min_elements) {
  if (min_elements > caps_.table_elements) {
    return LimitError("table elements", caps_.table_elements);
  }
  if (min_elements != 0 && !AskCallback(WASMC_RESOURCE_TABLE, 0, min_elements)) {
    return Status::Error(ErrorKind::kResource, "table creation refused by the limiter");
  }
  return Status::Ok();
}

Status StoreLimiter::AdmitInstance(const ModuleDesc& m) {
  const uint64_t new_memories = m.memories.size() - m.num_imported_memories;
  const uint64_t new_tables = m.tables.size() - m.num_imported_tables;
  if (instances_ >= caps_.instances) return LimitError("instance count", caps_.instances);
  if (new_memories > caps_.memories - memories_) {
    return LimitError("memory count", caps_.memories);
  }
  if (new_tables > caps_.tables - tables_) return LimitError("table count", caps_.tables);
  for (size_t i = m.num_imported_memories; i < m.memories.size(); ++i) {
    WASMC_TRY(CheckMemory(m.memories[i].limits.min));
  }
  for (size_t i = m.num_imported_tables; i < m.tables.size(); ++i) {
    WASMC_TRY(CheckTable(m.tables[i].limits.min));
  }
  instances_ += 1;
  memories_ += new_memories;
  tables_ += new_tables;
  return Status::Ok();
}

Status StoreLimiter::AdmitMemory(uint64_t min_pages) {
  if (memories_ >= caps_.memories) return LimitError("memory count", caps_.memories);
  WASMC_TRY(CheckMemory(min_pages));
  memories_ += 1;
  return Status::Ok();
}

Status StoreLimiter::AdmitTable(uint64_t min_elements) {
  if (tables_ >= caps_.tables) return LimitError("table count", caps_.tables);
  WASMC_TRY(CheckTable(min_elements));
  tables_ += 1;
  return Status::Ok();
}

bool StoreLimiter::AllowMemoryGrowth(uint64_t current_bytes, uint64_t desired_bytes) {
  return desired_bytes <= caps_.memory_bytes &&
         AskCallback(WASMC_RESOURCE_MEMORY, current_bytes, desired_bytes);
}

bool StoreLimiter::AllowTableGrowth(uint64_t current, uint64_t desired) {
  return desired <= caps_.table_elements && AskCallback(WASMC_RESOURCE_TABLE, current, desired);
}

void SetFuel(VMRuntimeLimits* limits, uint64_t fuel) {
  limits->fuel_consumed = -static_cast<int64_t>(fuel > uint64_t{INT64_MAX} ? INT64_MAX : fuel);
}

uint64_t RemainingFuel(const VMRuntimeLimits* limits) {
  return limits->fuel_consumed >= 0 ? 0 : static_cast<uint64_t>(-limits->fuel_consumed);
}

void SetEpochDeadline(Store* store, uint64_t ticks) {
  store->limits()->epoch_deadline = SaturatingAdd(store->engine()->epoch(), ticks);
}

int64_t GrowMemory(Store* store, LinearMemory* memory, uint64_t delta_pages) {
  const Limits& declared = memory->type().limits;
  const uint64_t max_pages = declared.has_max ? declared.max : kMaxPages;
  const uint64_t pages = memory->pages();
  // Zero growth and growth past the declared maximum need no permission (Grow decides).
  if (delta_pages != 0 && pages <= max_pages && delta_pages <= max_pages - pages &&
      !store->limiter().AllowMemoryGrowth(pages * kPageSize,
                                          (pages + delta_pages) * kPageSize)) {
    return -1;
  }
  return memory->Grow(delta_pages);
}

int64_t GrowTable(Store* store, Table* table, uint64_t delta, uint64_t init) {
  const Limits& declared = table->type().limits;
  const uint64_t max = declared.has_max ? declared.max : kMaxTableElems;
  const uint64_t size = table->size();
  if (delta != 0 && size <= max && delta <= max - size &&
      !store->limiter().AllowTableGrowth(size, size + delta)) {
    return -1;
  }
  return table->Grow(delta, init);
}

uint64_t EpochInterruptHelper(void* vmctx, uint32_t func_index) {
  Store* store = Instance::FromVMContext(vmctx)->store();
  VMRuntimeLimits* limits = store->limits();
  // The caller's cached deadline may be stale (moved by the embedder since it was loaded).
  if (store->engine()->epoch() < limits->epoch_deadline) return limits->epoch_deadline;
  const EpochCallback cb = store->limiter().epoch_callback();
  if (cb.fn == nullptr) RaiseTrap(TrapCode::kInterrupt, func_index, vmctx);
  uint64_t delta = 0;
  Trap* trap = RunEpochCallback(cb, store, &delta);
  if (trap != nullptr) RaiseTrapObject(std::unique_ptr<Trap>(trap));
  SetEpochDeadline(store, delta);
  return limits->epoch_deadline;
}

}  // namespace wasmc
