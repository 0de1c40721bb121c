// Helpers for the translator tests: load a test module into the fake runtime and call exports
// with ValRaw arguments. Consumes fake_runtime.h; produces call results and trap codes.
#ifndef WASMC_TESTS_UNIT_MIR_BACKEND_TRANSLATE_TEST_UTIL_H_
#define WASMC_TESTS_UNIT_MIR_BACKEND_TRANSLATE_TEST_UTIL_H_

#include <cmath>
#include <cstdio>
#include <cstring>
#include <initializer_list>

#include "fake_runtime.h"
#include "test_main.h"

namespace wasmc {
namespace testing {

inline ValRaw I32(int32_t v) { ValRaw r; std::memset(&r, 0, sizeof(r)); r.i32 = v; return r; }
inline ValRaw I64(int64_t v) { ValRaw r; std::memset(&r, 0, sizeof(r)); r.i64 = v; return r; }
inline ValRaw F32(float v) { ValRaw r; std::memset(&r, 0, sizeof(r)); r.f32 = v; return r; }
inline ValRaw F64(double v) { ValRaw r; std::memset(&r, 0, sizeof(r)); r.f64 = v; return r; }
inline ValRaw F32Bits(uint32_t b) { ValRaw r; std::memset(&r, 0, sizeof(r)); r.f32_bits = b; return r; }
inline ValRaw F64Bits(uint64_t b) { ValRaw r; std::memset(&r, 0, sizeof(r)); r.f64_bits = b; return r; }

struct CallResult {
  uint32_t trap;
  ValRaw v[8];
};

inline CallResult Run(FakeInstance* inst, const char* name, std::initializer_list<ValRaw> args) {
  CallResult r;
  std::memset(&r, 0, sizeof(r));
  size_t i = 0;
  for (const ValRaw& a : args) r.v[i++] = a;
  r.trap = CallExport(inst, name, r.v);
  return r;
}

inline int32_t RunI32(FakeInstance* inst, const char* name, std::initializer_list<ValRaw> args) {
  CallResult r = Run(inst, name, args);
  if (r.trap != 0) std::fprintf(stderr, "%s trapped with %u\n", name, r.trap);
  assert_int_equal(r.trap, 0);
  return r.v[0].i32;
}

inline int64_t RunI64(FakeInstance* inst, const char* name, std::initializer_list<ValRaw> args) {
  CallResult r = Run(inst, name, args);
  assert_int_equal(r.trap, 0);
  return r.v[0].i64;
}

inline uint32_t TrapOf(FakeInstance* inst, const char* name, std::initializer_list<ValRaw> args) {
  return Run(inst, name, args).trap;
}

inline std::unique_ptr<FakeInstance> Load(const char* name, bool explicit_checks = true,
                                          uint32_t opt_level = 1) {
  Status status;
  InstanceOptions options;
  options.explicit_bounds_checks = explicit_checks;
  options.opt_level = opt_level;
  std::unique_ptr<FakeInstance> inst = Instantiate(name, options, &status);
  if (inst == nullptr) std::fprintf(stderr, "%s: %s\n", name, status.message().c_str());
  assert_non_null(inst.get());
  return inst;
}

}  // namespace testing
}  // namespace wasmc

#endif  // WASMC_TESTS_UNIT_MIR_BACKEND_TRANSLATE_TEST_UTIL_H_
