// Conversions between public typed values and raw slots / table words (see val.h).
#include "runtime/val.h"

#include <cstring>

#include "runtime/extern_type.h"
#include "runtime/store.h"

namespace wasmc {

namespace {

Status Misuse(const char* message) { return Status::Error(ErrorKind::kMisuse, message); }

}  // namespace

Status ValToRef(const Store& store, ValType type, const wasmc_val_t& val, uint64_t* out) {
  if (val.kind != ValKindOf(type)) return Misuse("value kind does not match the expected type");
  if (type == ValType::kFuncRef) {
    if (val.of.funcref.store_id == 0) {
      *out = 0;
      return Status::Ok();
    }
    if (val.of.funcref.store_id != store.id()) return Misuse("funcref from another store");
    VMFuncRef* ref = store.func(val.of.funcref.index);
    if (!ref) return Misuse("invalid funcref handle");
    *out = reinterpret_cast<uintptr_t>(ref);
    return Status::Ok();
  }
  if (val.of.externref.store_id == 0) {
    *out = 0;
    return Status::Ok();
  }
  if (val.of.externref.store_id != store.id()) return Misuse("externref from another store");
  if (!store.externref(val.of.externref.index)) return Misuse("invalid externref handle");
  *out = Store::ExternRefRaw(val.of.externref.index);
  return Status::Ok();
}

wasmc_val_t RefToVal(const Store& store, ValType type, uint64_t ref) {
  wasmc_val_t out;
  std::memset(&out, 0, sizeof out);
  out.kind = ValKindOf(type);
  size_t index;
  if (type == ValType::kFuncRef) {
    if (store.FuncHandle(reinterpret_cast<const VMFuncRef*>(static_cast<uintptr_t>(ref)),
                         &index)) {
      out.of.funcref = {store.id(), index};
    }
  } else if (store.ExternRefIndex(ref, &index)) {
    out.of.externref = {store.id(), index};
  }
  return out;
}

Status ValToRaw(const Store& store, ValType type, const wasmc_val_t& val, ValRaw* out) {
  std::memset(out, 0, sizeof *out);
  if (val.kind != ValKindOf(type)) return Misuse("value kind does not match the expected type");
  switch (type) {
    case ValType::kI32: out->i32 = val.of.i32; break;
    case ValType::kI64: out->i64 = val.of.i64; break;
    case ValType::kF32: std::memcpy(&out->f32_bits, &val.of.f32, 4); break;
    case ValType::kF64: std::memcpy(&out->f64_bits, &val.of.f64, 8); break;
    case ValType::kV128: std::memcpy(out->v128, val.of.v128, 16); break;
    case ValType::kFuncRef:
    case ValType::kExternRef: {
      uint64_t word;
      WASMC_TRY(ValToRef(store, type, val, &word));
      out->externref = word;
      break;
    }
    case ValType::kUnknown: return Misuse("unknown value type");
  }
  return Status::Ok();
}

wasmc_val_t RawToVal(const Store& store, ValType type, const ValRaw& raw) {
  wasmc_val_t out;
  std::memset(&out, 0, sizeof out);
  out.kind = ValKindOf(type);
  switch (type) {
    case ValType::kI32: out.of.i32 = raw.i32; break;
    case ValType::kI64: out.of.i64 = raw.i64; break;
    case ValType::kF32: std::memcpy(&out.of.f32, &raw.f32_bits, 4); break;
    case ValType::kF64: std::memcpy(&out.of.f64, &raw.f64_bits, 8); break;
    case ValType::kV128: std::memcpy(out.of.v128, raw.v128, 16); break;
    case ValType::kFuncRef: return RefToVal(store, type, reinterpret_cast<uintptr_t>(raw.funcref));
    case ValType::kExternRef: return RefToVal(store, type, raw.externref);
    case ValType::kUnknown: break;
  }
  return out;
}

}  // namespace wasmc
