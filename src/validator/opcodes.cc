// Static opcode tables generated from opcodes.def at compile time: names, immediate kinds,
// signatures, the (prefix, code) -> Opcode lookup, natural alignments and lane counts.
#include "validator/opcodes.h"

#include <array>

namespace wasmc {
namespace {

constexpr uint32_t kNumOpcodes = static_cast<uint32_t>(Opcode::kCount);

struct OpRow {
  uint8_t prefix;
  uint32_t code;
};

constexpr OpRow kRows[] = {
#define WASMC_OPCODE(name, prefix, code, text, imm, sig) {prefix, code},
#include "validator/opcodes.def"
#undef WASMC_OPCODE
};

constexpr const char* kNames[] = {
#define WASMC_OPCODE(name, prefix, code, text, imm, sig) text,
#include "validator/opcodes.def"
#undef WASMC_OPCODE
};

struct LookupTables {
  uint16_t single[256];
  uint16_t fc[kNumFcCodes];
  uint16_t fd[256];
};

constexpr LookupTables BuildLookupTables() {
  LookupTables t{};
  for (uint32_t i = 0; i < 256; ++i) t.single[i] = t.fd[i] = kNoOpcode;
  for (uint32_t i = 0; i < kNumFcCodes; ++i) t.fc[i] = kNoOpcode;
  for (uint32_t op = 0; op < kNumOpcodes; ++op) {
    const OpRow& r = kRows[op];
    if (r.prefix == 0x00) t.single[r.code] = uint16_t(op);
    if (r.prefix == 0xfc) t.fc[r.code] = uint16_t(op);
    if (r.prefix == 0xfd) t.fd[r.code] = uint16_t(op);
  }
  return t;
}

constexpr LookupTables kLookup = BuildLookupTables();

static_assert(sizeof(kRows) / sizeof(kRows[0]) == kNumOpcodes, "opcodes.def row count");
static_assert(kNumOpcodes < kNoOpcode, "Opcode must fit the lookup tables");

constexpr uint8_t NaturalAlignLog2Of(Opcode op) {
  switch (op) {
    case Opcode::I32Load8S: case Opcode::I32Load8U: case Opcode::I64Load8S:
    case Opcode::I64Load8U: case Opcode::I32Store8: case Opcode::I64Store8:
    case Opcode::V128Load8Splat: case Opcode::V128Load8Lane: case Opcode::V128Store8Lane:
      return 0;
    case Opcode::I32Load16S: case Opcode::I32Load16U: case Opcode::I64Load16S:
    case Opcode::I64Load16U: case Opcode::I32Store16: case Opcode::I64Store16:
    case Opcode::V128Load16Splat: case Opcode::V128Load16Lane: case Opcode::V128Store16Lane:
      return 1;
    case Opcode::I32Load: case Opcode::F32Load: case Opcode::I64Load32S:
    case Opcode::I64Load32U: case Opcode::I32Store: case Opcode::F32Store:
    case Opcode::I64Store32: case Opcode::V128Load32Splat: case Opcode::V128Load32Zero:
    case Opcode::V128Load32Lane: case Opcode::V128Store32Lane:
      return 2;
    case Opcode::I64Load: case Opcode::F64Load: case Opcode::I64Store: case Opcode::F64Store:
    case Opcode::V128Load8x8S: case Opcode::V128Load8x8U: case Opcode::V128Load16x4S:
    case Opcode::V128Load16x4U: case Opcode::V128Load32x2S: case Opcode::V128Load32x2U:
    case Opcode::V128Load64Splat: case Opcode::V128Load64Zero: case Opcode::V128Load64Lane:
    case Opcode::V128Store64Lane:
      return 3;
    case Opcode::V128Load: case Opcode::V128Store:
      return 4;
    default:
      return 0;
  }
}

constexpr uint8_t LaneCountOf(Opcode op) {
  switch (op) {
    case Opcode::I8x16ExtractLaneS: case Opcode::I8x16ExtractLaneU:
    case Opcode::I8x16ReplaceLane: case Opcode::V128Load8Lane: case Opcode::V128Store8Lane:
      return 16;
    case Opcode::I16x8ExtractLaneS: case Opcode::I16x8ExtractLaneU:
    case Opcode::I16x8ReplaceLane: case Opcode::V128Load16Lane: case Opcode::V128Store16Lane:
      return 8;
    case Opcode::I32x4ExtractLane: case Opcode::I32x4ReplaceLane:
    case Opcode::F32x4ExtractLane: case Opcode::F32x4ReplaceLane:
    case Opcode::V128Load32Lane: case Opcode::V128Store32Lane:
      return 4;
    case Opcode::I64x2ExtractLane: case Opcode::I64x2ReplaceLane:
    case Opcode::F64x2ExtractLane: case Opcode::F64x2ReplaceLane:
    case Opcode::V128Load64Lane: case Opcode::V128Store64Lane:
      return 2;
    default:
      return 0;
  }
}

constexpr OpcodeByteTables BuildByteTables() {
  OpcodeByteTables t{};
  for (uint32_t op = 0; op < kNumOpcodes; ++op) {
    t.align[op] = NaturalAlignLog2Of(static_cast<Opcode>(op));
    t.lanes[op] = LaneCountOf(static_cast<Opcode>(op));
  }
  return t;
}

}  // namespace

constexpr OpcodeByteTables kOpcodeByteTables = BuildByteTables();

const uint16_t kSingleByteOpcodes[256] = {
#define WASMC_ROW(i) kLookup.single[i]
#define WASMC_ROW8(i) WASMC_ROW(i), WASMC_ROW(i + 1), WASMC_ROW(i + 2), WASMC_ROW(i + 3), \
    WASMC_ROW(i + 4), WASMC_ROW(i + 5), WASMC_ROW(i + 6), WASMC_ROW(i + 7)
#define WASMC_ROW64(i) WASMC_ROW8(i), WASMC_ROW8(i + 8), WASMC_ROW8(i + 16), WASMC_ROW8(i + 24), \
    WASMC_ROW8(i + 32), WASMC_ROW8(i + 40), WASMC_ROW8(i + 48), WASMC_ROW8(i + 56)
    WASMC_ROW64(0), WASMC_ROW64(64), WASMC_ROW64(128), WASMC_ROW64(192)};
#undef WASMC_ROW
#define WASMC_ROW(i) kLookup.fd[i]
const uint16_t kFdOpcodes[256] = {WASMC_ROW64(0), WASMC_ROW64(64), WASMC_ROW64(128),
                                  WASMC_ROW64(192)};
#undef WASMC_ROW
#define WASMC_ROW(i) kLookup.fc[i]
const uint16_t kFcOpcodes[kNumFcCodes] = {WASMC_ROW8(0), WASMC_ROW8(8), WASMC_ROW8(16),
                                          WASMC_ROW8(24)};
#undef WASMC_ROW
#undef WASMC_ROW8
#undef WASMC_ROW64

const ImmKind kOpcodeImm[] = {
#define WASMC_OPCODE(name, prefix, code, text, imm, sig) ImmKind::imm,
#include "validator/opcodes.def"
#undef WASMC_OPCODE
};

const OpSig kOpcodeSig[] = {
#define WASMC_OPCODE(name, prefix, code, text, imm, sig) OpSig::sig,
#include "validator/opcodes.def"
#undef WASMC_OPCODE
};

const char* OpcodeName(Opcode op) {
  uint32_t i = static_cast<uint32_t>(op);
  return i < kNumOpcodes ? kNames[i] : "<invalid opcode>";
}

}  // namespace wasmc
