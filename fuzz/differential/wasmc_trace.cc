// wasmc-fuzz-trace: the wasmc side of differential/run.py.
// Usage: wasmc-fuzz-trace <out-dir> <seed-file>...
// For each seed file <name>, generates a module in deterministic mode (gen/module_gen.h) and
// writes <out-dir>/<name>.wasm, <name>.plan (the call plan, read by v8_trace.js) and the traces
// of wasmc at MIR -O1 and -O0 (<name>.O1.trace, <name>.O0.trace; format in gen/runner.h).
// With WASMC_FUZZ_TRACE_MIR=1 also MIR's interpreter and -O2 (<name>.interp.trace, .O2.trace).
// Exit status 1 if wasmc failed where it must not (the message names the seed), else 0.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "gen/module_gen.h"
#include "gen/runner.h"

namespace {

bool ReadFile(const std::string& path, std::vector<uint8_t>* out) {
  FILE* f = fopen(path.c_str(), "rb");
  if (!f) return false;
  uint8_t buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) out->insert(out->end(), buf, buf + n);
  fclose(f);
  return true;
}

bool WriteFile(const std::string& path, const void* data, size_t size) {
  FILE* f = fopen(path.c_str(), "wb");
  if (!f) return false;
  bool ok = fwrite(data, 1, size, f) == size;
  return fclose(f) == 0 && ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s <out-dir> <seed-file>...\n", argv[0]);
    return 2;
  }
  // WASMC_FUZZ_TRACE_MIR=1 adds MIR's interpreter and -O2 (testing only, src/abi/testing.h).
  const char* mir = getenv("WASMC_FUZZ_TRACE_MIR");
  const int num_engines = mir != nullptr && strcmp(mir, "1") == 0 ? 4 : 2;
  wasmc_fuzz::EngineOptions interp;
  interp.interpret = true;
  interp.explicit_bounds = true;
  interp.max_wasm_stack = size_t{6} << 20;  // as in differential_fuzzer.cc
  wasmc_engine_t* engines[4] = {wasmc_fuzz::NewEngine(1, false), wasmc_fuzz::NewEngine(0, false),
                                nullptr, nullptr};
  if (num_engines == 4) {
    engines[2] = wasmc_fuzz::NewEngine(interp);
    engines[3] = wasmc_fuzz::NewEngine(2, false);
  }
  const char* suffix[4] = {".O1.trace", ".O0.trace", ".interp.trace", ".O2.trace"};
  for (int k = 0; k < num_engines; ++k) {
    if (!engines[k]) return 2;
  }
  std::string dir = argv[1];
  int status = 0;
  for (int i = 2; i < argc; ++i) {
    std::string path = argv[i];
    std::vector<uint8_t> seed;
    if (!ReadFile(path, &seed)) {
      fprintf(stderr, "cannot read %s\n", path.c_str());
      return 2;
    }
    std::string name = path.substr(path.find_last_of('/') + 1);
    wasmc_fuzz::GeneratedModule m;
    wasmc_fuzz::GenOptions options;
    options.deterministic = true;
    wasmc_fuzz::GenerateModule(seed.data(), seed.size(), options, &m);
    std::string plan = wasmc_fuzz::PlanText(m);
    if (!WriteFile(dir + "/" + name + ".wasm", m.wasm.data(), m.wasm.size()) ||
        !WriteFile(dir + "/" + name + ".plan", plan.data(), plan.size())) {
      fprintf(stderr, "cannot write to %s\n", dir.c_str());
      return 2;
    }
    for (int k = 0; k < num_engines; ++k) {
      wasmc_fuzz::Trace trace;
      std::string fatal;
      std::string text;
      if (!wasmc_fuzz::RunModule(engines[k], m, &trace, &fatal)) {
        fprintf(stderr, "%s: %s\n", path.c_str(), fatal.c_str());
        text = "fatal " + fatal + "\n";
        status = 1;
      } else {
        text = trace.Text();
      }
      WriteFile(dir + "/" + name + suffix[k], text.data(), text.size());
    }
  }
  for (int k = 0; k < num_engines; ++k) wasmc_engine_delete(engines[k]);
  return status;
}
