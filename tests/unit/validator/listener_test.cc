// Unit tests: the Listener contract (validator/instr.h) as FuncValidator drives it: the exact
// sequence of OnFunctionBegin/OnInstr/OnFunctionEnd calls, the unreachable flags, the resolved
// immediates, and listener errors stopping validation.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
extern "C" {  // cmocka 1.1.5 has no extern "C" guard of its own
#include <cmocka.h>
}

#include <vector>

#include "test_module.h"

using namespace wasmc;        // NOLINT: test file
using namespace wasmc::test;  // NOLINT

namespace {

struct Seen {
  Opcode op;
  bool unreachable;
  uint32_t index;
  uint64_t bits;
  ValType type;
};

// Records every callback; fails with kUnsupported at instruction number `fail_at` if set.
struct RecordingListener {
  std::vector<ValType> locals;
  uint32_t begin_index = 0;
  std::vector<Seen> seen;
  std::vector<uint32_t> br_table;  // targets then default, copied from the last br_table
  BlockSig last_block;
  int begins = 0;
  int ends = 0;
  size_t fail_at = SIZE_MAX;

  Status OnFunctionBegin(uint32_t func_index, const FuncType&, const ValType* l, uint32_t n) {
    ++begins;
    begin_index = func_index;
    locals.assign(l, l + n);
    return Status();
  }
  Status OnInstr(const Instr& instr, bool unreachable) {
    if (seen.size() == fail_at) return Status::Error(ErrorKind::kUnsupported, "stop here");
    seen.push_back(Seen{instr.op, unreachable, instr.index, instr.bits, instr.type});
    if (instr.op == Opcode::BrTable) {
      br_table.assign(instr.targets, instr.targets + instr.num_targets + 1);
    }
    if (instr.op == Opcode::Block || instr.op == Opcode::Loop || instr.op == Opcode::If) {
      last_block = instr.block;
    }
    return Status();
  }
  Status OnFunctionEnd() {
    ++ends;
    return Status();
  }
};

}  // namespace

static void ExpectSeen(const Seen& s, Opcode op, bool unreachable) {
  if (s.op != op || s.unreachable != unreachable) {
    print_error("saw %s/%d, want %s/%d\n", OpcodeName(s.op), int(s.unreachable), OpcodeName(op),
                int(unreachable));
  }
  assert_int_equal(int(s.op), int(op));
  assert_int_equal(int(s.unreachable), int(unreachable));
}

static void test_validator_listener__sequence_and_unreachable_flags(void** state) {
  (void)state;
  ModuleDesc m;
  uint32_t t = AddType(&m, {kI32}, {kI32});
  AddFunc(&m, t, {0x01, 0x01, 0x7e,  // (local i64)
                  0x02, 0x7f,        // block (result i32)
                  0x41, 0x07,        //   i32.const 7
                  0x0c, 0x00,        //   br 0
                  0x41, 0x08,        //   i32.const 8    (dead)
                  0x0b,              // end              (dead: the block's flag)
                  0x1a,              // drop
                  0x00,              // unreachable
                  0x41, 0x01,        // i32.const 1      (dead)
                  0x41, 0x02,        // i32.const 2      (dead)
                  0x41, 0x00,        // i32.const 0      (dead)
                  0x1b,              // select           (dead; operand type i32)
                  0x0b});            // end              (dead)
  RecordingListener l;
  FuncValidator<RecordingListener> v(m, l);
  EXPECT_OK(v.Validate(0));
  assert_int_equal(l.begins, 1);
  assert_int_equal(l.ends, 1);
  assert_int_equal(l.begin_index, 0);
  assert_int_equal(l.locals.size(), 2);
  assert_int_equal(int(l.locals[0]), int(kI32));
  assert_int_equal(int(l.locals[1]), int(kI64));
  assert_int_equal(l.seen.size(), 12);
  ExpectSeen(l.seen[0], Opcode::Block, false);
  ExpectSeen(l.seen[1], Opcode::I32Const, false);
  assert_int_equal(l.seen[1].bits, 7);
  ExpectSeen(l.seen[2], Opcode::Br, false);
  assert_int_equal(l.seen[2].index, 0);
  ExpectSeen(l.seen[3], Opcode::I32Const, true);
  ExpectSeen(l.seen[4], Opcode::End, true);
  ExpectSeen(l.seen[5], Opcode::Drop, false);
  ExpectSeen(l.seen[6], Opcode::Unreachable, false);
  ExpectSeen(l.seen[7], Opcode::I32Const, true);
  ExpectSeen(l.seen[9], Opcode::I32Const, true);
  ExpectSeen(l.seen[10], Opcode::Select, true);
  assert_int_equal(int(l.seen[10].type), int(kI32));
  ExpectSeen(l.seen[11], Opcode::End, true);
  assert_int_equal(int(l.last_block.num_results), 1);
  assert_int_equal(int(l.last_block.results[0]), int(kI32));
}

