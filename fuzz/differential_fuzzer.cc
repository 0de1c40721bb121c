// differential_fuzzer: runs each generated module (deterministic mode, gen/module_gen.h) in
// several wasmc configurations and requires identical traces (gen/runner.h). The reference is
// MIR's interpreter running the same translated MIR (explicit bounds checks); against it:
//   MIR -O0 and -O1 with guard-page bounds checks (-O1 guard is the default), and -O1 with
//   explicit bounds checks; -O0 also compiles lazily and -O1 explicit splits each module over
//   3 MIR contexts, so the compilation modes are compared too.
// This is the "MIR safety net" (fuzz/README.md): a difference between the interpreter and
// generated code is a bug in MIR's generator or in how the translator relies on it; a
// difference shared by all of them is invisible here (differential/run.py compares with V8).
// MIR -O2, which the public API refuses, is compared too (guard and explicit) when the
// environment sets WASMC_FUZZ_MIR_O2=1; it is reached through src/abi/testing.h.
// Traces stop at the first call where either side exhausted its stack (the interpreter's
// native frames are larger, so it runs out at a smaller Wasm depth).
// The interpreter is the reference only if it passes a self-test at start-up (a function
// returning f64 i32 f64 in registers, src/mir_backend/interp_interface.h); otherwise a warning
// is printed once and -O0 is the reference.
// WASMC_FUZZ_KNOWN_BUGS=dead-load tolerates the known bug of
// tests/regress/issue-dead-load-no-trap.wast (see gen/runner.h).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "gen/module_gen.h"
#include "gen/runner.h"

