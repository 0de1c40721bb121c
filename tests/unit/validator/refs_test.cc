// Unit tests: reference instructions (ref.func declaredness, ref.null, ref.is_null), table
// instructions and the bulk-memory/data-count rules of the function validator.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
extern "C" {  // cmocka 1.1.5 has no extern "C" guard of its own
#include <cmocka.h>
}

#include "test_module.h"

using namespace wasmc;        // NOLINT: test file
using namespace wasmc::test;  // NOLINT

static void test_validator_ref_func__declared_only(void** state) {
  (void)state;
  ModuleDesc m;
  uint32_t t = AddType(&m, {}, {kFuncRef});
  AddFunc(&m, t, {0x00, 0xd2, 0x00, 0x0b});  // ref.func 0 (itself)
  EXPECT_INVALID(CheckBodies(m), "undeclared function reference");
  m.declared_funcs[0] = true;
  EXPECT_OK(CheckBodies(m));
}

static void test_validator_ref_func__unknown_function(void** state) {
  (void)state;
  OneFunc f({}, {kFuncRef}, {0x00, 0xd2, 0x05, 0x0b});
  EXPECT_INVALID(f.Check(), "unknown function");
}

static void test_validator_ref_null__types(void** state) {
  (void)state;
  OneFunc ext({}, {kExternRef}, {0x00, 0xd0, 0x6f, 0x0b});
  EXPECT_OK(ext.Check());
  OneFunc wrong({}, {kExternRef}, {0x00, 0xd0, 0x70, 0x0b});
  EXPECT_INVALID(wrong.Check(), "type mismatch");
  OneFunc bad({}, {}, {0x00, 0xd0, 0x7f, 0x1a, 0x0b});
  EXPECT_MALFORMED(bad.Check(), "malformed reference type");
}

static void test_validator_ref_is_null__needs_a_reference(void** state) {
  (void)state;
  OneFunc ok({}, {kI32}, {0x00, 0xd0, 0x6f, 0xd1, 0x0b});
  EXPECT_OK(ok.Check());
  OneFunc num({}, {kI32}, {0x00, 0x41, 0x00, 0xd1, 0x0b});
  EXPECT_INVALID(num.Check(), "type mismatch");
  OneFunc dead({}, {kI32}, {0x00, 0x00, 0xd1, 0x0b});
  EXPECT_OK(dead.Check());
}

static void test_validator_table__access(void** state) {
  (void)state;
  ModuleDesc m;
  AddTable(&m, kFuncRef);
  AddTable(&m, kExternRef);
  uint32_t t = AddType(&m, {}, {});
  // i32.const 0; table.get 1 (externref); drop; table.size 0; drop
  AddFunc(&m, t, {0x00, 0x41, 0x00, 0x25, 0x01, 0x1a, 0xfc, 0x10, 0x00, 0x1a, 0x0b});
  // ref.null func; i32.const 1; table.grow 0; drop
  AddFunc(&m, t, {0x00, 0xd0, 0x70, 0x41, 0x01, 0xfc, 0x0f, 0x00, 0x1a, 0x0b});
  EXPECT_OK(CheckBodies(m));
  ModuleDesc set = m;
  // i32.const 0; ref.null extern; table.set 0 (funcref)
  AddFunc(&set, t, {0x00, 0x41, 0x00, 0xd0, 0x6f, 0x26, 0x00, 0x0b});
  EXPECT_INVALID(CheckBodies(set), "type mismatch");
  ModuleDesc copy = m;
  // i32.const x3; table.copy 0 1
  AddFunc(&copy, t, {0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0e, 0x00, 0x01, 0x0b});
  EXPECT_INVALID(CheckBodies(copy), "type mismatch");
  ModuleDesc unknown = m;
  AddFunc(&unknown, t, {0x00, 0xfc, 0x10, 0x02, 0x1a, 0x0b});
  EXPECT_INVALID(CheckBodies(unknown), "unknown table");
}

