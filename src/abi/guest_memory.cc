// C API shims for guest memory access: checked reads and writes, scalars, borrows.
#include "abi/handles.h"

using namespace wasmc;  // NOLINT: shims only

namespace {
wasmc_error_t* NotYet() {
  return abi::NewError(ErrorKind::kUnsupported, "guest memory access: not implemented yet");
}
}  // namespace

extern "C" {

wasmc_error_t* wasmc_memory_read(wasmc_store_t*, const wasmc_memory_t*, uint32_t, void*,
                                 uint32_t) WASMC_SHIM_NOEXCEPT {
  return NotYet();
}
wasmc_error_t* wasmc_memory_write(wasmc_store_t*, const wasmc_memory_t*, uint32_t, const void*,
                                  uint32_t) WASMC_SHIM_NOEXCEPT {
  return NotYet();
}
wasmc_error_t* wasmc_memory_read_scalar(wasmc_store_t*, const wasmc_memory_t*, uint32_t,
                                        uint32_t, uint32_t, void*) WASMC_SHIM_NOEXCEPT {
  return NotYet();
}
wasmc_error_t* wasmc_memory_write_scalar(wasmc_store_t*, const wasmc_memory_t*, uint32_t,
                                         uint32_t, uint32_t, const void*) WASMC_SHIM_NOEXCEPT {
  return NotYet();
}
wasmc_error_t* wasmc_memory_borrow(wasmc_store_t*, const wasmc_memory_t*, uint32_t, uint32_t,
                                   wasmc_borrow_mode_t, uint8_t**,
                                   wasmc_borrow_t*) WASMC_SHIM_NOEXCEPT {
  return NotYet();
}
wasmc_error_t* wasmc_memory_borrow_str(wasmc_store_t*, const wasmc_memory_t*, uint32_t, uint32_t,
                                       const char**, wasmc_borrow_t*) WASMC_SHIM_NOEXCEPT {
  return NotYet();
}
wasmc_error_t* wasmc_memory_unborrow(wasmc_store_t*, const wasmc_borrow_t*) WASMC_SHIM_NOEXCEPT {
  return NotYet();
}
bool wasmc_memory_has_outstanding_borrows(wasmc_store_t*,
                                          const wasmc_memory_t*) WASMC_SHIM_NOEXCEPT {
  return false;
}

}  // extern "C"
