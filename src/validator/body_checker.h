// BodyChecker: decodes one function body (local declarations, then instructions) and type-checks
// it with the spec's validation algorithm (Appendix "Validation Algorithm": a value stack and a
// control stack with polymorphic, unreachable frames). Consumes ModuleDesc + body bytes; produces
// one checked `Instr` per `Next()`. Not a template: FuncValidator<Listener> drives it.
#ifndef WASMC_VALIDATOR_BODY_CHECKER_H_
#define WASMC_VALIDATOR_BODY_CHECKER_H_

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "decoder/reader.h"
#include "ir/module_desc.h"
#include "ir/types.h"
#include "util/result.h"
#include "validator/instr.h"

namespace wasmc {

// Implementation limit on params + locals of one function (the JS API's limit, also V8's and
// wasmparser's). Exceeding it is kResource; a declared total >= 2^32 is kMalformed.
constexpr uint32_t kMaxFunctionLocals = 50000;

class BodyChecker {
 public:
  explicit BodyChecker(const ModuleDesc& module) : module_(module) {}
  BodyChecker(const BodyChecker&) = delete;
  BodyChecker& operator=(const BodyChecker&) = delete;

  // Starts function `func_index` (a defined function): decodes its local declarations.
  // False on error (see `error()`). All state from a previous function is discarded.
  bool Begin(uint32_t func_index);
  // Decodes and checks the next instruction into `instr()`. False on error. After the
  // function's final `end` has been accepted, `done()` is true (and the body was fully consumed).
  bool Next();

  // Decodes function `func_index` without type-checking it and returns false with a kMalformed
  // `error()` if its bytes are malformed (true otherwise, whatever else is wrong with it).
  // The reference interpreter decodes a whole module before validating it, so a malformed body
  // outranks an invalid one; validate.cc uses this on its error path only.
  bool ScanForMalformed(uint32_t func_index);

  bool done() const { return done_; }
  const Instr& instr() const { return instr_; }
  // The innermost frame's unreachable flag read before `instr()` (instr.h's listener contract).
  bool unreachable() const { return unreachable_before_; }
  const FuncType& func_type() const { return *func_type_; }
  const ValType* locals() const { return locals_.data(); }
  uint32_t num_locals() const { return uint32_t(locals_.size()); }
  const Status& error() const { return error_; }

 private:
  struct Frame {
    Opcode op;         // Block (also the function's frame), Loop, If or Else
    bool unreachable;  // the rest of this block is dead code
    uint32_t height;   // value-stack height at entry, params excluded
    BlockSig sig;
  };

  // ---- decoding (body_checker.cc) ----
  bool DecodeLocals();
  bool DecodeOpcode(Opcode* op);
  bool DecodeImmediates(ImmKind kind);
  bool DecodeBlockType();
  bool DecodeBrTable();
  bool DecodeSelectT();
  bool DecodeMemArg();
  bool ReadZeroByte();
  bool ReaderFailed();
  bool CheckStructure(Opcode op);  // decode-only mode: nesting and binary-format rules only
  void ScanRestForMalformed(Opcode failed_op);

  // ---- stack and control (body_checker.cc) ----
  bool Pop(ValType expect);
  bool PopAny(ValType* actual);
  bool PopVals(const ValType* types, uint32_t n);
  void PushVals(const ValType* types, uint32_t n);
  bool PeekVals(const ValType* types, uint32_t n);  // check without popping (br_table targets)
  void PushFrame(Opcode op, const BlockSig& sig);
  void SetUnreachable();
  bool LabelTypes(uint32_t depth, const ValType** types, uint32_t* n);

  // ---- per-instruction checks (check_control.cc, check_ops.cc) ----
  bool CheckInstr(Opcode op);
  bool CheckPlain(OpSig sig);
  bool CheckBlock(Opcode op);
  bool CheckElse();
  bool CheckEnd();
  bool CheckBr();
  bool CheckBrIf();
  bool CheckBrTable();
  bool CheckReturn();
  bool CheckCall();
  bool CheckCallIndirect();
  bool CheckSelect();
  bool CheckSelectT();
  bool CheckLocal(Opcode op);
  bool CheckGlobal(Opcode op);
  bool CheckTableAccess(Opcode op);
  bool CheckRef(Opcode op);
  bool CheckBulkMemory(Opcode op);
  bool CheckTableInit();
  bool CheckTableCopy();
  bool CheckElemDrop();
  bool CheckMemArg(Opcode op);
  bool CheckLane(Opcode op);
  bool CheckShuffle();
  bool CheckMemory();
  bool CheckTable(uint32_t index, ValType* elem);
  bool CheckDataIndex(uint32_t index);
  bool RequireDataCount();
  uint32_t NumDataSegments() const;

  // ---- errors ----
  bool Fail(ErrorKind kind, const char* msg, uint64_t offset);
  bool FailInvalid(const char* msg) { return Fail(ErrorKind::kInvalid, msg, instr_.offset); }
  bool FailIndex(const char* what, uint32_t index);  // Invalid "<what> <index>"
  bool TypeMismatch() { return FailInvalid("type mismatch"); }

  const ModuleDesc& module_;
  // Every piece of per-function state is a member so that nothing with a destructor lives on the
  // stack while the listener runs (the MIR translator may longjmp out of it).
  std::optional<Reader> reader_;
  const FuncType* func_type_ = nullptr;
  uint64_t body_end_ = 0;  // module offset just past the body
  std::vector<ValType> locals_;
  std::vector<std::pair<uint32_t, ValType>> local_groups_;
  std::vector<ValType> vals_;
  std::vector<Frame> ctrls_;
  std::vector<uint32_t> targets_;  // br_table depths, then the default
  Instr instr_;
  bool unreachable_before_ = false;
  bool done_ = false;
  bool decode_only_ = false;  // skip typing; see ScanForMalformed
  FuncType empty_type_;       // stands in for an unknown function type in decode-only mode
  Status error_;
};

// The value-stack primitives are on every instruction's path, so they are inline here.
inline bool BodyChecker::Pop(ValType expect) {
  const Frame& f = ctrls_.back();
  if (vals_.size() == f.height) return f.unreachable ? true : TypeMismatch();
  ValType actual = vals_.back();
  vals_.pop_back();
  if (actual != expect && actual != ValType::kUnknown && expect != ValType::kUnknown) {
    return TypeMismatch();
  }
  return true;
}

inline bool BodyChecker::PopVals(const ValType* types, uint32_t n) {
  for (uint32_t i = n; i > 0; --i) {
    if (!Pop(types[i - 1])) return false;
  }
  return true;
}

inline void BodyChecker::PushVals(const ValType* types, uint32_t n) {
  vals_.insert(vals_.end(), types, types + n);
}

}  // namespace wasmc

#endif  // WASMC_VALIDATOR_BODY_CHECKER_H_
