// Opcode metadata derived from opcodes.def: (prefix, code) -> Opcode lookup, immediate kind,
// operand signature, natural alignment of memory accesses and lane counts of SIMD lane ops.
// Consumed by the function validator and the translator; all tables are static and constant.
#ifndef WASMC_VALIDATOR_OPCODES_H_
#define WASMC_VALIDATOR_OPCODES_H_

#include <cstddef>
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

namespace opsig {
constexpr ValType I = ValType::kI32, L = ValType::kI64, F = ValType::kF32, D = ValType::kF64,
                  X = ValType::kV128, N = ValType::kUnknown;

// Indexed by OpSig; keep in the enum's order (instr.h). In the header, so that a check of a
// known signature folds to constants.
inline constexpr SigTypes kSigTypes[] = {
    {N, 0, {}},         {I, 0, {}},         {L, 0, {}},         {F, 0, {}},
    {D, 0, {}},         {X, 0, {}},         {I, 1, {I}},        {I, 1, {L}},
    {I, 1, {F}},        {I, 1, {D}},        {I, 1, {X}},        {L, 1, {I}},
    {L, 1, {L}},        {L, 1, {F}},        {L, 1, {D}},        {L, 1, {X}},
    {F, 1, {I}},        {F, 1, {L}},        {F, 1, {F}},        {F, 1, {D}},
    {F, 1, {X}},        {D, 1, {I}},        {D, 1, {L}},        {D, 1, {F}},
    {D, 1, {D}},        {D, 1, {X}},        {X, 1, {I}},        {X, 1, {L}},
    {X, 1, {F}},        {X, 1, {D}},        {X, 1, {X}},        {I, 2, {I, I}},
    {I, 2, {L, L}},     {I, 2, {F, F}},     {I, 2, {D, D}},     {L, 2, {L, L}},
    {F, 2, {F, F}},     {D, 2, {D, D}},     {X, 2, {X, X}},     {X, 2, {X, I}},
    {X, 3, {X, X, X}},  {X, 2, {I, X}},     {N, 2, {I, I}},     {N, 2, {I, L}},
    {N, 2, {I, F}},     {N, 2, {I, D}},     {N, 2, {I, X}},     {X, 2, {X, L}},
    {X, 2, {X, F}},     {X, 2, {X, D}},
};
static_assert(sizeof(kSigTypes) / sizeof(kSigTypes[0]) == size_t(OpSig::X_XD) + 1,
              "kSigTypes must cover every OpSig");
static_assert(kSigTypes[size_t(OpSig::I_II)].params[1] == I, "kSigTypes order");
static_assert(kSigTypes[size_t(OpSig::X_IX)].params[0] == I, "kSigTypes order");
static_assert(kSigTypes[size_t(OpSig::V_IX)].params[1] == X, "kSigTypes order");
static_assert(kSigTypes[size_t(OpSig::X_XD)].params[1] == D, "kSigTypes order");
}  // namespace opsig

constexpr const SigTypes& SigTypesOf(OpSig sig) {
  return opsig::kSigTypes[static_cast<size_t>(sig)];
}

// NaturalAlignLog2 and LaneCount per opcode, so that the checks are one load.
struct OpcodeByteTables {
  uint8_t align[static_cast<size_t>(Opcode::kCount)];
  uint8_t lanes[static_cast<size_t>(Opcode::kCount)];
};
extern const OpcodeByteTables kOpcodeByteTables;

// log2 of the access width in bytes for kMemArg/kMemArgLane opcodes (the largest alignment the
// spec allows: "alignment must not be larger than natural"); 0 for other opcodes.
inline uint32_t NaturalAlignLog2(Opcode op) {
  return kOpcodeByteTables.align[static_cast<uint16_t>(op)];
}

// Number of lanes a kLane/kMemArgLane immediate may address (lane index < LaneCount); 0 for
// other opcodes.
inline uint32_t LaneCount(Opcode op) { return kOpcodeByteTables.lanes[static_cast<uint16_t>(op)]; }

// True for the 0xFD-prefixed (v128) opcodes.
inline bool IsSimdOpcode(Opcode op) {
  return static_cast<uint16_t>(op) >= static_cast<uint16_t>(Opcode::V128Load);
}

}  // namespace wasmc

#endif  // WASMC_VALIDATOR_OPCODES_H_
