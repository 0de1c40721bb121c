// Tests for runtime/call: consumes fake entry trampolines (plain C++ functions standing in for
// JIT code) and checks results, traps raised through helpers and through guard-page faults,
// nested host re-entrance, the stack limit, RSS stability over many traps and concurrency.
#include "runtime/call.h"

#include <pthread.h>

#include <memory>
#include <string>

#include "runtime/memory.h"
#include "runtime_test.h"

namespace {

using wasmc::InvokeOptions;
using wasmc::LinearMemory;
using wasmc::Status;
using wasmc::Trap;
using wasmc::TrapCode;
using wasmc::ValRaw;
using wasmc::VMMemoryDef;
using wasmc::VMRuntimeLimits;

constexpr uintptr_t kSentinelLimit = 0x1234;

uint32_t Raw(TrapCode c) { return static_cast<uint32_t>(c); }

std::unique_ptr<LinearMemory> GuardMemory() {
  wasmc::MemoryType t;
  t.limits.min = 1;
  auto r = LinearMemory::Create(t, wasmc::BoundsMode::kGuardPages);
  assert_true(r.ok());
  return r.take();
}

// ---- fake "JIT" entries -----------------------------------------------------------------------

void DoubleEntry(void*, void*, void*, ValRaw* values) { values[0].i64 *= 2; }

// Reads `base + 5 GiB` as compiled code would for `i32.load offset=...` past the end.
void OobEntry(void*, void* callee_vmctx, void*, ValRaw* values) {
  auto* mem = static_cast<VMMemoryDef*>(callee_vmctx);
  volatile uint8_t* p = mem->base + (uint64_t{5} << 30);
  values[0].i32 = *p;
}

void InBoundsEntry(void*, void* callee_vmctx, void*, ValRaw* values) {
  auto* mem = static_cast<VMMemoryDef*>(callee_vmctx);
  mem->base[values[0].i32] = 42;
  values[0].i32 = mem->base[values[0].i32];
}

void DivEntry(void*, void* callee_vmctx, void*, ValRaw* values) {
  if (values[1].i32 == 0) wasmc::RaiseTrap(TrapCode::kIntDivByZero, 3, callee_vmctx);
  values[0].i32 /= values[1].i32;
}

void SymbolizeForTest(void* env, uintptr_t pc, void* vmctx, uint32_t* func_index,
                      std::string* name) {
  ++*static_cast<int*>(env);
  if (*func_index == wasmc::kUnknownFuncIndex && pc != 0) *func_index = 7;
  if (*func_index == 7) *name = "fake_oob";
  if (*func_index == 3 && vmctx != nullptr) *name = "fac";
}

InvokeOptions Options(VMRuntimeLimits* limits) {
  InvokeOptions o;
  o.limits = limits;
  return o;
}

// cmocka replaces the fault handlers around every test (and fixture); each test puts ours back
// on top first.
void Prepare() { wasmc::ReinstallSignalHandlersForTesting(); }

// ---- tests ------------------------------------------------------------------------------------

void test_runtime_call__success(void**) {
  Prepare();
  VMRuntimeLimits limits = {};
  limits.stack_limit = kSentinelLimit;
  ValRaw v[1];
  v[0].i64 = 21;
  std::unique_ptr<Trap> trap;
  assert_true(wasmc::InvokeWasm(DoubleEntry, nullptr, nullptr, nullptr, v, Options(&limits), &trap)
                  .ok());
  assert_null(trap.get());
  assert_int_equal(v[0].i64, 42);
  assert_int_equal(limits.stack_limit, kSentinelLimit);
  assert_null(wasmc::CurrentCallRecord());
}

void test_runtime_call__oob_fault_traps(void**) {
  Prepare();
  auto mem = GuardMemory();
  VMRuntimeLimits limits = {};
  limits.stack_limit = kSentinelLimit;
  ValRaw v[1] = {};
  std::unique_ptr<Trap> trap;
  assert_true(
      wasmc::InvokeWasm(OobEntry, nullptr, mem->def(), nullptr, v, Options(&limits), &trap).ok());
  assert_non_null(trap.get());
  assert_int_equal(Raw(trap->code), Raw(TrapCode::kMemoryOutOfBounds));
  assert_string_equal(trap->message.c_str(), "out of bounds memory access");
  assert_true(trap->pc != 0);
  assert_int_equal(limits.stack_limit, kSentinelLimit);
  assert_null(wasmc::CurrentCallRecord());

  // With a symbolizer: pc -> function index -> name.
  int calls = 0;
  InvokeOptions o = Options(&limits);
  o.symbolize = SymbolizeForTest;
  o.symbolize_env = &calls;
  assert_true(wasmc::InvokeWasm(OobEntry, nullptr, mem->def(), nullptr, v, o, &trap).ok());
  assert_non_null(trap.get());
  assert_int_equal(calls, 1);
  assert_int_equal(trap->func_index, 7);
  assert_string_equal(trap->message.c_str(),
                      "out of bounds memory access (in function `fake_oob`)");

  // The memory stays usable, and in-bounds accesses do not trap.
  v[0].i32 = 100;
  assert_true(
      wasmc::InvokeWasm(InBoundsEntry, nullptr, mem->def(), nullptr, v, o, &trap).ok());
  assert_null(trap.get());
  assert_int_equal(v[0].i32, 42);
}

void test_runtime_call__helper_trap(void**) {
  Prepare();
  VMRuntimeLimits limits = {};
  ValRaw v[2];
  v[0].i32 = 10;
  v[1].i32 = 0;
  std::unique_ptr<Trap> trap;
  int dummy_vmctx = 0;
  assert_true(
      wasmc::InvokeWasm(DivEntry, nullptr, &dummy_vmctx, nullptr, v, Options(&limits), &trap).ok());
  assert_non_null(trap.get());
  assert_int_equal(Raw(trap->code), Raw(TrapCode::kIntDivByZero));
  assert_string_equal(trap->message.c_str(), "integer divide by zero (in function #3)");
  assert_int_equal(trap->pc, 0);

  int calls = 0;
  InvokeOptions o = Options(&limits);
  o.symbolize = SymbolizeForTest;
  o.symbolize_env = &calls;
  assert_true(wasmc::InvokeWasm(DivEntry, nullptr, &dummy_vmctx, nullptr, v, o, &trap).ok());
  assert_string_equal(trap->message.c_str(), "integer divide by zero (in function `fac`)");

  v[1].i32 = 5;
  assert_true(wasmc::InvokeWasm(DivEntry, nullptr, &dummy_vmctx, nullptr, v, o, &trap).ok());
  assert_null(trap.get());
  assert_int_equal(v[0].i32, 2);
}

// ---- nesting: entry -> host -> entry -> ... -> trap -------------------------------------------

struct NestCtx {
  VMRuntimeLimits* limits;
  int max_depth;       // the entry at this level traps
  int catch_level;     // the host at this level swallows the trap (-1: nobody)
  bool host_trap;      // the innermost level raises a host trap instead of a Wasm trap
  uintptr_t seen_limit[64];
  bool in_wasm_in_host;  // InWasmForTesting() inside the host scope
  std::string caught;
};

void NestedEntry(void*, void* callee_vmctx, void*, ValRaw* values);

// What the `call_host` helper does: host code under a HostCallScope that calls back into Wasm.
// Returns an owned trap to propagate, or null; every C++ object is gone when it returns.
Trap* FakeCallHost(NestCtx* ctx, int level) {
  if (level + 1 == ctx->max_depth && ctx->host_trap) {
    return wasmc::MakeHostTrap("host says no").release();
  }
  wasmc::HostCallScope scope;
  ctx->in_wasm_in_host = wasmc::InWasmForTesting();
  ValRaw v[1];
  v[0].i32 = level + 1;
  std::unique_ptr<Trap> trap;
  InvokeOptions o;
  o.limits = ctx->limits;
  if (!wasmc::InvokeWasm(NestedEntry, nullptr, ctx, nullptr, v, o, &trap).ok()) abort();
  if (trap != nullptr && level == ctx->catch_level) {
    ctx->caught = trap->message;
    return nullptr;
  }
  if (trap == nullptr && v[0].i32 != level + 1 + 100) abort();
  return trap.release();
}

void NestedEntry(void*, void* callee_vmctx, void*, ValRaw* values) {
  auto* ctx = static_cast<NestCtx*>(callee_vmctx);
  int level = values[0].i32;
  ctx->seen_limit[level] = ctx->limits->stack_limit;
  if (level == ctx->max_depth) wasmc::RaiseTrap(TrapCode::kUnreachable, level, nullptr);
  Trap* trap = FakeCallHost(ctx, level);
  if (trap != nullptr) wasmc::RaiseTrapObject(std::unique_ptr<Trap>(trap));
  values[0].i32 = level + 100;
}

void RunNested(NestCtx* ctx, std::unique_ptr<Trap>* trap, ValRaw* v) {
  v[0].i32 = 0;
  assert_true(wasmc::InvokeWasm(NestedEntry, nullptr, ctx, nullptr, v, Options(ctx->limits), trap)
                  .ok());
  assert_null(wasmc::CurrentCallRecord());
  assert_false(wasmc::InWasmForTesting());
  assert_int_equal(ctx->limits->stack_limit, kSentinelLimit);
}

void test_runtime_call__nested_trap_propagates(void**) {
  Prepare();
  VMRuntimeLimits limits = {};
  limits.stack_limit = kSentinelLimit;
  NestCtx ctx{&limits, 20, -1, false, {}, true, {}};
  std::unique_ptr<Trap> trap;
  ValRaw v[1];
  RunNested(&ctx, &trap, v);
  assert_non_null(trap.get());
  assert_int_equal(Raw(trap->code), Raw(TrapCode::kUnreachable));
  assert_string_equal(trap->message.c_str(), "unreachable (in function #20)");
  assert_false(ctx.in_wasm_in_host);
  // All levels share the budget set by the outermost entry.
  for (int i = 1; i <= 20; ++i) assert_int_equal(ctx.seen_limit[i], ctx.seen_limit[0]);
  assert_true(ctx.seen_limit[0] != kSentinelLimit);
}

void test_runtime_call__nested_trap_caught(void**) {
  Prepare();
  VMRuntimeLimits limits = {};
  limits.stack_limit = kSentinelLimit;
  NestCtx ctx{&limits, 6, 2, false, {}, true, {}};
  std::unique_ptr<Trap> trap;
  ValRaw v[1];
  RunNested(&ctx, &trap, v);
  assert_null(trap.get());
  assert_int_equal(v[0].i32, 100);  // level 0 returned normally
  assert_string_equal(ctx.caught.c_str(), "unreachable (in function #6)");
  // A second run on the same thread works (no stale records).
  ctx.catch_level = 0;
  RunNested(&ctx, &trap, v);
  assert_null(trap.get());
  assert_string_equal(ctx.caught.c_str(), "unreachable (in function #6)");
}

void test_runtime_call__host_trap_unchanged(void**) {
  Prepare();
  VMRuntimeLimits limits = {};
  limits.stack_limit = kSentinelLimit;
  NestCtx ctx{&limits, 4, -1, true, {}, true, {}};
  std::unique_ptr<Trap> trap;
  ValRaw v[1];
  RunNested(&ctx, &trap, v);
  assert_non_null(trap.get());
  assert_int_equal(Raw(trap->code), Raw(TrapCode::kHost));
  assert_string_equal(trap->message.c_str(), "host says no");
}

// ---- stack limit ------------------------------------------------------------------------------

struct StackProbe {
  VMRuntimeLimits* limits;
  uintptr_t frame;
  uintptr_t limit;
  int depth;
};

void ProbeEntry(void*, void* callee_vmctx, void*, ValRaw*) {
  auto* p = static_cast<StackProbe*>(callee_vmctx);
  p->frame = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  p->limit = p->limits->stack_limit;
}

// Compiled code's function-entry check, done by hand.
__attribute__((noinline)) int CheckedRecurse(StackProbe* p, int n) {
  volatile char pad[256];
  pad[0] = static_cast<char>(n);
  if (reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) < p->limits->stack_limit) {
    wasmc::RaiseTrap(TrapCode::kStackExhausted, 0, nullptr);
  }
  p->depth = n;
  if (p->limits == nullptr) return pad[0];  // never: keeps the compiler from seeing a loop
  return CheckedRecurse(p, n + 1) + pad[0];
}

