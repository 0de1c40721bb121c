// Shared helpers for the runtime unit tests: consumes nothing, produces the cmocka group runners
// each *_test.cc defines, plus small process probes (resident set size) the tests assert on.
#ifndef WASMC_TESTS_UNIT_RUNTIME_RUNTIME_TEST_H_
#define WASMC_TESTS_UNIT_RUNTIME_RUNTIME_TEST_H_

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

extern "C" {  // cmocka 1.1.5's header has no C++ linkage guard
#include <cmocka.h>
}

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace wasmc_test {

// Resident set size of this process in bytes (from /proc/self/statm).
inline uint64_t ResidentBytes() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long size = 0, resident = 0;
  int n = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  return n == 2 ? uint64_t{resident} * static_cast<uint64_t>(sysconf(_SC_PAGESIZE)) : 0;
}

// The SIGSEGV action in place when main() started (ASan's handler under ASan, else SIG_DFL),
// captured before cmocka replaces handlers around each test.
extern struct sigaction g_initial_segv_action;
extern struct sigaction g_initial_bus_action;

int RunMemoryTests();
int RunTrapTests();
int RunCallTests();
int RunSignalTests();

}  // namespace wasmc_test

#if defined(__SANITIZE_ADDRESS__)
#define WASMC_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WASMC_TEST_ASAN 1
#endif
#endif
#ifndef WASMC_TEST_ASAN
#define WASMC_TEST_ASAN 0
#endif

#if defined(__SANITIZE_THREAD__)
#define WASMC_TEST_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define WASMC_TEST_TSAN 1
#endif
#endif
#ifndef WASMC_TEST_TSAN
#define WASMC_TEST_TSAN 0
#endif

#endif  // WASMC_TESTS_UNIT_RUNTIME_RUNTIME_TEST_H_
