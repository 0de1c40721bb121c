// Pure numeric helpers called from compiled code: f32/f64 ceil, floor, trunc, nearest, sqrt and
// i32/i64 clz, ctz, popcnt. Consumes raw values; produces the results the spec's numeric
// operators define (NaN inputs yield NaNs; nearest rounds half to even).
#include "mir_backend/numeric_helpers.h"

#include <cmath>
#include <cstring>

namespace wasmc {
namespace {

// libm returns a signalling NaN operand unchanged; Wasm wants an arithmetic (quiet) NaN, which
// x + x produces.
float F32Ceil(float x) { return x != x ? x + x : std::ceil(x); }
float F32Floor(float x) { return x != x ? x + x : std::floor(x); }
float F32Trunc(float x) { return x != x ? x + x : std::trunc(x); }
float F32Nearest(float x) { return x != x ? x + x : std::nearbyint(x); }  // ties to even
float F32Sqrt(float x) { return std::sqrt(x); }
double F64Ceil(double x) { return x != x ? x + x : std::ceil(x); }
double F64Floor(double x) { return x != x ? x + x : std::floor(x); }
double F64Trunc(double x) { return x != x ? x + x : std::trunc(x); }
double F64Nearest(double x) { return x != x ? x + x : std::nearbyint(x); }
double F64Sqrt(double x) { return std::sqrt(x); }
// Integer arguments arrive as MIR I32/I64; only the low 32 bits of an i32 are meaningful.
uint32_t I32Clz(uint32_t x) { return x == 0 ? 32 : __builtin_clz(x); }
uint32_t I32Ctz(uint32_t x) { return x == 0 ? 32 : __builtin_ctz(x); }
uint32_t I32Popcnt(uint32_t x) { return __builtin_popcount(x); }
uint64_t I64Clz(uint64_t x) { return x == 0 ? 64 : __builtin_clzll(x); }
uint64_t I64Ctz(uint64_t x) { return x == 0 ? 64 : __builtin_ctzll(x); }
uint64_t I64Popcnt(uint64_t x) { return __builtin_popcountll(x); }

#define WASMC_FN(f) reinterpret_cast<void*>(&f)
const NumericHelperDesc kHelpers[kNumNumericHelpers] = {
    {"wasmc_f32_ceil", WASMC_FN(F32Ceil), MIR_T_F},
    {"wasmc_f32_floor", WASMC_FN(F32Floor), MIR_T_F},
    {"wasmc_f32_trunc", WASMC_FN(F32Trunc), MIR_T_F},
    {"wasmc_f32_nearest", WASMC_FN(F32Nearest), MIR_T_F},
    {"wasmc_f32_sqrt", WASMC_FN(F32Sqrt), MIR_T_F},
    {"wasmc_f64_ceil", WASMC_FN(F64Ceil), MIR_T_D},
    {"wasmc_f64_floor", WASMC_FN(F64Floor), MIR_T_D},
    {"wasmc_f64_trunc", WASMC_FN(F64Trunc), MIR_T_D},
    {"wasmc_f64_nearest", WASMC_FN(F64Nearest), MIR_T_D},
    {"wasmc_f64_sqrt", WASMC_FN(F64Sqrt), MIR_T_D},
    {"wasmc_i32_clz", WASMC_FN(I32Clz), MIR_T_I32},
    {"wasmc_i32_ctz", WASMC_FN(I32Ctz), MIR_T_I32},
    {"wasmc_i32_popcnt", WASMC_FN(I32Popcnt), MIR_T_I32},
    {"wasmc_i64_clz", WASMC_FN(I64Clz), MIR_T_I64},
    {"wasmc_i64_ctz", WASMC_FN(I64Ctz), MIR_T_I64},
    {"wasmc_i64_popcnt", WASMC_FN(I64Popcnt), MIR_T_I64},
};
#undef WASMC_FN

}  // namespace

const NumericHelperDesc& GetNumericHelper(NumericHelper h) {
  return kHelpers[static_cast<uint32_t>(h)];
}

void* FindNumericHelper(const char* name) {
  for (const NumericHelperDesc& d : kHelpers) {
    if (std::strcmp(d.name, name) == 0) return d.address;
  }
  return nullptr;
}

}  // namespace wasmc
