// Fuel metering and epoch interruption (wasmc.h "Interruption and resource limits"). Consumes
// the translator's instruction stream through four hooks (function entry, before each
// instruction, loop headers, trap blocks); produces fuel accounting and the checks that stop
// runaway code. Nothing is emitted unless the engine enabled the feature at compile time.
//
//   function entry  fuel = limits->fuel_consumed          (negative while fuel remains)
//                   eptr = limits->epoch_ptr; deadline = limits->epoch_deadline
//                   CHECKS
//   straight run    fuel += n   once, just before the run's branch, label or call, where n is
//                   the cost of its instructions (`pending`, summed at translation time)
//   loop header     CHECKS      (after the label: every back-edge passes here)
//   CHECKS          if fuel >= 0 goto trap "all fuel consumed"
//                   if *eptr >= deadline: deadline = epoch_interrupt(vmctx, func)   (or trap)
//
// Between two checks code is loop-free and call-free, so runaway code always reaches a check.
// `fuel` and `deadline` live in registers (no loop-carried memory dependency): `fuel` is
// spilled to VMRuntimeLimits before anything that may run embedder code or read it (calls,
// memory/table.grow, the epoch helper, returns, trap blocks), and both are reloaded after
// calls, since the callee or a host function may have changed them.
#include "mir_backend/translator.h"

namespace wasmc {

void Translator::InterruptFunctionEntry() {
  InterruptState& s = interrupt_;
  s = InterruptState();
  s.fuel = options_.consume_fuel;
  s.epoch = options_.epoch_interruption;
  if (!s.fuel && !s.epoch) return;
  MIR_reg_t limits = NewReg(MIR_T_I64);
  Emit(MIR_MOV, {R(limits), Mem(MIR_T_I64, vmoff::kCtxLimits, vmctx_)});
  if (s.fuel) {
    s.fuel_reg = NewReg(MIR_T_I64);
    Emit(MIR_MOV, {R(s.fuel_reg), Mem(MIR_T_I64, vmoff::kLimitsFuel, limits)});
  }
  if (s.epoch) {
    s.epoch_ptr = NewReg(MIR_T_I64);
    s.deadline = NewReg(MIR_T_I64);
    Emit(MIR_MOV, {R(s.epoch_ptr), Mem(MIR_T_I64, vmoff::kLimitsEpochPtr, limits)});
    Emit(MIR_MOV, {R(s.deadline), Mem(MIR_T_I64, vmoff::kLimitsEpochDeadline, limits)});
  }
  InterruptChecks();
}

void Translator::InterruptBeforeInstr(const Instr& in, bool unreachable) {
  InterruptState& s = interrupt_;
  if ((!s.fuel && !s.epoch) || !reachable_ || unreachable) return;
  if (s.reload) {  // the previous instruction was a call
    InterruptReload();
    s.reload = false;
  }
  if (s.fuel) s.pending += FuelCost(in.op);
  switch (in.op) {
    case Opcode::Call: case Opcode::CallIndirect: case Opcode::MemoryGrow:
    case Opcode::TableGrow:
      // The callee checks at its entry against everything consumed so far; embedder code
      // (host functions, the limiter) may read or set the fuel.
      FuelFlush(true);
      s.reload = true;
      break;
    case Opcode::Loop: case Opcode::If: case Opcode::Else: case Opcode::End:
    case Opcode::Br: case Opcode::BrIf: case Opcode::BrTable: case Opcode::Return:
    case Opcode::Unreachable:
      // The run ends here: a label follows or control leaves. Leaving the function publishes
      // the count (the caller reloads it after the call).
      FuelFlush(BranchLeavesFunction(in));
      break;
    default:
      break;
  }
}

void Translator::InterruptLoopHeader() {
  if (interrupt_.fuel || interrupt_.epoch) InterruptChecks();
}

void Translator::InterruptTrapBlock(uint32_t raw_code) {
  // The stack check runs before the entry loads `fuel`; memory is exact there anyway.
  if (raw_code != uint32_t(TrapCode::kStackExhausted)) InterruptSpill();
}

bool Translator::BranchLeavesFunction(const Instr& in) {
  const uint32_t body_depth = uint32_t(frames_.size()) - 1;
  switch (in.op) {
    case Opcode::Return: return true;
    case Opcode::End: return frames_.size() == 1;
    case Opcode::Br: case Opcode::BrIf: return in.index == body_depth;
    case Opcode::BrTable:
      for (uint32_t i = 0; i <= in.num_targets; ++i) {
        if (in.targets[i] == body_depth) return true;
      }
      return false;
    default: return false;
  }
}

void Translator::FuelFlush(bool spill) {
  InterruptState& s = interrupt_;
  if (!s.fuel) return;
  if (s.pending != 0) {
    Emit(MIR_ADD, {R(s.fuel_reg), R(s.fuel_reg), I(s.pending)});
    s.pending = 0;
  }
  if (spill) InterruptSpill();
}

void Translator::InterruptSpill() {
  if (!interrupt_.fuel) return;
  MIR_reg_t limits = NewReg(MIR_T_I64);
  Emit(MIR_MOV, {R(limits), Mem(MIR_T_I64, vmoff::kCtxLimits, vmctx_)});
  Emit(MIR_MOV, {Mem(MIR_T_I64, vmoff::kLimitsFuel, limits), R(interrupt_.fuel_reg)});
}

void Translator::InterruptReload() {
  const InterruptState& s = interrupt_;
  MIR_reg_t limits = NewReg(MIR_T_I64);
  Emit(MIR_MOV, {R(limits), Mem(MIR_T_I64, vmoff::kCtxLimits, vmctx_)});
  if (s.fuel) Emit(MIR_MOV, {R(s.fuel_reg), Mem(MIR_T_I64, vmoff::kLimitsFuel, limits)});
  if (s.epoch) Emit(MIR_MOV, {R(s.deadline), Mem(MIR_T_I64, vmoff::kLimitsEpochDeadline, limits)});
}

void Translator::InterruptChecks() {
  const InterruptState& s = interrupt_;
  if (s.fuel) {
    Emit(MIR_BGE, {L(TrapLabel(uint32_t(TrapCode::kOutOfFuel))), R(s.fuel_reg), I(0)});
  }
  if (!s.epoch) return;
  // The epoch counter is written by other threads: a plain 64-bit load each time (MIR -O1
  // neither hoists nor merges loads).
  MIR_reg_t now = NewReg(MIR_T_I64);
  MIR_insn_t cont = NewLabel();
  Emit(MIR_MOV, {R(now), Mem(MIR_T_I64, 0, s.epoch_ptr)});
  Emit(MIR_UBLT, {L(cont), R(now), R(s.deadline)});
  InterruptSpill();  // the deadline callback may read the fuel
  EmitRtCall(RtHelper::epoch_interrupt, {R(vmctx_), I(func_index_)}, s.deadline);
  InterruptReload();  // ... or set it, or move the deadline
  PlaceLabel(cont);
}

}  // namespace wasmc
