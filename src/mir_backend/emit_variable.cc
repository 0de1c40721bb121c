// Variable and parametric instructions: local.get/set/tee, global.get/set, constants, select.
// Consumes locals (MIR registers) and VMGlobal slots (vmctx->globals[i]); produces value-stack
// entries and MIR moves. local.get emits nothing: it pushes a lazy local ref.
#include "mir_backend/translator.h"

namespace wasmc {

void Translator::EmitLocalGet(uint32_t index) {
  Value v;
  v.type = local_types_[index];
  v.kind = Kind::kLocal;
  v.local = index;
  v.reg = local_regs_[index];
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
  if (LocalTainted(index)) {  // the old value dies unobserved: sink it
    Value old;
    old.type = local_types_[index];
    old.kind = Kind::kLocal;
    old.local = index;
    old.reg = local_regs_[index];
    Sink(old);
  }
  SetLocalTaint(index, v.tainted);
  MoveTo(local_regs_[index], v);
  if (!tee) return;
  if (v.kind == Kind::kConst) {
    Push(v);
  } else {
    EmitLocalGet(index);
  }
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

}  // namespace wasmc
