// The runtime-helper table (ir/vm_layout.h WASMC_RUNTIME_HELPERS) that compiled code calls for
// memory/table instructions that are not inlined, traps and host calls. Implemented in
// helpers.cc (memory, data, trap, host calls) and table_helpers.cc (tables, elements).
#ifndef WASMC_RUNTIME_HELPERS_H_
#define WASMC_RUNTIME_HELPERS_H_

#include "ir/vm_layout.h"

namespace wasmc {

// Static storage; the same table for every engine.
const RuntimeHelpers* GetRuntimeHelpers();

}  // namespace wasmc

#endif  // WASMC_RUNTIME_HELPERS_H_
