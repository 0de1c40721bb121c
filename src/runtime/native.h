// Native host functions: consumes a Wasm function type, a C function pointer and flags, produces
// a host function (func.h) whose array-call callback calls the C function through libffi with
// the C types wasmc.h specifies (i32 -> int32_t, ..., multi-value results through out-pointers).
// The ffi_cif is prepared once, at creation.
#ifndef WASMC_RUNTIME_NATIVE_H_
#define WASMC_RUNTIME_NATIVE_H_

#include <cstddef>
#include <cstdint>

#include "ir/types.h"
#include "util/result.h"

namespace wasmc {

class Store;

// Flags (the public WASMC_NATIVE_* values).
constexpr uint32_t kNativeEnv = 1;
constexpr uint32_t kNativeCaller = 2;
constexpr size_t kNativeMaxArgs = 32;

// Errors: kMisuse (unknown flags, too many C arguments), kUnsupported (v128), kInternal (libffi
// refused the signature). The finalizer belongs to the store only on success.
Status NewNativeFunc(Store* store, const FuncType& type, void (*fn)(void), uint32_t flags,
                     void* env, void (*finalizer)(void*), size_t* handle_out);

}  // namespace wasmc

#endif  // WASMC_RUNTIME_NATIVE_H_
