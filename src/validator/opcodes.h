// Opcode metadata derived from opcodes.def: (prefix, code) -> Opcode lookup, immediate kind,
// operand signature, natural alignment of memory accesses and lane counts of SIMD lane ops.
// Consumed by the function validator and the translator; all tables are static and constant.
#ifndef WASMC_VALIDATOR_OPCODES_H_
#define WASMC_VALIDATOR_OPCODES_H_

#include <cstdint>

#include "ir/types.h"
#include "validator/instr.h"

namespace wasmc {

// Lookup tables, built at compile time in opcodes.cc. Entries hold an `Opcode` value, or
// `kNoOpcode` for codes Wasm 2.0 does not define.
constexpr uint16_t kNoOpcode = 0xffff;
constexpr uint32_t kNumFcCodes = 32;  // 0xFC codes are 0x00..0x11; the table leaves room
extern const uint16_t kSingleByteOpcodes[256];
extern const uint16_t kFcOpcodes[kNumFcCodes];
extern const uint16_t kFdOpcodes[256];
extern const ImmKind kOpcodeImm[];  // indexed by Opcode
extern const OpSig kOpcodeSig[];    // indexed by Opcode

// Returns false for a byte that is a prefix (0xFC, 0xFD) or an undefined opcode.
inline bool LookupSingleByteOpcode(uint8_t byte, Opcode* out) {
  uint16_t v = kSingleByteOpcodes[byte];
  *out = static_cast<Opcode>(v);
  return v != kNoOpcode;
}

// `prefix` is 0xFC or 0xFD; `code` the u32 after it. False when undefined.
inline bool LookupPrefixedOpcode(uint8_t prefix, uint32_t code, Opcode* out) {
  uint16_t v = kNoOpcode;
  if (prefix == 0xfc) {
    if (code < kNumFcCodes) v = kFcOpcodes[code];
  } else if (prefix == 0xfd) {
    if (code < 256) v = kFdOpcodes[code];
  }
  *out = static_cast<Opcode>(v);
  return v != kNoOpcode;
}

inline ImmKind OpcodeImm(Opcode op) { return kOpcodeImm[static_cast<uint16_t>(op)]; }
inline OpSig OpcodeSig(Opcode op) { return kOpcodeSig[static_cast<uint16_t>(op)]; }

// The operand types of a plain value op (any OpSig except kSpecial): pops `params` (bottom
// first), pushes `result` unless it is kUnknown (the V_ signatures produce nothing).
struct SigTypes {
  ValType result;
  uint8_t num_params;
  ValType params[3];
};
const SigTypes& SigTypesOf(OpSig sig);

// log2 of the access width in bytes for kMemArg/kMemArgLane opcodes (the largest alignment the
// spec allows: "alignment must not be larger than natural"); 0 for other opcodes.
uint32_t NaturalAlignLog2(Opcode op);

// Number of lanes a kLane/kMemArgLane immediate may address (lane index < LaneCount); 0 for
// other opcodes.
uint32_t LaneCount(Opcode op);

// True for the 0xFD-prefixed (v128) opcodes.
inline bool IsSimdOpcode(Opcode op) {
  return static_cast<uint16_t>(op) >= static_cast<uint16_t>(Opcode::V128Load);
}

}  // namespace wasmc

#endif  // WASMC_VALIDATOR_OPCODES_H_
