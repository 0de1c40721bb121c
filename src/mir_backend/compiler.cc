// CompileModule: consumes a validated ModuleDesc and produces a CompiledModule. The defined
// functions are split into partitions of consecutive functions (one for small modules), each
// compiled by a PartitionCompiler in its own MIR context, concurrently on their own threads.
// Per partition, each step inside a MIR error guard (context.h): create the MIR module with
// prototypes, forward items for the partition's functions and helper imports; run
// FuncValidator<Translator> over each function (validation and translation in one pass);
// finish, load and link the module, generating every function and recording its code range.
// Calls within a partition are direct; calls to another partition's function load its code
// from the module's far table, filled once every partition is done. Errors are reported as a
// sequential compile would: the lowest-index failing function wins.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "mir_backend/compiler.h"
#include "mir_backend/context.h"
#include "mir_backend/interp_interface.h"
#include "mir_backend/lazy_compile.h"
#include "mir_backend/translator.h"
#include "validator/func_validator.h"
#include "validator/validate.h"

namespace wasmc {

// Compiles the defined functions [begin, end) of a module into one MIR context. All compile
// state lives in this heap object (no non-trivial destructors between a guard and MIR).
class PartitionCompiler {
 public:
  PartitionCompiler(const ModuleDesc& m, const CompileOptions& o, uint32_t begin, uint32_t end,
                    void* const* far_table)
      : m_(m), o_(o), begin_(begin), end_(end), far_table_(far_table) {}
  // On failure, status() is the error and failed_func() the function it belongs to
  // (UINT32_MAX for a failure of MIR outside any function).
  void Run();

  const Status& status() const { return status_; }
  uint32_t failed_func() const { return failed_func_; }
  std::unique_ptr<MirContext> TakeContext() { return std::move(mir_); }
  const std::vector<void*>& code() const { return code_; }
  const std::vector<CompiledModule::CodeRange>& ranges() const { return ranges_; }

 private:
  static void BeginModule(void* self);
  static void TranslateFunction(void* self);
  static void LinkAndGenerate(void* self);
  static void SetInterface(MIR_context_t ctx, MIR_item_t item);
  void RecordCode(MIR_item_t item);

