// Signal handling: consumes SIGSEGV/SIGBUS/SIGFPE/SIGILL, produces Wasm traps (siglongjmp to the
// innermost call record) when the thread runs Wasm code and the fault is a guard-page memory
// access or a stack overflow; every other signal goes to the previously installed handler.
// Also the per-thread alternate signal stack the handler runs on.
#include <pthread.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <cerrno>

#include "runtime/call.h"
#include "runtime/memory.h"

namespace wasmc {
namespace {

constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};
constexpr int kNumSignals = sizeof(kSignals) / sizeof(kSignals[0]);
struct sigaction g_prev_actions[kNumSignals];  // written once under pthread_once
bool g_installed = false;                      // every handler verified in place (read back)

// A fault this close to the stack pointer, below the entry's frame, is a stack overflow (the
// JIT's stack-limit check at function entry normally traps before this; a frame larger than the
// safety margin can still skip over it).
constexpr uintptr_t kStackFaultWindow = 64 * 1024;

// Alternate signal stack: at least 64 KiB (the handler is small, but a chained handler such as
// ASan's reporter needs room), plus a PROT_NONE guard page below it.
constexpr size_t kMinAltStack = 64 * 1024;
constexpr size_t kAltStackSize = 128 * 1024;

uintptr_t FaultPc(const void* context) {
  const ucontext_t* uc = static_cast<const ucontext_t*>(context);
#if defined(__x86_64__)
  return static_cast<uintptr_t>(uc->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
  return static_cast<uintptr_t>(uc->uc_mcontext.pc);
#else
#error "wasmc: unsupported architecture for signal traps"
#endif
}

uintptr_t FaultSp(const void* context) {
  const ucontext_t* uc = static_cast<const ucontext_t*>(context);
#if defined(__x86_64__)
  return static_cast<uintptr_t>(uc->uc_mcontext.gregs[REG_RSP]);
#elif defined(__aarch64__)
  return static_cast<uintptr_t>(uc->uc_mcontext.sp);
#endif
}

bool IsStackOverflow(const CallRecord* rec, uintptr_t addr, uintptr_t sp) {
  // The outermost record of the thread has the highest entry sp; any record's stack_lo is the
  // thread's. Faults in [sp - window, sp + window) below the entry frame are stack accesses.
  return addr < rec->entry_sp && addr + kStackFaultWindow >= sp && addr < sp + kStackFaultWindow;
}

// The trap code for a signal taken while in Wasm, or kNone when it is not a Wasm trap.
TrapCode Classify(int signo, const siginfo_t* info, const void* context, const CallRecord* rec) {
  // Only faults raised by the instruction stream; kill()/sigqueue() carry si_code <= 0 and a
  // meaningless si_addr.
  if (info->si_code <= 0) return TrapCode::kNone;
  switch (signo) {
    case SIGSEGV:
    case SIGBUS: {
      uintptr_t addr = reinterpret_cast<uintptr_t>(info->si_addr);
      if (IsInGuardReservation(addr)) return TrapCode::kMemoryOutOfBounds;
      if (IsStackOverflow(rec, addr, FaultSp(context))) return TrapCode::kStackExhausted;
      return TrapCode::kNone;
    }
    // Safety nets: compiled code checks divisors and `unreachable` explicitly.
    case SIGFPE:
      return info->si_code == FPE_INTOVF ? TrapCode::kIntOverflow : TrapCode::kIntDivByZero;
    case SIGILL:
      return TrapCode::kUnreachable;
  }
  return TrapCode::kNone;
}

const struct sigaction* PrevAction(int signo) {
  for (int i = 0; i < kNumSignals; ++i) {
    if (kSignals[i] == signo) return &g_prev_actions[i];
  }
  return nullptr;
}

// Not a Wasm trap: behave as if we were never installed.
void Chain(int signo, siginfo_t* info, void* context) {
  const struct sigaction* prev = PrevAction(signo);
  if (prev->sa_flags & SA_SIGINFO) {
    prev->sa_sigaction(signo, info, context);
    return;
  }
  bool synchronous = info->si_code > 0;  // a fault, not kill()/raise()/sigqueue()
  if (prev->sa_handler == SIG_IGN && !synchronous) return;
  if (prev->sa_handler == SIG_DFL || prev->sa_handler == SIG_IGN) {
    // Restore the default action; a fault re-executes the instruction on return and now kills
    // the process with the right signal, a sent signal is re-raised.
    struct sigaction dfl = {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(signo, &dfl, nullptr);
    if (!synchronous) raise(signo);
    return;
  }
  prev->sa_handler(signo);
}

void HandleSignal(int signo, siginfo_t* info, void* context) {
  int saved_errno = errno;
  CallRecord* rec = CurrentCallRecord();
  if (rec != nullptr && rec->in_host == 0) {
    TrapCode code = Classify(signo, info, context, rec);
    if (code != TrapCode::kNone) {
      rec->raw_code = static_cast<uint32_t>(code);
      rec->func_index = kUnknownFuncIndex;
      rec->pc = FaultPc(context);
      rec->vmctx = nullptr;
      rec->host_trap = nullptr;
      // The jump buffer does not save the signal mask (no syscall per call), so restore the mask
      // of the faulting context here: the kernel, or a sanitizer's wrapper handler (TSan's fills
      // sa_mask), may have blocked signals for the handler, and a still-blocked SIGSEGV would
      // make the next fault fatal. Leaving the alternate stack needs nothing: the kernel tracks
      // "on the alternate stack" by sp alone.
      pthread_sigmask(SIG_SETMASK, &static_cast<ucontext_t*>(context)->uc_sigmask, nullptr);
      siglongjmp(rec->jmp, 1);
    }
  }
  errno = saved_errno;
  Chain(signo, info, context);
}

void InstallOnce() {
  for (int i = 0; i < kNumSignals; ++i) {
    struct sigaction current = {};
    sigaction(kSignals[i], nullptr, &current);
    // Never chain to ourselves (ReinstallSignalHandlersForTesting may run after InstallOnce).
    if ((current.sa_flags & SA_SIGINFO) && current.sa_sigaction == HandleSignal) continue;
    // Save the previous action before ours becomes visible, so a fault on another thread never
    // sees a half-written `g_prev_actions` entry.
    g_prev_actions[i] = current;
    struct sigaction sa = {};
    sa.sa_sigaction = HandleSignal;
    // SA_ONSTACK: a stack overflow must still be handled; SA_NODEFER: a fault while chaining to
    // the previous handler is delivered, not blocked (HandleSignal restores the mask itself
    // before jumping out).
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(kSignals[i], &sa, nullptr);
  }
  bool ok = true;
  for (int sig : kSignals) {
    struct sigaction now = {};
    ok = ok && sigaction(sig, nullptr, &now) == 0 && (now.sa_flags & SA_SIGINFO) &&
         now.sa_sigaction == HandleSignal;
  }
  g_installed = ok;
}

// ---- alternate signal stacks ----------------------------------------------------------------

struct AltStack {
  void* mapping;
  size_t mapping_size;
  void* stack;
  stack_t previous;  // the (too small or disabled) stack we replaced; restored at thread exit
};

pthread_key_t g_altstack_key;
pthread_once_t g_altstack_key_once = PTHREAD_ONCE_INIT;
__attribute__((tls_model("initial-exec"))) thread_local bool tls_altstack_ready = false;

void FreeAltStack(void* p) {
  AltStack* alt = static_cast<AltStack*>(p);
  stack_t current = {};
  if (sigaltstack(nullptr, &current) == 0 && current.ss_sp == alt->stack) {
    sigaltstack(&alt->previous, nullptr);
  }
  munmap(alt->mapping, alt->mapping_size);
  delete alt;
}

void CreateAltStackKey() {
  // Without the key we could not free stacks at thread exit; that is a broken process.
  if (pthread_key_create(&g_altstack_key, FreeAltStack) != 0) abort();
}

}  // namespace

bool InstallSignalHandlers() {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, InstallOnce);
  return g_installed;
}

void ReinstallSignalHandlersForTesting() {
  InstallSignalHandlers();  // consume the pthread_once so a later call cannot install twice
  InstallOnce();
}

bool EnsureAltStack() {
  if (tls_altstack_ready) return true;
  stack_t current = {};
  if (sigaltstack(nullptr, &current) != 0) return false;
  if (!(current.ss_flags & SS_DISABLE) && current.ss_size >= kMinAltStack) {
    tls_altstack_ready = true;  // someone else's stack (an embedder's, a runtime's): keep it
    return true;
  }
  pthread_once(&g_altstack_key_once, CreateAltStackKey);
  size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  size_t mapping_size = kAltStackSize + page;
  void* mapping = mmap(nullptr, mapping_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                       -1, 0);
  if (mapping == MAP_FAILED) return false;
  char* stack = static_cast<char*>(mapping) + page;
  stack_t ss = {};
  ss.ss_sp = stack;
  ss.ss_size = kAltStackSize;
  if (mprotect(mapping, page, PROT_NONE) != 0 || sigaltstack(&ss, nullptr) != 0) {
    munmap(mapping, mapping_size);
    return false;
  }
  AltStack* alt = new AltStack{mapping, mapping_size, stack, current};
  pthread_setspecific(g_altstack_key, alt);
  tls_altstack_ready = true;
  return true;
}

}  // namespace wasmc
