// CompileModule: consumes a validated ModuleDesc and produces a CompiledModule. Steps, each
// inside a MIR error guard (context.h): create the MIR module with prototypes, forward items
// and helper imports; run FuncValidator<Translator> over every defined function (validation
// and translation in one pass); finish, load and link the module, generating every function
// and recording its code range. All compile state lives in a heap ModuleCompiler.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "mir_backend/compiler.h"
#include "mir_backend/context.h"
#include "mir_backend/translator.h"
#include "validator/func_validator.h"
#include "validator/validate.h"

namespace wasmc {

class ModuleCompiler {
 public:
  ModuleCompiler(const ModuleDesc& m, const CompileOptions& o) : m_(m), o_(o) {}
  Result<std::unique_ptr<CompiledModule>> Run();

 private:
  static void BeginModule(void* self);
  static void TranslateFunction(void* self);
  static void LinkAndGenerate(void* self);
  static void SetInterface(MIR_context_t ctx, MIR_item_t item);
  void RecordCode(MIR_item_t item);

  const ModuleDesc& m_;
  CompileOptions o_;
  std::unique_ptr<CompiledModule> out_;
  MIR_context_t ctx_ = nullptr;
  ModuleItems items_;
  std::unique_ptr<Translator> translator_;
  std::unique_ptr<FuncValidator<Translator>> validator_;
  uint32_t current_ = 0;   // function index being translated
  uint32_t generated_ = 0;  // defined functions generated so far
  Status status_;
  std::vector<MIR_item_t> func_items_;  // per defined function
  ParamNames names_;
  std::vector<MIR_var_t> vars_;
  std::vector<MIR_type_t> res_;
  char name_[32] = {};
};

namespace {
// The compile MIR_link is generating on this thread (MIR's set_interface hook has no user
// argument). A plain pointer: trivial thread_local.
thread_local ModuleCompiler* tls_compiler = nullptr;
}  // namespace

void ModuleCompiler::BeginModule(void* self) {
  ModuleCompiler* c = static_cast<ModuleCompiler*>(self);
  MIR_context_t ctx = c->ctx_;
  MIR_new_module(ctx, "wasm");
  for (size_t i = 0; i < c->m_.types.size(); ++i) {
    std::snprintf(c->name_, sizeof(c->name_), "type%zu", i);
    c->items_.protos.push_back(
        NewWasmCallProto(ctx, c->name_, c->m_.types[i], &c->names_, &c->vars_, &c->res_));
  }
  c->items_.funcs.assign(c->m_.funcs.size(), nullptr);
  for (size_t i = c->m_.num_imported_funcs; i < c->m_.funcs.size(); ++i) {
    std::snprintf(c->name_, sizeof(c->name_), "f%zu", i);
    c->items_.funcs[i] = MIR_new_forward(ctx, c->name_);
  }
  CreateHelperItems(ctx, &c->items_.helpers, &c->vars_);
}

void ModuleCompiler::TranslateFunction(void* self) {
  ModuleCompiler* c = static_cast<ModuleCompiler*>(self);
  c->status_ = c->validator_->Validate(c->current_);
  if (c->status_.ok()) {
    c->func_items_.push_back(c->translator_->func_item());
  } else {
    c->translator_->DiscardFunction();
  }
}

void ModuleCompiler::SetInterface(MIR_context_t ctx, MIR_item_t item) {
  if (item == nullptr) {
    MIR_set_gen_interface(ctx, nullptr);  // patch calls between functions to direct calls
    return;
  }
  MIR_gen(ctx, item);
  tls_compiler->RecordCode(item);
}

void ModuleCompiler::RecordCode(MIR_item_t item) {
  // Functions are generated in module order, which is definition order.
  uint32_t i = generated_++;
  if (i >= func_items_.size() || func_items_[i] != item) return;
  // MIR publishes each function's code at the free pointer of its code region, so the free
  // pointer right after generation is the function's end.
  uintptr_t start = reinterpret_cast<uintptr_t>(item->u.func->machine_code);
  uintptr_t end = reinterpret_cast<uintptr_t>(_MIR_get_new_code_addr(ctx_, 0));
  out_->code_[i] = item->u.func->machine_code;
  out_->ranges_.push_back({start, end, m_.num_imported_funcs + i});
  // Debugging aid: WASMC_CODE_DUMP=dir writes each function's code to dir/f<index>.bin
  // (disassemble with objdump -D -b binary -mi386:x86-64).
  if (const char* dir = std::getenv("WASMC_CODE_DUMP")) {
    char path[512];
    std::snprintf(path, sizeof(path), "%s/f%u.bin", dir, m_.num_imported_funcs + i);
    if (std::FILE* f = std::fopen(path, "wb")) {
      std::fwrite(item->u.func->machine_code, 1, end - start, f);
      std::fclose(f);
    }
  }
}

void ModuleCompiler::LinkAndGenerate(void* self) {
  ModuleCompiler* c = static_cast<ModuleCompiler*>(self);
  MIR_finish_module(c->ctx_);
  const uint32_t imported = c->m_.num_imported_funcs;
  for (const Translator::DirectCall& call : c->translator_->direct_calls()) {
    call.insn->ops[1] = MIR_new_ref_op(c->ctx_, c->func_items_[call.func_index - imported]);
  }
  MIR_module_t module = DLIST_TAIL(MIR_module_t, *MIR_get_module_list(c->ctx_));
  if (std::getenv("WASMC_MIR_DUMP") != nullptr) MIR_output_module(c->ctx_, stderr, module);
  MIR_load_module(c->ctx_, module);
  if (c->o_.interpret) {
    MIR_link(c->ctx_, MIR_set_interp_interface, ResolveHelperImport,
             const_cast<RuntimeHelpers*>(c->o_.helpers));
    // Interpreter shims have no code range: trap messages name no function.
    for (size_t i = 0; i < c->func_items_.size(); ++i) c->out_->code_[i] = c->func_items_[i]->addr;
    c->generated_ = uint32_t(c->func_items_.size());
    return;
  }
  ModuleCompiler* saved = tls_compiler;
  tls_compiler = c;
  MIR_link(c->ctx_, SetInterface, ResolveHelperImport,
           const_cast<RuntimeHelpers*>(c->o_.helpers));
  tls_compiler = saved;
}

Result<std::unique_ptr<CompiledModule>> ModuleCompiler::Run() {
  if (o_.helpers == nullptr) {
    return Status::Error(ErrorKind::kMisuse, "CompileModule: CompileOptions::helpers is null");
  }
  out_.reset(new CompiledModule());
  out_->num_imported_funcs_ = m_.num_imported_funcs;
  WASMC_ASSIGN_OR_RETURN(out_->mir_, MirContext::Create(o_.opt_level, o_.allow_opt_level_2));
  ctx_ = out_->mir_->ctx();
  WASMC_TRY(RunGuarded(ctx_, BeginModule, this));
  TranslatorOptions topts;
  topts.explicit_bounds_checks = o_.explicit_bounds_checks;
  topts.consume_fuel = o_.consume_fuel;
  topts.epoch_interruption = o_.epoch_interruption;
  translator_.reset(new Translator(ctx_, m_, items_, topts));
  validator_.reset(new FuncValidator<Translator>(m_, *translator_));
  for (current_ = m_.num_imported_funcs; current_ < m_.funcs.size(); ++current_) {
    WASMC_TRY(RunGuarded(ctx_, TranslateFunction, this));
    if (!status_.ok()) {
      // A malformed later body outranks this validation error (validator/validate.h).
      if (status_.kind() == ErrorKind::kInvalid) {
        Status malformed = FindMalformedBody(m_, current_ + 1);
        if (!malformed.ok()) return malformed;
      }
      return status_;
    }
  }
  out_->code_.assign(m_.NumDefinedFuncs(), nullptr);
  WASMC_TRY(RunGuarded(ctx_, LinkAndGenerate, this));
  if (generated_ != func_items_.size()) {
    return Status::Error(ErrorKind::kInternal, "mir_backend: functions generated out of order");
  }
  std::sort(out_->ranges_.begin(), out_->ranges_.end(),
            [](const CompiledModule::CodeRange& a, const CompiledModule::CodeRange& b) {
              return a.start < b.start;
            });
  return std::move(out_);
}

Result<std::unique_ptr<CompiledModule>> CompileModule(const ModuleDesc& m,
                                                      const CompileOptions& o) {
  std::unique_ptr<ModuleCompiler> compiler(new ModuleCompiler(m, o));
  return compiler->Run();
}

CompiledModule::~CompiledModule() = default;

void* CompiledModule::WasmCall(uint32_t func_index) const {
  if (func_index < num_imported_funcs_) return nullptr;
  uint32_t i = func_index - num_imported_funcs_;
  return i < code_.size() ? code_[i] : nullptr;
}

bool CompiledModule::FuncIndexForPc(uintptr_t pc, uint32_t* func_index_out) const {
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), pc,
                             [](uintptr_t p, const CodeRange& r) { return p < r.start; });
  if (it == ranges_.begin()) return false;
  --it;
  if (pc >= it->end) return false;
  *func_index_out = it->func_index;
  return true;
}

}  // namespace wasmc
