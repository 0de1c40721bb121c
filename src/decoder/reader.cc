// Reader implementation: bounds-checked reads over a byte range, first error wins; plus the UTF-8
// check for names.
#include "decoder/reader.h"

#include <utility>

#include "util/leb128.h"

namespace wasmc {

Reader::Reader(const uint8_t* begin, const uint8_t* end, uint64_t base_offset)
    : begin_(begin), pos_(begin), end_(end), base_offset_(base_offset) {}

void Reader::Fail(ErrorKind kind, std::string msg) { FailAt(offset(), kind, std::move(msg)); }

void Reader::FailAt(uint64_t at, ErrorKind kind, std::string msg) {
  if (status_.ok()) status_ = Status::Error(kind, std::move(msg), at);
  pos_ = end_;
}

// Out of line so that the LEB128 readers need no stack frame for building the message.
void Reader::FailLeb(LebError error, uint32_t index) {
  FailAt(offset() + index, ErrorKind::kMalformed, LebErrorMessage(error));
}

void Reader::FailEnd() {
  Fail(ErrorKind::kMalformed, "unexpected end of section or function");
}

template <bool kSigned, int kBits>
uint64_t Reader::ReadLeb() {
  LebResult r = kSigned ? DecodeSignedLeb(pos_, end_, kBits) : DecodeUnsignedLeb(pos_, end_, kBits);
  if (r.error != LebError::kOk) {
    FailLeb(r.error, r.length);
    return 0;
  }
  pos_ += r.length;
  return r.value;
}

template uint64_t Reader::ReadLeb<false, 32>();
template uint64_t Reader::ReadLeb<false, 64>();
template uint64_t Reader::ReadLeb<true, 32>();
template uint64_t Reader::ReadLeb<true, 33>();
template uint64_t Reader::ReadLeb<true, 64>();

uint32_t Reader::ReadVarU1() { return uint32_t(ReadLeb<false, 1>()); }
int32_t Reader::ReadS7() { return int32_t(ReadLeb<true, 7>()); }

uint32_t Reader::ReadFixedU32Slow() {
  const uint8_t* p = ReadBytes(4);
  return p == nullptr ? 0 : LoadLe32(p);
}

uint64_t Reader::ReadFixedU64Slow() {
  uint64_t lo = ReadFixedU32();
  uint64_t hi = ReadFixedU32();
  return lo | hi << 32;
}

uint32_t Reader::ReadLength() {
  uint64_t at = offset();
  size_t left = remaining();
  uint32_t n = ReadU32();
  if (ok() && n > left) FailAt(at, ErrorKind::kMalformed, "length out of bounds");
  return ok() ? n : 0;
}

const uint8_t* Reader::ReadBytes(size_t n) {
  if (n > remaining()) {
    FailEnd();
    return nullptr;
  }
  const uint8_t* p = pos_;
  pos_ += n;
  return p;
}

bool Reader::ReadName(std::string* out) {
  uint64_t at = offset();
  uint32_t n = ReadLength();
  const uint8_t* p = ReadBytes(n);
  if (p == nullptr) return false;
  if (!IsValidUtf8(p, n)) {
    FailAt(at, ErrorKind::kMalformed, "malformed UTF-8 encoding");
    return false;
  }
  out->assign(reinterpret_cast<const char*>(p), n);
  return true;
}

bool Reader::ReadValType(ValType* out) {
  uint64_t at = offset();
  uint8_t b = ReadU8();
  if (!ok()) return false;
  switch (b) {
    case 0x7f: case 0x7e: case 0x7d: case 0x7c: case 0x7b: case 0x70: case 0x6f:
      *out = static_cast<ValType>(b);
      return true;
    default:
      FailAt(at, ErrorKind::kMalformed, "malformed value type");
      return false;
  }
}

bool Reader::ReadRefType(ValType* out) {
  uint64_t at = offset();
  uint8_t b = ReadU8();
  if (!ok()) return false;
  if (b != 0x70 && b != 0x6f) {
    FailAt(at, ErrorKind::kMalformed, "malformed reference type");
    return false;
  }
  *out = static_cast<ValType>(b);
  return true;
}

// Length of the UTF-8 sequence starting at p[0] (1..4), or 0 if it is not well-formed
// ("Names" in the binary format: the encoding must be the shortest, no surrogates, <= U+10FFFF).
static size_t Utf8SequenceLength(const uint8_t* p, size_t left) {
  uint8_t b0 = p[0];
  if (b0 < 0x80) return 1;
  size_t len;
  uint32_t cp;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    len = 2, cp = b0 & 0x1f;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    len = 3, cp = b0 & 0x0f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    len = 4, cp = b0 & 0x07;
  } else {
    return 0;  // continuation byte, overlong 2-byte lead (c0, c1) or lead above f4
  }
  if (len > left) return 0;
  for (size_t i = 1; i < len; ++i) {
    if ((p[i] & 0xc0) != 0x80) return 0;
    cp = cp << 6 | (p[i] & 0x3f);
  }
  if (len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) return 0;
  if (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) return 0;
  return len;
}

bool IsValidUtf8(const uint8_t* p, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t len = Utf8SequenceLength(p + i, n - i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

}  // namespace wasmc
