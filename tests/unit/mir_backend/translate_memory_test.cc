// Translator tests: loads/stores of every width with offsets, explicit bounds checks (including
// offsets near 2^32 and constant addresses), memory.size/grow with the length reloaded after
// grow, memory.fill, globals, and guard-page mode (wat/memory.wat).
#include "translate_test_util.h"

namespace wasmc {
namespace testing {
namespace {

constexpr uint32_t kOob = uint32_t(TrapCode::kMemoryOutOfBounds);

void test_mir_backend_memory__loads_stores(void**) {
  auto inst = Load("memory");
  assert_int_equal(RunI32(inst.get(), "store_load", {I32(16), I32(0x11223380)}), 0x11223380);
  assert_int_equal(RunI32(inst.get(), "load8_s", {I32(16)}), 0x33);
  assert_int_equal(RunI32(inst.get(), "load8_s", {I32(15)}), int8_t(0x80));
  assert_int_equal(RunI64(inst.get(), "load16_u64", {I32(16)}), 0x3380);
  assert_int_equal(RunI64(inst.get(), "load64", {I32(16)}), 0x11223380);
  Run(inst.get(), "store_f64", {I32(100), F64(-2.5)});
  CallResult r = Run(inst.get(), "load_f64", {I32(100)});
  assert_true(r.v[0].f64 == -2.5);
  Run(inst.get(), "store8", {I32(200), I32(0x1ff)});
  assert_int_equal(inst->memory.base[200], 0xff);
  assert_int_equal(inst->memory.base[201], 0);
  assert_int_equal(RunI32(inst.get(), "load_const", {}), 0);
}

void test_mir_backend_memory__bounds(void**) {
  auto inst = Load("memory");
  assert_int_equal(TrapOf(inst.get(), "store_load", {I32(65533), I32(1)}), kOob);
  assert_int_equal(TrapOf(inst.get(), "store_load", {I32(-1), I32(1)}), kOob);
  assert_int_equal(RunI32(inst.get(), "store_load", {I32(65532), I32(9)}), 9);
  assert_int_equal(TrapOf(inst.get(), "load64", {I32(65529)}), kOob);
  assert_int_equal(TrapOf(inst.get(), "load_big_offset", {I32(0)}), kOob);
  assert_int_equal(TrapOf(inst.get(), "load_big_offset", {I32(-1)}), kOob);
  assert_int_equal(TrapOf(inst.get(), "load_const_oob", {}), kOob);
  assert_int_equal(TrapOf(inst.get(), "addr_wrap", {I32(-8 + 65536)}), kOob);
  assert_int_equal(RunI32(inst.get(), "addr_wrap", {I32(-8)}), 0);  // wraps to address 0
  assert_int_equal(TrapOf(inst.get(), "fill", {I32(65000), I32(1), I32(1000)}), kOob);
}

void test_mir_backend_memory__grow(void**) {
  auto inst = Load("memory");
  assert_int_equal(RunI32(inst.get(), "size", {}), 1);
  assert_int_equal(TrapOf(inst.get(), "load_const_oob", {}), kOob);
  assert_int_equal(RunI32(inst.get(), "load_after_grow", {}), 0);  // length reloaded after grow
  assert_int_equal(RunI32(inst.get(), "size", {}), 2);
  assert_int_equal(RunI32(inst.get(), "grow", {I32(2)}), 2);
  assert_int_equal(RunI32(inst.get(), "grow", {I32(1)}), -1);  // max is 4 pages
  assert_int_equal(RunI32(inst.get(), "size", {}), 4);
  assert_int_equal(RunI32(inst.get(), "store_load", {I32(4 * 65536 - 4), I32(3)}), 3);
  Run(inst.get(), "fill", {I32(10), I32(0xab), I32(3)});
  assert_int_equal(inst->memory.base[12], 0xab);
}

void test_mir_backend_memory__globals(void**) {
  auto inst = Load("memory");
  assert_int_equal(RunI32(inst.get(), "global_inc", {}), 6);
  assert_int_equal(RunI32(inst.get(), "global_inc", {}), 7);
  CallResult r = Run(inst.get(), "global_f64", {F64(3)});
  assert_true(r.v[0].f64 == 4.5);
  assert_int_equal(inst->global_storage[0].value.i32, 7);
}

void test_mir_backend_memory__guard_pages(void**) {
  auto inst = Load("memory", false);
  assert_int_equal(RunI32(inst.get(), "store_load", {I32(65532), I32(77)}), 77);
  assert_int_equal(RunI32(inst.get(), "addr_wrap", {I32(-8)}), 0);
  assert_int_equal(RunI32(inst.get(), "grow", {I32(1)}), 1);
  assert_int_equal(RunI32(inst.get(), "store_load", {I32(2 * 65536 - 4), I32(5)}), 5);
}

}  // namespace
}  // namespace testing
}  // namespace wasmc

int RunTranslateMemoryTests() {
  using namespace wasmc::testing;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_mir_backend_memory__loads_stores),
      cmocka_unit_test(test_mir_backend_memory__bounds),
      cmocka_unit_test(test_mir_backend_memory__grow),
      cmocka_unit_test(test_mir_backend_memory__globals),
      cmocka_unit_test(test_mir_backend_memory__guard_pages),
  };
  return cmocka_run_group_tests_name("mir_backend_memory", tests, nullptr, nullptr);
}
