// Instance: a module instantiated in a store. Consumes a Module and resolved imports, produces
// the VMContext that compiled code runs against (memories, tables, globals, function refs,
// canonical type ids) plus the per-instance state of passive segments, and runs the Wasm 2.0
// instantiation steps (element and data segments, start function).
#ifndef WASMC_RUNTIME_INSTANCE_H_
#define WASMC_RUNTIME_INSTANCE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "ir/module_desc.h"
#include "ir/vm_layout.h"
#include "runtime/trap.h"
#include "util/result.h"
#include "wasmc.h"

namespace wasmc {

class LinearMemory;
class Module;
class Store;
class Table;
struct Global;

class Instance {
 public:
  // Instantiates `module` in `store` with `imports` (one per module import, already checked to
  // belong to `store`). On success writes the instance's handle index. A trap from a segment or
  // the start function is reported through `trap_out` with an Ok status; the partly
  // initialised instance stays in the store (its functions may already sit in imported tables).
  static Status Instantiate(Store* store, const Module* module, const wasmc_extern_t* imports,
                            size_t nimports, size_t* handle_out, std::unique_ptr<Trap>* trap_out);

  ~Instance();
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  static Instance* FromVMContext(void* vmctx) {
    return static_cast<Instance*>(static_cast<VMContext*>(vmctx)->instance);
  }

  Store* store() const { return store_; }
  const Module* module() const { return module_; }
  const ModuleDesc& desc() const;
  VMContext* vmctx() { return &ctx_; }

  LinearMemory* memory(uint32_t index) const { return memories_[index]; }
  Table* table(uint32_t index) const { return tables_[index]; }

  // The export `index` (module order) as a public extern.
  wasmc_extern_t ExportValue(size_t index) const;

  // Passive segments (table.init / memory.init); a dropped segment is empty.
  const std::vector<uint64_t>& elem_segment(uint32_t index) const { return elems_[index]; }
  void DropElem(uint32_t index) { elems_[index] = std::vector<uint64_t>(); }
  // The bytes of data segment `index`, or an empty range once dropped.
  const uint8_t* data_segment(uint32_t index, uint32_t* size_out) const;
  void DropData(uint32_t index) { data_dropped_[index] = true; }

 private:
  Instance(Store* store, const Module* module);

  Status LinkImports(const wasmc_extern_t* imports, size_t nimports);
  Status CreateFuncs();
  Status CreateMemories();
  Status CreateTables();
  Status CreateGlobals();
  void FillVMContext();
  ValRaw EvalConstExpr(const ConstExpr& expr) const;
  // Wasm 2.0 instantiation steps that can trap. Returns null on success.
  std::unique_ptr<Trap> InitElemSegments();
  std::unique_ptr<Trap> InitDataSegments();

  Store* store_;
  const Module* module_;  // holds a reference
  VMContext ctx_{};

  // Per index (imports first): pointers into store objects, and their handle indices.
  std::vector<VMFuncRef*> funcs_;
  std::vector<LinearMemory*> memories_;
  std::vector<VMMemoryDef*> memory_defs_;
  std::vector<Table*> tables_;
  std::vector<VMTableDef*> table_defs_;
  std::vector<Global*> globals_;
  std::vector<VMGlobal*> global_slots_;
  std::vector<size_t> func_handles_;
  std::vector<size_t> memory_handles_;
  std::vector<size_t> table_handles_;
  std::vector<size_t> global_handles_;
  std::unique_ptr<VMFuncRef[]> own_funcs_;  // the module's defined functions

  std::vector<std::vector<uint64_t>> elems_;  // resolved element segments
  std::vector<bool> data_dropped_;
};

}  // namespace wasmc

#endif  // WASMC_RUNTIME_INSTANCE_H_
