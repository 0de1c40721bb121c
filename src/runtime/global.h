// Global: a Wasm global in a store: its type and the 16-byte VMGlobal slot compiled code reads
// and writes (imported globals point at the exporter's slot).
#ifndef WASMC_RUNTIME_GLOBAL_H_
#define WASMC_RUNTIME_GLOBAL_H_

#include "ir/types.h"
#include "ir/vm_layout.h"

namespace wasmc {

struct Global {
  GlobalType type;
  VMGlobal slot{};
};

}  // namespace wasmc

#endif  // WASMC_RUNTIME_GLOBAL_H_
