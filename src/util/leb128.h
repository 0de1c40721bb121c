// LEB128 decoding ("Integers" in the binary format): consumes bytes in [p, end) and produces the
// value, the number of bytes read and, on failure, why. Enforces the spec's limits for an N-bit
// integer: at most ceil(N/7) bytes ("integer representation too long") and the unused bits of
// the last byte must be zero (unsigned) or a sign extension (signed) ("integer too large").
#ifndef WASMC_UTIL_LEB128_H_
#define WASMC_UTIL_LEB128_H_

#include <cstddef>
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

// Inline, so that a caller with a constant `bits` gets a decoder specialised for it.
// Both decoders read the bytes before the last one an N-bit number may have (ceil(N/7) bytes)
// after one bounds check and without limit checks, since they cannot exceed N bits; only that
// last byte is range-checked, and a continuation bit on it is "integer representation too long".
// On an error, `length` is the index of the offending byte, as the spec's recursive definition
// counts it.

// Decodes an unsigned LEB128 of at most `bits` bits (1 <= bits <= 64).
inline LebResult DecodeUnsignedLeb(const uint8_t* p, const uint8_t* end, int bits) {
  const uint32_t last = uint32_t(bits - 1) / 7;  // index of the last byte allowed
  const size_t avail = size_t(end - p);
  const uint32_t n = avail < last ? uint32_t(avail) : last;
  LebResult r;
  uint32_t i = 0;
  for (; i < n; ++i) {
    uint8_t b = p[i];
    r.value |= uint64_t(b & 0x7f) << (7 * i);
    if ((b & 0x80) == 0) return LebResult{r.value, i + 1, LebError::kOk};
  }
  if (avail <= i) return LebResult{r.value, i, LebError::kEnd};
  uint8_t b = p[i];
  int left = bits - int(7 * i);  // 1..7 value bits remain for this byte
  if (left < 7 && (b & 0x7f) >= (1u << left)) return LebResult{r.value, i, LebError::kTooLarge};
  r.value |= uint64_t(b & 0x7f) << (7 * i);
  if ((b & 0x80) != 0) return LebResult{r.value, i + 1, LebError::kTooLong};
  return LebResult{r.value, i + 1, LebError::kOk};
}

// Decodes a signed LEB128 of at most `bits` bits (1 <= bits <= 64); `value` is sign-extended.
inline LebResult DecodeSignedLeb(const uint8_t* p, const uint8_t* end, int bits) {
  const uint32_t last = uint32_t(bits - 1) / 7;
  const size_t avail = size_t(end - p);
  const uint32_t n = avail < last ? uint32_t(avail) : last;
  LebResult r;
  uint32_t i = 0;
  for (; i < n; ++i) {
    uint8_t b = p[i];
    r.value |= uint64_t(b & 0x7f) << (7 * i);
    if ((b & 0x80) == 0) {
      // 7 * (i + 1) <= 63 here, so the shift is in range.
      if ((b & 0x40) != 0) r.value |= ~uint64_t(0) << (7 * (i + 1));
      return LebResult{r.value, i + 1, LebError::kOk};
    }
  }
  if (avail <= i) return LebResult{r.value, i, LebError::kEnd};
  uint8_t b = p[i];
  int left = bits - int(7 * i);
  if (left < 7) {
    // The bits above the value's top bit must all equal its sign bit.
    uint8_t mask = uint8_t((0xffu << (left - 1)) & 0x7f);
    if ((b & mask) != 0 && (b & mask) != mask) return LebResult{r.value, i, LebError::kTooLarge};
  }
  r.value |= uint64_t(b & 0x7f) << (7 * i);
  if ((b & 0x80) != 0) return LebResult{r.value, i + 1, LebError::kTooLong};
  if (7 * i + 7 < 64 && (b & 0x40) != 0) r.value |= ~uint64_t(0) << (7 * i + 7);
  return LebResult{r.value, i + 1, LebError::kOk};
}

// The spec's message for `error` ("unexpected end", "integer representation too long",
// "integer too large"); "" for kOk.
const char* LebErrorMessage(LebError error);

}  // namespace wasmc

#endif  // WASMC_UTIL_LEB128_H_
