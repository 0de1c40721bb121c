// Unit tests for decoder/reader: sticky first error, offsets, lengths, names and types.
#include <string>

#include "decoder/reader.h"
#include "test_main.h"

using wasmc::ErrorKind;
using wasmc::Reader;
using wasmc::ValType;

namespace {

void test_decoder_reader__first_error_wins(void** state) {
  (void)state;
  const uint8_t b[] = {0x05, 0xff};
  Reader r(b, b + sizeof(b), 100);
  assert_int_equal(r.ReadU8(), 5);
  assert_int_equal(r.offset(), 101);
  assert_int_equal(r.ReadU32(), 0);  // 0xff then end: truncated LEB
  AssertError(r.status(), ErrorKind::kMalformed, "unexpected end");
  assert_int_equal(r.status().offset(), 102);
  r.Fail(ErrorKind::kInvalid, "second");
  assert_int_equal(r.ReadU8(), 0);
  AssertError(r.status(), ErrorKind::kMalformed, "unexpected end");
  assert_true(r.at_end());
}

void test_decoder_reader__fixed_and_signed(void** state) {
  (void)state;
  const uint8_t b[] = {0x78, 0x56, 0x34, 0x12, 0x7f, 0x40};
  Reader r(b, b + sizeof(b), 0);
  assert_int_equal(r.ReadFixedU32(), 0x12345678u);
  assert_int_equal(r.ReadS32(), -1);
  assert_int_equal(r.ReadS33(), -64);
  assert_true(r.ok());
  assert_true(r.at_end());
}

void test_decoder_reader__length_out_of_bounds(void** state) {
  (void)state;
  const uint8_t b[] = {0x05, 0x00, 0x00};
  Reader r(b, b + sizeof(b), 0);
  assert_int_equal(r.ReadLength(), 0);
  AssertError(r.status(), ErrorKind::kMalformed, "length out of bounds");
  const uint8_t ok[] = {0x02, 0x00, 0x00};
  Reader r2(ok, ok + sizeof(ok), 0);
  assert_int_equal(r2.ReadLength(), 2);
  assert_non_null(r2.ReadBytes(2));
  assert_true(r2.ok());
}

void test_decoder_reader__names(void** state) {
  (void)state;
  const uint8_t good[] = {0x04, 0xe2, 0x82, 0xac, 'x'};  // "€x"
  const uint8_t overlong[] = {0x02, 0xc0, 0x80};
  const uint8_t surrogate[] = {0x03, 0xed, 0xa0, 0x80};
  const uint8_t too_big[] = {0x04, 0xf4, 0x90, 0x80, 0x80};
  std::string s;
  Reader r(good, good + sizeof(good), 0);
  assert_true(r.ReadName(&s));
  assert_int_equal(s.size(), 4);
  Reader r2(overlong, overlong + sizeof(overlong), 0);
  assert_false(r2.ReadName(&s));
  AssertError(r2.status(), ErrorKind::kMalformed, "malformed UTF-8 encoding");
  assert_false(wasmc::IsValidUtf8(surrogate + 1, 3));
  assert_false(wasmc::IsValidUtf8(too_big + 1, 4));
}

void test_decoder_reader__types(void** state) {
  (void)state;
  const uint8_t b[] = {0x7b, 0x6f, 0x7f, 0x40};
  Reader r(b, b + sizeof(b), 0);
  ValType t;
  assert_true(r.ReadValType(&t));
  assert_int_equal(t, ValType::kV128);
  assert_true(r.ReadRefType(&t));
  assert_int_equal(t, ValType::kExternRef);
  assert_false(r.ReadRefType(&t));
  AssertError(r.status(), ErrorKind::kMalformed, "malformed reference type");
  const uint8_t bad[] = {0x40};
  Reader r2(bad, bad + 1, 0);
  assert_false(r2.ReadValType(&t));
  AssertError(r2.status(), ErrorKind::kMalformed, "malformed value type");
}

}  // namespace

int RunReaderTests() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_decoder_reader__first_error_wins),
      cmocka_unit_test(test_decoder_reader__fixed_and_signed),
      cmocka_unit_test(test_decoder_reader__length_out_of_bounds),
      cmocka_unit_test(test_decoder_reader__names),
      cmocka_unit_test(test_decoder_reader__types),
  };
  return cmocka_run_group_tests_name("decoder_reader", tests, nullptr, nullptr);
}
