// Test helper: cmocka includes in the required order, the per-file group runners that
// unit_main.cc calls, and status assertions shared by the decoder unit tests.
#ifndef WASMC_TESTS_UNIT_DECODER_TEST_MAIN_H_
#define WASMC_TESTS_UNIT_DECODER_TEST_MAIN_H_

// cmocka 1.1.5's header has no `extern "C"` guard of its own.
// clang-format off
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
extern "C" {
#include <cmocka.h>
}
// clang-format on

#include <cstring>

#include "util/result.h"

int RunLeb128Tests();
int RunReaderTests();
int RunModuleDecoderTests();
int RunModuleValidatorTests();

// Asserts that `status` failed with `kind` and a message starting with `prefix`.
inline void AssertError(const wasmc::Status& status, wasmc::ErrorKind kind, const char* prefix) {
  if (status.ok() || status.kind() != kind ||
      status.message().compare(0, std::strlen(prefix), prefix) != 0) {
    print_error("expected kind %u '%s', got kind %u '%s'\n", unsigned(kind), prefix,
                unsigned(status.kind()), status.message().c_str());
    fail();
  }
}

#endif  // WASMC_TESTS_UNIT_DECODER_TEST_MAIN_H_
