// FuncValidator<Listener>: the one function-body type checker, driving a listener (V8's
// WasmFullDecoder<ValidationTag, Interface> shape). Consumes ModuleDesc and a defined function's
// index; produces listener callbacks (instr.h contract) and the first decode/validation error.
// Decoding and typing live in the non-template BodyChecker; this template only sequences calls.
#ifndef WASMC_VALIDATOR_FUNC_VALIDATOR_H_
#define WASMC_VALIDATOR_FUNC_VALIDATOR_H_

#include <cstdint>

#include "ir/module_desc.h"
#include "util/result.h"
#include "validator/body_checker.h"
#include "validator/instr.h"

namespace wasmc {

template <class Listener>
class FuncValidator {
 public:
  // Both references must outlive the validator. One validator may validate many functions of
  // `module`; its buffers are reused, so steady-state validation does not allocate.
  FuncValidator(const ModuleDesc& module, Listener& listener)
      : checker_(module), listener_(listener) {}
  FuncValidator(const FuncValidator&) = delete;
  FuncValidator& operator=(const FuncValidator&) = delete;

  // Validates function `func_index` (an index into the function space; must name a defined,
  // non-imported function). Calls OnFunctionBegin, OnInstr for every instruction including the
  // final `end`, then OnFunctionEnd; stops at the first error, which carries its byte offset.
  // A listener error is returned unchanged. No local with a destructor is live across listener
  // calls (the MIR translator may longjmp out of them).
  Status Validate(uint32_t func_index) {
    if (!checker_.Begin(func_index)) return checker_.error();
    WASMC_TRY(listener_.OnFunctionBegin(func_index, checker_.func_type(), checker_.locals(),
                                        checker_.num_locals()));
    while (!checker_.done()) {
      if (!checker_.Next()) return checker_.error();
      WASMC_TRY(listener_.OnInstr(checker_.instr(), checker_.unreachable()));
    }
    return listener_.OnFunctionEnd();
  }

 private:
  BodyChecker checker_;
  Listener& listener_;
};

}  // namespace wasmc

#endif  // WASMC_VALIDATOR_FUNC_VALIDATOR_H_
