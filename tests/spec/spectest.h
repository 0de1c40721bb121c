/*
 * spectest.h: the `spectest` host module that the testsuite imports (see the testsuite
 * README): print functions, globals holding 666 / 666.6, a funcref table (10..20) and a memory
 * (1..2 pages). Created once per driver run in the driver's store and shared by every module.
 */
#ifndef WASMC_SPEC_SPECTEST_H
#define WASMC_SPEC_SPECTEST_H

#include <stdbool.h>
#include <stddef.h>

#include "wasmc.h"

typedef struct spectest spectest;

/* How an import name resolved. */
#define SPECTEST_FOUND 0
#define SPECTEST_UNKNOWN 1 /* `spectest` has no export of that name */
#define SPECTEST_BROKEN 2  /* the export exists but could not be created (see the message) */

/*
 * Creates every export in `store`. Never returns NULL except when out of memory: exports that
 * wasmc fails to create are remembered as broken, with the error message, so that only the
 * modules importing them fail. `verbose` makes the print functions print their arguments.
 */
spectest *spectest_new(wasmc_store_t *store, bool verbose);
void spectest_delete(spectest *s);

/* Looks up export `name` (`len` bytes). Returns a SPECTEST_* result; on SPECTEST_BROKEN,
 * `*why` receives the creation error (borrowed from `s`). */
int spectest_lookup(const spectest *s, const char *name, size_t len, wasmc_extern_t *out,
                    const char **why);

#endif /* WASMC_SPEC_SPECTEST_H */
