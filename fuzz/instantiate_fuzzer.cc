// instantiate_fuzzer: the fuzzer's bytes drive gen/module_gen, which builds a module valid by
// construction (see gen/module_gen.h); it is compiled, instantiated with host functions for its
// imports, and every export is called (gen/runner.h). Rejecting such a module, or any error
// other than "out of resources", is a bug; so is any crash or sanitizer report.
// Odd-length inputs use explicit bounds checks instead of guard pages.
#include <cstdio>
#include <cstdlib>

#include "gen/module_gen.h"
#include "gen/runner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static wasmc_engine_t* guard = wasmc_fuzz::NewEngine(1, false);
  static wasmc_engine_t* explicit_bounds = wasmc_fuzz::NewEngine(1, true);
  if (!guard || !explicit_bounds) abort();
  wasmc_fuzz::GeneratedModule m;
  wasmc_fuzz::GenOptions options;
  wasmc_fuzz::GenerateModule(data, size, options, &m);
  wasmc_fuzz::Trace trace;
  std::string fatal;
  if (!wasmc_fuzz::RunModule(size % 2 ? explicit_bounds : guard, m, &trace, &fatal)) {
    fprintf(stderr, "instantiate_fuzzer: %s\n", fatal.c_str());
    abort();
  }
  return 0;
}
