// Translator: the FuncValidator listener that lowers one Wasm function body to one MIR function
// while the validator type-checks it (single pass). Consumes validated `Instr`s; produces MIR
// instructions in the current MIR module. Declarations shared by translate.cc and emit_*.cc.
#ifndef WASMC_MIR_BACKEND_TRANSLATOR_H_
#define WASMC_MIR_BACKEND_TRANSLATOR_H_

#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

#include "ir/module_desc.h"
#include "ir/vm_layout.h"
#include "mir_backend/emit_interrupt.h"
#include "mir_backend/mir_api.h"
#include "mir_backend/runtime_imports.h"
#include "mir_backend/wasm_call_abi.h"
#include "util/result.h"
#include "validator/instr.h"

namespace wasmc {

// MIR items of the module being compiled that function bodies refer to.
struct ModuleItems {
  std::vector<MIR_item_t> protos;  // wasm-call prototype per type index
  std::vector<MIR_item_t> funcs;   // per function index: forward item (nullptr for imports)
  HelperItems helpers;
};

struct TranslatorOptions {
  bool explicit_bounds_checks = false;
  bool consume_fuel = false;
  bool epoch_interruption = false;
  // Far calls: a call to a defined function that has no item in this MIR module
  // (ModuleItems::funcs[i] == nullptr) goes through far_table[i - num_imported_funcs]: the
  // entry is loaded at run time (a module split over several MIR contexts), or, when
  // far_table_immediate, read now and used as a constant call address (lazy-compile stubs).
  void* const* far_table = nullptr;
  bool far_table_immediate = false;
};

// ADD, MUL, AND, OR, XOR (64- and 32-bit): the integer operations whose operands may swap.
inline bool IsCommutativeIntCode(MIR_insn_code_t code) {
  switch (code) {
    case MIR_ADD: case MIR_ADDS: case MIR_MUL: case MIR_MULS: case MIR_AND: case MIR_ANDS:
    case MIR_OR: case MIR_ORS: case MIR_XOR: case MIR_XORS:
      return true;
    default:
      return false;
  }
}

class Translator {
 public:
  Translator(MIR_context_t ctx, const ModuleDesc& module, const ModuleItems& items,
             const TranslatorOptions& options);
  Translator(const Translator&) = delete;
  Translator& operator=(const Translator&) = delete;

  // The Listener contract (validator/instr.h).
  Status OnFunctionBegin(uint32_t func_index, const FuncType& type, const ValType* locals,
                         uint32_t num_locals);
  Status OnInstr(const Instr& instr, bool unreachable);
  Status OnFunctionEnd();

  // After a failed Validate: appends the labels never placed, so that finishing the abandoned
  // function frees them. Call inside a MIR guard.
  void DiscardFunction();

  // The MIR function item of the last translated function.
  MIR_item_t func_item() const { return func_item_; }

  // Calls to functions of the module emitted so far (all functions translated): each call's
  // target operand is a forward item, which MIR would load into a register and call through
  // the callee's thunk. Pointing it at the callee's function item once that exists gives a
  // direct `call rel32` to the callee's code after MIR_link.
  struct DirectCall {
    MIR_insn_t insn;
    uint32_t func_index;
  };
  const std::vector<DirectCall>& direct_calls() const { return direct_calls_; }

 private:
  // ---- values on the Wasm operand stack (translate.cc) ----
  enum class Kind : uint8_t { kTemp, kLocal, kConst };
  struct Value {
    ValType type = ValType::kI32;
    Kind kind = Kind::kTemp;
    bool zext = false;    // i32 in a register whose upper 32 bits are known zero
    uint32_t local = 0;   // kLocal: the local's index
    MIR_reg_t reg = 0;    // kTemp, kLocal
    uint64_t bits = 0;    // kConst: i32 zero-extended, i64, f32/f64 bit patterns
    bool tainted = false;  // may hold an unobserved guard-mode load (emit_taint.cc)
    // kTemp from NewTemp that no other entry, saved if-param or merge set reads: an operation
    // consuming it may write its result to the same register (fewer MIR registers and moves).
    bool owned = false;
  };

  // A control frame. The function body is frame 0 (op Block, branches to it return).
  struct Frame {
    Opcode op = Opcode::Block;
    bool dead = false;         // opened in unreachable code: nothing inside is emitted
    bool end_reached = false;  // a branch or fallthrough reaches `label` (block/if)
    bool has_else = false;
    uint32_t height = 0;       // stack height below the params
    uint32_t num_params = 0;
    uint32_t num_results = 0;
    uint32_t types = 0;        // type_pool_ offset: params, then results
    uint32_t merge = 0;        // reg_pool_ offset: result regs (block/if), param regs (loop)
    uint32_t saved = 0;        // saved_pool_ offset of an if's params (for the else arm)
    MIR_insn_t label = nullptr;       // block/if: end; loop: header
    MIR_insn_t else_label = nullptr;  // if
  };

