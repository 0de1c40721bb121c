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

TypeRegistry::~TypeRegistry() {
  for (std::atomic<Chunk*>& chunk : chunks_) delete chunk.load(std::memory_order_relaxed);
}

uint32_t TypeRegistry::Intern(const FuncType& type) {
  std::string key = EncodeKey(type);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = ids_.find(key);
  if (it != ids_.end()) return it->second;
  size_t index = owned_.size();
  WASMC_CHECK(index < size_t{kMaxChunks} * kChunkSize);  // far beyond any real engine
  owned_.push_back(std::make_unique<FuncType>(type));
  std::atomic<Chunk*>& slot = chunks_[index >> kChunkBits];
  Chunk* chunk = slot.load(std::memory_order_relaxed);
  if (chunk == nullptr) {
    chunk = new Chunk();
    slot.store(chunk, std::memory_order_release);
  }
  chunk->types[index & (kChunkSize - 1)].store(owned_.back().get(), std::memory_order_release);
  uint32_t id = static_cast<uint32_t>(index + 1);
  ids_.emplace(std::move(key), id);
  return id;
}

}  // namespace wasmc
