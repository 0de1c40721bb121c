// differential_fuzzer: runs each generated module (deterministic mode, gen/module_gen.h) in
// three wasmc configurations and requires identical traces (gen/runner.h):
//   MIR -O1 with guard-page bounds checks (the default), MIR -O0, and -O1 with explicit bounds
//   checks. -O0 vs -O1 is the "MIR safety net": a difference is an optimiser (or translator)
//   bug. Traces stop at the first call where either side exhausted its stack.
// MIR -O2 cannot be reached: wasmc_config_opt_level_set refuses it and MirContext::Create
// clamps it to 1 (src/mir_backend/context.h), so it is not tested here.
// The comparison with another engine (V8) is differential/run.py.
// WASMC_FUZZ_KNOWN_BUGS=dead-load tolerates the known bug of
// tests/regress/issue-dead-load-no-trap.wast (see gen/runner.h).
#include <cstdio>
#include <cstdlib>

#include "gen/module_gen.h"
#include "gen/runner.h"

namespace {

struct Config {
  const char* name;
  uint32_t opt;
  bool explicit_bounds;
  wasmc_engine_t* engine;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Config configs[] = {{"O1-guard", 1, false, nullptr},
                             {"O0-guard", 0, false, nullptr},
                             {"O1-explicit", 1, true, nullptr}};
  static bool init = [] {
    for (Config& c : configs) {
      c.engine = wasmc_fuzz::NewEngine(c.opt, c.explicit_bounds);
      if (!c.engine) abort();
    }
    return true;
  }();
  (void)init;
  wasmc_fuzz::GeneratedModule m;
  wasmc_fuzz::GenOptions options;
  options.deterministic = true;
  wasmc_fuzz::GenerateModule(data, size, options, &m);
  wasmc_fuzz::Trace traces[3];
  for (int i = 0; i < 3; ++i) {
    std::string fatal;
    if (!wasmc_fuzz::RunModule(configs[i].engine, m, &traces[i], &fatal)) {
      fprintf(stderr, "differential_fuzzer (%s): %s\n", configs[i].name, fatal.c_str());
      abort();
    }
  }
  static const bool tolerate_dead_load = wasmc_fuzz::KnownBug("dead-load");
  for (int i = 1; i < 3; ++i) {
    std::string diff = wasmc_fuzz::CompareTraces(traces[0], traces[i], tolerate_dead_load);
    if (!diff.empty()) {
      fprintf(stderr, "differential_fuzzer: %s vs %s: %s\n--- %s:\n%s--- %s:\n%s", configs[0].name,
              configs[i].name, diff.c_str(), configs[0].name, traces[0].Text().c_str(),
              configs[i].name, traces[i].Text().c_str());
      abort();
    }
  }
  return 0;
}
