// Variable and parametric instructions: local.get/set/tee, global.get/set, constants, select.
// Consumes locals (MIR registers) and VMGlobal slots (vmctx->globals[i]); produces value-stack
// entries and MIR moves. local.get emits nothing: it pushes a lazy local ref.
#include "mir_backend/translator.h"

#include <utility>

namespace wasmc {

Translator::Value Translator::LocalRef(uint32_t local) const {
  Value v;
  v.type = local_types_[local];
  v.kind = Kind::kLocal;
  v.local = local;
  v.reg = local_regs_[local];
  return v;
}

void Translator::EmitLocalGet(uint32_t index) {
  Value v = LocalRef(index);
  v.tainted = LocalTainted(index);  // the entry now carries the local's unobserved load
  SetLocalTaint(index, false);
  Push(v);
}

void Translator::EmitLocalSet(uint32_t index, bool tee) {
  Value v = Pop();
  SpillLocal(index);  // entries that read the local keep its old value
  for (size_t i = 0; i < addr_cache_.size(); ++i) {
    if (addr_cache_[i].first != index) continue;
    addr_cache_[i] = addr_cache_.back();
    addr_cache_.pop_back();
    break;
  }
  if (LocalTainted(index)) Sink(LocalRef(index));  // the old value dies unobserved: sink it
  SetLocalTaint(index, v.tainted);
  if (!RetargetLastDef(v, local_regs_[index])) MoveTo(local_regs_[index], v);
  if (!tee) return;
  if (v.kind == Kind::kConst) {
    Push(v);
  } else {
    EmitLocalGet(index);
  }
}

bool Translator::RetargetLastDef(const Value& v, MIR_reg_t dst) {
  // `op t, ...; mov local, t` becomes `op local, ...` when t is an owned temp that the
  // function's last instruction defines: nothing else reads t, and nothing between the
  // definition and here (a spill of the local's old value, a sink) read the local. MIR -O1
  // does not coalesce registers, so the move would stay, and t would cost a register.
  if (v.kind != Kind::kTemp || !v.owned || v.reg == dst) return false;
  MIR_insn_t last = DLIST_TAIL(MIR_insn_t, func_->insns);
  if (last == nullptr || last == last_cmp_.insn || last->nops < 2 ||
      MIR_call_code_p(last->code) || last->ops[0].mode != MIR_OP_REG ||
      last->ops[0].u.reg != v.reg) {
    return false;
  }
  int out = 0;
  MIR_insn_op_mode(ctx_, last, 0, &out);
  if (!out) return false;
  for (size_t i = 1; i < last->nops; ++i) {  // no other output: ops[0] alone defines t
    MIR_insn_op_mode(ctx_, last, i, &out);
    if (out) return false;
  }
  last->ops[0].u.reg = dst;
  // Keep `op r, r, x` when the destination is the second operand of a commutative one.
  if (last->nops == 3 && last->ops[2].mode == MIR_OP_REG && last->ops[2].u.reg == dst &&
      !(last->ops[1].mode == MIR_OP_REG && last->ops[1].u.reg == dst) &&
      last->ops[1].mode == MIR_OP_REG && IsCommutativeIntCode(last->code)) {
    std::swap(last->ops[1], last->ops[2]);
  }
  return true;
}

MIR_reg_t Translator::GlobalPtr(uint32_t index) {
  for (const auto& entry : global_ptrs_) {
    if (entry.first == index) return entry.second;
  }
  MIR_reg_t globals = CachedReg(Cached::kGlobals);
  MIR_reg_t ptr = NewReg(MIR_T_I64);
  InsertInPrologue(MIR_MOV, {R(ptr), Mem(MIR_T_I64, int64_t(index) * 8, globals)});
  global_ptrs_.emplace_back(index, ptr);
  return ptr;
}

void Translator::EmitGlobalGet(uint32_t index) {
  ValType type = module_.globals[index].type.type;
  MIR_reg_t ptr = GlobalPtr(index);
  Value v = NewTemp(type);
  MIR_type_t mem_type = type == ValType::kI32 ? MIR_T_U32 : MirTypeOf(type);
  Emit(MovCodeOf(type), {R(v.reg), Mem(mem_type, 0, ptr)});
  v.zext = type == ValType::kI32;
  Push(v);
}

void Translator::EmitGlobalSet(uint32_t index) {
  Value v = Pop();
  MIR_reg_t ptr = GlobalPtr(index);
  Emit(MovCodeOf(v.type), {Mem(MirTypeOf(v.type), 0, ptr), R(RegOf(v))});
}

void Translator::EmitConst(const Instr& in) {
  switch (in.op) {
    case Opcode::I32Const: Push(Const(ValType::kI32, in.bits)); break;
    case Opcode::I64Const: Push(Const(ValType::kI64, in.bits)); break;
    case Opcode::F32Const: Push(Const(ValType::kF32, in.bits)); break;
    default: Push(Const(ValType::kF64, in.bits)); break;
  }
}

void Translator::EmitSelect() {
  if (EmitSelectBranchless()) return;
  Value cond = Pop();
  Compare cmp;
  const Compare* fused = TakeCompare(cond, &cmp) ? &cmp : nullptr;
  Value b = Pop();
  Value a = Pop();
  Value t = NewTemp(a.type);
  MIR_insn_t done = NewLabel();
  MoveTo(t.reg, a);
  EmitCondBranch(fused, cond, true, done);
  MoveTo(t.reg, b);
  PlaceLabel(done);
  t.zext = a.zext && b.zext;
  Push(t);
}

bool Translator::EmitSelectBranchless() {
  // An integer select without a branch, as native code's cmov: t = b ^ ((a ^ b) & -c01),
  // with c01 the condition as 0 or 1. Compilers emit `select` where they judge both values
  // cheap, and its condition is often data-dependent (heapsort's child choice, collatz's
  // parity), where a branch mispredicts. Upper halves of i32 registers are don't-care.
  const Value& cv = stack_[stack_.size() - 1];
  const Value& av = stack_[stack_.size() - 3];
  if ((av.type != ValType::kI32 && av.type != ValType::kI64) || cv.kind == Kind::kConst) {
    return false;
  }
  Value cond = Pop();
  Value b = Pop();
  Value a = Pop();
  MIR_reg_t c01;
  if (cond.kind == Kind::kTemp && last_cmp_.insn != nullptr && cond.reg == last_cmp_.reg &&
      DLIST_TAIL(MIR_insn_t, func_->insns) == last_cmp_.insn) {
    c01 = cond.reg;  // a compare's result: 0 or 1 in the whole register
  } else {
    c01 = NewReg(MIR_T_I64);
    Emit(MIR_NES, {R(c01), R(cond.reg), I(0)});
  }
  MIR_reg_t ar = RegOf(a);
  MIR_reg_t br = RegOf(b);
  MIR_reg_t mask = NewReg(MIR_T_I64);
  Emit(MIR_NEG, {R(mask), R(c01)});
  MIR_reg_t diff = NewReg(MIR_T_I64);
  Emit(MIR_XOR, {R(diff), R(ar), R(br)});
  Emit(MIR_AND, {R(diff), R(diff), R(mask)});
  Value t = NewTemp(a.type);
  Emit(MIR_XOR, {R(t.reg), R(br), R(diff)});
  Push(t);
  return true;
}

}  // namespace wasmc
