// What the translator cannot compile yet (SIMD), as a syntactic property of a function: a v128
// in its signature or locals, in a block type or a typed select, a global.get of a v128
// global, or any SIMD opcode, whether or not the code is reachable. Shared by the Translator
// and by lazy compilation's up-front check (SupportListener), so that both reject exactly the
// same functions with kUnsupported.
#ifndef WASMC_MIR_BACKEND_SUPPORT_H_
#define WASMC_MIR_BACKEND_SUPPORT_H_

#include <cstdint>

#include "ir/module_desc.h"
#include "util/result.h"
#include "validator/instr.h"
#include "validator/opcodes.h"

namespace wasmc {

inline Status UnsupportedStatus() {
  return Status::Error(ErrorKind::kUnsupported, "SIMD is not supported yet");
}

inline bool HasV128(const ValType* types, uint32_t n) {
  for (uint32_t i = 0; i < n; ++i) {
    if (types[i] == ValType::kV128) return true;
  }
  return false;
}

// `locals` lists every local, parameters first (the listener contract).
inline bool UnsupportedSignature(const FuncType& type, const ValType* locals,
                                 uint32_t num_locals) {
  return HasV128(locals, num_locals) ||
         HasV128(type.results.data(), uint32_t(type.results.size()));
}

inline bool UnsupportedInstr(const ModuleDesc& m, const Instr& in) {
  if (IsSimdOpcode(in.op)) return true;
  switch (in.op) {
    case Opcode::Block: case Opcode::Loop: case Opcode::If:
      return HasV128(in.block.params, in.block.num_params) ||
             HasV128(in.block.results, in.block.num_results);
    case Opcode::Select: case Opcode::SelectT:
      return in.type == ValType::kV128;
    case Opcode::GlobalGet:
      return m.globals[in.index].type.type == ValType::kV128;
    default:
      return false;
  }
}

// A FuncValidator listener that only checks support (validation without translation).
class SupportListener {
 public:
  explicit SupportListener(const ModuleDesc& m) : m_(m) {}
  Status OnFunctionBegin(uint32_t, const FuncType& type, const ValType* locals,
                         uint32_t num_locals) {
    return UnsupportedSignature(type, locals, num_locals) ? UnsupportedStatus() : Status();
  }
  Status OnInstr(const Instr& in, bool) {
    return UnsupportedInstr(m_, in) ? UnsupportedStatus() : Status();
  }
  Status OnFunctionEnd() { return Status(); }

 private:
  const ModuleDesc& m_;
};

}  // namespace wasmc

#endif  // WASMC_MIR_BACKEND_SUPPORT_H_