  // The last compare emitted (emit_compare.cc): while it is the function's last instruction
  // and its result is consumed by a branch, the branch replaces it (compare and branch fused).
  struct Compare {
    MIR_insn_t insn = nullptr;
    MIR_reg_t reg = 0;
    MIR_insn_code_t code = MIR_INVALID_INSN;
    MIR_op_t a, b;
    Value in[2];  // the operands, for SinkCondition
  };

  // Values loaded once per function in the prologue, on first use.
  enum class Cached : uint8_t { kMemory0, kMemBase, kGlobals, kFuncs, kTables, kTypeIds, kCount };

  // ---- MIR emission primitives (translate.cc) ----
  MIR_reg_t NewReg(MIR_type_t type);
  MIR_insn_t Emit(MIR_insn_code_t code, std::initializer_list<MIR_op_t> ops);
  MIR_insn_t EmitArr(MIR_insn_code_t code, std::vector<MIR_op_t>* ops);
  void InsertInPrologue(MIR_insn_code_t code, std::initializer_list<MIR_op_t> ops);
  MIR_op_t R(MIR_reg_t reg) { return MIR_new_reg_op(ctx_, reg); }
  MIR_op_t I(int64_t v) { return MIR_new_int_op(ctx_, v); }
  MIR_op_t F(float v) { return MIR_new_float_op(ctx_, v); }
  MIR_op_t D(double v) { return MIR_new_double_op(ctx_, v); }
  MIR_op_t L(MIR_insn_t label) { return MIR_new_label_op(ctx_, label); }
  MIR_op_t Mem(MIR_type_t t, int64_t disp, MIR_reg_t base, MIR_reg_t index = 0, uint8_t scale = 1) {
    return MIR_new_mem_op(ctx_, t, disp, base, index, scale);
  }
  MIR_insn_t NewLabel() {
    labels_.push_back(MIR_new_label(ctx_));
    return labels_.back();
  }
  void PlaceLabel(MIR_insn_t label) {
    addr_cache_.clear();  // a join: cached addresses need not dominate what follows
    MIR_append_insn(ctx_, func_item_, label);
  }
  MIR_reg_t CachedReg(Cached which);
  MIR_insn_t TrapLabel(uint32_t raw_code);
  MIR_reg_t Scratch(uint32_t bytes);  // a per-function stack buffer of at least `bytes`
  // VMContext::scratch as a `type` operand: 8 bytes for sinks and bit moves, no stack buffer
  // (an alloca costs a stack adjustment in every body MIR inlines it into). Its address is
  // computed once in the prologue (MIR -O1 would add the displacement at every use).
  MIR_op_t CtxScratch(MIR_type_t type);

  // ---- the value stack (translate.cc) ----
  void Push(const Value& v) { stack_.push_back(v); }
  Value Pop() {
    Value v = stack_.back();
    stack_.pop_back();
    return v;
  }
  Value NewTemp(ValType type);
  Value Const(ValType type, uint64_t bits);
  MIR_op_t OpOf(const Value& v);
  MIR_reg_t RegOf(const Value& v);
  Value ResultFor(const Value& operand, ValType type);  // reuses an owned operand's register
  MIR_reg_t ZextReg(const Value& v);  // i32 -> 64-bit register holding its zero extension
  void MoveTo(MIR_reg_t dst, const Value& src);
  void MaterializeLocals(uint32_t from);  // copy kLocal entries at index >= from into temps
  void SpillLocal(uint32_t local);        // before local.set: copy entries reading `local`

  // ---- compare and branch (emit_compare.cc) ----
  void EmitCompare(MIR_insn_code_t code);
  bool EmitEqzOfCompare();
  // If `cond` is the result of the last instruction and that is a compare, removes it and
  // returns it in `out`.
  bool TakeCompare(const Value& cond, Compare* out);
  bool CompareMovable();  // may last_cmp_ move to the end of the function's code?
  // Branches to `label` when the condition (`cmp` if TakeCompare succeeded, else `cond`) is
  // `when`.
  void EmitCondBranch(const Compare* cmp, const Value& cond, bool when, MIR_insn_t label);

  // ---- control (emit_control.cc) ----
  Status EmitStructural(const Instr& in);
  void PushFrame(Opcode op, const BlockSig& sig, bool dead);
  MIR_reg_t MergeReg(const Frame& f, uint32_t i) const { return reg_pool_[f.merge + i]; }
  ValType FrameType(const Frame& f, uint32_t i) const { return type_pool_[f.types + i]; }
  void EmitBlock(const Instr& in);
  void EmitLoop(const Instr& in);
  void EmitIf(const Instr& in);
  void EmitElse();
  void EmitEnd();
  void EmitBr(uint32_t depth);
  void EmitBrIf(uint32_t depth);
  void EmitBrTable(const Instr& in);
  void EmitReturn();
  void EmitBranchMoves(const Frame& target);
  void EmitJumpTo(Frame* target);  // moves + jump (or return for the function frame)
  void EmitReturnValues();
  void SetUnreachable();
  Frame& FrameAt(uint32_t depth) { return frames_[frames_.size() - 1 - depth]; }

