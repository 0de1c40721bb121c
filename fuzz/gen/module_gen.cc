// module_gen.cc: see module_gen.h. A type-directed generator: `Expr(t)` emits code that pushes
// exactly one value of type t, `Stmt()` emits code with no net stack effect. Blocks store their
// parameters into fresh locals on entry, so bodies need not track the operand stack.
#include "gen/module_gen.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>

namespace wasmc_fuzz {
namespace {

using VT = ValType;

// Reads choices from the fuzzer's bytes; zeros once exhausted.
class ByteSource {
 public:
  ByteSource(const uint8_t* d, size_t n) : d_(d), n_(n) {}
  uint8_t U8() { return pos_ < n_ ? d_[pos_++] : 0; }
  uint32_t U32() {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | U8();
    return v;
  }
  uint64_t U64() { return (static_cast<uint64_t>(U32()) << 32) | U32(); }
  // A number in [0, n).
  uint32_t Below(uint32_t n) {
    if (n <= 1) return 0;
    if (n <= 256) return U8() % n;
    return U32() % n;
  }
  bool OneIn(uint32_t n) { return Below(n) == n - 1; }
  bool Exhausted() const { return pos_ >= n_; }

 private:
  const uint8_t* d_;
  size_t n_;
  size_t pos_ = 0;
};

class Buf {
 public:
  void U8(uint8_t b) { b_.push_back(b); }
  void Uleb(uint64_t v) {
    do {
      uint8_t b = v & 0x7f;
      v >>= 7;
      if (v) b |= 0x80;
      b_.push_back(b);
    } while (v);
  }
  void Sleb(int64_t v) {
    bool more = true;
    while (more) {
      uint8_t b = v & 0x7f;
      v >>= 7;  // arithmetic shift
      if ((v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40))) {
        more = false;
      } else {
        b |= 0x80;
      }
      b_.push_back(b);
    }
  }
  void Fixed(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) b_.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  void Bytes(const std::vector<uint8_t>& v) { b_.insert(b_.end(), v.begin(), v.end()); }
  void Name(const std::string& s) {
    Uleb(s.size());
    b_.insert(b_.end(), s.begin(), s.end());
  }
  const std::vector<uint8_t>& data() const { return b_; }
  size_t size() const { return b_.size(); }

 private:
  std::vector<uint8_t> b_;
};

bool IsRef(VT t) { return t == VT::kFuncRef || t == VT::kExternRef; }

const uint32_t kI32Interesting[] = {0,          1,          2,          0xffffffffu, 0x7fffffffu,
                                    0x80000000u, 0x80000001u, 31,        32,          33,
                                    0xffff,     0x10000,    0xfffffff0u, 7,           64,
                                    0x7f,       0x80,       0xff,       0x8000,      100};
const uint64_t kI64Interesting[] = {0,
                                    1,
                                    ~0ull,
                                    0x7fffffffffffffffull,
                                    0x8000000000000000ull,
                                    63,
                                    64,
                                    65,
                                    0xffffffffull,
                                    0x100000000ull,
                                    0x80000000ull,
                                    0xffffffff80000000ull,
                                    3,
                                    0x1234567890abcdefull};
const uint32_t kF32Interesting[] = {0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000,
                                    0xff800000, 0x7fc00000, 0x00000001, 0x7f7fffff, 0x4f000000,
                                    0xcf000000, 0x5f000000, 0xdf000000, 0x4f800000, 0x3f000000,
                                    0x3fc00000, 0x40490fdb, 0xcf000001, 0x4effffff, 0x80000001};
const uint64_t kF64Interesting[] = {0x0000000000000000ull, 0x8000000000000000ull,
                                    0x3ff0000000000000ull, 0xbff0000000000000ull,
                                    0x7ff0000000000000ull, 0xfff0000000000000ull,
                                    0x7ff8000000000000ull, 0x0000000000000001ull,
                                    0x7fefffffffffffffull, 0x41e0000000000000ull,
                                    0xc1e0000000000000ull, 0x43e0000000000000ull,
                                    0xc3e0000000000000ull, 0x41efffffffe00000ull,
                                    0x3fe0000000000000ull, 0x3ff8000000000000ull,
                                    0xc1e0000000200000ull, 0x41dfffffffc00000ull,
                                    0x400921fb54442d18ull, 0x43f0000000000000ull};
template <typename T, size_t N>
constexpr uint32_t Count(const T (&)[N]) {
  return N;
}

struct TableDef {
  VT elem;
  uint32_t min, max;
};
struct ElemDef {
  VT type;
};
struct GlobalDef {
  VT type;
  bool mut;
};

class Generator {
 public:
  Generator(ByteSource& in, const GenOptions& o, GeneratedModule* out)
      : in_(in), o_(o), out_(out) {}
  void Run();

 private:
  // ---- module level
  uint32_t AddType(const std::vector<VT>& params, const std::vector<VT>& results);
  VT RandomType(bool refs);
  std::vector<VT> RandomTypes(uint32_t max, bool refs);
  void ConstExpr(Buf& b, VT t);
  uint64_t RandomBits(VT t);
  void GenFunction(uint32_t func_index, Buf& code_section);
  std::vector<uint8_t> Assemble(Buf& code_section);

  // ---- function level
  void Op(uint8_t b) { code_->U8(b); }
  void OpFC(uint32_t sub) {
    code_->U8(0xfc);
    code_->Uleb(sub);
  }
  uint32_t NewLocal(VT t) {
    locals_.push_back(t);
    return static_cast<uint32_t>(locals_.size() - 1);
  }
  uint32_t Scratch(VT t);
  void LocalGet(uint32_t i) {
    Op(0x20);
    code_->Uleb(i);
  }
  void LocalSet(uint32_t i) {
    Op(0x21);
    code_->Uleb(i);
  }
  void Const(VT t);
  void ConstOf(VT t, uint64_t bits);
  void Leaf(VT t);
  void Expr(VT t, int depth);
  bool ExprI32(int depth);
  bool ExprI64(int depth);
  bool ExprF(VT t, int depth);
  bool ExprRef(VT t, int depth);
  bool ExprCommon(VT t, int depth);
  void Exprs(const std::vector<VT>& ts, int depth) {
    for (VT t : ts) Expr(t, depth);
  }
  void Collapse(const std::vector<VT>& produced, VT want);
  void DropAll(const std::vector<VT>& produced);
  void Canon(VT t);
  void Addr(int depth);
  void MemArg(uint32_t natural_log2);
  void Load(uint8_t op, uint32_t natural_log2, int depth) {
    Addr(depth);
    Op(op);
    MemArg(natural_log2);
  }
  void BlockType(const std::vector<VT>& params, const std::vector<VT>& results);
  // Emits a block/loop/if consuming `params` (already pushed) and producing `results`.
  void Structured(int kind, const std::vector<VT>& params, const std::vector<VT>& results,
                  int depth);
  void BlockBody(const std::vector<VT>& params, const std::vector<VT>& results, int depth);
  void FuelCheck(uint32_t exit_label_depth, const std::vector<VT>& exit_types, bool is_return);
  void Stmt(int depth);
  void Stmts(int depth, uint32_t max) {
    uint32_t n = in_.Below(max + 1);
    for (uint32_t i = 0; i < n && budget_ > 0; ++i) Stmt(depth);
  }
  uint32_t LabelDepth(size_t label_index) const {
    return static_cast<uint32_t>(labels_.size() - 1 - label_index);
  }
  void CallFunc(uint32_t f, int depth);
  void CallIndirect(uint32_t type_index, int depth);
  uint32_t PickFuncWithResult(VT t, bool* found);
  int PickTable(VT elem);  // -1 if none
  int PickElem(VT type);   // -1 if none
  int PickGlobal(VT t, bool need_mut);
  int PickLocal(VT t);

