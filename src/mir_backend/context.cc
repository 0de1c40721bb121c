// MIR context lifetime and the error guard (STYLE.md b.3 "MIR error contract"). Consumes MIR
// error callbacks; produces Status values. The callback records MIR's message in the innermost
// guard frame of the calling thread and longjmps back to `RunGuarded`.
#include "mir_backend/context.h"

#include <csetjmp>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

namespace wasmc {
namespace {

// One active guard. Trivially destructible: it lives between setjmp and longjmp.
struct GuardFrame {
  std::jmp_buf env;
  GuardFrame* prev;
  MIR_error_type_t type;
  char message[512];
};

// The innermost guard of this thread (a plain pointer: trivial thread_local). MIR's error
// callback has no user argument, and a context is used by one thread at a time.
thread_local GuardFrame* tls_guard = nullptr;

__attribute__((noreturn)) void OnMirError(MIR_error_type_t type, const char* format, ...) {
  GuardFrame* frame = tls_guard;
  std::va_list ap;
  va_start(ap, format);
  if (frame == nullptr) {
    // A MIR call outside any guard is a wasmc bug; MIR's contract forbids returning.
    std::fputs("wasmc: unguarded MIR error: ", stderr);
    std::vfprintf(stderr, format, ap);
    std::fputc('\n', stderr);
    std::abort();
  }
  std::vsnprintf(frame->message, sizeof(frame->message), format, ap);
  va_end(ap);
  frame->type = type;
  std::longjmp(frame->env, 1);
}

void FinishFunc(void* arg) { MIR_finish_func(static_cast<MIR_context_t>(arg)); }
void FinishModule(void* arg) { MIR_finish_module(static_cast<MIR_context_t>(arg)); }
void GenInit(void* arg) { MIR_gen_init(static_cast<MIR_context_t>(arg)); }
void GenFinish(void* arg) { MIR_gen_finish(static_cast<MIR_context_t>(arg)); }
void Finish(void* arg) { MIR_finish(static_cast<MIR_context_t>(arg)); }

}  // namespace

Status RunGuarded(MIR_context_t ctx, void (*fn)(void* arg), void* arg) {
  (void)ctx;  // the callback is installed per context in MirContext::Create
  GuardFrame frame;
  frame.prev = tls_guard;
  frame.type = MIR_no_error;
  frame.message[0] = '\0';
  tls_guard = &frame;
  if (setjmp(frame.env) == 0) {
    fn(arg);
    tls_guard = frame.prev;
    return Status();
  }
  tls_guard = frame.prev;
  ErrorKind kind = frame.type == MIR_alloc_error ? ErrorKind::kResource : ErrorKind::kInternal;
  return Status::Error(kind, std::string("MIR: ") + frame.message);
}

void CloseOpenMirItems(MIR_context_t ctx) {
  // Each call reports an error (and changes nothing) when there is nothing to finish; an
  // unfinished function is dropped by MIR_finish_func even when it is invalid.
  (void)RunGuarded(ctx, FinishFunc, ctx);
  (void)RunGuarded(ctx, FinishModule, ctx);
}

Result<std::unique_ptr<MirContext>> MirContext::Create(uint32_t opt_level,
                                                       bool allow_opt_level_2) {
  std::unique_ptr<MirContext> context(new MirContext());
  // MIR_gen_init writes the same values into a static table of instruction patterns
  // (mir-gen-x86_64.c, patterns_init) on every call: serialised, so that contexts created on
  // several threads at once (parallel compilation) do not race there.
  static std::mutex init_mu;
  std::lock_guard<std::mutex> lock(init_mu);
  context->ctx_ = MIR_init();
  MIR_set_error_func(context->ctx_, OnMirError);
  WASMC_TRY(RunGuarded(context->ctx_, GenInit, context->ctx_));
  context->gen_initialized_ = true;
  const uint32_t max_level = allow_opt_level_2 ? 2 : 1;
  MIR_gen_set_optimize_level(context->ctx_, opt_level > max_level ? max_level : opt_level);
  return context;
}

MirContext::~MirContext() {
  if (ctx_ == nullptr) return;
  CloseOpenMirItems(ctx_);
  if (gen_initialized_) (void)RunGuarded(ctx_, GenFinish, ctx_);
  (void)RunGuarded(ctx_, Finish, ctx_);
}

}  // namespace wasmc