  const ModuleDesc& m_;
  const CompileOptions& o_;
  const uint32_t begin_, end_;  // function indices
  void* const* far_table_;
  std::unique_ptr<MirContext> mir_;
  MIR_context_t ctx_ = nullptr;
  ModuleItems items_;
  std::unique_ptr<Translator> translator_;
  std::unique_ptr<FuncValidator<Translator>> validator_;
  uint32_t current_ = 0;    // function index being translated
  uint32_t generated_ = 0;  // functions of the partition generated so far
  Status status_;
  uint32_t failed_func_ = UINT32_MAX;
  std::vector<MIR_item_t> func_items_;  // per function of the partition
  std::vector<void*> code_;             // per function of the partition
  std::vector<CompiledModule::CodeRange> ranges_;
  ParamNames names_;
  std::vector<MIR_var_t> vars_;
  std::vector<MIR_type_t> res_;
  char name_[32] = {};
};

namespace {
// The compile MIR_link is generating on this thread (MIR's set_interface hook has no user
// argument). A plain pointer: trivial thread_local.
thread_local PartitionCompiler* tls_compiler = nullptr;
}  // namespace

void PartitionCompiler::BeginModule(void* self) {
  PartitionCompiler* c = static_cast<PartitionCompiler*>(self);
  MIR_context_t ctx = c->ctx_;
  MIR_new_module(ctx, "wasm");
  for (size_t i = 0; i < c->m_.types.size(); ++i) {
    std::snprintf(c->name_, sizeof(c->name_), "type%zu", i);
    c->items_.protos.push_back(
        NewWasmCallProto(ctx, c->name_, c->m_.types[i], &c->names_, &c->vars_, &c->res_));
  }
  c->items_.funcs.assign(c->m_.funcs.size(), nullptr);
  for (uint32_t i = c->begin_; i < c->end_; ++i) {
    std::snprintf(c->name_, sizeof(c->name_), "f%u", i);
    c->items_.funcs[i] = MIR_new_forward(ctx, c->name_);
  }
  CreateHelperItems(ctx, &c->items_.helpers, &c->vars_);
}

void PartitionCompiler::TranslateFunction(void* self) {
  PartitionCompiler* c = static_cast<PartitionCompiler*>(self);
  c->status_ = c->validator_->Validate(c->current_);
  if (c->status_.ok()) {
    c->func_items_.push_back(c->translator_->func_item());
  } else {
    c->translator_->DiscardFunction();
  }
}

void PartitionCompiler::SetInterface(MIR_context_t ctx, MIR_item_t item) {
  if (item == nullptr) {
    MIR_set_gen_interface(ctx, nullptr);  // patch calls between functions to direct calls
    return;
  }
  MIR_gen(ctx, item);
  tls_compiler->RecordCode(item);
}

void PartitionCompiler::RecordCode(MIR_item_t item) {
  // Functions are generated in module order, which is definition order.
  uint32_t i = generated_++;
  if (i >= func_items_.size() || func_items_[i] != item) return;
  // MIR publishes each function's code at the free pointer of its code region, so the free
  // pointer right after generation is the function's end.
  uintptr_t start = reinterpret_cast<uintptr_t>(item->u.func->machine_code);
  uintptr_t end = reinterpret_cast<uintptr_t>(_MIR_get_new_code_addr(ctx_, 0));
  code_[i] = item->u.func->machine_code;
  ranges_.push_back({start, end, begin_ + i});
  // Debugging aid: WASMC_CODE_DUMP=dir writes each function's code to dir/f<index>.bin
  // (disassemble with objdump -D -b binary -mi386:x86-64).
  if (const char* dir = std::getenv("WASMC_CODE_DUMP")) {
    char path[512];
    std::snprintf(path, sizeof(path), "%s/f%u.bin", dir, begin_ + i);
    if (std::FILE* f = std::fopen(path, "wb")) {
      std::fwrite(item->u.func->machine_code, 1, end - start, f);
      std::fclose(f);
    }
  }
}

void PartitionCompiler::LinkAndGenerate(void* self) {
  PartitionCompiler* c = static_cast<PartitionCompiler*>(self);
  MIR_finish_module(c->ctx_);
  for (const Translator::DirectCall& call : c->translator_->direct_calls()) {
    call.insn->ops[1] = MIR_new_ref_op(c->ctx_, c->func_items_[call.func_index - c->begin_]);
  }
  MIR_module_t module = DLIST_TAIL(MIR_module_t, *MIR_get_module_list(c->ctx_));
  if (std::getenv("WASMC_MIR_DUMP") != nullptr) MIR_output_module(c->ctx_, stderr, module);
  MIR_load_module(c->ctx_, module);
  if (c->o_.interpret) {
    MIR_link(c->ctx_, SetInterpInterface, ResolveHelperImport,
             const_cast<RuntimeHelpers*>(c->o_.helpers));
    // Interpreter shims have no code range: trap messages name no function.
    for (size_t i = 0; i < c->func_items_.size(); ++i) c->code_[i] = c->func_items_[i]->addr;
    c->generated_ = uint32_t(c->func_items_.size());
    return;
  }
  PartitionCompiler* saved = tls_compiler;
  tls_compiler = c;
  MIR_link(c->ctx_, SetInterface, ResolveHelperImport,
           const_cast<RuntimeHelpers*>(c->o_.helpers));
  tls_compiler = saved;
}

void PartitionCompiler::Run() {
  Result<std::unique_ptr<MirContext>> mir =
      MirContext::Create(o_.opt_level, o_.allow_opt_level_2);
  if (!mir.ok()) {
    status_ = mir.status();
    return;
  }
  mir_ = mir.take();
  ctx_ = mir_->ctx();
  status_ = RunGuarded(ctx_, BeginModule, this);
  if (!status_.ok()) return;
  TranslatorOptions topts;
  topts.explicit_bounds_checks = o_.explicit_bounds_checks;
  topts.consume_fuel = o_.consume_fuel;
  topts.epoch_interruption = o_.epoch_interruption;
  topts.far_table = far_table_;
  translator_.reset(new Translator(ctx_, m_, items_, topts));
  validator_.reset(new FuncValidator<Translator>(m_, *translator_));
  for (current_ = begin_; current_ < end_; ++current_) {
    Status guarded = RunGuarded(ctx_, TranslateFunction, this);
    if (!guarded.ok()) status_ = guarded;
    if (!status_.ok()) {
      failed_func_ = current_;
      return;
    }
  }
  code_.assign(end_ - begin_, nullptr);
  status_ = RunGuarded(ctx_, LinkAndGenerate, this);
  if (!status_.ok()) return;
  if (generated_ != func_items_.size()) {
    status_ = Status::Error(ErrorKind::kInternal, "mir_backend: functions generated out of order");
  }
}

std::vector<uint32_t> PartitionFunctions(const ModuleDesc& m, uint32_t max_parts,
                                         uint64_t min_bytes) {
  const uint32_t first = m.num_imported_funcs;
  const uint32_t n = uint32_t(m.funcs.size());
  uint64_t total = 0;
  for (const FuncBody& b : m.bodies) total += b.size;
  const uint64_t by_size = std::max<uint64_t>(1, total / std::max<uint64_t>(1, min_bytes));
  uint64_t parts = std::min<uint64_t>(
      {max_parts == 0 ? 1 : max_parts, by_size, std::max<uint32_t>(1, n - first)});
  std::vector<uint32_t> bounds{first};
  uint64_t done = 0;
  for (uint32_t i = first; i < n && bounds.size() < parts; ++i) {
    done += m.bodies[i - first].size;
    if (done * parts >= total * bounds.size()) bounds.push_back(i + 1);
  }
  if (bounds.back() != n) bounds.push_back(n);
  return bounds;
}

Result<std::unique_ptr<CompiledModule>> CompileModule(const ModuleDesc& m,
                                                      const CompileOptions& o) {
  if (o.helpers == nullptr) {
    return Status::Error(ErrorKind::kMisuse, "CompileModule: CompileOptions::helpers is null");
  }
  std::unique_ptr<CompiledModule> out(new CompiledModule());
  out->num_imported_funcs_ = m.num_imported_funcs;
  const uint32_t num_defined = m.NumDefinedFuncs();
  if (o.lazy && !o.interpret && LazyCode::Supported()) {
    WASMC_ASSIGN_OR_RETURN(out->lazy_, LazyCode::Create(m, o));
    out->code_.resize(num_defined);
    for (uint32_t i = 0; i < num_defined; ++i) out->code_[i] = out->lazy_->Stub(i);
    return out;
  }
  out->far_table_.reset(new void*[num_defined == 0 ? 1 : num_defined]());
  const std::vector<uint32_t> bounds = PartitionFunctions(m, o.threads, o.min_partition_bytes);
  std::vector<std::unique_ptr<PartitionCompiler>> parts;
  for (size_t p = 0; p + 1 < bounds.size(); ++p) {
    parts.emplace_back(new PartitionCompiler(m, o, bounds[p], bounds[p + 1], out->far_table_.get()));
  }
  if (parts.empty()) {  // no defined functions: still a MIR context, for uniformity
    parts.emplace_back(new PartitionCompiler(m, o, m.num_imported_funcs, m.num_imported_funcs,
                                             out->far_table_.get()));
  }
  {
    std::vector<std::thread> threads;
    for (size_t p = 1; p < parts.size(); ++p) {
      threads.emplace_back([&parts, p] { parts[p]->Run(); });
    }
    parts[0]->Run();
    for (std::thread& t : threads) t.join();
  }
  // The error a sequential compile would report: the lowest-index failing function, else the
  // first partition's failure outside functions.
  const PartitionCompiler* failed = nullptr;
  for (const auto& part : parts) {
    if (part->status().ok()) continue;
    if (failed == nullptr || part->failed_func() < failed->failed_func()) failed = part.get();
  }
  if (failed != nullptr) {
    const Status& status = failed->status();
    // A malformed later body outranks a validation error (validator/validate.h).
    if (status.kind() == ErrorKind::kInvalid && failed->failed_func() != UINT32_MAX) {
      Status malformed = FindMalformedBody(m, failed->failed_func() + 1);
      if (!malformed.ok()) return malformed;
    }
    return status;
  }
  out->code_.reserve(num_defined);
  for (auto& part : parts) {
    out->code_.insert(out->code_.end(), part->code().begin(), part->code().end());
    out->ranges_.insert(out->ranges_.end(), part->ranges().begin(), part->ranges().end());
    out->mirs_.push_back(part->TakeContext());
  }
  for (uint32_t i = 0; i < num_defined; ++i) out->far_table_[i] = out->code_[i];
  std::sort(out->ranges_.begin(), out->ranges_.end(),
            [](const CompiledModule::CodeRange& a, const CompiledModule::CodeRange& b) {
              return a.start < b.start;
            });
  return out;
}

CompiledModule::~CompiledModule() = default;

void* CompiledModule::WasmCall(uint32_t func_index) const {
  if (func_index < num_imported_funcs_) return nullptr;
  uint32_t i = func_index - num_imported_funcs_;
  return i < code_.size() ? code_[i] : nullptr;
}

uint32_t CompiledModule::NumCompiled() const {
  return lazy_ ? lazy_->NumCompiled() : uint32_t(code_.size());
}

bool CompiledModule::FuncIndexForPc(uintptr_t pc, uint32_t* func_index_out) const {
  if (lazy_) return lazy_->FuncIndexForPc(pc, func_index_out);
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), pc,
                             [](uintptr_t p, const CodeRange& r) { return p < r.start; });
  if (it == ranges_.begin()) return false;
  --it;
  if (pc >= it->end) return false;
  *func_index_out = it->func_index;
  return true;
}

}  // namespace wasmc
