// TypeRegistry: the engine-wide canonical numbering of function types. Consumes FuncTypes
// (from modules and host functions) and produces stable uint32 ids that compiled code compares
// for call_indirect and that the runtime compares for funcref imports.
#ifndef WASMC_RUNTIME_TYPE_REGISTRY_H_
#define WASMC_RUNTIME_TYPE_REGISTRY_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/types.h"
#include "util/checks.h"

namespace wasmc {

// Thread-safe. Ids are never reused and stay valid for the registry's life; id 0 is never
// handed out, so a zeroed VMFuncRef never matches a real signature. Lookup is lock-free (it is
// on the host -> Wasm call path); Intern takes a lock.
class TypeRegistry {
 public:
  TypeRegistry() = default;
  ~TypeRegistry();
  TypeRegistry(const TypeRegistry&) = delete;
  TypeRegistry& operator=(const TypeRegistry&) = delete;

  // Returns the id of `type`, registering it on first use.
  uint32_t Intern(const FuncType& type);
  // The type registered as `id`. The reference stays valid for the registry's life. Inline:
  // it is on every host -> Wasm call.
  const FuncType& Lookup(uint32_t id) const {
    uint32_t index = id - 1;  // id 0 wraps to an index past every chunk
    WASMC_CHECK(id != 0 && (index >> kChunkBits) < kMaxChunks);
    const Chunk* chunk = chunks_[index >> kChunkBits].load(std::memory_order_acquire);
    WASMC_CHECK(chunk != nullptr);
    const FuncType* type = chunk->types[index & (kChunkSize - 1)].load(std::memory_order_acquire);
    WASMC_CHECK(type != nullptr);  // ids come only from Intern
    return *type;
  }

 private:
  // Types by id - 1 in fixed-size chunks that never move: a reader needs no lock, only the
  // acquire loads that pair with Intern's release stores.
  static constexpr uint32_t kChunkBits = 10;
  static constexpr uint32_t kChunkSize = uint32_t{1} << kChunkBits;
  static constexpr uint32_t kMaxChunks = 4096;  // 4M distinct signatures per engine
  struct Chunk {
    std::array<std::atomic<const FuncType*>, kChunkSize> types{};
  };

  std::mutex mu_;
  std::unordered_map<std::string, uint32_t> ids_;  // key: encoded params, 0, results
  std::vector<std::unique_ptr<FuncType>> owned_;   // owned_[id - 1]
  std::array<std::atomic<Chunk*>, kMaxChunks> chunks_{};
};

}  // namespace wasmc

#endif  // WASMC_RUNTIME_TYPE_REGISTRY_H_
