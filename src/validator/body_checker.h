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
#include "validator/opcodes.h"

namespace wasmc {

// Implementation limit on params + locals of one function (the JS API's limit, also V8's and
// wasmparser's). Exceeding it is kResource; a declared total >= 2^32 is kMalformed.
constexpr uint32_t kMaxFunctionLocals = 50000;

// The operand stack of the validation algorithm: a growable array whose hot operations are
// inline (std::vector's push_back and resize stop being inlined in a function as large as the
// opcode switch). Only shrinking `resize`.
class ValStack {
 public:
  ValStack() { Grow(0); }
  ValStack(const ValStack&) = delete;
  ValStack& operator=(const ValStack&) = delete;

  size_t size() const { return size_t(top_ - base_); }
  ValType* data() { return base_; }
  ValType* top() { return top_; }  // one past the last value
  ValType back() const { return top_[-1]; }
  ValType operator[](size_t i) const { return base_[i]; }
  WASMC_ALWAYS_INLINE void push_back(ValType t) {
    if (top_ == limit_) Grow(1);
    *top_++ = t;
  }
  WASMC_ALWAYS_INLINE void append(const ValType* types, size_t n) {
    if (size_t(limit_ - top_) < n) Grow(n);
    for (size_t i = 0; i < n; ++i) top_[i] = types[i];
    top_ += n;
  }
  void pop_back() { --top_; }
  void resize(size_t n) { top_ = base_ + n; }  // n <= size()
  void clear() { top_ = base_; }

 private:
  void Grow(size_t n);  // room for `n` more values

  std::vector<ValType> storage_;  // storage_.size() is the capacity
  ValType* base_ = nullptr;
  ValType* top_ = nullptr;
  ValType* limit_ = nullptr;
};

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
  bool DecodeAndCheck(Opcode op);  // immediates + typing: a switch generated from opcodes.def
  template <ImmKind kImm, OpSig kSig>
  bool Step(Opcode op);  // one case of DecodeAndCheck
  bool PushConst(ValType t);
  bool CheckControlOrVariable(Opcode op);  // CheckInstr for a few opcodes, inline in Step
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
  WASMC_ALWAYS_INLINE void Push(ValType t) { vals_.push_back(t); }
  void PushVals(const ValType* types, uint32_t n);
  bool PeekVals(const ValType* types, uint32_t n);  // check without popping (br_table targets)
  void PushFrame(Opcode op, const BlockSig& sig);
  void SetUnreachable();
  bool LabelTypes(uint32_t depth, const ValType** types, uint32_t* n);

  // ---- per-instruction checks (check_control.cc, check_ops.cc) ----
  bool CheckInstr(Opcode op);
  bool CheckPlain(OpSig sig);
  bool CheckPlainSlow(const SigTypes& s);  // operands missing or mismatched
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
  ValStack vals_;
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
WASMC_ALWAYS_INLINE bool BodyChecker::Pop(ValType expect) {
  const Frame& f = ctrls_.back();
  if (vals_.size() == f.height) return f.unreachable ? true : TypeMismatch();
  ValType actual = vals_.back();
  vals_.pop_back();
  if (actual != expect && actual != ValType::kUnknown && expect != ValType::kUnknown) {
    return TypeMismatch();
  }
  return true;
}

WASMC_ALWAYS_INLINE bool BodyChecker::PopVals(const ValType* types, uint32_t n) {
  for (uint32_t i = n; i > 0; --i) {
    if (!Pop(types[i - 1])) return false;
  }
  return true;
}

WASMC_ALWAYS_INLINE void BodyChecker::PushVals(const ValType* types, uint32_t n) {
  vals_.append(types, n);
}

// A plain value op: pop `s.params`, push `s.result`. The common case, all operands present with
// the exact types, is a compare and a store; anything else takes the spec's pop-by-pop path.
// With a constant `sig`, this folds to a few compares and stores.
WASMC_ALWAYS_INLINE bool BodyChecker::CheckPlain(OpSig sig) {
  const SigTypes& s = SigTypesOf(sig);
  const uint32_t n = s.num_params;
  const size_t size = vals_.size();
  if (size - ctrls_.back().height >= n) {
    ValType* top = vals_.top() - n;
    bool match = true;
    for (uint32_t i = 0; i < n; ++i) match &= top[i] == s.params[i];
    if (match) {
      if (s.result == ValType::kUnknown) {
        vals_.resize(size - n);
      } else if (n == 0) {
        vals_.push_back(s.result);
      } else {
        top[0] = s.result;
        vals_.resize(size - n + 1);
      }
      return true;
    }
  }
  return CheckPlainSlow(s);
}

WASMC_ALWAYS_INLINE bool BodyChecker::CheckLocal(Opcode op) {
  if (instr_.index >= locals_.size()) return FailIndex("unknown local", instr_.index);
  ValType t = locals_[instr_.index];
  if (op == Opcode::LocalGet) {
    vals_.push_back(t);
    return true;
  }
  if (!Pop(t)) return false;
  if (op == Opcode::LocalTee) vals_.push_back(t);
  return true;
}

WASMC_ALWAYS_INLINE bool BodyChecker::CheckMemory() {
  if (module_.memories.empty()) return FailIndex("unknown memory", 0);
  return true;
}

// The memarg of a load or store; a kMemArgLane op also needs CheckLane.
WASMC_ALWAYS_INLINE bool BodyChecker::CheckMemArg(Opcode op) {
  if (!CheckMemory()) return false;
  if (instr_.mem.align_log2 > NaturalAlignLog2(op)) {
    return FailInvalid("alignment must not be larger than natural");
  }
  return true;
}

}  // namespace wasmc

#endif  // WASMC_VALIDATOR_BODY_CHECKER_H_
