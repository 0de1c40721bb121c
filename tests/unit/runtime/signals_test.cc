// Tests for runtime/signals: consumes faults raised on purpose and checks which become traps
// (guard-page accesses and stack overflows inside Wasm) and which are left to the previous
// handler (anything outside Wasm or inside host code: checked in forked children), plus the
// per-thread alternate signal stack.
#include <pthread.h>
#include <sys/wait.h>

#include <cerrno>
#include <fcntl.h>
#include <memory>

#include "runtime/call.h"
#include "runtime/memory.h"
#include "runtime_test.h"

namespace {

using wasmc::InvokeOptions;
using wasmc::LinearMemory;
using wasmc::Trap;
using wasmc::TrapCode;
using wasmc::ValRaw;
using wasmc::VMMemoryDef;
using wasmc::VMRuntimeLimits;

void Prepare() { wasmc::ReinstallSignalHandlersForTesting(); }

std::unique_ptr<LinearMemory> GuardMemory() {
  wasmc::MemoryType t;
  t.limits.min = 1;
  auto r = LinearMemory::Create(t, wasmc::BoundsMode::kGuardPages);
  if (!r.ok()) abort();
  return r.take();
}

volatile uint8_t* GuardAddress(LinearMemory* mem) { return mem->base() + (uint64_t{5} << 30); }

// ---- faults that must NOT be swallowed ---------------------------------------------------------

enum class Fault { kNullOutside, kGuardOutside, kGuardInHost, kWildInWasm };

// Unmapped low addresses, read through a volatile so the compiler cannot see the bad pointer.
volatile uintptr_t g_null_page_addr = 8;
volatile uint8_t* NullPagePointer() {
  return reinterpret_cast<volatile uint8_t*>(g_null_page_addr);
}

void FaultInHostEntry(void*, void* callee_vmctx, void*, ValRaw* values) {
  wasmc::HostCallScope scope;  // host code faulting on a Wasm guard page is still a host bug
  values[0].i32 = *GuardAddress(static_cast<LinearMemory*>(callee_vmctx));
}

void WildEntry(void*, void*, void*, ValRaw* values) {
  values[0].i32 = *NullPagePointer();
}

[[noreturn]] void ChildMain(Fault fault) {
  // Start from the process's original handler (ASan's, or SIG_DFL) instead of cmocka's, which
  // would longjmp back into the test runner inside the child; then put ours on top of it.
  sigaction(SIGSEGV, &wasmc_test::g_initial_segv_action, nullptr);
  sigaction(SIGBUS, &wasmc_test::g_initial_bus_action, nullptr);
  wasmc::ReinstallSignalHandlersForTesting();
  int devnull = open("/dev/null", O_WRONLY);  // ASan's SEGV report is expected noise
  if (devnull >= 0) dup2(devnull, 2);
  auto mem = GuardMemory();
  VMRuntimeLimits limits = {};
  InvokeOptions o;
  o.limits = &limits;
  ValRaw v[1];
  std::unique_ptr<Trap> trap;
  switch (fault) {
    case Fault::kNullOutside:
      v[0].i32 = *NullPagePointer();
      break;
    case Fault::kGuardOutside:
      v[0].i32 = *GuardAddress(mem.get());
      break;
    case Fault::kGuardInHost:
      (void)wasmc::InvokeWasm(FaultInHostEntry, nullptr, mem.get(), nullptr, v, o, &trap);
      break;
    case Fault::kWildInWasm:
      (void)wasmc::InvokeWasm(WildEntry, nullptr, nullptr, nullptr, v, o, &trap);
      break;
  }
  _exit(trap != nullptr ? 3 : 0);  // survived: the fault was swallowed
}

void ExpectChildDiesOfSegv(Fault fault) {
  Prepare();
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) ChildMain(fault);
  int status = 0;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  if ((WASMC_TEST_ASAN || WASMC_TEST_TSAN) && WIFEXITED(status)) {
    // The sanitizer's SEGV handler (chained to) reports and exits with its exitcode (ASan 1,
    // TSan 66); 0 and 3 would mean the child survived the fault.
    assert_true(WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != 3);
    return;
  }
  assert_true(WIFSIGNALED(status));
  assert_int_equal(WTERMSIG(status), SIGSEGV);
}