void RecurseEntry(void*, void* callee_vmctx, void*, ValRaw* values) {
  values[0].i32 = CheckedRecurse(static_cast<StackProbe*>(callee_vmctx), 0);
}

void test_runtime_call__stack_limit(void**) {
  Prepare();
  VMRuntimeLimits limits = {};
  limits.stack_limit = kSentinelLimit;
  StackProbe probe{&limits, 0, 0, 0};
  ValRaw v[1];
  std::unique_ptr<Trap> trap;
  assert_true(
      wasmc::InvokeWasm(ProbeEntry, nullptr, &probe, nullptr, v, Options(&limits), &trap).ok());
  assert_null(trap.get());
  uintptr_t expected = probe.frame - wasmc::kDefaultMaxWasmStack;
  assert_true(probe.limit > expected - 4096 && probe.limit < expected + 4096);
  assert_int_equal(limits.stack_limit, kSentinelLimit);

  InvokeOptions o = Options(&limits);
  o.max_wasm_stack = 256 * 1024;
  assert_true(wasmc::InvokeWasm(RecurseEntry, nullptr, &probe, nullptr, v, o, &trap).ok());
  assert_non_null(trap.get());
  assert_int_equal(Raw(trap->code), Raw(TrapCode::kStackExhausted));
  assert_string_equal(trap->message.c_str(), "call stack exhausted (in function #0)");
  assert_true(probe.depth > 100);
  assert_int_equal(limits.stack_limit, kSentinelLimit);
}

