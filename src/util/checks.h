// Internal assertions: WASMC_DCHECK (debug builds only) for internal invariants, WASMC_CHECK
// (always on) for memory-safety invariants. A failed WASMC_CHECK is a wasmc bug: it prints and
// aborts; it must never be reachable from guest input or API misuse.
#ifndef WASMC_UTIL_CHECKS_H_
#define WASMC_UTIL_CHECKS_H_

#include <cstdio>
#include <cstdlib>

#define WASMC_CHECK(cond)                                                            \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      std::fprintf(stderr, "wasmc: internal check failed: %s (%s:%d)\n", #cond,      \
                   __FILE__, __LINE__);                                              \
      std::abort();                                                                  \
    }                                                                                \
  } while (0)

#ifdef NDEBUG
#define WASMC_DCHECK(cond) ((void)0)
#else
#define WASMC_DCHECK(cond) WASMC_CHECK(cond)
#endif

#endif  // WASMC_UTIL_CHECKS_H_
