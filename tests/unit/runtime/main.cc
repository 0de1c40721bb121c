// Entry point of `unit_runtime`: runs the cmocka groups of every runtime unit test file and
// produces a non-zero exit status when any test fails.
#include "runtime_test.h"

namespace wasmc_test {
struct sigaction g_initial_segv_action;
struct sigaction g_initial_bus_action;
}  // namespace wasmc_test

int main(int argc, char** argv) {
  if (argc > 1) cmocka_set_test_filter(argv[1]);  // e.g. "test_runtime_call__*"
  sigaction(SIGSEGV, nullptr, &wasmc_test::g_initial_segv_action);
  sigaction(SIGBUS, nullptr, &wasmc_test::g_initial_bus_action);
  int failed = 0;
  failed += wasmc_test::RunMemoryTests();
  failed += wasmc_test::RunTrapTests();
  failed += wasmc_test::RunCallTests();
  failed += wasmc_test::RunSignalTests();
  return failed == 0 ? 0 : 1;
}
