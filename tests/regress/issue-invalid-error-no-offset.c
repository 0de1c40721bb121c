/* Found while triaging a decode_fuzzer finding: wasmc.h promises that wasmc_module_validate's
 * MALFORMED/INVALID errors carry "the byte offset of the first error", but module-level
 * validation errors have none: for a function section naming type index 7 when there is one
 * type, the error is INVALID "unknown type 7" and wasmc_error_offset returns false (also from
 * wasmc_module_new). Body errors do carry offsets. Expected to fail until fixed
 * (tests/regress/CMakeLists.txt). Exit status 0 when the offset is present. */
#include <stdio.h>

#include "wasmc.h"

static const uint8_t kModule[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, /* header */
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00,             /* type section: (func) */
    0x03, 0x02, 0x01, 0x07,                         /* function section: type 7 (unknown) */
    0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b};            /* code: empty body */

static int check(const char *what, wasmc_error_t *e) {
  uint64_t off = 0;
  int ok = 1;
  if (!e) {
    printf("%s: accepted an invalid module\n", what);
    return 0;
  }
  if (wasmc_error_code(e) != WASMC_ERR_INVALID) {
    printf("%s: code %u, expected WASMC_ERR_INVALID\n", what, wasmc_error_code(e));
    ok = 0;
  }
  if (!wasmc_error_offset(e, &off)) {
    printf("%s: \"%s\" has no offset\n", what, wasmc_error_message(e));
    ok = 0;
  } else if (off != 17) { /* the type index byte */
    printf("%s: offset %llu (the type index is at 17)\n", what, (unsigned long long)off);
  }
  wasmc_error_delete(e);
  return ok;
}

int main(void) {
  wasmc_engine_t *engine = NULL;
  wasmc_module_t *module = NULL;
  int ok;
  if (wasmc_engine_new(NULL, &engine)) return 2;
  ok = check("wasmc_module_validate", wasmc_module_validate(engine, kModule, sizeof kModule));
  ok &= check("wasmc_module_new", wasmc_module_new(engine, kModule, sizeof kModule, &module));
  wasmc_engine_delete(engine);
  return ok ? 0 : 1;
}
