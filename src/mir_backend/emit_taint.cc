// Unobserved loads in guard-page mode. A guard-mode load has no explicit bounds check: an
// out-of-bounds access traps by SIGSEGV when the load executes. MIR -O1's dead code elimination
// treats loads as free of side effects and deletes those whose value is never used, so such a
// load would not trap, which the spec requires. MIR_USE cannot be emitted from outside the
// generator, so the only dependable use is a side effect: a store of the value to the
// instance's scratch word VMContext::scratch (a "sink"), or any store, call or branch
// consuming it.
//
// Sinks are rare because real code observes what it loads. The translator tracks, per value
// stack entry (`Value::tainted`) and per local (`local_taint_`), whether the value may depend
// on a load that nothing has observed yet on the current path:
//   - a guard-mode load pushes a tainted value; a pure operation (numeric, compare,
//     conversion, select, ref.is_null) pushes a value tainted iff an operand was (a result
//     that is a constant although an operand was tainted sinks the tainted operands);
//   - observing consumers (stores, calls through imports or tables, load and table operands,
//     global.set, memory and table helpers, function results, the condition of a back edge)
//     need nothing; a direct call to a function of the module is not one, because MIR may
//     inline the callee: its tainted arguments are sunk and its results are tainted;
//   - other branch conditions (if, forward br_if, br_table) are sunk when tainted: MIR
//     deletes a branch to the next instruction, which a forward branch can become once the
//     dead code before its label is gone, and with it the branch's use of the condition;
//   - drop sinks a tainted value; `unreachable` sinks every tainted stack entry and local
//     (the trap path ends the function, so they all die there);
//   - local.get moves the local's taint to the pushed entry; local.set/tee sinks the local's
//     old value if the local is tainted, then the local takes the value's taint;
//   - a branch sinks the tainted entries it discards (those between the target's height and
//     its arguments). Into a block's or if's label: the arguments' taint ORs into the frame's
//     result taint, the tainted locals are added to the frame's set (TaintFrame), and at the
//     label the results and locals are tainted as on any incoming edge (an if's implicit else
//     edge contributes its params and its entry state). Into a loop header (back edge) or
//     out of the function: tainted arguments (loop params) and all tainted locals are sunk,
//     so the loop header's state is the entry state alone. Loop params are sunk on entry.
// Flags are cleared after a sink only where the state is private to the current path:
// locals (their state is per path and snapshotted at branches) and stack entries above the
// current frame's height (entries below it are shared with paths into enclosing labels).
//
// Correctness: by induction over the translation, on every path, a tainted value's load is
// kept reachable from a tracked entity (a tainted stack entry, a tainted local, a tainted
// frame result or local set) until that entity is observed or sunk; no transition drops a
// tracked entity without a sink (discarded entries, overwritten locals, back edges, function
// exit, drops). So every guard-mode load's value reaches an observing instruction or a sink
// store on every path, and MIR cannot delete the load. Explicit bounds mode checks every
// access by a branch and tracks nothing.
#include "mir_backend/translator.h"

