// Engine: the shared, thread-safe root object. Holds the configuration, the canonical type
// registry, the runtime-helper table handed to compiled code and the trampoline cache.
// Reference-counted by the embedder, its modules and its stores.
#ifndef WASMC_RUNTIME_ENGINE_H_
#define WASMC_RUNTIME_ENGINE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "ir/types.h"
#include "ir/vm_layout.h"
#include "runtime/type_registry.h"
#include "util/result.h"

namespace wasmc {

class TrampolineCache;

struct EngineConfig {
  uint32_t opt_level = 1;               // MIR optimisation level, 0 or 1
  bool explicit_bounds_checks = false;  // WASMC_BOUNDS_EXPLICIT instead of guard pages
  size_t max_wasm_stack = size_t{1} << 20;
  bool consume_fuel = false;            // fuel checks in compiled code (runtime/limits.h)
  bool epoch_interruption = false;      // epoch-deadline checks in compiled code
  uint32_t compile_threads = 0;         // per module compile; 0: one per online CPU
  bool lazy_compile = false;            // compile each function on its first call
  uint64_t min_partition_bytes = 32 * 1024;  // CompileOptions; tests lower it (abi/testing.h)
  // Testing only (abi/testing.h): MIR's interpreter instead of generated code, and MIR -O2.
  bool mir_interpret = false;
  bool allow_opt_level_2 = false;
};

constexpr size_t kMinWasmStack = 16 * 1024;
constexpr uint32_t kMaxCompileThreads = 256;

class Engine {
 public:
  // Returns a new engine holding one reference.
  static Result<Engine*> Create(const EngineConfig& config);

  void Ref() { refs_.fetch_add(1, std::memory_order_relaxed); }
  void Unref();

  const EngineConfig& config() const { return config_; }
  // Threads per module compile: config().compile_threads, or the online CPUs when that is 0.
  uint32_t CompileThreads() const;
  TypeRegistry& types() { return types_; }
  const RuntimeHelpers* helpers() const;

  // Array-call entry / wasm-call exit trampolines for `type` (thread-safe: TrampolineCache
  // locks; cached for the engine's life).
  Result<void*> EntryTrampoline(const FuncType& type);
  Result<void*> ExitTrampoline(const FuncType& type);

  // The epoch counter (wasmc_engine_increment_epoch): async-signal-safe, any thread. Compiled
  // code reads it through VMRuntimeLimits::epoch_ptr with plain loads.
  void IncrementEpoch() { epoch_.fetch_add(1, std::memory_order_relaxed); }
  uint64_t epoch() const { return epoch_.load(std::memory_order_relaxed); }
  const uint64_t* epoch_ptr() const { return reinterpret_cast<const uint64_t*>(&epoch_); }

 private:
  explicit Engine(const EngineConfig& config);
  ~Engine();

  std::atomic<uint32_t> refs_{1};
  std::atomic<uint64_t> epoch_{0};
  static_assert(std::atomic<uint64_t>::is_always_lock_free &&
                    sizeof(std::atomic<uint64_t>) == sizeof(uint64_t),
                "JIT code reads the epoch counter as a plain uint64_t");
  EngineConfig config_;
  TypeRegistry types_;
  std::unique_ptr<TrampolineCache> trampolines_;
};

}  // namespace wasmc

#endif  // WASMC_RUNTIME_ENGINE_H_
