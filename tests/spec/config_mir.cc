// config_mir.cc: driver_configure (driver.h) of wasmc-spec-driver-mir, which links libwasmc.a
// to reach the testing hook src/abi/testing.h: WASMC_SPEC_MIR=O0|O1|O2|interp runs the spec
// tests with MIR's generator at that level (O2 is not offered by the public API) or in MIR's
// interpreter; unset, the engine is the default one. The MIR safety net (fuzz/README.md).
#include <cstdlib>
#include <cstring>

#include "abi/testing.h"

extern "C" {
#include "driver.h"
}

extern "C" wasmc_error_t* driver_configure(wasmc_config_t* config) {
  const char* mode = std::getenv("WASMC_SPEC_MIR");
  if (mode == nullptr || *mode == '\0') return nullptr;
  bool ok = false;
  if (std::strcmp(mode, "interp") == 0) {
    ok = wasmc::testing::SetMirMode(config, 0, true);
  } else if (mode[0] == 'O' && mode[1] >= '0' && mode[1] <= '2' && mode[2] == '\0') {
    ok = wasmc::testing::SetMirMode(config, uint32_t(mode[1] - '0'), false);
  }
  if (ok) return nullptr;
  // No wasmc_error_t constructor in the public API: an invalid setting yields one.
  return wasmc_config_opt_level_set(config, 99);
}
