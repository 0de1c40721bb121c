// C API shims for errors and traps: consumes runtime Status and Trap objects, produces the
// owned `wasmc_error_t` / `wasmc_trap_t` of wasmc.h and their accessors.
#include <memory>

#include "abi/handles.h"

namespace wasmc {
namespace abi {

wasmc_error_t* NewError(ErrorKind kind, const char* message) {
  return new wasmc_error{static_cast<wasmc_error_code_t>(kind), message, kNoOffset};
}

wasmc_error_t* ToError(const Status& status) {
  if (status.ok()) return nullptr;
  return new wasmc_error{static_cast<wasmc_error_code_t>(status.kind()), status.message(),
                         status.offset()};
}

void ReturnTrap(std::unique_ptr<Trap> trap, wasmc_trap_t** trap_out) {
  if (trap_out) *trap_out = ToPublicTrap(trap.release());
}

}  // namespace abi
}  // namespace wasmc

using namespace wasmc;  // NOLINT: shims only

extern "C" {

void wasmc_error_delete(wasmc_error_t* error) WASMC_SHIM_NOEXCEPT { delete error; }

wasmc_error_code_t wasmc_error_code(const wasmc_error_t* error) WASMC_SHIM_NOEXCEPT {
  return error ? error->code : WASMC_ERR_MISUSE;
}

const char* wasmc_error_message(const wasmc_error_t* error) WASMC_SHIM_NOEXCEPT {
  return error ? error->message.c_str() : "";
}

bool wasmc_error_offset(const wasmc_error_t* error, uint64_t* offset_out) WASMC_SHIM_NOEXCEPT {
  if (!error || error->offset == kNoOffset) return false;
  if (offset_out) *offset_out = error->offset;
  return true;
}

wasmc_trap_t* wasmc_trap_new(const char* message, size_t len) WASMC_SHIM_NOEXCEPT {
  if (!message && len != 0) return nullptr;
  std::string text = message ? std::string(message, len) : std::string();
  return ToPublicTrap(MakeHostTrap(std::move(text)).release());
}

void wasmc_trap_delete(wasmc_trap_t* trap) WASMC_SHIM_NOEXCEPT { delete FromPublicTrap(trap); }

wasmc_trap_code_t wasmc_trap_code(const wasmc_trap_t* trap) WASMC_SHIM_NOEXCEPT {
  return trap ? static_cast<wasmc_trap_code_t>(abi::Unwrap(trap)->code) : 0;
}

const char* wasmc_trap_message(const wasmc_trap_t* trap) WASMC_SHIM_NOEXCEPT {
  return trap ? abi::Unwrap(trap)->message.c_str() : "";
}

}  // extern "C"
