// Wasm entry and unwinding: consumes an entry trampoline call, produces its results or a Trap.
// Each InvokeWasm pushes a CallRecord (sigjmp_buf, previous record, stack-limit bookkeeping) on
// its own C stack; RaiseTrap/RaiseTrapObject and the signal handler (signals.cc) siglongjmp back
// to the innermost record, which then builds the Trap in ordinary C++ context.
#include "runtime/call.h"

#include <pthread.h>

#include <atomic>
#include <utility>

#include "util/checks.h"

namespace wasmc {
namespace {

// Stack kept free below the Wasm stack limit for host functions called from deep Wasm and for
// the runtime's own frames; also the distance kept from the real stack bottom (guard page).
constexpr uintptr_t kStackSafetyMargin = 64 * 1024;

// Thread-locals use the initial-exec model: one %fs-relative access instead of a
// __tls_get_addr call per access from this shared library (several per call otherwise), and
// safe in the signal handler. The few bytes come from glibc's static TLS surplus when the
// library is dlopen()ed.
#define WASMC_TLS_IE __attribute__((tls_model("initial-exec")))

// Innermost active call record of this thread. A plain pointer (a trivial thread_local): the
// records themselves live on the stack of their InvokeWasm.
WASMC_TLS_IE thread_local CallRecord* tls_record = nullptr;
// Lowest usable stack address of this thread; 0 until PrepareThread ran on this thread.
WASMC_TLS_IE thread_local uintptr_t tls_stack_lo = 0;

uintptr_t ComputeThreadStackLo() {
  uintptr_t lo = 1;  // unknown: no clamp
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void* addr = nullptr;
    size_t size = 0;
    if (pthread_attr_getstack(&attr, &addr, &size) == 0 && addr != nullptr) {
      lo = reinterpret_cast<uintptr_t>(addr) + kStackSafetyMargin;
    }
    pthread_attr_destroy(&attr);
  }
  return lo;
}

// The first entry on a thread installs the signal handlers (process-wide, once) and this
// thread's alternate signal stack and finds its stack bounds; later entries test one
// thread-local (tls_stack_lo != 0) instead of repeating any of it.
__attribute__((noinline)) bool PrepareThread() {
  (void)InstallSignalHandlers();  // without them only guard-page memories misbehave (see call.h)
  if (!EnsureAltStack()) return false;
  tls_stack_lo = ComputeThreadStackLo();
  return true;
}

bool LimitsActive(const CallRecord* rec, const VMRuntimeLimits* limits) {
  for (; rec != nullptr; rec = rec->prev) {
    if (rec->limits == limits) return true;
  }
  return false;
}

uintptr_t ComputeStackLimit(uintptr_t sp, uint64_t max_wasm_stack, uintptr_t stack_lo) {
  uintptr_t limit = sp > max_wasm_stack ? sp - static_cast<uintptr_t>(max_wasm_stack) : 0;
  return limit < stack_lo ? stack_lo : limit;
}

// The only frame that calls sigsetjmp. It holds no C++ objects and modifies no local after
// sigsetjmp, so nothing needs to be volatile here; everything that must survive the jump lives
// in `*rec`. Returns true when a trap unwound to this record.
__attribute__((noinline)) bool CallUnderRecord(CallRecord* rec, EntryFn entry, void* wasm_call,
                                               void* callee_vmctx, void* caller_vmctx,
                                               ValRaw* values) {
  // savemask = 0: no sigprocmask syscall per call. The signal handler restores the faulting
  // context's mask (ucontext) before jumping here, which is the mask at entry.
  if (sigsetjmp(rec->jmp, 0) != 0) return true;
  tls_record = rec;
  std::atomic_signal_fence(std::memory_order_seq_cst);
  entry(wasm_call, callee_vmctx, caller_vmctx, values);
  return false;
}

std::unique_ptr<Trap> BuildTrap(CallRecord* rec, const InvokeOptions& options) {
  if (rec->host_trap != nullptr) return std::unique_ptr<Trap>(rec->host_trap);
  uint32_t func_index = rec->func_index;
  std::string name;
  if (options.symbolize != nullptr) {
    options.symbolize(options.symbolize_env, rec->pc, rec->vmctx, &func_index, &name);
  }
  std::unique_ptr<Trap> trap = MakeTrap(rec->raw_code, func_index, name);
  trap->pc = rec->pc;
  return trap;
}

[[noreturn]] void JumpToInnermost(CallRecord* rec) { siglongjmp(rec->jmp, 1); }

}  // namespace

