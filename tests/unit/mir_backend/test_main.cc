// unit_mir_backend's main: runs every test group of tests/unit/mir_backend and reports the
// number of failed tests as the exit status.
#include "test_main.h"

int main() {
  int failed = 0;
  failed += RunMirContextTests();
  failed += RunTranslateArithTests();
  failed += RunTranslateFloatTests();
  failed += RunTranslateControlTests();
  failed += RunTranslateCallTests();
  failed += RunTranslateMemoryTests();
  return failed == 0 ? 0 : 1;
}
