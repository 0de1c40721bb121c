/* C API tests: guest memory access. Checked reads and writes (overflow, bounds), scalars with
 * alignment, borrows (shared/mutable conflicts, UTF-8 strings), and what borrows refuse: calls
 * into the guest (also from a host function), instantiation and growth. */
#include <string.h>

#include "api_test_util.h"

enum { HOST_PLAIN, HOST_BORROW_AND_CALL, HOST_LEAK_BORROW };

typedef struct {
  int mode;
  wasmc_func_t nop;
  wasmc_error_code_t call_error; /* what the call made under a borrow returned */
  wasmc_borrow_t leaked;
} host_env;

/* env.host(x): depending on the mode, borrows the caller's memory and tries to call back. */
static wasmc_trap_t *host(void *env, wasmc_caller_t *caller, wasmc_val_raw_t *args,
                          size_t capacity) {
  host_env *e = env;
  wasmc_extern_t mem;
  uint8_t *p;
  wasmc_borrow_t b;
  wasmc_trap_t *trap = NULL;
  wasmc_store_t *store = wasmc_caller_store(caller);
  (void)capacity;
  if (e->mode == HOST_PLAIN) return NULL;
  if (!wasmc_caller_export_get(caller, "memory", 6, &mem)) return wasmc_trap_new("no memory", 9);
  api_expect_ok(wasmc_memory_borrow(store, &mem.of.memory, 0, 16, WASMC_BORROW_MUT, &p, &b));
  p[0] = 0x5a;
  if (e->mode == HOST_BORROW_AND_CALL) {
    wasmc_error_t *err = wasmc_func_call(store, &e->nop, NULL, 0, NULL, 0, &trap);
    e->call_error = err ? wasmc_error_code(err) : 0;
    wasmc_error_delete(err);
    api_expect_ok(wasmc_memory_unborrow(store, &b));
  } else {
    e->leaked = b; /* returns to Wasm with the borrow outstanding: a trap */
  }
  args[0].i32 = 1;
  return NULL;
}

typedef struct {
  wasmc_module_t *module;
  wasmc_instance_t inst;
  wasmc_memory_t mem;
  host_env env;
} fixture_t;

static void setup_embed(api_fixture_t *f, fixture_t *x) {
  static const wasmc_valkind_t i32[] = {WASMC_I32};
  wasmc_functype_t *t = wasmc_functype_new(i32, 1, i32, 1);
  wasmc_extern_t imp;
  wasmc_trap_t *trap = NULL;
  memset(&x->env, 0, sizeof x->env);
  x->module = api_compile(f->engine, "embed");
  imp.kind = WASMC_EXTERN_FUNC;
  api_expect_ok(wasmc_func_new(f->store, t, host, &x->env, NULL, &imp.of.func));
  wasmc_functype_delete(t);
  api_expect_ok(wasmc_instance_new(f->store, x->module, &imp, 1, &x->inst, &trap));
  assert_null(trap);
  x->mem = api_export(f->store, &x->inst, "memory", WASMC_EXTERN_MEMORY).of.memory;
  x->env.nop = api_export(f->store, &x->inst, "nop", WASMC_EXTERN_FUNC).of.func;
}

