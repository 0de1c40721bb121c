// Calls: direct calls between the module's functions (MIR calls to the callee's item, own
// vmctx as both callee and caller; far calls through a code table when the callee is in
// another MIR module), calls to imports and call_indirect through VMFuncRef, and
// calls of runtime helpers (trap, memory/table helpers). Consumes the value stack; produces
// MIR_CALL instructions following the wasm-call convention (wasm_call_abi.h).
#include "mir_backend/translator.h"

namespace wasmc {

void Translator::EmitCall(uint32_t func) {
  const uint32_t type_index = module_.funcs[func];
  const FuncType& type = module_.types[type_index];
  MIR_item_t proto = items_.protos[type_index];
  if (func >= module_.num_imported_funcs) {
    // MIR inlines small callees (MIR_MAX_INSNS_FOR_CALL_INLINE), after which the call no
    // longer observes its arguments, and the callee's loads that it returns are only as live
    // as the caller keeps the results (emit_taint.cc): so tainted arguments are sunk and the
    // results are tainted.
    if (Tainting()) SinkStack(stack_.size() - type.params.size(), stack_.size());
    if (items_.funcs[func] != nullptr) {
      MIR_insn_t call =
          EmitWasmCall(type, proto, MIR_new_ref_op(ctx_, items_.funcs[func]), R(vmctx_));
      direct_calls_.push_back({call, func});
    } else {
      // A far call (TranslatorOptions::far_table): the callee lives in another MIR module.
      void* const* entry = options_.far_table + (func - module_.num_imported_funcs);
      MIR_reg_t target = NewReg(MIR_T_I64);
      if (options_.far_table_immediate) {
        Emit(MIR_MOV, {R(target), I(int64_t(reinterpret_cast<uintptr_t>(*entry)))});
      } else {
        Emit(MIR_MOV, {R(target), I(int64_t(reinterpret_cast<uintptr_t>(entry)))});
        Emit(MIR_MOV, {R(target), Mem(MIR_T_I64, 0, target)});
      }
      EmitWasmCall(type, proto, R(target), R(vmctx_));
    }
    if (Tainting()) {
      for (size_t i = stack_.size() - type.results.size(); i < stack_.size(); ++i) {
        stack_[i].tainted = true;
      }
    }
    return;
  }
  MIR_reg_t funcs = CachedReg(Cached::kFuncs);
  MIR_reg_t ref = NewReg(MIR_T_I64);
  MIR_reg_t target = NewReg(MIR_T_I64);
  MIR_reg_t callee = NewReg(MIR_T_I64);
  Emit(MIR_MOV, {R(ref), Mem(MIR_T_I64, int64_t(func) * 8, funcs)});
  Emit(MIR_MOV, {R(target), Mem(MIR_T_I64, vmoff::kFuncRefWasmCall, ref)});
  Emit(MIR_MOV, {R(callee), Mem(MIR_T_I64, vmoff::kFuncRefVmctx, ref)});
  EmitWasmCall(type, proto, R(target), R(callee));
}

void Translator::EmitCallIndirect(uint32_t type_index, uint32_t table) {
  Value index = Pop();
  // "undefined element" when out of bounds, then null, then the signature check.
  MIR_op_t slot = TableElement(table, index,
                               uint32_t(TrapCode::kTableOutOfBounds) | kTrapFlagUndefinedElement);
  MIR_reg_t ref = NewReg(MIR_T_I64);
  Emit(MIR_MOV, {R(ref), slot});
  Emit(MIR_BEQ, {L(TrapLabel(uint32_t(TrapCode::kUninitializedElement))), R(ref), I(0)});
  MIR_reg_t actual = NewReg(MIR_T_I64);
  MIR_reg_t expected = NewReg(MIR_T_I64);
  Emit(MIR_MOV, {R(actual), Mem(MIR_T_U32, vmoff::kFuncRefTypeId, ref)});
  Emit(MIR_MOV, {R(expected), Mem(MIR_T_U32, int64_t(type_index) * 4,
                                  CachedReg(Cached::kTypeIds))});
  Emit(MIR_BNE, {L(TrapLabel(uint32_t(TrapCode::kIndirectCallType))), R(actual), R(expected)});
  MIR_reg_t target = NewReg(MIR_T_I64);
  MIR_reg_t callee = NewReg(MIR_T_I64);
  Emit(MIR_MOV, {R(target), Mem(MIR_T_I64, vmoff::kFuncRefWasmCall, ref)});
  Emit(MIR_MOV, {R(callee), Mem(MIR_T_I64, vmoff::kFuncRefVmctx, ref)});
  EmitWasmCall(module_.types[type_index], items_.protos[type_index], R(target), R(callee));
}

MIR_insn_t Translator::EmitWasmCall(const FuncType& type, MIR_item_t proto, MIR_op_t target,
                                    MIR_op_t callee) {
  const size_t num_params = type.params.size();
  const size_t base = stack_.size() - num_params;
  const bool in_regs = ResultsInRegisters(type.results);
  results_.clear();
  ops_.clear();
  ops_.push_back(MIR_new_ref_op(ctx_, proto));
  ops_.push_back(target);
  for (ValType r : type.results) {
    results_.push_back(NewTemp(r));
    if (in_regs) ops_.push_back(R(results_.back().reg));
  }
  ops_.push_back(callee);
  ops_.push_back(R(vmctx_));
  MIR_reg_t area = 0;
  if (!in_regs) {
    area = Scratch(uint32_t(type.results.size()) * kRetSlotSize);
    ops_.push_back(R(area));
  }
  for (size_t i = 0; i < num_params; ++i) ops_.push_back(OpOf(stack_[base + i]));
  stack_.resize(base);
  MIR_insn_t call = EmitArr(MIR_CALL, &ops_);
  addr_cache_.clear();  // recomputing is cheaper than keeping them across the call
  for (size_t i = 0; i < results_.size(); ++i) {
    const Value& v = results_[i];
    if (!in_regs) {
      Emit(MovCodeOf(v.type),
           {R(v.reg), Mem(MirTypeOf(v.type), int64_t(i) * kRetSlotSize, area)});
    }
    Push(v);
  }
  ReloadMemoryLength();  // the callee may have grown memory
  return call;
}

void Translator::EmitRtCall(RtHelper h, std::initializer_list<MIR_op_t> args, MIR_reg_t result) {
  size_t i = static_cast<size_t>(h);
  ops_.clear();
  ops_.push_back(MIR_new_ref_op(ctx_, items_.helpers.rt_proto[i]));
  ops_.push_back(MIR_new_ref_op(ctx_, items_.helpers.rt_import[i]));
  if (result != 0) ops_.push_back(R(result));
  ops_.insert(ops_.end(), args.begin(), args.end());
  EmitArr(MIR_CALL, &ops_);
  addr_cache_.clear();
}

void Translator::EmitTrapCall(uint32_t raw_code) {
  EmitRtCall(RtHelper::trap, {R(vmctx_), I(raw_code), I(func_index_)}, 0);
}

}  // namespace wasmc
