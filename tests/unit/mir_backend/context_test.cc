// Tests of mir_backend/context: a MIR smoke test through the raw MIR API at -O1, and the error
// guard (a wrong MIR function becomes a kInternal Status, the process survives, and the next
// compile works).
#include "test_main.h"

#include "mir_backend/context.h"

namespace wasmc {
namespace {

struct SmokeJob {
  MIR_context_t ctx;
  bool make_error;
  void* code;
};

// Builds `i64 add3(i64 a, i64 b) { return a + b + 3; }`, or with `make_error` an ADD whose
// destination is a float register (rejected by MIR_finish_func).
void BuildAdd(void* arg) {
  SmokeJob* job = static_cast<SmokeJob*>(arg);
  MIR_context_t ctx = job->ctx;
  MIR_new_module(ctx, "smoke");
  MIR_type_t res = MIR_T_I64;
  MIR_var_t vars[2] = {{MIR_T_I64, "a", 0}, {MIR_T_I64, "b", 0}};
  MIR_item_t func = MIR_new_func_arr(ctx, "add3", 1, &res, 2, vars);
  MIR_func_t f = MIR_get_item_func(ctx, func);
  MIR_reg_t a = MIR_reg(ctx, "a", f);
  MIR_reg_t b = MIR_reg(ctx, "b", f);
  MIR_reg_t t = MIR_new_func_reg(ctx, f, job->make_error ? MIR_T_D : MIR_T_I64, "t");
  MIR_op_t add[3] = {MIR_new_reg_op(ctx, t), MIR_new_reg_op(ctx, a), MIR_new_reg_op(ctx, b)};
  MIR_append_insn(ctx, func, MIR_new_insn_arr(ctx, MIR_ADD, 3, add));
  MIR_op_t add3[3] = {MIR_new_reg_op(ctx, t), MIR_new_reg_op(ctx, t), MIR_new_int_op(ctx, 3)};
  MIR_append_insn(ctx, func, MIR_new_insn_arr(ctx, MIR_ADD, 3, add3));
  MIR_op_t ret[1] = {MIR_new_reg_op(ctx, t)};
  MIR_append_insn(ctx, func, MIR_new_insn_arr(ctx, MIR_RET, 1, ret));
  MIR_finish_func(ctx);
  MIR_finish_module(ctx);
  MIR_load_module(ctx, DLIST_TAIL(MIR_module_t, *MIR_get_module_list(ctx)));
  MIR_link(ctx, MIR_set_gen_interface, nullptr, nullptr);
  job->code = func->u.func->machine_code;
}

void test_mir_backend_context__smoke_o1(void**) {
  Result<std::unique_ptr<MirContext>> mir = MirContext::Create(1);
  assert_true(mir.ok());
  SmokeJob job{mir.value()->ctx(), false, nullptr};
  Status s = RunGuarded(job.ctx, BuildAdd, &job);
  assert_true(s.ok());
  assert_non_null(job.code);
  auto fn = reinterpret_cast<int64_t (*)(int64_t, int64_t)>(job.code);
  assert_int_equal(fn(40, -1), 42);
  assert_int_equal(fn(INT64_MAX - 3, 0), INT64_MAX);
}

void test_mir_backend_context__error_becomes_status(void**) {
  {
    Result<std::unique_ptr<MirContext>> mir = MirContext::Create(1);
    assert_true(mir.ok());
    SmokeJob job{mir.value()->ctx(), true, nullptr};
    Status s = RunGuarded(job.ctx, BuildAdd, &job);
    assert_false(s.ok());
    assert_int_equal(s.kind(), ErrorKind::kInternal);
    assert_true(s.message().rfind("MIR: ", 0) == 0);
    assert_null(job.code);
  }  // the context is finished after the error
  Result<std::unique_ptr<MirContext>> mir = MirContext::Create(0);
  assert_true(mir.ok());
  SmokeJob job{mir.value()->ctx(), false, nullptr};
  assert_true(RunGuarded(job.ctx, BuildAdd, &job).ok());
  assert_int_equal(reinterpret_cast<int64_t (*)(int64_t, int64_t)>(job.code)(1, 2), 6);
}

void FailTwice(void* arg) {
  // A nested guard catches the first error; the outer one the second.
  MIR_context_t ctx = static_cast<MIR_context_t>(arg);
  bool inner_failed;
  {  // no Status may be live when the outer guard's longjmp happens
    Status inner = RunGuarded(
        ctx, [](void* c) { MIR_finish_func(static_cast<MIR_context_t>(c)); }, ctx);
    inner_failed = !inner.ok();
  }
  if (!inner_failed) return;
  MIR_finish_module(ctx);  // no module open: error
}

void test_mir_backend_context__nested_guards(void**) {
  Result<std::unique_ptr<MirContext>> mir = MirContext::Create(1);
  assert_true(mir.ok());
  Status s = RunGuarded(mir.value()->ctx(), FailTwice, mir.value()->ctx());
  assert_int_equal(s.kind(), ErrorKind::kInternal);
}

}  // namespace
}  // namespace wasmc

int RunMirContextTests() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(wasmc::test_mir_backend_context__smoke_o1),
      cmocka_unit_test(wasmc::test_mir_backend_context__error_becomes_status),
      cmocka_unit_test(wasmc::test_mir_backend_context__nested_guards),
  };
  return cmocka_run_group_tests_name("mir_backend_context", tests, nullptr, nullptr);
}
