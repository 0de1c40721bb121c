// Traps: consumes a TrapCode plus where it happened (function index, name, faulting pc) and
// produces a Trap object with the spec's message, e.g. "integer divide by zero (in function
// `fac`)". Also the two ways to leave Wasm code abruptly (RaiseTrap, RaiseTrapObject); the
// catching side is InvokeWasm in runtime/call.h.
#ifndef WASMC_RUNTIME_TRAP_H_
#define WASMC_RUNTIME_TRAP_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ir/vm_layout.h"

namespace wasmc {

constexpr uint32_t kUnknownFuncIndex = UINT32_MAX;

struct Trap {
  TrapCode code = TrapCode::kNone;
  std::string message;                    // full message, including the "(in function ...)" part
  uint32_t func_index = kUnknownFuncIndex;  // the trapping function, when known
  uintptr_t pc = 0;  // faulting pc of a signal trap (SIGSEGV/SIGBUS/...), 0 for helper traps
};

// The spec's message for a trap code, without the function suffix ("unreachable", ...).
// `raw_code` is what compiled code passes to the `trap` helper (may carry
// kTrapFlagUndefinedElement). Returns "trap" for unknown codes.
const char* TrapCodeMessage(uint32_t raw_code);

// The public code for a raw helper code (strips kTrapFlagUndefinedElement).
TrapCode TrapCodeFromRaw(uint32_t raw_code);

// "<message> (in function `name`)", "<message> (in function #3)" when `name` is empty, or just
// "<message>" when `func_index` is kUnknownFuncIndex.
std::string FormatTrapMessage(std::string_view message, uint32_t func_index,
                              std::string_view func_name);

// Builds a trap for `raw_code` raised in function `func_index` (name may be empty).
std::unique_ptr<Trap> MakeTrap(uint32_t raw_code, uint32_t func_index, std::string_view func_name);

// A trap created by a host function: code kHost, `message` kept verbatim.
std::unique_ptr<Trap> MakeHostTrap(std::string message);

// Leaving Wasm abruptly. Both functions siglongjmp to the innermost active InvokeWasm on this
// thread, which then returns the trap through its `trap_out`. INVARIANT for callers: between that
// InvokeWasm and the call to RaiseTrap*, the stack may hold only JIT frames and C/C++ frames with
// no live object that has a non-trivial destructor (they would be skipped, i.e. leaked). In
// particular the `call_host` helper must destroy (or move out) every C++ object it created,
// and end its HostCallScope, before raising. Calling either without an active InvokeWasm on this
// thread is a wasmc bug and aborts.

// For the `trap` runtime helper: `raw_code` as passed by compiled code, `func_index` of the
// trapping function, `vmctx` its VMContext (passed to the symbolizer to find the name).
[[noreturn]] void RaiseTrap(uint32_t raw_code, uint32_t func_index, void* vmctx);
[[noreturn]] inline void RaiseTrap(TrapCode code, uint32_t func_index, void* vmctx) {
  RaiseTrap(static_cast<uint32_t>(code), func_index, vmctx);
}

// For `call_host` when a host function returned a trap: takes ownership; the innermost
// InvokeWasm returns exactly this object (message unchanged). Like Wasmtime, a host trap unwinds
// the Wasm frames up to the host code that called InvokeWasm; if that host code is itself a host
// function called from Wasm, it propagates the trap again by returning it.
[[noreturn]] void RaiseTrapObject(std::unique_ptr<Trap> trap);

}  // namespace wasmc

#endif  // WASMC_RUNTIME_TRAP_H_