static void test_validator_table__elem_segments(void** state) {
  (void)state;
  ModuleDesc m;
  AddTable(&m, kFuncRef);
  ElemSegment seg;
  seg.mode = SegmentMode::kPassive;
  seg.type = kExternRef;
  m.elems.push_back(seg);
  uint32_t t = AddType(&m, {}, {});
  AddFunc(&m, t, {0x00, 0xfc, 0x0d, 0x00, 0x0b});  // elem.drop 0
  EXPECT_OK(CheckBodies(m));
  ModuleDesc init = m;
  // i32.const x3; table.init 0 0 -- an externref segment into a funcref table
  AddFunc(&init, t, {0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0c, 0x00, 0x00, 0x0b});
  EXPECT_INVALID(CheckBodies(init), "type mismatch");
  ModuleDesc drop = m;
  AddFunc(&drop, t, {0x00, 0xfc, 0x0d, 0x01, 0x0b});
  EXPECT_INVALID(CheckBodies(drop), "unknown elem segment");
}

static ModuleDesc DataModule(bool data_count, uint32_t num_datas) {
  ModuleDesc m;
  AddMemory(&m);
  for (uint32_t i = 0; i < num_datas; ++i) {
    DataSegment d;
    d.mode = SegmentMode::kPassive;
    m.datas.push_back(d);
  }
  m.has_data_count = data_count;
  m.data_count = data_count ? num_datas : 0;
  return m;
}

static void test_validator_bulk__data_count_rules(void** state) {
  (void)state;
  // i32.const x3; memory.init 0 0 / data.drop 0
  const std::vector<uint8_t> init = {0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00,
                                     0xfc, 0x08, 0x00, 0x00, 0x0b};
  const std::vector<uint8_t> drop = {0x00, 0xfc, 0x09, 0x00, 0x0b};
  ModuleDesc ok = DataModule(true, 1);
  AddFunc(&ok, AddType(&ok, {}, {}), init);
  AddFunc(&ok, 0, drop);
  EXPECT_OK(CheckBodies(ok));
  ModuleDesc missing = DataModule(false, 1);
  AddFunc(&missing, AddType(&missing, {}, {}), drop);
  EXPECT_MALFORMED(CheckBodies(missing), "data count section required");
  // No data section at all: the reference interpreter reports the index (memory_init.wast).
  ModuleDesc none = DataModule(false, 0);
  AddFunc(&none, AddType(&none, {}, {}), drop);
  EXPECT_INVALID(CheckBodies(none), "unknown data segment");
  ModuleDesc no_memory = DataModule(true, 1);
  no_memory.memories.clear();
  AddFunc(&no_memory, AddType(&no_memory, {}, {}), init);
  EXPECT_INVALID(CheckBodies(no_memory), "unknown memory");
}

static void test_validator_bulk__copy_fill_zero_bytes(void** state) {
  (void)state;
  // i32.const x3; memory.copy 0 0; i32.const x3; memory.fill 0
  OneFunc ok({}, {}, {0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0a, 0x00, 0x00,
                      0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0b, 0x00, 0x0b}, true);
  EXPECT_OK(ok.Check());
  OneFunc bad({}, {}, {0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0a, 0x00, 0x01, 0x0b},
              true);
  EXPECT_MALFORMED(bad.Check(), "zero byte expected");
}

int RunRefsTests() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_validator_ref_func__declared_only),
      cmocka_unit_test(test_validator_ref_func__unknown_function),
      cmocka_unit_test(test_validator_ref_null__types),
      cmocka_unit_test(test_validator_ref_is_null__needs_a_reference),
      cmocka_unit_test(test_validator_table__access),
      cmocka_unit_test(test_validator_table__elem_segments),
      cmocka_unit_test(test_validator_bulk__data_count_rules),
      cmocka_unit_test(test_validator_bulk__copy_fill_zero_bytes),
  };
  return cmocka_run_group_tests_name("validator.refs", tests, nullptr, nullptr);
}
