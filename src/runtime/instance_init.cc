// Instance initialisation steps of Wasm 2.0 "Instantiation" that evaluate constant
// expressions or may trap: element segments (active ones run as `table.init` + `elem.drop`,
// declarative ones are dropped), then data segments (`memory.init` + `data.drop`). Writes done
// before a failing segment stay visible, as the spec requires.
#include <cstring>

#include "runtime/instance.h"
#include "runtime/memory.h"
#include "runtime/module.h"
#include "runtime/table.h"

namespace wasmc {

ValRaw Instance::EvalConstExpr(const ConstExpr& expr) const {
  ValRaw v;
  std::memset(&v, 0, sizeof v);
  // Wasm 2.0 constant expressions are a single instruction; the validator guarantees that
  // indices are in range and that `global.get` names an already initialised global.
  for (const ConstOp& op : expr.ops) {
    std::memset(&v, 0, sizeof v);
    switch (op.kind) {
      case ConstOp::kI32Const: v.i32 = static_cast<int32_t>(op.bits); break;
      case ConstOp::kI64Const: v.i64 = static_cast<int64_t>(op.bits); break;
      case ConstOp::kF32Const: v.f32_bits = static_cast<uint32_t>(op.bits); break;
      case ConstOp::kF64Const: v.f64_bits = op.bits; break;
      case ConstOp::kV128Const: std::memcpy(v.v128, op.v128.data(), 16); break;
      case ConstOp::kRefNull: break;
      case ConstOp::kRefFunc: v.funcref = funcs_[op.index]; break;
      case ConstOp::kGlobalGet: std::memcpy(&v, &global_slots_[op.index]->value, sizeof v); break;
    }
  }
  return v;
}

const uint8_t* Instance::data_segment(uint32_t index, uint32_t* size_out) const {
  const DataSegment& seg = desc().datas[index];
  if (data_dropped_[index]) {
    *size_out = 0;
    return nullptr;
  }
  *size_out = seg.bytes_size;
  return desc().bytes.data() + seg.bytes_offset;
}

std::unique_ptr<Trap> Instance::InitElemSegments() {
  const ModuleDesc& m = desc();
  for (size_t i = 0; i < m.elems.size(); ++i) {
    const ElemSegment& seg = m.elems[i];
    if (seg.mode == SegmentMode::kDeclarative) continue;
    std::vector<uint64_t> items;
    items.reserve(seg.items.size());
    for (const ConstExpr& e : seg.items) {
      ValRaw v = EvalConstExpr(e);
      items.push_back(seg.type == ValType::kFuncRef ? reinterpret_cast<uintptr_t>(v.funcref)
                                                     : v.externref);
    }
    if (seg.mode == SegmentMode::kPassive) {
      elems_[i] = std::move(items);
      continue;
    }
    uint32_t offset = static_cast<uint32_t>(EvalConstExpr(seg.offset).i32);
    Table* table = tables_[seg.table_index];
    if (!table->InBounds(offset, items.size())) {
      return MakeTrap(static_cast<uint32_t>(TrapCode::kTableOutOfBounds), kUnknownFuncIndex, "");
    }
    if (!items.empty()) {
      std::memcpy(table->elements() + offset, items.data(), items.size() * sizeof(uint64_t));
    }
  }
  return nullptr;
}

std::unique_ptr<Trap> Instance::InitDataSegments() {
  const ModuleDesc& m = desc();
  for (size_t i = 0; i < m.datas.size(); ++i) {
    const DataSegment& seg = m.datas[i];
    if (seg.mode != SegmentMode::kActive) continue;
    uint64_t offset = static_cast<uint32_t>(EvalConstExpr(seg.offset).i32);
    LinearMemory* mem = memories_[seg.memory_index];
    uint64_t len = mem->byte_length();
    if (offset > len || seg.bytes_size > len - offset) {
      return MakeTrap(static_cast<uint32_t>(TrapCode::kMemoryOutOfBounds), kUnknownFuncIndex,
                      "");
    }
    if (seg.bytes_size != 0) {
      std::memcpy(mem->base() + offset, m.bytes.data() + seg.bytes_offset, seg.bytes_size);
    }
    data_dropped_[i] = true;
  }
  return nullptr;
}

}  // namespace wasmc
