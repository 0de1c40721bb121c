// Translator tests: integer arithmetic, division traps, bit counts, rotates, shifts, extension
// and wrap, comparisons, select and local spilling (wat/arith.wat).
#include "translate_test_util.h"

namespace wasmc {
namespace testing {
namespace {

constexpr uint32_t kDivByZero = uint32_t(TrapCode::kIntDivByZero);
constexpr uint32_t kOverflow = uint32_t(TrapCode::kIntOverflow);

void test_mir_backend_arith__basic(void**) {
  auto inst = Load("arith");
  assert_int_equal(RunI32(inst.get(), "add", {I32(40), I32(2)}), 42);
  assert_int_equal(RunI32(inst.get(), "add", {I32(INT32_MAX), I32(1)}), INT32_MIN);
  assert_int_equal(RunI32(inst.get(), "sub_from_const", {I32(3)}), 7);
  assert_int_equal(RunI32(inst.get(), "const_fold", {}), 15);
  assert_int_equal(RunI64(inst.get(), "mul64", {I64(-3), I64(1ll << 40)}), -3 * (1ll << 40));
  assert_int_equal(RunI32(inst.get(), "select", {I32(1), I32(2), I32(0)}), 2);
  assert_int_equal(RunI32(inst.get(), "select", {I32(1), I32(2), I32(5)}), 1);
  assert_int_equal(RunI32(inst.get(), "tee_spill", {I32(7)}), 7 - 100);
}

void test_mir_backend_arith__division_traps(void**) {
  auto inst = Load("arith");
  assert_int_equal(RunI32(inst.get(), "div_s", {I32(-7), I32(2)}), -3);
  assert_int_equal(RunI32(inst.get(), "div_u", {I32(-1), I32(2)}), 0x7fffffff);
  assert_int_equal(TrapOf(inst.get(), "div_s", {I32(1), I32(0)}), kDivByZero);
  assert_int_equal(TrapOf(inst.get(), "div_u", {I32(1), I32(0)}), kDivByZero);
  assert_int_equal(TrapOf(inst.get(), "div_s", {I32(INT32_MIN), I32(-1)}), kOverflow);
  assert_int_equal(RunI32(inst.get(), "div_s", {I32(INT32_MIN), I32(1)}), INT32_MIN);
  assert_int_equal(RunI32(inst.get(), "rem_s", {I32(INT32_MIN), I32(-1)}), 0);
  assert_int_equal(RunI32(inst.get(), "rem_s", {I32(-7), I32(2)}), -1);
  assert_int_equal(TrapOf(inst.get(), "rem_s", {I32(7), I32(0)}), kDivByZero);
  assert_int_equal(RunI32(inst.get(), "rem_s_m1", {I32(INT32_MIN)}), 0);
  assert_int_equal(TrapOf(inst.get(), "div_s_c0", {I32(5)}), kDivByZero);
  assert_int_equal(RunI32(inst.get(), "div_s_c7", {I32(-50)}), -7);
  assert_int_equal(TrapOf(inst.get(), "div_s64", {I64(INT64_MIN), I64(-1)}), kOverflow);
  assert_int_equal(RunI64(inst.get(), "rem_s64", {I64(INT64_MIN), I64(-1)}), 0);
  assert_int_equal(RunI64(inst.get(), "rem_u64", {I64(-1), I64(10)}), int64_t(UINT64_MAX % 10));
  assert_int_equal(TrapOf(inst.get(), "rem_u64", {I64(1), I64(0)}), kDivByZero);
}

void test_mir_backend_arith__bits(void**) {
  auto inst = Load("arith");
  assert_int_equal(RunI32(inst.get(), "clz", {I32(0)}), 32);
  assert_int_equal(RunI32(inst.get(), "clz", {I32(1)}), 31);
  assert_int_equal(RunI64(inst.get(), "ctz64", {I64(0)}), 64);
  assert_int_equal(RunI64(inst.get(), "ctz64", {I64(1ll << 40)}), 40);
  assert_int_equal(RunI32(inst.get(), "popcnt", {I32(-1)}), 32);
  assert_int_equal(RunI32(inst.get(), "rotl", {I32(0x80000001), I32(1)}), 3);
  assert_int_equal(RunI32(inst.get(), "rotl", {I32(0x12345678), I32(0)}), 0x12345678);
  assert_int_equal(RunI32(inst.get(), "rotl", {I32(0x12345678), I32(36)}), 0x23456781);
  assert_int_equal(RunI32(inst.get(), "rotl_c", {I32(0x12345678)}), 0x23456781);
  assert_int_equal(RunI64(inst.get(), "rotr64", {I64(1), I64(1)}), INT64_MIN);
  assert_int_equal(RunI64(inst.get(), "rotr64", {I64(0x1234), I64(64)}), 0x1234);
  assert_int_equal(RunI32(inst.get(), "shl", {I32(1), I32(33)}), 2);
  assert_int_equal(RunI32(inst.get(), "shr_u", {I32(-1), I32(-1)}), 1);
  assert_int_equal(RunI64(inst.get(), "shr_s64", {I64(INT64_MIN), I64(65)}), INT64_MIN / 2);
}

void test_mir_backend_arith__extend_wrap_compare(void**) {
  auto inst = Load("arith");
  assert_int_equal(RunI64(inst.get(), "extend_u", {I32(-1)}), 0);
  assert_int_equal(RunI64(inst.get(), "extend_u", {I32(-2)}), 0xffffffffll);
  assert_int_equal(RunI64(inst.get(), "extend_s", {I32(-2)}), -2);
  assert_int_equal(RunI32(inst.get(), "wrap", {I64(0x1234567887654321ll)}), int32_t(0x87654321));
  assert_int_equal(RunI32(inst.get(), "ext8", {I32(0x80)}), -128);
  assert_int_equal(RunI64(inst.get(), "ext32_64", {I64(0x80000000ll)}), INT32_MIN);
  assert_int_equal(RunI32(inst.get(), "eqz64", {I64(1ll << 32)}), 0);
  assert_int_equal(RunI32(inst.get(), "eqz64", {I64(0)}), 1);
  assert_int_equal(RunI32(inst.get(), "lt_u", {I32(1), I32(-1)}), 1);
  assert_int_equal(RunI32(inst.get(), "ge_s64", {I64(-1), I64(1)}), 0);
}

}  // namespace
}  // namespace testing
}  // namespace wasmc

int RunTranslateArithTests() {
  using namespace wasmc::testing;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_mir_backend_arith__basic),
      cmocka_unit_test(test_mir_backend_arith__division_traps),
      cmocka_unit_test(test_mir_backend_arith__bits),
      cmocka_unit_test(test_mir_backend_arith__extend_wrap_compare),
  };
  return cmocka_run_group_tests_name("mir_backend_arith", tests, nullptr, nullptr);
}
