// Unit tests: value-stack typing, locals, immediates and body framing of the function validator.
// Consumes hand-built bodies; checks the Status kind, message and offset.
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

static void test_validator_stack__i32_add_ok(void** state) {
  (void)state;
  OneFunc f({}, {kI32}, {0x00, 0x41, 0x01, 0x41, 0x02, 0x6a, 0x0b});
  EXPECT_OK(f.Check());
}

static void test_validator_stack__operand_type_mismatch(void** state) {
  (void)state;
  // i32.const 1; i64.const 2; i32.add
  OneFunc f({}, {kI32}, {0x00, 0x41, 0x01, 0x42, 0x02, 0x6a, 0x0b});
  EXPECT_INVALID(f.Check(), "type mismatch");
}

static void test_validator_stack__error_offset_is_the_instruction(void** state) {
  (void)state;
  OneFunc f({}, {kI32}, {0x00, 0x41, 0x01, 0x42, 0x02, 0x6a, 0x0b});
  Status st = f.Check();
  assert_int_equal(st.offset(), 5);  // the i32.add byte (bodies start at offset 0 here)
}

static void test_validator_stack__underflow(void** state) {
  (void)state;
  OneFunc f({}, {kI32}, {0x00, 0x6a, 0x0b});
  EXPECT_INVALID(f.Check(), "type mismatch");
}

static void test_validator_stack__leftover_value_at_end(void** state) {
  (void)state;
  OneFunc f({}, {}, {0x00, 0x41, 0x01, 0x0b});
  EXPECT_INVALID(f.Check(), "type mismatch");
}

static void test_validator_stack__missing_result(void** state) {
  (void)state;
  OneFunc f({}, {kI32}, {0x00, 0x0b});
  EXPECT_INVALID(f.Check(), "type mismatch");
}

static void test_validator_stack__locals_follow_params(void** state) {
  (void)state;
  // (param i32) (local i64 i64): local.get 2 is an i64.
  OneFunc ok({kI32}, {kI64}, {0x01, 0x02, 0x7e, 0x20, 0x02, 0x0b});
  EXPECT_OK(ok.Check());
  OneFunc bad({kI32}, {kI64}, {0x01, 0x02, 0x7e, 0x20, 0x03, 0x0b});
  EXPECT_INVALID(bad.Check(), "unknown local");
  OneFunc tee({kI32}, {kI32}, {0x00, 0x41, 0x05, 0x22, 0x00, 0x0b});  // local.tee 0
  EXPECT_OK(tee.Check());
  OneFunc set({kI32}, {}, {0x00, 0x42, 0x05, 0x21, 0x00, 0x0b});  // local.set 0 (i64)
  EXPECT_INVALID(set.Check(), "type mismatch");
}

static void test_validator_stack__too_many_locals_is_malformed(void** state) {
  (void)state;
  // 0xffffffff i32 + 2 i64 overflows u32 (binary.wast).
  OneFunc f({}, {}, {0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0x02, 0x7e, 0x0b});
  EXPECT_MALFORMED(f.Check(), "too many locals");
}

static void test_validator_stack__local_limit_is_resource(void** state) {
  (void)state;
  // 50001 i32 locals: valid Wasm, over wasmc's limit; nothing is allocated for them.
  OneFunc f({}, {}, {0x01, 0xd1, 0x86, 0x03, 0x7f, 0x0b});
  EXPECT_ERROR(f.Check(), ErrorKind::kResource, "too many locals");
  OneFunc at_limit({}, {}, {0x01, 0xd0, 0x86, 0x03, 0x7f, 0x0b});  // 50000
  EXPECT_OK(at_limit.Check());
}

static void test_validator_stack__local_group_count_bounded_by_bytes(void** state) {
  (void)state;
  OneFunc f({}, {}, {0xff, 0xff, 0xff, 0xff, 0x0f, 0x0b});
  EXPECT_MALFORMED(f.Check(), "");
}

static void test_validator_stack__malformed_local_type(void** state) {
  (void)state;
  OneFunc f({}, {}, {0x01, 0x01, 0x40, 0x0b});
  EXPECT_MALFORMED(f.Check(), "malformed value type");
}

static void test_validator_stack__illegal_opcode(void** state) {
  (void)state;
  OneFunc a({}, {}, {0x00, 0x06, 0x0b});
  EXPECT_MALFORMED(a.Check(), "illegal opcode");
  OneFunc b({}, {}, {0x00, 0xfc, 0x12, 0x0b});
  EXPECT_MALFORMED(b.Check(), "illegal opcode");
  OneFunc c({}, {}, {0x00, 0xfc, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x0b});
  EXPECT_MALFORMED(c.Check(), "illegal opcode");
}

static void test_validator_stack__missing_final_end(void** state) {
  (void)state;
  OneFunc f({}, {}, {0x00, 0x41, 0x01, 0x1a});
  EXPECT_MALFORMED(f.Check(), "END opcode expected");
}

static void test_validator_stack__bytes_after_final_end(void** state) {
  (void)state;
  OneFunc f({}, {}, {0x00, 0x0b, 0x01});
  EXPECT_MALFORMED(f.Check(), "section size mismatch");
}

static void test_validator_stack__truncated_immediate(void** state) {
  (void)state;
  OneFunc f({}, {}, {0x00, 0x41});
  EXPECT_MALFORMED(f.Check(), "unexpected end");
  OneFunc g({}, {kF64}, {0x00, 0x44, 0x00, 0x00, 0x0b});
  EXPECT_MALFORMED(g.Check(), "unexpected end");
}

