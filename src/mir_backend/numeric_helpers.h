// Pure numeric helpers for Wasm operators MIR has no instruction for (rounding, sqrt, bit
// counts). Consumes nothing; produces a table of C functions that compiled code calls,
// resolved by name in MIR_link. Each follows the spec's operator definition exactly.
#ifndef WASMC_MIR_BACKEND_NUMERIC_HELPERS_H_
#define WASMC_MIR_BACKEND_NUMERIC_HELPERS_H_

#include <cstdint>

#include "mir_backend/mir_api.h"

namespace wasmc {

enum class NumericHelper : uint8_t {
  kF32Ceil, kF32Floor, kF32Trunc, kF32Nearest, kF32Sqrt,
  kF64Ceil, kF64Floor, kF64Trunc, kF64Nearest, kF64Sqrt,
  kI32Clz, kI32Ctz, kI32Popcnt, kI64Clz, kI64Ctz, kI64Popcnt,
  kCount
};
constexpr uint32_t kNumNumericHelpers = static_cast<uint32_t>(NumericHelper::kCount);

struct NumericHelperDesc {
  const char* name;    // MIR import name
  void* address;
  MIR_type_t result;   // one result, one argument of the same type
};

const NumericHelperDesc& GetNumericHelper(NumericHelper h);
// The address of the helper called `name`, or nullptr.
void* FindNumericHelper(const char* name);

}  // namespace wasmc

#endif  // WASMC_MIR_BACKEND_NUMERIC_HELPERS_H_
