// module_gen: turns arbitrary fuzzer bytes into a Wasm 2.0 module that is valid by
// construction, plus a call plan (which exports to call, with which arguments).
//
// Every generated program terminates: global 0 ("fuel", exported) is decremented at every
// function entry and every loop iteration; when it reaches zero, functions return constants and
// loops branch out. Recursion depth is otherwise bounded only by the engine's stack limit.
//
// With `deterministic`, every point where the bits of a NaN would become observable (stores of
// floats, reinterpretations, copysign's sign source) canonicalises the NaN first, and memories
// and tables always have a small maximum, so two correct engines produce identical traces
// (see runner.h).
#ifndef WASMC_FUZZ_GEN_MODULE_GEN_H_
#define WASMC_FUZZ_GEN_MODULE_GEN_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace wasmc_fuzz {

// Value types, by their binary encoding.
enum class ValType : uint8_t {
  kI32 = 0x7f,
  kI64 = 0x7e,
  kF32 = 0x7d,
  kF64 = 0x7c,
  kFuncRef = 0x70,
  kExternRef = 0x6f,
};
const char* ValTypeName(ValType t);

struct FuncSig {
  std::vector<ValType> params;
  std::vector<ValType> results;
};

// A value in the call plan. Floats are raw bits; references are always null.
struct PlanValue {
  ValType type;
  uint64_t bits;
};

struct PlanCall {
  std::string export_name;
  FuncSig sig;
  std::vector<PlanValue> args;
};

struct PlanGlobal {
  std::string export_name;
  ValType type;
};

struct GenOptions {
  bool deterministic = false;  // canonicalise NaNs, bounded memory/table growth
  uint32_t max_funcs = 6;
  uint32_t max_body_ops = 300;  // rough instruction budget per function body
};

struct GeneratedModule {
  std::vector<uint8_t> wasm;
  std::vector<FuncSig> imports;      // host functions "env" "h<k>", in import order
  std::vector<PlanGlobal> globals;   // exported globals (besides "fuel"), in order
  std::vector<std::string> tables;   // exported tables
  bool has_memory = false;           // exported as "mem"
  std::vector<PlanCall> calls;       // the call plan
  uint32_t fuel = 0;                 // value to store in "fuel" before every call
};

// Never fails: exhausted input reads as zeros, which always pick the simplest choice.
void GenerateModule(const uint8_t* data, size_t size, const GenOptions& options,
                    GeneratedModule* out);

// The call plan as text (one directive a line), read by differential/v8_trace.js:
//   fuel <n>
//   import h<k> p <types...> r <types...>
//   global <name> <type>
//   table <name>
//   memory mem
//   call <name> a <type:value...> r <types...>
std::string PlanText(const GeneratedModule& m);
// "i32:-5", "i64:7", "f32:0x3f800000" / "f32:nan", "funcref:null", ...
std::string FormatValue(ValType t, uint64_t bits);

}  // namespace wasmc_fuzz

#endif  // WASMC_FUZZ_GEN_MODULE_GEN_H_
