// Shared by the MIR backend test files: cmocka includes and one runner per file, called from
// test_main.cc. Consumes nothing; produces the test-group entry points.
#ifndef WASMC_TESTS_UNIT_MIR_BACKEND_TEST_MAIN_H_
#define WASMC_TESTS_UNIT_MIR_BACKEND_TEST_MAIN_H_

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

extern "C" {
#include <cmocka.h>
}

int RunMirContextTests();
int RunTranslateArithTests();
int RunTranslateFloatTests();
int RunTranslateControlTests();
int RunTranslateCallTests();
int RunTranslateMemoryTests();

#endif  // WASMC_TESTS_UNIT_MIR_BACKEND_TEST_MAIN_H_
