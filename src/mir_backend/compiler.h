// The MIR backend's API for the runtime: compiles a validated ModuleDesc to native code
// (CompiledModule) and generates the per-signature host<->wasm trampolines (TrampolineCache).
// Consumes ModuleDesc + RuntimeHelpers; produces wasm-call entry points (ir/vm_layout.h
// conventions, extended for many results in mir_backend/wasm_call_abi.h).
#ifndef WASMC_MIR_BACKEND_COMPILER_H_
#define WASMC_MIR_BACKEND_COMPILER_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ir/module_desc.h"
#include "ir/types.h"
#include "ir/vm_layout.h"
#include "util/result.h"

namespace wasmc {

class LazyCode;
class MirContext;
struct TrampolineScratch;

struct CompileOptions {
  uint32_t opt_level = 1;               // MIR generator level; 0 or 1 (higher is clamped to 1)
  bool explicit_bounds_checks = false;  // false: guard-page mode (no checks in code)
  bool consume_fuel = false;            // fuel accounting and checks (emit_interrupt.h)
  bool epoch_interruption = false;      // epoch-deadline checks (emit_interrupt.h)
  // Threads a large module's functions are compiled on (each in its own MIR context; calls
  // between contexts go through a code table). 1: only the calling thread.
  uint32_t threads = 1;
  // Generate no code now: each function is translated and generated on its first call
  // (lazy_compile.h). Ignored where lazy stubs are not implemented (non-x86-64).
  bool lazy = false;
  // Functions of a partition compiled in one batch below this much code cost more in another
  // MIR context and thread than they save. Tests lower it to exercise far calls.
  uint64_t min_partition_bytes = 32 * 1024;
  const RuntimeHelpers* helpers = nullptr;  // required; must outlive the CompiledModule
  // Testing only (the MIR safety net, fuzz/): run every function in MIR's interpreter instead
  // of generating code, and let opt_level 2 through. Never set by the public API.
  bool interpret = false;
  bool allow_opt_level_2 = false;
};

// Native code for every defined function of a module. Owns its MIR context; immutable after
// creation, so concurrent reads from any thread are safe.
class CompiledModule {
 public:
  ~CompiledModule();  // frees the code (MIR_finish)
  CompiledModule(const CompiledModule&) = delete;
  CompiledModule& operator=(const CompiledModule&) = delete;

  // The wasm-call entry of function `func_index`; defined functions only
  // (func_index >= num_imported_funcs).
  void* WasmCall(uint32_t func_index) const;

  // Maps a pc to the function whose code starts at the greatest address <= pc, if pc lies in
  // this module's code; false otherwise (for trap messages).
  bool FuncIndexForPc(uintptr_t pc, uint32_t* func_index_out) const;

  // Lazy compilation only: functions compiled so far; otherwise every defined function.
  uint32_t NumCompiled() const;

  struct CodeRange {
    uintptr_t start;
    uintptr_t end;
    uint32_t func_index;
  };

 private:
  friend class PartitionCompiler;
  friend Result<std::unique_ptr<CompiledModule>> CompileModule(const ModuleDesc& m,
                                                               const CompileOptions& o);
  CompiledModule() = default;

  std::vector<std::unique_ptr<MirContext>> mirs_;  // one per partition
  uint32_t num_imported_funcs_ = 0;
  std::vector<void*> code_;           // per defined function
  std::unique_ptr<void*[]> far_table_;  // per defined function, read by far calls
  std::vector<CodeRange> ranges_;     // sorted by start
  std::unique_ptr<LazyCode> lazy_;    // lazy compilation: code_ holds the stubs
};

// Validates (FuncValidator) and translates every defined function in one pass each, then
// generates code. A large module is split into up to `o.threads` partitions of consecutive
// functions, compiled concurrently. Assumes ValidateModule(m) passed. Errors: kInvalid/kMalformed from function
// validation, kUnsupported for SIMD, kResource when MIR runs out of memory, kInternal for MIR
// failures. Safe to run concurrently on different threads (each compile has its own context).
Result<std::unique_ptr<CompiledModule>> CompileModule(const ModuleDesc& m,
                                                      const CompileOptions& o);

// Splits the defined functions of `m` into at most `max_parts` runs of consecutive functions
// with about the same amount of code, none below `min_bytes` (one run for a smaller module).
// Returns the boundaries (function indices): run p is [bounds[p], bounds[p + 1]); no runs when
// `m` defines no function.
std::vector<uint32_t> PartitionFunctions(const ModuleDesc& m, uint32_t max_parts,
                                         uint64_t min_bytes);

// Engine-owned cache of trampolines per signature, generated once. Thread-safe.
class TrampolineCache {
 public:
  explicit TrampolineCache(const RuntimeHelpers* helpers);
  ~TrampolineCache();
  TrampolineCache(const TrampolineCache&) = delete;
  TrampolineCache& operator=(const TrampolineCache&) = delete;

  // Array-call entry trampoline for signature `t`:
  //   void entry(void* wasm_call, void* callee_vmctx, void* caller_vmctx, ValRaw* values)
  Result<void*> Entry(const FuncType& t);
  // Wasm-call function for host functions of type `t`: spills the params into a ValRaw buffer
  // of max(params, results, 1) slots and calls RuntimeHelpers::call_host.
  Result<void*> Exit(const FuncType& t);

 private:
  Result<void*> Get(bool entry, const FuncType& t);

  std::mutex mu_;
  const RuntimeHelpers* helpers_;
  // Contexts that hold live trampolines. After a MIR error the current one is set aside (its
  // code stays valid) and a new one is started.
  std::vector<std::unique_ptr<MirContext>> contexts_;
  std::vector<std::pair<std::string, void*>> cache_;  // sorted by key
  std::unique_ptr<TrampolineScratch> scratch_;
  uint32_t next_id_ = 0;
  bool need_fresh_context_ = false;
};

}  // namespace wasmc

#endif  // WASMC_MIR_BACKEND_COMPILER_H_
