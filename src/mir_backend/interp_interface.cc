// SetInterpInterface: see interp_interface.h. The handler reads the arguments from the va_list
// the shim builds (as MIR's own `interp` in mir-interp.c does), runs the function in the
// interpreter and widens the results to the shim's 16-byte slots. It keeps no C++ object with a
// destructor on its frame: a trap longjmps through it (runtime/call.h).
#include "mir_backend/interp_interface.h"

#include <cstdarg>
#include <cstdint>
#include <cstring>

namespace wasmc {
namespace {

// MIR_val_t as the interpreter (built with -mlong-double-64) lays it out.
using InterpSlot = uint64_t;
// The slot size the x86-64 shim reads results from.
constexpr size_t kShimSlot = 16;

void Handler(MIR_context_t ctx, MIR_item_t func_item, va_list va, void* shim_results) {
  MIR_func_t func = func_item->u.func;
  const size_t nargs = func->nargs;
  const size_t nres = func->nres;
  const MIR_var_t* vars = VARR_ADDR(MIR_var_t, func->vars);
  InterpSlot* args = static_cast<InterpSlot*>(__builtin_alloca((nargs + 1) * sizeof(InterpSlot)));
  InterpSlot* results =
      static_cast<InterpSlot*>(__builtin_alloca((nres + 1) * sizeof(InterpSlot)));
  for (size_t i = 0; i < nargs; ++i) {
    args[i] = 0;
    switch (vars[i].type) {
      case MIR_T_I32: args[i] = uint64_t(int64_t(va_arg(va, int32_t))); break;
      case MIR_T_U32: args[i] = va_arg(va, uint32_t); break;
      case MIR_T_F: {
        // Passed in an XMM register; the shim saved the whole register, va_arg reads 8 bytes
        // and the float is the low half (as in mir-interp.c).
        double d = va_arg(va, double);
        std::memcpy(&args[i], &d, sizeof(float));
        break;
      }
      case MIR_T_D: {
        double d = va_arg(va, double);
        std::memcpy(&args[i], &d, sizeof d);
        break;
      }
      default: args[i] = va_arg(va, uint64_t); break;  // I64, U64, P: all wasmc passes
    }
  }
  MIR_interp_arr(ctx, func_item, reinterpret_cast<MIR_val_t*>(results), nargs,
                 reinterpret_cast<MIR_val_t*>(args));
  uint8_t* out = static_cast<uint8_t*>(shim_results);
  for (size_t i = 0; i < nres; ++i) std::memcpy(out + i * kShimSlot, &results[i], sizeof(InterpSlot));
}

}  // namespace

void SetInterpInterface(MIR_context_t ctx, MIR_item_t item) {
  if (item == nullptr) return;
  _MIR_redirect_thunk(ctx, item->addr,
                      _MIR_get_interp_shim(ctx, item, reinterpret_cast<void*>(&Handler)));
}

}  // namespace wasmc
