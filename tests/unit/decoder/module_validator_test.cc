// Unit tests for validator/module_validator: each module-level rule of Wasm 2.0 accepts the
// FullModule sample and rejects a minimal counterexample with the spec's message.
#include "decoder/module_decoder.h"
#include "module_builder.h"
#include "test_main.h"
#include "validator/module_validator.h"

using wasmc::DecodeModule;
using wasmc::ErrorKind;
using wasmc::ModuleDesc;
using wasmc::Result;
using wasmc::Status;
using wasmc::ValidateModule;
using wasmc_test::Bytes;
using wasmc_test::Header;

namespace {

Status DecodeAndValidate(const Bytes& b) {
  Result<ModuleDesc> r = DecodeModule(b.data(), b.size());
  if (!r.ok()) return r.status();
  return ValidateModule(r.value());
}

void ExpectInvalid(const Bytes& b, const char* msg) {
  AssertError(DecodeAndValidate(b), ErrorKind::kInvalid, msg);
}

// Type section with [] -> [] and [i32] -> [].
Bytes WithTypes() {
  return Bytes(Header()).Raw({0x01, 0x08, 0x02, 0x60, 0x00, 0x00, 0x60, 0x01, 0x7f, 0x00});
}

void test_decoder_validate__full_module(void** state) {
  (void)state;
  Status s = DecodeAndValidate(wasmc_test::FullModule());
  if (!s.ok()) print_error("%s\n", s.message().c_str());
  assert_true(s.ok());
}

void test_decoder_validate__type_indices(void** state) {
  (void)state;
  ExpectInvalid(Bytes(WithTypes()).Raw({0x03, 0x02, 0x01, 0x02, 0x0a, 0x04, 0x01, 0x02, 0x00,
                                        0x0b}),
                "unknown type");
  ExpectInvalid(Bytes(Header()).Raw({0x02, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00}),
                "unknown type");
}

void test_decoder_validate__limits(void** state) {
  (void)state;
  ExpectInvalid(Bytes(Header()).Raw({0x05, 0x04, 0x01, 0x01, 0x02, 0x01}),
                "size minimum must not be greater than maximum");
  ExpectInvalid(Bytes(Header()).Raw({0x05, 0x05, 0x01, 0x00, 0x81, 0x80, 0x04}),
                "memory size must be at most 65536 pages (4GiB)");
  ExpectInvalid(Bytes(Header()).Raw({0x04, 0x05, 0x01, 0x70, 0x01, 0x02, 0x01}),
                "size minimum must not be greater than maximum");
  ExpectInvalid(Bytes(Header()).Raw({0x05, 0x05, 0x02, 0x00, 0x00, 0x00, 0x00}),
                "multiple memories");
  // Any number of tables of either reference type.
  Bytes two_tables = Bytes(Header()).Raw({0x04, 0x07, 0x02, 0x70, 0x00, 0x00, 0x6f, 0x00, 0x00});
  assert_true(DecodeAndValidate(two_tables).ok());
}

void test_decoder_validate__global_inits(void** state) {
  (void)state;
  // i32 global initialised with f32.const.
  ExpectInvalid(Bytes(Header()).Raw({0x06, 0x09, 0x01, 0x7f, 0x00, 0x43, 0, 0, 0, 0, 0x0b}),
                "type mismatch");
  // Empty initialiser and two values.
  ExpectInvalid(Bytes(Header()).Raw({0x06, 0x04, 0x01, 0x7f, 0x00, 0x0b}), "type mismatch");
  ExpectInvalid(Bytes(Header()).Raw({0x06, 0x08, 0x01, 0x7f, 0x00, 0x41, 0x00, 0x41, 0x00, 0x0b}),
                "type mismatch");
  // global.get of a defined global, and of a mutable import.
  ExpectInvalid(Bytes(Header()).Raw({0x06, 0x0b, 0x02, 0x7f, 0x00, 0x41, 0x00, 0x0b, 0x7f, 0x00,
                                     0x23, 0x00, 0x0b}),
                "unknown global 0");
  ExpectInvalid(Bytes(Header()).Raw({0x02, 0x06, 0x01, 0x00, 0x00, 0x03, 0x7f, 0x01, 0x06, 0x06,
                                     0x01, 0x7f, 0x00, 0x23, 0x00, 0x0b}),
                "constant expression required");
  ExpectInvalid(Bytes(Header()).Raw({0x06, 0x06, 0x01, 0x70, 0x00, 0xd2, 0x07, 0x0b}),
                "unknown function 7");
}

void test_decoder_validate__segments(void** state) {
  (void)state;
  ExpectInvalid(Bytes(Header()).Raw({0x09, 0x06, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x00}),
                "unknown table");
  ExpectInvalid(Bytes(Header()).Raw({0x0b, 0x06, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x00}),
                "unknown memory");
  // Active segment offset of the wrong type.
  ExpectInvalid(Bytes(Header()).Raw({0x05, 0x03, 0x01, 0x00, 0x01, 0x0b, 0x06, 0x01, 0x00, 0x42,
                                     0x00, 0x0b, 0x00}),
                "type mismatch");
  // funcref segment into an externref table, and a ref.null extern item in a funcref segment.
  ExpectInvalid(Bytes(Header()).Raw({0x04, 0x04, 0x01, 0x6f, 0x00, 0x00, 0x09, 0x06, 0x01, 0x00,
                                     0x41, 0x00, 0x0b, 0x00}),
                "type mismatch");
  ExpectInvalid(Bytes(Header()).Raw({0x09, 0x07, 0x01, 0x05, 0x70, 0x01, 0xd0, 0x6f, 0x0b}),
                "type mismatch");
}

void test_decoder_validate__start_and_exports(void** state) {
  (void)state;
  // Function 0 has type [i32] -> [].
  Bytes one_func = Bytes(WithTypes()).Raw({0x03, 0x02, 0x01, 0x01});
  ExpectInvalid(Bytes(one_func).Raw({0x08, 0x01, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b}),
                "start function");
  ExpectInvalid(Bytes(one_func).Raw({0x08, 0x01, 0x05, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b}),
                "unknown function");
  ExpectInvalid(Bytes(one_func).Raw({0x07, 0x09, 0x02, 0x01, 'a', 0x00, 0x00, 0x01, 'a', 0x00,
                                     0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b}),
                "duplicate export name");
  ExpectInvalid(Bytes(Header()).Raw({0x07, 0x05, 0x01, 0x01, 'g', 0x03, 0x00}),
                "unknown global");
  ExpectInvalid(Bytes(Header()).Raw({0x07, 0x05, 0x01, 0x01, 'm', 0x02, 0x00}),
                "unknown memory");
}

}  // namespace

int RunModuleValidatorTests() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_decoder_validate__full_module),
      cmocka_unit_test(test_decoder_validate__type_indices),
      cmocka_unit_test(test_decoder_validate__limits),
      cmocka_unit_test(test_decoder_validate__global_inits),
      cmocka_unit_test(test_decoder_validate__segments),
      cmocka_unit_test(test_decoder_validate__start_and_exports),
  };
  return cmocka_run_group_tests_name("decoder_validate", tests, nullptr, nullptr);
}
