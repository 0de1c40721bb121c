// One decoded instruction as the function validator hands it to its listener, and the listener
// contract. The validator (validator/func_validator.h) decodes and type-checks a function body
// in one pass and calls a Listener for each instruction; the Listener is NullListener for
// `wasmc_module_validate` and the MIR translator (mir_backend/) for compilation.
#ifndef WASMC_VALIDATOR_INSTR_H_
#define WASMC_VALIDATOR_INSTR_H_

#include <array>
#include <cstdint>

#include "ir/module_desc.h"
#include "ir/types.h"
#include "util/result.h"

namespace wasmc {

enum class Opcode : uint16_t {
#define WASMC_OPCODE(name, prefix, code, text, imm, sig) name,
#include "validator/opcodes.def"
#undef WASMC_OPCODE
  kCount
};

const char* OpcodeName(Opcode op);  // the spec's text name

// Immediate kinds (column Imm of opcodes.def).
enum class ImmKind : uint8_t {
  kNone, kBlockType, kLabel, kBrTable, kFunc, kCallIndirect, kSelectT, kLocal, kGlobal, kTable,
  kMemArg, kMemory, kI32, kI64, kF32, kF64, kRefType, kDataMemory, kData, kMemoryMemory,
  kElemTable, kElem, kTableTable, kV128, kShuffle, kLane, kMemArgLane,
};

// Operand signatures (column Sig): <results>_<params>, I=i32 L=i64 F=f32 D=f64 X=v128, V=none.
enum class OpSig : uint8_t {
  kSpecial, I_, L_, F_, D_, X_, I_I, I_L, I_F, I_D, I_X, L_I, L_L, L_F, L_D, L_X, F_I, F_L, F_F,
  F_D, F_X, D_I, D_L, D_F, D_D, D_X, X_I, X_L, X_F, X_D, X_X, I_II, I_LL, I_FF, I_DD, L_LL, F_FF,
  D_DD, X_XX, X_XI, X_XXX, X_IX, V_II, V_IL, V_IF, V_ID, V_IX, X_XL, X_XF, X_XD,
};

struct MemArg {
  uint32_t align_log2 = 0;  // as encoded (the validator checks it against the natural alignment)
  uint64_t offset = 0;      // u32 for 32-bit memories
  uint32_t mem_index = 0;
};

// A block type resolved against the module's types: `[params] -> [results]`.
struct BlockSig {
  const ValType* params = nullptr;
  uint32_t num_params = 0;
  const ValType* results = nullptr;
  uint32_t num_results = 0;
};

struct Instr {
  Opcode op = Opcode::Nop;
  uint32_t offset = 0;  // byte offset of the opcode in the module

  // Immediates; which fields are meaningful depends on the opcode's ImmKind:
  //   kLabel: index = relative depth.  kFunc: index = function index.  kLocal/kGlobal/kTable/
  //   kData/kElem/kMemory: index.  kCallIndirect: index = type index, index2 = table index.
  //   kDataMemory (memory.init): index = data index, index2 = memory index.
  //   kElemTable (table.init): index = elem index, index2 = table index.
  //   kTableTable (table.copy): index = destination table, index2 = source table.
  //   kMemoryMemory (memory.copy): index = destination memory, index2 = source memory.
  //   kLane / kMemArgLane: lane = lane index.
  uint32_t index = 0;
  uint32_t index2 = 0;
  uint8_t lane = 0;
  MemArg mem;                    // kMemArg, kMemArgLane
  uint64_t bits = 0;             // kI32 (sign-extended to 64), kI64, kF32/kF64 bit patterns
  std::array<uint8_t, 16> v128{};  // kV128 value, kShuffle lane indices
  ValType type = ValType::kUnknown;  // kSelectT: the operand type; kRefType: the ref type;
                                     // Select (untyped): the type of the operands if known
  BlockSig block;                // kBlockType (block, loop, if)
  const uint32_t* targets = nullptr;  // kBrTable: `num_targets` depths followed by the default
  uint32_t num_targets = 0;           // (so targets[num_targets] is the default label)
};

// The Listener contract. A listener is any class with these members (FuncValidator is a
// template over it; there is no virtual dispatch):
//
//   Status OnFunctionBegin(uint32_t func_index, const FuncType& type,
//                          const ValType* locals, uint32_t num_locals);
//       `locals` lists every local, parameters first (num_locals >= params).
//   Status OnInstr(const Instr& instr, bool unreachable);
//       Called for EVERY instruction of the body, in order, after the validator has accepted it,
//       including the function's final `end`. `unreachable` is true when the instruction sits in
//       dead code: after an unconditional branch, `return`, `unreachable` or `br_table` in the
//       current block (the spec's "unreachable" flag of the innermost control frame, read
//       before the instruction). A translator emits nothing for dead instructions except that it
//       must still track block/loop/if/else/end nesting.
//   Status OnFunctionEnd();
//
// A non-Ok Status from a listener stops validation and is returned unchanged (for example
// kUnsupported for SIMD in the translator). Listener state must live in members: MIR errors
// longjmp out of the translator (see mir_backend/context.h), so the validator's per-function
// state is kept in members too, never in locals with destructors.
struct NullListener {
  Status OnFunctionBegin(uint32_t, const FuncType&, const ValType*, uint32_t) { return Status(); }
  Status OnInstr(const Instr&, bool) { return Status(); }
  Status OnFunctionEnd() { return Status(); }
};

}  // namespace wasmc

#endif  // WASMC_VALIDATOR_INSTR_H_
