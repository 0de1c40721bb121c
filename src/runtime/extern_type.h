// Reflection types shared by the runtime and the C API: the public function-type object
// (`wasmc_functype_t`) and conversions between internal types (ir/types.h) and the public
// kinds and extern types of wasmc.h.
#ifndef WASMC_RUNTIME_EXTERN_TYPE_H_
#define WASMC_RUNTIME_EXTERN_TYPE_H_

#include <vector>

#include "ir/module_desc.h"
#include "ir/types.h"
#include "wasmc.h"

// The public, immutable function type: the internal FuncType plus the kind arrays that
// `wasmc_functype_params/results` lend out.
struct wasmc_functype {
  wasmc::FuncType type;
  std::vector<wasmc_valkind_t> params;
  std::vector<wasmc_valkind_t> results;
};

namespace wasmc {

// WASMC_I32... for a value type (kUnknown never reaches here).
wasmc_valkind_t ValKindOf(ValType type);
// The value type for a public kind; false if `kind` is not a known kind.
bool ValTypeOfKind(wasmc_valkind_t kind, ValType* out);

wasmc_functype_t* NewFuncTypeObject(const FuncType& type);

// Fills `out` for an import or export of `module`. Function types point into `functypes`,
// which the caller keeps alive as long as `out`.
wasmc_externtype_t MakeExternType(const ModuleDesc& module, ExternKind kind, uint32_t index,
                                  const Import* import, const wasmc_functype_t* functype);

}  // namespace wasmc

#endif  // WASMC_RUNTIME_EXTERN_TYPE_H_
