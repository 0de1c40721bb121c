// TypeRegistry: the engine-wide canonical numbering of function types. Consumes FuncTypes
// (from modules and host functions) and produces stable uint32 ids that compiled code compares
// for call_indirect and that the runtime compares for funcref imports.
#ifndef WASMC_RUNTIME_TYPE_REGISTRY_H_
#define WASMC_RUNTIME_TYPE_REGISTRY_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/types.h"

namespace wasmc {

// Thread-safe. Ids are never reused and stay valid for the registry's life; id 0 is never
// handed out, so a zeroed VMFuncRef never matches a real signature.
class TypeRegistry {
 public:
  TypeRegistry() = default;
  TypeRegistry(const TypeRegistry&) = delete;
  TypeRegistry& operator=(const TypeRegistry&) = delete;

  // Returns the id of `type`, registering it on first use.
  uint32_t Intern(const FuncType& type);
  // The type registered as `id`. The reference stays valid for the registry's life.
  const FuncType& Lookup(uint32_t id) const;

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, uint32_t> ids_;  // key: encoded params, 0, results
  std::vector<std::unique_ptr<FuncType>> types_;   // types_[id - 1]
};

}  // namespace wasmc

#endif  // WASMC_RUNTIME_TYPE_REGISTRY_H_
