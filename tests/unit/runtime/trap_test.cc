// Tests for runtime/trap: consumes trap codes and function names, checks the spec messages and
// the "(in function ...)" suffix.
#include "runtime/trap.h"

#include <cstring>

#include "runtime_test.h"

namespace {

using wasmc::TrapCode;

uint32_t Raw(TrapCode c) { return static_cast<uint32_t>(c); }

void test_runtime_trap__code_messages(void**) {
  struct { TrapCode code; const char* msg; } cases[] = {
      {TrapCode::kUnreachable, "unreachable"},
      {TrapCode::kIntDivByZero, "integer divide by zero"},
      {TrapCode::kIntOverflow, "integer overflow"},
      {TrapCode::kBadConversion, "invalid conversion to integer"},
      {TrapCode::kMemoryOutOfBounds, "out of bounds memory access"},
      {TrapCode::kTableOutOfBounds, "out of bounds table access"},
      {TrapCode::kUninitializedElement, "uninitialized element"},
      {TrapCode::kIndirectCallType, "indirect call type mismatch"},
      {TrapCode::kStackExhausted, "call stack exhausted"},
      {TrapCode::kOutOfFuel, "all fuel consumed"},
      {TrapCode::kInterrupt, "interrupt"},
  };
  for (const auto& c : cases) assert_string_equal(wasmc::TrapCodeMessage(Raw(c.code)), c.msg);
  uint32_t undefined = Raw(TrapCode::kTableOutOfBounds) | wasmc::kTrapFlagUndefinedElement;
  assert_string_equal(wasmc::TrapCodeMessage(undefined), "undefined element");
  assert_int_equal(Raw(wasmc::TrapCodeFromRaw(undefined)), Raw(TrapCode::kTableOutOfBounds));
}

void test_runtime_trap__function_suffix(void**) {
  auto named = wasmc::MakeTrap(Raw(TrapCode::kIntDivByZero), 2, "fac");
  assert_string_equal(named->message.c_str(), "integer divide by zero (in function `fac`)");
  assert_int_equal(named->func_index, 2);
  assert_int_equal(Raw(named->code), Raw(TrapCode::kIntDivByZero));
  auto numbered = wasmc::MakeTrap(Raw(TrapCode::kUnreachable), 3, "");
  assert_string_equal(numbered->message.c_str(), "unreachable (in function #3)");
  auto unknown = wasmc::MakeTrap(Raw(TrapCode::kMemoryOutOfBounds), wasmc::kUnknownFuncIndex, "");
  assert_string_equal(unknown->message.c_str(), "out of bounds memory access");
  auto undefined = wasmc::MakeTrap(
      Raw(TrapCode::kTableOutOfBounds) | wasmc::kTrapFlagUndefinedElement, 0, "f");
  assert_string_equal(undefined->message.c_str(), "undefined element (in function `f`)");
  assert_int_equal(Raw(undefined->code), Raw(TrapCode::kTableOutOfBounds));
}

void test_runtime_trap__host_trap(void**) {
  auto t = wasmc::MakeHostTrap("my host failed");
  assert_int_equal(Raw(t->code), Raw(TrapCode::kHost));
  assert_string_equal(t->message.c_str(), "my host failed");
  assert_int_equal(t->pc, 0);
}

}  // namespace

namespace wasmc_test {

int RunTrapTests() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_runtime_trap__code_messages),
      cmocka_unit_test(test_runtime_trap__function_suffix),
      cmocka_unit_test(test_runtime_trap__host_trap),
  };
  return cmocka_run_group_tests_name("runtime_trap", tests, nullptr, nullptr);
}

}  // namespace wasmc_test
