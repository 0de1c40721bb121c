// Numeric instructions: integer and float comparisons and arithmetic, sign extension.
// Consumes values from the value stack; produces MIR arithmetic with exact Wasm semantics:
// explicit division traps, masked rotates, NaN-propagating min/max with -0 < +0, bitwise
// abs/copysign, helper calls for rounding, sqrt and bit counts.
#include <cstdint>
#include <utility>

#include "mir_backend/translator.h"

namespace wasmc {
namespace {

struct SimpleOp {
  Opcode op;
  MIR_insn_code_t code;
  ValType result;
  bool unary;
};

// Operators that map to one MIR instruction.
constexpr SimpleOp kSimpleOps[] = {
    {Opcode::I32Eq, MIR_EQS, ValType::kI32, false},   {Opcode::I32Ne, MIR_NES, ValType::kI32, false},
    {Opcode::I32LtS, MIR_LTS, ValType::kI32, false},  {Opcode::I32LtU, MIR_ULTS, ValType::kI32, false},
    {Opcode::I32GtS, MIR_GTS, ValType::kI32, false},  {Opcode::I32GtU, MIR_UGTS, ValType::kI32, false},
    {Opcode::I32LeS, MIR_LES, ValType::kI32, false},  {Opcode::I32LeU, MIR_ULES, ValType::kI32, false},
    {Opcode::I32GeS, MIR_GES, ValType::kI32, false},  {Opcode::I32GeU, MIR_UGES, ValType::kI32, false},
    {Opcode::I64Eq, MIR_EQ, ValType::kI32, false},    {Opcode::I64Ne, MIR_NE, ValType::kI32, false},
    {Opcode::I64LtS, MIR_LT, ValType::kI32, false},   {Opcode::I64LtU, MIR_ULT, ValType::kI32, false},
    {Opcode::I64GtS, MIR_GT, ValType::kI32, false},   {Opcode::I64GtU, MIR_UGT, ValType::kI32, false},
    {Opcode::I64LeS, MIR_LE, ValType::kI32, false},   {Opcode::I64LeU, MIR_ULE, ValType::kI32, false},
    {Opcode::I64GeS, MIR_GE, ValType::kI32, false},   {Opcode::I64GeU, MIR_UGE, ValType::kI32, false},
    {Opcode::F32Eq, MIR_FEQ, ValType::kI32, false},   {Opcode::F32Ne, MIR_FNE, ValType::kI32, false},
    {Opcode::F32Lt, MIR_FLT, ValType::kI32, false},   {Opcode::F32Gt, MIR_FGT, ValType::kI32, false},
    {Opcode::F32Le, MIR_FLE, ValType::kI32, false},   {Opcode::F32Ge, MIR_FGE, ValType::kI32, false},
    {Opcode::F64Eq, MIR_DEQ, ValType::kI32, false},   {Opcode::F64Ne, MIR_DNE, ValType::kI32, false},
    {Opcode::F64Lt, MIR_DLT, ValType::kI32, false},   {Opcode::F64Gt, MIR_DGT, ValType::kI32, false},
    {Opcode::F64Le, MIR_DLE, ValType::kI32, false},   {Opcode::F64Ge, MIR_DGE, ValType::kI32, false},
    {Opcode::I32Add, MIR_ADDS, ValType::kI32, false}, {Opcode::I32Sub, MIR_SUBS, ValType::kI32, false},
    {Opcode::I32Mul, MIR_MULS, ValType::kI32, false}, {Opcode::I32And, MIR_ANDS, ValType::kI32, false},
    {Opcode::I32Or, MIR_ORS, ValType::kI32, false},   {Opcode::I32Xor, MIR_XORS, ValType::kI32, false},
    {Opcode::I64Add, MIR_ADD, ValType::kI64, false},  {Opcode::I64Sub, MIR_SUB, ValType::kI64, false},
    {Opcode::I64Mul, MIR_MUL, ValType::kI64, false},  {Opcode::I64And, MIR_AND, ValType::kI64, false},
    {Opcode::I64Or, MIR_OR, ValType::kI64, false},    {Opcode::I64Xor, MIR_XOR, ValType::kI64, false},
    {Opcode::F32Add, MIR_FADD, ValType::kF32, false}, {Opcode::F32Sub, MIR_FSUB, ValType::kF32, false},
    {Opcode::F32Mul, MIR_FMUL, ValType::kF32, false}, {Opcode::F32Div, MIR_FDIV, ValType::kF32, false},
    {Opcode::F64Add, MIR_DADD, ValType::kF64, false}, {Opcode::F64Sub, MIR_DSUB, ValType::kF64, false},
    {Opcode::F64Mul, MIR_DMUL, ValType::kF64, false}, {Opcode::F64Div, MIR_DDIV, ValType::kF64, false},
    {Opcode::F32Neg, MIR_FNEG, ValType::kF32, true},  {Opcode::F64Neg, MIR_DNEG, ValType::kF64, true},
    {Opcode::I32Extend8S, MIR_EXT8, ValType::kI32, true},
    {Opcode::I32Extend16S, MIR_EXT16, ValType::kI32, true},
    {Opcode::I64Extend8S, MIR_EXT8, ValType::kI64, true},
    {Opcode::I64Extend16S, MIR_EXT16, ValType::kI64, true},
    {Opcode::I64Extend32S, MIR_EXT32, ValType::kI64, true},
};

struct HelperOp {
  Opcode op;
  NumericHelper helper;
  ValType type;
};

constexpr HelperOp kHelperOps[] = {
    {Opcode::F32Ceil, NumericHelper::kF32Ceil, ValType::kF32},
    {Opcode::F32Floor, NumericHelper::kF32Floor, ValType::kF32},
    {Opcode::F32Trunc, NumericHelper::kF32Trunc, ValType::kF32},
    {Opcode::F32Nearest, NumericHelper::kF32Nearest, ValType::kF32},
    {Opcode::F32Sqrt, NumericHelper::kF32Sqrt, ValType::kF32},
    {Opcode::F64Ceil, NumericHelper::kF64Ceil, ValType::kF64},
    {Opcode::F64Floor, NumericHelper::kF64Floor, ValType::kF64},
    {Opcode::F64Trunc, NumericHelper::kF64Trunc, ValType::kF64},
    {Opcode::F64Nearest, NumericHelper::kF64Nearest, ValType::kF64},
    {Opcode::F64Sqrt, NumericHelper::kF64Sqrt, ValType::kF64},
    {Opcode::I32Clz, NumericHelper::kI32Clz, ValType::kI32},
    {Opcode::I32Ctz, NumericHelper::kI32Ctz, ValType::kI32},
    {Opcode::I32Popcnt, NumericHelper::kI32Popcnt, ValType::kI32},
    {Opcode::I64Clz, NumericHelper::kI64Clz, ValType::kI64},
    {Opcode::I64Ctz, NumericHelper::kI64Ctz, ValType::kI64},
    {Opcode::I64Popcnt, NumericHelper::kI64Popcnt, ValType::kI64},
};

constexpr uint64_t kF32Sign = 0x80000000u;
constexpr uint64_t kF64Sign = 0x8000000000000000u;

}  // namespace

Status Translator::EmitNumeric(const Instr& in) {
  for (const SimpleOp& s : kSimpleOps) {
    if (s.op != in.op) continue;
    if (s.code >= MIR_EQ && s.code <= MIR_LDGE) {
      EmitCompare(s.code);
    } else if (s.unary) {
      EmitUnary(s.code, s.result);
    } else {
      EmitBinary(s.code, s.result);
    }
    return Status();
  }
  for (const HelperOp& h : kHelperOps) {
    if (h.op == in.op) {
      EmitHelperUnary(h.helper, h.type);
      return Status();
    }
  }
  switch (in.op) {
    case Opcode::I32Eqz:
      if (!EmitEqzOfCompare()) {
        Push(Const(ValType::kI32, 0));
        EmitCompare(MIR_EQS);
      }
      break;
    case Opcode::I64Eqz: Push(Const(ValType::kI64, 0)); EmitCompare(MIR_EQ); break;
    case Opcode::I32Shl: EmitShift(MIR_LSHS, false); break;
    case Opcode::I32ShrS: EmitShift(MIR_RSHS, false); break;
    case Opcode::I32ShrU: EmitShift(MIR_URSHS, false); break;
    case Opcode::I64Shl: EmitShift(MIR_LSH, true); break;
    case Opcode::I64ShrS: EmitShift(MIR_RSH, true); break;
    case Opcode::I64ShrU: EmitShift(MIR_URSH, true); break;
    case Opcode::I32Rotl: EmitRotate(true, false); break;
    case Opcode::I32Rotr: EmitRotate(false, false); break;
    case Opcode::I64Rotl: EmitRotate(true, true); break;
    case Opcode::I64Rotr: EmitRotate(false, true); break;
    case Opcode::I32DivS: case Opcode::I32DivU: case Opcode::I32RemS: case Opcode::I32RemU:
    case Opcode::I64DivS: case Opcode::I64DivU: case Opcode::I64RemS: case Opcode::I64RemU:
      EmitDivRem(in.op);
      break;
    case Opcode::F32Abs: EmitFloatBits(false, ~kF32Sign & 0xffffffffu, false); break;
    case Opcode::F64Abs: EmitFloatBits(true, ~kF64Sign, false); break;
    case Opcode::F32Copysign: EmitFloatBits(false, ~kF32Sign & 0xffffffffu, true); break;
    case Opcode::F64Copysign: EmitFloatBits(true, ~kF64Sign, true); break;
    case Opcode::F32Min: EmitMinMax(true, false); break;
    case Opcode::F32Max: EmitMinMax(false, false); break;
    case Opcode::F64Min: EmitMinMax(true, true); break;
    case Opcode::F64Max: EmitMinMax(false, true); break;
    default: return EmitConversion(in);
  }
  return Status();
}

void Translator::EmitBinary(MIR_insn_code_t code, ValType result) {
  Value b = Pop();
  Value a = Pop();
  // An owned second operand of a commutative integer operation goes first, so that the result
  // can take its register (float operations keep their order: NaN payloads).
  if (b.kind == Kind::kTemp && b.owned && !(a.kind == Kind::kTemp && a.owned) &&
      IsCommutativeIntCode(code)) {
    std::swap(a, b);
  }
  // A constant first operand goes to a register (MIR wants at most one immediate per insn).
  MIR_op_t oa = a.kind == Kind::kConst ? R(RegOf(a)) : OpOf(a);
  Value t = ResultFor(a, result);
  Emit(code, {R(t.reg), oa, OpOf(b)});
  Push(t);
}

void Translator::EmitUnary(MIR_insn_code_t code, ValType result) {
  Value a = Pop();
  MIR_reg_t ar = RegOf(a);
  Value t = ResultFor(a, result);
  Emit(code, {R(t.reg), R(ar)});
  Push(t);
}

void Translator::EmitShift(MIR_insn_code_t code, bool is64) {
  // Wasm takes the count modulo the width; so do x86's shifts (MIR emits shl/sar/shr with cl).
  Value count = Pop();
  if (count.kind == Kind::kConst) count.bits &= is64 ? 63 : 31;
  Push(count);
  EmitBinary(code, is64 ? ValType::kI64 : ValType::kI32);
}

void Translator::EmitRotate(bool left, bool is64) {
  Value n = Pop();
  Value x = Pop();
  const ValType type = is64 ? ValType::kI64 : ValType::kI32;
  const MIR_insn_code_t shl = is64 ? MIR_LSH : MIR_LSHS;
  const MIR_insn_code_t shr = is64 ? MIR_URSH : MIR_URSHS;
  const uint32_t width = is64 ? 64 : 32;
  MIR_reg_t xr = RegOf(x);
  MIR_op_t first, second;
  if (n.kind == Kind::kConst) {
    uint32_t k = uint32_t(n.bits) & (width - 1);
    if (k == 0) {
      Push(x);
      return;
    }
    first = I(k);
    second = I(width - k);
  } else {
    // x rotl n == (x << n) | (x >>u -n), both counts taken modulo the width by the hardware.
    MIR_reg_t neg = NewReg(MIR_T_I64);
    Emit(is64 ? MIR_NEG : MIR_NEGS, {R(neg), R(n.reg)});
    first = R(n.reg);
    second = R(neg);
  }
  // The second shift first: the first may then write over x when x dies here.
  MIR_reg_t b = NewReg(MIR_T_I64);
  Emit(left ? shr : shl, {R(b), R(xr), second});
  Value t = ResultFor(x, type);
  Emit(left ? shl : shr, {R(t.reg), R(xr), first});
  Emit(is64 ? MIR_OR : MIR_ORS, {R(t.reg), R(t.reg), R(b)});
  Push(t);
}

void Translator::EmitDivRem(Opcode op) {
  const bool is64 = op >= Opcode::I64DivS;
  const bool is_signed = op == Opcode::I32DivS || op == Opcode::I32RemS ||
                         op == Opcode::I64DivS || op == Opcode::I64RemS;
  const bool is_rem = op == Opcode::I32RemS || op == Opcode::I32RemU ||
                      op == Opcode::I64RemS || op == Opcode::I64RemU;
  const ValType type = is64 ? ValType::kI64 : ValType::kI32;
  Value b = Pop();
  Value a = Pop();
  const int64_t b_value = is64 ? int64_t(b.bits) : int64_t(int32_t(uint32_t(b.bits)));
  const bool b_const = b.kind == Kind::kConst && b_value != 0;
  MIR_reg_t ar = RegOf(a);
  MIR_reg_t br = RegOf(b);
  if (!b_const) {  // "integer divide by zero"
    Emit(is64 ? MIR_BEQ : MIR_BEQS,
         {L(TrapLabel(uint32_t(TrapCode::kIntDivByZero))), R(br), I(0)});
  }
  const bool may_be_minus_one = is_signed && (!b_const || b_value == -1);
  Value t = NewTemp(type);
  MIR_insn_t done = nullptr;
  if (may_be_minus_one && is_rem) {
    done = NewLabel();
    // INT_MIN % -1 is 0 in Wasm but faults on x86: x % -1 == 0 for every x.
    Emit(MIR_MOV, {R(t.reg), I(0)});
    Emit(is64 ? MIR_BEQ : MIR_BEQS, {L(done), R(br), I(-1)});
  } else if (may_be_minus_one) {
    // INT_MIN / -1 overflows: "integer overflow".
    MIR_insn_t ok = NewLabel();
    Emit(is64 ? MIR_BNE : MIR_BNES, {L(ok), R(br), I(-1)});
    Emit(is64 ? MIR_BEQ : MIR_BEQS, {L(TrapLabel(uint32_t(TrapCode::kIntOverflow))), R(ar),
                                     I(is64 ? INT64_MIN : INT32_MIN)});
    PlaceLabel(ok);
  }
  MIR_insn_code_t code;
  if (is_rem) {
    code = is_signed ? (is64 ? MIR_MOD : MIR_MODS) : (is64 ? MIR_UMOD : MIR_UMODS);
  } else {
    code = is_signed ? (is64 ? MIR_DIV : MIR_DIVS) : (is64 ? MIR_UDIV : MIR_UDIVS);
  }
  Emit(code, {R(t.reg), R(ar), R(br)});
  if (done != nullptr) PlaceLabel(done);
  Push(t);
}

void Translator::EmitHelperUnary(NumericHelper h, ValType type) {
  Value x = Pop();
  Value t = NewTemp(type);
  size_t i = static_cast<size_t>(h);
  ops_.clear();
  ops_.push_back(MIR_new_ref_op(ctx_, items_.helpers.num_proto[i]));
  ops_.push_back(MIR_new_ref_op(ctx_, items_.helpers.num_import[i]));
  ops_.push_back(R(t.reg));
  ops_.push_back(R(RegOf(x)));
  EmitArr(MIR_CALL, &ops_);
  addr_cache_.clear();  // keep no address live across the call
  Push(t);
}

void Translator::EmitFloatBits(bool is64, uint64_t and_mask, bool copysign) {
  // abs and copysign are bit operations ("Floating-Point Operations": they never change the
  // payload of a NaN), so they run on the integer bits.
  Value sign_src;
  if (copysign) sign_src = Pop();
  Value x = Pop();
  MIR_insn_code_t and_code = is64 ? MIR_AND : MIR_ANDS;
  MIR_reg_t bits = BitsOf(x);
  Emit(and_code, {R(bits), R(bits), I(int64_t(and_mask))});
  if (copysign) {
    MIR_reg_t sign = BitsOf(sign_src);
    Emit(and_code, {R(sign), R(sign), I(int64_t(~and_mask))});
    Emit(is64 ? MIR_OR : MIR_ORS, {R(bits), R(bits), R(sign)});
  }
  Value t = NewTemp(is64 ? ValType::kF64 : ValType::kF32);
  t.reg = FloatOfBits(bits, is64);
  Push(t);
}

void Translator::EmitMinMax(bool is_min, bool is64) {
  // fmin/fmax: NaN if either operand is NaN; -0 is smaller than +0.
  Value b = Pop();
  Value a = Pop();
  MIR_reg_t ar = RegOf(a);
  MIR_reg_t br = RegOf(b);
  Value t = NewTemp(is64 ? ValType::kF64 : ValType::kF32);
  const MIR_insn_code_t mov = is64 ? MIR_DMOV : MIR_FMOV;
  const MIR_insn_code_t blt = is64 ? MIR_DBLT : MIR_FBLT;
  const MIR_insn_code_t bgt = is64 ? MIR_DBGT : MIR_FBGT;
  const MIR_insn_code_t add = is64 ? MIR_DADD : MIR_FADD;
  const MIR_op_t zero = is64 ? D(0.0) : F(0.0f);
  MIR_insn_t done = NewLabel();
  MIR_insn_t take_b = NewLabel();
  MIR_insn_t equal = NewLabel();
  Emit(mov, {R(t.reg), R(ar)});
  Emit(is_min ? blt : bgt, {L(done), R(ar), R(br)});
  Emit(is_min ? bgt : blt, {L(take_b), R(ar), R(br)});
  Emit(is64 ? MIR_DBEQ : MIR_FBEQ, {L(equal), R(ar), R(br)});
  Emit(add, {R(t.reg), R(ar), R(br)});  // unordered: a NaN operand propagates
  Emit(MIR_JMP, {L(done)});
  PlaceLabel(take_b);
  Emit(mov, {R(t.reg), R(br)});
  Emit(MIR_JMP, {L(done)});
  PlaceLabel(equal);
  Emit(is64 ? MIR_DBNE : MIR_FBNE, {L(done), R(ar), zero});
  // Equal zeros: max(a, b) = a + b and min(a, b) = -((-a) - b) pick the right sign.
  if (is_min) {
    MIR_reg_t n = NewReg(is64 ? MIR_T_D : MIR_T_F);
    Emit(is64 ? MIR_DNEG : MIR_FNEG, {R(n), R(ar)});
    Emit(is64 ? MIR_DSUB : MIR_FSUB, {R(n), R(n), R(br)});
    Emit(is64 ? MIR_DNEG : MIR_FNEG, {R(t.reg), R(n)});
  } else {
    Emit(add, {R(t.reg), R(ar), R(br)});
  }
  PlaceLabel(done);
  Push(t);
}

}  // namespace wasmc
