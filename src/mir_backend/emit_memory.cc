// Memory instructions: loads, stores, memory.size/grow and the bulk memory operations.
// Consumes i32 addresses and memarg offsets; produces MIR memory operands on memory 0's base
// (loaded once per function: it never moves) with, in explicit mode, a bounds check against
// the length register (reloaded after calls), or in guard-page mode no check at all.
#include "mir_backend/translator.h"

namespace wasmc {
namespace {

struct MemAccess {
  Opcode op;
  MIR_type_t type;  // memory operand type (extension for narrow loads)
  uint32_t size;    // bytes accessed
  ValType value;    // the Wasm value loaded or stored
};

constexpr MemAccess kAccesses[] = {
    {Opcode::I32Load, MIR_T_U32, 4, ValType::kI32},    {Opcode::I64Load, MIR_T_I64, 8, ValType::kI64},
    {Opcode::F32Load, MIR_T_F, 4, ValType::kF32},      {Opcode::F64Load, MIR_T_D, 8, ValType::kF64},
    {Opcode::I32Load8S, MIR_T_I8, 1, ValType::kI32},   {Opcode::I32Load8U, MIR_T_U8, 1, ValType::kI32},
    {Opcode::I32Load16S, MIR_T_I16, 2, ValType::kI32}, {Opcode::I32Load16U, MIR_T_U16, 2, ValType::kI32},
    {Opcode::I64Load8S, MIR_T_I8, 1, ValType::kI64},   {Opcode::I64Load8U, MIR_T_U8, 1, ValType::kI64},
    {Opcode::I64Load16S, MIR_T_I16, 2, ValType::kI64}, {Opcode::I64Load16U, MIR_T_U16, 2, ValType::kI64},
    {Opcode::I64Load32S, MIR_T_I32, 4, ValType::kI64}, {Opcode::I64Load32U, MIR_T_U32, 4, ValType::kI64},
    {Opcode::I32Store, MIR_T_I32, 4, ValType::kI32},   {Opcode::I64Store, MIR_T_I64, 8, ValType::kI64},
    {Opcode::F32Store, MIR_T_F, 4, ValType::kF32},     {Opcode::F64Store, MIR_T_D, 8, ValType::kF64},
    {Opcode::I32Store8, MIR_T_I8, 1, ValType::kI32},   {Opcode::I32Store16, MIR_T_I16, 2, ValType::kI32},
    {Opcode::I64Store8, MIR_T_I8, 1, ValType::kI64},   {Opcode::I64Store16, MIR_T_I16, 2, ValType::kI64},
    {Opcode::I64Store32, MIR_T_I32, 4, ValType::kI64},
};

const MemAccess& AccessOf(Opcode op) {
  for (const MemAccess& a : kAccesses) {
    if (a.op == op) return a;
  }
  return kAccesses[0];  // unreachable: callers pass load/store opcodes only
}

constexpr int64_t kMaxDisp = 0x7fffffff;  // x86 displacements are signed 32-bit

}  // namespace

MIR_op_t Translator::EffectiveAddress(const Value& addr, uint64_t offset, uint32_t size,
                                      MIR_type_t type) {
  MIR_reg_t base = CachedReg(Cached::kMemBase);
  const MIR_insn_t oob = options_.explicit_bounds_checks
                             ? TrapLabel(uint32_t(TrapCode::kMemoryOutOfBounds)) : nullptr;
  if (addr.kind == Kind::kConst) {
    // The effective address is a constant below 2^33.
    uint64_t ea = uint64_t(uint32_t(addr.bits)) + offset;
    if (oob != nullptr) Emit(MIR_UBLT, {L(oob), R(mem_length_), I(int64_t(ea + size))});
    if (int64_t(ea) <= kMaxDisp) return Mem(type, int64_t(ea), base);
    MIR_reg_t r = NewReg(MIR_T_I64);
    Emit(MIR_MOV, {R(r), I(int64_t(ea))});
    return Mem(type, 0, base, r, 1);
  }
  // base + zext32(addr) + offset: any u32 + u32 stays inside the 8 GiB + guard reservation.
  // MIR 1.0.0 at -O1 turns every base+index(+disp) operand back into adds and a plain
  // register address, so for locals the sum is computed once and reused.
  if (oob == nullptr && addr.kind == Kind::kLocal && int64_t(offset) <= kMaxDisp) {
    for (const auto& entry : addr_cache_) {
      if (entry.first == addr.local) return Mem(type, int64_t(offset), entry.second);
    }
    MIR_reg_t sum = NewReg(MIR_T_I64);
    if (addr.zext) {
      Emit(MIR_ADD, {R(sum), R(base), R(addr.reg)});
    } else {
      Emit(MIR_UEXT32, {R(sum), R(addr.reg)});
      Emit(MIR_ADD, {R(sum), R(sum), R(base)});
    }
    addr_cache_.emplace_back(addr.local, sum);
    return Mem(type, int64_t(offset), sum);
  }
  MIR_reg_t index = ZextReg(addr);
  if (oob != nullptr) {
    MIR_reg_t end = NewReg(MIR_T_I64);
    Emit(MIR_ADD, {R(end), R(index), I(int64_t(offset + size))});
    Emit(MIR_UBGT, {L(oob), R(end), R(mem_length_)});
  }
  if (int64_t(offset) <= kMaxDisp) return Mem(type, int64_t(offset), base, index, 1);
  MIR_reg_t sum = NewReg(MIR_T_I64);
  Emit(MIR_ADD, {R(sum), R(index), I(int64_t(offset))});
  return Mem(type, 0, base, sum, 1);
}

void Translator::EmitLoad(const Instr& in) {
  const MemAccess& a = AccessOf(in.op);
  Value addr = Pop();
  MIR_op_t mem = EffectiveAddress(addr, in.mem.offset, a.size, a.type);
  Value t = NewTemp(a.value);
  Emit(MovCodeOf(a.value), {R(t.reg), mem});
  // Zero-extending loads define the whole register.
  t.zext = a.value == ValType::kI32 &&
           (a.type == MIR_T_U8 || a.type == MIR_T_U16 || a.type == MIR_T_U32);
  t.tainted = Tainting();  // no check: only executing the load traps (emit_taint.cc)
  Push(t);
}

void Translator::EmitStore(const Instr& in) {
  const MemAccess& a = AccessOf(in.op);
  Value v = Pop();
  Value addr = Pop();
  MIR_reg_t value = RegOf(v);
  MIR_op_t mem = EffectiveAddress(addr, in.mem.offset, a.size, a.type);
  Emit(MovCodeOf(a.value), {mem, R(value)});
}

void Translator::ReloadMemoryLength() {
  if (mem_length_ == 0) return;
  MIR_reg_t mem0 = CachedReg(Cached::kMemory0);
  Emit(MIR_MOV, {R(mem_length_), Mem(MIR_T_I64, vmoff::kMemLength, mem0)});
}

void Translator::EmitMemorySize() {
  MIR_reg_t mem0 = CachedReg(Cached::kMemory0);
  Value t = NewTemp(ValType::kI32);
  Emit(MIR_MOV, {R(t.reg), Mem(MIR_T_I64, vmoff::kMemLength, mem0)});
  Emit(MIR_URSH, {R(t.reg), R(t.reg), I(16)});  // bytes -> 64 KiB pages
  t.zext = true;
  Push(t);
}

void Translator::EmitMemoryGrow() {
  Value delta = Pop();
  Value t = NewTemp(ValType::kI32);
  EmitRtCall(RtHelper::memory_grow, {R(vmctx_), I(0), OpOf(delta)}, t.reg);
  ReloadMemoryLength();
  Push(t);
}

void Translator::EmitBulkMemory(const Instr& in) {
  if (in.op == Opcode::DataDrop) {
    EmitRtCall(RtHelper::data_drop, {R(vmctx_), I(in.index)}, 0);
    return;
  }
  Value n = Pop();
  Value src = Pop();  // the fill value for memory.fill
  Value dst = Pop();
  // Wasm 2.0 has one memory: memory immediates are always 0 (and the validator does not fill
  // them in for memory.copy/memory.init).
  switch (in.op) {
    case Opcode::MemoryFill:
      EmitRtCall(RtHelper::memory_fill, {R(vmctx_), I(0), OpOf(dst), OpOf(src), OpOf(n)}, 0);
      break;
    case Opcode::MemoryCopy:
      EmitRtCall(RtHelper::memory_copy,
                 {R(vmctx_), I(0), I(0), OpOf(dst), OpOf(src), OpOf(n)}, 0);
      break;
    default:  // memory.init: index = data segment
      EmitRtCall(RtHelper::memory_init,
                 {R(vmctx_), I(0), I(in.index), OpOf(dst), OpOf(src), OpOf(n)}, 0);
      break;
  }
}

}  // namespace wasmc
