// The wasm-call convention in MIR terms: type mapping, argument lists and prototypes.
// Consumes FuncTypes; produces MIR_var_t lists and MIR prototype items.
#include "mir_backend/wasm_call_abi.h"

namespace wasmc {

bool ResultsInRegisters(const std::vector<ValType>& results) {
  // MIR 1.0.0 on x86-64 returns integers in rax/rdx and floats in xmm0/xmm1 only.
  uint32_t ints = 0, fps = 0;
  for (ValType t : results) {
    if (t == ValType::kF32 || t == ValType::kF64) {
      ++fps;
    } else {
      ++ints;
    }
  }
  return ints <= 2 && fps <= 2;
}

MIR_type_t MirTypeOf(ValType t) {
  switch (t) {
    case ValType::kI32: return MIR_T_I32;
    case ValType::kF32: return MIR_T_F;
    case ValType::kF64: return MIR_T_D;
    default: return MIR_T_I64;
  }
}

MIR_type_t MirRegTypeOf(ValType t) {
  switch (t) {
    case ValType::kF32: return MIR_T_F;
    case ValType::kF64: return MIR_T_D;
    default: return MIR_T_I64;
  }
}

MIR_insn_code_t MovCodeOf(ValType t) {
  switch (t) {
    case ValType::kF32: return MIR_FMOV;
    case ValType::kF64: return MIR_DMOV;
    default: return MIR_MOV;
  }
}

uint32_t BuildWasmCallSignature(const FuncType& t, const char* const* param_names,
                                std::vector<MIR_var_t>* vars, std::vector<MIR_type_t>* res) {
  vars->clear();
  res->clear();
  MIR_var_t v;
  v.size = 0;
  v.type = MIR_T_I64;
  v.name = "vmctx";
  vars->push_back(v);
  v.name = "caller";
  vars->push_back(v);
  uint32_t hidden = 2;
  if (ResultsInRegisters(t.results)) {
    // i32 travels as I64 with undefined upper bits (MirRegTypeOf): an I32 argument or result
    // would make MIR sign-extend it on both sides of every call.
    for (ValType r : t.results) res->push_back(MirRegTypeOf(r));
  } else {
    v.name = "ret_area";
    vars->push_back(v);
    hidden = 3;
  }
  for (size_t i = 0; i < t.params.size(); ++i) {
    v.type = MirRegTypeOf(t.params[i]);
    v.name = param_names[i];
    vars->push_back(v);
  }
  return hidden;
}

const char* const* ParamNames::Get(size_t n) {
  while (names_.size() < n) names_.push_back("p" + std::to_string(names_.size()));
  ptrs_.clear();
  for (const std::string& s : names_) ptrs_.push_back(s.c_str());
  return ptrs_.data();
}

MIR_item_t NewWasmCallProto(MIR_context_t ctx, const char* name, const FuncType& t,
                            ParamNames* names, std::vector<MIR_var_t>* vars,
                            std::vector<MIR_type_t>* res) {
  BuildWasmCallSignature(t, names->Get(t.params.size()), vars, res);
  return MIR_new_proto_arr(ctx, name, res->size(), res->data(), vars->size(), vars->data());
}

}  // namespace wasmc
