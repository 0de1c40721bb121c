// Whole-module validation entry points: module-level rules (module_validator.cc) followed by
// every function body (FuncValidator<NullListener>). Consumes a decoded ModuleDesc; produces Ok
// or the first error with its kind (kMalformed/kInvalid/kResource) and byte offset.
#ifndef WASMC_VALIDATOR_VALIDATE_H_
#define WASMC_VALIDATOR_VALIDATE_H_

#include "ir/module_desc.h"
#include "util/result.h"
#include "validator/module_validator.h"

namespace wasmc {

// Validates the body of every defined function, in index order.
Status ValidateModuleBodies(const ModuleDesc& m);

// ValidateModule(m), then ValidateModuleBodies(m).
Status Validate(const ModuleDesc& m);

// Decodes (without type-checking) the bodies of functions `first_func`.. and returns the first
// kMalformed error, or Ok. The reference interpreter decodes the whole module before validating
// it, so a malformed body outranks an earlier validation error: callers that stop at a kInvalid
// error (both functions above, and the compiler) use this on their error path to pick the
// spec's error kind.
Status FindMalformedBody(const ModuleDesc& m, uint32_t first_func);

// ValidateModule(m), with a malformed function body (FindMalformedBody) outranking a module-level
// validation error, as the reference interpreter's order requires.
Status ValidateModuleFirst(const ModuleDesc& m);

}  // namespace wasmc

#endif  // WASMC_VALIDATOR_VALIDATE_H_