CallRecord* CurrentCallRecord() { return tls_record; }

bool InWasmForTesting() { return tls_record != nullptr && tls_record->in_host == 0; }

Status InvokeWasm(EntryFn entry, void* wasm_call, void* callee_vmctx, void* caller_vmctx,
                  ValRaw* values, const InvokeOptions& options, std::unique_ptr<Trap>* trap_out) {
  WASMC_CHECK(entry != nullptr && options.limits != nullptr && trap_out != nullptr);
  trap_out->reset();
  if (__builtin_expect(tls_stack_lo == 0, 0) && !PrepareThread()) {
    return Status::Error(ErrorKind::kResource, "cannot allocate an alternate signal stack");
  }

  // Every field but the 200-byte jmp_buf (which sigsetjmp fills) is set here: zeroing the whole
  // record was a measurable part of the per-call cost.
  CallRecord rec;
  rec.prev = tls_record;
  rec.limits = options.limits;
  rec.saved_stack_limit = options.limits->stack_limit;
  rec.stack_lo = tls_stack_lo;
  rec.entry_sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  rec.in_host = 0;
  rec.raw_code = 0;
  rec.func_index = kUnknownFuncIndex;
  rec.pc = 0;
  rec.vmctx = nullptr;
  rec.host_trap = nullptr;
  // Only the outermost entry for these limits sets the budget; nested entries (host -> Wasm)
  // share it, so host re-entrance cannot reset the stack limit and recurse without bound.
  if (!LimitsActive(rec.prev, options.limits)) {
    options.limits->stack_limit =
        ComputeStackLimit(rec.entry_sp, options.max_wasm_stack, rec.stack_lo);
  }

  bool trapped = CallUnderRecord(&rec, entry, wasm_call, callee_vmctx, caller_vmctx, values);

  // Both paths: pop the record (the ones nested inside it are already gone: a trap lands on the
  // innermost record, and every InvokeWasm pops its own) and restore the limit.
  tls_record = rec.prev;
  std::atomic_signal_fence(std::memory_order_seq_cst);
  options.limits->stack_limit = rec.saved_stack_limit;
  if (trapped) *trap_out = BuildTrap(&rec, options);
  return Status::Ok();
}

void RaiseTrap(uint32_t raw_code, uint32_t func_index, void* vmctx) {
  CallRecord* rec = tls_record;
  WASMC_CHECK(rec != nullptr);   // a trap outside InvokeWasm is a runtime bug
  WASMC_DCHECK(rec->in_host == 0);  // host code returns traps; it does not raise them
  rec->raw_code = raw_code;
  rec->func_index = func_index;
  rec->pc = 0;
  rec->vmctx = vmctx;
  rec->host_trap = nullptr;
  JumpToInnermost(rec);
}

void RaiseTrapObject(std::unique_ptr<Trap> trap) {
  CallRecord* rec = tls_record;
  WASMC_CHECK(rec != nullptr && trap != nullptr);
  WASMC_DCHECK(rec->in_host == 0);  // end the HostCallScope first
  rec->raw_code = static_cast<uint32_t>(trap->code);
  rec->func_index = trap->func_index;
  rec->pc = trap->pc;
  rec->vmctx = nullptr;
  // Ownership moves into the record; `trap` is left empty, so skipping its destructor (and the
  // caller's moved-from argument) by the jump leaks nothing.
  rec->host_trap = trap.release();
  JumpToInnermost(rec);
}

HostCallScope::HostCallScope() : record_(tls_record) {
  if (record_ != nullptr) record_->in_host = record_->in_host + 1;
  std::atomic_signal_fence(std::memory_order_seq_cst);
}

HostCallScope::~HostCallScope() {
  std::atomic_signal_fence(std::memory_order_seq_cst);
  if (record_ != nullptr) record_->in_host = record_->in_host - 1;
}

}  // namespace wasmc
