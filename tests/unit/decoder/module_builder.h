// Test helper: builds Wasm binary modules byte by byte (LEB128, names, sized sections), and the
// sample modules that the decoder unit tests and the mutation test share.
#ifndef WASMC_TESTS_UNIT_DECODER_MODULE_BUILDER_H_
#define WASMC_TESTS_UNIT_DECODER_MODULE_BUILDER_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace wasmc_test {

class Bytes {
 public:
  Bytes() = default;
  Bytes(std::initializer_list<uint8_t> b) : data_(b) {}

  Bytes& Raw(std::initializer_list<uint8_t> b) {
    data_.insert(data_.end(), b.begin(), b.end());
    return *this;
  }
  Bytes& Append(const Bytes& other) {
    data_.insert(data_.end(), other.data_.begin(), other.data_.end());
    return *this;
  }
  Bytes& U32(uint64_t v) {  // unsigned LEB128
    do {
      uint8_t b = v & 0x7f;
      v >>= 7;
      data_.push_back(uint8_t(b | (v != 0 ? 0x80 : 0)));
    } while (v != 0);
    return *this;
  }
  Bytes& S64(int64_t v) {  // signed LEB128
    bool more = true;
    while (more) {
      uint8_t b = v & 0x7f;
      v >>= 7;
      more = !((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0));
      data_.push_back(uint8_t(b | (more ? 0x80 : 0)));
    }
    return *this;
  }
  Bytes& Name(const std::string& s) {
    U32(s.size());
    data_.insert(data_.end(), s.begin(), s.end());
    return *this;
  }
  // id, size, contents.
  Bytes& Section(uint8_t id, const Bytes& contents) {
    data_.push_back(id);
    U32(contents.size());
    return Append(contents);
  }
  const uint8_t* data() const { return data_.data(); }
  size_t size() const { return data_.size(); }
  const std::vector<uint8_t>& vec() const { return data_; }

 private:
  std::vector<uint8_t> data_;
};

inline Bytes Header() { return Bytes{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}; }

// A valid module that uses every known section, all eight element encodings, all three data
// encodings, each constant instruction and a `name` section. Function index space: 0 imported
// "m"."f" [] -> [], 1 defined [i32] -> [i32], 2 defined [] -> [] (the start function).
inline Bytes FullModule() {
  Bytes m = Header();
  m.Section(1, Bytes{0x02, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x60, 0x00, 0x00});
  Bytes imports;
  imports.U32(3);
  imports.Name("m").Name("f").Raw({0x00, 0x01});
  imports.Name("m").Name("t").Raw({0x01, 0x70, 0x01, 0x01, 0x0a});
  imports.Name("m").Name("g").Raw({0x03, 0x7f, 0x00});
  m.Section(2, imports);
  m.Section(3, Bytes{0x02, 0x00, 0x01});
  m.Section(4, Bytes{0x01, 0x6f, 0x00, 0x00});        // table 1: externref, min 0
  m.Section(5, Bytes{0x01, 0x01, 0x01, 0x02});        // memory: min 1 max 2
  Bytes globals;
  globals.U32(4);
  globals.Raw({0x7e, 0x01, 0x42}).S64(-5).Raw({0x0b});          // mut i64 = -5
  globals.Raw({0x70, 0x00, 0xd2, 0x01, 0x0b});                   // funcref = ref.func 1
  globals.Raw({0x7f, 0x00, 0x23, 0x00, 0x0b});                   // i32 = global.get 0
  globals.Raw({0x7b, 0x00, 0xfd, 0x0c});                         // v128 = v128.const
  for (int i = 0; i < 16; ++i) globals.Raw({uint8_t(i)});
  globals.Raw({0x0b});
  m.Section(6, globals);
  Bytes exports;
  exports.U32(3);
  exports.Name("f").Raw({0x00, 0x01});
  exports.Name("mem").Raw({0x02, 0x00});
  exports.Name("g").Raw({0x03, 0x01});
  m.Section(7, exports);
  m.Section(8, Bytes{0x02});
  Bytes elems;
  elems.U32(8);
  elems.Raw({0x00, 0x41, 0x00, 0x0b, 0x01, 0x01});                    // 0: active t0, funcs
  elems.Raw({0x01, 0x00, 0x01, 0x02});                                // 1: passive, funcs
  elems.Raw({0x02, 0x00, 0x41, 0x01, 0x0b, 0x00, 0x01, 0x01});        // 2: active t0, kind
  elems.Raw({0x03, 0x00, 0x01, 0x02});                                // 3: declarative
  elems.Raw({0x04, 0x41, 0x02, 0x0b, 0x01, 0xd2, 0x01, 0x0b});        // 4: active, exprs
  elems.Raw({0x05, 0x70, 0x01, 0xd0, 0x70, 0x0b});                    // 5: passive, exprs
  elems.Raw({0x06, 0x01, 0x41, 0x00, 0x0b, 0x6f, 0x01, 0xd0, 0x6f, 0x0b});  // 6: t1 extern
  elems.Raw({0x07, 0x70, 0x01, 0xd2, 0x02, 0x0b});                    // 7: declarative
  m.Section(9, elems);
  m.Section(12, Bytes{0x03});
  Bytes code;
  code.U32(2);
  code.Raw({0x04, 0x00, 0x20, 0x00, 0x0b});  // local.get 0
  code.Raw({0x02, 0x00, 0x0b});
  m.Section(10, code);
  Bytes data;
  data.U32(3);
  data.Raw({0x00, 0x41, 0x00, 0x0b, 0x02, 'h', 'i'});
  data.Raw({0x01, 0x03, 'a', 'b', 'c'});
  data.Raw({0x02, 0x00, 0x41, 0x10, 0x0b, 0x00});
  m.Section(11, data);
  Bytes names;
  names.Name("name");
  Bytes module_name;
  module_name.Name("full");
  names.Raw({0x00}).U32(module_name.size()).Append(module_name);
  Bytes func_names;
  func_names.U32(2).U32(1).Name("id").U32(2).Name("start");
  names.Raw({0x01}).U32(func_names.size()).Append(func_names);
  m.Section(0, names);
  return m;
}

}  // namespace wasmc_test

#endif  // WASMC_TESTS_UNIT_DECODER_MODULE_BUILDER_H_
