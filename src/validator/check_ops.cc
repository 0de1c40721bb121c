// BodyChecker, typing half 2: parametric, variable, reference, table, memory and SIMD-immediate
// instructions (spec "Instructions" validation rules). Consumes a decoded `Instr` and the module's
// index spaces; produces the stack effect or an error naming the unknown index.
#include "validator/body_checker.h"
#include "validator/opcodes.h"

namespace wasmc {
namespace {

bool IsNumOrVec(ValType t) {
  return IsNumType(t) || t == ValType::kV128 || t == ValType::kUnknown;
}

}  // namespace

// Untyped `select` only takes numeric or vector operands, both of the same type.
bool BodyChecker::CheckSelect() {
  ValType t1, t2;
  if (!Pop(ValType::kI32) || !PopAny(&t1) || !PopAny(&t2)) return false;
  if (!IsNumOrVec(t1) || !IsNumOrVec(t2)) return TypeMismatch();
  if (t1 != t2 && t1 != ValType::kUnknown && t2 != ValType::kUnknown) return TypeMismatch();
  ValType t = t1 == ValType::kUnknown ? t2 : t1;
  instr_.type = t;
  vals_.push_back(t);
  return true;
}

bool BodyChecker::CheckSelectT() {
  ValType t = instr_.type;
  if (!Pop(ValType::kI32) || !Pop(t) || !Pop(t)) return false;
  vals_.push_back(t);
  return true;
}

bool BodyChecker::CheckGlobal(Opcode op) {
  if (instr_.index >= module_.globals.size()) return FailIndex("unknown global", instr_.index);
  const GlobalType& g = module_.globals[instr_.index].type;
  if (op == Opcode::GlobalGet) {
    vals_.push_back(g.type);
    return true;
  }
  if (!g.mut) return FailInvalid("global is immutable");
  return Pop(g.type);
}

bool BodyChecker::CheckRef(Opcode op) {
  if (op == Opcode::RefNull) {
    vals_.push_back(instr_.type);
    return true;
  }
  if (op == Opcode::RefIsNull) {
    ValType t;
    if (!PopAny(&t)) return false;
    if (!IsRefType(t) && t != ValType::kUnknown) return TypeMismatch();
    vals_.push_back(ValType::kI32);
    return true;
  }
  // ref.func x: x must be declared outside function bodies ("C.refs").
  uint32_t f = instr_.index;
  if (f >= module_.funcs.size()) return FailIndex("unknown function", f);
  if (f >= module_.declared_funcs.size() || !module_.declared_funcs[f]) {
    return FailInvalid("undeclared function reference");
  }
  vals_.push_back(ValType::kFuncRef);
  return true;
}

bool BodyChecker::CheckTable(uint32_t index, ValType* elem) {
  if (index >= module_.tables.size()) return FailIndex("unknown table", index);
  *elem = module_.tables[index].elem;
  return true;
}

bool BodyChecker::CheckTableAccess(Opcode op) {
  ValType t = ValType::kUnknown;
  if (!CheckTable(instr_.index, &t)) return false;
  switch (op) {
    case Opcode::TableGet:
      if (!Pop(ValType::kI32)) return false;
      vals_.push_back(t);
      return true;
    case Opcode::TableSet:
      return Pop(t) && Pop(ValType::kI32);
    case Opcode::TableGrow:
      if (!Pop(ValType::kI32) || !Pop(t)) return false;
      vals_.push_back(ValType::kI32);
      return true;
    case Opcode::TableSize:
      vals_.push_back(ValType::kI32);
      return true;
    default:  // table.fill: [i32 t i32] -> []
      return Pop(ValType::kI32) && Pop(t) && Pop(ValType::kI32);
  }
}

// table.init x y (encoded elem index first): the segment's type must match the table's.
bool BodyChecker::CheckTableInit() {
  if (instr_.index >= module_.elems.size()) return FailIndex("unknown elem segment", instr_.index);
  ValType t = ValType::kUnknown;
  if (!CheckTable(instr_.index2, &t)) return false;
  if (module_.elems[instr_.index].type != t) return TypeMismatch();
  return Pop(ValType::kI32) && Pop(ValType::kI32) && Pop(ValType::kI32);
}

bool BodyChecker::CheckElemDrop() {
  if (instr_.index >= module_.elems.size()) return FailIndex("unknown elem segment", instr_.index);
  return true;
}

bool BodyChecker::CheckTableCopy() {
  ValType dst = ValType::kUnknown, src = ValType::kUnknown;
  if (!CheckTable(instr_.index, &dst) || !CheckTable(instr_.index2, &src)) return false;
  if (dst != src) return TypeMismatch();
  return Pop(ValType::kI32) && Pop(ValType::kI32) && Pop(ValType::kI32);
}

// memory.init and data.drop need the data count section: it is a binary-format rule (the code
// section precedes the data section), hence malformed rather than invalid. As in the reference
// interpreter (and memory_init.wast), a module without any data segment gets the validation
// error "unknown data segment" instead.
bool BodyChecker::RequireDataCount() {
  if (module_.has_data_count || module_.datas.empty()) return true;
  return Fail(ErrorKind::kMalformed, "data count section required", instr_.offset);
}

uint32_t BodyChecker::NumDataSegments() const {
  return module_.has_data_count ? module_.data_count : uint32_t(module_.datas.size());
}

bool BodyChecker::CheckDataIndex(uint32_t index) {
  if (index >= NumDataSegments()) return FailIndex("unknown data segment", index);
  return true;
}

bool BodyChecker::CheckBulkMemory(Opcode op) {
  switch (op) {
    case Opcode::MemoryInit:
      if (!RequireDataCount() || !CheckMemory() || !CheckDataIndex(instr_.index)) return false;
      break;
    case Opcode::DataDrop:
      return RequireDataCount() && CheckDataIndex(instr_.index);
    default:  // memory.copy, memory.fill
      if (!CheckMemory()) return false;
      break;
  }
  return Pop(ValType::kI32) && Pop(ValType::kI32) && Pop(ValType::kI32);
}

bool BodyChecker::CheckLane(Opcode op) {
  if (instr_.lane >= LaneCount(op)) return FailInvalid("invalid lane index");
  return true;
}

// i8x16.shuffle picks from the 32 lanes of its two operands.
bool BodyChecker::CheckShuffle() {
  for (uint8_t lane : instr_.v128) {
    if (lane >= 32) return FailInvalid("invalid lane index");
  }
  return true;
}

}  // namespace wasmc
