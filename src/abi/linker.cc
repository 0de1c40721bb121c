// C API shims for wasmc_linker_t: definitions by (module, name), lookup and name-based
// instantiation (runtime/linker.h). A linker belongs to an engine; each definition remembers
// the store its extern belongs to.
#include "runtime/linker.h"

#include <string_view>
#include <vector>

#include "abi/handles.h"
#include "runtime/instance.h"

using namespace wasmc;  // NOLINT: shims only

struct wasmc_linker {
  wasmc::Linker linker;
  explicit wasmc_linker(Engine* engine) : linker(engine) {}
};

namespace {

// True if `item` is a live extern of `s`.
bool ValidExtern(Store* s, const wasmc_extern_t& item) {
  switch (item.kind) {
    case WASMC_EXTERN_FUNC:
      return abi::FuncOf(s, &item.of.func) != nullptr;
    case WASMC_EXTERN_TABLE:
      return abi::TableOf(s, &item.of.table) != nullptr;
    case WASMC_EXTERN_MEMORY:
      return abi::MemoryOf(s, &item.of.memory) != nullptr;
    case WASMC_EXTERN_GLOBAL:
      return abi::GlobalOf(s, &item.of.global) != nullptr;
    default:
      return false;
  }
}

bool BadName(const char* p, size_t len) { return p == nullptr && len != 0; }

std::string_view View(const char* p, size_t len) {
  return len == 0 ? std::string_view() : std::string_view(p, len);
}

}  // namespace

extern "C" {

wasmc_error_t* wasmc_linker_new(wasmc_engine_t* engine,
                                wasmc_linker_t** linker_out) WASMC_SHIM_NOEXCEPT {
  if (!engine || !linker_out) return abi::Misuse("engine or linker_out is NULL");
  *linker_out = new wasmc_linker(abi::Unwrap(engine));
  return nullptr;
}

void wasmc_linker_delete(wasmc_linker_t* linker) WASMC_SHIM_NOEXCEPT { delete linker; }

void wasmc_linker_allow_shadowing(wasmc_linker_t* linker, bool allow) WASMC_SHIM_NOEXCEPT {
  if (linker) linker->linker.set_allow_shadowing(allow);
}

wasmc_error_t* wasmc_linker_define(wasmc_linker_t* linker, wasmc_store_t* store, const char* module,
                                   size_t module_len, const char* name, size_t name_len,
                                   const wasmc_extern_t* item) WASMC_SHIM_NOEXCEPT {
  if (!linker || !store || !item || BadName(module, module_len) || BadName(name, name_len)) {
    return abi::Misuse("linker, store, item or a name is NULL");
  }
  Store* s = abi::Unwrap(store);
  if (!ValidExtern(s, *item)) return abi::Misuse("invalid extern or extern of another store");
  std::vector<Linker::Item> items{{std::string(View(name, name_len)), *item}};
  return abi::ToError(linker->linker.Define(s->id(), View(module, module_len), items));
}

wasmc_error_t* wasmc_linker_define_func(wasmc_linker_t* linker, wasmc_store_t* store,
                                        const char* module, size_t module_len, const char* name,
                                        size_t name_len, const wasmc_functype_t* type,
                                        wasmc_func_callback_t callback, void* env,
                                        void (*finalizer)(void*)) WASMC_SHIM_NOEXCEPT {
  if (!linker || !store || !type || !callback || BadName(module, module_len) ||
      BadName(name, name_len)) {
    return abi::Misuse("linker, store, type, callback or a name is NULL");
  }
  Store* s = abi::Unwrap(store);
  // Check the name first, so that a refused definition creates no function.
  std::string_view mod = View(module, module_len);
  std::vector<Linker::Item> items{{std::string(View(name, name_len)), wasmc_extern_t{}}};
  if (!linker->linker.CanDefine(mod, items[0].name)) {
    return abi::ToError(linker->linker.Define(s->id(), mod, items));  // the shadowing error
  }
  size_t handle;
  Status status = NewHostFunc(s, type->type, callback, env, finalizer, &handle);
  if (!status.ok()) return abi::ToError(status);
  items[0].value.kind = WASMC_EXTERN_FUNC;
  items[0].value.of.func = wasmc_func_t{s->id(), handle};
  return abi::ToError(linker->linker.Define(s->id(), mod, items));
}

wasmc_error_t* wasmc_linker_define_instance(wasmc_linker_t* linker, wasmc_store_t* store,
                                            const char* name, size_t name_len,
                                            const wasmc_instance_t* instance) WASMC_SHIM_NOEXCEPT {
  if (!linker || !store || !instance || BadName(name, name_len)) {
    return abi::Misuse("linker, store, instance or name is NULL");
  }
  Store* s = abi::Unwrap(store);
  Instance* inst = abi::InstanceOf(s, instance);
  if (!inst) return abi::Misuse("invalid or foreign instance handle");
  const std::vector<Export>& exports = inst->desc().exports;
  std::vector<Linker::Item> items;
  items.reserve(exports.size());
  for (size_t i = 0; i < exports.size(); ++i) {
    items.push_back(Linker::Item{exports[i].name, inst->ExportValue(i)});
  }
  return abi::ToError(linker->linker.Define(s->id(), View(name, name_len), items));
}

bool wasmc_linker_get(const wasmc_linker_t* linker, wasmc_store_t* store, const char* module,
                      size_t module_len, const char* name, size_t name_len,
                      wasmc_extern_t* out) WASMC_SHIM_NOEXCEPT {
  if (!linker || !store || !out || BadName(module, module_len) || BadName(name, name_len)) {
    return false;
  }
  const wasmc_extern_t* found =
      linker->linker.Find(abi::Unwrap(store)->id(), View(module, module_len), View(name, name_len));
  if (!found) return false;
  *out = *found;
  return true;
}

wasmc_error_t* wasmc_linker_instantiate(const wasmc_linker_t* linker, wasmc_store_t* store,
                                        const wasmc_module_t* module,
                                        wasmc_instance_t* instance_out,
                                        wasmc_trap_t** trap_out) WASMC_SHIM_NOEXCEPT {
  if (trap_out) *trap_out = nullptr;
  if (!linker || !store || !module || !instance_out) {
    return abi::Misuse("linker, store, module or instance_out is NULL");
  }
  Store* s = abi::Unwrap(store);
  const Module* m = abi::Unwrap(module);
  if (m->engine() != s->engine() || linker->linker.engine() != s->engine()) {
    return abi::Misuse("linker, module and store use different engines");
  }
  std::vector<wasmc_extern_t> imports;
  Status status = linker->linker.Resolve(s->id(), *m, &imports);
  if (!status.ok()) return abi::ToError(status);
  return wasmc_instance_new(store, module, imports.data(), imports.size(), instance_out, trap_out);
}

}  // extern "C"
