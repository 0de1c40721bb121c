// Module-level validator ("Validation of Modules", Wasm 2.0): consumes a decoded ModuleDesc and
// produces Ok or the first kInvalid Status, with the spec's messages. Function bodies are not
// checked here (see the function validator).
#ifndef WASMC_VALIDATOR_MODULE_VALIDATOR_H_
#define WASMC_VALIDATOR_MODULE_VALIDATOR_H_

#include "ir/module_desc.h"
#include "util/result.h"

namespace wasmc {

// Checks type indices, limits, the single-memory rule, constant expressions (type, constness,
// `global.get` of imported immutable globals only, `ref.func` in range), element and data
// segments, the start function and exports (indices, unique names). `m` must come from
// DecodeModule (indices are unchecked there, vector contents are well-formed).
Status ValidateModule(const ModuleDesc& m);

}  // namespace wasmc

#endif  // WASMC_VALIDATOR_MODULE_VALIDATOR_H_
