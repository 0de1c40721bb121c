// Test helpers for the validator unit tests: builds a ModuleDesc by hand (types, functions,
// memories, tables, globals, segments) with function bodies given as raw bytes, and runs the
// function validator on it. Produces Status values for cmocka assertions.
#ifndef WASMC_TESTS_UNIT_VALIDATOR_TEST_MODULE_H_
#define WASMC_TESTS_UNIT_VALIDATOR_TEST_MODULE_H_

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "ir/module_desc.h"
#include "util/result.h"
#include "validator/func_validator.h"
#include "validator/instr.h"
#include "validator/validate.h"

namespace wasmc {
namespace test {

constexpr ValType kI32 = ValType::kI32;
constexpr ValType kI64 = ValType::kI64;
constexpr ValType kF32 = ValType::kF32;
constexpr ValType kF64 = ValType::kF64;
constexpr ValType kV128 = ValType::kV128;
constexpr ValType kFuncRef = ValType::kFuncRef;
constexpr ValType kExternRef = ValType::kExternRef;

inline uint32_t AddType(ModuleDesc* m, std::initializer_list<ValType> params,
                        std::initializer_list<ValType> results) {
  m->types.push_back(FuncType{params, results});
  return uint32_t(m->types.size() - 1);
}

inline void AddImportedFunc(ModuleDesc* m, uint32_t type_index) {
  m->funcs.push_back(type_index);
  ++m->num_imported_funcs;
  m->declared_funcs.push_back(false);
}

// Appends a defined function whose body (local declarations, code, final `end`) is `body`.
inline uint32_t AddFunc(ModuleDesc* m, uint32_t type_index, std::vector<uint8_t> body) {
  m->funcs.push_back(type_index);
  m->declared_funcs.push_back(false);
  FuncBody b;
  b.offset = uint32_t(m->bytes.size());
  b.size = uint32_t(body.size());
  m->bytes.insert(m->bytes.end(), body.begin(), body.end());
  m->bodies.push_back(b);
  return uint32_t(m->funcs.size() - 1);
}

inline void AddMemory(ModuleDesc* m) { m->memories.push_back(MemoryType{}); }

inline void AddTable(ModuleDesc* m, ValType elem) {
  TableType t;
  t.elem = elem;
  m->tables.push_back(t);
}

inline void AddGlobal(ModuleDesc* m, ValType type, bool mut) {
  GlobalDesc g;
  g.type.type = type;
  g.type.mut = mut;
  m->globals.push_back(g);
}

// Validates every defined function of `m` (no module-level checks: the module is hand-built).
inline Status CheckBodies(const ModuleDesc& m) { return ValidateModuleBodies(m); }

// One-function module `[params] -> [results]` with `body`, plus the given memory/table setup.
struct OneFunc {
  ModuleDesc m;
  OneFunc(std::initializer_list<ValType> params, std::initializer_list<ValType> results,
          std::vector<uint8_t> body, bool with_memory = false) {
    if (with_memory) AddMemory(&m);
    AddFunc(&m, AddType(&m, params, results), std::move(body));
  }
  Status Check() const { return CheckBodies(m); }
};

}  // namespace test
}  // namespace wasmc

// Assertions over a Status; include <cmocka.h> first. EXPECT_ERROR compares the kind and a
// message prefix (the spec's wording; indices may follow).
#define EXPECT_OK(expr)                                                          \
  do {                                                                           \
    ::wasmc::Status expect_st_ = (expr);                                         \
    if (!expect_st_.ok()) print_error("unexpected error: %s\n", expect_st_.message().c_str()); \
    assert_true(expect_st_.ok());                                                \
  } while (0)
#define EXPECT_ERROR(expr, error_kind, prefix)                                          \
  do {                                                                                  \
    ::wasmc::Status expect_st_ = (expr);                                                \
    if (expect_st_.kind() != (error_kind)) {                                            \
      print_error("got kind %u: '%s'\n", unsigned(expect_st_.kind()),                  \
                  expect_st_.message().c_str());                                        \
    }                                                                                   \
    assert_int_equal(int(expect_st_.kind()), int(error_kind));                          \
    assert_true(expect_st_.message().compare(0, sizeof(prefix) - 1, prefix) == 0);      \
  } while (0)
#define EXPECT_INVALID(expr, prefix) EXPECT_ERROR(expr, ::wasmc::ErrorKind::kInvalid, prefix)
#define EXPECT_MALFORMED(expr, prefix) EXPECT_ERROR(expr, ::wasmc::ErrorKind::kMalformed, prefix)

#endif  // WASMC_TESTS_UNIT_VALIDATOR_TEST_MODULE_H_
