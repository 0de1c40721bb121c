// Entry point of `unit_decoder`: runs every cmocka group of the decoder and module validator
// unit tests and returns the number of failed tests.
#include "test_main.h"

int main() {
  int failed = 0;
  failed += RunLeb128Tests();
  failed += RunReaderTests();
  failed += RunModuleDecoderTests();
  failed += RunModuleValidatorTests();
  return failed;
}
