// Unit tests: control instructions of the function validator: unreachable (polymorphic) code,
// multi-value block types, if/else, br/br_if/br_table, select, return and calls.
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

static void test_validator_unreachable__polymorphic_stack(void** state) {
  (void)state;
  // unreachable; i32.add; (result i32): operands come from the polymorphic stack.
  OneFunc f({}, {kI32}, {0x00, 0x00, 0x6a, 0x0b});
  EXPECT_OK(f.Check());
  // unreachable; end with any results.
  OneFunc g({}, {kI32, kF64}, {0x00, 0x00, 0x0b});
  EXPECT_OK(g.Check());
}

static void test_validator_unreachable__known_operand_still_checked(void** state) {
  (void)state;
  // unreachable; i64.const 0; i32.add
  OneFunc f({}, {kI32}, {0x00, 0x00, 0x42, 0x00, 0x6a, 0x0b});
  EXPECT_INVALID(f.Check(), "type mismatch");
  // unreachable; i32.const 0; (result) -- a concrete leftover value is still an error
  OneFunc g({}, {}, {0x00, 0x00, 0x41, 0x00, 0x0b});
  EXPECT_INVALID(g.Check(), "type mismatch");
}

static void test_validator_unreachable__after_br_in_block(void** state) {
  (void)state;
  // block (result i32) unreachable; br 0 end -- br takes its operand from the polymorphic stack
  OneFunc f({}, {kI32}, {0x00, 0x02, 0x7f, 0x00, 0x0c, 0x00, 0x0b, 0x0b});
  EXPECT_OK(f.Check());
  // unreachable; block (result i32) br 0 end -- a new block starts reachable: br needs an i32
  OneFunc nested({}, {kI32}, {0x00, 0x00, 0x02, 0x7f, 0x0c, 0x00, 0x0b, 0x0b});
  EXPECT_INVALID(nested.Check(), "type mismatch");
  // block (result i32) i32.const 1; br 0; i64.const 0 end -- dead code leaves an i64
  OneFunc g({}, {kI32}, {0x00, 0x02, 0x7f, 0x41, 0x01, 0x0c, 0x00, 0x42, 0x00, 0x0b, 0x0b});
  EXPECT_INVALID(g.Check(), "type mismatch");
}

static void test_validator_multivalue__block_with_type_index(void** state) {
  (void)state;
  ModuleDesc m;
  uint32_t t0 = AddType(&m, {}, {kI32});
  AddType(&m, {kI32, kI32}, {kI32});
  // i32.const 1; i32.const 2; block (type 1) i32.add end
  AddFunc(&m, t0, {0x00, 0x41, 0x01, 0x41, 0x02, 0x02, 0x01, 0x6a, 0x0b, 0x0b});
  EXPECT_OK(CheckBodies(m));
  ModuleDesc bad = m;
  AddFunc(&bad, t0, {0x00, 0x41, 0x01, 0x02, 0x01, 0x6a, 0x0b, 0x0b});  // one param missing
  EXPECT_INVALID(CheckBodies(bad), "type mismatch");
  ModuleDesc unknown = m;
  AddFunc(&unknown, t0, {0x00, 0x02, 0x07, 0x0b, 0x0b});
  EXPECT_INVALID(CheckBodies(unknown), "unknown type");
}

static void test_validator_multivalue__function_results_and_return(void** state) {
  (void)state;
  OneFunc f({}, {kI32, kI64}, {0x00, 0x41, 0x01, 0x42, 0x02, 0x0f, 0x0b});
  EXPECT_OK(f.Check());
  OneFunc swapped({}, {kI32, kI64}, {0x00, 0x42, 0x02, 0x41, 0x01, 0x0f, 0x0b});
  EXPECT_INVALID(swapped.Check(), "type mismatch");
}

static void test_validator_blocktype__malformed_encodings(void** state) {
  (void)state;
  OneFunc a({}, {}, {0x00, 0x02, 0x60, 0x0b, 0x0b});  // 0x60 is not a value type
  EXPECT_MALFORMED(a.Check(), "malformed value type");
  OneFunc b({}, {}, {0x00, 0x02, 0xff, 0x7f, 0x0b, 0x0b});  // i32 in two bytes
  EXPECT_MALFORMED(b.Check(), "malformed value type");
}