  // ---- locals, globals, parametric (emit_variable.cc) ----
  void EmitLocalGet(uint32_t index);
  void EmitLocalSet(uint32_t index, bool tee);
  bool RetargetLastDef(const Value& v, MIR_reg_t dst);  // emit_variable.cc
  void EmitGlobalGet(uint32_t index);
  void EmitGlobalSet(uint32_t index);
  MIR_reg_t GlobalPtr(uint32_t index);
  void EmitSelect();
  bool EmitSelectBranchless();  // integer select as bit operations (emit_variable.cc)
  void EmitConst(const Instr& in);

  // ---- numeric (emit_numeric.cc) ----
  Status EmitNumeric(const Instr& in);
  void EmitBinary(MIR_insn_code_t code, ValType result);
  void EmitUnary(MIR_insn_code_t code, ValType result);
  void EmitShift(MIR_insn_code_t code, bool is64);
  void EmitRotate(bool left, bool is64);
  void EmitDivRem(Opcode op);
  void EmitHelperUnary(NumericHelper h, ValType type);
  void EmitFloatBits(bool is64, uint64_t and_mask, bool copysign);
  void EmitMinMax(bool is_min, bool is64);

  // ---- conversions (emit_conversion.cc) ----
  Status EmitConversion(const Instr& in);
  MIR_reg_t BitsOf(const Value& v);                  // float -> same-width integer bits
  MIR_reg_t FloatOfBits(MIR_reg_t bits, bool is64);  // integer bits -> float
  void EmitReinterpret(ValType to);
  void EmitTruncTrapping(bool is64_dst, bool is_signed, bool from64);
  void EmitTruncSat(bool is64_dst, bool is_signed, bool from64);
  void EmitConvertU64(bool to64);
  void EmitConvert(MIR_insn_code_t code, ValType to, bool sign_extend_i32);
  void EmitFloatJump(MIR_insn_code_t fcode, bool is64, MIR_insn_t label, MIR_reg_t x,
                     double bound);
  void EmitTruncToU64(MIR_reg_t dst, MIR_reg_t x, bool from64);

  // ---- memory (emit_memory.cc) ----
  void EmitLoad(const Instr& in);
  void EmitStore(const Instr& in);
  MIR_op_t EffectiveAddress(const Value& addr, uint64_t offset, uint32_t size, MIR_type_t type);
  void EmitMemorySize();
  void EmitMemoryGrow();
  void EmitBulkMemory(const Instr& in);
  void ReloadMemoryLength();

  // ---- tables and references (emit_table.cc) ----
  void EmitTableGet(uint32_t table);
  void EmitTableSet(uint32_t table);
  void EmitTableSize(uint32_t table);
  void EmitBulkTable(const Instr& in);
  void EmitRefFunc(uint32_t func);
  void EmitRefIsNull();
  MIR_reg_t TableDef(uint32_t table);
  // Bounds-checks `index` against the table's length (trapping with `raw_trap`) and returns
  // the element's memory operand.
  MIR_op_t TableElement(uint32_t table, const Value& index, uint32_t raw_trap);

  // ---- calls (emit_call.cc) ----
  void EmitCall(uint32_t func);
  void EmitCallIndirect(uint32_t type_index, uint32_t table);
  MIR_insn_t EmitWasmCall(const FuncType& type, MIR_item_t proto, MIR_op_t target,
                          MIR_op_t callee);
  void EmitRtCall(RtHelper h, std::initializer_list<MIR_op_t> args, MIR_reg_t result);
  void EmitTrapCall(uint32_t raw_code);
  void EmitUnreachable();

  // ---- prologue and epilogue (translate.cc) ----
  void EmitPrologue(const ValType* locals, uint32_t num_locals);
  void EmitStackCheck();
  void DropLeafStackCheck();  // OnFunctionEnd: see translate.cc
  void EmitTrapBlocks();

  // ---- fuel and epoch interruption (emit_interrupt.cc); no-ops unless enabled ----
  void InterruptFunctionEntry();  // after the prologue
  void InterruptBeforeInstr(const Instr& in, bool unreachable);
  void InterruptLoopHeader();     // after a loop's label
  void InterruptTrapBlock(uint32_t raw_code);  // at a trap block, before the trap call
  void FuelFlush(bool spill);
  void InterruptSpill();
  void InterruptReload();
  void InterruptChecks();
  bool BranchLeavesFunction(const Instr& in);