// A huge budget is clamped to the thread's real stack (the default-sized thread stack of a
// pthread is 8 MiB; ask for 1 TiB).
void* ClampThread(void* arg) {
  auto* probe = static_cast<StackProbe*>(arg);
  ValRaw v[1];
  std::unique_ptr<Trap> trap;
  InvokeOptions o = Options(probe->limits);
  o.max_wasm_stack = uint64_t{1} << 40;
  if (!wasmc::InvokeWasm(RecurseEntry, nullptr, probe, nullptr, v, o, &trap).ok()) return arg;
  return trap != nullptr && trap->code == TrapCode::kStackExhausted ? nullptr : arg;
}

void test_runtime_call__stack_limit_clamped(void**) {
  Prepare();
  VMRuntimeLimits limits = {};
  StackProbe probe{&limits, 0, 0, 0};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 512 * 1024);
  pthread_t t;
  assert_int_equal(pthread_create(&t, &attr, ClampThread, &probe), 0);
  void* ret = &probe;
  pthread_join(t, &ret);
  pthread_attr_destroy(&attr);
  assert_null(ret);  // trapped cleanly instead of overflowing the 512 KiB stack
}

// ---- many traps, threads ----------------------------------------------------------------------

void TrapMany(LinearMemory* mem, int n) {
  VMRuntimeLimits limits = {};
  ValRaw v[2];
  std::unique_ptr<Trap> trap;
  int dummy_vmctx = 0;
  for (int i = 0; i < n; ++i) {
    bool fault = (i & 1) == 0;
    v[0].i32 = 1;
    v[1].i32 = 0;
    Status s = fault ? wasmc::InvokeWasm(OobEntry, nullptr, mem->def(), nullptr, v,
                                         Options(&limits), &trap)
                     : wasmc::InvokeWasm(DivEntry, nullptr, &dummy_vmctx, nullptr, v,
                                         Options(&limits), &trap);
    if (!s.ok() || trap == nullptr) abort();
    if (trap->code != (fault ? TrapCode::kMemoryOutOfBounds : TrapCode::kIntDivByZero)) abort();
  }
}

