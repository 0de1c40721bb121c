// Lazy compilation (see lazy_compile.h): up-front parallel validation, the stubs, the x86-64
// thunk, and the per-function compile into the module's lazy MIR context. Consumes a
// ModuleDesc and CompileOptions; produces stubs whose code appears on first call.
#include "mir_backend/lazy_compile.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <thread>

#include "mir_backend/context.h"
#include "mir_backend/support.h"
#include "mir_backend/translator.h"
#include "validator/func_validator.h"
#include "validator/validate.h"

// The thunk every uncompiled stub jumps to, with r11 = the function's LazyCode::Entry. It
// keeps the argument registers of the wasm-call (SysV) convention, calls
// WasmcLazyResolve(entry, callee vmctx = the first argument) and tail-jumps to the code it
// returns; stack arguments and the return address stay where the caller put them.
extern "C" __attribute__((visibility("hidden"))) void* WasmcLazyResolve(
    wasmc::LazyCode::Entry* entry, void* vmctx) {
  return wasmc::LazyCode::Resolve(entry, vmctx);
}

#if defined(__x86_64__) && defined(__ELF__)
extern "C" void WasmcLazyThunk();
asm(R"(
  .text
  .globl WasmcLazyThunk
  .hidden WasmcLazyThunk
  .type WasmcLazyThunk, @function
  .p2align 4
WasmcLazyThunk:
  pushq %rbp
  movq %rsp, %rbp
  subq $176, %rsp
  movq %rdi, 0(%rsp)
  movq %rsi, 8(%rsp)
  movq %rdx, 16(%rsp)
  movq %rcx, 24(%rsp)
  movq %r8, 32(%rsp)
  movq %r9, 40(%rsp)
  movaps %xmm0, 48(%rsp)
  movaps %xmm1, 64(%rsp)
  movaps %xmm2, 80(%rsp)
  movaps %xmm3, 96(%rsp)
  movaps %xmm4, 112(%rsp)
  movaps %xmm5, 128(%rsp)
  movaps %xmm6, 144(%rsp)
  movaps %xmm7, 160(%rsp)
  movq %r11, %rdi
  movq 0(%rsp), %rsi
  call WasmcLazyResolve
  movq 0(%rsp), %rdi
  movq 8(%rsp), %rsi
  movq 16(%rsp), %rdx
  movq 24(%rsp), %rcx
  movq 32(%rsp), %r8
  movq 40(%rsp), %r9
  movaps 48(%rsp), %xmm0
  movaps 64(%rsp), %xmm1
  movaps 80(%rsp), %xmm2
  movaps 96(%rsp), %xmm3
  movaps 112(%rsp), %xmm4
  movaps 128(%rsp), %xmm5
  movaps 144(%rsp), %xmm6
  movaps 160(%rsp), %xmm7
  movq %rbp, %rsp
  popq %rbp
  jmpq *%rax
  .size WasmcLazyThunk, .-WasmcLazyThunk
)");
#define WASMC_HAVE_LAZY_THUNK 1
#endif

namespace wasmc {

// The compile state of the lazy MIR context. Used under LazyCode::mu_, on a compile thread;
// all state lives here (no non-trivial destructors between a MIR guard and MIR).
class LazyCompiler {
 public:
  LazyCompiler(const ModuleDesc& m, const CompileOptions& o, void* const* stubs)
      : m_(m), o_(o), stubs_(stubs) {}
  // Translates and generates defined function `i` alone; on success `code`/`range` are set.
  Status Compile(uint32_t i);
  void* code = nullptr;
  CompiledModule::CodeRange range{};

 private:
  static void Translate(void* self);
  static void LinkAndGenerate(void* self);
  static void SetInterface(MIR_context_t ctx, MIR_item_t item);

