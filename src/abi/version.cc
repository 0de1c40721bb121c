// C API shim for the run-time version query (wasmc_version, wasmc_version_number).
#include "wasmc.h"

extern "C" {

const char* wasmc_version(void) noexcept { return WASMC_VERSION; }

uint32_t wasmc_version_number(void) noexcept { return WASMC_VERSION_NUMBER; }

}  // extern "C"
