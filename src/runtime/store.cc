// Store: ownership of runtime objects, handle tables and teardown order (see store.h).
#include "runtime/store.h"

#include <atomic>

#include "mir_backend/compiler.h"
#include "runtime/engine.h"
#include "runtime/func.h"
#include "runtime/instance.h"
#include "runtime/module.h"

namespace wasmc {

namespace {

std::atomic<uint64_t> next_store_id{1};

template <typename T>
T* At(const std::vector<std::unique_ptr<T>>& v, size_t index) {
  return index < v.size() ? v[index].get() : nullptr;
}

}  // namespace

Store::Store(Engine* engine)
    : id_(next_store_id.fetch_add(1, std::memory_order_relaxed)), engine_(engine) {
  engine_->Ref();
  limits_.epoch_ptr = engine_->epoch_ptr();
  limits_.epoch_deadline = UINT64_MAX;  // no deadline until the embedder sets one
}

Store::~Store() {
  // Instances first (they reference modules and point into the objects below), then the
  // objects compiled code reads, then everything that has a finalizer, in creation order.
  instances_.clear();
  tables_.clear();
  globals_.clear();
  memories_.clear();
  host_funcs_.clear();
  for (const ExternRefEntry& e : externrefs_) {
    if (e.finalizer) e.finalizer(e.data);
  }
  externrefs_.clear();
  engine_->Unref();
}

InvokeOptions Store::invoke_options() {
  InvokeOptions options;
  options.limits = &limits_;
  options.max_wasm_stack = engine_->config().max_wasm_stack;
  options.symbolize = &Store::Symbolize;
  options.symbolize_env = this;
  return options;
}

void Store::Symbolize(void* env, uintptr_t pc, void* vmctx, uint32_t* func_index,
                      std::string* name) {
  auto* store = static_cast<Store*>(env);
  const Module* module = nullptr;
  if (vmctx) {
    module = Instance::FromVMContext(vmctx)->module();
  } else {
    for (const auto& inst : store->instances_) {
      uint32_t index;
      if (inst->module()->compiled().FuncIndexForPc(pc, &index)) {
        module = inst->module();
        *func_index = index;
        break;
      }
    }
  }
  if (!module || *func_index == kUnknownFuncIndex) return;
  const std::vector<std::string>& names = module->desc().func_names;
  if (*func_index < names.size()) *name = names[*func_index];
}

size_t Store::AddInstance(std::unique_ptr<Instance> instance) {
  instances_.push_back(std::move(instance));
  return instances_.size() - 1;
}

size_t Store::AddMemory(std::unique_ptr<LinearMemory> memory) {
  memories_.push_back(std::move(memory));
  return memories_.size() - 1;
}

size_t Store::AddTable(std::unique_ptr<Table> table) {
  tables_.push_back(std::move(table));
  return tables_.size() - 1;
}

size_t Store::AddGlobal(std::unique_ptr<Global> global) {
  globals_.push_back(std::move(global));
  return globals_.size() - 1;
}

size_t Store::AddHostFunc(std::unique_ptr<HostFunc> func) {
  VMFuncRef* ref = &func->ref;
  host_funcs_.push_back(std::move(func));
  return AddFuncRef(ref);
}

size_t Store::AddFuncRef(VMFuncRef* ref) {
  funcs_.push_back(ref);
  func_handles_.emplace(ref, funcs_.size() - 1);
  return funcs_.size() - 1;
}

size_t Store::AddExternRef(void* data, void (*finalizer)(void*)) {
  externrefs_.push_back(ExternRefEntry{data, finalizer});
  return externrefs_.size() - 1;
}

Instance* Store::instance(size_t index) const { return At(instances_, index); }
LinearMemory* Store::memory(size_t index) const { return At(memories_, index); }
Table* Store::table(size_t index) const { return At(tables_, index); }
Global* Store::global(size_t index) const { return At(globals_, index); }

VMFuncRef* Store::func(size_t index) const {
  return index < funcs_.size() ? funcs_[index] : nullptr;
}

const ExternRefEntry* Store::externref(size_t index) const {
  return index < externrefs_.size() ? &externrefs_[index] : nullptr;
}

bool Store::FuncHandle(const VMFuncRef* ref, size_t* index_out) const {
  auto it = func_handles_.find(ref);
  if (it == func_handles_.end()) return false;
  *index_out = it->second;
  return true;
}

bool Store::ExternRefIndex(uint64_t raw, size_t* index_out) const {
  if (raw == 0 || raw > externrefs_.size()) return false;
  *index_out = static_cast<size_t>(raw - 1);
  return true;
}

}  // namespace wasmc