static void test_validator_if__without_else_needs_equal_types(void** state) {
  (void)state;
  // i32.const 1; if (result i32) i32.const 1 end; drop
  OneFunc f({}, {}, {0x00, 0x41, 0x01, 0x04, 0x7f, 0x41, 0x01, 0x0b, 0x1a, 0x0b});
  EXPECT_INVALID(f.Check(), "type mismatch");
  ModuleDesc m;
  uint32_t t0 = AddType(&m, {}, {kI32});
  AddType(&m, {kI32}, {kI32});
  // i32.const 5; i32.const 1; if (type [i32]->[i32]) end -- params pass through
  AddFunc(&m, t0, {0x00, 0x41, 0x05, 0x41, 0x01, 0x04, 0x01, 0x0b, 0x0b});
  EXPECT_OK(CheckBodies(m));
}

static void test_validator_if__else_branches(void** state) {
  (void)state;
  // i32.const 1; if (result i32) i32.const 1 else i32.const 2 end
  OneFunc ok({}, {kI32}, {0x00, 0x41, 0x01, 0x04, 0x7f, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0b, 0x0b});
  EXPECT_OK(ok.Check());
  OneFunc bad({}, {kI32}, {0x00, 0x41, 0x01, 0x04, 0x7f, 0x41, 0x01, 0x05, 0x42, 0x02, 0x0b, 0x0b});
  EXPECT_INVALID(bad.Check(), "type mismatch");
  OneFunc no_cond({}, {}, {0x00, 0x04, 0x40, 0x0b, 0x0b});
  EXPECT_INVALID(no_cond.Check(), "type mismatch");
  OneFunc stray_else({}, {}, {0x00, 0x02, 0x40, 0x05, 0x0b, 0x0b});
  EXPECT_MALFORMED(stray_else.Check(), "END opcode expected");
}

static void test_validator_br__labels(void** state) {
  (void)state;
  OneFunc unknown({}, {}, {0x00, 0x0c, 0x01, 0x0b});
  EXPECT_INVALID(unknown.Check(), "unknown label");
  ModuleDesc m;
  uint32_t t0 = AddType(&m, {}, {});
  AddType(&m, {kI32}, {});
  // i32.const 1; loop (type [i32]->[]) br 0 end -- a loop's label takes its params
  AddFunc(&m, t0, {0x00, 0x41, 0x01, 0x03, 0x01, 0x0c, 0x00, 0x0b, 0x0b});
  EXPECT_OK(CheckBodies(m));
  // block (result i32) i32.const 1; i32.const 0; br_if 0 end drop
  OneFunc br_if({}, {}, {0x00, 0x02, 0x7f, 0x41, 0x01, 0x41, 0x00, 0x0d, 0x00, 0x0b, 0x1a, 0x0b});
  EXPECT_OK(br_if.Check());
}

static void test_validator_br_table__ok_and_arity(void** state) {
  (void)state;
  // block (result i32) block (result i32) i32.const 1; i32.const 0; br_table [0] 1 end end
  OneFunc ok({}, {kI32}, {0x00, 0x02, 0x7f, 0x02, 0x7f, 0x41, 0x01, 0x41, 0x00, 0x0e, 0x01,
                          0x00, 0x01, 0x0b, 0x0b, 0x0b});
  EXPECT_OK(ok.Check());
  // block block (result i32) i32.const 1; i32.const 0; br_table [0] 1 end drop end
  OneFunc arity({}, {}, {0x00, 0x02, 0x40, 0x02, 0x7f, 0x41, 0x01, 0x41, 0x00, 0x0e, 0x01,
                         0x00, 0x01, 0x0b, 0x1a, 0x0b, 0x0b});
  EXPECT_INVALID(arity.Check(), "type mismatch");
  OneFunc label({}, {}, {0x00, 0x41, 0x00, 0x0e, 0x00, 0x05, 0x0b});
  EXPECT_INVALID(label.Check(), "unknown label");
}

static void test_validator_br_table__unreachable_mixed_types(void** state) {
  (void)state;
  // block (result f32) block (result i32) unreachable; br_table [0] 1 end drop; f32.const 0 end
  // Both labels have arity 1; the polymorphic stack satisfies i32 and f32 (unreached-valid).
  OneFunc f({}, {kF32}, {0x00, 0x02, 0x7d, 0x02, 0x7f, 0x00, 0x0e, 0x01, 0x00, 0x01, 0x0b, 0x1a,
                         0x43, 0, 0, 0, 0, 0x0b, 0x0b});
  EXPECT_OK(f.Check());
}

static void test_validator_br_table__huge_count_is_bounded(void** state) {
  (void)state;
  // A claimed 2^32-1 targets in a 10-byte body: rejected before anything is allocated.
  OneFunc f({}, {}, {0x00, 0x41, 0x00, 0x0e, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x0b});
  EXPECT_MALFORMED(f.Check(), "");
}

