// Functions: creating host functions and calling any function of a store from the host, raw
// or typed (see func.h). Calls into Wasm go through InvokeWasm (call.h); host functions called
// from the host run their callback directly.
#include "runtime/func.h"

#include <algorithm>
#include <vector>

#include "runtime/call.h"
#include "runtime/engine.h"
#include "runtime/store.h"
#include "runtime/val.h"

namespace wasmc {

Status NewHostFunc(Store* store, const FuncType& type, wasmc_func_callback_t callback, void* env,
                   void (*finalizer)(void*), size_t* handle_out) {
  Engine* engine = store->engine();
  WASMC_ASSIGN_OR_RETURN(void* exit, engine->ExitTrampoline(type));
  auto func = std::make_unique<HostFunc>();
  func->ref.wasm_call = exit;
  func->ref.vmctx = func.get();
  func->ref.type_id = engine->types().Intern(type);
  func->ref.flags = kFuncRefHost;
  func->ref.array_entry = nullptr;
  func->store = store;
  func->callback = callback;
  func->env = env;
  func->finalizer = finalizer;
  func->capacity = std::max(type.params.size(), type.results.size());
  *handle_out = store->AddHostFunc(std::move(func));
  return Status::Ok();
}

const FuncType& FuncTypeOf(Store* store, const VMFuncRef* ref) {
  return store->engine()->types().Lookup(ref->type_id);
}

Trap* HostCallTrap(wasmc_caller_t* caller, wasmc_trap_t* returned, bool to_wasm) {
  Trap* pending = caller->pending_trap;
  caller->pending_trap = nullptr;
  if (returned != nullptr) {
    delete pending;
    return FromPublicTrap(returned);
  }
  if (pending != nullptr) return pending;
  if (to_wasm && caller->store->borrows().count() != 0) {
    return MakeHostTrap("host function returned with outstanding memory borrows").release();
  }
  return nullptr;
}

Status CallFuncRaw(Store* store, const VMFuncRef* ref, ValRaw* values,
                   std::unique_ptr<Trap>* trap_out) {
  if (store->borrows().count() != 0) {
    return Status::Error(ErrorKind::kBorrowed, "memory is borrowed: cannot call into the store");
  }
  if (ref->flags & kFuncRefHost) {
    auto* host = static_cast<HostFunc*>(ref->vmctx);
    wasmc_caller caller{store, nullptr, nullptr};
    wasmc_trap_t* trap = host->callback(host->env, &caller,
                                        reinterpret_cast<wasmc_val_raw_t*>(values), host->capacity);
    if (trap != nullptr || caller.pending_trap != nullptr) {
      trap_out->reset(HostCallTrap(&caller, trap, /*to_wasm=*/false));
    }
    return Status::Ok();
  }
  return InvokeWasm(reinterpret_cast<EntryFn>(ref->array_entry), ref->wasm_call, ref->vmctx,
                    ref->vmctx, values, store->invoke_options(), trap_out);
}

Status CallFuncTyped(Store* store, const VMFuncRef* ref, const wasmc_val_t* args, size_t nargs,
                     wasmc_val_t* results, size_t nresults, std::unique_ptr<Trap>* trap_out) {
  const FuncType& type = FuncTypeOf(store, ref);
  if (nargs != type.params.size()) {
    return Status::Error(ErrorKind::kMisuse, "wrong number of arguments");
  }
  if (nresults != type.results.size()) {
    return Status::Error(ErrorKind::kMisuse, "wrong number of results");
  }
  // No allocation for the common case: up to kInlineSlots values live on the stack.
  constexpr size_t kInlineSlots = 16;
  ValRaw inline_values[kInlineSlots];
  std::vector<ValRaw> heap_values;
  size_t slots = std::max<size_t>({nargs, nresults, 1});
  ValRaw* values = inline_values;
  if (slots > kInlineSlots) {
    heap_values.resize(slots);
    values = heap_values.data();
  }
  for (size_t i = 0; i < nargs; ++i) {
    WASMC_TRY(ValToRaw(*store, type.params[i], args[i], &values[i]));
  }
  WASMC_TRY(CallFuncRaw(store, ref, values, trap_out));
  if (*trap_out) return Status::Ok();
  for (size_t i = 0; i < nresults; ++i) results[i] = RawToVal(*store, type.results[i], values[i]);
  return Status::Ok();
}

}  // namespace wasmc
