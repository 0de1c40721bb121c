// Engine: configuration, type registry, helper table and trampolines shared by every module
// and store created from it (see engine.h).
#include "runtime/engine.h"

#include <algorithm>
#include <thread>

#include "mir_backend/compiler.h"
#include "runtime/call.h"
#include "runtime/helpers.h"

namespace wasmc {

Engine::Engine(const EngineConfig& config) : config_(config) {}

uint32_t Engine::CompileThreads() const {
  if (config_.compile_threads != 0) return config_.compile_threads;
  unsigned cpus = std::thread::hardware_concurrency();
  return cpus == 0 ? 1 : std::min<unsigned>(cpus, kMaxCompileThreads);
}

Engine::~Engine() = default;

Result<Engine*> Engine::Create(const EngineConfig& config) {
  // Faults in Wasm code must become traps from the first call on, in every thread.
  InstallSignalHandlers();
  Engine* engine = new Engine(config);
  engine->trampolines_ = std::make_unique<TrampolineCache>(GetRuntimeHelpers());
  return engine;
}

void Engine::Unref() {
  if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
}

const RuntimeHelpers* Engine::helpers() const { return GetRuntimeHelpers(); }

Result<void*> Engine::EntryTrampoline(const FuncType& type) {
  return trampolines_->Entry(type);
}

Result<void*> Engine::ExitTrampoline(const FuncType& type) {
  return trampolines_->Exit(type);
}

}  // namespace wasmc