  // ---- unobserved loads in guard-page mode (emit_taint.cc) ----
  // Per control frame (same index as frames_): the locals tainted on some edge into its label,
  // an if's local taint at entry (for the else arm), whether a tainted value reaches its
  // result registers.
  struct TaintFrame {
    std::vector<uint32_t> locals;
    std::vector<uint32_t> entry;
    bool results = false;
  };
  bool Tainting() const { return !options_.explicit_bounds_checks; }
  void ResetTaint(uint32_t num_locals);
  void PushTaintFrame();
  Value LocalRef(uint32_t local) const;  // a stack entry reading `local` (kLocal, untainted)
  void Sink(const Value& v);  // store v to the scratch slot: a use MIR cannot delete
  void SinkStack(size_t from, size_t to);
  bool LocalTainted(uint32_t local) const { return local_taint_[local] != 0; }
  void SetLocalTaint(uint32_t local, bool tainted);
  void TaintedLocals(std::vector<uint32_t>* out);  // compacts tainted_locals_ into *out
  void SinkTaintedLocals();
  void RestoreLocalTaint(const std::vector<uint32_t>& locals);
  void TaintBranch(uint32_t depth);  // before the branch instruction(s) to FrameAt(depth)
  void TaintAtLabel();
  // A conditional branch does not observe its condition: MIR deletes a branch to the next
  // instruction, and a branch to a block's end can become one once dead code is gone.
  void SinkCondition(const Compare* cmp, const Value& cond);  // after placing the innermost block's or if's end label
  void TaintPureBegin();
  void TaintPureEnd();

  void EmitDrop();
  Status Unsupported();

  // Context and module (fixed for the translator's lifetime).
  MIR_context_t ctx_;
  const ModuleDesc& module_;
  const ModuleItems& items_;
  TranslatorOptions options_;

  // Per-function state, reset by OnFunctionBegin. Lives in this (heap) object, never on the
  // stack: MIR errors longjmp out of the emit functions.
  uint32_t func_index_ = 0;
  const FuncType* func_type_ = nullptr;
  MIR_item_t func_item_ = nullptr;
  MIR_func_t func_ = nullptr;
  bool results_in_regs_ = true;
  bool reachable_ = true;
  uint32_t next_reg_ = 0;
  MIR_reg_t vmctx_ = 0;
  MIR_reg_t ret_area_ = 0;
  MIR_reg_t mem_length_ = 0;  // explicit bounds checks only
  MIR_insn_t prologue_tail_ = nullptr;
  MIR_insn_t stack_check_[4] = {};  // BSTART, the two limit loads, the branch
  MIR_insn_t scratch_insn_ = nullptr;
  MIR_reg_t scratch_ = 0;
  MIR_reg_t ctx_scratch_ = 0;  // vmctx + kCtxScratch, 0 until first use
  uint32_t scratch_size_ = 0;
  MIR_reg_t cached_[static_cast<uint32_t>(Cached::kCount)] = {};
  std::vector<std::pair<uint32_t, MIR_reg_t>> global_ptrs_;
  std::vector<std::pair<uint32_t, MIR_reg_t>> table_defs_;
  std::vector<std::pair<uint32_t, MIR_insn_t>> trap_labels_;
  std::vector<MIR_reg_t> local_regs_;
  std::vector<ValType> local_types_;
  std::vector<Value> stack_;
  std::vector<Frame> frames_;
  std::vector<ValType> type_pool_;
  std::vector<MIR_reg_t> reg_pool_;
  std::vector<Value> saved_pool_;
  Compare last_cmp_;
  // Guard-page mode: memory base + zext(local) per local used as an address since the last
  // label or write of the local (emit_memory.cc), so repeated accesses through one pointer
  // (struct fields, a load and store of one element) pay the extension and add once.
  std::vector<std::pair<uint32_t, MIR_reg_t>> addr_cache_;
  std::vector<DirectCall> direct_calls_;  // not reset per function
  std::vector<MIR_insn_t> labels_;  // created in the current function (for DiscardFunction)
  std::vector<MIR_op_t> ops_;
  std::vector<Value> results_;
  std::vector<std::pair<uint32_t, MIR_insn_t>> br_stubs_;
  std::vector<MIR_var_t> vars_;
  std::vector<MIR_type_t> res_types_;
  ParamNames param_names_;
  InterruptState interrupt_;
  std::vector<uint8_t> local_taint_;      // per local: 1 if tainted
  std::vector<uint32_t> tainted_locals_;  // superset of the tainted locals (may repeat)
  std::vector<uint32_t> taint_tmp_;
  std::vector<TaintFrame> taint_frames_;
  Value pure_in_[3];
  size_t pure_height_ = 0;
  char name_buf_[32] = {};
};

}  // namespace wasmc

#endif  // WASMC_MIR_BACKEND_TRANSLATOR_H_
