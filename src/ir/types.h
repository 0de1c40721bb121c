// Wasm types shared by every stage: value types, function types, limits, table/memory/global
// types and extern kinds. Pure data, no behaviour beyond comparison and names.
#ifndef WASMC_IR_TYPES_H_
#define WASMC_IR_TYPES_H_

#include <cstdint>
#include <vector>

namespace wasmc {

// Binary encodings from the spec ("Value Types"). kUnknown is the validator's bottom type
// (the type of a value popped from a polymorphic, unreachable stack).
enum class ValType : uint8_t {
  kUnknown = 0x00,
  kI32 = 0x7f,
  kI64 = 0x7e,
  kF32 = 0x7d,
  kF64 = 0x7c,
  kV128 = 0x7b,
  kFuncRef = 0x70,
  kExternRef = 0x6f,
};

inline bool IsRefType(ValType t) { return t == ValType::kFuncRef || t == ValType::kExternRef; }
inline bool IsNumType(ValType t) {
  return t == ValType::kI32 || t == ValType::kI64 || t == ValType::kF32 || t == ValType::kF64;
}
const char* ValTypeName(ValType t);  // "i32", ... (defined in util/types.cc)

struct FuncType {
  std::vector<ValType> params;
  std::vector<ValType> results;
  bool operator==(const FuncType& o) const { return params == o.params && results == o.results; }
  bool operator!=(const FuncType& o) const { return !(*this == o); }
};

// Page counts for memories, element counts for tables.
struct Limits {
  uint64_t min = 0;
  bool has_max = false;
  uint64_t max = 0;
};

struct TableType {
  ValType elem = ValType::kFuncRef;
  Limits limits;
};

struct MemoryType {
  Limits limits;
  bool shared = false;  // threads proposal; always false for Wasm 2.0 modules
};

struct GlobalType {
  ValType type = ValType::kI32;
  bool mut = false;
};

// Values are the binary encoding of import/export descriptors and the public WASMC_EXTERN_*.
enum class ExternKind : uint8_t { kFunc = 0, kTable = 1, kMemory = 2, kGlobal = 3 };

constexpr uint64_t kPageSize = 65536;
constexpr uint64_t kMaxPages = 65536;          // 4 GiB of 32-bit linear memory
constexpr uint64_t kMaxTableElems = 0xffffffffu;

}  // namespace wasmc

#endif  // WASMC_IR_TYPES_H_
