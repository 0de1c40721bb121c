// Module-level validation (spec "Validation of Modules", Wasm 2.0): consumes a ModuleDesc and
// produces the first kInvalid Status. Each Check* function covers one component of the module;
// constant expressions are type-checked with a small operand stack.
#include "validator/module_validator.h"

#include <algorithm>
#include <utility>
#include <string>
#include <vector>

namespace wasmc {

namespace {

Status Fail(std::string msg, uint64_t offset = kNoOffset) {
  return Invalid(std::move(msg), offset);
}

// The reference interpreter's "unknown <space> <index>" messages.
Status UnknownIndex(const char* space, uint32_t index, uint64_t offset = kNoOffset) {
  return Fail(std::string("unknown ") + space + " " + std::to_string(index), offset);
}

Status CheckTypeIndex(const ModuleDesc& m, uint32_t type_index) {
  if (type_index >= m.types.size()) return UnknownIndex("type", type_index);
  return Status::Ok();
}

// "Limits": min and max within `range`, and min <= max.
Status CheckLimits(const Limits& limits, uint64_t range, const char* range_msg) {
  if (limits.min > range) return Fail(range_msg);
  if (limits.has_max) {
    if (limits.max > range) return Fail(range_msg);
    if (limits.min > limits.max) return Fail("size minimum must not be greater than maximum");
  }
  return Status::Ok();
}

// The type a constant instruction pushes ("Constant Expressions"). Wasm 2.0 lets `global.get`
// name only imported, immutable globals, in every constant expression of the module.
Status ConstOpType(const ModuleDesc& m, const ConstOp& op, uint64_t at, ValType* type) {
  switch (op.kind) {
    case ConstOp::kI32Const: *type = ValType::kI32; break;
    case ConstOp::kI64Const: *type = ValType::kI64; break;
    case ConstOp::kF32Const: *type = ValType::kF32; break;
    case ConstOp::kF64Const: *type = ValType::kF64; break;
    case ConstOp::kV128Const: *type = ValType::kV128; break;
    case ConstOp::kRefNull: *type = op.ref_type; break;
    case ConstOp::kRefFunc:
      if (op.index >= m.funcs.size()) return UnknownIndex("function", op.index, at);
      *type = ValType::kFuncRef;
      break;
    case ConstOp::kGlobalGet: {
      if (op.index >= m.num_imported_globals) return UnknownIndex("global", op.index, at);
      const GlobalType& g = m.globals[op.index].type;
      if (g.mut) return Fail("constant expression required", at);
      *type = g.type;
      break;
    }
  }
  return Status::Ok();
}

// Runs the expression on a type stack; it must leave exactly one value of type `expected`.
Status CheckConstExpr(const ModuleDesc& m, const ConstExpr& e, ValType expected) {
  size_t depth = 0;
  ValType top = ValType::kUnknown;
  for (const ConstOp& op : e.ops) {
    WASMC_TRY(ConstOpType(m, op, e.offset, &top));
    ++depth;
  }
  if (depth != 1 || top != expected) return Fail("type mismatch", e.offset);
  return Status::Ok();
}

Status CheckFuncs(const ModuleDesc& m) {
  for (uint32_t type_index : m.funcs) WASMC_TRY(CheckTypeIndex(m, type_index));
  return Status::Ok();
}

Status CheckTablesAndMemories(const ModuleDesc& m) {
  for (const TableType& t : m.tables) {
    WASMC_TRY(CheckLimits(t.limits, kMaxTableElems, "table size must be at most 2^32-1"));
  }
  for (const MemoryType& mem : m.memories) {
    WASMC_TRY(CheckLimits(mem.limits, kMaxPages,
                          "memory size must be at most 65536 pages (4GiB)"));
  }
  if (m.memories.size() > 1) return Fail("multiple memories");
  return Status::Ok();
}

Status CheckGlobals(const ModuleDesc& m) {
  for (size_t i = m.num_imported_globals; i < m.globals.size(); ++i) {
    const GlobalDesc& g = m.globals[i];
    WASMC_TRY(CheckConstExpr(m, g.init, g.type.type));
  }
  return Status::Ok();
}

Status CheckElems(const ModuleDesc& m) {
  for (const ElemSegment& seg : m.elems) {
    if (seg.mode == SegmentMode::kActive) {
      if (seg.table_index >= m.tables.size()) {
        return UnknownIndex("table", seg.table_index, seg.offset.offset);
      }
      WASMC_TRY(CheckConstExpr(m, seg.offset, ValType::kI32));
      if (m.tables[seg.table_index].elem != seg.type) {
        return Fail("type mismatch", seg.offset.offset);
      }
    }
    for (const ConstExpr& item : seg.items) WASMC_TRY(CheckConstExpr(m, item, seg.type));
  }
  return Status::Ok();
}

Status CheckDatas(const ModuleDesc& m) {
  for (const DataSegment& seg : m.datas) {
    if (seg.mode != SegmentMode::kActive) continue;
    if (seg.memory_index >= m.memories.size()) {
      return UnknownIndex("memory", seg.memory_index, seg.offset.offset);
    }
    WASMC_TRY(CheckConstExpr(m, seg.offset, ValType::kI32));
  }
  return Status::Ok();
}

Status CheckStart(const ModuleDesc& m) {
  if (!m.has_start) return Status::Ok();
  if (m.start >= m.funcs.size()) return UnknownIndex("function", m.start);
  const FuncType& type = m.FuncTypeOf(m.start);
  if (!type.params.empty() || !type.results.empty()) return Fail("start function");
  return Status::Ok();
}

Status CheckExportIndex(const ModuleDesc& m, const Export& e) {
  switch (e.kind) {
    case ExternKind::kFunc:
      if (e.index >= m.funcs.size()) return UnknownIndex("function", e.index);
      break;
    case ExternKind::kTable:
      if (e.index >= m.tables.size()) return UnknownIndex("table", e.index);
      break;
    case ExternKind::kMemory:
      if (e.index >= m.memories.size()) return UnknownIndex("memory", e.index);
      break;
    case ExternKind::kGlobal:
      if (e.index >= m.globals.size()) return UnknownIndex("global", e.index);
      break;
  }
  return Status::Ok();
}

Status CheckExports(const ModuleDesc& m) {
  std::vector<const std::string*> names;
  names.reserve(m.exports.size());
  for (const Export& e : m.exports) {
    WASMC_TRY(CheckExportIndex(m, e));
    names.push_back(&e.name);
  }
  std::sort(names.begin(), names.end(),
            [](const std::string* a, const std::string* b) { return *a < *b; });
  for (size_t i = 1; i < names.size(); ++i) {
    if (*names[i] == *names[i - 1]) return Fail("duplicate export name");
  }
  return Status::Ok();
}

// Gives an error without an offset of its own the offset of the section it is about.
Status AtSection(const ModuleDesc& m, uint8_t section_id, Status st) {
  if (st.ok() || st.offset() != kNoOffset) return st;
  uint64_t offset = m.section_offsets[section_id];
  if (offset == UINT64_MAX) return st;
  return Status::Error(st.kind(), st.message(), offset);
}

// Imported functions' type indices are declared in the import section (2), the others in the
// function section (3).
Status CheckFuncsAt(const ModuleDesc& m) {
  Status st = CheckFuncs(m);
  if (st.ok()) return st;
  bool in_imports = false;
  for (uint32_t i = 0; i < m.num_imported_funcs; ++i) {
    if (m.funcs[i] >= m.types.size()) in_imports = true;
  }
  return AtSection(m, in_imports ? 2 : 3, std::move(st));
}

}  // namespace

Status ValidateModule(const ModuleDesc& m) {
  WASMC_TRY(CheckFuncsAt(m));
  WASMC_TRY(AtSection(m, m.memories.size() > m.num_imported_memories ? 5 : 4,
                      CheckTablesAndMemories(m)));
  WASMC_TRY(AtSection(m, 6, CheckGlobals(m)));
  WASMC_TRY(AtSection(m, 9, CheckElems(m)));
  WASMC_TRY(AtSection(m, 11, CheckDatas(m)));
  WASMC_TRY(AtSection(m, 8, CheckStart(m)));
  WASMC_TRY(AtSection(m, 7, CheckExports(m)));
  return Status::Ok();
}

}  // namespace wasmc
