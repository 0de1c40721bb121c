// Names of Wasm value types, for error messages and reflection.
#include "ir/types.h"

namespace wasmc {

const char* ValTypeName(ValType t) {
  switch (t) {
    case ValType::kI32: return "i32";
    case ValType::kI64: return "i64";
    case ValType::kF32: return "f32";
    case ValType::kF64: return "f64";
    case ValType::kV128: return "v128";
    case ValType::kFuncRef: return "funcref";
    case ValType::kExternRef: return "externref";
    case ValType::kUnknown: break;
  }
  return "unknown";
}

}  // namespace wasmc
