// Trap messages: consumes trap codes (as passed to the `trap` helper) and the trapping function's
// index and name, produces Trap objects with the spec's wording plus "(in function ...)".
// RaiseTrap/RaiseTrapObject live in call.cc, next to the call records they jump to.
#include "runtime/trap.h"

#include <utility>

namespace wasmc {

TrapCode TrapCodeFromRaw(uint32_t raw_code) {
  return static_cast<TrapCode>(raw_code & ~kTrapFlagUndefinedElement);
}

const char* TrapCodeMessage(uint32_t raw_code) {
  switch (TrapCodeFromRaw(raw_code)) {
    case TrapCode::kUnreachable: return "unreachable";
    case TrapCode::kIntDivByZero: return "integer divide by zero";
    case TrapCode::kIntOverflow: return "integer overflow";
    case TrapCode::kBadConversion: return "invalid conversion to integer";
    case TrapCode::kMemoryOutOfBounds: return "out of bounds memory access";
    case TrapCode::kTableOutOfBounds:
      return (raw_code & kTrapFlagUndefinedElement) ? "undefined element"
                                                     : "out of bounds table access";
    case TrapCode::kUninitializedElement: return "uninitialized element";
    case TrapCode::kIndirectCallType: return "indirect call type mismatch";
    case TrapCode::kStackExhausted: return "call stack exhausted";
    case TrapCode::kHost: return "host trap";
    case TrapCode::kOutOfFuel: return "all fuel consumed";
    case TrapCode::kInterrupt: return "interrupt";
    case TrapCode::kNullReference: return "null reference";
    case TrapCode::kNone: break;
  }
  return "trap";
}

std::string FormatTrapMessage(std::string_view message, uint32_t func_index,
                              std::string_view func_name) {
  std::string out(message);
  if (func_index == kUnknownFuncIndex) return out;
  out += " (in function ";
  if (func_name.empty()) {
    out += '#';
    out += std::to_string(func_index);
  } else {
    out += '`';
    out += func_name;
    out += '`';
  }
  out += ')';
  return out;
}

std::unique_ptr<Trap> MakeTrap(uint32_t raw_code, uint32_t func_index,
                               std::string_view func_name) {
  auto trap = std::make_unique<Trap>();
  trap->code = TrapCodeFromRaw(raw_code);
  trap->func_index = func_index;
  trap->message = FormatTrapMessage(TrapCodeMessage(raw_code), func_index, func_name);
  return trap;
}

std::unique_ptr<Trap> MakeHostTrap(std::string message) {
  auto trap = std::make_unique<Trap>();
  trap->code = TrapCode::kHost;
  trap->message = std::move(message);
  return trap;
}

}  // namespace wasmc
