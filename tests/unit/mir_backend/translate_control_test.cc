// Translator tests: loops, multi-value blocks and if/else with params, br_if with values,
// br_table (values, loops, return targets), dead code and `unreachable` (wat/control.wat).
#include "translate_test_util.h"

namespace wasmc {
namespace testing {
namespace {

void test_mir_backend_control__loops(void**) {
  auto inst = Load("control");
  assert_int_equal(RunI64(inst.get(), "fac", {I64(20)}), 2432902008176640000ll);
  assert_int_equal(RunI64(inst.get(), "fac", {I64(0)}), 1);
  assert_int_equal(RunI32(inst.get(), "sum_loop", {I32(4)}), 10);
  assert_int_equal(RunI32(inst.get(), "br_table_loop", {I32(5)}), 5);
  assert_int_equal(RunI32(inst.get(), "ret_in_loop", {I32(1)}), 9);
}

void test_mir_backend_control__multi_value(void**) {
  auto inst = Load("control");
  CallResult r = Run(inst.get(), "swap", {I32(1), I32(2)});
  assert_int_equal(r.trap, 0);
  assert_int_equal(r.v[0].i32, 2);
  assert_int_equal(r.v[1].i32, 1);
  r = Run(inst.get(), "early", {I32(1)});
  assert_int_equal(r.v[0].i32, 1);
  assert_int_equal(r.v[1].i32, 2);
  r = Run(inst.get(), "early", {I32(0)});
  assert_int_equal(r.v[0].i32, 3);
  assert_int_equal(r.v[1].i32, 4);
  assert_int_equal(RunI32(inst.get(), "if_params", {I32(1), I32(5)}), 15);
  assert_int_equal(RunI32(inst.get(), "if_params", {I32(0), I32(5)}), -15);
  assert_int_equal(RunI32(inst.get(), "if_no_else", {I32(1)}), 6);
  assert_int_equal(RunI32(inst.get(), "if_no_else", {I32(0)}), 5);
  assert_int_equal(RunI32(inst.get(), "nested_if", {I32(1), I32(0)}), 2);
  assert_int_equal(RunI32(inst.get(), "nested_if", {I32(0), I32(1)}), 3);
}

void test_mir_backend_control__br_table(void**) {
  auto inst = Load("control");
  assert_int_equal(RunI32(inst.get(), "switch", {I32(0)}), 101);
  assert_int_equal(RunI32(inst.get(), "switch", {I32(1)}), 102);
  assert_int_equal(RunI32(inst.get(), "switch", {I32(2)}), 100);
  assert_int_equal(RunI32(inst.get(), "switch", {I32(-1)}), 100);  // huge index: default
  assert_int_equal(RunI32(inst.get(), "switch_void", {I32(0)}), 12);
  assert_int_equal(RunI32(inst.get(), "switch_void", {I32(1)}), 10);
  assert_int_equal(RunI32(inst.get(), "switch_void", {I32(2)}), 11);
  assert_int_equal(RunI32(inst.get(), "br_table_return", {I32(3)}), 7);
}

void test_mir_backend_control__dead_code_and_unreachable(void**) {
  auto inst = Load("control");
  assert_int_equal(RunI32(inst.get(), "dead", {I32(41)}), 41);
  assert_int_equal(TrapOf(inst.get(), "unreachable", {}), uint32_t(TrapCode::kUnreachable));
}

void test_mir_backend_control__opt_level_0(void**) {
  auto inst = Load("control", true, 0);
  assert_int_equal(RunI64(inst.get(), "fac", {I64(10)}), 3628800);
  assert_int_equal(RunI32(inst.get(), "switch", {I32(1)}), 102);
}

}  // namespace
}  // namespace testing
}  // namespace wasmc

int RunTranslateControlTests() {
  using namespace wasmc::testing;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_mir_backend_control__loops),
      cmocka_unit_test(test_mir_backend_control__multi_value),
      cmocka_unit_test(test_mir_backend_control__br_table),
      cmocka_unit_test(test_mir_backend_control__dead_code_and_unreachable),
      cmocka_unit_test(test_mir_backend_control__opt_level_0),
  };
  return cmocka_run_group_tests_name("mir_backend_control", tests, nullptr, nullptr);
}
