// clang_mir_compat.h: force-included into src/mir_backend when the fuzzers are built with clang.
// src/mir_backend/context.cc passes a function that is not declared [[noreturn]] to
// MIR_set_error_func, whose parameter type is a noreturn function pointer; GCC accepts the
// conversion, clang 14 rejects it ("no matching function for call to 'MIR_set_error_func'").
// Reported by the fuzzing work; until context.cc is fixed, this wrapper casts the pointer.
// Remove it (and its use in fuzz/CMakeLists.txt) once wasmc builds with clang on its own.
#ifndef WASMC_FUZZ_CLANG_MIR_COMPAT_H_
#define WASMC_FUZZ_CLANG_MIR_COMPAT_H_
#include "mir.h"
#define MIR_set_error_func(ctx, fn) (MIR_set_error_func)((ctx), (MIR_error_func_t)(fn))
#endif
