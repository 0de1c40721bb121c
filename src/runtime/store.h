// Store: the single-threaded owner of every runtime object (instances, functions, memories,
// tables, globals, externrefs) and of the VMRuntimeLimits compiled code reads. Hands out the
// {store id, index} handles of wasmc.h and resolves them back, rejecting foreign handles.
#ifndef WASMC_RUNTIME_STORE_H_
#define WASMC_RUNTIME_STORE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/vm_layout.h"
#include "runtime/borrow.h"
#include "runtime/call.h"
#include "runtime/global.h"
#include "runtime/limits.h"
#include "runtime/memory.h"
#include "runtime/table.h"
#include "util/result.h"

namespace wasmc {

class Engine;
class Instance;
struct HostFunc;

struct ExternRefEntry {
  void* data;
  void (*finalizer)(void*);
};

class Store {
 public:
  explicit Store(Engine* engine);  // takes a reference on `engine`
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Never 0, never reused in this process.
  uint64_t id() const { return id_; }
  Engine* engine() const { return engine_; }
  VMRuntimeLimits* limits() { return &limits_; }
  // Outstanding guest memory borrows; Wasm code of the store runs only while there are none.
  BorrowSet& borrows() { return borrows_; }
  // Fuel, epoch callback and resource limits (runtime/limits.h).
  StoreLimiter& limiter() { return limiter_; }
  // Options for InvokeWasm: this store's limits, the engine's stack size, the symbolizer.
  InvokeOptions invoke_options();

  // Each Add* takes ownership and returns the new handle index.
  size_t AddInstance(std::unique_ptr<Instance> instance);
  size_t AddMemory(std::unique_ptr<LinearMemory> memory);
  size_t AddTable(std::unique_ptr<Table> table);
  size_t AddGlobal(std::unique_ptr<Global> global);
  size_t AddHostFunc(std::unique_ptr<HostFunc> func);
  // Registers a function that lives elsewhere in the store (an instance's own function).
  size_t AddFuncRef(VMFuncRef* ref);
  size_t AddExternRef(void* data, void (*finalizer)(void*));

  // Handle lookups: NULL (or false) for an index out of range.
  Instance* instance(size_t index) const;
  LinearMemory* memory(size_t index) const;
  Table* table(size_t index) const;
  Global* global(size_t index) const;
  VMFuncRef* func(size_t index) const;
  const ExternRefEntry* externref(size_t index) const;

  // The handle of a function of this store; false if `ref` is not one.
  bool FuncHandle(const VMFuncRef* ref, size_t* index_out) const;

  // Externref raw words are the store index + 1 (0 is null).
  static uint64_t ExternRefRaw(size_t index) { return uint64_t{index} + 1; }
  bool ExternRefIndex(uint64_t raw, size_t* index_out) const;

 private:
  static void Symbolize(void* env, uintptr_t pc, void* vmctx, uint32_t* func_index,
                        std::string* name);

  uint64_t id_;
  Engine* engine_;
  VMRuntimeLimits limits_{};
  BorrowSet borrows_;
  StoreLimiter limiter_;
  std::vector<std::unique_ptr<Instance>> instances_;
  std::vector<std::unique_ptr<LinearMemory>> memories_;
  std::vector<std::unique_ptr<Table>> tables_;
  std::vector<std::unique_ptr<Global>> globals_;
  std::vector<std::unique_ptr<HostFunc>> host_funcs_;
  std::vector<VMFuncRef*> funcs_;  // handle index -> function
  std::unordered_map<const VMFuncRef*, size_t> func_handles_;
  std::vector<ExternRefEntry> externrefs_;
};

}  // namespace wasmc

#endif  // WASMC_RUNTIME_STORE_H_
