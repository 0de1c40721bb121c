// Entering Wasm: consumes an array-call entry trampoline, a callee and a ValRaw buffer, produces
// the results in the buffer or a Trap. Owns the per-thread call records (sigjmp_buf, nesting,
// stack limit), the host-call marker and the SIGSEGV/SIGBUS/SIGFPE/SIGILL handlers that turn
// faults in Wasm code into traps (signals.cc).
#ifndef WASMC_RUNTIME_CALL_H_
#define WASMC_RUNTIME_CALL_H_

#include <csetjmp>
#include <csignal>
#include <cstdint>
#include <memory>
#include <string>

#include "ir/vm_layout.h"
#include "runtime/trap.h"
#include "util/result.h"

namespace wasmc {

// The array-call entry trampoline (vm_layout.h).
struct CallRecord;

using EntryFn = void (*)(void* wasm_call, void* callee_vmctx, void* caller_vmctx, ValRaw* values);

constexpr uint64_t kDefaultMaxWasmStack = uint64_t{1} << 20;

// Completes a trap's origin after unwinding (plain C++ context, may allocate). For signal traps
// `*func_index` is kUnknownFuncIndex and `pc` the faulting pc: map it to a function
// (CompiledModule::FuncIndexForPc) or leave it unknown. Then write the function's name to `name`,
// or leave it empty to get "(in function #N)". `vmctx` is the trapping function's VMContext for
// helper traps, NULL for signal traps.
using TrapSymbolizeFn = void (*)(void* env, uintptr_t pc, void* vmctx, uint32_t* func_index,
                                 std::string* name);

struct InvokeOptions {
  VMRuntimeLimits* limits = nullptr;  // required: the store's limits
  uint64_t max_wasm_stack = kDefaultMaxWasmStack;  // bytes of native stack Wasm may use
  TrapSymbolizeFn symbolize = nullptr;  // optional
  void* symbolize_env = nullptr;
};

// The one way the runtime calls into Wasm: `entry(wasm_call, callee_vmctx, caller_vmctx, values)`
// under a call record. Installs the signal handlers and this thread's alternate signal stack on
// first use. On the outermost entry for `options.limits` sets `limits->stack_limit` to
// `sp - max_wasm_stack` (never below the thread's stack bottom + a safety margin) and restores it
// on exit. Re-entrant from host functions to any depth.
// Outcomes: error Status (kResource: no alternate signal stack), trap (Status ok, `*trap_out`
// set, `values` unspecified) or success (Status ok, `*trap_out` null, results in `values`).
Status InvokeWasm(EntryFn entry, void* wasm_call, void* callee_vmctx, void* caller_vmctx,
                  ValRaw* values, const InvokeOptions& options, std::unique_ptr<Trap>* trap_out);

// Marks "now in host code" for the innermost call record on this thread, so that a fault in host
// code is not mistaken for a Wasm trap (it goes to the previous handler and usually kills the
// process). The `call_host` helper holds one around the host callback; the destructor restores
// "in Wasm". End the scope before RaiseTrapObject (trap.h invariant). No-op outside InvokeWasm.
class HostCallScope {
 public:
  HostCallScope();
  ~HostCallScope();
  HostCallScope(const HostCallScope&) = delete;
  HostCallScope& operator=(const HostCallScope&) = delete;

 private:
  CallRecord* record_;
};

// Installs the signal handlers once per process (thread-safe, idempotent); handlers installed
// earlier (e.g. ASan's) are chained to for faults that are not Wasm traps. The engine may call
// it at creation; InvokeWasm calls it too. Returns false when the process refused them (ASan
// with allow_user_segv_handler=0 silently ignores sigaction): guard-page memories would then
// crash instead of trapping, so the engine must use BoundsMode::kExplicit.
bool InstallSignalHandlers();

// Installs the handlers again, chaining to whatever is installed now. Only for test harnesses
// that replace signal handlers around each test (cmocka does, for SIGSEGV/SIGBUS/SIGFPE/SIGILL).
void ReinstallSignalHandlersForTesting();

// True while this thread runs Wasm code (inside InvokeWasm and not in a host call).
bool InWasmForTesting();

// ---- Internal to call.cc / signals.cc ----------------------------------------------------------

// One per active InvokeWasm, on its C stack; `tls` points to the innermost. Fields written by the
// signal handler are volatile.
struct CallRecord {
  sigjmp_buf jmp;
  CallRecord* prev;
  VMRuntimeLimits* limits;
  uintptr_t saved_stack_limit;  // value of limits->stack_limit to restore on exit
  uintptr_t stack_lo;           // lowest usable address of this thread's stack (incl. margin)
  uintptr_t entry_sp;           // approximate stack pointer at entry
  volatile sig_atomic_t in_host;  // >0 while a HostCallScope is active for this record
  // Trap state, filled before the siglongjmp.
  volatile uint32_t raw_code;
  volatile uint32_t func_index;
  volatile uintptr_t pc;
  void* volatile vmctx;
  Trap* volatile host_trap;  // owned; from RaiseTrapObject
};

CallRecord* CurrentCallRecord();
// Ensures this thread has an alternate signal stack of at least 64 KiB (signals.cc).
bool EnsureAltStack();

}  // namespace wasmc

#endif  // WASMC_RUNTIME_CALL_H_
