// C API shim for the run-time version query (wasmc_version, wasmc_version_number).
#include "abi/handles.h"

extern "C" {

const char* wasmc_version(void) WASMC_SHIM_NOEXCEPT { return WASMC_VERSION; }

uint32_t wasmc_version_number(void) WASMC_SHIM_NOEXCEPT { return WASMC_VERSION_NUMBER; }

}  // extern "C"
