// cmocka entry point of `unit_validator`: runs every validator test group.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
extern "C" {  // cmocka 1.1.5 has no extern "C" guard of its own
#include <cmocka.h>
}

int RunStackTests();
int RunControlTests();
int RunRefsTests();
int RunSimdTests();
int RunListenerTests();

int main() {
  int failed = 0;
  failed += RunStackTests();
  failed += RunControlTests();
  failed += RunRefsTests();
  failed += RunSimdTests();
  failed += RunListenerTests();
  return failed == 0 ? 0 : 1;
}
