// BodyChecker, decoding half: local declarations, opcodes and immediates of a function body
// (binary format "Code Section" and "Instructions"), plus the value/control stack helpers of the
// spec's validation algorithm. Consumes body bytes via Reader; produces `Instr` immediates.
#include <cstdio>
#include <cstring>

#include "validator/body_checker.h"
#include "validator/opcodes.h"

namespace wasmc {
namespace {

// Stable storage for single-value block types: BlockSig points into it.
constexpr ValType kSingleTypes[] = {ValType::kI32,  ValType::kI64,     ValType::kF32,
                                    ValType::kF64,  ValType::kV128,    ValType::kFuncRef,
                                    ValType::kExternRef};

const ValType* SingleTypeSlot(int64_t encoded) {
  switch (encoded) {
    case -0x01: return &kSingleTypes[0];  // 0x7f i32
    case -0x02: return &kSingleTypes[1];  // 0x7e i64
    case -0x03: return &kSingleTypes[2];  // 0x7d f32
    case -0x04: return &kSingleTypes[3];  // 0x7c f64
    case -0x05: return &kSingleTypes[4];  // 0x7b v128
    case -0x10: return &kSingleTypes[5];  // 0x70 funcref
    case -0x11: return &kSingleTypes[6];  // 0x6f externref
    default: return nullptr;
  }
}

}  // namespace

bool BodyChecker::Fail(ErrorKind kind, const char* msg, uint64_t offset) {
  if (error_.ok()) error_ = Status::Error(kind, msg, offset);
  return false;
}

bool BodyChecker::FailIndex(const char* what, uint32_t index) {
  char buf[96];
  std::snprintf(buf, sizeof(buf), "%s %u", what, index);
  return FailInvalid(buf);
}

bool BodyChecker::ReaderFailed() {
  if (error_.ok()) error_ = reader_->status();
  return false;
}

// ---- function start -------------------------------------------------------------------------

bool BodyChecker::Begin(uint32_t func_index) {
  error_ = Status();
  done_ = false;
  vals_.clear();
  ctrls_.clear();
  locals_.clear();
  instr_ = Instr();
  const ModuleDesc& m = module_;
  if (func_index < m.num_imported_funcs || func_index >= m.funcs.size() ||
      func_index - m.num_imported_funcs >= m.bodies.size()) {
    return Fail(ErrorKind::kMisuse, "function index is not a defined function", kNoOffset);
  }
  const FuncBody& body = m.bodies[func_index - m.num_imported_funcs];
  if (uint64_t(body.offset) + body.size > m.bytes.size()) {
    return Fail(ErrorKind::kInternal, "function body outside the module bytes", body.offset);
  }
  if (m.funcs[func_index] < m.types.size()) {
    func_type_ = &m.types[m.funcs[func_index]];
  } else if (decode_only_) {
    func_type_ = &empty_type_;
  } else {
    return Fail(ErrorKind::kInvalid, "unknown type", body.offset);
  }
  const uint8_t* begin = m.bytes.data() + body.offset;
  reader_.emplace(begin, begin + body.size, body.offset);
  body_end_ = uint64_t(body.offset) + body.size;
  if (!DecodeLocals()) return false;

  // The function's own frame: its label (for `br` and `return`) has the result types.
  const std::vector<ValType>& results = func_type_->results;
  PushFrame(Opcode::Block, BlockSig{nullptr, 0, results.data(), uint32_t(results.size())});
  return true;
}

// "Code Section": vec(locals) where locals ::= n:u32 t:valtype. The total may not reach 2^32
// ("too many locals", malformed); wasmc further caps params + locals at kMaxFunctionLocals
// before allocating anything proportional to the declared counts.
bool BodyChecker::DecodeLocals() {
  Reader& r = *reader_;
  uint64_t decls_offset = r.offset();
  uint32_t num_groups = r.ReadLength();  // each group takes >= 2 bytes, so this is bounded
  local_groups_.clear();
  uint64_t total = 0;
  for (uint32_t i = 0; i < num_groups && r.ok(); ++i) {
    uint32_t count = r.ReadU32();
    ValType type = ValType::kUnknown;
    if (!r.ReadValType(&type)) break;
    local_groups_.emplace_back(count, type);
    total += count;
  }
  if (!r.ok()) return ReaderFailed();
  if (total > UINT32_MAX) return Fail(ErrorKind::kMalformed, "too many locals", decls_offset);
  if (decode_only_) return true;
  const std::vector<ValType>& params = func_type_->params;
  if (total + params.size() > kMaxFunctionLocals) {
    return Fail(ErrorKind::kResource, "too many locals (implementation limit)", decls_offset);
  }
  locals_.assign(params.begin(), params.end());
  for (const auto& group : local_groups_) locals_.insert(locals_.end(), group.first, group.second);
  return true;
}

// ---- instructions ---------------------------------------------------------------------------

// The typing of t.const, once its immediate has been read.
WASMC_ALWAYS_INLINE bool BodyChecker::PushConst(ValType t) {
  if (!reader_->ok()) return ReaderFailed();
  Push(t);
  return true;
}

WASMC_ALWAYS_INLINE bool BodyChecker::DecodeMemArg() {
  Reader& r = *reader_;
  instr_.mem.align_log2 = r.ReadU32();
  instr_.mem.offset = r.ReadU32();
  instr_.mem.mem_index = 0;
  return r.ok() ? true : ReaderFailed();
}

// CheckInstr's cases for the frequent special opcodes; inlined into Step, where `op` is a
// constant, so each case calls its check directly.
WASMC_ALWAYS_INLINE bool BodyChecker::CheckControlOrVariable(Opcode op) {
  switch (op) {
    case Opcode::End: return CheckEnd();
    case Opcode::Else: return CheckElse();
    case Opcode::Br: return CheckBr();
    case Opcode::BrIf: return CheckBrIf();
    case Opcode::Call: return CheckCall();
    case Opcode::Select: return CheckSelect();
    case Opcode::GlobalGet: case Opcode::GlobalSet: return CheckGlobal(op);
    default: return CheckInstr(op);
  }
}

// The same steps as DecodeImmediates + CheckInstr (all immediates decoded before any check, so
// the first error is the same), written out for the instructions that make up most code: plain
// value ops, variables, constants, loads and stores.
template <ImmKind kImm, OpSig kSig>
WASMC_ALWAYS_INLINE bool BodyChecker::Step(Opcode op) {
  Reader& r = *reader_;
  if constexpr (kImm == ImmKind::kNone && kSig != OpSig::kSpecial) {
    return CheckPlain(kSig);
  } else if constexpr (kImm == ImmKind::kLocal) {
    instr_.index = r.ReadU32();
    return r.ok() ? CheckLocal(op) : ReaderFailed();
  } else if constexpr (kImm == ImmKind::kI32) {
    instr_.bits = uint64_t(int64_t(r.ReadS32()));
    return PushConst(ValType::kI32);
  } else if constexpr (kImm == ImmKind::kI64) {
    instr_.bits = uint64_t(r.ReadS64());
    return PushConst(ValType::kI64);
  } else if constexpr (kImm == ImmKind::kF32) {
    instr_.bits = r.ReadFixedU32();
    return PushConst(ValType::kF32);
  } else if constexpr (kImm == ImmKind::kF64) {
    instr_.bits = r.ReadFixedU64();
    return PushConst(ValType::kF64);
  } else if constexpr (kImm == ImmKind::kMemArg) {
    return DecodeMemArg() && CheckMemArg(op) && CheckPlain(kSig);
  } else if constexpr (kImm == ImmKind::kBlockType) {
    return DecodeBlockType() && CheckBlock(op);
  } else if constexpr (kImm == ImmKind::kLabel || kImm == ImmKind::kGlobal ||
                       kImm == ImmKind::kFunc) {
    instr_.index = r.ReadU32();
    return r.ok() ? CheckControlOrVariable(op) : ReaderFailed();
  } else if constexpr (kImm == ImmKind::kNone) {
    return CheckControlOrVariable(op);
  } else {
    return DecodeImmediates(kImm) && CheckInstr(op);
  }
}

// One case per opcode, generated from opcodes.def, so that each instruction's immediates and
// signature are constants in its case.
WASMC_ALWAYS_INLINE bool BodyChecker::DecodeAndCheck(Opcode op) {
  switch (op) {
#define WASMC_OPCODE(name, prefix, code, text, imm, sig) \
  case Opcode::name:                                     \
    return Step<ImmKind::imm, OpSig::sig>(Opcode::name);
#include "validator/opcodes.def"
#undef WASMC_OPCODE
    case Opcode::kCount:
      break;
  }
  return Fail(ErrorKind::kInternal, "opcode out of range", instr_.offset);
}

bool BodyChecker::Next() {
  Reader& r = *reader_;
  // Only the fields whose meaning does not follow from the opcode's ImmKind are reset (a full
  // `Instr()` per instruction shows in profiles); DecodeImmediates sets the rest per kind.
  instr_.type = ValType::kUnknown;
  instr_.block = BlockSig();
  instr_.targets = nullptr;
  instr_.num_targets = 0;
  instr_.offset = uint32_t(r.offset());
  if (r.at_end()) {
    // The body ended before the final `end` of the function ("END opcode expected").
    return Fail(ErrorKind::kMalformed, "END opcode expected", r.offset());
  }
  Opcode op;
  if (!LookupSingleByteOpcode(r.PeekU8(), &op)) {
    if (!DecodeOpcode(&op)) return false;
  } else {
    r.Skip(1);
  }
  instr_.op = op;
  unreachable_before_ = ctrls_.back().unreachable;
  if (decode_only_) return DecodeImmediates(OpcodeImm(op)) && CheckStructure(op);
  if (DecodeAndCheck(op)) return true;
  if (error_.kind() == ErrorKind::kInvalid) ScanRestForMalformed(op);
  return false;
}

// ---- decode-only mode -----------------------------------------------------------------------

bool BodyChecker::ScanForMalformed(uint32_t func_index) {
  decode_only_ = true;
  bool ok = Begin(func_index);
  while (ok && !done_) ok = Next();
  decode_only_ = false;
  if (!ok && error_.kind() != ErrorKind::kMalformed) {
    error_ = Status();
    return true;
  }
  return ok;
}

// After a validation error, keeps decoding the rest of the body; a malformation found there
// replaces the validation error (see ScanForMalformed).
void BodyChecker::ScanRestForMalformed(Opcode failed_op) {
  Status invalid = std::move(error_);
  error_ = Status();
  decode_only_ = true;
  // The failed instruction did not change the nesting; apply its structural effect.
  bool ok = true;
  if (failed_op == Opcode::Block || failed_op == Opcode::Loop || failed_op == Opcode::If ||
      failed_op == Opcode::Else || failed_op == Opcode::End) {
    ok = CheckStructure(failed_op);
  }
  while (ok && !done_) ok = Next();
  decode_only_ = false;
  if (ok || error_.kind() != ErrorKind::kMalformed) error_ = std::move(invalid);
}

bool BodyChecker::CheckStructure(Opcode op) {
  switch (op) {
    case Opcode::Block: case Opcode::Loop: case Opcode::If:
      ctrls_.push_back(Frame{op, false, uint32_t(vals_.size()), BlockSig()});
      return true;
    case Opcode::Else:
      if (ctrls_.back().op != Opcode::If) {
        return Fail(ErrorKind::kMalformed, "END opcode expected", instr_.offset);
      }
      ctrls_.back().op = Opcode::Else;
      return true;
    case Opcode::End:
      ctrls_.pop_back();
      if (!ctrls_.empty()) return true;
      if (!reader_->at_end()) {
        return Fail(ErrorKind::kMalformed, "section size mismatch", reader_->offset());
      }
      done_ = true;
      return true;
    case Opcode::MemoryInit: case Opcode::DataDrop:
      return RequireDataCount();
    default:
      return true;
  }
}

bool BodyChecker::DecodeOpcode(Opcode* op) {
  Reader& r = *reader_;
  uint8_t byte = r.ReadU8();
  if (LookupSingleByteOpcode(byte, op)) return true;
  if (byte == 0xfc || byte == 0xfd) {
    uint32_t code = r.ReadU32();
    if (!r.ok()) return ReaderFailed();
    if (LookupPrefixedOpcode(byte, code, op)) return true;
  }
  return Fail(ErrorKind::kMalformed, "illegal opcode", instr_.offset);
}

bool BodyChecker::DecodeImmediates(ImmKind kind) {
  Reader& r = *reader_;
  switch (kind) {
    case ImmKind::kNone: return true;
    case ImmKind::kBlockType: return DecodeBlockType();
    case ImmKind::kBrTable: return DecodeBrTable();
    case ImmKind::kSelectT: return DecodeSelectT();
    case ImmKind::kMemArg: return DecodeMemArg();
    case ImmKind::kMemArgLane:
      if (!DecodeMemArg()) return false;
      instr_.lane = r.ReadU8();
      break;
    case ImmKind::kLabel: case ImmKind::kFunc: case ImmKind::kLocal: case ImmKind::kGlobal:
    case ImmKind::kTable: case ImmKind::kElem: case ImmKind::kData:
      instr_.index = r.ReadU32();
      break;
    case ImmKind::kCallIndirect: case ImmKind::kElemTable: case ImmKind::kTableTable:
      instr_.index = r.ReadU32();
      instr_.index2 = r.ReadU32();
      break;
    case ImmKind::kMemory: return ReadZeroByte();
    case ImmKind::kDataMemory:
      instr_.index = r.ReadU32();
      return ReadZeroByte();
    case ImmKind::kMemoryMemory: return ReadZeroByte() && ReadZeroByte();
    case ImmKind::kI32: instr_.bits = uint64_t(int64_t(r.ReadS32())); break;
    case ImmKind::kI64: instr_.bits = uint64_t(r.ReadS64()); break;
    case ImmKind::kF32: instr_.bits = r.ReadFixedU32(); break;
    case ImmKind::kF64: instr_.bits = r.ReadFixedU64(); break;
    case ImmKind::kRefType: r.ReadRefType(&instr_.type); break;
    case ImmKind::kV128: case ImmKind::kShuffle: {
      const uint8_t* p = r.ReadBytes(16);
      if (p != nullptr) std::memcpy(instr_.v128.data(), p, 16);
      break;
    }
    case ImmKind::kLane: instr_.lane = r.ReadU8(); break;
  }
  return r.ok() ? true : ReaderFailed();
}

// blocktype ::= 0x40 | valtype | x:s33 (x >= 0). Value types and 0x40 are single bytes: a
// longer encoding of a negative s33 is malformed.
bool BodyChecker::DecodeBlockType() {
  Reader& r = *reader_;
  uint64_t at = r.offset();
  int64_t v = r.ReadS33();
  if (!r.ok()) return ReaderFailed();
  if (v >= 0) {
    if (decode_only_) return true;
    if (uint64_t(v) >= module_.types.size()) return FailIndex("unknown type", uint32_t(v));
    const FuncType& t = module_.types[size_t(v)];
    instr_.block = BlockSig{t.params.data(), uint32_t(t.params.size()), t.results.data(),
                            uint32_t(t.results.size())};
    return true;
  }
  bool one_byte = r.offset() == at + 1;
  if (one_byte && v == -0x40) return true;  // empty block type
  const ValType* slot = one_byte ? SingleTypeSlot(v) : nullptr;
  if (slot == nullptr) return Fail(ErrorKind::kMalformed, "malformed value type", at);
  instr_.block = BlockSig{nullptr, 0, slot, 1};
  return true;
}

// br_table l* l_default. ReadLength bounds the count by the bytes left (>= 1 byte per label)
// before anything is allocated.
bool BodyChecker::DecodeBrTable() {
  Reader& r = *reader_;
  uint32_t count = r.ReadLength();
  if (!r.ok()) return ReaderFailed();
  targets_.resize(size_t(count) + 1);
  for (uint32_t i = 0; i <= count; ++i) targets_[i] = r.ReadU32();
  if (!r.ok()) return ReaderFailed();
  instr_.targets = targets_.data();
  instr_.num_targets = count;
  return true;
}

// select t*: Wasm 2.0 allows exactly one type ("invalid result arity" otherwise, a validation
// error, so the whole vector is decoded first).
bool BodyChecker::DecodeSelectT() {
  Reader& r = *reader_;
  uint32_t count = r.ReadLength();
  for (uint32_t i = 0; i < count && r.ok(); ++i) {
    ValType t = ValType::kUnknown;
    if (r.ReadValType(&t) && i == 0) instr_.type = t;
  }
  if (!r.ok()) return ReaderFailed();
  if (count != 1 && !decode_only_) return FailInvalid("invalid result arity");
  return true;
}

// The memory index of memory.size/grow/fill/init/copy is a single 0x00 byte in Wasm 2.0
// ("zero byte expected"; a multi-byte LEB zero is malformed too).
bool BodyChecker::ReadZeroByte() {
  Reader& r = *reader_;
  uint64_t at = r.offset();
  uint8_t b = r.ReadU8();
  if (!r.ok()) return ReaderFailed();
  if (b != 0) return Fail(ErrorKind::kMalformed, "zero byte expected", at);
  return true;
}

// ---- stack and control helpers ----------------------------------------------------------------

void ValStack::Grow(size_t n) {
  size_t size = this->size();
  size_t capacity = storage_.size() * 2;
  if (capacity < size + n) capacity = size + n;
  if (capacity < 64) capacity = 64;
  storage_.resize(capacity);
  base_ = storage_.data();
  top_ = base_ + size;
  limit_ = base_ + capacity;
}

bool BodyChecker::PopAny(ValType* actual) {
  const Frame& f = ctrls_.back();
  if (vals_.size() == f.height) {
    *actual = ValType::kUnknown;
    return f.unreachable ? true : TypeMismatch();
  }
  *actual = vals_.back();
  vals_.pop_back();
  return true;
}

// Same outcome as the spec's `push_vals(pop_vals(types))` for br_table targets: values missing
// below a polymorphic frame's base count as Unknown.
bool BodyChecker::PeekVals(const ValType* types, uint32_t n) {
  const Frame& f = ctrls_.back();
  size_t avail = vals_.size() - f.height;
  for (uint32_t i = 0; i < n; ++i) {
    if (i >= avail) return f.unreachable ? true : TypeMismatch();
    ValType actual = vals_[vals_.size() - 1 - i];
    ValType expect = types[n - 1 - i];
    if (actual != expect && actual != ValType::kUnknown) return TypeMismatch();
  }
  return true;
}

void BodyChecker::PushFrame(Opcode op, const BlockSig& sig) {
  ctrls_.push_back(Frame{op, false, uint32_t(vals_.size()), sig});
  PushVals(sig.params, sig.num_params);
}

void BodyChecker::SetUnreachable() {
  Frame& f = ctrls_.back();
  vals_.resize(f.height);
  f.unreachable = true;
}

// The label of a `loop` takes the loop's parameters; every other label takes the results.
bool BodyChecker::LabelTypes(uint32_t depth, const ValType** types, uint32_t* n) {
  if (depth >= ctrls_.size()) return FailIndex("unknown label", depth);
  const Frame& f = ctrls_[ctrls_.size() - 1 - depth];
  if (f.op == Opcode::Loop) {
    *types = f.sig.params;
    *n = f.sig.num_params;
  } else {
    *types = f.sig.results;
    *n = f.sig.num_results;
  }
  return true;
}

}  // namespace wasmc
