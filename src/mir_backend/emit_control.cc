// Control instructions: block, loop, if/else, end, br, br_if, br_table, return, unreachable.
// Consumes structured Wasm control flow; produces MIR labels and jumps, passing block
// params/results through per-frame merge registers (see translate.cc's terminology).
#include "mir_backend/translator.h"

namespace wasmc {

Status Translator::EmitStructural(const Instr& in) {
  switch (in.op) {
    case Opcode::Block: case Opcode::Loop: case Opcode::If:  // v128 types: OnInstr
      if (!reachable_) {
        PushFrame(in.op, in.block, true);
      } else if (in.op == Opcode::Block) {
        EmitBlock(in);
      } else if (in.op == Opcode::Loop) {
        EmitLoop(in);
      } else {
        EmitIf(in);
      }
      return Status();
    case Opcode::Else:
      if (!frames_.back().dead) EmitElse();
      return Status();
    default:  // End
      if (frames_.back().dead) {
        frames_.pop_back();
      } else {
        EmitEnd();
      }
      return Status();
  }
}

void Translator::PushFrame(Opcode op, const BlockSig& sig, bool dead) {
  Frame f;
  f.op = op;
  f.dead = dead;
  f.num_params = sig.num_params;
  f.num_results = sig.num_results;
  f.types = uint32_t(type_pool_.size());
  type_pool_.insert(type_pool_.end(), sig.params, sig.params + sig.num_params);
  type_pool_.insert(type_pool_.end(), sig.results, sig.results + sig.num_results);
  uint32_t size = uint32_t(stack_.size());
  f.height = dead || size < sig.num_params ? size : size - sig.num_params;
  f.merge = uint32_t(reg_pool_.size());
  if (!dead) {  // frame 0 (the body) merges into the function's single return
    uint32_t first = op == Opcode::Loop ? 0 : f.num_params;
    uint32_t n = op == Opcode::Loop ? f.num_params : f.num_results;
    for (uint32_t i = 0; i < n; ++i) {
      reg_pool_.push_back(NewReg(MirRegTypeOf(type_pool_[f.types + first + i])));
    }
    f.label = NewLabel();
  }
  PushTaintFrame();
  frames_.push_back(f);
}

void Translator::EmitBlock(const Instr& in) {
  // Entries below the new frame cannot be spilled inside it (the copy would not run on every
  // path), so local refs are copied now.
  MaterializeLocals(0);
  PushFrame(Opcode::Block, in.block, false);
}

void Translator::EmitLoop(const Instr& in) {
  MaterializeLocals(0);
  PushFrame(Opcode::Loop, in.block, false);
  Frame& f = frames_.back();
  for (uint32_t i = 0; i < f.num_params; ++i) {
    Value& v = stack_[f.height + i];
    if (v.tainted) Sink(v);  // the header's params are untainted (emit_taint.cc)
    MoveTo(MergeReg(f, i), v);
    Value p;
    p.type = v.type;
    p.reg = MergeReg(f, i);
    v = p;
  }
  PlaceLabel(f.label);
  InterruptLoopHeader();
}

void Translator::EmitIf(const Instr& in) {
  Value cond = Pop();
  Compare cmp;
  const bool fused = TakeCompare(cond, &cmp);
  MaterializeLocals(0);
  PushFrame(Opcode::If, in.block, false);
  Frame& f = frames_.back();
  f.else_label = NewLabel();
  // The params are temps or constants now, and temps that are not owned are never redefined
  // inside the arms, so the else arm can reuse them.
  f.saved = uint32_t(saved_pool_.size());
  // Both arms read the params: neither may write over them.
  for (size_t i = f.height; i < stack_.size(); ++i) stack_[i].owned = false;
  saved_pool_.insert(saved_pool_.end(), stack_.begin() + f.height, stack_.end());
  if (Tainting()) TaintedLocals(&taint_frames_[frames_.size() - 1].entry);
  SinkCondition(fused ? &cmp : nullptr, cond);
  EmitCondBranch(fused ? &cmp : nullptr, cond, false, f.else_label);
}

void Translator::EmitElse() {
  Frame& f = frames_.back();
  if (reachable_) {
    TaintBranch(0);
    EmitBranchMoves(f);
    Emit(MIR_JMP, {L(f.label)});
    f.end_reached = true;
  }
  PlaceLabel(f.else_label);
  if (Tainting()) RestoreLocalTaint(taint_frames_[frames_.size() - 1].entry);
  f.has_else = true;
  stack_.resize(f.height);
  stack_.insert(stack_.end(), saved_pool_.begin() + f.saved,
                saved_pool_.begin() + f.saved + f.num_params);
  reachable_ = true;
}

void Translator::EmitEnd() {
  Frame& f = frames_.back();
  if (frames_.size() == 1) {  // the function's final `end`
    if (reachable_) {
      TaintBranch(0);
      EmitBranchMoves(f);
    }
    PlaceLabel(f.label);
    EmitReturnValues();
    reachable_ = false;
    frames_.pop_back();
    return;
  }
  if (f.op == Opcode::Loop) {  // results fall through; nothing branches to a loop's end
    if (!reachable_) stack_.resize(f.height);
    frames_.pop_back();
    return;
  }
  if (reachable_) {
    TaintBranch(0);
    EmitBranchMoves(f);
    f.end_reached = true;
  }
  TaintFrame& tf = taint_frames_[frames_.size() - 1];
  if (f.op == Opcode::If && !f.has_else) {  // the missing else arm passes the params through
    if (reachable_) Emit(MIR_JMP, {L(f.label)});
    PlaceLabel(f.else_label);
    for (uint32_t i = 0; i < f.num_results; ++i) {
      const Value& p = saved_pool_[f.saved + i];
      tf.results |= p.tainted;
      MoveTo(MergeReg(f, i), p);
    }
    tf.locals.insert(tf.locals.end(), tf.entry.begin(), tf.entry.end());
    f.end_reached = true;
  }
  PlaceLabel(f.label);
  TaintAtLabel();
  stack_.resize(f.height);
  for (uint32_t i = 0; i < f.num_results; ++i) {
    Value v;
    v.type = FrameType(f, f.num_params + i);
    v.reg = MergeReg(f, i);
    v.tainted = tf.results;
    Push(v);
  }
  reachable_ = f.end_reached;
  frames_.pop_back();
}

void Translator::EmitBranchMoves(const Frame& target) {
  uint32_t arity = target.op == Opcode::Loop ? target.num_params : target.num_results;
  size_t base = stack_.size() - arity;
  for (uint32_t i = 0; i < arity; ++i) MoveTo(MergeReg(target, i), stack_[base + i]);
}

void Translator::EmitJumpTo(Frame* target) {
  EmitBranchMoves(*target);
  Emit(MIR_JMP, {L(target->label)});
  if (target->op != Opcode::Loop) target->end_reached = true;
}

void Translator::EmitReturnValues() {
  // The function's only MIR_RET (MIR 1.0.0 -O1 mis-assigns registers when it merges several
  // returns of multiple values): every `return` moves into frame 0's merge registers and jumps
  // to its label, which precedes this.
  const Frame& body = frames_[0];
  const std::vector<ValType>& results = func_type_->results;
  ops_.clear();
  for (size_t i = 0; i < results.size(); ++i) {
    if (results_in_regs_) {
      ops_.push_back(R(MergeReg(body, uint32_t(i))));
    } else {
      Emit(MovCodeOf(results[i]), {Mem(MirTypeOf(results[i]), int64_t(i) * kRetSlotSize,
                                       ret_area_), R(MergeReg(body, uint32_t(i)))});
    }
  }
  EmitArr(MIR_RET, &ops_);
}

void Translator::SetUnreachable() {
  reachable_ = false;
  stack_.resize(frames_.back().height);
}

void Translator::EmitBr(uint32_t depth) {
  TaintBranch(depth);
  EmitJumpTo(&FrameAt(depth));
  SetUnreachable();
}

void Translator::EmitBrIf(uint32_t depth) {
  Value cond = Pop();
  Compare cmp;
  const Compare* fused = TakeCompare(cond, &cmp) ? &cmp : nullptr;
  TaintBranch(depth);  // sinks precede the branch: they run on both paths
  Frame& t = FrameAt(depth);
  if (t.op != Opcode::Loop) {
    SinkCondition(fused, cond);  // a back edge observes it; a forward branch may vanish
    // A block's merge registers are read only at its label, so moving unconditionally is safe
    // (the moves write no register that the condition reads: a block's merge registers are
    // on the value stack only after the block has ended).
    EmitBranchMoves(t);
    EmitCondBranch(fused, cond, true, t.label);
    t.end_reached = true;
    return;
  }
  if (t.num_params == 0) {
    EmitCondBranch(fused, cond, true, t.label);
    return;
  }
  MIR_insn_t skip = NewLabel();
  EmitCondBranch(fused, cond, false, skip);
  EmitJumpTo(&t);
  PlaceLabel(skip);
}

void Translator::EmitBrTable(const Instr& in) {
  Value index = Pop();
  const uint32_t n = in.num_targets;
  // Each target gets a stub that moves the branch values, unless it needs no moves.
  br_stubs_.clear();
  ops_.clear();
  MIR_reg_t idx = n == 0 ? 0 : ZextReg(index);
  if (idx != 0) ops_.push_back(R(idx));
  MIR_insn_t default_label = nullptr;
  for (uint32_t i = 0; i <= n; ++i) {
    uint32_t depth = in.targets[i];
    Frame& t = FrameAt(depth);
    uint32_t arity = t.op == Opcode::Loop ? t.num_params : t.num_results;
    MIR_insn_t label = nullptr;
    if (arity == 0) {
      label = t.label;
      if (t.op != Opcode::Loop) t.end_reached = true;
    } else {
      for (const auto& stub : br_stubs_) {
        if (stub.first == depth) label = stub.second;
      }
      if (label == nullptr) {
        label = NewLabel();
        br_stubs_.emplace_back(depth, label);
      }
    }
    if (i < n) {
      ops_.push_back(L(label));
    } else {
      default_label = label;
    }
  }
  for (uint32_t i = 0; i <= n; ++i) TaintBranch(in.targets[i]);  // sinks precede the jump
  SinkCondition(nullptr, index);
  if (n == 0) {
    Emit(MIR_JMP, {L(default_label)});
  } else {
    // MIR_SWITCH is undefined for an index without a label: bounds-check first.
    Emit(MIR_UBGE, {L(default_label), R(idx), I(n)});
    EmitArr(MIR_SWITCH, &ops_);
  }
  for (size_t i = 0; i < br_stubs_.size(); ++i) {
    PlaceLabel(br_stubs_[i].second);
    EmitJumpTo(&FrameAt(br_stubs_[i].first));
  }
  SetUnreachable();
}

void Translator::EmitReturn() {
  TaintBranch(uint32_t(frames_.size() - 1));
  EmitJumpTo(&frames_[0]);
  SetUnreachable();
}

void Translator::EmitUnreachable() {
  // The trap ends the function: every value on the stack and in the locals dies here, so any
  // unobserved guard-mode load among them is sunk first (emit_taint.cc).
  if (Tainting()) {
    SinkStack(0, stack_.size());
    SinkTaintedLocals();
  }
  Emit(MIR_JMP, {L(TrapLabel(uint32_t(TrapCode::kUnreachable)))});
  SetUnreachable();
}

}  // namespace wasmc
