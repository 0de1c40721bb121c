// MIR context lifetime and the error guard. Consumes nothing but MIR itself; produces a
// MIR_context_t with the generator initialised, and `RunGuarded`, which turns MIR's fatal error
// callback (it must never return) into a longjmp back to the guard and a wasmc Status.
#ifndef WASMC_MIR_BACKEND_CONTEXT_H_
#define WASMC_MIR_BACKEND_CONTEXT_H_

#include <cstdint>
#include <memory>

#include "mir_backend/mir_api.h"
#include "util/result.h"

namespace wasmc {

// One MIR context with its code generator. Not thread-safe: one thread uses it at a time. The
// code it generated stays valid until the destructor (MIR frees code only in MIR_finish).
class MirContext {
 public:
  // Creates a context whose generator runs at `opt_level` (clamped to 0..1: MIR 1.0.0's -O2
  // miscompiles Wasm-shaped code; `allow_opt_level_2`, for tests only, clamps to 0..2).
  // kResource/kInternal when MIR fails to set up.
  static Result<std::unique_ptr<MirContext>> Create(uint32_t opt_level,
                                                    bool allow_opt_level_2 = false);
  ~MirContext();
  MirContext(const MirContext&) = delete;
  MirContext& operator=(const MirContext&) = delete;

  MIR_context_t ctx() const { return ctx_; }

 private:
  MirContext() = default;
  MIR_context_t ctx_ = nullptr;
  bool gen_initialized_ = false;
};

// Runs `fn(arg)`, which calls into MIR on `ctx`. If MIR reports an error, the error callback
// longjmps back here and the result is kResource (MIR_alloc_error) or kInternal with MIR's
// message; otherwise Ok. Between this guard and the MIR calls inside `fn`, no object with a
// non-trivial destructor may be live on the stack (keep such state in heap objects owned by the
// caller). Guards nest; `fn` may report its own failure through `arg`.
Status RunGuarded(MIR_context_t ctx, void (*fn)(void* arg), void* arg);

// Finishes whatever function and module `ctx` still has open after a failed step, so that
// MIR_finish can run. Safe to call when nothing is open.
void CloseOpenMirItems(MIR_context_t ctx);

}  // namespace wasmc

#endif  // WASMC_MIR_BACKEND_CONTEXT_H_