static void test_validator_stack__constants(void** state) {
  (void)state;
  OneFunc f({}, {kF64}, {0x00, 0x43, 0, 0, 0x80, 0x3f, 0x1a,              // f32.const 1; drop
                         0x42, 0x7f, 0x1a,                                 // i64.const -1; drop
                         0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x0b});       // f64.const 1
  EXPECT_OK(f.Check());
}

static void test_validator_stack__memory_size_zero_byte(void** state) {
  (void)state;
  OneFunc f({}, {}, {0x00, 0x3f, 0x01, 0x1a, 0x0b}, /*with_memory=*/true);
  EXPECT_MALFORMED(f.Check(), "zero byte expected");
  OneFunc g({}, {}, {0x00, 0x3f, 0x80, 0x00, 0x1a, 0x0b}, true);  // long zero
  EXPECT_MALFORMED(g.Check(), "zero byte expected");
  OneFunc ok({}, {kI32}, {0x00, 0x41, 0x01, 0x40, 0x00, 0x0b}, true);  // memory.grow
  EXPECT_OK(ok.Check());
}

static void test_validator_stack__memory_needs_memory_and_alignment(void** state) {
  (void)state;
  std::vector<uint8_t> load = {0x00, 0x41, 0x00, 0x28, 0x02, 0x00, 0x0b};  // i32.load align=4
  OneFunc no_mem({}, {kI32}, load);
  EXPECT_INVALID(no_mem.Check(), "unknown memory");
  OneFunc ok({}, {kI32}, load, true);
  EXPECT_OK(ok.Check());
  OneFunc over({}, {kI32}, {0x00, 0x41, 0x00, 0x28, 0x03, 0x00, 0x0b}, true);
  EXPECT_INVALID(over.Check(), "alignment must not be larger than natural");
  OneFunc store8({}, {}, {0x00, 0x41, 0x00, 0x42, 0x00, 0x3c, 0x01, 0x00, 0x0b}, true);
  EXPECT_INVALID(store8.Check(), "alignment must not be larger than natural");
}

static void test_validator_stack__globals(void** state) {
  (void)state;
  ModuleDesc m;
  AddGlobal(&m, kI64, /*mut=*/false);
  AddGlobal(&m, kF32, /*mut=*/true);
  uint32_t t = AddType(&m, {}, {});
  AddFunc(&m, t, {0x00, 0x43, 0, 0, 0, 0, 0x24, 0x01, 0x0b});  // global.set 1 (f32, mutable)
  EXPECT_OK(CheckBodies(m));
  ModuleDesc imm = m;
  AddFunc(&imm, t, {0x00, 0x42, 0x00, 0x24, 0x00, 0x0b});  // global.set 0 (immutable)
  EXPECT_INVALID(CheckBodies(imm), "global is immutable");
  ModuleDesc unknown = m;
  AddFunc(&unknown, t, {0x00, 0x23, 0x02, 0x1a, 0x0b});
  EXPECT_INVALID(CheckBodies(unknown), "unknown global");
}

static void test_validator_stack__malformed_outranks_invalid(void** state) {
  (void)state;
  // The reference interpreter decodes everything before validating: a type error followed by
  // an illegal opcode (same body or a later one) is malformed.
  OneFunc same({}, {}, {0x00, 0x6a, 0x1a, 0x06, 0x0b});
  EXPECT_MALFORMED(same.Check(), "illegal opcode");
  ModuleDesc m;
  uint32_t t = AddType(&m, {}, {});
  AddFunc(&m, t, {0x00, 0x6a, 0x0b});
  AddFunc(&m, t, {0x00, 0x0b, 0x0b});
  EXPECT_MALFORMED(CheckBodies(m), "section size mismatch");
  // A block with an unknown type index followed by truncated code (binary.wast).
  OneFunc block({}, {}, {0x00, 0x02, 0x0b, 0x0b});
  EXPECT_MALFORMED(block.Check(), "END opcode expected");
}

int RunStackTests() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_validator_stack__i32_add_ok),
      cmocka_unit_test(test_validator_stack__operand_type_mismatch),
      cmocka_unit_test(test_validator_stack__error_offset_is_the_instruction),
      cmocka_unit_test(test_validator_stack__underflow),
      cmocka_unit_test(test_validator_stack__leftover_value_at_end),
      cmocka_unit_test(test_validator_stack__missing_result),
      cmocka_unit_test(test_validator_stack__locals_follow_params),
      cmocka_unit_test(test_validator_stack__too_many_locals_is_malformed),
      cmocka_unit_test(test_validator_stack__local_limit_is_resource),
      cmocka_unit_test(test_validator_stack__local_group_count_bounded_by_bytes),
      cmocka_unit_test(test_validator_stack__malformed_local_type),
      cmocka_unit_test(test_validator_stack__illegal_opcode),
      cmocka_unit_test(test_validator_stack__missing_final_end),
      cmocka_unit_test(test_validator_stack__bytes_after_final_end),
      cmocka_unit_test(test_validator_stack__truncated_immediate),
      cmocka_unit_test(test_validator_stack__constants),
      cmocka_unit_test(test_validator_stack__memory_size_zero_byte),
      cmocka_unit_test(test_validator_stack__memory_needs_memory_and_alignment),
      cmocka_unit_test(test_validator_stack__globals),
      cmocka_unit_test(test_validator_stack__malformed_outranks_invalid),
  };
  return cmocka_run_group_tests_name("validator.stack", tests, nullptr, nullptr);
}
