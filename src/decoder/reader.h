// Reader: a bounds-checked byte cursor over [begin, end) with a sticky first error (V8's
// `Decoder`). Consumes raw module bytes; produces integers, names and types in the binary
// format's encodings. Used by the module decoder and by the function validator for immediates.
#ifndef WASMC_DECODER_READER_H_
#define WASMC_DECODER_READER_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "ir/types.h"
#include "util/leb128.h"
#include "util/result.h"

// For small helpers on every instruction's path that must be inlined even into a very large
// caller, such as the validator's opcode switch (GCC stops inlining into those on its own).
#if defined(__GNUC__)
#define WASMC_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define WASMC_ALWAYS_INLINE inline
#endif

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
  const uint8_t* end() const { return end_; }

  // Records `msg` at the current offset (or `at`) unless an error is already recorded.
  void Fail(ErrorKind kind, std::string msg);
  void FailAt(uint64_t at, ErrorKind kind, std::string msg);

  // The hot reads (a byte, one-byte LEB128s) are inline; longer LEBs take ReadLeb.
  WASMC_ALWAYS_INLINE uint8_t ReadU8() {
    if (pos_ < end_) return *pos_++;
    FailEnd();
    return 0;
  }
  uint8_t PeekU8() const { return pos_ < end_ ? *pos_ : 0; }  // 0 at the end (without failing)
  void Skip(size_t n) { pos_ += n; }  // n <= remaining(), e.g. after a successful peek
  // LEB128 integers; errors "unexpected end of section or function",
  // "integer representation too long", "integer too large".
  WASMC_ALWAYS_INLINE uint32_t ReadU32() {
    if (pos_ < end_ && *pos_ < 0x80) return *pos_++;
    return uint32_t(ReadLeb<false, 32>());
  }
  uint64_t ReadU64() { return ReadLeb<false, 64>(); }
  WASMC_ALWAYS_INLINE int32_t ReadS32() {
    if (pos_ < end_ && *pos_ < 0x80) return int32_t(SignExtend7(*pos_++));
    return int32_t(ReadLeb<true, 32>());
  }
  WASMC_ALWAYS_INLINE int64_t ReadS33() {  // block types
    if (pos_ < end_ && *pos_ < 0x80) return SignExtend7(*pos_++);
    return int64_t(ReadLeb<true, 33>());
  }
  WASMC_ALWAYS_INLINE int64_t ReadS64() {
    if (pos_ < end_ && *pos_ < 0x80) return SignExtend7(*pos_++);
    return int64_t(ReadLeb<true, 64>());
  }
  uint32_t ReadVarU1();  // the limits flag of Wasm 2.0 (a 1-bit LEB128)
  int32_t ReadS7();      // type constructors such as the function type form -0x20 (0x60)
  WASMC_ALWAYS_INLINE uint32_t ReadFixedU32() {  // little-endian (f32 bit patterns)
    if (remaining() < 4) return ReadFixedU32Slow();
    uint32_t v = LoadLe32(pos_);
    pos_ += 4;
    return v;
  }
  WASMC_ALWAYS_INLINE uint64_t ReadFixedU64() {  // little-endian (f64 bit patterns)
    if (remaining() < 8) return ReadFixedU64Slow();
    uint64_t v = LoadLe32(pos_) | uint64_t(LoadLe32(pos_ + 4)) << 32;
    pos_ += 8;
    return v;
  }

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
  // The value of a one-byte signed LEB128 (bit 6 is the sign).
  static int64_t SignExtend7(uint8_t b) { return int64_t(b) - int64_t((b & 0x40) << 1); }
  static uint32_t LoadLe32(const uint8_t* p) {
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
  }
  uint32_t ReadFixedU32Slow();  // fewer than 4 bytes left
  uint64_t ReadFixedU64Slow();  // fewer than 8 bytes left: fails where the u32 reads would
  void FailEnd();
  [[gnu::noinline]] void FailLeb(LebError error, uint32_t index);
  // Multi-byte LEB128s; instantiated in reader.cc for the widths above, so that each decoder is
  // specialised for its width.
  template <bool kSigned, int kBits>
  uint64_t ReadLeb();

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
