// C API shims for wasmc_config_t: consumes option setters, produces an EngineConfig that
// wasmc_engine_new copies.
#include "abi/handles.h"

using namespace wasmc;  // NOLINT: shims only

extern "C" {

wasmc_config_t* wasmc_config_new(void) WASMC_SHIM_NOEXCEPT { return new wasmc_config(); }

void wasmc_config_delete(wasmc_config_t* config) WASMC_SHIM_NOEXCEPT { delete config; }

wasmc_error_t* wasmc_config_opt_level_set(wasmc_config_t* config, uint32_t level) WASMC_SHIM_NOEXCEPT {
  if (!config) return abi::Misuse("config is NULL");
  if (level > 1) return abi::Misuse("opt level must be 0 or 1");
  config->config.opt_level = level;
  return nullptr;
}

wasmc_error_t* wasmc_config_bounds_mode_set(wasmc_config_t* config,
                                            wasmc_bounds_mode_t mode) WASMC_SHIM_NOEXCEPT {
  if (!config) return abi::Misuse("config is NULL");
  if (mode != WASMC_BOUNDS_GUARD_PAGES && mode != WASMC_BOUNDS_EXPLICIT) {
    return abi::Misuse("unknown bounds mode");
  }
  config->config.explicit_bounds_checks = mode == WASMC_BOUNDS_EXPLICIT;
  return nullptr;
}

wasmc_error_t* wasmc_config_max_wasm_stack_set(wasmc_config_t* config, size_t bytes) WASMC_SHIM_NOEXCEPT {
  if (!config) return abi::Misuse("config is NULL");
  if (bytes < kMinWasmStack) return abi::Misuse("max wasm stack must be at least 16 KiB");
  config->config.max_wasm_stack = bytes;
  return nullptr;
}

wasmc_error_t* wasmc_config_compile_threads_set(wasmc_config_t* config,
                                                uint32_t threads) WASMC_SHIM_NOEXCEPT {
  if (!config) return abi::Misuse("config is NULL");
  if (threads > kMaxCompileThreads) return abi::Misuse("compile threads must be at most 256");
  config->config.compile_threads = threads;
  return nullptr;
}

wasmc_error_t* wasmc_config_lazy_compile_set(wasmc_config_t* config, bool enable) WASMC_SHIM_NOEXCEPT {
  if (!config) return abi::Misuse("config is NULL");
  config->config.lazy_compile = enable;
  return nullptr;
}

}  // extern "C"
