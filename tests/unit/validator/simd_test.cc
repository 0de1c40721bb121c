// Unit tests: SIMD (0xFD) opcodes in the function validator and the opcode tables: lookup of
// all 236 opcodes, signatures, lane indices, shuffle lanes and memory alignment.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
extern "C" {  // cmocka 1.1.5 has no extern "C" guard of its own
#include <cmocka.h>
}

#include "test_module.h"
#include "validator/opcodes.h"

using namespace wasmc;        // NOLINT: test file
using namespace wasmc::test;  // NOLINT

// v128.const 0 as body bytes.
static void PushV128(std::vector<uint8_t>* body) {
  body->push_back(0xfd);
  body->push_back(0x0c);
  body->insert(body->end(), 16, 0);
}

static void test_validator_simd__opcode_table(void** state) {
  (void)state;
  uint32_t count = 0;
  for (uint32_t code = 0; code < 512; ++code) {
    Opcode op;
    if (!LookupPrefixedOpcode(0xfd, code, &op)) continue;
    ++count;
    assert_true(IsSimdOpcode(op));
  }
  assert_int_equal(count, 236);
  Opcode op;
  assert_true(LookupPrefixedOpcode(0xfd, 0x0d, &op));
  assert_int_equal(int(op), int(Opcode::I8x16Shuffle));
  assert_string_equal(OpcodeName(op), "i8x16.shuffle");
  assert_int_equal(int(OpcodeImm(op)), int(ImmKind::kShuffle));
  assert_true(LookupPrefixedOpcode(0xfd, 0xff, &op));
  assert_string_equal(OpcodeName(op), "f64x2.convert_low_i32x4_u");
  assert_false(LookupPrefixedOpcode(0xfd, 0x9a, &op));  // reserved
  assert_true(LookupPrefixedOpcode(0xfc, 0x11, &op));
  assert_int_equal(int(op), int(Opcode::TableFill));
  assert_false(LookupSingleByteOpcode(0xfd, &op));
  assert_true(LookupSingleByteOpcode(0x6a, &op));
  assert_string_equal(OpcodeName(op), "i32.add");
  assert_int_equal(NaturalAlignLog2(Opcode::V128Load), 4);
  assert_int_equal(NaturalAlignLog2(Opcode::V128Load32Zero), 2);
  assert_int_equal(LaneCount(Opcode::V128Store16Lane), 8);
}

static void test_validator_simd__arith_ok(void** state) {
  (void)state;
  std::vector<uint8_t> body = {0x00};
  PushV128(&body);
  PushV128(&body);
  body.insert(body.end(), {0xfd, 0xae, 0x01});  // i32x4.add (LEB 0xae 0x01)
  body.insert(body.end(), {0x41, 0x03, 0xfd, 0xab, 0x01});  // i32.const 3; i32x4.shl
  body.insert(body.end(), {0xfd, 0x1b, 0x02, 0x0b});  // i32x4.extract_lane 2; end
  OneFunc f({}, {kI32}, body);
  EXPECT_OK(f.Check());
}

static void test_validator_simd__type_mismatch(void** state) {
  (void)state;
  std::vector<uint8_t> body = {0x00};
  PushV128(&body);
  body.insert(body.end(), {0x41, 0x00, 0xfd, 0xae, 0x01, 0x1a, 0x0b});  // i32x4.add v128 i32
  OneFunc f({}, {}, body);
  EXPECT_INVALID(f.Check(), "type mismatch");
  OneFunc splat({}, {kV128}, {0x00, 0x42, 0x00, 0xfd, 0x11, 0x0b});  // i32x4.splat of an i64
  EXPECT_INVALID(splat.Check(), "type mismatch");
  OneFunc ok({}, {kV128}, {0x00, 0x42, 0x00, 0xfd, 0x12, 0x0b});  // i64x2.splat
  EXPECT_OK(ok.Check());
}

static void test_validator_simd__lane_index(void** state) {
  (void)state;
  std::vector<uint8_t> ok = {0x00};
  PushV128(&ok);
  ok.insert(ok.end(), {0xfd, 0x15, 0x0f, 0x0b});  // i8x16.extract_lane_s 15
  OneFunc good({}, {kI32}, ok);
  EXPECT_OK(good.Check());
  std::vector<uint8_t> bad = {0x00};
  PushV128(&bad);
  bad.insert(bad.end(), {0xfd, 0x15, 0x10, 0x0b});  // lane 16
  OneFunc f({}, {kI32}, bad);
  EXPECT_INVALID(f.Check(), "invalid lane index");
  std::vector<uint8_t> f64 = {0x00};
  PushV128(&f64);
  f64.insert(f64.end(), {0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0xfd, 0x22, 0x02, 0x0b});  // lane 2 of 2
  OneFunc g({}, {kV128}, f64);
  EXPECT_INVALID(g.Check(), "invalid lane index");
}

