// Translator core: consumes the validator's listener calls for one function (validator/instr.h)
// and produces one MIR function in the current MIR module; opcode families are lowered by the
// emit_*.cc files, this file holds the dispatch, the value stack and the prologue/epilogue.
//
// Pipeline (one pass per function, no IR of our own):
//
//   body bytes --> FuncValidator --Instr--> Translator --MIR insns--> MIR module
//                  (decode + type check)    (this file,               |
//                                            emit_*.cc)               v
//                                      MIR_link + MIR_gen (compiler.cc) --> machine code
//
// Terminology:
//   value stack  - the Wasm operand stack at translation time; each entry (`Value`) is a MIR
//                  register (temp or local) or a constant, so no value lives in memory.
//   temp         - a MIR register holding one computed value (short live ranges help MIR's -O1
//                  register allocator, which does not split live ranges). An operation whose
//                  operand is an owned temp (read by nothing else) writes its result over it
//                  (ResultFor), and local.set retargets the instruction defining an owned
//                  temp to the local's register (RetargetLastDef): MIR -O1 does not coalesce.
//   local ref    - an entry that reads a local's register lazily (local.get emits nothing); it
//                  is copied to a temp before the local is written or a block is entered.
//   frame        - a control frame (block/loop/if, and the function body as frame 0).
//   merge regs   - the registers through which values reach a label: a block's or if's results,
//                  a loop's params. Every edge into the label moves its values there first.
//   dead         - code after br/return/unreachable/br_table up to the end of the frame, or a
//                  whole frame opened there: nothing is emitted for it.
//   cached value - a VMContext-derived pointer loaded once in the prologue on first use
//                  (memory base, globals/funcs/tables arrays); they never change during a call.
//   trap block   - one per trap code at the function's end: calls the runtime's `trap` helper,
//                  which never returns. Checks branch there.
#include "mir_backend/translator.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "mir_backend/support.h"
#include "validator/opcodes.h"