static void test_api_guest_memory__read_write(void **state) {
  api_fixture_t *f = *state;
  fixture_t x;
  uint8_t buf[8] = {1, 2, 3, 4, 5, 6, 7, 8}, back[8];
  setup_embed(f, &x);
  api_expect_ok(wasmc_memory_write(f->store, &x.mem, 100, buf, 8));
  api_expect_ok(wasmc_memory_read(f->store, &x.mem, 100, back, 8));
  assert_memory_equal(buf, back, 8);
  /* The last bytes of the memory; a zero-length range at the end. */
  api_expect_ok(wasmc_memory_write(f->store, &x.mem, 65536 - 8, buf, 8));
  api_expect_ok(wasmc_memory_read(f->store, &x.mem, 65536, back, 0));
  api_expect_error(wasmc_memory_read(f->store, &x.mem, 65536 - 7, back, 8),
                   WASMC_ERR_OUT_OF_BOUNDS);
  api_expect_error(wasmc_memory_write(f->store, &x.mem, 65537, buf, 0), WASMC_ERR_OUT_OF_BOUNDS);
  /* offset + len past 2^32 is overflow, not a wrapped small address. */
  api_expect_error(wasmc_memory_read(f->store, &x.mem, UINT32_MAX, back, 2), WASMC_ERR_OVERFLOW);
  api_expect_error(wasmc_memory_write(f->store, &x.mem, 0x80000000u, buf, 0x80000001u),
                   WASMC_ERR_OVERFLOW);
  api_expect_error(wasmc_memory_read(f->store, &x.mem, UINT32_MAX, back, 1),
                   WASMC_ERR_OUT_OF_BOUNDS);
  /* Misuse. */
  wasmc_memory_t bogus = {x.mem.store_id, 999};
  api_expect_error(wasmc_memory_read(f->store, &bogus, 0, back, 1), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_memory_read(f->store, &x.mem, 0, NULL, 1), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_memory_write(NULL, &x.mem, 0, buf, 1), WASMC_ERR_MISUSE);
  /* Scalars, little-endian, seen by Wasm. */
  int32_t v = -123456, w = 0;
  int64_t v64 = INT64_C(0x0102030405060708), w64 = 0;
  api_expect_ok(wasmc_memory_write_scalar(f->store, &x.mem, 64, 4, 4, &v));
  api_expect_ok(wasmc_memory_read_scalar(f->store, &x.mem, 64, 4, 4, &w));
  assert_int_equal(w, v);
  wasmc_func_t load = api_export(f->store, &x.inst, "load", WASMC_EXTERN_FUNC).of.func;
  wasmc_val_t a = api_i32(64), r;
  wasmc_trap_t *trap = NULL;
  api_expect_ok(wasmc_func_call(f->store, &load, &a, 1, &r, 1, &trap));
  assert_int_equal(r.of.i32, -123456);
  api_expect_ok(wasmc_memory_write_scalar(f->store, &x.mem, 72, 8, 8, &v64));
  api_expect_ok(wasmc_memory_read_scalar(f->store, &x.mem, 72, 8, 8, &w64));
  assert_true(w64 == v64);
  uint8_t byte;
  api_expect_ok(wasmc_memory_read_scalar(f->store, &x.mem, 72, 1, 1, &byte));
  assert_int_equal(byte, 8);
  api_expect_ok(wasmc_memory_read_scalar(f->store, &x.mem, 65, 4, 1, &w)); /* unaligned ok */
  api_expect_error(wasmc_memory_read_scalar(f->store, &x.mem, 66, 4, 4, &w), WASMC_ERR_MISALIGNED);
  api_expect_error(wasmc_memory_write_scalar(f->store, &x.mem, 68, 8, 8, &v64),
                   WASMC_ERR_MISALIGNED);
  api_expect_error(wasmc_memory_read_scalar(f->store, &x.mem, 65536 - 2, 4, 2, &w),
                   WASMC_ERR_OUT_OF_BOUNDS);
  api_expect_error(wasmc_memory_read_scalar(f->store, &x.mem, UINT32_MAX - 1, 4, 1, &w),
                   WASMC_ERR_OVERFLOW);
  api_expect_error(wasmc_memory_read_scalar(f->store, &x.mem, 0, 3, 1, &w), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_memory_read_scalar(f->store, &x.mem, 0, 4, 3, &w), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_memory_read_scalar(f->store, &x.mem, 0, 4, 0, &w), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_memory_write_scalar(f->store, &x.mem, 0, 4, 4, NULL), WASMC_ERR_MISUSE);
  wasmc_module_delete(x.module);
}

