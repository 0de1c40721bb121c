/* config_default.c: driver_configure (driver.h) of wasmc-spec-driver: public API only, nothing
 * beyond the command line. */
#include "driver.h"

wasmc_error_t *driver_configure(wasmc_config_t *config) {
  (void)config;
  return NULL;
}
