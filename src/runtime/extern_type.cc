// Conversions between internal types and the public kinds and extern types of wasmc.h.
#include "runtime/extern_type.h"

namespace wasmc {

wasmc_valkind_t ValKindOf(ValType type) {
  switch (type) {
    case ValType::kI32: return WASMC_I32;
    case ValType::kI64: return WASMC_I64;
    case ValType::kF32: return WASMC_F32;
    case ValType::kF64: return WASMC_F64;
    case ValType::kV128: return WASMC_V128;
    case ValType::kFuncRef: return WASMC_FUNCREF;
    case ValType::kExternRef: return WASMC_EXTERNREF;
    case ValType::kUnknown: break;
  }
  return WASMC_I32;
}

bool ValTypeOfKind(wasmc_valkind_t kind, ValType* out) {
  switch (kind) {
    case WASMC_I32: *out = ValType::kI32; return true;
    case WASMC_I64: *out = ValType::kI64; return true;
    case WASMC_F32: *out = ValType::kF32; return true;
    case WASMC_F64: *out = ValType::kF64; return true;
    case WASMC_V128: *out = ValType::kV128; return true;
    case WASMC_FUNCREF: *out = ValType::kFuncRef; return true;
    case WASMC_EXTERNREF: *out = ValType::kExternRef; return true;
    default: return false;
  }
}

wasmc_functype_t* NewFuncTypeObject(const FuncType& type) {
  auto* obj = new wasmc_functype;
  obj->type = type;
  for (ValType t : type.params) obj->params.push_back(ValKindOf(t));
  for (ValType t : type.results) obj->results.push_back(ValKindOf(t));
  return obj;
}

namespace {

wasmc_limits_t PublicLimits(const Limits& limits) {
  wasmc_limits_t out{};
  out.min = limits.min;
  out.max = limits.max;
  out.has_max = limits.has_max;
  return out;
}

}  // namespace

wasmc_externtype_t MakeExternType(const ModuleDesc& module, ExternKind kind, uint32_t index,
                                  const Import* import, const wasmc_functype_t* functype) {
  wasmc_externtype_t out{};
  out.kind = static_cast<wasmc_externkind_t>(kind);
  switch (kind) {
    case ExternKind::kFunc:
      out.func = functype;
      break;
    case ExternKind::kTable: {
      const TableType& t = import ? import->table : module.tables[index];
      out.table_elem = ValKindOf(t.elem);
      out.limits = PublicLimits(t.limits);
      break;
    }
    case ExternKind::kMemory: {
      const MemoryType& m = import ? import->memory : module.memories[index];
      out.limits = PublicLimits(m.limits);
      break;
    }
    case ExternKind::kGlobal: {
      const GlobalType& g = import ? import->global : module.globals[index].type;
      out.global_kind = ValKindOf(g.type);
      out.global_mutable = g.mut;
      break;
    }
  }
  return out;
}

}  // namespace wasmc