  ByteSource& in_;
  const GenOptions& o_;
  GeneratedModule* out_;

  std::vector<FuncSig> types_;
  std::vector<uint32_t> func_types_;  // every function, imports first
  uint32_t n_imports_ = 0;
  std::vector<GlobalDef> globals_;    // global 0 is fuel
  std::vector<std::vector<uint8_t>> global_inits_;
  bool has_mem_ = false;
  uint32_t mem_min_ = 0, mem_max_ = 0;
  std::vector<TableDef> tables_;
  std::vector<ElemDef> elems_;
  Buf elem_section_;
  uint32_t n_data_ = 0;
  Buf data_section_;
  int start_ = -1;

  // current function
  Buf* code_ = nullptr;
  std::vector<VT> locals_;
  std::vector<std::vector<VT>> labels_;
  std::vector<VT> results_;
  int budget_ = 0;
  int scratch_[256];
};

VT Generator::RandomType(bool refs) {
  switch (in_.Below(refs ? 10 : 8)) {
    case 0: case 1: case 2: return VT::kI32;
    case 3: case 4: return VT::kI64;
    case 5: return VT::kF32;
    case 6: case 7: return VT::kF64;
    case 8: return VT::kFuncRef;
    default: return VT::kExternRef;
  }
}

std::vector<VT> Generator::RandomTypes(uint32_t max, bool refs) {
  std::vector<VT> v(in_.Below(max + 1));
  for (auto& t : v) t = RandomType(refs);
  return v;
}

uint32_t Generator::AddType(const std::vector<VT>& params, const std::vector<VT>& results) {
  for (size_t i = 0; i < types_.size(); ++i) {
    if (types_[i].params == params && types_[i].results == results) return static_cast<uint32_t>(i);
  }
  types_.push_back(FuncSig{params, results});
  return static_cast<uint32_t>(types_.size() - 1);
}

uint64_t Generator::RandomBits(VT t) {
  bool interesting = in_.Below(4) != 3;
  switch (t) {
    case VT::kI32:
      if (interesting) return kI32Interesting[in_.Below(Count(kI32Interesting))];
      return in_.U32();
    case VT::kI64:
      if (interesting) return kI64Interesting[in_.Below(Count(kI64Interesting))];
      return in_.U64();
    case VT::kF32:
      if (interesting) return kF32Interesting[in_.Below(Count(kF32Interesting))];
      return in_.U32();
    case VT::kF64:
      if (interesting) return kF64Interesting[in_.Below(Count(kF64Interesting))];
      return in_.U64();
    default:
      return 0;
  }
}

void Generator::ConstExpr(Buf& b, VT t) {
  uint64_t bits = RandomBits(t);
  switch (t) {
    case VT::kI32: b.U8(0x41); b.Sleb(static_cast<int32_t>(bits)); break;
    case VT::kI64: b.U8(0x42); b.Sleb(static_cast<int64_t>(bits)); break;
    case VT::kF32: b.U8(0x43); b.Fixed(bits, 4); break;
    case VT::kF64: b.U8(0x44); b.Fixed(bits, 8); break;
    case VT::kFuncRef:
      if (!func_types_.empty() && in_.Below(2)) {
        b.U8(0xd2);
        b.Uleb(in_.Below(static_cast<uint32_t>(func_types_.size())));
      } else {
        b.U8(0xd0); b.U8(0x70);
      }
      break;
    case VT::kExternRef: b.U8(0xd0); b.U8(0x6f); break;
  }
  b.U8(0x0b);
}

void Generator::Run() {
  out_->fuel = 200 + in_.Below(2000);
  // Functions: imported host functions first, then defined ones.
  n_imports_ = in_.Below(3);
  uint32_t n_defined = 1 + in_.Below(o_.max_funcs);
  for (uint32_t i = 0; i < n_imports_ + n_defined; ++i) {
    std::vector<VT> params = RandomTypes(3, true);
    std::vector<VT> results = RandomTypes(i < n_imports_ ? 2 : 3, true);
    if (in_.OneIn(4) && !types_.empty()) {
      func_types_.push_back(in_.Below(static_cast<uint32_t>(types_.size())));
    } else {
      func_types_.push_back(AddType(params, results));
    }
  }
  for (uint32_t i = 0; i < n_imports_; ++i) out_->imports.push_back(types_[func_types_[i]]);

  // Globals: 0 is the fuel counter.
  globals_.push_back(GlobalDef{VT::kI32, true});
  {
    Buf b;
    b.U8(0x41);
    b.Sleb(static_cast<int32_t>(out_->fuel));
    b.U8(0x0b);
    global_inits_.push_back(b.data());
  }
  uint32_t n_globals = in_.Below(5);
  for (uint32_t i = 0; i < n_globals; ++i) {
    VT t = RandomType(true);
    globals_.push_back(GlobalDef{t, in_.Below(3) != 0});
    Buf b;
    ConstExpr(b, t);
    global_inits_.push_back(b.data());
  }

  // Memory: small, always with a maximum (bounded growth keeps runs fast and deterministic).
  has_mem_ = in_.Below(8) != 0;
  if (has_mem_) {
    mem_min_ = in_.Below(8) == 0 ? 0 : 1 + in_.Below(2);
    mem_max_ = mem_min_ + in_.Below(o_.deterministic ? 5 : 9);
  }

  // Tables: table 0 is funcref (for call_indirect); sometimes an externref or second funcref.
  if (in_.Below(8) != 0) {
    uint32_t min = in_.Below(static_cast<uint32_t>(func_types_.size()) + 4);
    tables_.push_back(TableDef{VT::kFuncRef, min, min + in_.Below(16)});
    if (in_.Below(3) == 0) {
      min = in_.Below(6);
      tables_.push_back(TableDef{in_.Below(2) ? VT::kExternRef : VT::kFuncRef, min,
                                 min + in_.Below(16)});
    }
  }

  // Element segments.
  uint32_t n_funcs = static_cast<uint32_t>(func_types_.size());
  uint32_t n_elem = in_.Below(4);
  Buf elems;
  if (!tables_.empty() && in_.Below(4) != 0) {
    // fill table 0 (usually all of it) with random functions
    uint32_t count = tables_[0].min - in_.Below(2);
    if (count > tables_[0].min) count = 0;
    elems.U8(0x00);
    elems.U8(0x41); elems.Sleb(0); elems.U8(0x0b);
    elems.Uleb(count);
    for (uint32_t j = 0; j < count; ++j) elems.Uleb(in_.Below(n_funcs));
    elems_.push_back(ElemDef{VT::kFuncRef});
  }
  for (uint32_t i = 0; i < n_elem; ++i) {
    uint32_t kind = in_.Below(5);
    uint32_t count = in_.Below(6);
    if (kind == 0 && !tables_.empty() && tables_[0].elem == VT::kFuncRef) {
      // active, table 0, function indices; usually in bounds
      uint32_t off = in_.Below(tables_[0].min + 1);
      if (off + count > tables_[0].min && !in_.OneIn(16)) count = tables_[0].min - off;
      elems.U8(0x00);
      elems.U8(0x41); elems.Sleb(static_cast<int32_t>(off)); elems.U8(0x0b);
      elems.Uleb(count);
      for (uint32_t j = 0; j < count; ++j) elems.Uleb(in_.Below(n_funcs));
      elems_.push_back(ElemDef{VT::kFuncRef});
    } else if (kind == 1) {
      // passive, function indices
      elems.U8(0x01); elems.U8(0x00);
      elems.Uleb(count);
      for (uint32_t j = 0; j < count; ++j) elems.Uleb(in_.Below(n_funcs));
      elems_.push_back(ElemDef{VT::kFuncRef});
    } else if (kind == 2) {
      // passive, expressions
      VT t = in_.Below(2) ? VT::kFuncRef : VT::kExternRef;
      elems.U8(0x05); elems.U8(static_cast<uint8_t>(t));
      elems.Uleb(count);
      for (uint32_t j = 0; j < count; ++j) ConstExpr(elems, t);
      elems_.push_back(ElemDef{t});
    } else if (kind == 3 && tables_.size() > 1) {
      // active, explicit table 1, expressions
      VT t = tables_[1].elem;
      uint32_t off = in_.Below(tables_[1].min + 1);
      if (off + count > tables_[1].min && !in_.OneIn(16)) count = tables_[1].min - off;
      elems.U8(0x06); elems.U8(0x01);
      elems.U8(0x41); elems.Sleb(static_cast<int32_t>(off)); elems.U8(0x0b);
      elems.U8(static_cast<uint8_t>(t));
      elems.Uleb(count);
      for (uint32_t j = 0; j < count; ++j) ConstExpr(elems, t);
      elems_.push_back(ElemDef{t});
    } else {
      // declarative
      elems.U8(0x03); elems.U8(0x00);
      elems.Uleb(count);
      for (uint32_t j = 0; j < count; ++j) elems.Uleb(in_.Below(n_funcs));
      elems_.push_back(ElemDef{VT::kFuncRef});
    }
  }
  // A declarative segment naming every function, so that ref.func may name any of them.
  elems.U8(0x03); elems.U8(0x00);
  elems.Uleb(n_funcs);
  for (uint32_t f = 0; f < n_funcs; ++f) elems.Uleb(f);
  elems_.push_back(ElemDef{VT::kFuncRef});
  elem_section_ = elems;

  // Data segments.
  if (has_mem_) {
    n_data_ = in_.Below(4);
    Buf data;
    for (uint32_t i = 0; i < n_data_; ++i) {
      std::vector<uint8_t> bytes(in_.Below(24));
      for (auto& b : bytes) b = in_.U8();
      uint32_t kind = in_.Below(3);
      if (kind == 1) {
        data.U8(0x01);
      } else {
        uint32_t limit = mem_min_ * 65536;
        uint32_t off = in_.Below(4) == 0 ? in_.Below(64) : limit - in_.Below(limit < 64 ? limit + 1 : 64);
        if (off + bytes.size() > limit && !in_.OneIn(16)) {
          off = limit >= bytes.size() ? static_cast<uint32_t>(limit - bytes.size()) : 0;
          if (limit < bytes.size()) bytes.clear();
        }
        if (kind == 2) {
          data.U8(0x02); data.U8(0x00);
        } else {
          data.U8(0x00);
        }
        data.U8(0x41); data.Sleb(static_cast<int32_t>(off)); data.U8(0x0b);
      }
      data.Uleb(bytes.size());
      data.Bytes(bytes);
    }
    data_section_ = data;
  }

  // Start function: an existing [] -> [] function, sometimes.
  if (in_.OneIn(6)) {
    for (uint32_t f = n_imports_; f < n_funcs; ++f) {
      const FuncSig& s = types_[func_types_[f]];
      if (s.params.empty() && s.results.empty()) {
        start_ = static_cast<int>(f);
        break;
      }
    }
  }

  Buf code_section;
  code_section.Uleb(n_funcs - n_imports_);
  for (uint32_t f = n_imports_; f < n_funcs; ++f) GenFunction(f, code_section);

  // The call plan: every defined function once, in order, then a few more.
  uint32_t extra = in_.Below(4);
  for (uint32_t k = 0; k < n_defined + extra; ++k) {
    uint32_t d = k < n_defined ? k : in_.Below(n_defined);
    PlanCall c;
    c.export_name = "f" + std::to_string(d);
    c.sig = types_[func_types_[n_imports_ + d]];
    for (VT t : c.sig.params) {
      uint64_t bits = RandomBits(t);
      // Only the canonical NaN survives a trip through JavaScript unchanged.
      if (t == VT::kF32 && (bits & 0x7f800000u) == 0x7f800000u && (bits & 0x7fffffu)) bits = 0x7fc00000u;
      if (t == VT::kF64 && (bits & 0x7ff0000000000000ull) == 0x7ff0000000000000ull &&
          (bits & 0xfffffffffffffull)) {
        bits = 0x7ff8000000000000ull;
      }
      c.args.push_back(PlanValue{t, bits});
    }
    out_->calls.push_back(c);
  }
  for (size_t g = 1; g < globals_.size(); ++g) {
    out_->globals.push_back(PlanGlobal{"g" + std::to_string(g), globals_[g].type});
  }
  for (size_t t = 0; t < tables_.size(); ++t) out_->tables.push_back("t" + std::to_string(t));
  out_->has_memory = has_mem_;
  out_->wasm = Assemble(code_section);
}

std::vector<uint8_t> Generator::Assemble(Buf& code_section) {
  Buf m;
  const uint8_t header[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  for (uint8_t b : header) m.U8(b);
  auto section = [&m](uint8_t id, const Buf& body) {
    m.U8(id);
    m.Uleb(body.size());
    m.Bytes(body.data());
  };
  auto types = [](Buf& b, const std::vector<VT>& ts) {
    b.Uleb(ts.size());
    for (VT t : ts) b.U8(static_cast<uint8_t>(t));
  };
  {
    Buf b;
    b.Uleb(types_.size());
    for (const FuncSig& s : types_) {
      b.U8(0x60);
      types(b, s.params);
      types(b, s.results);
    }
    section(1, b);
  }
  if (n_imports_) {
    Buf b;
    b.Uleb(n_imports_);
    for (uint32_t i = 0; i < n_imports_; ++i) {
      b.Name("env");
      b.Name("h" + std::to_string(i));
      b.U8(0x00);
      b.Uleb(func_types_[i]);
    }
    section(2, b);
  }
  {
    Buf b;
    b.Uleb(func_types_.size() - n_imports_);
    for (size_t f = n_imports_; f < func_types_.size(); ++f) b.Uleb(func_types_[f]);
    section(3, b);
  }
  if (!tables_.empty()) {
    Buf b;
    b.Uleb(tables_.size());
    for (const TableDef& t : tables_) {
      b.U8(static_cast<uint8_t>(t.elem));
      b.U8(0x01);
      b.Uleb(t.min);
      b.Uleb(t.max);
    }
    section(4, b);
  }
  if (has_mem_) {
    Buf b;
    b.Uleb(1);
    b.U8(0x01);
    b.Uleb(mem_min_);
    b.Uleb(mem_max_);
    section(5, b);
  }
  {
    Buf b;
    b.Uleb(globals_.size());
    for (size_t g = 0; g < globals_.size(); ++g) {
      b.U8(static_cast<uint8_t>(globals_[g].type));
      b.U8(globals_[g].mut ? 1 : 0);
      b.Bytes(global_inits_[g]);
    }
    section(6, b);
  }
  {
    Buf b;
    uint32_t n = static_cast<uint32_t>(func_types_.size() - n_imports_ + globals_.size() +
                                       tables_.size() + (has_mem_ ? 1 : 0));
    b.Uleb(n);
    for (size_t f = n_imports_; f < func_types_.size(); ++f) {
      b.Name("f" + std::to_string(f - n_imports_));
      b.U8(0x00);
      b.Uleb(f);
    }
    for (size_t g = 0; g < globals_.size(); ++g) {
      b.Name(g == 0 ? std::string("fuel") : "g" + std::to_string(g));
      b.U8(0x03);
      b.Uleb(g);
    }
    for (size_t t = 0; t < tables_.size(); ++t) {
      b.Name("t" + std::to_string(t));
      b.U8(0x01);
      b.Uleb(t);
    }
    if (has_mem_) {
      b.Name("mem");
      b.U8(0x02);
      b.Uleb(0);
    }
    section(7, b);
  }
  if (start_ >= 0) {
    Buf b;
    b.Uleb(static_cast<uint32_t>(start_));
    section(8, b);
  }
  if (!elems_.empty()) {
    Buf b;
    b.Uleb(elems_.size());
    b.Bytes(elem_section_.data());
    section(9, b);
  }
  if (has_mem_) {
    Buf b;
    b.Uleb(n_data_);
    section(12, b);
  }
  section(10, code_section);
  if (has_mem_ && n_data_) {
    Buf b;
    b.Uleb(n_data_);
    b.Bytes(data_section_.data());
    section(11, b);
  }
  return m.data();
}

// ---------------------------------------------------------------------------------------------
// Functions

uint32_t Generator::Scratch(VT t) {
  int& s = scratch_[static_cast<uint8_t>(t)];
  if (s < 0) s = static_cast<int>(NewLocal(t));
  return static_cast<uint32_t>(s);
}

void Generator::GenFunction(uint32_t f, Buf& code_section) {
  const FuncSig sig = types_[func_types_[f]];
  Buf body;
  code_ = &body;
  locals_ = sig.params;
  uint32_t n_params = static_cast<uint32_t>(locals_.size());
  for (int& s : scratch_) s = -1;
  uint32_t n_locals = in_.Below(5);
  for (uint32_t i = 0; i < n_locals; ++i) NewLocal(RandomType(true));
  results_ = sig.results;
  labels_.clear();
  labels_.push_back(results_);
  budget_ = static_cast<int>(20 + in_.Below(o_.max_body_ops));

  FuelCheck(0, results_, /*is_return=*/true);
  Stmts(4, 6);
  Exprs(results_, 4);
  Op(0x0b);

  Buf fn;
  fn.Uleb(locals_.size() - n_params);
  for (size_t i = n_params; i < locals_.size(); ++i) {
    fn.Uleb(1);
    fn.U8(static_cast<uint8_t>(locals_[i]));
  }
  fn.Bytes(body.data());
  code_section.Uleb(fn.size());
  code_section.Bytes(fn.data());
  code_ = nullptr;
}

// if (fuel == 0) { push constants of exit_types; br exit | return } ; fuel -= 1
void Generator::FuelCheck(uint32_t exit_label_depth, const std::vector<VT>& exit_types,
                          bool is_return) {
  Op(0x23); code_->Uleb(0);
  Op(0x45);
  Op(0x04); Op(0x40);
  labels_.push_back({});
  for (VT t : exit_types) Const(t);
  if (is_return) {
    Op(0x0f);
  } else {
    Op(0x0c);
    code_->Uleb(exit_label_depth + 1);
  }
  labels_.pop_back();
  Op(0x0b);
  Op(0x23); code_->Uleb(0);
  Op(0x41); code_->Sleb(1);
  Op(0x6b);
  Op(0x24); code_->Uleb(0);
}

void Generator::ConstOf(VT t, uint64_t bits) {
  switch (t) {
    case VT::kI32: Op(0x41); code_->Sleb(static_cast<int32_t>(bits)); break;
    case VT::kI64: Op(0x42); code_->Sleb(static_cast<int64_t>(bits)); break;
    case VT::kF32: Op(0x43); code_->Fixed(bits, 4); break;
    case VT::kF64: Op(0x44); code_->Fixed(bits, 8); break;
    case VT::kFuncRef: Op(0xd0); Op(0x70); break;
    case VT::kExternRef: Op(0xd0); Op(0x6f); break;
  }
}

void Generator::Const(VT t) { ConstOf(t, RandomBits(t)); }

int Generator::PickLocal(VT t) {
  std::vector<uint32_t> c;
  for (size_t i = 0; i < locals_.size(); ++i) {
    if (locals_[i] == t) c.push_back(static_cast<uint32_t>(i));
  }
  if (c.empty()) return -1;
  return static_cast<int>(c[in_.Below(static_cast<uint32_t>(c.size()))]);
}

int Generator::PickGlobal(VT t, bool need_mut) {
  std::vector<uint32_t> c;
  for (size_t i = need_mut ? 1 : 0; i < globals_.size(); ++i) {
    if (globals_[i].type == t && (!need_mut || globals_[i].mut)) c.push_back(static_cast<uint32_t>(i));
  }
  if (c.empty()) return -1;
  return static_cast<int>(c[in_.Below(static_cast<uint32_t>(c.size()))]);
}

int Generator::PickTable(VT elem) {
  std::vector<uint32_t> c;
  for (size_t i = 0; i < tables_.size(); ++i) {
    if (tables_[i].elem == elem) c.push_back(static_cast<uint32_t>(i));
  }
  if (c.empty()) return -1;
  return static_cast<int>(c[in_.Below(static_cast<uint32_t>(c.size()))]);
}

int Generator::PickElem(VT type) {
  std::vector<uint32_t> c;
  for (size_t i = 0; i < elems_.size(); ++i) {
    if (elems_[i].type == type) c.push_back(static_cast<uint32_t>(i));
  }
  if (c.empty()) return -1;
  return static_cast<int>(c[in_.Below(static_cast<uint32_t>(c.size()))]);
}

void Generator::Leaf(VT t) {
  switch (in_.Below(4)) {
    case 1: {
      int l = PickLocal(t);
      if (l >= 0) { LocalGet(static_cast<uint32_t>(l)); return; }
      break;
    }
    case 2: {
      int g = PickGlobal(t, false);
      if (g >= 0) { Op(0x23); code_->Uleb(static_cast<uint32_t>(g)); return; }
      break;
    }
    case 3:
      if (t == VT::kFuncRef && !func_types_.empty()) {
        Op(0xd2);
        code_->Uleb(in_.Below(static_cast<uint32_t>(func_types_.size())));
        return;
      }
      break;
    default:
      break;
  }
  Const(t);
}

// Keeps one value of type `want` out of the values `produced` pushed last; else a constant.
void Generator::Collapse(const std::vector<VT>& produced, VT want) {
  int keep = -1;
  for (int i = static_cast<int>(produced.size()) - 1; i >= 0; --i) {
    if (produced[i] == want) { keep = i; break; }
  }
  uint32_t tmp = keep >= 0 ? Scratch(want) : 0;
  for (int i = static_cast<int>(produced.size()) - 1; i >= 0; --i) {
    if (i == keep) {
      LocalSet(tmp);
    } else {
      Op(0x1a);
    }
  }
  if (keep >= 0) {
    LocalGet(tmp);
  } else {
    Const(want);
  }
}

void Generator::DropAll(const std::vector<VT>& produced) {
  for (size_t i = 0; i < produced.size(); ++i) Op(0x1a);
}

// NaN -> canonical NaN, for the value on top of the stack (deterministic mode only).
void Generator::Canon(VT t) {
  if (!o_.deterministic) return;
  uint32_t s = Scratch(t);
  LocalSet(s);
  LocalGet(s);
  if (t == VT::kF32) {
    ConstOf(t, 0x7fc00000u);
  } else {
    ConstOf(t, 0x7ff8000000000000ull);
  }
  LocalGet(s);
  LocalGet(s);
  Op(t == VT::kF32 ? 0x5b : 0x61);  // eq: false only for NaN
  Op(0x1b);
}

void Generator::Addr(int depth) {
  uint32_t limit = mem_min_ * 65536;
  switch (in_.Below(16)) {
    case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7:
      ConstOf(VT::kI32, limit ? in_.Below(limit - 64) : in_.Below(16));
      break;
    case 8: case 9: case 10: case 11: case 12:
      Expr(VT::kI32, depth - 1);
      ConstOf(VT::kI32, limit > 65536 ? 0x1ff00 : 0xff00);
      Op(0x71);
      break;
    case 13: case 14:
      ConstOf(VT::kI32, limit - in_.Below(16));
      break;
    default:
      Expr(VT::kI32, depth - 1);
      break;
  }
}

void Generator::MemArg(uint32_t natural_log2) {
  code_->Uleb(in_.Below(natural_log2 + 1));
  switch (in_.Below(16)) {
    case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7: code_->Uleb(0); break;
    case 8: case 9: case 10: case 11: case 12: case 13: case 14: code_->Uleb(in_.Below(64)); break;
    default: code_->Uleb(in_.Below(2) ? 65536u * in_.Below(4) : 0xffffffffu - in_.Below(8)); break;
  }
}

void Generator::BlockType(const std::vector<VT>& params, const std::vector<VT>& results) {
  if (params.empty() && results.empty()) {
    Op(0x40);
  } else if (params.empty() && results.size() == 1) {
    Op(static_cast<uint8_t>(results[0]));
  } else {
    code_->Sleb(AddType(params, results));
  }
}

void Generator::BlockBody(const std::vector<VT>& params, const std::vector<VT>& results,
                          int depth) {
  for (int i = static_cast<int>(params.size()) - 1; i >= 0; --i) LocalSet(NewLocal(params[i]));
  Stmts(depth - 1, 4);
  Exprs(results, depth - 1);
}

// kind 0: block, 1: loop (inside a block, with a fuel check), 2: if/else.
void Generator::Structured(int kind, const std::vector<VT>& params,
                           const std::vector<VT>& results, int depth) {
  if (kind == 0) {
    Op(0x02);
    BlockType(params, results);
    labels_.push_back(results);
    BlockBody(params, results, depth);
    labels_.pop_back();
    Op(0x0b);
  } else if (kind == 1) {
    Op(0x02);
    BlockType(params, results);
    labels_.push_back(results);
    Op(0x03);
    BlockType(params, results);
    labels_.push_back(params);
    std::vector<uint32_t> ls;
    for (int i = static_cast<int>(params.size()) - 1; i >= 0; --i) {
      uint32_t l = NewLocal(params[i]);
      LocalSet(l);
      ls.insert(ls.begin(), l);
    }
    FuelCheck(1, results, false);
    Stmts(depth - 1, 4);
    if (in_.Below(3) != 0) {
      // the back edge, with fresh loop parameters
      for (size_t i = 0; i < params.size(); ++i) {
        if (in_.Below(2)) {
          LocalGet(ls[i]);
        } else {
          Expr(params[i], depth - 1);
        }
      }
      Expr(VT::kI32, depth - 1);
      Op(0x0d);
      code_->Uleb(0);
      DropAll(params);
    }
    Exprs(results, depth - 1);
    labels_.pop_back();
    Op(0x0b);
    labels_.pop_back();
    Op(0x0b);
  } else {
    Expr(VT::kI32, depth - 1);
    Op(0x04);
    BlockType(params, results);
    labels_.push_back(results);
    BlockBody(params, results, depth);
    Op(0x05);
    BlockBody(params, results, depth);
    labels_.pop_back();
    Op(0x0b);
  }
}

uint32_t Generator::PickFuncWithResult(VT t, bool* found) {
  std::vector<uint32_t> c;
  for (size_t f = 0; f < func_types_.size(); ++f) {
    for (VT r : types_[func_types_[f]].results) {
      if (r == t) { c.push_back(static_cast<uint32_t>(f)); break; }
    }
  }
  *found = !c.empty();
  if (c.empty()) return in_.Below(static_cast<uint32_t>(func_types_.size()));
  return c[in_.Below(static_cast<uint32_t>(c.size()))];
}

void Generator::CallFunc(uint32_t f, int depth) {
  Exprs(types_[func_types_[f]].params, depth - 1);
  Op(0x10);
  code_->Uleb(f);
}

void Generator::CallIndirect(uint32_t type_index, int depth) {
  Exprs(types_[type_index].params, depth - 1);
  if (in_.Below(3) != 0) {
    ConstOf(VT::kI32, in_.Below(8) ? in_.Below(tables_[0].min) : in_.Below(tables_[0].min + 2));
  } else {
    Expr(VT::kI32, depth - 1);
  }
  Op(0x11);
  code_->Uleb(type_index);
  code_->Uleb(0);
}

// Options available for every type; false if the chosen one did not apply.
bool Generator::ExprCommon(VT t, int depth) {
  switch (in_.Below(9)) {
    case 0: {  // local.tee
      int l = PickLocal(t);
      if (l < 0) return false;
      Expr(t, depth - 1);
      Op(0x22);
      code_->Uleb(static_cast<uint32_t>(l));
      return true;
    }
    case 1: {  // select
      Expr(t, depth - 1);
      Expr(t, depth - 1);
      Expr(VT::kI32, depth - 1);
      if (IsRef(t) || in_.Below(4) == 0) {
        Op(0x1c); code_->Uleb(1); Op(static_cast<uint8_t>(t));
      } else {
        Op(0x1b);
      }
      return true;
    }
    case 2: case 3: {  // block / loop / if producing values
      std::vector<VT> params = RandomTypes(2, true);
      std::vector<VT> results = RandomTypes(2, true);
      if (in_.Below(2)) results.insert(results.begin() + in_.Below(static_cast<uint32_t>(results.size()) + 1), t);
      Exprs(params, depth - 1);
      Structured(static_cast<int>(in_.Below(3)), params, results, depth);
      Collapse(results, t);
      return true;
    }
    case 4: case 5: {  // call
      bool found;
      uint32_t f = PickFuncWithResult(t, &found);
      CallFunc(f, depth);
      Collapse(types_[func_types_[f]].results, t);
      return true;
    }
    case 6: {  // call_indirect
      if (tables_.empty() || tables_[0].elem != VT::kFuncRef) return false;
      uint32_t ti = in_.Below(4) == 0 ? in_.Below(static_cast<uint32_t>(types_.size()))
                                      : func_types_[in_.Below(static_cast<uint32_t>(func_types_.size()))];
      CallIndirect(ti, depth);
      Collapse(types_[ti].results, t);
      return true;
    }
    default: {  // global.get
      int g = PickGlobal(t, false);
      if (g < 0) return false;
      Op(0x23);
      code_->Uleb(static_cast<uint32_t>(g));
      return true;
    }
  }
}

bool Generator::ExprI32(int depth) {
  switch (in_.Below(16)) {
    case 0: case 1: {  // binary
      Expr(VT::kI32, depth - 1);
      Expr(VT::kI32, depth - 1);
      Op(static_cast<uint8_t>(0x6a + in_.Below(15)));
      return true;
    }
    case 2: {  // unary
      const uint8_t ops[] = {0x67, 0x68, 0x69, 0xc0, 0xc1, 0x45};
      Expr(VT::kI32, depth - 1);
      Op(ops[in_.Below(6)]);
      return true;
    }
    case 3: case 4: {  // comparisons of any numeric type
      switch (in_.Below(5)) {
        case 0: Expr(VT::kI32, depth - 1); Expr(VT::kI32, depth - 1); Op(static_cast<uint8_t>(0x46 + in_.Below(10))); break;
        case 1: Expr(VT::kI64, depth - 1); Expr(VT::kI64, depth - 1); Op(static_cast<uint8_t>(0x51 + in_.Below(10))); break;
        case 2: Expr(VT::kF32, depth - 1); Expr(VT::kF32, depth - 1); Op(static_cast<uint8_t>(0x5b + in_.Below(6))); break;
        case 3: Expr(VT::kF64, depth - 1); Expr(VT::kF64, depth - 1); Op(static_cast<uint8_t>(0x61 + in_.Below(6))); break;
        default: Expr(VT::kI64, depth - 1); Op(0x50); break;
      }
      return true;
    }
    case 5: {  // conversions to i32
      switch (in_.Below(6)) {
        case 0: Expr(VT::kI64, depth - 1); Op(0xa7); break;
        case 1: Expr(VT::kF32, depth - 1); Op(static_cast<uint8_t>(0xa8 + in_.Below(2))); break;
        case 2: Expr(VT::kF64, depth - 1); Op(static_cast<uint8_t>(0xaa + in_.Below(2))); break;
        case 3: Expr(VT::kF32, depth - 1); OpFC(in_.Below(2)); break;
        case 4: Expr(VT::kF64, depth - 1); OpFC(2 + in_.Below(2)); break;
        default: Expr(VT::kF32, depth - 1); Canon(VT::kF32); Op(0xbc); break;
      }
      return true;
    }
    case 6: case 7: {  // loads
      if (!has_mem_) return false;
      const uint8_t ops[] = {0x28, 0x2c, 0x2d, 0x2e, 0x2f};
      const uint32_t log2[] = {2, 0, 0, 1, 1};
      uint32_t k = in_.Below(5);
      Load(ops[k], log2[k], depth);
      return true;
    }
    case 8: {  // memory.size / memory.grow
      if (!has_mem_) return false;
      if (in_.Below(2)) {
        Op(0x3f); Op(0x00);
      } else {
        if (in_.Below(3)) ConstOf(VT::kI32, in_.Below(3)); else Expr(VT::kI32, depth - 1);
        Op(0x40); Op(0x00);
      }
      return true;
    }
    case 9: {  // ref.is_null
      Expr(in_.Below(2) ? VT::kFuncRef : VT::kExternRef, depth - 1);
      Op(0xd1);
      return true;
    }
    case 10: {  // table.size / table.grow
      if (tables_.empty()) return false;
      uint32_t ti = in_.Below(static_cast<uint32_t>(tables_.size()));
      if (in_.Below(2)) {
        OpFC(16); code_->Uleb(ti);
      } else {
        Expr(tables_[ti].elem, depth - 1);
        if (in_.Below(3)) ConstOf(VT::kI32, in_.Below(4)); else Expr(VT::kI32, depth - 1);
        OpFC(15); code_->Uleb(ti);
      }
      return true;
    }
    default:
      return ExprCommon(VT::kI32, depth);
  }
}

bool Generator::ExprI64(int depth) {
  switch (in_.Below(12)) {
    case 0: case 1:
      Expr(VT::kI64, depth - 1);
      Expr(VT::kI64, depth - 1);
      Op(static_cast<uint8_t>(0x7c + in_.Below(15)));
      return true;
    case 2: {
      const uint8_t ops[] = {0x79, 0x7a, 0x7b, 0xc2, 0xc3, 0xc4};
      Expr(VT::kI64, depth - 1);
      Op(ops[in_.Below(6)]);
      return true;
    }
    case 3: case 4:
      switch (in_.Below(6)) {
        case 0: Expr(VT::kI32, depth - 1); Op(static_cast<uint8_t>(0xac + in_.Below(2))); break;
        case 1: Expr(VT::kF32, depth - 1); Op(static_cast<uint8_t>(0xae + in_.Below(2))); break;
        case 2: Expr(VT::kF64, depth - 1); Op(static_cast<uint8_t>(0xb0 + in_.Below(2))); break;
        case 3: Expr(VT::kF32, depth - 1); OpFC(4 + in_.Below(2)); break;
        case 4: Expr(VT::kF64, depth - 1); OpFC(6 + in_.Below(2)); break;
        default: Expr(VT::kF64, depth - 1); Canon(VT::kF64); Op(0xbd); break;
      }
      return true;
    case 5: case 6: {
      if (!has_mem_) return false;
      const uint8_t ops[] = {0x29, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35};
      const uint32_t log2[] = {3, 0, 0, 1, 1, 2, 2};
      uint32_t k = in_.Below(7);
      Load(ops[k], log2[k], depth);
      return true;
    }
    default:
      return ExprCommon(VT::kI64, depth);
  }
}

bool Generator::ExprF(VT t, int depth) {
  bool f32 = t == VT::kF32;
  switch (in_.Below(12)) {
    case 0: case 1: {
      uint8_t op = static_cast<uint8_t>((f32 ? 0x92 : 0xa0) + in_.Below(7));
      Expr(t, depth - 1);
      Expr(t, depth - 1);
      if (op == 0x98 || op == 0xa6) Canon(t);  // copysign's sign source
      Op(op);
      return true;
    }
    case 2: case 3:
      Expr(t, depth - 1);
      Op(static_cast<uint8_t>((f32 ? 0x8b : 0x99) + in_.Below(7)));
      return true;
    case 4: case 5:
      switch (in_.Below(4)) {
        case 0: Expr(VT::kI32, depth - 1); Op(static_cast<uint8_t>((f32 ? 0xb2 : 0xb7) + in_.Below(2))); break;
        case 1: Expr(VT::kI64, depth - 1); Op(static_cast<uint8_t>((f32 ? 0xb4 : 0xb9) + in_.Below(2))); break;
        case 2: Expr(f32 ? VT::kF64 : VT::kF32, depth - 1); Op(f32 ? 0xb6 : 0xbb); break;
        default: Expr(f32 ? VT::kI32 : VT::kI64, depth - 1); Op(f32 ? 0xbe : 0xbf); break;
      }
      return true;
    case 6:
      if (!has_mem_) return false;
      Load(f32 ? 0x2a : 0x2b, f32 ? 2 : 3, depth);
      return true;
    default:
      return ExprCommon(t, depth);
  }
}

bool Generator::ExprRef(VT t, int depth) {
  switch (in_.Below(6)) {
    case 0: {  // table.get
      int ti = PickTable(t);
      if (ti < 0) return false;
      if (in_.Below(4)) ConstOf(VT::kI32, in_.Below(tables_[ti].min + (in_.Below(8) ? 0 : 2))); else Expr(VT::kI32, depth - 1);
      Op(0x25);
      code_->Uleb(static_cast<uint32_t>(ti));
      return true;
    }
    case 1:
      if (t != VT::kFuncRef || func_types_.empty()) return false;
      Op(0xd2);
      code_->Uleb(in_.Below(static_cast<uint32_t>(func_types_.size())));
      return true;
    default:
      return ExprCommon(t, depth);
  }
}

void Generator::Expr(VT t, int depth) {
  if (depth <= 0 || budget_ <= 0 || in_.Below(4) == 0) {
    Leaf(t);
    return;
  }
  --budget_;
  bool done = false;
  switch (t) {
    case VT::kI32: done = ExprI32(depth); break;
    case VT::kI64: done = ExprI64(depth); break;
    case VT::kF32: case VT::kF64: done = ExprF(t, depth); break;
    default: done = ExprRef(t, depth); break;
  }
  if (!done) Leaf(t);
}

void Generator::Stmt(int depth) {
  if (budget_ <= 0) return;
  --budget_;
  if (depth <= 0) {
    VT t = RandomType(true);
    Leaf(t);
    Op(0x1a);
    return;
  }
  switch (in_.Below(20)) {
    case 0: case 1: {  // local.set
      VT t = RandomType(true);
      int l = PickLocal(t);
      Expr(t, depth - 1);
      if (l >= 0) LocalSet(static_cast<uint32_t>(l)); else Op(0x1a);
      return;
    }
    case 2: {  // global.set
      VT t = RandomType(true);
      int g = PickGlobal(t, true);
      Expr(t, depth - 1);
      if (g >= 0) { Op(0x24); code_->Uleb(static_cast<uint32_t>(g)); } else { Op(0x1a); }
      return;
    }
    case 3: case 4: {  // stores
      if (!has_mem_) break;
      const uint8_t ops[] = {0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e};
      const VT tys[] = {VT::kI32, VT::kI64, VT::kF32, VT::kF64, VT::kI32,
                        VT::kI32, VT::kI64, VT::kI64, VT::kI64};
      const uint32_t log2[] = {2, 3, 2, 3, 0, 1, 0, 1, 2};
      uint32_t k = in_.Below(9);
      Addr(depth);
      Expr(tys[k], depth - 1);
      if (tys[k] == VT::kF32 || tys[k] == VT::kF64) Canon(tys[k]);
      Op(ops[k]);
      MemArg(log2[k]);
      return;
    }
    case 5: case 6: case 7: {  // structured, results dropped
      std::vector<VT> params = RandomTypes(2, true);
      std::vector<VT> results = RandomTypes(2, true);
      Exprs(params, depth - 1);
      Structured(static_cast<int>(in_.Below(3)), params, results, depth);
      DropAll(results);
      return;
    }
    case 8: case 9: {  // br_if
      size_t li = in_.Below(static_cast<uint32_t>(labels_.size()));
      const std::vector<VT> ts = labels_[li];
      Exprs(ts, depth - 1);
      Expr(VT::kI32, depth - 1);
      Op(0x0d);
      code_->Uleb(LabelDepth(li));
      DropAll(ts);
      return;
    }
    case 10: {  // br (rest of the block is dead code)
      if (!in_.OneIn(3)) break;
      size_t li = in_.Below(static_cast<uint32_t>(labels_.size()));
      Exprs(labels_[li], depth - 1);
      Op(0x0c);
      code_->Uleb(LabelDepth(li));
      return;
    }
    case 11: {  // br_table
      size_t li = in_.Below(static_cast<uint32_t>(labels_.size()));
      const std::vector<VT> ts = labels_[li];
      std::vector<uint32_t> same;
      for (size_t i = 0; i < labels_.size(); ++i) {
        if (labels_[i] == ts) same.push_back(LabelDepth(i));
      }
      Exprs(ts, depth - 1);
      if (in_.Below(2)) ConstOf(VT::kI32, in_.Below(6)); else Expr(VT::kI32, depth - 1);
      Op(0x0e);
      uint32_t n = in_.Below(5);
      code_->Uleb(n);
      for (uint32_t i = 0; i < n; ++i) code_->Uleb(same[in_.Below(static_cast<uint32_t>(same.size()))]);
      code_->Uleb(LabelDepth(li));
      return;
    }
    case 12: case 13: {  // call, results dropped
      uint32_t f = in_.Below(static_cast<uint32_t>(func_types_.size()));
      CallFunc(f, depth);
      DropAll(types_[func_types_[f]].results);
      return;
    }
    case 14: {  // bulk memory
      if (!has_mem_) break;
      auto len = [&]() {
        if (in_.Below(3)) ConstOf(VT::kI32, in_.Below(40)); else Expr(VT::kI32, depth - 1);
      };
      switch (in_.Below(4)) {
        case 0: Addr(depth); Expr(VT::kI32, depth - 1); len(); OpFC(11); Op(0x00); break;
        case 1: Addr(depth); Addr(depth); len(); OpFC(10); Op(0x00); Op(0x00); break;
        case 2:
          if (!n_data_) { Op(0x01); break; }
          Addr(depth);
          ConstOf(VT::kI32, in_.Below(24));
          len();
          OpFC(8); code_->Uleb(in_.Below(n_data_)); Op(0x00);
          break;
        default:
          if (!n_data_) { Op(0x01); break; }
          OpFC(9); code_->Uleb(in_.Below(n_data_));
          break;
      }
      return;
    }
    case 15: {  // table operations
      if (tables_.empty()) break;
      uint32_t ti = in_.Below(static_cast<uint32_t>(tables_.size()));
      VT et = tables_[ti].elem;
      auto idx = [&]() {
        if (in_.Below(4)) ConstOf(VT::kI32, in_.Below(tables_[ti].min + (in_.Below(8) ? 0 : 2))); else Expr(VT::kI32, depth - 1);
      };
      switch (in_.Below(5)) {
        case 0: idx(); Expr(et, depth - 1); Op(0x26); code_->Uleb(ti); break;
        case 1: idx(); Expr(et, depth - 1); idx(); OpFC(17); code_->Uleb(ti); break;
        case 2: {
          int src = PickTable(et);
          idx(); idx(); idx();
          OpFC(14); code_->Uleb(ti); code_->Uleb(static_cast<uint32_t>(src));
          break;
        }
        case 3: {
          int e = PickElem(et);
          if (e < 0) { Op(0x01); break; }
          idx(); ConstOf(VT::kI32, in_.Below(6)); idx();
          OpFC(12); code_->Uleb(static_cast<uint32_t>(e)); code_->Uleb(ti);
          break;
        }
        default:
          if (elems_.empty()) { Op(0x01); break; }
          OpFC(13); code_->Uleb(in_.Below(static_cast<uint32_t>(elems_.size())));
          break;
      }
      return;
    }
    case 16: {  // return
      if (!in_.OneIn(4)) break;
      Exprs(results_, depth - 1);
      Op(0x0f);
      return;
    }
    case 17:
      if (in_.OneIn(16)) { Op(0x00); return; }  // unreachable, rarely
      break;
    default:
      break;
  }
  VT t = RandomType(true);
  Expr(t, depth - 1);
  Op(0x1a);
}

}  // namespace

const char* ValTypeName(ValType t) {
  switch (t) {
    case VT::kI32: return "i32";
    case VT::kI64: return "i64";
    case VT::kF32: return "f32";
    case VT::kF64: return "f64";
    case VT::kFuncRef: return "funcref";
    case VT::kExternRef: return "externref";
  }
  return "?";
}

std::string FormatValue(ValType t, uint64_t bits) {
  char buf[64];
  switch (t) {
    case VT::kI32: snprintf(buf, sizeof buf, "i32:%" PRId32, static_cast<int32_t>(bits)); break;
    case VT::kI64: snprintf(buf, sizeof buf, "i64:%" PRId64, static_cast<int64_t>(bits)); break;
    case VT::kF32:
      if ((bits & 0x7f800000u) == 0x7f800000u && (bits & 0x7fffffu)) {
        snprintf(buf, sizeof buf, "f32:nan");
      } else {
        snprintf(buf, sizeof buf, "f32:0x%08" PRIx32, static_cast<uint32_t>(bits));
      }
      break;
    case VT::kF64:
      if ((bits & 0x7ff0000000000000ull) == 0x7ff0000000000000ull && (bits & 0xfffffffffffffull)) {
        snprintf(buf, sizeof buf, "f64:nan");
      } else {
        snprintf(buf, sizeof buf, "f64:0x%016" PRIx64, bits);
      }
      break;
    case VT::kFuncRef: snprintf(buf, sizeof buf, "funcref:%s", bits ? "func" : "null"); break;
    case VT::kExternRef: snprintf(buf, sizeof buf, "externref:%s", bits ? "extern" : "null"); break;
  }
  return buf;
}

void GenerateModule(const uint8_t* data, size_t size, const GenOptions& options,
                    GeneratedModule* out) {
  *out = GeneratedModule();
  ByteSource in(data, size);
  Generator g(in, options, out);
  g.Run();
}

std::string PlanText(const GeneratedModule& m) {
  std::string s = "fuel " + std::to_string(m.fuel) + "\n";
  for (size_t i = 0; i < m.imports.size(); ++i) {
    s += "import h" + std::to_string(i) + " p";
    for (ValType t : m.imports[i].params) s += std::string(" ") + ValTypeName(t);
    s += " r";
    for (ValType t : m.imports[i].results) s += std::string(" ") + ValTypeName(t);
    s += "\n";
  }
  for (const PlanGlobal& g : m.globals) s += "global " + g.export_name + " " + ValTypeName(g.type) + "\n";
  for (const std::string& t : m.tables) s += "table " + t + "\n";
  if (m.has_memory) s += "memory mem\n";
  for (const PlanCall& c : m.calls) {
    s += "call " + c.export_name + " a";
    for (const PlanValue& v : c.args) s += " " + FormatValue(v.type, v.bits);
    s += " r";
    for (ValType t : c.sig.results) s += std::string(" ") + ValTypeName(t);
    s += "\n";
  }
  return s;
}

}  // namespace wasmc_fuzz
