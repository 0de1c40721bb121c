// Translator tests: direct calls and recursion, call_indirect and its three traps, host
// imports through the exit trampoline, multiple results in registers and through the ret area,
// stack exhaustion, and kUnsupported for SIMD (wat/calls.wat, wat/simd.wat).
#include "translate_test_util.h"

namespace wasmc {
namespace testing {
namespace {

void test_mir_backend_call__direct(void**) {
  auto inst = Load("calls");
  assert_int_equal(RunI32(inst.get(), "fib", {I32(20)}), 6765);
}

void test_mir_backend_call__indirect(void**) {
  auto inst = Load("calls");
  assert_int_equal(RunI32(inst.get(), "indirect", {I32(0), I32(21)}), 42);
  assert_int_equal(RunI32(inst.get(), "indirect", {I32(1), I32(41)}), 42);
  assert_int_equal(TrapOf(inst.get(), "indirect", {I32(2), I32(0)}),
                   uint32_t(TrapCode::kIndirectCallType));
  assert_int_equal(TrapOf(inst.get(), "indirect", {I32(3), I32(0)}),
                   uint32_t(TrapCode::kUninitializedElement));
  assert_int_equal(TrapOf(inst.get(), "indirect", {I32(4), I32(0)}),
                   uint32_t(TrapCode::kTableOutOfBounds) | kTrapFlagUndefinedElement);
  assert_int_equal(TrapOf(inst.get(), "indirect", {I32(-1), I32(0)}),
                   uint32_t(TrapCode::kTableOutOfBounds) | kTrapFlagUndefinedElement);
  assert_int_equal(LastTrapFuncIndex(), 5);  // the trapping function: "indirect"
}

void test_mir_backend_call__host_import(void**) {
  auto inst = Load("calls");
  assert_int_equal(RunI32(inst.get(), "host_add", {I32(40), I32(2)}), 42);
}

void test_mir_backend_call__multiple_results(void**) {
  auto inst = Load("calls");
  CallResult r = Run(inst.get(), "many", {});
  assert_int_equal(r.trap, 0);
  assert_int_equal(r.v[0].i64, 1);
  assert_int_equal(r.v[2].i64, 3);
  assert_true(r.v[3].f64 == 4.5);
  assert_true(r.v[5].f64 == 6.5);
  assert_int_equal(r.v[6].i32, 7);
  r = Run(inst.get(), "many_sum", {});
  assert_true(r.v[0].f64 == 29.5);
  r = Run(inst.get(), "two_sum", {I64(10)});
  assert_true(r.v[0].f64 == 10.25);
}

void test_mir_backend_call__stack_exhaustion(void**) {
  auto inst = Load("calls");
  assert_int_equal(TrapOf(inst.get(), "recurse", {I32(0)}), uint32_t(TrapCode::kStackExhausted));
  assert_int_equal(RunI32(inst.get(), "fib", {I32(10)}), 55);  // still usable afterwards
}

void test_mir_backend_call__simd_unsupported(void**) {
  Status status;
  std::unique_ptr<FakeInstance> inst = Instantiate("simd", InstanceOptions(), &status);
  assert_null(inst.get());
  assert_int_equal(status.kind(), ErrorKind::kUnsupported);
  assert_string_equal(status.message().c_str(), "SIMD is not supported yet");
}

}  // namespace
}  // namespace testing
}  // namespace wasmc

int RunTranslateCallTests() {
  using namespace wasmc::testing;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_mir_backend_call__direct),
      cmocka_unit_test(test_mir_backend_call__indirect),
      cmocka_unit_test(test_mir_backend_call__host_import),
      cmocka_unit_test(test_mir_backend_call__multiple_results),
      cmocka_unit_test(test_mir_backend_call__stack_exhaustion),
      cmocka_unit_test(test_mir_backend_call__simd_unsupported),
  };
  return cmocka_run_group_tests_name("mir_backend_call", tests, nullptr, nullptr);
}
