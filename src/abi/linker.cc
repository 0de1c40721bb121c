// C API shims for wasmc_linker_t: name-based import resolution (see wasmc.h, Linker).
#include "abi/handles.h"

using namespace wasmc;  // NOLINT: shims only

extern "C" {

wasmc_error_t* wasmc_linker_new(wasmc_engine_t*, wasmc_linker_t**) WASMC_SHIM_NOEXCEPT {
  return abi::NewError(ErrorKind::kUnsupported, "linker: not implemented yet");
}
void wasmc_linker_delete(wasmc_linker_t*) WASMC_SHIM_NOEXCEPT {}
void wasmc_linker_allow_shadowing(wasmc_linker_t*, bool) WASMC_SHIM_NOEXCEPT {}
wasmc_error_t* wasmc_linker_define(wasmc_linker_t*, wasmc_store_t*, const char*, size_t,
                                   const char*, size_t, const wasmc_extern_t*) WASMC_SHIM_NOEXCEPT {
  return abi::NewError(ErrorKind::kUnsupported, "linker: not implemented yet");
}
wasmc_error_t* wasmc_linker_define_func(wasmc_linker_t*, wasmc_store_t*, const char*, size_t,
                                        const char*, size_t, const wasmc_functype_t*,
                                        wasmc_func_callback_t, void*,
                                        void (*)(void*)) WASMC_SHIM_NOEXCEPT {
  return abi::NewError(ErrorKind::kUnsupported, "linker: not implemented yet");
}
wasmc_error_t* wasmc_linker_define_instance(wasmc_linker_t*, wasmc_store_t*, const char*, size_t,
                                            const wasmc_instance_t*) WASMC_SHIM_NOEXCEPT {
  return abi::NewError(ErrorKind::kUnsupported, "linker: not implemented yet");
}
bool wasmc_linker_get(const wasmc_linker_t*, wasmc_store_t*, const char*, size_t, const char*,
                      size_t, wasmc_extern_t*) WASMC_SHIM_NOEXCEPT {
  return false;
}
wasmc_error_t* wasmc_linker_instantiate(const wasmc_linker_t*, wasmc_store_t*,
                                        const wasmc_module_t*, wasmc_instance_t*,
                                        wasmc_trap_t**) WASMC_SHIM_NOEXCEPT {
  return abi::NewError(ErrorKind::kUnsupported, "linker: not implemented yet");
}

}  // extern "C"
