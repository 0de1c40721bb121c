// Native host functions through libffi (see native.h). The host function's env is a NativeFunc
// holding the prepared ffi_cif; CallNative maps the array-call slots to C arguments.
#include "runtime/native.h"

#include <ffi.h>

#include <cstring>
#include <memory>

#include "runtime/func.h"
#include "util/checks.h"

namespace wasmc {
namespace {

struct NativeFunc {
  ffi_cif cif;
  ffi_type* arg_types[kNativeMaxArgs];
  void (*fn)(void);
  uint32_t flags;
  uint32_t nparams;
  uint32_t nresults;
  ValType result_type;  // when nresults == 1
  void* user_env;
  void (*user_finalizer)(void*);
};

ffi_type* FfiTypeOf(ValType type) {
  switch (type) {
    case ValType::kI32:
      return &ffi_type_sint32;
    case ValType::kI64:
      return &ffi_type_sint64;
    case ValType::kF32:
      return &ffi_type_float;
    case ValType::kF64:
      return &ffi_type_double;
    case ValType::kFuncRef:
      return &ffi_type_pointer;
    case ValType::kExternRef:
      return &ffi_type_uint64;
    default:
      return nullptr;
  }
}

void DestroyNative(void* env) {
  auto* nf = static_cast<NativeFunc*>(env);
  if (nf->user_finalizer) nf->user_finalizer(nf->user_env);
  delete nf;
}

// The single result, as libffi returned it, into a raw slot.
void StoreResult(ValType type, const uint64_t* ret, ValRaw* out) {
  *out = ValRaw{};
  switch (type) {
    case ValType::kI32:  // libffi widens integral results narrower than a word to ffi_arg
      out->i32 = static_cast<int32_t>(static_cast<ffi_sarg>(ret[0]));
      break;
    case ValType::kF32:
      std::memcpy(&out->f32, ret, sizeof(float));
      break;
    default:
      std::memcpy(out, ret, sizeof(uint64_t));
      break;  // i64, f64, funcref, externref
  }
}

// The array-call callback of every native function. No allocation: everything on the stack.
wasmc_trap_t* CallNative(void* env, wasmc_caller_t* caller, wasmc_val_raw_t* args_and_results,
                         size_t /*capacity*/) {
  auto* nf = static_cast<NativeFunc*>(env);
  auto* values = reinterpret_cast<ValRaw*>(args_and_results);
  void* argv[kNativeMaxArgs];
  ValRaw results[kNativeMaxArgs];
  void* result_ptrs[kNativeMaxArgs];
  size_t k = 0;
  if (nf->flags & kNativeEnv) argv[k++] = &nf->user_env;
  if (nf->flags & kNativeCaller) argv[k++] = &caller;
  for (uint32_t i = 0; i < nf->nparams; ++i) argv[k++] = &values[i];  // low bytes, little-endian
  if (nf->nresults > 1) {
    for (uint32_t i = 0; i < nf->nresults; ++i) {
      results[i] = ValRaw{};
      result_ptrs[i] = &results[i];
      argv[k++] = &result_ptrs[i];
    }
  }
  alignas(16) uint64_t ret[2] = {0, 0};  // >= sizeof(ffi_arg), holds any scalar result
  ffi_call(&nf->cif, nf->fn, ret, argv);
  if (nf->nresults == 1) {
    StoreResult(nf->result_type, ret, &values[0]);
  } else if (nf->nresults > 1) {
    std::memcpy(values, results, nf->nresults * sizeof(ValRaw));
  }
  return nullptr;  // a trap set with wasmc_caller_set_trap is raised by the host-call path
}

Status PrepareCif(const FuncType& type, NativeFunc* nf) {
  size_t k = 0;
  if (nf->flags & kNativeEnv) nf->arg_types[k++] = &ffi_type_pointer;
  if (nf->flags & kNativeCaller) nf->arg_types[k++] = &ffi_type_pointer;
  for (ValType t : type.params) nf->arg_types[k++] = FfiTypeOf(t);
  ffi_type* rtype = &ffi_type_void;
  if (type.results.size() == 1) {
    rtype = FfiTypeOf(type.results[0]);
  } else {
    for (size_t i = 0; i < type.results.size(); ++i) nf->arg_types[k++] = &ffi_type_pointer;
  }
  if (ffi_prep_cif(&nf->cif, FFI_DEFAULT_ABI, static_cast<unsigned>(k), rtype, nf->arg_types) !=
      FFI_OK) {
    return Status::Error(ErrorKind::kInternal, "libffi cannot prepare the call interface");
  }
  return Status::Ok();
}

}  // namespace

Status NewNativeFunc(Store* store, const FuncType& type, void (*fn)(void), uint32_t flags,
                     void* env, void (*finalizer)(void*), size_t* handle_out) {
  if ((flags & ~(kNativeEnv | kNativeCaller)) != 0) {
    return Status::Error(ErrorKind::kMisuse, "unknown native function flags");
  }
  for (const std::vector<ValType>* kinds : {&type.params, &type.results}) {
    for (ValType t : *kinds) {
      if (FfiTypeOf(t) == nullptr) {
        return Status::Error(ErrorKind::kUnsupported, "native functions do not support v128");
      }
    }
  }
  size_t nargs = ((flags & kNativeEnv) ? 1 : 0) + ((flags & kNativeCaller) ? 1 : 0) +
                 type.params.size() + (type.results.size() > 1 ? type.results.size() : 0);
  if (nargs > kNativeMaxArgs) {
    return Status::Error(ErrorKind::kMisuse, "native function has more than 32 C parameters");
  }
  auto nf = std::make_unique<NativeFunc>();
  nf->fn = fn;
  nf->flags = flags;
  nf->nparams = static_cast<uint32_t>(type.params.size());
  nf->nresults = static_cast<uint32_t>(type.results.size());
  nf->result_type = type.results.size() == 1 ? type.results[0] : ValType::kUnknown;
  nf->user_env = env;
  nf->user_finalizer = finalizer;
  WASMC_TRY(PrepareCif(type, nf.get()));
  // From here the host function owns `nf` and frees it (and runs the user's finalizer) when
  // the store dies.
  Status status = NewHostFunc(store, type, &CallNative, nf.get(), &DestroyNative, handle_out);
  if (status.ok()) nf.release();
  return status;
}

}  // namespace wasmc
