// Reader: a bounds-checked byte cursor over [begin, end) with a sticky first error (V8's
// `Decoder`). Consumes raw module bytes; produces integers, names and types in the binary
// format's encodings. Used by the module decoder and by the function validator for immediates.
#ifndef WASMC_DECODER_READER_H_
#define WASMC_DECODER_READER_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "ir/types.h"
#include "util/result.h"

namespace wasmc {

// Error contract: the first failure is recorded (kind, message, module byte offset) and the
// cursor jumps to `end`, so every later read fails quietly and returns 0 / nullptr / false.
// Callers may therefore read a whole structure and test `ok()` once at the end, as long as they
// never index with a value read after a failure. Offsets are module offsets: `base_offset` is the
// module offset of `begin`.
class Reader {
 public:
  Reader(const uint8_t* begin, const uint8_t* end, uint64_t base_offset);

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  size_t remaining() const { return size_t(end_ - pos_); }
  bool at_end() const { return pos_ == end_; }
  uint64_t offset() const { return base_offset_ + uint64_t(pos_ - begin_); }
  const uint8_t* pos() const { return pos_; }

  // Records `msg` at the current offset (or `at`) unless an error is already recorded.
  void Fail(ErrorKind kind, std::string msg);
  void FailAt(uint64_t at, ErrorKind kind, std::string msg);

  uint8_t ReadU8();
  uint8_t PeekU8();  // 0 at the end (without failing)
  // LEB128 integers; errors "unexpected end of section or function",
  // "integer representation too long", "integer too large".
  uint32_t ReadU32();
  uint64_t ReadU64();
  int32_t ReadS32();
  int64_t ReadS33();  // block types
  int64_t ReadS64();
  uint32_t ReadVarU1();  // the limits flag of Wasm 2.0 (a 1-bit LEB128)
  int32_t ReadS7();      // type constructors such as the function type form -0x20 (0x60)
  uint32_t ReadFixedU32();  // little-endian (f32 bit patterns)
  uint64_t ReadFixedU64();  // little-endian (f64 bit patterns)

  // A vector count or byte length (u32). Like the reference interpreter, fails with
  // "length out of bounds" when it exceeds the bytes left (counted from the LEB's first byte),
  // so a caller may reserve `count` elements of >= 1 byte each without trusting the input.
  uint32_t ReadLength();
  // Returns a pointer to the next `n` bytes and skips them; nullptr on failure.
  const uint8_t* ReadBytes(size_t n);
  // A length-prefixed UTF-8 name ("malformed UTF-8 encoding").
  bool ReadName(std::string* out);

  // Value types ("malformed value type") and reference types ("malformed reference type").
  bool ReadValType(ValType* out);
  bool ReadRefType(ValType* out);

 private:
  void FailEnd();
  uint64_t ReadLeb(bool is_signed, int bits);

  const uint8_t* begin_;
  const uint8_t* pos_;
  const uint8_t* end_;
  uint64_t base_offset_;
  Status status_;
};

// True when [p, p + n) is well-formed UTF-8 ("Names": no overlong forms, no surrogates,
// nothing above U+10FFFF).
bool IsValidUtf8(const uint8_t* p, size_t n);

}  // namespace wasmc

#endif  // WASMC_DECODER_READER_H_