namespace wasmc {

Translator::Translator(MIR_context_t ctx, const ModuleDesc& module, const ModuleItems& items,
                       const TranslatorOptions& options)
    : ctx_(ctx), module_(module), items_(items), options_(options) {}

Status Translator::Unsupported() { return UnsupportedStatus(); }

// ---- listener contract ----------------------------------------------------------------------

Status Translator::OnFunctionBegin(uint32_t func_index, const FuncType& type,
                                   const ValType* locals, uint32_t num_locals) {
  if (UnsupportedSignature(type, locals, num_locals)) return Unsupported();
  func_index_ = func_index;
  func_type_ = &type;
  results_in_regs_ = ResultsInRegisters(type.results);
  reachable_ = true;
  next_reg_ = 0;
  ret_area_ = mem_length_ = scratch_ = ctx_scratch_ = 0;
  scratch_insn_ = prologue_tail_ = nullptr;
  scratch_size_ = 0;
  for (MIR_reg_t& r : cached_) r = 0;
  global_ptrs_.clear();
  table_defs_.clear();
  trap_labels_.clear();
  stack_.clear();
  frames_.clear();
  type_pool_.clear();
  reg_pool_.clear();
  saved_pool_.clear();
  labels_.clear();
  last_cmp_ = Compare();
  addr_cache_.clear();

  std::snprintf(name_buf_, sizeof(name_buf_), "f%u", func_index);
  uint32_t hidden = BuildWasmCallSignature(type, param_names_.Get(type.params.size()), &vars_,
                                           &res_types_);
  func_item_ = MIR_new_func_arr(ctx_, name_buf_, res_types_.size(), res_types_.data(),
                                vars_.size(), vars_.data());
  func_ = MIR_get_item_func(ctx_, func_item_);
  vmctx_ = MIR_reg(ctx_, "vmctx", func_);
  if (hidden == 3) ret_area_ = MIR_reg(ctx_, "ret_area", func_);
  EmitPrologue(locals, num_locals);
  ResetTaint(num_locals);
  InterruptFunctionEntry();

  BlockSig sig;
  sig.results = type.results.data();
  sig.num_results = uint32_t(type.results.size());
  PushFrame(Opcode::Block, sig, false);
  return Status();
}

Status Translator::OnInstr(const Instr& in, bool unreachable) {
  if (UnsupportedInstr(module_, in)) return Unsupported();
  InterruptBeforeInstr(in, unreachable);
  switch (in.op) {
    case Opcode::Block: case Opcode::Loop: case Opcode::If: case Opcode::Else:
    case Opcode::End:
      return EmitStructural(in);
    default:
      break;
  }
  if (!reachable_ || unreachable) return Status();
  switch (in.op) {
    case Opcode::Unreachable: EmitUnreachable(); break;
    case Opcode::Nop: break;
    case Opcode::Br: EmitBr(in.index); break;
    case Opcode::BrIf: EmitBrIf(in.index); break;
    case Opcode::BrTable: EmitBrTable(in); break;
    case Opcode::Return: EmitReturn(); break;
    case Opcode::Call: EmitCall(in.index); break;
    case Opcode::CallIndirect: EmitCallIndirect(in.index, in.index2); break;
    case Opcode::Drop: EmitDrop(); break;
    case Opcode::Select: case Opcode::SelectT:
      TaintPureBegin();
      EmitSelect();
      TaintPureEnd();
      break;
    case Opcode::LocalGet: EmitLocalGet(in.index); break;
    case Opcode::LocalSet: EmitLocalSet(in.index, false); break;
    case Opcode::LocalTee: EmitLocalSet(in.index, true); break;
    case Opcode::GlobalGet: EmitGlobalGet(in.index); break;
    case Opcode::GlobalSet: EmitGlobalSet(in.index); break;
    case Opcode::TableGet: EmitTableGet(in.index); break;
    case Opcode::TableSet: EmitTableSet(in.index); break;
    case Opcode::TableSize: EmitTableSize(in.index); break;
    case Opcode::TableGrow: case Opcode::TableFill: case Opcode::TableCopy:
    case Opcode::TableInit: case Opcode::ElemDrop:
      EmitBulkTable(in);
      break;
    case Opcode::MemorySize: EmitMemorySize(); break;
    case Opcode::MemoryGrow: EmitMemoryGrow(); break;
    case Opcode::MemoryInit: case Opcode::DataDrop: case Opcode::MemoryCopy:
    case Opcode::MemoryFill:
      EmitBulkMemory(in);
      break;
    case Opcode::I32Const: case Opcode::I64Const: case Opcode::F32Const:
    case Opcode::F64Const:
      EmitConst(in);
      break;
    case Opcode::RefNull: Push(Const(ValType::kFuncRef, 0)); break;
    case Opcode::RefIsNull:
      TaintPureBegin();
      EmitRefIsNull();
      TaintPureEnd();
      break;
    case Opcode::RefFunc: EmitRefFunc(in.index); break;
    default:
      if (in.op >= Opcode::I32Load && in.op <= Opcode::I64Load32U) {
        EmitLoad(in);
      } else if (in.op >= Opcode::I32Store && in.op <= Opcode::I64Store32) {
        EmitStore(in);
      } else {  // numeric, compare, conversion: pure
        TaintPureBegin();
        Status s = EmitNumeric(in);
        TaintPureEnd();
        return s;
      }
  }
  return Status();
}

Status Translator::OnFunctionEnd() {
  DropLeafStackCheck();
  EmitTrapBlocks();
  if (stack_check_[1] == nullptr) {  // dropped: the stack pointer copy anchored the prologue
    MIR_remove_insn(ctx_, func_item_, stack_check_[0]);
    stack_check_[0] = nullptr;
  }
  labels_.clear();
  if (scratch_insn_ != nullptr) {
    scratch_insn_->ops[1] = I((scratch_size_ + 15) / 16 * 16);
  }
  MIR_finish_func(ctx_);
  return Status();
}

void Translator::DiscardFunction() {
  // A function abandoned mid-way (validation error, SIMD) still owns labels that were never
  // appended; MIR frees only the instructions in a function's list, so append them (the
  // function is never generated).
  if (func_item_ == nullptr || labels_.empty()) return;
  std::vector<MIR_insn_t> placed;
  for (MIR_insn_t insn = DLIST_HEAD(MIR_insn_t, func_->insns); insn != nullptr;
       insn = DLIST_NEXT(MIR_insn_t, insn)) {
    if (insn->code == MIR_LABEL) placed.push_back(insn);
  }
  std::sort(placed.begin(), placed.end());
  for (MIR_insn_t label : labels_) {
    if (!std::binary_search(placed.begin(), placed.end(), label)) PlaceLabel(label);
  }
  labels_.clear();
}

// ---- emission primitives ---------------------------------------------------------------------

MIR_reg_t Translator::NewReg(MIR_type_t type) {
  std::snprintf(name_buf_, sizeof(name_buf_), "t%u", next_reg_++);
  return MIR_new_func_reg(ctx_, func_, type, name_buf_);
}

MIR_insn_t Translator::Emit(MIR_insn_code_t code, std::initializer_list<MIR_op_t> ops) {
  MIR_op_t buf[8];
  size_t n = 0;
  for (const MIR_op_t& op : ops) buf[n++] = op;
  MIR_insn_t insn = MIR_new_insn_arr(ctx_, code, n, buf);
  MIR_append_insn(ctx_, func_item_, insn);
  return insn;
}

MIR_insn_t Translator::EmitArr(MIR_insn_code_t code, std::vector<MIR_op_t>* ops) {
  MIR_insn_t insn = MIR_new_insn_arr(ctx_, code, ops->size(), ops->data());
  MIR_append_insn(ctx_, func_item_, insn);
  return insn;
}

void Translator::InsertInPrologue(MIR_insn_code_t code, std::initializer_list<MIR_op_t> ops) {
  MIR_op_t buf[8];
  size_t n = 0;
  for (const MIR_op_t& op : ops) buf[n++] = op;
  MIR_insn_t insn = MIR_new_insn_arr(ctx_, code, n, buf);
  MIR_insert_insn_after(ctx_, func_item_, prologue_tail_, insn);
  prologue_tail_ = insn;
}

MIR_reg_t Translator::CachedReg(Cached which) {
  MIR_reg_t& reg = cached_[static_cast<uint32_t>(which)];
  if (reg != 0) return reg;
  int disp = 0;
  switch (which) {
    case Cached::kMemory0: disp = vmoff::kCtxMemory0; break;
    case Cached::kGlobals: disp = vmoff::kCtxGlobals; break;
    case Cached::kFuncs: disp = vmoff::kCtxFuncs; break;
    case Cached::kTables: disp = vmoff::kCtxTables; break;
    case Cached::kTypeIds: disp = vmoff::kCtxTypeIds; break;
    case Cached::kMemBase: {
      MIR_reg_t mem0 = CachedReg(Cached::kMemory0);
      reg = NewReg(MIR_T_I64);
      InsertInPrologue(MIR_MOV, {R(reg), Mem(MIR_T_I64, vmoff::kMemBase, mem0)});
      return reg;
    }
    case Cached::kCount: break;
  }
  reg = NewReg(MIR_T_I64);
  InsertInPrologue(MIR_MOV, {R(reg), Mem(MIR_T_I64, disp, vmctx_)});
  return reg;
}

MIR_insn_t Translator::TrapLabel(uint32_t raw_code) {
  for (const auto& entry : trap_labels_) {
    if (entry.first == raw_code) return entry.second;
  }
  MIR_insn_t label = NewLabel();
  trap_labels_.emplace_back(raw_code, label);
  return label;
}

MIR_reg_t Translator::Scratch(uint32_t bytes) {
  if (scratch_ == 0) {
    scratch_ = NewReg(MIR_T_I64);
    InsertInPrologue(MIR_ALLOCA, {R(scratch_), I(16)});
    scratch_insn_ = prologue_tail_;
  }
  if (bytes > scratch_size_) scratch_size_ = bytes;
  return scratch_;
}

MIR_op_t Translator::CtxScratch(MIR_type_t type) {
  if (ctx_scratch_ == 0) {
    ctx_scratch_ = NewReg(MIR_T_I64);
    InsertInPrologue(MIR_ADD, {R(ctx_scratch_), R(vmctx_), I(vmoff::kCtxScratch)});
  }
  return Mem(type, 0, ctx_scratch_);
}

// ---- the value stack -------------------------------------------------------------------------

Translator::Value Translator::NewTemp(ValType type) {
  Value v;
  v.type = type;
  v.kind = Kind::kTemp;
  v.reg = NewReg(MirRegTypeOf(type));
  v.owned = true;
  return v;
}

Translator::Value Translator::ResultFor(const Value& operand, ValType type) {
  // The operand dies here: writing the result over it gives MIR `op r, r, x`, which its x86
  // two-address forms take without the copy through a fresh register (and the register
  // allocator sees one short live range fewer).
  // Integers only: a float live across a call lives in memory (no callee-saved xmm
  // registers), and a chain of float results sharing its register would all live there,
  // putting a store and a reload on the critical path of each step (nbody).
  if (operand.kind != Kind::kTemp || !operand.owned || MirRegTypeOf(type) != MIR_T_I64 ||
      MirRegTypeOf(operand.type) != MIR_T_I64) {
    return NewTemp(type);
  }
  Value v;
  v.type = type;
  v.kind = Kind::kTemp;
  v.reg = operand.reg;
  v.owned = true;
  return v;
}

Translator::Value Translator::Const(ValType type, uint64_t bits) {
  Value v;
  v.type = type;
  v.kind = Kind::kConst;
  v.bits = type == ValType::kI32 || type == ValType::kF32 ? bits & 0xffffffffu : bits;
  return v;
}

MIR_op_t Translator::OpOf(const Value& v) {
  if (v.kind != Kind::kConst) return R(v.reg);
  switch (v.type) {
    case ValType::kI32: return I(int32_t(uint32_t(v.bits)));
    case ValType::kF32: {
      float f;
      uint32_t b = uint32_t(v.bits);
      std::memcpy(&f, &b, 4);
      return F(f);
    }
    case ValType::kF64: {
      double d;
      std::memcpy(&d, &v.bits, 8);
      return D(d);
    }
    default: return I(int64_t(v.bits));
  }
}

MIR_reg_t Translator::RegOf(const Value& v) {
  if (v.kind != Kind::kConst) return v.reg;
  MIR_reg_t r = NewReg(MirRegTypeOf(v.type));
  Emit(MovCodeOf(v.type), {R(r), OpOf(v)});
  return r;
}

MIR_reg_t Translator::ZextReg(const Value& v) {
  MIR_reg_t r;
  if (v.kind == Kind::kConst) {
    r = NewReg(MIR_T_I64);
    Emit(MIR_MOV, {R(r), I(int64_t(uint32_t(v.bits)))});
  } else if (v.zext) {
    r = v.reg;
  } else {
    r = NewReg(MIR_T_I64);
    Emit(MIR_UEXT32, {R(r), R(v.reg)});
  }
  return r;
}

void Translator::MoveTo(MIR_reg_t dst, const Value& src) {
  if (src.kind != Kind::kConst && src.reg == dst) return;
  Emit(MovCodeOf(src.type), {R(dst), OpOf(src)});
}

void Translator::MaterializeLocals(uint32_t from) {
  for (size_t i = from; i < stack_.size(); ++i) {
    Value& v = stack_[i];
    if (v.kind != Kind::kLocal) continue;
    Value t = NewTemp(v.type);
    MoveTo(t.reg, v);
    t.zext = v.zext;
    t.tainted = v.tainted;
    v = t;
  }
}

void Translator::SpillLocal(uint32_t local) {
  for (Value& v : stack_) {
    if (v.kind != Kind::kLocal || v.local != local) continue;
    Value t = NewTemp(v.type);
    MoveTo(t.reg, v);
    t.tainted = v.tainted;
    v = t;
  }
}

void Translator::EmitDrop() {
  // MIR's -O1 dead code elimination deletes instructions whose results are unused, loads
  // included, but never stores; a dropped value that may hold an unobserved guard-mode load is
  // stored to the scratch slot (emit_taint.cc; branches on it would not do: MIR removes
  // branches to the next instruction). Other drops emit nothing.
  Value v = Pop();
  if (v.tainted) Sink(v);
}

// ---- prologue and epilogue -------------------------------------------------------------------

void Translator::EmitPrologue(const ValType* locals, uint32_t num_locals) {
  local_regs_.clear();
  local_types_.assign(locals, locals + num_locals);
  const uint32_t num_params = uint32_t(func_type_->params.size());
  const char* const* names = param_names_.Get(num_params);
  for (uint32_t i = 0; i < num_params; ++i) local_regs_.push_back(MIR_reg(ctx_, names[i], func_));
  // The anchor after which cached values are loaded: the first instruction of the body.
  MIR_reg_t sp = NewReg(MIR_T_I64);
  MIR_op_t op = R(sp);
  MIR_insn_t anchor = MIR_new_insn_arr(ctx_, MIR_BSTART, 1, &op);
  MIR_append_insn(ctx_, func_item_, anchor);
  prologue_tail_ = anchor;
  stack_check_[0] = anchor;
  for (uint32_t i = num_params; i < num_locals; ++i) {
    ValType t = locals[i];
    MIR_reg_t r = NewReg(MirRegTypeOf(t));
    local_regs_.push_back(r);
    switch (t) {
      case ValType::kF32: Emit(MIR_FMOV, {R(r), F(0.0f)}); break;
      case ValType::kF64: Emit(MIR_DMOV, {R(r), D(0.0)}); break;
      default: Emit(MIR_MOV, {R(r), I(0)}); break;
    }
  }
  // Stack exhaustion ("call stack exhausted"): BSTART copied the stack pointer after this
  // frame was set up; the runtime keeps `stack_limit` far enough above the real end of the
  // stack for the trap path and the helpers.
  MIR_reg_t limits = NewReg(MIR_T_I64);
  MIR_reg_t limit = NewReg(MIR_T_I64);
  stack_check_[1] = Emit(MIR_MOV, {R(limits), Mem(MIR_T_I64, vmoff::kCtxLimits, vmctx_)});
  stack_check_[2] = Emit(MIR_MOV, {R(limit), Mem(MIR_T_I64, vmoff::kLimitsStackLimit, limits)});
  stack_check_[3] =
      Emit(MIR_UBLT, {L(TrapLabel(uint32_t(TrapCode::kStackExhausted))), R(sp), R(limit)});
  if (options_.explicit_bounds_checks && !module_.memories.empty()) {
    mem_length_ = NewReg(MIR_T_I64);
    ReloadMemoryLength();
  }
}

void Translator::DropLeafStackCheck() {
  // A function that calls nothing (no Wasm call, helper or interrupt check) and has a small
  // frame needs no stack check of its own: its caller passed the check, and it can go at most
  // its own frame (a few KiB: kMaxLeafRegs slots, the scratch area, saved registers) below
  // that caller's checked stack pointer, which the runtime's 64 KiB margin below the limit
  // absorbs (runtime/call.cc). Its trap calls run only after a trap, like the caller's would.
  // This saves the stack pointer copy, two dependent loads and a branch per call of a leaf.
  constexpr uint32_t kMaxLeafRegs = 256;
  if (next_reg_ + local_regs_.size() > kMaxLeafRegs || scratch_size_ > 256) return;
  for (MIR_insn_t insn = DLIST_HEAD(MIR_insn_t, func_->insns); insn != nullptr;
       insn = DLIST_NEXT(MIR_insn_t, insn)) {
    if (MIR_call_code_p(insn->code) || (insn->code == MIR_ALLOCA && insn != scratch_insn_)) {
      return;
    }
  }
  // The trap block of kStackExhausted stays (unreachable: MIR -O1 deletes it), so that its
  // label is placed and freed with the function. The BSTART goes after the trap blocks (it
  // anchors prologue insertions until then).
  for (int i = 3; i >= 1; --i) {
    MIR_remove_insn(ctx_, func_item_, stack_check_[i]);
    stack_check_[i] = nullptr;
  }
}

void Translator::EmitTrapBlocks() {
  // After the function's return. The trap helper never returns; the jump to an empty
  // self-loop keeps the trap blocks from flowing into the return, so no value is live across
  // them. (A jump back to the trap block's own label would keep the call's arguments, vmctx
  // above all, live across the call: a leaf function would then save and restore a
  // callee-saved register on every call just to hold vmctx.)
  if (trap_labels_.empty()) return;
  MIR_insn_t hang = NewLabel();
  for (const auto& entry : trap_labels_) {
    PlaceLabel(entry.second);
    InterruptTrapBlock(entry.first);
    EmitTrapCall(entry.first);
    Emit(MIR_JMP, {L(hang)});
  }
  PlaceLabel(hang);
  Emit(MIR_JMP, {L(hang)});
}

}  // namespace wasmc
