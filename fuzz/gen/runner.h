// runner: executes a GeneratedModule in wasmc through the public C API (plus the testing hook
// src/abi/testing.h for engine settings the API does not offer) and records a trace:
// the instantiation outcome, then for every planned call its arguments, the host calls it made,
// its results or trap, and the observable state afterwards (memory size and hash, exported
// globals, which table slots are null). NaNs are printed as "nan" (their bits are not
// deterministic). differential/v8_trace.js writes the same format for V8.
#ifndef WASMC_FUZZ_GEN_RUNNER_H_
#define WASMC_FUZZ_GEN_RUNNER_H_

#include <string>
#include <vector>

#include "gen/module_gen.h"
#include "wasmc.h"

namespace wasmc_fuzz {

struct TraceCall {
  std::string call;    // "call f0 i32:1"
  std::string host;    // host calls, one "host ..." line each
  std::string result;  // "=> i32:5" or "=> trap mem"
  std::string state;   // "state mem 1 0x1234abcd g1 i32:3 t0 4 0101"
  bool stack_exhausted = false;
};

struct Trace {
  std::string inst;  // "inst ok", "inst trap <kind>"
  bool inst_stack_exhausted = false;
  std::vector<TraceCall> calls;
  std::string Text() const;
};

// The trace's name for a trap code ("unreachable", "div0", "intovf", "conv", "mem", "table",
// "uninit", "sigmismatch", "stack", "host", "fuel", "interrupt", "trap<n>").
const char* TrapKindName(wasmc_trap_code_t code);

// Runs `m` in a new store of `engine`. Returns false, with `*fatal` set, when wasmc fails where
// it must not: a module valid by construction is rejected, an import does not link, an
// unexpected error is returned. Resource errors are not fatal (`*fatal` stays empty, trace has
// "inst error ...").
bool RunModule(wasmc_engine_t* engine, const GeneratedModule& m, Trace* trace, std::string* fatal);

// Compares two traces of the same module. Stops (equal) at the first call where either side
// exhausted its stack: the engines' stack limits differ legitimately. Returns "" if equal,
// else a description of the first difference.
// With `tolerate_dead_load`, a call where `b` traps "mem" and `a` differs in any way (other
// result, other host calls, or the same trap reached later, after side effects) ends the
// comparison without a mismatch: the known bug of tests/regress/issue-dead-load-no-trap.wast
// (MIR -O1 deletes unused loads, so their out-of-bounds trap is lost). `*tolerated` is set
// when that happened.
std::string CompareTraces(const Trace& a, const Trace& b, bool tolerate_dead_load = false,
                          bool* tolerated = nullptr);

// The known bugs to tolerate, from the environment variable WASMC_FUZZ_KNOWN_BUGS
// (comma-separated; "dead-load" is the only one so far). CI sets it until the bug is fixed.
bool KnownBug(const char* name);

// How an engine runs the modules. `interpret` and opt_level 2 are not in the public API; they
// go through the testing hook src/abi/testing.h (fuzz/README.md, "The MIR safety net").
struct EngineOptions {
  uint32_t opt_level = 1;       // MIR -O<n>, 0..2
  bool explicit_bounds = false;  // explicit bounds checks instead of guard pages
  bool interpret = false;        // MIR's interpreter instead of generated code
  size_t max_wasm_stack = 0;     // wasmc_config_max_wasm_stack_set, 0 for the default
  uint32_t split = 0;            // > 0: compile in up to `split` MIR contexts, however small
  bool lazy = false;             // wasmc_config_lazy_compile_set
};

// An engine with the given options, or NULL.
wasmc_engine_t* NewEngine(const EngineOptions& options);
wasmc_engine_t* NewEngine(uint32_t opt_level, bool explicit_bounds);

}  // namespace wasmc_fuzz

#endif  // WASMC_FUZZ_GEN_RUNNER_H_
