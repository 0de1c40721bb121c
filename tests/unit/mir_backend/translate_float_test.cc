// Translator tests: float min/max (NaN, -0), abs/neg/copysign on NaN payloads, helper-based
// rounding and sqrt, trapping and saturating truncation, unsigned conversions, reinterpret
// (wat/float.wat).
#include "translate_test_util.h"

namespace wasmc {
namespace testing {
namespace {

uint32_t Bits32(const CallResult& r) { return r.v[0].f32_bits; }
uint64_t Bits64(const CallResult& r) { return r.v[0].f64_bits; }
double RunF64(FakeInstance* inst, const char* name, std::initializer_list<ValRaw> args) {
  CallResult r = Run(inst, name, args);
  assert_int_equal(r.trap, 0);
  return r.v[0].f64;
}
float RunF32(FakeInstance* inst, const char* name, std::initializer_list<ValRaw> args) {
  CallResult r = Run(inst, name, args);
  assert_int_equal(r.trap, 0);
  return r.v[0].f32;
}

void test_mir_backend_float__min_max(void**) {
  auto inst = Load("float");
  assert_true(RunF32(inst.get(), "f32_min", {F32(1), F32(2)}) == 1.0f);
  assert_true(RunF32(inst.get(), "f32_max", {F32(1), F32(2)}) == 2.0f);
  assert_int_equal(Bits32(Run(inst.get(), "f32_min", {F32(0.0f), F32(-0.0f)})), 0x80000000u);
  assert_int_equal(Bits32(Run(inst.get(), "f32_max", {F32(-0.0f), F32(0.0f)})), 0);
  assert_int_equal(Bits64(Run(inst.get(), "f64_min", {F64(-0.0), F64(0.0)})),
                   0x8000000000000000ull);
  assert_int_equal(Bits64(Run(inst.get(), "f64_max", {F64(0.0), F64(-0.0)})), 0);
  assert_true(RunF64(inst.get(), "f64_min", {F64(5), F64(5)}) == 5.0);
  assert_true(std::isnan(RunF64(inst.get(), "f64_min", {F64(NAN), F64(1)})));
  assert_true(std::isnan(RunF64(inst.get(), "f64_max", {F64(1), F64(NAN)})));
  assert_true(std::isnan(RunF32(inst.get(), "f32_min", {F32(-INFINITY), F32(NAN)})));
  assert_true(RunF64(inst.get(), "f64_max", {F64(-INFINITY), F64(-1e300)}) == -1e300);
}

void test_mir_backend_float__sign_ops(void**) {
  auto inst = Load("float");
  assert_int_equal(Bits32(Run(inst.get(), "f32_abs", {F32Bits(0xffa00001u)})), 0x7fa00001u);
  assert_int_equal(Bits32(Run(inst.get(), "f32_abs", {F32(-0.0f)})), 0);
  assert_int_equal(Bits64(Run(inst.get(), "f64_neg", {F64Bits(0x7ff4000000000001ull)})),
                   0xfff4000000000001ull);
  assert_int_equal(
      Bits64(Run(inst.get(), "f64_copysign", {F64Bits(0x7ff8000000000123ull), F64(-1)})),
      0xfff8000000000123ull);
  assert_true(RunF32(inst.get(), "f32_copysign", {F32(3), F32(-0.0f)}) == -3.0f);
  assert_int_equal(Bits32(Run(inst.get(), "f32_reinterpret_c", {})), 0x7fa00001u);
  assert_int_equal(RunI32(inst.get(), "i32_reinterpret", {F32(-2.0f)}), int32_t(0xc0000000u));
  assert_true(RunF64(inst.get(), "f64_reinterpret", {I64(0x4000000000000000ll)}) == 2.0);
}

void test_mir_backend_float__rounding_helpers(void**) {
  auto inst = Load("float");
  assert_true(RunF64(inst.get(), "f64_sqrt", {F64(2.25)}) == 1.5);
  assert_true(std::isnan(RunF64(inst.get(), "f64_sqrt", {F64(-1)})));
  assert_true(RunF32(inst.get(), "f32_nearest", {F32(2.5f)}) == 2.0f);
  assert_true(RunF32(inst.get(), "f32_nearest", {F32(-3.5f)}) == -4.0f);
  assert_int_equal(Bits32(Run(inst.get(), "f32_nearest", {F32(-0.25f)})), 0x80000000u);
  assert_true(RunF64(inst.get(), "f64_floor", {F64(-1.5)}) == -2.0);
  assert_true(RunF32(inst.get(), "f32_add_const", {F32(1)}) == 2.5f);
  assert_int_equal(RunI32(inst.get(), "f64_lt", {F64(NAN), F64(1)}), 0);
  assert_int_equal(RunI32(inst.get(), "f64_ne", {F64(NAN), F64(NAN)}), 1);
  assert_true(RunF32(inst.get(), "demote", {F64(0.1)}) == 0.1f);
}

void test_mir_backend_float__trapping_truncation(void**) {
  auto inst = Load("float");
  const uint32_t bad = uint32_t(TrapCode::kBadConversion);
  const uint32_t ovf = uint32_t(TrapCode::kIntOverflow);
  assert_int_equal(RunI32(inst.get(), "i32_trunc_f32_s", {F32(-2147483648.0f)}), INT32_MIN);
  assert_int_equal(TrapOf(inst.get(), "i32_trunc_f32_s", {F32(2147483648.0f)}), ovf);
  assert_int_equal(TrapOf(inst.get(), "i32_trunc_f32_s", {F32(NAN)}), bad);
  assert_int_equal(RunI32(inst.get(), "i32_trunc_f64_s", {F64(-2147483648.9)}), INT32_MIN);
  assert_int_equal(TrapOf(inst.get(), "i32_trunc_f64_s", {F64(-2147483649.0)}), ovf);
  assert_int_equal(RunI32(inst.get(), "i32_trunc_f64_u", {F64(4294967295.9)}), -1);
  assert_int_equal(RunI32(inst.get(), "i32_trunc_f64_u", {F64(-0.9)}), 0);
  assert_int_equal(TrapOf(inst.get(), "i32_trunc_f64_u", {F64(-1.0)}), ovf);
  assert_int_equal(TrapOf(inst.get(), "i32_trunc_f64_u", {F64(4294967296.0)}), ovf);
  assert_int_equal(RunI64(inst.get(), "i64_trunc_f64_u", {F64(18446744073709549568.0)}),
                   int64_t(18446744073709549568ull));
  assert_int_equal(RunI64(inst.get(), "i64_trunc_f64_u", {F64(9223372036854775808.0)}),
                   INT64_MIN);
  assert_int_equal(TrapOf(inst.get(), "i64_trunc_f64_u", {F64(18446744073709551616.0)}), ovf);
  assert_int_equal(TrapOf(inst.get(), "i64_trunc_f64_u", {F64(NAN)}), bad);
  assert_int_equal(RunI64(inst.get(), "i64_trunc_f32_s", {F32(-9223372036854775808.0f)}),
                   INT64_MIN);
  assert_int_equal(TrapOf(inst.get(), "i64_trunc_f32_s", {F32(9223372036854775808.0f)}), ovf);
}

void test_mir_backend_float__saturating_truncation(void**) {
  auto inst = Load("float");
  assert_int_equal(RunI32(inst.get(), "i32_trunc_sat_f64_s", {F64(1e10)}), INT32_MAX);
  assert_int_equal(RunI32(inst.get(), "i32_trunc_sat_f64_s", {F64(-1e10)}), INT32_MIN);
  assert_int_equal(RunI32(inst.get(), "i32_trunc_sat_f64_s", {F64(NAN)}), 0);
  assert_int_equal(RunI32(inst.get(), "i32_trunc_sat_f64_s", {F64(-7.9)}), -7);
  assert_int_equal(RunI32(inst.get(), "i32_trunc_sat_f32_u", {F32(-5.0f)}), 0);
  assert_int_equal(RunI32(inst.get(), "i32_trunc_sat_f32_u", {F32(5e9f)}), -1);
  assert_int_equal(RunI32(inst.get(), "i32_trunc_sat_f32_u", {F32(3e9f)}), int32_t(3000000000u));
  assert_int_equal(RunI64(inst.get(), "i64_trunc_sat_f64_u", {F64(INFINITY)}), -1);
  assert_int_equal(RunI64(inst.get(), "i64_trunc_sat_f64_u", {F64(1e19)}),
                   int64_t(10000000000000000000ull));
}

void test_mir_backend_float__int_to_float(void**) {
  auto inst = Load("float");
  assert_true(RunF64(inst.get(), "f64_convert_i64_u", {I64(-1)}) == 18446744073709551616.0);
  assert_true(RunF64(inst.get(), "f64_convert_i64_u", {I64(1)}) == 1.0);
  // The sticky low bit keeps rounding right: 2^63 + 3073 rounds up to 2^63 + 4096.
  assert_true(RunF64(inst.get(), "f64_convert_i64_u", {I64(int64_t(0x8000000000000C01ull))}) ==
              9223372036854779904.0);
  assert_true(RunF32(inst.get(), "f32_convert_i64_u", {I64(int64_t(0xffffff7fffffffffull))}) ==
              18446742974197923840.0f);
  assert_true(RunF32(inst.get(), "f32_convert_i32_u", {I32(-1)}) == 4294967296.0f);
  assert_true(RunF64(inst.get(), "f64_convert_i32_s", {I32(-5)}) == -5.0);
}

}  // namespace
}  // namespace testing
}  // namespace wasmc

int RunTranslateFloatTests() {
  using namespace wasmc::testing;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_mir_backend_float__min_max),
      cmocka_unit_test(test_mir_backend_float__sign_ops),
      cmocka_unit_test(test_mir_backend_float__rounding_helpers),
      cmocka_unit_test(test_mir_backend_float__trapping_truncation),
      cmocka_unit_test(test_mir_backend_float__saturating_truncation),
      cmocka_unit_test(test_mir_backend_float__int_to_float),
  };
  return cmocka_run_group_tests_name("mir_backend_float", tests, nullptr, nullptr);
}