static void test_validator_select__untyped(void** state) {
  (void)state;
  OneFunc ok({}, {kF64}, {0x00, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x41,
                          0x01, 0x1b, 0x0b});
  EXPECT_OK(ok.Check());
  OneFunc mixed({}, {kI32}, {0x00, 0x41, 0x01, 0x42, 0x01, 0x41, 0x01, 0x1b, 0x0b});
  EXPECT_INVALID(mixed.Check(), "type mismatch");
  // ref.null func twice: untyped select rejects reference types.
  OneFunc refs({}, {kFuncRef}, {0x00, 0xd0, 0x70, 0xd0, 0x70, 0x41, 0x01, 0x1b, 0x0b});
  EXPECT_INVALID(refs.Check(), "type mismatch");
  // unreachable; select -> the result type is unknown, and satisfies any result
  OneFunc dead({}, {kI64}, {0x00, 0x00, 0x1b, 0x0b});
  EXPECT_OK(dead.Check());
}

static void test_validator_select__typed(void** state) {
  (void)state;
  OneFunc refs({}, {kFuncRef}, {0x00, 0xd0, 0x70, 0xd0, 0x70, 0x41, 0x01, 0x1c, 0x01, 0x70, 0x0b});
  EXPECT_OK(refs.Check());
  OneFunc zero({}, {}, {0x00, 0x41, 0x01, 0x41, 0x01, 0x41, 0x01, 0x1c, 0x00, 0x1a, 0x0b});
  EXPECT_INVALID(zero.Check(), "invalid result arity");
  OneFunc two({}, {}, {0x00, 0x41, 0x01, 0x41, 0x01, 0x41, 0x01, 0x1c, 0x02, 0x7f, 0x7f, 0x0b});
  EXPECT_INVALID(two.Check(), "invalid result arity");
}

static void test_validator_call__direct_and_indirect(void** state) {
  (void)state;
  ModuleDesc m;
  uint32_t t_ii = AddType(&m, {kI32, kI64}, {kF32});
  uint32_t t0 = AddType(&m, {}, {});
  AddImportedFunc(&m, t_ii);
  // i32.const 1; i64.const 2; call 0; drop
  AddFunc(&m, t0, {0x00, 0x41, 0x01, 0x42, 0x02, 0x10, 0x00, 0x1a, 0x0b});
  EXPECT_OK(CheckBodies(m));
  ModuleDesc unknown = m;
  AddFunc(&unknown, t0, {0x00, 0x10, 0x09, 0x0b});
  EXPECT_INVALID(CheckBodies(unknown), "unknown function");
  ModuleDesc indirect = m;
  // i32.const 1; i64.const 2; i32.const 0; call_indirect (type 0) (table 0); drop
  AddFunc(&indirect, t0, {0x00, 0x41, 0x01, 0x42, 0x02, 0x41, 0x00, 0x11, 0x00, 0x00, 0x1a, 0x0b});
  EXPECT_INVALID(CheckBodies(indirect), "unknown table");
  AddTable(&indirect, kFuncRef);
  EXPECT_OK(CheckBodies(indirect));
  indirect.tables[0].elem = kExternRef;
  EXPECT_INVALID(CheckBodies(indirect), "type mismatch");
}

int RunControlTests() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_validator_unreachable__polymorphic_stack),
      cmocka_unit_test(test_validator_unreachable__known_operand_still_checked),
      cmocka_unit_test(test_validator_unreachable__after_br_in_block),
      cmocka_unit_test(test_validator_multivalue__block_with_type_index),
      cmocka_unit_test(test_validator_multivalue__function_results_and_return),
      cmocka_unit_test(test_validator_blocktype__malformed_encodings),
      cmocka_unit_test(test_validator_if__without_else_needs_equal_types),
      cmocka_unit_test(test_validator_if__else_branches),
      cmocka_unit_test(test_validator_br__labels),
      cmocka_unit_test(test_validator_br_table__ok_and_arity),
      cmocka_unit_test(test_validator_br_table__unreachable_mixed_types),
      cmocka_unit_test(test_validator_br_table__huge_count_is_bounded),
      cmocka_unit_test(test_validator_select__untyped),
      cmocka_unit_test(test_validator_select__typed),
      cmocka_unit_test(test_validator_call__direct_and_indirect),
  };
  return cmocka_run_group_tests_name("validator.control", tests, nullptr, nullptr);
}