static void test_validator_simd__shuffle_lanes(void** state) {
  (void)state;
  std::vector<uint8_t> body = {0x00};
  PushV128(&body);
  PushV128(&body);
  body.insert(body.end(), {0xfd, 0x0d});
  for (uint8_t i = 0; i < 16; ++i) body.push_back(uint8_t(i * 2 + 1));  // 1..31
  body.push_back(0x0b);
  OneFunc ok({}, {kV128}, body);
  EXPECT_OK(ok.Check());
  ok.m.bytes[ok.m.bytes.size() - 2] = 32;
  EXPECT_INVALID(ok.Check(), "invalid lane index");
}

static void test_validator_simd__memory(void** state) {
  (void)state;
  // i32.const 0; v128.load align=16
  std::vector<uint8_t> load = {0x00, 0x41, 0x00, 0xfd, 0x00, 0x04, 0x00, 0x0b};
  OneFunc ok({}, {kV128}, load, true);
  EXPECT_OK(ok.Check());
  OneFunc no_memory({}, {kV128}, load);
  EXPECT_INVALID(no_memory.Check(), "unknown memory");
  OneFunc over({}, {kV128}, {0x00, 0x41, 0x00, 0xfd, 0x00, 0x05, 0x00, 0x0b}, true);
  EXPECT_INVALID(over.Check(), "alignment must not be larger than natural");
  OneFunc zero({}, {kV128}, {0x00, 0x41, 0x00, 0xfd, 0x5c, 0x03, 0x00, 0x0b}, true);  // load32_zero
  EXPECT_INVALID(zero.Check(), "alignment must not be larger than natural");
  // i32.const 0; v128.const; v128.load16_lane align=2 offset=0 lane=7
  std::vector<uint8_t> lane = {0x00, 0x41, 0x00};
  PushV128(&lane);
  lane.insert(lane.end(), {0xfd, 0x55, 0x01, 0x00, 0x07, 0x0b});
  OneFunc lane_ok({}, {kV128}, lane, true);
  EXPECT_OK(lane_ok.Check());
  lane_ok.m.bytes[lane_ok.m.bytes.size() - 2] = 8;
  EXPECT_INVALID(lane_ok.Check(), "invalid lane index");
  // i32.const 0; v128.const; v128.store
  std::vector<uint8_t> store = {0x00, 0x41, 0x00};
  PushV128(&store);
  store.insert(store.end(), {0xfd, 0x0b, 0x04, 0x00, 0x0b});
  OneFunc store_ok({}, {}, store, true);
  EXPECT_OK(store_ok.Check());
}

static void test_validator_simd__illegal_opcodes(void** state) {
  (void)state;
  OneFunc reserved({}, {}, {0x00, 0xfd, 0x9a, 0x01, 0x0b});
  EXPECT_MALFORMED(reserved.Check(), "illegal opcode");
  OneFunc big({}, {}, {0x00, 0xfd, 0x80, 0x02, 0x0b});  // 0x100
  EXPECT_MALFORMED(big.Check(), "illegal opcode");
  OneFunc truncated({}, {kV128}, {0x00, 0xfd, 0x0c, 0x00, 0x00, 0x0b});  // v128.const needs 16
  EXPECT_MALFORMED(truncated.Check(), "unexpected end");
}

static void test_validator_simd__select_and_blocks(void** state) {
  (void)state;
  // block (result v128) v128.const; v128.const; i32.const 1; select end
  std::vector<uint8_t> body = {0x00, 0x02, 0x7b};
  PushV128(&body);
  PushV128(&body);
  body.insert(body.end(), {0x41, 0x01, 0x1b, 0x0b, 0x0b});
  OneFunc f({}, {kV128}, body);
  EXPECT_OK(f.Check());
}

int RunSimdTests() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_validator_simd__opcode_table),
      cmocka_unit_test(test_validator_simd__arith_ok),
      cmocka_unit_test(test_validator_simd__type_mismatch),
      cmocka_unit_test(test_validator_simd__lane_index),
      cmocka_unit_test(test_validator_simd__shuffle_lanes),
      cmocka_unit_test(test_validator_simd__memory),
      cmocka_unit_test(test_validator_simd__illegal_opcodes),
      cmocka_unit_test(test_validator_simd__select_and_blocks),
  };
  return cmocka_run_group_tests_name("validator.simd", tests, nullptr, nullptr);
}