struct ThreadArg {
  LinearMemory* mem;
  int traps;
};

void* TrapThread(void* p) {
  auto* arg = static_cast<ThreadArg*>(p);
  TrapMany(arg->mem, arg->traps);
  return nullptr;
}

void test_runtime_call__many_traps_rss_flat(void**) {
  Prepare();
  auto mem = GuardMemory();
  TrapMany(mem.get(), 2000);
  uint64_t before = wasmc_test::ResidentBytes();
  // On a second thread: ASan's siglongjmp interceptor calls pthread_getattr_np, which on the
  // main thread parses /proc/self/maps (~200 us per trap); on other threads it is cheap.
  ThreadArg arg{mem.get(), 100000};
  pthread_t t;
  assert_int_equal(pthread_create(&t, nullptr, TrapThread, &arg), 0);
  pthread_join(t, nullptr);
  TrapMany(mem.get(), 2000);  // and the main thread still traps fine afterwards
  uint64_t after = wasmc_test::ResidentBytes();
  // Under ASan the quarantine keeps up to 256 MiB of freed Trap objects resident, and TSan grows
  // shadow memory, so RSS is not flat by design there; LeakSanitizer checks for leaks instead.
  if (!WASMC_TEST_ASAN && !WASMC_TEST_TSAN) assert_true(after < before + (1u << 20));
}

void test_runtime_call__threads_trap_concurrently(void**) {
  Prepare();
  auto mem0 = GuardMemory();
  auto mem1 = GuardMemory();
  ThreadArg args[2] = {{mem0.get(), 20000}, {mem1.get(), 20000}};
  pthread_t threads[2];
  for (int i = 0; i < 2; ++i) {
    assert_int_equal(pthread_create(&threads[i], nullptr, TrapThread, &args[i]), 0);
  }
  for (pthread_t t : threads) pthread_join(t, nullptr);
  assert_null(wasmc::CurrentCallRecord());
}

}  // namespace

namespace wasmc_test {

int RunCallTests() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_runtime_call__success),
      cmocka_unit_test(test_runtime_call__oob_fault_traps),
      cmocka_unit_test(test_runtime_call__helper_trap),
      cmocka_unit_test(test_runtime_call__nested_trap_propagates),
      cmocka_unit_test(test_runtime_call__nested_trap_caught),
      cmocka_unit_test(test_runtime_call__host_trap_unchanged),
      cmocka_unit_test(test_runtime_call__stack_limit),
      cmocka_unit_test(test_runtime_call__stack_limit_clamped),
      cmocka_unit_test(test_runtime_call__many_traps_rss_flat),
      cmocka_unit_test(test_runtime_call__threads_trap_concurrently),
  };
  return cmocka_run_group_tests_name("runtime_call", tests, nullptr, nullptr);
}

}  // namespace wasmc_test
