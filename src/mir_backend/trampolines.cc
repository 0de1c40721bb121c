// TrampolineCache: consumes function signatures; produces, once per signature, the array-call
// entry trampoline (host -> wasm: ValRaw array to wasm-call arguments and back) and the exit
// trampoline (wasm -> host: a wasm-call function that spills its arguments into a ValRaw
// buffer and calls RuntimeHelpers::call_host). Each is a small MIR module in the cache's context.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "mir_backend/compiler.h"
#include "mir_backend/context.h"
#include "mir_backend/runtime_imports.h"
#include "mir_backend/wasm_call_abi.h"

namespace wasmc {

// Generation state, kept off the stack (MIR errors longjmp through the builders).
struct TrampolineScratch {
  MIR_context_t ctx = nullptr;
  const RuntimeHelpers* helpers = nullptr;
  const FuncType* type = nullptr;
  bool entry = false;
  uint32_t id = 0;
  void* code = nullptr;
  MIR_item_t proto = nullptr;  // wasm-call prototype of `type`
  MIR_item_t func = nullptr;
  MIR_func_t f = nullptr;
  uint32_t next_reg = 0;
  HelperItems helper_items;
  ParamNames names;
  std::vector<MIR_var_t> vars;
  std::vector<MIR_type_t> res;
  std::vector<MIR_op_t> ops;
  std::vector<MIR_reg_t> regs;
  char name[48] = {};

