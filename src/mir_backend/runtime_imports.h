// The runtime helpers (ir/vm_layout.h WASMC_RUNTIME_HELPERS) and numeric helpers as MIR
// imports. Consumes the helper X-macro and a RuntimeHelpers table; produces MIR prototypes and
// import items for the current module, and the name -> address resolver MIR_link uses.
#ifndef WASMC_MIR_BACKEND_RUNTIME_IMPORTS_H_
#define WASMC_MIR_BACKEND_RUNTIME_IMPORTS_H_

#include <cstdint>
#include <vector>

#include "ir/vm_layout.h"
#include "mir_backend/mir_api.h"
#include "mir_backend/numeric_helpers.h"

namespace wasmc {

// Enumerators mirror the RuntimeHelpers field names so the list stays in sync with vm_layout.h.
enum class RtHelper : uint8_t {
#define WASMC_RT_ENUM(name, ret, params) name,
  WASMC_RUNTIME_HELPERS(WASMC_RT_ENUM)
#undef WASMC_RT_ENUM
  kCount
};
constexpr uint32_t kNumRtHelpers = static_cast<uint32_t>(RtHelper::kCount);

// MIR items for calling helpers from functions of one MIR module.
struct HelperItems {
  MIR_item_t rt_proto[kNumRtHelpers] = {};
  MIR_item_t rt_import[kNumRtHelpers] = {};
  MIR_item_t num_proto[kNumNumericHelpers] = {};
  MIR_item_t num_import[kNumNumericHelpers] = {};
};

// Creates the prototypes and imports in the current MIR module (inside a guard).
// `vars`/`res` are heap scratch.
void CreateHelperItems(MIR_context_t ctx, HelperItems* items, std::vector<MIR_var_t>* vars);

// The MIR_link import resolver: `arg` is a `const RuntimeHelpers*`. Returns nullptr for unknown
// names (MIR then reports an error).
void* ResolveHelperImport(void* arg, const char* name);

}  // namespace wasmc

#endif  // WASMC_MIR_BACKEND_RUNTIME_IMPORTS_H_
