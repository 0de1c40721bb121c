// Module: a decoded, validated and compiled Wasm module. Consumes module bytes (through the
// decoder, validator and MIR backend) and produces an immutable, reference-counted object that
// any number of stores and threads instantiate: ModuleDesc, compiled code, canonical type ids
// and the import/export reflection of wasmc.h.
#ifndef WASMC_RUNTIME_MODULE_H_
#define WASMC_RUNTIME_MODULE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "ir/module_desc.h"
#include "runtime/extern_type.h"
#include "util/result.h"

namespace wasmc {

class CompiledModule;
class Engine;

class Module {
 public:
  // Decode + validate + compile. The result holds one reference and a reference on `engine`.
  static Result<Module*> Create(Engine* engine, const uint8_t* bytes, size_t len);
  // Decode + validate (bodies included) without compiling.
  static Status Validate(const uint8_t* bytes, size_t len);

  void Ref() const { refs_.fetch_add(1, std::memory_order_relaxed); }
  void Unref() const;

  Engine* engine() const { return engine_; }
  const ModuleDesc& desc() const { return desc_; }
  const CompiledModule& compiled() const { return *compiled_; }
  // Canonical type id of each module type index.
  const std::vector<uint32_t>& type_ids() const { return type_ids_; }

  size_t import_count() const { return import_types_.size(); }
  size_t export_count() const { return export_types_.size(); }
  const wasmc_externtype_t& import_type(size_t i) const { return import_types_[i]; }
  const wasmc_externtype_t& export_type(size_t i) const { return export_types_[i]; }

 private:
  Module(Engine* engine, ModuleDesc desc);
  ~Module();
  void BuildReflection();
  const wasmc_functype_t* FuncTypeObject(uint32_t type_index);

  mutable std::atomic<uint32_t> refs_{1};
  Engine* engine_;
  ModuleDesc desc_;
  std::unique_ptr<CompiledModule> compiled_;
  std::vector<uint32_t> type_ids_;
  // One public functype per module type index, created on demand for the reflection.
  std::vector<wasmc_functype_t*> functypes_;
  std::vector<wasmc_externtype_t> import_types_;
  std::vector<wasmc_externtype_t> export_types_;
};

}  // namespace wasmc

#endif  // WASMC_RUNTIME_MODULE_H_