namespace {

struct Config {
  const char* name;
  wasmc_fuzz::EngineOptions options;
  wasmc_engine_t* engine;
};

wasmc_fuzz::EngineOptions Options(uint32_t opt_level, bool explicit_bounds, bool interpret) {
  wasmc_fuzz::EngineOptions o;
  o.opt_level = opt_level;
  o.explicit_bounds = explicit_bounds;
  o.interpret = interpret;
  return o;
}

// The interpreter needs ~1.1 KiB of native stack per Wasm frame (generated code: ~32 bytes),
// so at the default 1 MiB it exhausts its stack at ~900 frames, and a third of the generated
// modules (recursion bounded by fuel <= 2200 calls) stopped being compared at that call. 6 MiB
// (clamped by wasmc to the thread's stack, 8 MiB on the main thread) lets ~5000 frames in.
wasmc_fuzz::EngineOptions InterpOptions() {
  wasmc_fuzz::EngineOptions o = Options(0, true, true);
  o.max_wasm_stack = size_t{6} << 20;
  return o;
}

// (module (func (export "f") (result f64 i32 f64) f64.const 1 i32.const 7 f64.const 3))
const uint8_t kMultiResult[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x00, 0x03,
    0x7c, 0x7f, 0x7c, 0x03, 0x02, 0x01, 0x00, 0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00,
    0x0a, 0x18, 0x01, 0x16, 0x00, 0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0x3f,
    0x41, 0x07, 0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x40, 0x0b};

// True if `engine` returns all three results of kMultiResult's "f" correctly.
bool MultiResultsWork(wasmc_engine_t* engine) {
  wasmc_module_t* module = nullptr;
  wasmc_error_t* e = wasmc_module_new(engine, kMultiResult, sizeof kMultiResult, &module);
  if (e) {
    wasmc_error_delete(e);
    return false;
  }
  wasmc_store_t* store = nullptr;
  bool ok = false;
  if (!(e = wasmc_store_new(engine, &store))) {
    wasmc_instance_t inst;
    wasmc_trap_t* trap = nullptr;
    wasmc_extern_t f;
    wasmc_val_t r[3];
    e = wasmc_instance_new(store, module, nullptr, 0, &inst, &trap);
    if (!e && !trap && wasmc_instance_export_get(store, &inst, "f", 1, &f) &&
        f.kind == WASMC_EXTERN_FUNC &&
        !(e = wasmc_func_call(store, &f.of.func, nullptr, 0, r, 3, &trap)) && !trap) {
      ok = r[0].kind == WASMC_F64 && r[0].of.f64 == 1.0 && r[1].kind == WASMC_I32 &&
           r[1].of.i32 == 7 && r[2].kind == WASMC_F64 && r[2].of.f64 == 3.0;
    }
    wasmc_trap_delete(trap);
  }
  wasmc_error_delete(e);
  wasmc_store_delete(store);
  wasmc_module_delete(module);
  return ok;
}

std::vector<Config> MakeConfigs() {
  std::vector<Config> configs = {
      {"interp", InterpOptions(), nullptr},  // the reference: configs[0]
      {"O0-guard-lazy", Options(0, false, false), nullptr},
      {"O1-guard", Options(1, false, false), nullptr},
      {"O1-explicit-split", Options(1, true, false), nullptr},
  };
  // The compilation modes ride along (same cost): -O0 compiles lazily (one MIR module per
  // function, calls through stubs), -O1 explicit splits every module over 3 MIR contexts
  // (calls between them through the far table).
  configs[1].options.lazy = true;
  configs[3].options.split = 3;
  const char* o2 = getenv("WASMC_FUZZ_MIR_O2");
  if (o2 != nullptr && strcmp(o2, "1") == 0) {
    configs.push_back({"O2-guard", Options(2, false, false), nullptr});
    configs.push_back({"O2-explicit", Options(2, true, false), nullptr});
  }
  for (Config& c : configs) {
    c.engine = wasmc_fuzz::NewEngine(c.options);
    if (!c.engine) {
      fprintf(stderr, "differential_fuzzer: cannot create engine %s\n", c.name);
      abort();
    }
  }
  if (!MultiResultsWork(configs[0].engine)) {
    fprintf(stderr,
            "differential_fuzzer: WARNING: MIR's interpreter returns multiple results wrongly "
            "(src/mir_backend/interp_interface.h is not in use); -O0 is the reference\n");
    wasmc_engine_delete(configs[0].engine);
    configs.erase(configs.begin());
  }
  return configs;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Never destroyed: the engines live as long as the process (LeakSanitizer sees them through
  // this pointer; a static vector would be destroyed before its exit-time check).
  static std::vector<Config>& configs = *new std::vector<Config>(MakeConfigs());
  static const bool tolerate_dead_load = wasmc_fuzz::KnownBug("dead-load");
  wasmc_fuzz::GeneratedModule m;
  wasmc_fuzz::GenOptions options;
  options.deterministic = true;
  wasmc_fuzz::GenerateModule(data, size, options, &m);
  std::vector<wasmc_fuzz::Trace> traces(configs.size());
  for (size_t i = 0; i < configs.size(); ++i) {
    std::string fatal;
    if (!wasmc_fuzz::RunModule(configs[i].engine, m, &traces[i], &fatal)) {
      fprintf(stderr, "differential_fuzzer (%s): %s\n", configs[i].name, fatal.c_str());
      abort();
    }
  }
  // Every configuration is compared (and each difference printed) before failing, so a run
  // tells which levels differ.
  bool failed = false;
  for (size_t i = 1; i < configs.size(); ++i) {
    // The reference is CompareTraces' `b`: a known dead-load bug loses a trap the reference has.
    std::string diff = wasmc_fuzz::CompareTraces(traces[i], traces[0], tolerate_dead_load);
    if (!diff.empty()) {
      fprintf(stderr, "differential_fuzzer: %s vs %s: %s\n", configs[i].name, configs[0].name,
              diff.c_str());
      if (!failed) fprintf(stderr, "--- %s:\n%s", configs[0].name, traces[0].Text().c_str());
      fprintf(stderr, "--- %s:\n%s", configs[i].name, traces[i].Text().c_str());
      failed = true;
    }
  }
  if (failed) abort();
  return 0;
}
