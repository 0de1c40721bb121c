/*
 * headertest.c: include/wasmc.h must compile on its own as strict C99 (-std=c99 -pedantic
 * -Wall -Wextra -Werror). Consumes the header; produces nothing but a compiler verdict.
 * It uses a few types and macros so that their definitions are checked, not only parsed.
 */
#include "wasmc.h"
#include "wasmc.h" /* the include guard must make a second inclusion harmless */

typedef char wasmc_headertest_val_kind_is_one_byte[sizeof(wasmc_valkind_t) == 1 ? 1 : -1];
typedef char wasmc_headertest_trap_code_is_u32[sizeof(wasmc_trap_code_t) == 4 ? 1 : -1];
typedef char wasmc_headertest_version[WASMC_VERSION_NUMBER == WASMC_VERSION_MAJOR * 1000000 +
                                                                  WASMC_VERSION_MINOR * 1000 +
                                                                  WASMC_VERSION_PATCH
                                          ? 1
                                          : -1];

int wasmc_headertest_c(void);

int wasmc_headertest_c(void) {
  wasmc_val_t v;
  wasmc_extern_t e;
  wasmc_limits_t limits = {1, 2, true};
  const char *(*version)(void) = wasmc_version;
  v.kind = WASMC_I32;
  v.of.i32 = 1;
  e.kind = WASMC_EXTERN_FUNC;
  e.of.func.store_id = 0;
  e.of.func.index = 0;
  return (int)(v.of.i32 + (int32_t)e.kind + (int)limits.min) + (version != 0);
}