  const ModuleDesc& m_;
  const CompileOptions& o_;
  void* const* stubs_;  // per defined function: its stub, the far-call target
  std::unique_ptr<MirContext> mir_;
  MIR_context_t ctx_ = nullptr;
  uint32_t func_ = 0;  // function index being compiled
  ModuleItems items_;
  std::unique_ptr<Translator> translator_;
  std::unique_ptr<FuncValidator<Translator>> validator_;
  Status status_;
  ParamNames names_;
  std::vector<MIR_var_t> vars_;
  std::vector<MIR_type_t> res_;
  char name_[32] = {};
};

namespace {
thread_local LazyCompiler* tls_lazy = nullptr;  // for SetInterface (no user argument)
}  // namespace

void LazyCompiler::Translate(void* self) {
  LazyCompiler* c = static_cast<LazyCompiler*>(self);
  std::snprintf(c->name_, sizeof(c->name_), "m%u", c->func_);
  MIR_new_module(c->ctx_, c->name_);
  c->items_.protos.clear();
  for (size_t t = 0; t < c->m_.types.size(); ++t) {
    std::snprintf(c->name_, sizeof(c->name_), "type%zu", t);
    c->items_.protos.push_back(
        NewWasmCallProto(c->ctx_, c->name_, c->m_.types[t], &c->names_, &c->vars_, &c->res_));
  }
  c->items_.funcs.assign(c->m_.funcs.size(), nullptr);  // every call is a far call
  c->items_.helpers = HelperItems();
  CreateHelperItems(c->ctx_, &c->items_.helpers, &c->vars_);
  TranslatorOptions topts;
  topts.explicit_bounds_checks = c->o_.explicit_bounds_checks;
  topts.consume_fuel = c->o_.consume_fuel;
  topts.epoch_interruption = c->o_.epoch_interruption;
  topts.far_table = c->stubs_;
  topts.far_table_immediate = true;
  c->translator_.reset(new Translator(c->ctx_, c->m_, c->items_, topts));
  c->validator_.reset(new FuncValidator<Translator>(c->m_, *c->translator_));
  c->status_ = c->validator_->Validate(c->func_);
  if (!c->status_.ok()) c->translator_->DiscardFunction();
}

void LazyCompiler::SetInterface(MIR_context_t ctx, MIR_item_t item) {
  if (item == nullptr) return;
  LazyCompiler* c = tls_lazy;
  MIR_gen(ctx, item);
  if (item != c->translator_->func_item()) return;
  c->code = item->u.func->machine_code;
  c->range.start = reinterpret_cast<uintptr_t>(c->code);
  c->range.end = reinterpret_cast<uintptr_t>(_MIR_get_new_code_addr(ctx, 0));
  c->range.func_index = c->func_;
}

void LazyCompiler::LinkAndGenerate(void* self) {
  LazyCompiler* c = static_cast<LazyCompiler*>(self);
  MIR_finish_module(c->ctx_);
  MIR_module_t module = DLIST_TAIL(MIR_module_t, *MIR_get_module_list(c->ctx_));
  MIR_load_module(c->ctx_, module);
  LazyCompiler* saved = tls_lazy;
  tls_lazy = c;
  MIR_link(c->ctx_, SetInterface, ResolveHelperImport, const_cast<RuntimeHelpers*>(c->o_.helpers));
  tls_lazy = saved;
}

Status LazyCompiler::Compile(uint32_t i) {
  if (!mir_) {
    WASMC_ASSIGN_OR_RETURN(mir_, MirContext::Create(o_.opt_level, o_.allow_opt_level_2));
    ctx_ = mir_->ctx();
  }
  func_ = m_.num_imported_funcs + i;
  code = nullptr;
  Status guarded = RunGuarded(ctx_, Translate, this);
  if (guarded.ok() && status_.ok()) guarded = RunGuarded(ctx_, LinkAndGenerate, this);
  if (!guarded.ok() || !status_.ok()) {
    CloseOpenMirItems(ctx_);
    return guarded.ok() ? status_ : guarded;
  }
  if (code == nullptr) return Status::Error(ErrorKind::kInternal, "mir_backend: no lazy code");
  return Status();
}

// ---- LazyCode --------------------------------------------------------------------------------

bool LazyCode::Supported() {
#ifdef WASMC_HAVE_LAZY_THUNK
  return true;
#else
  return false;
#endif
}

LazyCode::LazyCode(const ModuleDesc& m, const CompileOptions& o) : m_(m), o_(o) {}

LazyCode::~LazyCode() {
  compiler_.reset();  // frees the code (MIR_finish) before the stubs that lead to it
  if (stubs_ != nullptr) munmap(stubs_, stubs_bytes_);
}

// Validates functions [begin, end) with SupportListener; on failure, *failed is the function.
static Status ValidateRange(const ModuleDesc& m, uint32_t begin, uint32_t end, uint32_t* failed) {
  SupportListener listener(m);
  FuncValidator<SupportListener> validator(m, listener);
  for (uint32_t f = begin; f < end; ++f) {
    Status s = validator.Validate(f);
    if (!s.ok()) {
      *failed = f;
      return s;
    }
  }
  return Status();
}

Result<std::unique_ptr<LazyCode>> LazyCode::Create(const ModuleDesc& m, const CompileOptions& o) {
  if (!Supported()) return Status::Error(ErrorKind::kUnsupported, "lazy compilation: x86-64 only");
  // Validate in parallel, in runs of consecutive functions of about equal size (validating is
  // fast: a run of less than 128 KiB is not worth a thread).
  const std::vector<uint32_t> bounds = PartitionFunctions(m, o.threads, 128 * 1024);
  const size_t num_parts = bounds.size() - 1;
  std::vector<Status> status(num_parts);
  std::vector<uint32_t> failed(num_parts, UINT32_MAX);
  {
    std::vector<std::thread> threads;
    for (size_t p = 1; p < num_parts; ++p) {
      threads.emplace_back([&, p] {
        status[p] = ValidateRange(m, bounds[p], bounds[p + 1], &failed[p]);
      });
    }
    if (num_parts > 0) status[0] = ValidateRange(m, bounds[0], bounds[1], &failed[0]);
    for (std::thread& t : threads) t.join();
  }
  for (size_t p = 0; p < num_parts; ++p) {  // the lowest-index failure, as compiling reports
    if (status[p].ok()) continue;
    if (status[p].kind() == ErrorKind::kInvalid) {
      Status malformed = FindMalformedBody(m, failed[p] + 1);
      if (!malformed.ok()) return malformed;
    }
    return status[p];
  }

  std::unique_ptr<LazyCode> lazy(new LazyCode(m, o));
  const uint32_t num_defined = m.NumDefinedFuncs();
  lazy->entries_.reset(new Entry[num_defined == 0 ? 1 : num_defined]);
  const size_t page = 4096;
  lazy->stubs_bytes_ = (std::max<size_t>(1, num_defined) * kStubSize + page - 1) / page * page;
  void* mem = mmap(nullptr, lazy->stubs_bytes_, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) return Status::Error(ErrorKind::kResource, "out of memory for stubs");
  lazy->stubs_ = static_cast<uint8_t*>(mem);
  std::memset(lazy->stubs_, 0xCC, lazy->stubs_bytes_);  // int3 padding
#ifdef WASMC_HAVE_LAZY_THUNK
  for (uint32_t i = 0; i < num_defined; ++i) {
    Entry* e = &lazy->entries_[i];
    e->code = reinterpret_cast<void*>(&WasmcLazyThunk);
    e->owner = lazy.get();
    uint8_t* s = lazy->stubs_ + size_t(i) * kStubSize;
    const uint64_t addr = reinterpret_cast<uintptr_t>(e);
    s[0] = 0x49;  // movabs r11, imm64
    s[1] = 0xBB;
    std::memcpy(s + 2, &addr, 8);
    s[10] = 0x41;  // jmp qword ptr [r11]
    s[11] = 0xFF;
    s[12] = 0x23;
  }
#endif
  if (mprotect(lazy->stubs_, lazy->stubs_bytes_, PROT_READ | PROT_EXEC) != 0) {
    return Status::Error(ErrorKind::kResource, "cannot make stubs executable");
  }
  std::vector<void*> stub_addrs(num_defined);
  for (uint32_t i = 0; i < num_defined; ++i) stub_addrs[i] = lazy->Stub(i);
  lazy->stub_addrs_ = std::move(stub_addrs);
  lazy->compiler_.reset(new LazyCompiler(m, lazy->o_, lazy->stub_addrs_.data()));
  return lazy;
}

void* LazyCode::Compile(uint32_t i) {
  std::lock_guard<std::mutex> lock(mu_);
  Entry& e = entries_[i];
#ifdef WASMC_HAVE_LAZY_THUNK
  if (e.code != reinterpret_cast<void*>(&WasmcLazyThunk)) return e.code;  // raced and lost
#endif
  // On its own thread: the caller may be deep in Wasm recursion, short of native stack, and
  // MIR's generator needs tens of KiB.
  Status status;
  std::thread worker([this, i, &status] { status = compiler_->Compile(i); });
  worker.join();
  if (!status.ok()) {
    std::fprintf(stderr, "wasmc: lazy compilation of function %u failed: %s\n",
                 m_.num_imported_funcs + i, status.message().c_str());
    return nullptr;
  }
  const CompiledModule::CodeRange r = compiler_->range;
  ranges_.insert(std::upper_bound(ranges_.begin(), ranges_.end(), r,
                                  [](const CompiledModule::CodeRange& a,
                                     const CompiledModule::CodeRange& b) {
                                    return a.start < b.start;
                                  }),
                 r);
  ++num_compiled_;
  __atomic_store_n(&e.code, compiler_->code, __ATOMIC_RELEASE);
  return e.code;
}

void* LazyCode::Resolve(Entry* entry, void* vmctx) {
  LazyCode* self = entry->owner;
  const uint32_t i = uint32_t(entry - self->entries_.get());
  void* code = self->Compile(i);
  if (code != nullptr) return code;
  // No object with a destructor is live here (the trap longjmps out, trap.h's invariant).
  self->o_.helpers->trap(vmctx, uint32_t(TrapCode::kHost), self->m_.num_imported_funcs + i);
  return nullptr;  // not reached
}

bool LazyCode::FuncIndexForPc(uintptr_t pc, uint32_t* func_index_out) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), pc,
                             [](uintptr_t p, const CompiledModule::CodeRange& r) {
                               return p < r.start;
                             });
  if (it == ranges_.begin()) return false;
  --it;
  if (pc >= it->end) return false;
  *func_index_out = it->func_index;
  return true;
}

uint32_t LazyCode::NumCompiled() const {
  std::lock_guard<std::mutex> lock(mu_);
  return num_compiled_;
}

}  // namespace wasmc