static void test_api_guest_memory__borrow_conflicts(void **state) {
  api_fixture_t *f = *state;
  fixture_t x;
  uint8_t *p1, *p2, *p3;
  wasmc_borrow_t b1, b2, b3;
  uint8_t buf[4] = {0};
  setup_embed(f, &x);
  assert_false(wasmc_memory_has_outstanding_borrows(f->store, &x.mem));
  /* Shared borrows overlap each other. */
  api_expect_ok(wasmc_memory_borrow(f->store, &x.mem, 0, 100, WASMC_BORROW_SHARED, &p1, &b1));
  api_expect_ok(wasmc_memory_borrow(f->store, &x.mem, 50, 100, WASMC_BORROW_SHARED, &p2, &b2));
  assert_ptr_equal(p2, p1 + 50);
  assert_true(wasmc_memory_has_outstanding_borrows(f->store, &x.mem));
  /* A mutable borrow overlapping a shared one is refused; disjoint is fine. */
  api_expect_error(wasmc_memory_borrow(f->store, &x.mem, 149, 1, WASMC_BORROW_MUT, &p3, &b3),
                   WASMC_ERR_BORROWED);
  api_expect_ok(wasmc_memory_borrow(f->store, &x.mem, 150, 10, WASMC_BORROW_MUT, &p3, &b3));
  /* Shared over mutable, mutable over mutable: refused. Empty ranges conflict with nothing. */
  api_expect_error(wasmc_memory_borrow(f->store, &x.mem, 155, 1, WASMC_BORROW_SHARED, &p1, &b1),
                   WASMC_ERR_BORROWED);
  api_expect_error(wasmc_memory_borrow(f->store, &x.mem, 159, 4, WASMC_BORROW_MUT, &p1, &b1),
                   WASMC_ERR_BORROWED);
  /* Checked copies respect borrows: reads only mutable ones, writes any. */
  api_expect_ok(wasmc_memory_read(f->store, &x.mem, 10, buf, 4));
  api_expect_error(wasmc_memory_read(f->store, &x.mem, 152, buf, 4), WASMC_ERR_BORROWED);
  api_expect_error(wasmc_memory_write(f->store, &x.mem, 10, buf, 4), WASMC_ERR_BORROWED);
  api_expect_error(wasmc_memory_write_scalar(f->store, &x.mem, 152, 4, 4, buf), WASMC_ERR_BORROWED);
  api_expect_ok(wasmc_memory_write(f->store, &x.mem, 160, buf, 4));
  /* Release: twice is misuse; a borrow of another store is misuse. */
  api_expect_ok(wasmc_memory_unborrow(f->store, &b3));
  api_expect_error(wasmc_memory_unborrow(f->store, &b3), WASMC_ERR_MISUSE);
  wasmc_borrow_t foreign = b2;
  foreign.store_id += 1000;
  api_expect_error(wasmc_memory_unborrow(f->store, &foreign), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_memory_unborrow(f->store, NULL), WASMC_ERR_MISUSE);
  api_expect_ok(wasmc_memory_unborrow(f->store, &b2));
  api_expect_ok(wasmc_memory_unborrow(f->store, &b1)); /* refused borrows left b1 unchanged */
  assert_false(wasmc_memory_has_outstanding_borrows(f->store, &x.mem));
  /* Bounds, overflow and mode checks. */
  api_expect_error(wasmc_memory_borrow(f->store, &x.mem, 65530, 7, WASMC_BORROW_SHARED, &p1, &b1),
                   WASMC_ERR_OUT_OF_BOUNDS);
  api_expect_error(
      wasmc_memory_borrow(f->store, &x.mem, 10, UINT32_MAX, WASMC_BORROW_MUT, &p1, &b1),
      WASMC_ERR_OVERFLOW);
  api_expect_error(wasmc_memory_borrow(f->store, &x.mem, 0, 1, 7, &p1, &b1), WASMC_ERR_MISUSE);
  api_expect_error(wasmc_memory_borrow(f->store, &x.mem, 0, 1, WASMC_BORROW_MUT, NULL, &b1),
                   WASMC_ERR_MISUSE);
  wasmc_memory_t bogus = {x.mem.store_id, 999};
  api_expect_error(wasmc_memory_borrow(f->store, &bogus, 0, 1, WASMC_BORROW_MUT, &p1, &b1),
                   WASMC_ERR_MISUSE);
  assert_false(wasmc_memory_has_outstanding_borrows(f->store, &bogus));
  wasmc_module_delete(x.module);
}

static void test_api_guest_memory__borrow_str(void **state) {
  api_fixture_t *f = *state;
  fixture_t x;
  const char *s;
  wasmc_borrow_t b, b2;
  uint8_t *p;
  static const uint8_t good[] = "h\xc3\xa9llo \xf0\x9f\x98\x80";
  static const uint8_t bad[][4] = {{0xc0, 0x80}, {0xed, 0xa0, 0x80}, {0xe2, 0x82}, {0xff}};
  static const uint32_t bad_len[] = {2, 3, 2, 1};
  size_t i;
  setup_embed(f, &x);
  api_expect_ok(wasmc_memory_write(f->store, &x.mem, 200, good, sizeof good - 1));
  api_expect_ok(wasmc_memory_borrow_str(f->store, &x.mem, 200, sizeof good - 1, &s, &b));
  assert_memory_equal(s, good, sizeof good - 1);
  /* It is a shared borrow: another shared one may overlap, a mutable one may not. */
  api_expect_ok(wasmc_memory_borrow_str(f->store, &x.mem, 200, 1, &s, &b2));
  api_expect_ok(wasmc_memory_unborrow(f->store, &b2));
  api_expect_error(wasmc_memory_borrow(f->store, &x.mem, 201, 1, WASMC_BORROW_MUT, &p, &b2),
                   WASMC_ERR_BORROWED);
  api_expect_ok(wasmc_memory_unborrow(f->store, &b));
  for (i = 0; i < 4; i++) {
    api_expect_ok(wasmc_memory_write(f->store, &x.mem, 300, bad[i], bad_len[i]));
    api_expect_error(wasmc_memory_borrow_str(f->store, &x.mem, 300, bad_len[i], &s, &b),
                     WASMC_ERR_INVALID_UTF8);
  }
  assert_false(wasmc_memory_has_outstanding_borrows(f->store, &x.mem)); /* nothing borrowed */
  api_expect_error(wasmc_memory_borrow_str(f->store, &x.mem, 65536, 1, &s, &b),
                   WASMC_ERR_OUT_OF_BOUNDS);
  api_expect_ok(wasmc_memory_borrow(f->store, &x.mem, 300, 1, WASMC_BORROW_MUT, &p, &b2));
  api_expect_error(wasmc_memory_borrow_str(f->store, &x.mem, 300, 1, &s, &b), WASMC_ERR_BORROWED);
  api_expect_ok(wasmc_memory_unborrow(f->store, &b2));
  wasmc_module_delete(x.module);
}

