// Lazy compilation (CompileOptions::lazy): a module's functions are validated up front but
// translated and generated one at a time, on their first call. Each defined function has a
// 16-byte stub, its stable wasm-call entry:
//
//   stub_i:  movabs r11, &entries[i] ; jmp [r11]
//
// entries[i].code is first the thunk (WasmcLazyThunk, lazy_compile.cc), which saves the argument registers,
// calls LazyCode::Resolve to compile function i into the module's lazy MIR context, restores
// the registers and jumps to the new code; afterwards entries[i].code is that code, so a stub
// costs one indirect jump. Compiled code calls other functions through their stubs (far calls
// with immediate targets, translator.h). Compiling runs on a short-lived thread with a full
// native stack (the caller may be deep in Wasm recursion), under the module's lock.
// x86-64 only; elsewhere LazyCode::Supported() is false and compilation stays eager.
#ifndef WASMC_MIR_BACKEND_LAZY_COMPILE_H_
#define WASMC_MIR_BACKEND_LAZY_COMPILE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "ir/module_desc.h"
#include "mir_backend/compiler.h"
#include "util/result.h"

namespace wasmc {

class LazyCompiler;  // the per-function compile state (lazy_compile.cc)

class LazyCode {
 public:
  static bool Supported();
  // Validates every function (in parallel over o.threads, errors as a sequential compile would
  // report them) and builds the stubs. `m` must outlive the LazyCode.
  static Result<std::unique_ptr<LazyCode>> Create(const ModuleDesc& m, const CompileOptions& o);
  ~LazyCode();
  LazyCode(const LazyCode&) = delete;
  LazyCode& operator=(const LazyCode&) = delete;

  // The stub of defined function `i` (index among defined functions).
  void* Stub(uint32_t i) const { return stubs_ + size_t(i) * kStubSize; }
  // As CompiledModule::FuncIndexForPc, over the functions compiled so far.
  bool FuncIndexForPc(uintptr_t pc, uint32_t* func_index_out) const;
  // Functions compiled so far (for tests).
  uint32_t NumCompiled() const;

  struct Entry {
    void* code;       // read by the stub: the thunk until compiled, then the code
    LazyCode* owner;
  };
  // Called by the thunk: the code of the function of `entry`, compiling it first if needed.
  // Raises a trap (kHost, through the runtime's trap helper, with `vmctx`) if that fails.
  static void* Resolve(Entry* entry, void* vmctx);

 private:
  static constexpr size_t kStubSize = 16;
  LazyCode(const ModuleDesc& m, const CompileOptions& o);
  void* Compile(uint32_t i);  // nullptr on failure

  const ModuleDesc& m_;
  const CompileOptions o_;
  std::unique_ptr<Entry[]> entries_;
  uint8_t* stubs_ = nullptr;  // executable, kStubSize per function
  size_t stubs_bytes_ = 0;
  std::vector<void*> stub_addrs_;  // per defined function, the far-call targets
  mutable std::mutex mu_;     // guards everything below, and compiling
  std::unique_ptr<LazyCompiler> compiler_;
  std::vector<CompiledModule::CodeRange> ranges_;  // sorted by start
  uint32_t num_compiled_ = 0;
};

}  // namespace wasmc

#endif  // WASMC_MIR_BACKEND_LAZY_COMPILE_H_
