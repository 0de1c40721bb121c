// TypeRegistry: maps function types to canonical engine-wide ids (see type_registry.h).
#include "runtime/type_registry.h"

#include "util/checks.h"

namespace wasmc {

namespace {

// ValType encodings are never 0, so 0 separates params from results unambiguously.
std::string EncodeKey(const FuncType& type) {
  std::string key;
  key.reserve(type.params.size() + type.results.size() + 1);
  for (ValType t : type.params) key.push_back(static_cast<char>(t));
  key.push_back('\0');
  for (ValType t : type.results) key.push_back(static_cast<char>(t));
  return key;
}

}  // namespace

uint32_t TypeRegistry::Intern(const FuncType& type) {
  std::string key = EncodeKey(type);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = ids_.find(key);
  if (it != ids_.end()) return it->second;
  types_.push_back(std::make_unique<FuncType>(type));
  uint32_t id = static_cast<uint32_t>(types_.size());
  ids_.emplace(std::move(key), id);
  return id;
}

const FuncType& TypeRegistry::Lookup(uint32_t id) const {
  std::lock_guard<std::mutex> lock(mu_);
  WASMC_CHECK(id >= 1 && id <= types_.size());
  return *types_[id - 1];
}

}  // namespace wasmc
