// Constant expression decoder ("Constant Expressions"): consumes instructions up to `end` and
// produces ConstExpr ops. Wasm 2.0 constant instructions are t.const, ref.null, ref.func and
// global.get; any other valid opcode is "constant expression required" (kInvalid, reported here
// because the decoder cannot delimit an arbitrary instruction), an unknown one is malformed.
#include <cstdio>
#include <cstring>
#include <string>

#include "decoder/module_decoder_impl.h"

namespace wasmc {

namespace {

constexpr uint8_t kOpEnd = 0x0b;
constexpr uint8_t kOpElse = 0x05;
constexpr uint8_t kOpGlobalGet = 0x23;
constexpr uint8_t kOpI32Const = 0x41;
constexpr uint8_t kOpI64Const = 0x42;
constexpr uint8_t kOpF32Const = 0x43;
constexpr uint8_t kOpF64Const = 0x44;
constexpr uint8_t kOpRefNull = 0xd0;
constexpr uint8_t kOpRefFunc = 0xd2;
constexpr uint8_t kPrefixMisc = 0xfc;
constexpr uint8_t kPrefixSimd = 0xfd;
constexpr uint32_t kSimdV128Const = 0x0c;
constexpr uint32_t kMaxMiscOp = 0x11;  // table.fill

// Single-byte opcodes that exist in Wasm 2.0 (the prefixes 0xfc/0xfd are handled apart).
bool IsKnownOpcode(uint8_t op) {
  return op <= 0x05 || (op >= 0x0b && op <= 0x11) || (op >= 0x1a && op <= 0x1c) ||
         (op >= 0x20 && op <= 0x26) || (op >= 0x28 && op <= 0xc4) ||
         (op >= 0xd0 && op <= 0xd2);
}

}  // namespace

void ModuleDecoder::FailNonConstant(uint8_t opcode, uint32_t sub, bool has_sub, uint64_t at) {
  bool known = has_sub ? (opcode == kPrefixSimd || sub <= kMaxMiscOp) : IsKnownOpcode(opcode);
  if (known) {
    r_.FailAt(at, ErrorKind::kInvalid, "constant expression required");
    return;
  }
  char msg[48];
  if (has_sub) {
    std::snprintf(msg, sizeof(msg), "illegal opcode %02x %02x", opcode, sub);
  } else {
    std::snprintf(msg, sizeof(msg), "illegal opcode %02x", opcode);
  }
  r_.FailAt(at, ErrorKind::kMalformed, msg);
}

// Decodes one constant instruction whose opcode byte was just read; false (with the reader
// failed) when `opcode` is not a constant instruction.
bool ModuleDecoder::DecodeConstOp(uint8_t opcode, uint64_t at, ConstOp* op) {
  switch (opcode) {
    case kOpI32Const:
      op->kind = ConstOp::kI32Const;
      op->bits = uint64_t(int64_t(r_.ReadS32()));
      return true;
    case kOpI64Const:
      op->kind = ConstOp::kI64Const;
      op->bits = uint64_t(r_.ReadS64());
      return true;
    case kOpF32Const:
      op->kind = ConstOp::kF32Const;
      op->bits = r_.ReadFixedU32();
      return true;
    case kOpF64Const:
      op->kind = ConstOp::kF64Const;
      op->bits = r_.ReadFixedU64();
      return true;
    case kOpRefNull:
      op->kind = ConstOp::kRefNull;
      return r_.ReadRefType(&op->ref_type);
    case kOpRefFunc:
      op->kind = ConstOp::kRefFunc;
      op->index = r_.ReadU32();
      return true;
    case kOpGlobalGet:
      op->kind = ConstOp::kGlobalGet;
      op->index = r_.ReadU32();
      return true;
    case kPrefixMisc:
    case kPrefixSimd: {
      uint32_t sub = r_.ReadU32();
      if (!r_.ok()) return false;
      if (opcode == kPrefixSimd && sub == kSimdV128Const) {
        op->kind = ConstOp::kV128Const;
        const uint8_t* p = r_.ReadBytes(16);
        if (p != nullptr) std::memcpy(op->v128.data(), p, 16);
        return p != nullptr;
      }
      FailNonConstant(opcode, sub, true, at);
      return false;
    }
    default:
      FailNonConstant(opcode, 0, false, at);
      return false;
  }
}

void ModuleDecoder::DecodeConstExpr(ConstExpr* out) {
  out->offset = r_.offset();
  while (r_.ok()) {
    uint64_t at = r_.offset();
    uint8_t opcode = r_.ReadU8();
    if (!r_.ok() || opcode == kOpEnd) return;
    if (opcode == kOpElse) {
      r_.FailAt(at, ErrorKind::kMalformed, "END opcode expected");
      return;
    }
    ConstOp op;
    if (!DecodeConstOp(opcode, at, &op)) return;
    out->ops.push_back(op);
  }
}

}  // namespace wasmc