static void test_validator_listener__if_else_flags(void** state) {
  (void)state;
  ModuleDesc m;
  uint32_t t = AddType(&m, {}, {});
  AddFunc(&m, t, {0x00,
                  0x41, 0x01,  // i32.const 1
                  0x04, 0x40,  // if
                  0x00,        //   unreachable
                  0x05,        // else    (the then-branch is dead)
                  0x01,        //   nop   (live again)
                  0x0b,        // end
                  0x0b});
  RecordingListener l;
  FuncValidator<RecordingListener> v(m, l);
  EXPECT_OK(v.Validate(0));
  assert_int_equal(l.seen.size(), 7);
  ExpectSeen(l.seen[2], Opcode::Unreachable, false);
  ExpectSeen(l.seen[3], Opcode::Else, true);
  ExpectSeen(l.seen[4], Opcode::Nop, false);
  ExpectSeen(l.seen[5], Opcode::End, false);
  ExpectSeen(l.seen[6], Opcode::End, false);
}

static void test_validator_listener__immediates(void** state) {
  (void)state;
  ModuleDesc m;
  uint32_t t0 = AddType(&m, {}, {});
  uint32_t t1 = AddType(&m, {kI32}, {kI64, kF32});
  AddFunc(&m, t0, {0x00,
                   0x42, 0x7f, 0x1a,                          // i64.const -1; drop
                   0x02, 0x40,                                // block
                   0x41, 0x00, 0x0e, 0x02, 0x00, 0x00, 0x00,  //   br_table [0 0] 0
                   0x0b,                                      // end
                   0x41, 0x00, 0x02, 0x01,                    // i32.const 0; block (type 1)
                   0x00, 0x0b, 0x1a, 0x1a,                    //   unreachable end drop drop
                   0x0b});
  RecordingListener l;
  FuncValidator<RecordingListener> v(m, l);
  EXPECT_OK(v.Validate(0));
  assert_int_equal(l.seen[0].bits, UINT64_MAX);
  assert_int_equal(l.br_table.size(), 3);
  assert_int_equal(l.last_block.num_params, 1);
  assert_int_equal(l.last_block.num_results, 2);
  // A type-index block type points into the module's own type storage.
  assert_ptr_equal(l.last_block.results, m.types[t1].results.data());
  assert_ptr_equal(l.last_block.params, m.types[t1].params.data());
}

static void test_validator_listener__error_stops_and_propagates(void** state) {
  (void)state;
  ModuleDesc m;
  uint32_t t = AddType(&m, {}, {});
  AddFunc(&m, t, {0x00, 0x01, 0x01, 0x01, 0x0b});
  RecordingListener l;
  l.fail_at = 1;
  FuncValidator<RecordingListener> v(m, l);
  EXPECT_ERROR(v.Validate(0), ErrorKind::kUnsupported, "stop here");
  assert_int_equal(l.seen.size(), 1);
  assert_int_equal(l.ends, 0);
}

static void test_validator_listener__not_called_for_rejected_instr(void** state) {
  (void)state;
  ModuleDesc m;
  uint32_t t = AddType(&m, {}, {});
  AddFunc(&m, t, {0x00, 0x01, 0x6a, 0x0b});  // nop; i32.add (underflow)
  RecordingListener l;
  FuncValidator<RecordingListener> v(m, l);
  EXPECT_INVALID(v.Validate(0), "type mismatch");
  assert_int_equal(l.seen.size(), 1);
  assert_int_equal(l.ends, 0);
}

static void test_validator_listener__reuse_across_functions(void** state) {
  (void)state;
  ModuleDesc m;
  uint32_t t = AddType(&m, {}, {kI32});
  AddImportedFunc(&m, t);
  AddFunc(&m, t, {0x01, 0x03, 0x7d, 0x41, 0x01, 0x0b});
  AddFunc(&m, t, {0x00, 0x10, 0x00, 0x0b});  // call 0
  RecordingListener l;
  FuncValidator<RecordingListener> v(m, l);
  EXPECT_OK(v.Validate(1));
  assert_int_equal(l.locals.size(), 3);
  EXPECT_OK(v.Validate(2));
  assert_int_equal(l.locals.size(), 0);
  assert_int_equal(l.begins, 2);
  assert_int_equal(l.ends, 2);
  EXPECT_ERROR(v.Validate(0), ErrorKind::kMisuse, "");  // imported: no body
  EXPECT_ERROR(v.Validate(3), ErrorKind::kMisuse, "");
}

int RunListenerTests() {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_validator_listener__sequence_and_unreachable_flags),
      cmocka_unit_test(test_validator_listener__if_else_flags),
      cmocka_unit_test(test_validator_listener__immediates),
      cmocka_unit_test(test_validator_listener__error_stops_and_propagates),
      cmocka_unit_test(test_validator_listener__not_called_for_rejected_instr),
      cmocka_unit_test(test_validator_listener__reuse_across_functions),
  };
  return cmocka_run_group_tests_name("validator.listener", tests, nullptr, nullptr);
}
