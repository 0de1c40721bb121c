// C API shims for interruption and resource limits: the fuel and epoch config switches, the
// engine's epoch counter, and a store's fuel, epoch deadline, deadline callback and limiter.
#include "abi/handles.h"

using namespace wasmc;  // NOLINT: shims only

namespace {

bool ConsumesFuel(Store* s) { return s->engine()->config().consume_fuel; }
bool HasEpochs(Store* s) { return s->engine()->config().epoch_interruption; }

uint64_t Cap(uint64_t v) { return v == 0 ? UINT64_MAX : v; }

}  // namespace

extern "C" {

wasmc_error_t* wasmc_config_consume_fuel_set(wasmc_config_t* config,
                                             bool enable) WASMC_SHIM_NOEXCEPT {
  if (!config) return abi::Misuse("config is NULL");
  config->config.consume_fuel = enable;
  return nullptr;
}

wasmc_error_t* wasmc_config_epoch_interruption_set(wasmc_config_t* config,
                                                   bool enable) WASMC_SHIM_NOEXCEPT {
  if (!config) return abi::Misuse("config is NULL");
  config->config.epoch_interruption = enable;
  return nullptr;
}

void wasmc_engine_increment_epoch(wasmc_engine_t* engine) WASMC_SHIM_NOEXCEPT {
  if (engine) abi::Unwrap(engine)->IncrementEpoch();
}

wasmc_error_t* wasmc_store_fuel_set(wasmc_store_t* store, uint64_t fuel) WASMC_SHIM_NOEXCEPT {
  if (!store) return abi::Misuse("store is NULL");
  Store* s = abi::Unwrap(store);
  if (!ConsumesFuel(s)) return abi::Misuse("fuel consumption is not enabled in the engine");
  SetFuel(s->limits(), fuel);
  return nullptr;
}

wasmc_error_t* wasmc_store_fuel_get(wasmc_store_t* store, uint64_t* fuel_out) WASMC_SHIM_NOEXCEPT {
  if (!store || !fuel_out) return abi::Misuse("store or fuel_out is NULL");
  Store* s = abi::Unwrap(store);
  if (!ConsumesFuel(s)) return abi::Misuse("fuel consumption is not enabled in the engine");
  *fuel_out = RemainingFuel(s->limits());
  return nullptr;
}

wasmc_error_t* wasmc_store_epoch_deadline_set(wasmc_store_t* store,
                                              uint64_t ticks_beyond_current) WASMC_SHIM_NOEXCEPT {
  if (!store) return abi::Misuse("store is NULL");
  Store* s = abi::Unwrap(store);
  if (!HasEpochs(s)) return abi::Misuse("epoch interruption is not enabled in the engine");
  SetEpochDeadline(s, ticks_beyond_current);
  return nullptr;
}

wasmc_error_t* wasmc_store_epoch_deadline_callback_set(
    wasmc_store_t* store, wasmc_epoch_deadline_callback_t callback, void* env,
    void (*finalizer)(void*)) WASMC_SHIM_NOEXCEPT {
  if (!store) return abi::Misuse("store is NULL");
  Store* s = abi::Unwrap(store);
  if (!HasEpochs(s)) return abi::Misuse("epoch interruption is not enabled in the engine");
  s->limiter().SetEpochCallback(callback, env, finalizer);
  return nullptr;
}

wasmc_error_t* wasmc_store_limiter_set(wasmc_store_t* store, uint64_t max_memory_bytes,
                                       uint64_t max_table_elements, uint64_t max_instances,
                                       uint64_t max_tables,
                                       uint64_t max_memories) WASMC_SHIM_NOEXCEPT {
  if (!store) return abi::Misuse("store is NULL");
  ResourceCaps caps;
  caps.memory_bytes = Cap(max_memory_bytes);
  caps.table_elements = Cap(max_table_elements);
  caps.instances = Cap(max_instances);
  caps.tables = Cap(max_tables);
  caps.memories = Cap(max_memories);
  abi::Unwrap(store)->limiter().SetCaps(caps);
  return nullptr;
}

wasmc_error_t* wasmc_store_limiter_callback_set(wasmc_store_t* store,
                                                wasmc_limiter_callback_t callback, void* env,
                                                void (*finalizer)(void*)) WASMC_SHIM_NOEXCEPT {
  if (!store) return abi::Misuse("store is NULL");
  abi::Unwrap(store)->limiter().SetLimiterCallback(callback, env, finalizer);
  return nullptr;
}

}  // extern "C"
