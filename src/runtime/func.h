// Functions: host functions (the VMHostContext behind a VMFuncRef whose code is an exit
// trampoline) and calls from the host into any function of a store, raw (array-call) or typed
// (wasmc_val_t, checked against the function's type).
#ifndef WASMC_RUNTIME_FUNC_H_
#define WASMC_RUNTIME_FUNC_H_

#include <cstddef>
#include <memory>

#include "ir/types.h"
#include "ir/vm_layout.h"
#include "runtime/trap.h"
#include "util/result.h"
#include "wasmc.h"

namespace wasmc {

class Store;

// `callee_vmctx` of a host function; `ref.vmctx` points back at this object.
struct HostFunc {
  VMHostContext header{kHostContextMagic};
  VMFuncRef ref{};
  Store* store = nullptr;
  wasmc_func_callback_t callback = nullptr;
  void* env = nullptr;
  void (*finalizer)(void*) = nullptr;
  size_t capacity = 0;  // max(params, results): the array-call buffer size

  HostFunc() = default;
  HostFunc(const HostFunc&) = delete;
  HostFunc& operator=(const HostFunc&) = delete;
  ~HostFunc() {
    if (finalizer) finalizer(env);
  }
};

// Public traps are runtime Trap objects.
inline wasmc_trap_t* ToPublicTrap(Trap* trap) { return reinterpret_cast<wasmc_trap_t*>(trap); }
inline Trap* FromPublicTrap(wasmc_trap_t* trap) { return reinterpret_cast<Trap*>(trap); }

// Creates a host function in `store`; writes its handle index. The finalizer belongs to the
// store only on success.
Status NewHostFunc(Store* store, const FuncType& type, wasmc_func_callback_t callback, void* env,
                   void (*finalizer)(void*), size_t* handle_out);

// The trap a finished host call raises, or NULL: `returned` (the callback's result) if not NULL,
// else the trap set with wasmc_caller_set_trap, else, when `to_wasm`, a trap for memory borrows
// left outstanding. Takes ownership of `returned` and of the pending trap (deleting the loser).
// The fast path (nothing to raise) is the caller's inline test; this is the slow path.
Trap* HostCallTrap(wasmc_caller_t* caller, wasmc_trap_t* returned, bool to_wasm);

// The function's type (from the engine's registry).
const FuncType& FuncTypeOf(Store* store, const VMFuncRef* ref);

// Calls `ref` with `values` (capacity >= max(params, results)), in the array-call convention.
Status CallFuncRaw(Store* store, const VMFuncRef* ref, ValRaw* values,
                   std::unique_ptr<Trap>* trap_out);

// Typed call: checks arity and kinds (kMisuse), converts, calls, converts back.
Status CallFuncTyped(Store* store, const VMFuncRef* ref, const wasmc_val_t* args, size_t nargs,
                     wasmc_val_t* results, size_t nresults, std::unique_ptr<Trap>* trap_out);

}  // namespace wasmc

// The caller context passed to host callbacks.
struct wasmc_caller {
  wasmc::Store* store;
  void* caller_vmctx;         // the calling instance's VMContext, or NULL when called from the host
  wasmc::Trap* pending_trap;  // owned; from wasmc_caller_set_trap
};

#endif  // WASMC_RUNTIME_FUNC_H_
