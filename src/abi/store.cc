// C API shims for wasmc_store_t: creation and deletion (which runs every finalizer once).
#include "abi/handles.h"

using namespace wasmc;  // NOLINT: shims only

extern "C" {

wasmc_error_t* wasmc_store_new(wasmc_engine_t* engine, wasmc_store_t** store_out) WASMC_SHIM_NOEXCEPT {
  if (!engine) return abi::Misuse("engine is NULL");
  if (!store_out) return abi::Misuse("store_out is NULL");
  *store_out = abi::Wrap(new Store(abi::Unwrap(engine)));
  return nullptr;
}

void wasmc_store_delete(wasmc_store_t* store) WASMC_SHIM_NOEXCEPT { delete abi::Unwrap(store); }

}  // extern "C"
