// Unit tests for util/leb128: values, lengths and the spec's two error classes for each width.
#include "test_main.h"
#include "util/leb128.h"

using wasmc::DecodeSignedLeb;
using wasmc::DecodeUnsignedLeb;
using wasmc::LebError;
using wasmc::LebResult;

namespace {

template <size_t N>
LebResult U(const uint8_t (&b)[N], int bits) { return DecodeUnsignedLeb(b, b + N, bits); }
template <size_t N>
LebResult S(const uint8_t (&b)[N], int bits) { return DecodeSignedLeb(b, b + N, bits); }

void test_decoder_leb128__u32_values(void** state) {
  (void)state;
  const uint8_t one[] = {0x01};
  const uint8_t padded[] = {0x80, 0x80, 0x80, 0x80, 0x00};
  const uint8_t max[] = {0xff, 0xff, 0xff, 0xff, 0x0f};
  LebResult r = U(one, 32);
  assert_int_equal(r.error, LebError::kOk);
  assert_int_equal(r.value, 1);
  assert_int_equal(r.length, 1);
  r = U(padded, 32);
  assert_int_equal(r.error, LebError::kOk);
  assert_int_equal(r.value, 0);
  assert_int_equal(r.length, 5);
  r = U(max, 32);
  assert_int_equal(r.error, LebError::kOk);
  assert_int_equal(r.value, 0xffffffffu);
}

void test_decoder_leb128__u32_errors(void** state) {
  (void)state;
  const uint8_t too_long[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
  const uint8_t too_large[] = {0xff, 0xff, 0xff, 0xff, 0x1f};
  const uint8_t truncated[] = {0x80, 0x80};
  assert_int_equal(U(too_long, 32).error, LebError::kTooLong);
  assert_int_equal(U(too_long, 32).length, 5);
  assert_int_equal(U(too_large, 32).error, LebError::kTooLarge);
  assert_int_equal(U(too_large, 32).length, 4);
  assert_int_equal(U(truncated, 32).error, LebError::kEnd);
  assert_int_equal(DecodeUnsignedLeb(truncated, truncated, 32).error, LebError::kEnd);
}

void test_decoder_leb128__s32_sign_extension(void** state) {
  (void)state;
  const uint8_t minus_one[] = {0x7f};
  const uint8_t min[] = {0x80, 0x80, 0x80, 0x80, 0x78};
  const uint8_t padded_minus_one[] = {0xff, 0xff, 0xff, 0xff, 0x7f};
  const uint8_t bad_sign[] = {0xff, 0xff, 0xff, 0xff, 0x4f};
  assert_int_equal(int64_t(S(minus_one, 32).value), -1);
  assert_int_equal(int64_t(S(min, 32).value), INT32_MIN);
  assert_int_equal(int64_t(S(padded_minus_one, 32).value), -1);
  assert_int_equal(S(bad_sign, 32).error, LebError::kTooLarge);
}

void test_decoder_leb128__s33_and_s64(void** state) {
  (void)state;
  const uint8_t s33_max[] = {0xff, 0xff, 0xff, 0xff, 0x0f};   // 2^32 - 1
  const uint8_t s33_bad[] = {0xff, 0xff, 0xff, 0xff, 0x1f};
  const uint8_t s64_min[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f};
  const uint8_t s64_bad[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01};
  const uint8_t u64_long[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
  assert_int_equal(S(s33_max, 33).error, LebError::kOk);
  assert_int_equal(int64_t(S(s33_max, 33).value), 0xffffffffLL);
  assert_int_equal(S(s33_bad, 33).error, LebError::kTooLarge);
  assert_int_equal(S(s64_min, 64).error, LebError::kOk);
  assert_true(int64_t(S(s64_min, 64).value) == INT64_MIN);
  assert_int_equal(S(s64_bad, 64).error, LebError::kTooLarge);
  assert_int_equal(U(u64_long, 64).error, LebError::kTooLong);
}

void test_decoder_leb128__one_bit_flag(void** state) {
  (void)state;
  const uint8_t two[] = {0x02};
  const uint8_t long_one[] = {0x81, 0x00};
  const uint8_t one[] = {0x01};
  assert_int_equal(U(one, 1).value, 1);
  assert_int_equal(U(two, 1).error, LebError::kTooLarge);
  assert_int_equal(U(long_one, 1).error, LebError::kTooLong);
}

}  // namespace

int RunLeb128Tests() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_decoder_leb128__u32_values),
      cmocka_unit_test(test_decoder_leb128__u32_errors),
      cmocka_unit_test(test_decoder_leb128__s32_sign_extension),
      cmocka_unit_test(test_decoder_leb128__s33_and_s64),
      cmocka_unit_test(test_decoder_leb128__one_bit_flag),
  };
  return cmocka_run_group_tests_name("decoder_leb128", tests, nullptr, nullptr);
}
