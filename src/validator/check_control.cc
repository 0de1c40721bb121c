// BodyChecker, typing half 1: the per-opcode dispatch and the control instructions (blocks,
// branches, calls) of the spec's validation algorithm. Consumes a decoded `Instr`; produces the
// stack effect or a kInvalid/kMalformed error at the instruction's offset.
#include "validator/body_checker.h"
#include "validator/opcodes.h"

namespace wasmc {

bool BodyChecker::CheckInstr(Opcode op) {
  switch (op) {
    case Opcode::Unreachable: SetUnreachable(); return true;
    case Opcode::Nop: return true;
    case Opcode::Block: case Opcode::Loop: case Opcode::If: return CheckBlock(op);
    case Opcode::Else: return CheckElse();
    case Opcode::End: return CheckEnd();
    case Opcode::Br: return CheckBr();
    case Opcode::BrIf: return CheckBrIf();
    case Opcode::BrTable: return CheckBrTable();
    case Opcode::Return: return CheckReturn();
    case Opcode::Call: return CheckCall();
    case Opcode::CallIndirect: return CheckCallIndirect();
    case Opcode::Drop: { ValType t; return PopAny(&t); }
    case Opcode::Select: return CheckSelect();
    case Opcode::SelectT: return CheckSelectT();
    case Opcode::LocalGet: case Opcode::LocalSet: case Opcode::LocalTee: return CheckLocal(op);
    case Opcode::GlobalGet: case Opcode::GlobalSet: return CheckGlobal(op);
    case Opcode::RefNull: case Opcode::RefIsNull: case Opcode::RefFunc: return CheckRef(op);
    case Opcode::MemoryInit: case Opcode::DataDrop: case Opcode::MemoryCopy:
    case Opcode::MemoryFill:
      return CheckBulkMemory(op);
    case Opcode::TableInit: return CheckTableInit();
    case Opcode::ElemDrop: return CheckElemDrop();
    case Opcode::TableCopy: return CheckTableCopy();
    case Opcode::TableGet: case Opcode::TableSet: case Opcode::TableGrow:
    case Opcode::TableSize: case Opcode::TableFill:
      return CheckTableAccess(op);
    case Opcode::I8x16Shuffle: return CheckShuffle() && CheckPlain(OpSig::X_XX);
    default: break;
  }
  // Plain value ops: loads/stores and memory.size/grow need a memory, lane ops a lane index
  // in range; the rest is a fixed signature.
  switch (OpcodeImm(op)) {
    case ImmKind::kMemArg:
      if (!CheckMemArg(op)) return false;
      break;
    case ImmKind::kMemArgLane:
      if (!CheckMemArg(op) || !CheckLane(op)) return false;
      break;
    case ImmKind::kMemory:
      if (!CheckMemory()) return false;
      break;
    case ImmKind::kLane:
      if (!CheckLane(op)) return false;
      break;
    default:
      break;
  }
  return CheckPlain(OpcodeSig(op));
}

bool BodyChecker::CheckPlainSlow(const SigTypes& s) {
  if (!PopVals(s.params, s.num_params)) return false;
  if (s.result != ValType::kUnknown) vals_.push_back(s.result);
  return true;
}

// block/loop/if bt: pop the condition (if), then the block's parameters; the frame starts with
// the parameters on the stack.
bool BodyChecker::CheckBlock(Opcode op) {
  if (op == Opcode::If && !Pop(ValType::kI32)) return false;
  const BlockSig& sig = instr_.block;
  if (!PopVals(sig.params, sig.num_params)) return false;
  PushFrame(op, sig);
  return true;
}

// The then-branch must leave exactly the results; the else-branch restarts from the params.
// `else` outside an `if` is malformed, as in the reference decoder, which stops the enclosing
// instruction sequence at 0x05 and then expects 0x0b.
bool BodyChecker::CheckElse() {
  Frame& f = ctrls_.back();
  if (f.op != Opcode::If) {
    return Fail(ErrorKind::kMalformed, "END opcode expected", instr_.offset);
  }
  if (!PopVals(f.sig.results, f.sig.num_results)) return false;
  if (vals_.size() != f.height) return TypeMismatch();
  f.op = Opcode::Else;
  f.unreachable = false;
  PushVals(f.sig.params, f.sig.num_params);
  return true;
}

bool BodyChecker::CheckEnd() {
  const Frame& f = ctrls_.back();
  if (!PopVals(f.sig.results, f.sig.num_results)) return false;
  if (vals_.size() != f.height) return TypeMismatch();
  if (f.op == Opcode::If) {
    // An `if` without `else` has an implicit empty else-branch: [t1*] -> [t2*] needs t1* = t2*.
    if (f.sig.num_params != f.sig.num_results) return TypeMismatch();
    for (uint32_t i = 0; i < f.sig.num_params; ++i) {
      if (f.sig.params[i] != f.sig.results[i]) return TypeMismatch();
    }
  }
  BlockSig sig = f.sig;
  ctrls_.pop_back();
  if (!ctrls_.empty()) {
    PushVals(sig.results, sig.num_results);
    return true;
  }
  // The function's final `end`: the body must stop exactly here.
  if (!reader_->at_end()) {
    return Fail(ErrorKind::kMalformed, "section size mismatch", reader_->offset());
  }
  done_ = true;
  return true;
}

bool BodyChecker::CheckBr() {
  const ValType* types;
  uint32_t n;
  if (!LabelTypes(instr_.index, &types, &n) || !PopVals(types, n)) return false;
  SetUnreachable();
  return true;
}

bool BodyChecker::CheckBrIf() {
  const ValType* types;
  uint32_t n;
  if (!Pop(ValType::kI32) || !LabelTypes(instr_.index, &types, &n)) return false;
  if (!PopVals(types, n)) return false;
  PushVals(types, n);
  return true;
}

// br_table: every target must have the default's arity and accept the operands.
bool BodyChecker::CheckBrTable() {
  const ValType* default_types;
  uint32_t arity;
  if (!Pop(ValType::kI32)) return false;
  if (!LabelTypes(targets_[instr_.num_targets], &default_types, &arity)) return false;
  for (uint32_t i = 0; i < instr_.num_targets; ++i) {
    const ValType* types;
    uint32_t n;
    if (!LabelTypes(targets_[i], &types, &n)) return false;
    if (n != arity) return TypeMismatch();
    if (!PeekVals(types, n)) return false;
  }
  if (!PopVals(default_types, arity)) return false;
  SetUnreachable();
  return true;
}

bool BodyChecker::CheckReturn() {
  const BlockSig& sig = ctrls_.front().sig;
  if (!PopVals(sig.results, sig.num_results)) return false;
  SetUnreachable();
  return true;
}

bool BodyChecker::CheckCall() {
  const ModuleDesc& m = module_;
  if (instr_.index >= m.funcs.size()) return FailIndex("unknown function", instr_.index);
  uint32_t type_index = m.funcs[instr_.index];
  if (type_index >= m.types.size()) return FailIndex("unknown type", type_index);
  const FuncType& t = m.types[type_index];
  if (!PopVals(t.params.data(), uint32_t(t.params.size()))) return false;
  PushVals(t.results.data(), uint32_t(t.results.size()));
  return true;
}

// call_indirect x y: table y must hold funcrefs; x is the expected function type.
bool BodyChecker::CheckCallIndirect() {
  ValType elem;
  if (!CheckTable(instr_.index2, &elem)) return false;
  if (elem != ValType::kFuncRef) return TypeMismatch();
  if (instr_.index >= module_.types.size()) return FailIndex("unknown type", instr_.index);
  const FuncType& t = module_.types[instr_.index];
  if (!Pop(ValType::kI32)) return false;
  if (!PopVals(t.params.data(), uint32_t(t.params.size()))) return false;
  PushVals(t.results.data(), uint32_t(t.results.size()));
  return true;
}

}  // namespace wasmc
