// Unit tests for decoder/module_decoder: a module using every section decodes into the expected
// ModuleDesc, and malformed headers, sections, segments and constant expressions are rejected
// with the spec's messages.
#include "decoder/module_decoder.h"
#include "module_builder.h"
#include "test_main.h"

using wasmc::ConstOp;
using wasmc::DecodeModule;
using wasmc::ErrorKind;
using wasmc::ModuleDesc;
using wasmc::Result;
using wasmc::SegmentMode;
using wasmc::ValType;
using wasmc_test::Bytes;
using wasmc_test::Header;

namespace {

Result<ModuleDesc> Decode(const Bytes& b) { return DecodeModule(b.data(), b.size()); }

void ExpectMalformed(const Bytes& b, const char* msg) {
  Result<ModuleDesc> r = Decode(b);
  AssertError(r.status(), ErrorKind::kMalformed, msg);
}

void test_decoder_module__full_module(void** state) {
  (void)state;
  Bytes b = wasmc_test::FullModule();
  Result<ModuleDesc> r = Decode(b);
  if (!r.ok()) print_error("%s\n", r.status().message().c_str());
  assert_true(r.ok());
  const ModuleDesc& m = r.value();
  assert_int_equal(m.bytes.size(), b.size());
  assert_int_equal(m.types.size(), 2);
  assert_int_equal(m.imports.size(), 3);
  assert_int_equal(m.funcs.size(), 3);
  assert_int_equal(m.num_imported_funcs, 1);
  assert_int_equal(m.tables.size(), 2);
  assert_int_equal(m.tables[1].elem, ValType::kExternRef);
  assert_int_equal(m.memories.size(), 1);
  assert_true(m.memories[0].limits.has_max);
  assert_int_equal(m.memories[0].limits.max, 2);
  assert_int_equal(m.globals.size(), 5);
  assert_true(m.globals[1].type.mut);
  assert_int_equal(int64_t(m.globals[1].init.ops[0].bits), -5);
  assert_int_equal(m.globals[4].init.ops[0].kind, ConstOp::kV128Const);
  assert_int_equal(m.globals[4].init.ops[0].v128[15], 15);
  assert_true(m.has_start);
  assert_int_equal(m.start, 2);
  assert_int_equal(m.elems.size(), 8);
  assert_int_equal(m.elems[3].mode, SegmentMode::kDeclarative);
  assert_int_equal(m.elems[5].mode, SegmentMode::kPassive);
  assert_int_equal(m.elems[6].table_index, 1);
  assert_int_equal(m.elems[6].type, ValType::kExternRef);
  assert_int_equal(m.datas.size(), 3);
  assert_int_equal(m.datas[1].mode, SegmentMode::kPassive);
  assert_int_equal(m.datas[1].bytes_size, 3);
  assert_memory_equal(&m.bytes[m.datas[1].bytes_offset], "abc", 3);
  assert_int_equal(m.bodies.size(), 2);
  assert_int_equal(m.bodies[0].size, 4);
  assert_int_equal(m.bytes[m.bodies[0].offset + 3], 0x0b);
  assert_string_equal(m.module_name.c_str(), "full");
  assert_int_equal(m.func_names.size(), 3);
  assert_string_equal(m.func_names[2].c_str(), "start");
  // Exported 1, ref.func 1 and 2 in globals and segments; 0 is never referenced.
  assert_false(m.declared_funcs[0]);
  assert_true(m.declared_funcs[1]);
  assert_true(m.declared_funcs[2]);
}

void test_decoder_module__header(void** state) {
  (void)state;
  ExpectMalformed(Bytes{}, "unexpected end");
  ExpectMalformed(Bytes{0x00, 0x61, 0x73}, "unexpected end");
  ExpectMalformed(Bytes{0x00, 0x61, 0x73, 0x6e, 0x01, 0, 0, 0}, "magic header not detected");
  ExpectMalformed(Bytes{0x00, 0x61, 0x73, 0x6d, 0x01}, "unexpected end");
  ExpectMalformed(Bytes{0x00, 0x61, 0x73, 0x6d, 0x02, 0, 0, 0}, "unknown binary version");
  assert_true(Decode(Header()).ok());
  assert_true(DecodeModule(nullptr, 0).status().kind() == ErrorKind::kMalformed);
}

void test_decoder_module__section_framing(void** state) {
  (void)state;
  ExpectMalformed(Bytes(Header()).Raw({0x0d, 0x00}), "malformed section id");
  ExpectMalformed(Bytes(Header()).Raw({0x01, 0x05, 0x00}), "length out of bounds");
  ExpectMalformed(Bytes(Header()).Raw({0x01, 0x02, 0x00, 0x00}), "section size mismatch");
  ExpectMalformed(Bytes(Header()).Raw({0x03, 0x01, 0x00, 0x01, 0x01, 0x00}),
                  "unexpected content after last section");
  ExpectMalformed(Bytes(Header()).Raw({0x0c, 0x01, 0x00, 0x0c, 0x01, 0x00}),
                  "unexpected content after last section");
  // Custom sections may appear anywhere, but their name must fit and be UTF-8.
  assert_true(Decode(Bytes(Header()).Raw({0x00, 0x02, 0x01, 'x', 0x01, 0x01, 0x00})).ok());
  ExpectMalformed(Bytes(Header()).Raw({0x00, 0x00}), "unexpected end");
  ExpectMalformed(Bytes(Header()).Raw({0x00, 0x02, 0x01, 0xff}), "malformed UTF-8 encoding");
}

void test_decoder_module__count_checks(void** state) {
  (void)state;
  ExpectMalformed(Bytes(Header()).Raw({0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01,
                                       0x00}),
                  "function and code section have inconsistent lengths");
  ExpectMalformed(Bytes(Header()).Raw({0x0c, 0x01, 0x01}),
                  "data count and data section have inconsistent lengths");
  // A huge claimed count fails before any allocation.
  ExpectMalformed(Bytes(Header()).Raw({0x01, 0x06, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x60}),
                  "length out of bounds");
}

void test_decoder_module__types_and_imports(void** state) {
  (void)state;
  ExpectMalformed(Bytes(Header()).Raw({0x01, 0x04, 0x01, 0x61, 0x00, 0x00}),
                  "malformed function type");
  ExpectMalformed(Bytes(Header()).Raw({0x01, 0x05, 0x01, 0xe0, 0x7f, 0x00, 0x00}),
                  "integer representation too long");
  ExpectMalformed(Bytes(Header()).Raw({0x01, 0x05, 0x01, 0x60, 0x01, 0x40, 0x00}),
                  "malformed value type");
  ExpectMalformed(Bytes(Header()).Raw({0x02, 0x04, 0x01, 0x00, 0x00, 0x04}),
                  "malformed import kind");
  ExpectMalformed(Bytes(Header()).Raw({0x02, 0x06, 0x01, 0x00, 0x00, 0x03, 0x7f, 0x02}),
                  "malformed mutability");
  ExpectMalformed(Bytes(Header()).Raw({0x07, 0x04, 0x01, 0x00, 0x04, 0x00}),
                  "malformed export kind");
}

void test_decoder_module__limits(void** state) {
  (void)state;
  ExpectMalformed(Bytes(Header()).Raw({0x05, 0x02, 0x01, 0x02}), "integer too large");
  ExpectMalformed(Bytes(Header()).Raw({0x05, 0x05, 0x01, 0x81, 0x00, 0x00, 0x00}),
                  "integer representation too long");
  ExpectMalformed(Bytes(Header()).Raw({0x04, 0x03, 0x01, 0x7f, 0x00}),
                  "malformed reference type");
  ExpectMalformed(Bytes(Header()).Raw({0x05, 0x07, 0x01, 0x00, 0x80, 0x80, 0x80, 0x80, 0x10}),
                  "integer too large");
}

void test_decoder_module__const_exprs(void** state) {
  (void)state;
  // global i32 = i32.const 0 (no end) at the end of the section.
  ExpectMalformed(Bytes(Header()).Raw({0x06, 0x04, 0x01, 0x7f, 0x00, 0x41}), "unexpected end");
  Result<ModuleDesc> r = Decode(Bytes(Header()).Raw({0x06, 0x06, 0x01, 0x7f, 0x00, 0x01, 0x0b,
                                                     0x00}));
  AssertError(r.status(), ErrorKind::kInvalid, "constant expression required");  // nop
  ExpectMalformed(Bytes(Header()).Raw({0x06, 0x05, 0x01, 0x7f, 0x00, 0xf3, 0x0b}),
                  "illegal opcode");
  ExpectMalformed(Bytes(Header()).Raw({0x06, 0x05, 0x01, 0x7f, 0x00, 0x05, 0x0b}),
                  "END opcode expected");
  // Two constants decode; the validator reports the type mismatch.
  r = Decode(Bytes(Header()).Raw({0x06, 0x08, 0x01, 0x7f, 0x00, 0x41, 0x00, 0x41, 0x01, 0x0b}));
  assert_true(r.ok());
  assert_int_equal(r.value().globals[0].init.ops.size(), 2);
}

void test_decoder_module__segments(void** state) {
  (void)state;
  ExpectMalformed(Bytes(Header()).Raw({0x09, 0x02, 0x01, 0x08}), "malformed elements segment");
  ExpectMalformed(Bytes(Header()).Raw({0x09, 0x04, 0x01, 0x01, 0x01, 0x00}),
                  "malformed element kind");
  ExpectMalformed(Bytes(Header()).Raw({0x09, 0x06, 0x01, 0x05, 0x7f, 0x01, 0xd2, 0x00}),
                  "malformed reference type");
  ExpectMalformed(Bytes(Header()).Raw({0x0b, 0x02, 0x01, 0x03}), "malformed data segment kind");
  ExpectMalformed(Bytes(Header()).Raw({0x0b, 0x04, 0x01, 0x01, 0x02, 0x61}), "unexpected end");
  ExpectMalformed(Bytes(Header()).Raw({0x0b, 0x04, 0x01, 0x01, 0x03, 0x61}),
                  "length out of bounds");
}

void test_decoder_module__broken_name_section_is_ignored(void** state) {
  (void)state;
  Bytes b = Header();
  Bytes payload;
  payload.Name("name").Raw({0x00, 0x05, 0x03, 'a', 'b'});  // subsection longer than its data
  b.Section(0, payload);
  Result<ModuleDesc> r = Decode(b);
  assert_true(r.ok());
  assert_true(r.value().module_name.empty());
  assert_true(r.value().func_names.empty());
}

}  // namespace

int RunModuleDecoderTests() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_decoder_module__full_module),
      cmocka_unit_test(test_decoder_module__header),
      cmocka_unit_test(test_decoder_module__section_framing),
      cmocka_unit_test(test_decoder_module__count_checks),
      cmocka_unit_test(test_decoder_module__types_and_imports),
      cmocka_unit_test(test_decoder_module__limits),
      cmocka_unit_test(test_decoder_module__const_exprs),
      cmocka_unit_test(test_decoder_module__segments),
      cmocka_unit_test(test_decoder_module__broken_name_section_is_ignored),
  };
  return cmocka_run_group_tests_name("decoder_module", tests, nullptr, nullptr);
}
