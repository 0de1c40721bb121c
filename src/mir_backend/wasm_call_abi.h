// The wasm-call convention in MIR terms (ir/vm_layout.h "Calling conventions"), shared by the
// translator and the trampolines. Consumes FuncTypes; produces MIR types and prototypes.
// Extension of vm_layout.h's convention: when the results do not fit MIR's x86-64 return
// registers (at most 2 integer and 2 floating-point values), the function returns nothing and
// takes a hidden third argument `ret_area` pointing to 16-byte ValRaw slots, one per result:
//   fn(callee_vmctx, caller_vmctx, ret_area, params...)
#ifndef WASMC_MIR_BACKEND_WASM_CALL_ABI_H_
#define WASMC_MIR_BACKEND_WASM_CALL_ABI_H_

#include <cstdint>
#include <string>
#include <vector>

#include "ir/types.h"
#include "mir_backend/mir_api.h"

namespace wasmc {

constexpr uint32_t kRetSlotSize = 16;  // ret_area slots are ValRaw-sized

// True when `results` come back in registers (MIR multiple return values).
bool ResultsInRegisters(const std::vector<ValType>& results);

// MIR type of a Wasm value as an argument, result or memory slot: I32, I64, F, D; refs are I64.
MIR_type_t MirTypeOf(ValType t);
// MIR register type holding a Wasm value: I64 (i32 with undefined upper half), F or D.
MIR_type_t MirRegTypeOf(ValType t);
// MIR_MOV, MIR_FMOV or MIR_DMOV for values of type `t`.
MIR_insn_code_t MovCodeOf(ValType t);

// Names "p0", "p1", ... for MIR arguments (MIR requires a name for every argument, also in
// prototypes). Owned by a heap object; `Get(n)` stays valid until the next call.
class ParamNames {
 public:
  const char* const* Get(size_t n);

 private:
  std::vector<std::string> names_;
  std::vector<const char*> ptrs_;
};

// Builds the MIR argument list of a wasm-call function of type `t` into `vars` (names: "vmctx",
// "caller", "ret_area", then `param_names[i]`, which must stay alive until the MIR call that
// consumes `vars`) and its result types into `res`. Returns the number of hidden leading
// arguments (2 or 3).
uint32_t BuildWasmCallSignature(const FuncType& t, const char* const* param_names,
                                std::vector<MIR_var_t>* vars, std::vector<MIR_type_t>* res);

// Creates a MIR prototype named `name` for wasm-call functions of type `t` in the current
// module. `vars`/`res` are scratch storage owned by the caller (heap, not the stack).
MIR_item_t NewWasmCallProto(MIR_context_t ctx, const char* name, const FuncType& t,
                            ParamNames* names, std::vector<MIR_var_t>* vars,
                            std::vector<MIR_type_t>* res);

}  // namespace wasmc

#endif  // WASMC_MIR_BACKEND_WASM_CALL_ABI_H_
