// C API shims for wasmc_caller_t (the context of a running host function) and native host
// functions (libffi).
#include "abi/handles.h"

using namespace wasmc;  // NOLINT: shims only

extern "C" {

bool wasmc_caller_export_get(wasmc_caller_t*, const char*, size_t,
                             wasmc_extern_t*) WASMC_SHIM_NOEXCEPT {
  return false;
}
wasmc_store_t* wasmc_caller_store(wasmc_caller_t* caller) WASMC_SHIM_NOEXCEPT {
  return caller ? abi::Wrap(caller->store) : nullptr;
}
void wasmc_caller_set_trap(wasmc_caller_t*, wasmc_trap_t* trap) WASMC_SHIM_NOEXCEPT {
  delete FromPublicTrap(trap);
}
wasmc_error_t* wasmc_func_new_native(wasmc_store_t*, const wasmc_functype_t*, void (*)(void),
                                     wasmc_native_flags_t, void*, void (*)(void*),
                                     wasmc_func_t*) WASMC_SHIM_NOEXCEPT {
  return abi::NewError(ErrorKind::kUnsupported, "native functions: not implemented yet");
}

}  // extern "C"