void test_runtime_signals__null_outside_wasm_not_swallowed(void**) {
  ExpectChildDiesOfSegv(Fault::kNullOutside);
}
void test_runtime_signals__guard_outside_wasm_not_swallowed(void**) {
  ExpectChildDiesOfSegv(Fault::kGuardOutside);
}
void test_runtime_signals__guard_in_host_not_swallowed(void**) {
  ExpectChildDiesOfSegv(Fault::kGuardInHost);
}
void test_runtime_signals__wild_in_wasm_not_swallowed(void**) {
  ExpectChildDiesOfSegv(Fault::kWildInWasm);
}

// ---- stack overflow into the guard page --------------------------------------------------------

volatile int g_keep_going = 1;

__attribute__((noinline)) int UncheckedRecurse(int n) {
  volatile char pad[1024];
  pad[n % 1024] = static_cast<char>(n);
  if (!g_keep_going) return pad[0];
  return UncheckedRecurse(n + 1) + pad[n % 1024];
}

void OverflowEntry(void*, void*, void*, ValRaw* values) { values[0].i32 = UncheckedRecurse(0); }

void* OverflowThread(void* out) {
  VMRuntimeLimits limits = {};
  InvokeOptions o;
  o.limits = &limits;
  ValRaw v[1];
  std::unique_ptr<Trap> trap;
  if (!wasmc::InvokeWasm(OverflowEntry, nullptr, nullptr, nullptr, v, o, &trap).ok()) return out;
  if (trap == nullptr) return out;
  *static_cast<TrapCode*>(out) = trap->code;
  // The thread is still healthy: a second overflow traps the same way.
  if (!wasmc::InvokeWasm(OverflowEntry, nullptr, nullptr, nullptr, v, o, &trap).ok()) return out;
  return trap != nullptr && trap->code == TrapCode::kStackExhausted ? nullptr : out;
}

void test_runtime_signals__handlers_installed(void**) {
  Prepare();  // cmocka put its own handler in place for this test
  assert_true(wasmc::InstallSignalHandlers());  // false only if the process refuses them
  struct sigaction now = {};
  sigaction(SIGSEGV, nullptr, &now);
  assert_true(now.sa_flags & SA_SIGINFO);
  assert_true(now.sa_flags & SA_ONSTACK);
}

void test_runtime_signals__stack_overflow_fault(void**) {
  Prepare();
  TrapCode code = TrapCode::kNone;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 512 * 1024);
  pthread_t t;
  assert_int_equal(pthread_create(&t, &attr, OverflowThread, &code), 0);
  void* ret = &code;
  pthread_join(t, &ret);
  pthread_attr_destroy(&attr);
  assert_null(ret);
  assert_int_equal(static_cast<int>(code), static_cast<int>(TrapCode::kStackExhausted));
}

// ---- alternate signal stack -------------------------------------------------------------------

void NopEntry(void*, void*, void*, ValRaw*) {}

int g_alt_failure = 0;

void* AltStackThread(void* fail) {
  VMRuntimeLimits limits = {};
  InvokeOptions o;
  o.limits = &limits;
  ValRaw v[1];
  std::unique_ptr<Trap> trap;
  if (!wasmc::InvokeWasm(NopEntry, nullptr, nullptr, nullptr, v, o, &trap).ok()) return fail;
  stack_t ss = {};
  if (sigaltstack(nullptr, &ss) != 0) return fail;
  if ((ss.ss_flags & SS_DISABLE) || ss.ss_size < 64 * 1024) return fail;
  return nullptr;
}

void test_runtime_signals__alt_stack_per_thread(void**) {
  Prepare();
  // Many short-lived threads: each gets a stack, each frees it at exit (checked by ASan/LSan
  // for the bookkeeping, and by the mapping count staying bounded).
  for (int i = 0; i < 64; ++i) {
    pthread_t t;
    assert_int_equal(pthread_create(&t, nullptr, AltStackThread, &g_alt_failure), 0);
    void* ret = &t;
    pthread_join(t, &ret);
    assert_null(ret);
  }
}

}  // namespace

namespace wasmc_test {

int RunSignalTests() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_runtime_signals__null_outside_wasm_not_swallowed),
      cmocka_unit_test(test_runtime_signals__guard_outside_wasm_not_swallowed),
      cmocka_unit_test(test_runtime_signals__guard_in_host_not_swallowed),
      cmocka_unit_test(test_runtime_signals__wild_in_wasm_not_swallowed),
      cmocka_unit_test(test_runtime_signals__handlers_installed),
      cmocka_unit_test(test_runtime_signals__stack_overflow_fault),
      cmocka_unit_test(test_runtime_signals__alt_stack_per_thread),
  };
  return cmocka_run_group_tests_name("runtime_signals", tests, nullptr, nullptr);
}

}  // namespace wasmc_test
