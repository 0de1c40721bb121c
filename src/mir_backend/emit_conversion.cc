// Conversion instructions: wrap/extend, int<->float conversions, trapping and saturating
// truncation, demote/promote and reinterpret. Consumes values; produces MIR conversions plus
// the range checks MIR leaves out (its F2I/D2I are x86 cvtt, which never trap).
#include <cstring>

#include "mir_backend/translator.h"

namespace wasmc {
namespace {

constexpr double kTwo63 = 9223372036854775808.0;

// Valid inputs of a trapping truncation lie in (lo, hi), or [lo, hi) when lo_inclusive
// ("Conversions": trunc is defined when the truncated value is representable).
struct TruncRange {
  double lo;
  bool lo_inclusive;
  double hi;
};

TruncRange RangeFor(bool is64_dst, bool is_signed, bool from64) {
  if (!is64_dst && is_signed) {
    return from64 ? TruncRange{-2147483649.0, false, 2147483648.0}
                  : TruncRange{-2147483648.0, true, 2147483648.0};
  }
  if (!is64_dst) return TruncRange{-1.0, false, 4294967296.0};
  if (is_signed) return TruncRange{-kTwo63, true, kTwo63};
  return TruncRange{-1.0, false, 18446744073709551616.0};
}

}  // namespace

Status Translator::EmitConversion(const Instr& in) {
  switch (in.op) {
    case Opcode::I32WrapI64: {
      Value v = Pop();
      v.type = ValType::kI32;  // the low half is the result; the upper half is don't-care
      v.bits &= 0xffffffffu;
      v.zext = false;
      Push(v);
      break;
    }
    case Opcode::I64ExtendI32S: EmitUnary(MIR_EXT32, ValType::kI64); break;
    case Opcode::I64ExtendI32U: {
      Value v = Pop();
      Value t;
      t.type = ValType::kI64;
      t.reg = ZextReg(v);
      Push(t);
      break;
    }
    case Opcode::I32TruncF32S: EmitTruncTrapping(false, true, false); break;
    case Opcode::I32TruncF32U: EmitTruncTrapping(false, false, false); break;
    case Opcode::I32TruncF64S: EmitTruncTrapping(false, true, true); break;
    case Opcode::I32TruncF64U: EmitTruncTrapping(false, false, true); break;
    case Opcode::I64TruncF32S: EmitTruncTrapping(true, true, false); break;
    case Opcode::I64TruncF32U: EmitTruncTrapping(true, false, false); break;
    case Opcode::I64TruncF64S: EmitTruncTrapping(true, true, true); break;
    case Opcode::I64TruncF64U: EmitTruncTrapping(true, false, true); break;
    case Opcode::I32TruncSatF32S: EmitTruncSat(false, true, false); break;
    case Opcode::I32TruncSatF32U: EmitTruncSat(false, false, false); break;
    case Opcode::I32TruncSatF64S: EmitTruncSat(false, true, true); break;
    case Opcode::I32TruncSatF64U: EmitTruncSat(false, false, true); break;
    case Opcode::I64TruncSatF32S: EmitTruncSat(true, true, false); break;
    case Opcode::I64TruncSatF32U: EmitTruncSat(true, false, false); break;
    case Opcode::I64TruncSatF64S: EmitTruncSat(true, true, true); break;
    case Opcode::I64TruncSatF64U: EmitTruncSat(true, false, true); break;
    case Opcode::F32ConvertI32S: EmitConvert(MIR_I2F, ValType::kF32, true); break;
    case Opcode::F32ConvertI32U: EmitConvert(MIR_I2F, ValType::kF32, false); break;
    case Opcode::F32ConvertI64S: EmitUnary(MIR_I2F, ValType::kF32); break;
    case Opcode::F32ConvertI64U: EmitConvertU64(false); break;
    case Opcode::F64ConvertI32S: EmitConvert(MIR_I2D, ValType::kF64, true); break;
    case Opcode::F64ConvertI32U: EmitConvert(MIR_I2D, ValType::kF64, false); break;
    case Opcode::F64ConvertI64S: EmitUnary(MIR_I2D, ValType::kF64); break;
    case Opcode::F64ConvertI64U: EmitConvertU64(true); break;
    case Opcode::F32DemoteF64: EmitUnary(MIR_D2F, ValType::kF32); break;
    case Opcode::F64PromoteF32: EmitUnary(MIR_F2D, ValType::kF64); break;
    case Opcode::I32ReinterpretF32: EmitReinterpret(ValType::kI32); break;
    case Opcode::I64ReinterpretF64: EmitReinterpret(ValType::kI64); break;
    case Opcode::F32ReinterpretI32: EmitReinterpret(ValType::kF32); break;
    case Opcode::F64ReinterpretI64: EmitReinterpret(ValType::kF64); break;
    default:
      return Status::Error(ErrorKind::kInternal,
                           std::string("mir_backend: no lowering for ") + OpcodeName(in.op));
  }
  return Status();
}

MIR_reg_t Translator::BitsOf(const Value& v) {
  const bool is64 = v.type == ValType::kF64;
  MIR_reg_t r = NewReg(MIR_T_I64);
  if (v.kind == Kind::kConst) {
    Emit(MIR_MOV, {R(r), I(int64_t(v.bits))});
    return r;
  }
  Emit(MovCodeOf(v.type), {CtxScratch(is64 ? MIR_T_D : MIR_T_F), R(v.reg)});
  Emit(MIR_MOV, {R(r), CtxScratch(is64 ? MIR_T_I64 : MIR_T_U32)});
  return r;
}

MIR_reg_t Translator::FloatOfBits(MIR_reg_t bits, bool is64) {
  MIR_reg_t r = NewReg(is64 ? MIR_T_D : MIR_T_F);
  Emit(MIR_MOV, {CtxScratch(is64 ? MIR_T_I64 : MIR_T_I32), R(bits)});
  Emit(is64 ? MIR_DMOV : MIR_FMOV, {R(r), CtxScratch(is64 ? MIR_T_D : MIR_T_F)});
  return r;
}

void Translator::EmitReinterpret(ValType to) {
  Value v = Pop();
  if (v.kind == Kind::kConst) {
    Push(Const(to, v.bits));
    return;
  }
  Value t;
  t.type = to;
  if (to == ValType::kI32 || to == ValType::kI64) {
    t.reg = BitsOf(v);
    t.zext = to == ValType::kI32;
  } else {
    t.reg = FloatOfBits(v.reg, to == ValType::kF64);
  }
  Push(t);
}

void Translator::EmitConvert(MIR_insn_code_t code, ValType to, bool sign_extend_i32) {
  // MIR's I2F/I2D read 64 bits: widen the i32 first (exact for both signednesses).
  Value v = Pop();
  MIR_reg_t wide;
  if (sign_extend_i32) {
    wide = NewReg(MIR_T_I64);
    Emit(MIR_EXT32, {R(wide), R(RegOf(v))});
  } else {
    wide = ZextReg(v);
  }
  Value t = NewTemp(to);
  Emit(code, {R(t.reg), R(wide)});
  Push(t);
}

void Translator::EmitConvertU64(bool to64) {
  // u64 -> float: values with the top bit set are halved (keeping the low bit sticky so the
  // final rounding is still correct), converted signed, then doubled.
  MIR_reg_t x = RegOf(Pop());
  Value t = NewTemp(to64 ? ValType::kF64 : ValType::kF32);
  const MIR_insn_code_t cvt = to64 ? MIR_I2D : MIR_I2F;
  MIR_insn_t big = NewLabel();
  MIR_insn_t done = NewLabel();
  Emit(MIR_BLT, {L(big), R(x), I(0)});
  Emit(cvt, {R(t.reg), R(x)});
  Emit(MIR_JMP, {L(done)});
  PlaceLabel(big);
  MIR_reg_t half = NewReg(MIR_T_I64);
  MIR_reg_t low = NewReg(MIR_T_I64);
  Emit(MIR_URSH, {R(half), R(x), I(1)});
  Emit(MIR_AND, {R(low), R(x), I(1)});
  Emit(MIR_OR, {R(half), R(half), R(low)});
  Emit(cvt, {R(t.reg), R(half)});
  Emit(to64 ? MIR_DADD : MIR_FADD, {R(t.reg), R(t.reg), R(t.reg)});
  PlaceLabel(done);
  Push(t);
}

void Translator::EmitFloatJump(MIR_insn_code_t fcode, bool is64, MIR_insn_t label, MIR_reg_t x,
                               double bound) {
  // `fcode` is the f32 branch (FBxx); the f64 one (DBxx) follows it in MIR's enumeration.
  MIR_insn_code_t code = is64 ? MIR_insn_code_t(fcode + 1) : fcode;
  Emit(code, {L(label), R(x), is64 ? D(bound) : F(float(bound))});
}

void Translator::EmitTruncToU64(MIR_reg_t dst, MIR_reg_t x, bool from64) {
  // x in [0, 2^64): below 2^63 a signed conversion is exact; above, convert x - 2^63 and set
  // the top bit.
  const MIR_insn_code_t cvt = from64 ? MIR_D2I : MIR_F2I;
  MIR_insn_t big = NewLabel();
  MIR_insn_t done = NewLabel();
  EmitFloatJump(MIR_FBGE, from64, big, x, kTwo63);
  Emit(cvt, {R(dst), R(x)});
  Emit(MIR_JMP, {L(done)});
  PlaceLabel(big);
  MIR_reg_t y = NewReg(from64 ? MIR_T_D : MIR_T_F);
  Emit(from64 ? MIR_DSUB : MIR_FSUB, {R(y), R(x), from64 ? D(kTwo63) : F(float(kTwo63))});
  Emit(cvt, {R(dst), R(y)});
  Emit(MIR_XOR, {R(dst), R(dst), I(INT64_MIN)});
  PlaceLabel(done);
}

void Translator::EmitTruncTrapping(bool is64_dst, bool is_signed, bool from64) {
  MIR_reg_t x = RegOf(Pop());
  const TruncRange range = RangeFor(is64_dst, is_signed, from64);
  MIR_insn_t overflow = TrapLabel(uint32_t(TrapCode::kIntOverflow));
  // NaN: "invalid conversion to integer"; out of range: "integer overflow".
  Emit(from64 ? MIR_DBNE : MIR_FBNE,
       {L(TrapLabel(uint32_t(TrapCode::kBadConversion))), R(x), R(x)});
  EmitFloatJump(range.lo_inclusive ? MIR_FBLT : MIR_FBLE, from64, overflow, x, range.lo);
  EmitFloatJump(MIR_FBGE, from64, overflow, x, range.hi);
  Value t = NewTemp(is64_dst ? ValType::kI64 : ValType::kI32);
  if (is64_dst && !is_signed) {
    EmitTruncToU64(t.reg, x, from64);
  } else {
    // In range, the 64-bit cvtt result is exact (u32 values fit in i64).
    Emit(from64 ? MIR_D2I : MIR_F2I, {R(t.reg), R(x)});
  }
  t.zext = !is64_dst && !is_signed;
  Push(t);
}

void Translator::EmitTruncSat(bool is64_dst, bool is_signed, bool from64) {
  MIR_reg_t x = RegOf(Pop());
  const TruncRange range = RangeFor(is64_dst, is_signed, from64);
  Value t = NewTemp(is64_dst ? ValType::kI64 : ValType::kI32);
  MIR_insn_t zero = NewLabel();
  MIR_insn_t low = NewLabel();
  MIR_insn_t high = NewLabel();
  MIR_insn_t done = NewLabel();
  Emit(from64 ? MIR_DBNE : MIR_FBNE, {L(zero), R(x), R(x)});  // NaN -> 0
  EmitFloatJump(range.lo_inclusive ? MIR_FBLT : MIR_FBLE, from64, low, x, range.lo);
  EmitFloatJump(MIR_FBGE, from64, high, x, range.hi);
  if (is64_dst && !is_signed) {
    EmitTruncToU64(t.reg, x, from64);
  } else {
    Emit(from64 ? MIR_D2I : MIR_F2I, {R(t.reg), R(x)});
  }
  Emit(MIR_JMP, {L(done)});
  int64_t min = is_signed ? (is64_dst ? INT64_MIN : INT32_MIN) : 0;
  int64_t max = is_signed ? (is64_dst ? INT64_MAX : INT32_MAX) : (is64_dst ? -1 : 0xffffffffll);
  PlaceLabel(low);
  Emit(MIR_MOV, {R(t.reg), I(min)});
  Emit(MIR_JMP, {L(done)});
  PlaceLabel(high);
  Emit(MIR_MOV, {R(t.reg), I(max)});
  Emit(MIR_JMP, {L(done)});
  PlaceLabel(zero);
  Emit(MIR_MOV, {R(t.reg), I(0)});
  PlaceLabel(done);
  Push(t);
}

}  // namespace wasmc
