// Table and reference instructions: table.get/set/size inline, table.grow/fill/copy/init and
// elem.drop through runtime helpers, ref.func/ref.is_null. Consumes VMTableDef (8-byte slots:
// VMFuncRef* or raw externref, 0 = null) and vmctx->funcs; produces MIR loads/stores/calls.
#include "mir_backend/translator.h"

namespace wasmc {

MIR_reg_t Translator::TableDef(uint32_t table) {
  for (const auto& entry : table_defs_) {
    if (entry.first == table) return entry.second;
  }
  MIR_reg_t tables = CachedReg(Cached::kTables);
  MIR_reg_t def = NewReg(MIR_T_I64);
  InsertInPrologue(MIR_MOV, {R(def), Mem(MIR_T_I64, int64_t(table) * 8, tables)});
  table_defs_.emplace_back(table, def);
  return def;
}

MIR_op_t Translator::TableElement(uint32_t table, const Value& index, uint32_t raw_trap) {
  MIR_reg_t def = TableDef(table);
  MIR_reg_t i = ZextReg(index);
  MIR_reg_t length = NewReg(MIR_T_I64);
  Emit(MIR_MOV, {R(length), Mem(MIR_T_I64, vmoff::kTableLength, def)});
  Emit(MIR_UBGE, {L(TrapLabel(raw_trap)), R(i), R(length)});
  MIR_reg_t elements = NewReg(MIR_T_I64);  // may move on table.grow: loaded at each access
  Emit(MIR_MOV, {R(elements), Mem(MIR_T_I64, vmoff::kTableElements, def)});
  return Mem(MIR_T_I64, 0, elements, i, 8);
}

void Translator::EmitTableGet(uint32_t table) {
  Value index = Pop();
  MIR_op_t slot = TableElement(table, index, uint32_t(TrapCode::kTableOutOfBounds));
  Value t = NewTemp(module_.tables[table].elem);
  Emit(MIR_MOV, {R(t.reg), slot});
  Push(t);
}

void Translator::EmitTableSet(uint32_t table) {
  Value v = Pop();
  Value index = Pop();
  MIR_reg_t value = RegOf(v);
  MIR_op_t slot = TableElement(table, index, uint32_t(TrapCode::kTableOutOfBounds));
  Emit(MIR_MOV, {slot, R(value)});
}

void Translator::EmitTableSize(uint32_t table) {
  MIR_reg_t def = TableDef(table);
  Value t = NewTemp(ValType::kI32);
  Emit(MIR_MOV, {R(t.reg), Mem(MIR_T_I64, vmoff::kTableLength, def)});
  t.zext = true;  // lengths are below 2^32
  Push(t);
}

void Translator::EmitBulkTable(const Instr& in) {
  if (in.op == Opcode::ElemDrop) {
    EmitRtCall(RtHelper::elem_drop, {R(vmctx_), I(in.index)}, 0);
    return;
  }
  if (in.op == Opcode::TableGrow) {
    Value n = Pop();
    Value init = Pop();
    Value t = NewTemp(ValType::kI32);
    EmitRtCall(RtHelper::table_grow, {R(vmctx_), I(in.index), OpOf(init), OpOf(n)}, t.reg);
    Push(t);
    return;
  }
  Value n = Pop();
  Value src = Pop();  // the fill value for table.fill
  Value dst = Pop();
  switch (in.op) {
    case Opcode::TableFill:
      EmitRtCall(RtHelper::table_fill, {R(vmctx_), I(in.index), OpOf(dst), OpOf(src), OpOf(n)},
                 0);
      break;
    case Opcode::TableCopy:
      EmitRtCall(RtHelper::table_copy,
                 {R(vmctx_), I(in.index), I(in.index2), OpOf(dst), OpOf(src), OpOf(n)}, 0);
      break;
    default:  // table.init: index = elem segment, index2 = table
      EmitRtCall(RtHelper::table_init,
                 {R(vmctx_), I(in.index2), I(in.index), OpOf(dst), OpOf(src), OpOf(n)}, 0);
      break;
  }
}

void Translator::EmitRefFunc(uint32_t func) {
  MIR_reg_t funcs = CachedReg(Cached::kFuncs);
  Value t = NewTemp(ValType::kFuncRef);
  Emit(MIR_MOV, {R(t.reg), Mem(MIR_T_I64, int64_t(func) * 8, funcs)});
  Push(t);
}

void Translator::EmitRefIsNull() {
  Value v = Pop();
  Value t = NewTemp(ValType::kI32);
  Emit(MIR_EQ, {R(t.reg), R(RegOf(v)), I(0)});
  Push(t);
}

}  // namespace wasmc