namespace wasmc {

void Translator::ResetTaint(uint32_t num_locals) {
  local_taint_.assign(num_locals, 0);
  tainted_locals_.clear();
}

void Translator::PushTaintFrame() {
  size_t index = frames_.size();  // the frame about to be pushed
  if (taint_frames_.size() <= index) taint_frames_.resize(index + 1);
  TaintFrame& tf = taint_frames_[index];
  tf.locals.clear();
  tf.entry.clear();
  tf.results = false;
}

void Translator::Sink(const Value& v) {
  if (v.kind == Kind::kConst) return;
  Emit(MovCodeOf(v.type), {CtxScratch(MirRegTypeOf(v.type)), R(v.reg)});
}

void Translator::SinkStack(size_t from, size_t to) {
  const size_t private_from = frames_.back().height;
  for (size_t i = from; i < to; ++i) {
    Value& v = stack_[i];
    if (!v.tainted) continue;
    Sink(v);
    if (i >= private_from) v.tainted = false;
  }
}

void Translator::SetLocalTaint(uint32_t local, bool tainted) {
  if (tainted && local_taint_[local] == 0) tainted_locals_.push_back(local);
  local_taint_[local] = tainted ? 1 : 0;
}

void Translator::TaintedLocals(std::vector<uint32_t>* out) {
  out->clear();
  for (uint32_t l : tainted_locals_) {
    if (local_taint_[l] != 1) continue;  // cleared, or already collected
    local_taint_[l] = 2;
    out->push_back(l);
  }
  for (uint32_t l : *out) local_taint_[l] = 1;
  tainted_locals_.assign(out->begin(), out->end());
}

void Translator::SinkTaintedLocals() {
  if (tainted_locals_.empty()) return;
  TaintedLocals(&taint_tmp_);
  for (uint32_t l : taint_tmp_) {
    Sink(LocalRef(l));
    local_taint_[l] = 0;
  }
  tainted_locals_.clear();
}

void Translator::RestoreLocalTaint(const std::vector<uint32_t>& locals) {
  for (uint32_t l : tainted_locals_) local_taint_[l] = 0;
  tainted_locals_.clear();
  for (uint32_t l : locals) SetLocalTaint(l, true);
}

void Translator::TaintBranch(uint32_t depth) {
  if (!Tainting()) return;
  const size_t index = frames_.size() - 1 - depth;
  const Frame& t = frames_[index];
  const uint32_t arity = t.op == Opcode::Loop ? t.num_params : t.num_results;
  const size_t args = stack_.size() - arity;
  SinkStack(t.height, args);  // discarded on the taken path
  if (index == 0) {           // a return: the results are observed, the locals die
    SinkTaintedLocals();
    return;
  }
  if (t.op == Opcode::Loop) {  // a back edge
    SinkStack(args, stack_.size());
    SinkTaintedLocals();
    return;
  }
  TaintFrame& tf = taint_frames_[index];
  for (size_t i = args; i < stack_.size(); ++i) tf.results |= stack_[i].tainted;
  if (tainted_locals_.empty()) return;
  TaintedLocals(&taint_tmp_);
  tf.locals.insert(tf.locals.end(), taint_tmp_.begin(), taint_tmp_.end());
}

void Translator::TaintAtLabel() {
  if (!Tainting()) return;
  const TaintFrame& tf = taint_frames_[frames_.size() - 1];
  RestoreLocalTaint(tf.locals);
}

void Translator::SinkCondition(const Compare* cmp, const Value& cond) {
  if (!Tainting() || !cond.tainted) return;
  if (cmp == nullptr) {
    Sink(cond);
    return;
  }
  const bool any = cmp->in[0].tainted || cmp->in[1].tainted;
  for (const Value& v : cmp->in) {
    if (v.tainted || !any) Sink(v);
  }
}

void Translator::TaintPureBegin() {
  pure_height_ = stack_.size();
  for (size_t i = 0; i < 3; ++i) {
    pure_in_[i] = i < pure_height_ ? stack_[pure_height_ - 1 - i] : Value();
  }
}

void Translator::TaintPureEnd() {
  if (!Tainting() || stack_.empty() || stack_.size() > pure_height_ + 1) return;
  size_t popped = pure_height_ + 1 - stack_.size();  // pure operations push one value
  if (popped > 3) popped = 3;
  bool tainted = false;
  for (size_t i = 0; i < popped; ++i) tainted |= pure_in_[i].tainted;
  Value& r = stack_.back();
  if (!tainted || r.kind != Kind::kConst) {
    r.tainted = tainted;
    return;
  }
  r.tainted = false;
  for (size_t i = 0; i < popped; ++i) {
    if (pure_in_[i].tainted) Sink(pure_in_[i]);
  }
}

}  // namespace wasmc
