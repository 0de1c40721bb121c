// ModuleDesc: the static, immutable description of a decoded module (everything outside function
// bodies, which stay as byte ranges into `bytes`). Produced by decoder/module_decoder.cc, checked
// by validator/module_validator.cc, read by the translator and the runtime. Index spaces put
// imports first, as the spec does.
#ifndef WASMC_IR_MODULE_DESC_H_
#define WASMC_IR_MODULE_DESC_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "ir/types.h"

namespace wasmc {

// A constant expression ("Constant Expressions"). Wasm 2.0 allows exactly one instruction plus
// `end`; `ops` keeps a sequence so extended-const can be added without a new type.
struct ConstOp {
  enum Kind : uint8_t { kI32Const, kI64Const, kF32Const, kF64Const, kV128Const, kRefNull,
                        kRefFunc, kGlobalGet };
  Kind kind = kI32Const;
  uint64_t bits = 0;               // i32 (sign-extended) / i64 value, f32/f64 bit pattern
  std::array<uint8_t, 16> v128{};  // kV128Const
  uint32_t index = 0;              // kRefFunc: function index; kGlobalGet: global index
  ValType ref_type = ValType::kFuncRef;  // kRefNull
};
struct ConstExpr {
  std::vector<ConstOp> ops;
  uint64_t offset = 0;  // byte offset of the expression in the module, for error messages
};

struct Import {
  std::string module;
  std::string name;
  ExternKind kind = ExternKind::kFunc;
  uint32_t type_index = 0;  // kFunc
  TableType table;          // kTable
  MemoryType memory;        // kMemory
  GlobalType global;        // kGlobal
};

struct Export {
  std::string name;
  ExternKind kind = ExternKind::kFunc;
  uint32_t index = 0;
};

struct GlobalDesc {
  GlobalType type;
  ConstExpr init;  // empty ops for imported globals
};

enum class SegmentMode : uint8_t { kActive, kPassive, kDeclarative };

struct ElemSegment {
  SegmentMode mode = SegmentMode::kActive;
  uint32_t table_index = 0;
  ConstExpr offset;                 // kActive only
  ValType type = ValType::kFuncRef;
  std::vector<ConstExpr> items;     // each `ref.func i`, `ref.null t` or `global.get g`
};

struct DataSegment {
  SegmentMode mode = SegmentMode::kActive;  // kActive or kPassive
  uint32_t memory_index = 0;
  ConstExpr offset;             // kActive only
  uint32_t bytes_offset = 0;    // range of the payload inside ModuleDesc::bytes
  uint32_t bytes_size = 0;
};

struct FuncBody {
  uint32_t offset = 0;  // byte range in ModuleDesc::bytes: the local declarations then the code,
  uint32_t size = 0;    // up to and including the final `end`
};

struct ModuleDesc {
  std::vector<uint8_t> bytes;  // a copy of the module's bytes; bodies and data point into it

  std::vector<FuncType> types;
  std::vector<Import> imports;

  // Index spaces, imports first.
  std::vector<uint32_t> funcs;          // type index of every function
  std::vector<TableType> tables;
  std::vector<MemoryType> memories;
  std::vector<GlobalDesc> globals;
  uint32_t num_imported_funcs = 0;
  uint32_t num_imported_tables = 0;
  uint32_t num_imported_memories = 0;
  uint32_t num_imported_globals = 0;

  std::vector<Export> exports;
  bool has_start = false;
  uint32_t start = 0;
  std::vector<ElemSegment> elems;
  std::vector<DataSegment> datas;
  bool has_data_count = false;
  uint32_t data_count = 0;
  std::vector<FuncBody> bodies;  // one per defined (non-imported) function

  // Functions that `ref.func` may name: those referenced in exports, elem segments and global
  // initialisers outside function bodies ("C.refs" in the spec's validation of modules).
  std::vector<bool> declared_funcs;

  // From the `name` custom section (empty when absent or malformed; the name section never
  // makes a module fail). `func_names[i]` is the name of function index i, or "".
  std::string module_name;
  std::vector<std::string> func_names;

  // Byte offset of each known section's contents, by section id (1..12), or UINT64_MAX when the
  // section is absent. Module-level validation errors report the offset of the section that
  // declares the offending entry.
  std::array<uint64_t, 13> section_offsets = MakeNoSectionOffsets();
  static std::array<uint64_t, 13> MakeNoSectionOffsets() {
    std::array<uint64_t, 13> a{};
    a.fill(UINT64_MAX);
    return a;
  }

  const FuncType& FuncTypeOf(uint32_t func_index) const { return types[funcs[func_index]]; }
  uint32_t NumDefinedFuncs() const { return uint32_t(funcs.size()) - num_imported_funcs; }
};

}  // namespace wasmc

#endif  // WASMC_IR_MODULE_DESC_H_
