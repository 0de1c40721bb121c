// The C side of the ABI: definitions of the opaque public structs that are not runtime objects
// themselves (errors, configs), conversions between opaque pointers / handles and runtime
// objects, and Status -> wasmc_error_t. Included only by src/abi/*.cc.
#ifndef WASMC_ABI_HANDLES_H_
#define WASMC_ABI_HANDLES_H_

#include <cstdint>
#include <string>

#include "runtime/engine.h"
#include "runtime/extern_type.h"
#include "runtime/func.h"
#include "runtime/module.h"
#include "runtime/store.h"
#include "runtime/trap.h"
#include "util/result.h"
#include "wasmc.h"

// Every shim is `extern "C"` and, where the compiler allows it, `noexcept` (the library is built
// with -fno-exceptions, so nothing can throw either way). The public declarations carry no
// `noexcept` (headertest freezes their C++ types); GCC accepts and enforces `noexcept` on the
// definitions, Clang rejects the mismatch, so it is spelled only for GCC.
#if defined(__clang__)
#define WASMC_SHIM_NOEXCEPT
#else
#define WASMC_SHIM_NOEXCEPT noexcept
#endif

struct wasmc_error {
  wasmc_error_code_t code;
  std::string message;
  uint64_t offset;  // wasmc::kNoOffset when absent
};

struct wasmc_config {
  wasmc::EngineConfig config;
};

namespace wasmc {

class Instance;

namespace abi {

// Engines, modules and stores are the runtime objects themselves behind opaque pointers.
inline Engine* Unwrap(wasmc_engine_t* e) { return reinterpret_cast<Engine*>(e); }
inline wasmc_engine_t* Wrap(Engine* e) { return reinterpret_cast<wasmc_engine_t*>(e); }
inline const Module* Unwrap(const wasmc_module_t* m) { return reinterpret_cast<const Module*>(m); }
inline wasmc_module_t* Wrap(Module* m) { return reinterpret_cast<wasmc_module_t*>(m); }
inline wasmc_module_t* Wrap(const Module* m) {
  return reinterpret_cast<wasmc_module_t*>(const_cast<Module*>(m));
}
inline Store* Unwrap(wasmc_store_t* s) { return reinterpret_cast<Store*>(s); }
inline wasmc_store_t* Wrap(Store* s) { return reinterpret_cast<wasmc_store_t*>(s); }
inline const Trap* Unwrap(const wasmc_trap_t* t) { return reinterpret_cast<const Trap*>(t); }

// A new error, or NULL for an Ok status.
wasmc_error_t* ToError(const Status& status);
wasmc_error_t* NewError(ErrorKind kind, const char* message);
inline wasmc_error_t* Misuse(const char* message) { return NewError(ErrorKind::kMisuse, message); }

// Hands a trap to the caller's `trap_out` (deleted if `trap_out` is NULL).
void ReturnTrap(std::unique_ptr<Trap> trap, wasmc_trap_t** trap_out);

// Handle resolution: NULL when the handle pointer is NULL, from another store or out of range.
inline VMFuncRef* FuncOf(Store* s, const wasmc_func_t* h) {
  return h && h->store_id == s->id() ? s->func(h->index) : nullptr;
}
inline LinearMemory* MemoryOf(Store* s, const wasmc_memory_t* h) {
  return h && h->store_id == s->id() ? s->memory(h->index) : nullptr;
}
inline Table* TableOf(Store* s, const wasmc_table_t* h) {
  return h && h->store_id == s->id() ? s->table(h->index) : nullptr;
}
inline Global* GlobalOf(Store* s, const wasmc_global_t* h) {
  return h && h->store_id == s->id() ? s->global(h->index) : nullptr;
}
inline Instance* InstanceOf(Store* s, const wasmc_instance_t* h) {
  return h && h->store_id == s->id() ? s->instance(h->index) : nullptr;
}

// The export `name` of `inst` (abi/instance.cc); false if there is none.
bool FindExport(Instance* inst, const char* name, size_t name_len, wasmc_extern_t* out);

}  // namespace abi
}  // namespace wasmc

#endif  // WASMC_ABI_HANDLES_H_
