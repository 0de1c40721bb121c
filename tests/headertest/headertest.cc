// headertest.cc: include/wasmc.h must compile as C++17 (-Wall -Wextra -Werror -pedantic) and
// give its functions C linkage. Consumes the header; produces nothing but a compiler verdict.
#include <type_traits>

#include "wasmc.h"

static_assert(sizeof(wasmc_valkind_t) == 1, "wasmc_valkind_t is a one-byte kind");
static_assert(std::is_standard_layout<wasmc_val_t>::value, "wasmc_val_t is a plain C struct");
static_assert(std::is_same<decltype(&wasmc_version), const char *(*)()>::value,
              "wasmc_version keeps its signature");

extern "C" int wasmc_headertest_cxx();

int wasmc_headertest_cxx() {
  wasmc_val_t v{};
  v.kind = WASMC_I64;
  v.of.i64 = 2;
  wasmc_error_t *error = nullptr;
  wasmc_error_delete(error);
  return static_cast<int>(v.of.i64);
}
