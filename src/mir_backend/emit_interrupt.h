// Fuel metering and epoch interruption in compiled code: the per-function translator state and
// the fuel cost of each instruction. The emission itself is in emit_interrupt.cc (Translator
// members); translate.cc and emit_control.cc only call its hooks.
#ifndef WASMC_MIR_BACKEND_EMIT_INTERRUPT_H_
#define WASMC_MIR_BACKEND_EMIT_INTERRUPT_H_

#include <cstdint>

#include "mir_backend/mir_api.h"
#include "validator/instr.h"

namespace wasmc {

// Reset at every function entry. Registers are 0 when the feature is off.
struct InterruptState {
  bool fuel = false;     // TranslatorOptions::consume_fuel
  bool epoch = false;    // TranslatorOptions::epoch_interruption
  MIR_reg_t fuel_reg = 0;   // cached VMRuntimeLimits::fuel_consumed (negative: fuel left)
  MIR_reg_t epoch_ptr = 0;  // cached VMRuntimeLimits::epoch_ptr
  MIR_reg_t deadline = 0;   // cached VMRuntimeLimits::epoch_deadline
  uint32_t pending = 0;     // fuel of the instructions since the last flush
  bool reload = false;      // a call was just emitted: reload the cached values first
};

// The fuel an instruction costs: structure markers and `nop` generate no code and are free;
// everything else costs 1 (wasmc.h wasmc_config_consume_fuel_set).
inline uint32_t FuelCost(Opcode op) {
  switch (op) {
    case Opcode::Nop: case Opcode::Block: case Opcode::Loop: case Opcode::Else:
    case Opcode::End:
      return 0;
    default:
      return 1;
  }
}

}  // namespace wasmc

#endif  // WASMC_MIR_BACKEND_EMIT_INTERRUPT_H_
