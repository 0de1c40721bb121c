// C API shims for wasmc_engine_t: engine creation from a config and reference release.
#include "abi/handles.h"

using namespace wasmc;  // NOLINT: shims only

extern "C" {

wasmc_error_t* wasmc_engine_new(const wasmc_config_t* config,
                                wasmc_engine_t** engine_out) WASMC_SHIM_NOEXCEPT {
  if (!engine_out) return abi::Misuse("engine_out is NULL");
  Result<Engine*> engine = Engine::Create(config ? config->config : EngineConfig());
  if (!engine.ok()) return abi::ToError(engine.status());
  *engine_out = abi::Wrap(engine.value());
  return nullptr;
}

void wasmc_engine_delete(wasmc_engine_t* engine) WASMC_SHIM_NOEXCEPT {
  if (engine) abi::Unwrap(engine)->Unref();
}

}  // extern "C"