static void test_api_guest_memory__borrow_refuses_calls_and_grow(void **state) {
  api_fixture_t *f = *state;
  fixture_t x;
  uint8_t *p;
  wasmc_borrow_t b;
  wasmc_trap_t *trap = NULL;
  uint64_t prev;
  setup_embed(f, &x);
  api_expect_ok(wasmc_memory_borrow(f->store, &x.mem, 0, 4, WASMC_BORROW_SHARED, &p, &b));
  /* Any call into the store is refused while a borrow is outstanding. */
  api_expect_error(wasmc_func_call(f->store, &x.env.nop, NULL, 0, NULL, 0, &trap),
                   WASMC_ERR_BORROWED);
  wasmc_val_raw_t raw[1];
  api_expect_error(wasmc_func_call_unchecked(f->store, &x.env.nop, raw, 1, &trap),
                   WASMC_ERR_BORROWED);
  wasmc_instance_t inst2;
  wasmc_extern_t imp;
  imp.kind = WASMC_EXTERN_FUNC;
  imp.of.func = api_export(f->store, &x.inst, "double", WASMC_EXTERN_FUNC).of.func;
  api_expect_error(wasmc_instance_new(f->store, x.module, &imp, 1, &inst2, &trap),
                   WASMC_ERR_BORROWED);
  api_expect_error(wasmc_memory_grow(f->store, &x.mem, 1, &prev), WASMC_ERR_BORROWED);
  api_expect_ok(wasmc_memory_unborrow(f->store, &b));
  api_expect_ok(wasmc_memory_grow(f->store, &x.mem, 1, &prev));
  assert_int_equal(prev, 1);
  api_expect_ok(wasmc_func_call(f->store, &x.env.nop, NULL, 0, NULL, 0, &trap));
  assert_null(trap);

  /* Inside a host function: a borrow held across a call into the guest is refused. */
  wasmc_func_t call_host = api_export(f->store, &x.inst, "call_host", WASMC_EXTERN_FUNC).of.func;
  wasmc_val_t a = api_i32(0), r;
  x.env.mode = HOST_BORROW_AND_CALL;
  api_expect_ok(wasmc_func_call(f->store, &call_host, &a, 1, &r, 1, &trap));
  assert_null(trap);
  assert_int_equal(x.env.call_error, WASMC_ERR_BORROWED);
  assert_false(wasmc_memory_has_outstanding_borrows(f->store, &x.mem));
  /* Returning to Wasm with a borrow outstanding traps; the borrow stays until released. */
  x.env.mode = HOST_LEAK_BORROW;
  api_expect_ok(wasmc_func_call(f->store, &call_host, &a, 1, &r, 1, &trap));
  assert_non_null(trap);
  assert_string_equal(wasmc_trap_message(trap),
                      "host function returned with outstanding memory borrows");
  wasmc_trap_delete(trap);
  trap = NULL;
  assert_true(wasmc_memory_has_outstanding_borrows(f->store, &x.mem));
  api_expect_ok(wasmc_memory_unborrow(f->store, &x.env.leaked));
  x.env.mode = HOST_PLAIN;
  api_expect_ok(wasmc_func_call(f->store, &call_host, &a, 1, &r, 1, &trap));
  assert_null(trap);
  wasmc_module_delete(x.module);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_api_guest_memory__read_write, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_guest_memory__borrow_conflicts, api_setup,
                                      api_teardown),
      cmocka_unit_test_setup_teardown(test_api_guest_memory__borrow_str, api_setup, api_teardown),
      cmocka_unit_test_setup_teardown(test_api_guest_memory__borrow_refuses_calls_and_grow,
                                      api_setup, api_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
