// Testing-only hooks (abi/testing.h): write the EngineConfig fields that no wasmc_config_*
// setter reaches.
#include "abi/testing.h"

#include "abi/handles.h"

namespace wasmc {
namespace testing {

bool SetMirMode(wasmc_config_t* config, uint32_t opt_level, bool interpret) {
  if (config == nullptr || opt_level > 2) return false;
  config->config.opt_level = opt_level;
  config->config.allow_opt_level_2 = opt_level == 2;
  config->config.mir_interpret = interpret;
  return true;
}

bool SetCompilePartitions(wasmc_config_t* config, uint32_t threads,
                          uint64_t min_partition_bytes) {
  if (config == nullptr || threads > kMaxCompileThreads) return false;
  config->config.compile_threads = threads;
  config->config.min_partition_bytes = min_partition_bytes == 0 ? 1 : min_partition_bytes;
  return true;
}

}  // namespace testing
}  // namespace wasmc
