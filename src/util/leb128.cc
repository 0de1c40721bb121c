// LEB128 decoding with the spec's length and range limits: bytes in, value + length or error out.
#include "util/leb128.h"

namespace wasmc {

LebResult DecodeUnsignedLeb(const uint8_t* p, const uint8_t* end, int bits) {
  LebResult r;
  int left = bits;  // value bits still allowed, as in the spec's recursive definition
  uint32_t shift = 0;
  for (uint32_t i = 0;; ++i, shift += 7, left -= 7) {
    r.length = i;
    if (left <= 0) {
      r.error = LebError::kTooLong;
      return r;
    }
    if (p + i >= end) {
      r.error = LebError::kEnd;
      return r;
    }
    uint8_t b = p[i];
    if (left < 7 && (b & 0x7f) >= (1u << left)) {
      r.error = LebError::kTooLarge;
      return r;
    }
    r.value |= uint64_t(b & 0x7f) << shift;
    if ((b & 0x80) == 0) {
      r.length = i + 1;
      return r;
    }
  }
}

LebResult DecodeSignedLeb(const uint8_t* p, const uint8_t* end, int bits) {
  LebResult r;
  int left = bits;
  uint32_t shift = 0;
  for (uint32_t i = 0;; ++i, shift += 7, left -= 7) {
    r.length = i;
    if (left <= 0) {
      r.error = LebError::kTooLong;
      return r;
    }
    if (p + i >= end) {
      r.error = LebError::kEnd;
      return r;
    }
    uint8_t b = p[i];
    if (left < 7) {
      // The bits above the value's top bit must all equal its sign bit.
      uint8_t mask = uint8_t((0xffu << (left - 1)) & 0x7f);
      if ((b & mask) != 0 && (b & mask) != mask) {
        r.error = LebError::kTooLarge;
        return r;
      }
    }
    r.value |= uint64_t(b & 0x7f) << shift;
    if ((b & 0x80) == 0) {
      if (shift + 7 < 64 && (b & 0x40) != 0) r.value |= ~uint64_t(0) << (shift + 7);
      r.length = i + 1;
      return r;
    }
  }
}

const char* LebErrorMessage(LebError error) {
  switch (error) {
    case LebError::kOk: return "";
    case LebError::kEnd: return "unexpected end of section or function";
    case LebError::kTooLong: return "integer representation too long";
    case LebError::kTooLarge: return "integer too large";
  }
  return "";
}

}  // namespace wasmc
