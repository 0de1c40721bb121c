// A tiny stand-in for src/runtime used by the MIR backend tests: consumes a .wasm test module,
// decodes, validates and compiles it with CompileModule, and produces a VMContext (memory 0,
// tables filled from active elem segments, globals, funcrefs, canonical type ids) plus a way
// to call exports through the entry trampolines. Traps longjmp back into `CallExport`.
#ifndef WASMC_TESTS_UNIT_MIR_BACKEND_FAKE_RUNTIME_H_
#define WASMC_TESTS_UNIT_MIR_BACKEND_FAKE_RUNTIME_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "ir/module_desc.h"
#include "ir/vm_layout.h"
#include "mir_backend/compiler.h"
#include "util/result.h"

namespace wasmc {
namespace testing {

struct HostContext {
  VMHostContext header;
  int kind;  // 0: add two i32s; 1: return (i32 a, i64 b, f64 c) -> (c, b, a)
};

struct FakeInstance {
  ModuleDesc desc;
  std::unique_ptr<CompiledModule> compiled;
  VMContext vmctx{};
  VMRuntimeLimits limits{};
  VMMemoryDef memory{};
  uint8_t* memory_reservation = nullptr;
  size_t memory_reserved = 0;
  bool guard_pages = false;
  std::vector<VMFuncRef> funcrefs;
  std::vector<VMFuncRef*> funcs;
  std::vector<uint32_t> type_ids;
  std::vector<VMGlobal> global_storage;
  std::vector<VMGlobal*> globals;
  std::vector<std::vector<uint64_t>> table_storage;
  std::vector<VMTableDef> table_defs;
  std::vector<VMTableDef*> tables;
  HostContext host{};
  ~FakeInstance();
};

struct InstanceOptions {
  bool explicit_bounds_checks = true;
  uint32_t opt_level = 1;
};

// Loads "<WASMC_MIR_TEST_WASM_DIR>/<name>.wasm" and instantiates it. Returns nullptr and sets
// `*status` on failure.
std::unique_ptr<FakeInstance> Instantiate(const char* name, const InstanceOptions& options,
                                          Status* status);

// Calls export `name`: params in values[0..n), results come back in values[0..m). Returns 0 or
// the raw trap code. `values` needs max(params, results) slots.
uint32_t CallExport(FakeInstance* inst, const char* name, ValRaw* values);

// The function index passed to the last trap.
uint32_t LastTrapFuncIndex();

const RuntimeHelpers* FakeHelpers();
TrampolineCache* Trampolines();

}  // namespace testing
}  // namespace wasmc

#endif  // WASMC_TESTS_UNIT_MIR_BACKEND_FAKE_RUNTIME_H_
