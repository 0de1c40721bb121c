// LEB128 decoding ("Integers" in the binary format): consumes bytes in [p, end) and produces the
// value, the number of bytes read and, on failure, why. Enforces the spec's limits for an N-bit
// integer: at most ceil(N/7) bytes ("integer representation too long") and the unused bits of
// the last byte must be zero (unsigned) or a sign extension (signed) ("integer too large").
#ifndef WASMC_UTIL_LEB128_H_
#define WASMC_UTIL_LEB128_H_

#include <cstdint>

namespace wasmc {

enum class LebError : uint8_t {
  kOk = 0,
  kEnd,       // ran out of bytes before the last byte of the number
  kTooLong,   // more than ceil(bits/7) bytes
  kTooLarge,  // unused bits of the last byte are not zero (or not a sign extension)
};

struct LebResult {
  uint64_t value = 0;   // zero-extended (unsigned) or two's complement sign-extended (signed)
  uint32_t length = 0;  // bytes consumed; on error, the index of the offending byte
  LebError error = LebError::kOk;
};

// Decodes an unsigned LEB128 of at most `bits` bits (1 <= bits <= 64).
LebResult DecodeUnsignedLeb(const uint8_t* p, const uint8_t* end, int bits);
// Decodes a signed LEB128 of at most `bits` bits (1 <= bits <= 64); `value` is sign-extended.
LebResult DecodeSignedLeb(const uint8_t* p, const uint8_t* end, int bits);

// The spec's message for `error` ("unexpected end", "integer representation too long",
// "integer too large"); "" for kOk.
const char* LebErrorMessage(LebError error);

}  // namespace wasmc

#endif  // WASMC_UTIL_LEB128_H_