  MIR_reg_t NewReg(MIR_type_t t) {
    std::snprintf(name, sizeof(name), "r%u", next_reg++);
    return MIR_new_func_reg(ctx, f, t, name);
  }
  void Emit(MIR_insn_code_t code) {
    MIR_append_insn(ctx, func, MIR_new_insn_arr(ctx, code, ops.size(), ops.data()));
    ops.clear();
  }
  MIR_op_t R(MIR_reg_t r) { return MIR_new_reg_op(ctx, r); }
  MIR_op_t Slot(ValType t, size_t i, MIR_reg_t base) {
    return MIR_new_mem_op(ctx, MirTypeOf(t), int64_t(i) * 16, base, 0, 1);
  }
  // Moves slot `i` of `base` into a new register, or a register into the slot.
  MIR_reg_t LoadSlot(ValType t, size_t i, MIR_reg_t base) {
    MIR_reg_t r = NewReg(MirRegTypeOf(t));
    ops = {R(r), Slot(t, i, base)};
    Emit(MovCodeOf(t));
    return r;
  }
  void StoreSlot(ValType t, size_t i, MIR_reg_t base, MIR_reg_t r) {
    ops = {Slot(t, i, base), R(r)};
    Emit(MovCodeOf(t));
  }
};

namespace {

void BuildEntry(TrampolineScratch* s);
void BuildExit(TrampolineScratch* s);

void Generate(void* arg) {
  auto* s = static_cast<TrampolineScratch*>(arg);
  std::snprintf(s->name, sizeof(s->name), "tramp%u", s->id);
  MIR_new_module(s->ctx, s->name);
  std::snprintf(s->name, sizeof(s->name), "callee%u", s->id);
  s->proto = NewWasmCallProto(s->ctx, s->name, *s->type, &s->names, &s->vars, &s->res);
  s->next_reg = 0;
  if (s->entry) {
    BuildEntry(s);
  } else {
    CreateHelperItems(s->ctx, &s->helper_items, &s->vars);
    BuildExit(s);
  }
  MIR_finish_func(s->ctx);
  MIR_finish_module(s->ctx);
  MIR_module_t module = DLIST_TAIL(MIR_module_t, *MIR_get_module_list(s->ctx));
  if (std::getenv("WASMC_MIR_DUMP") != nullptr) MIR_output_module(s->ctx, stderr, module);
  MIR_load_module(s->ctx, module);
  MIR_link(s->ctx, MIR_set_gen_interface, ResolveHelperImport,
           const_cast<RuntimeHelpers*>(s->helpers));
  s->code = s->func->u.func->machine_code;
}

void BuildEntry(TrampolineScratch* s) {
  MIR_context_t ctx = s->ctx;
  const FuncType& t = *s->type;
  static const char* const kNames[] = {"wasm_call", "callee", "caller", "values"};
  s->vars.clear();
  for (const char* n : kNames) s->vars.push_back(MIR_var_t{MIR_T_I64, n, 0});
  std::snprintf(s->name, sizeof(s->name), "entry%u", s->id);
  s->func = MIR_new_func_arr(ctx, s->name, 0, nullptr, s->vars.size(), s->vars.data());
  s->f = MIR_get_item_func(ctx, s->func);
  MIR_reg_t values = MIR_reg(ctx, "values", s->f);
  s->regs.clear();
  for (size_t i = 0; i < t.params.size(); ++i) s->regs.push_back(s->LoadSlot(t.params[i], i, values));
  const bool in_regs = ResultsInRegisters(t.results);
  std::vector<MIR_op_t>& ops = s->ops;
  ops.clear();
  ops.push_back(MIR_new_ref_op(ctx, s->proto));
  ops.push_back(s->R(MIR_reg(ctx, "wasm_call", s->f)));
  size_t first_result = s->regs.size();
  if (in_regs) {
    for (ValType r : t.results) {
      s->regs.push_back(s->NewReg(MirRegTypeOf(r)));
      ops.push_back(s->R(s->regs.back()));
    }
  }
  ops.push_back(s->R(MIR_reg(ctx, "callee", s->f)));
  ops.push_back(s->R(MIR_reg(ctx, "caller", s->f)));
  if (!in_regs) ops.push_back(s->R(values));  // the callee writes the results in place
  for (size_t i = 0; i < t.params.size(); ++i) ops.push_back(s->R(s->regs[i]));
  s->Emit(MIR_CALL);
  if (in_regs) {
    for (size_t i = 0; i < t.results.size(); ++i) {
      s->StoreSlot(t.results[i], i, values, s->regs[first_result + i]);
    }
  }
  s->Emit(MIR_RET);
}

void BuildExit(TrampolineScratch* s) {
  MIR_context_t ctx = s->ctx;
  const FuncType& t = *s->type;
  const bool in_regs = ResultsInRegisters(t.results);
  uint32_t hidden = BuildWasmCallSignature(t, s->names.Get(t.params.size()), &s->vars, &s->res);
  std::snprintf(s->name, sizeof(s->name), "exit%u", s->id);
  s->func = MIR_new_func_arr(ctx, s->name, s->res.size(), s->res.data(), s->vars.size(),
                             s->vars.data());
  s->f = MIR_get_item_func(ctx, s->func);
  size_t capacity = std::max<size_t>(std::max(t.params.size(), t.results.size()), 1);
  MIR_reg_t buffer = s->NewReg(MIR_T_I64);
  s->ops = {s->R(buffer), MIR_new_int_op(ctx, int64_t(capacity) * 16)};
  s->Emit(MIR_ALLOCA);
  for (size_t i = 0; i < t.params.size(); ++i) {
    s->StoreSlot(t.params[i], i, buffer, MIR_reg(ctx, s->vars[hidden + i].name, s->f));
  }
  size_t h = static_cast<size_t>(RtHelper::call_host);
  s->ops = {MIR_new_ref_op(ctx, s->helper_items.rt_proto[h]),
            MIR_new_ref_op(ctx, s->helper_items.rt_import[h]),
            s->R(MIR_reg(ctx, "vmctx", s->f)), s->R(MIR_reg(ctx, "caller", s->f)), s->R(buffer),
            MIR_new_int_op(ctx, int64_t(capacity))};
  s->Emit(MIR_CALL);
  s->regs.clear();
  for (size_t i = 0; i < t.results.size(); ++i) s->regs.push_back(s->LoadSlot(t.results[i], i, buffer));
  if (!in_regs) {
    MIR_reg_t area = MIR_reg(ctx, "ret_area", s->f);
    for (size_t i = 0; i < t.results.size(); ++i) s->StoreSlot(t.results[i], i, area, s->regs[i]);
    s->Emit(MIR_RET);
    return;
  }
  for (MIR_reg_t r : s->regs) s->ops.push_back(s->R(r));
  s->Emit(MIR_RET);
}

std::string SignatureKey(bool entry, const FuncType& t) {
  std::string key(1, entry ? 'E' : 'X');
  for (ValType v : t.params) key.push_back(char(v));
  key.push_back(':');
  for (ValType v : t.results) key.push_back(char(v));
  return key;
}

}  // namespace

TrampolineCache::TrampolineCache(const RuntimeHelpers* helpers)
    : helpers_(helpers), scratch_(new TrampolineScratch()) {}

TrampolineCache::~TrampolineCache() = default;

Result<void*> TrampolineCache::Entry(const FuncType& t) { return Get(true, t); }
Result<void*> TrampolineCache::Exit(const FuncType& t) { return Get(false, t); }

Result<void*> TrampolineCache::Get(bool entry, const FuncType& t) {
  for (ValType v : t.params) {
    if (v == ValType::kV128) return Status::Error(ErrorKind::kUnsupported, "SIMD is not supported yet");
  }
  for (ValType v : t.results) {
    if (v == ValType::kV128) return Status::Error(ErrorKind::kUnsupported, "SIMD is not supported yet");
  }
  std::string key = SignatureKey(entry, t);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = std::lower_bound(
      cache_.begin(), cache_.end(), key,
      [](const std::pair<std::string, void*>& e, const std::string& k) { return e.first < k; });
  if (it != cache_.end() && it->first == key) return it->second;
  if (contexts_.empty() || need_fresh_context_) {
    WASMC_ASSIGN_OR_RETURN(std::unique_ptr<MirContext> context, MirContext::Create(1));
    contexts_.push_back(std::move(context));
    need_fresh_context_ = false;
  }
  TrampolineScratch* s = scratch_.get();
  s->ctx = contexts_.back()->ctx();
  s->helpers = helpers_;
  s->type = &t;
  s->entry = entry;
  s->id = next_id_++;
  s->code = nullptr;
  Status status = RunGuarded(s->ctx, Generate, s);
  if (!status.ok()) {
    // The context may be inconsistent now; keep it (its code is in use) but start a new one.
    CloseOpenMirItems(s->ctx);
    need_fresh_context_ = true;
    return status;
  }
  cache_.insert(it, std::make_pair(std::move(key), s->code));
  return s->code;
}

}  // namespace wasmc
