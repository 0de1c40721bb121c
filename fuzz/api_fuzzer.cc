// api_fuzzer: drives the C API (include/wasmc.h) with random call sequences: engines, stores,
// modules from a small set of valid/invalid binaries (and generated ones), instances with
// random imports, host functions, calls with wrong arities and kinds, memories, tables,
// globals, externrefs, handles from other or deleted stores, out-of-range indices, and NULL
// where the header allows it. Errors are fine; crashes, sanitizer reports, leaks and
// WASMC_ERR_INTERNAL are bugs. Every call respects the documented contract (for example,
// wasmc_func_call_unchecked only gets values of the right kinds, and deleted stores are never
// used again), so any failure is wasmc's.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "gen/module_gen.h"
#include "wasmc.h"

namespace {

// The binaries below were produced with wat2wasm from the WAT in the comments.
// full: imports env.h (func i32->i32), env.m (memory 1 2), env.t (table 2 funcref),
//   env.g (global mut i32), env.e (global externref); exports f (i32 i64 f32 f64 -> i32, calls
//   h), r (funcref externref -> externref funcref), loop (infinite loop: never called),
//   rec (unbounded recursion), ci (call_indirect i32->i32 through the table), mem, tab, gg;
//   elem (i32.const 0) func 0.
const uint8_t kFull[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x1c, 0x05, 0x60,
  0x01, 0x7f, 0x01, 0x7f, 0x60, 0x04, 0x7f, 0x7e, 0x7d, 0x7c, 0x01, 0x7f,
  0x60, 0x02, 0x70, 0x6f, 0x02, 0x6f, 0x70, 0x60, 0x00, 0x00, 0x60, 0x00,
  0x01, 0x7f, 0x02, 0x2f, 0x05, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x68, 0x00,
  0x00, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x6d, 0x02, 0x01, 0x01, 0x02, 0x03,
  0x65, 0x6e, 0x76, 0x01, 0x74, 0x01, 0x70, 0x00, 0x02, 0x03, 0x65, 0x6e,
  0x76, 0x01, 0x67, 0x03, 0x7f, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x65,
  0x03, 0x6f, 0x00, 0x03, 0x06, 0x05, 0x01, 0x02, 0x03, 0x04, 0x00, 0x07,
  0x2c, 0x08, 0x01, 0x66, 0x00, 0x01, 0x01, 0x72, 0x00, 0x02, 0x04, 0x6c,
  0x6f, 0x6f, 0x70, 0x00, 0x03, 0x03, 0x72, 0x65, 0x63, 0x00, 0x04, 0x02,
  0x63, 0x69, 0x00, 0x05, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x03, 0x74,
  0x61, 0x62, 0x01, 0x00, 0x02, 0x67, 0x67, 0x03, 0x00, 0x09, 0x07, 0x01,
  0x00, 0x41, 0x00, 0x0b, 0x01, 0x00, 0x0a, 0x29, 0x05, 0x09, 0x00, 0x20,
  0x00, 0x23, 0x00, 0x6a, 0x10, 0x00, 0x0b, 0x06, 0x00, 0x20, 0x01, 0x20,
  0x00, 0x0b, 0x07, 0x00, 0x03, 0x40, 0x0c, 0x00, 0x0b, 0x0b, 0x04, 0x00,
  0x10, 0x04, 0x0b, 0x09, 0x00, 0x41, 0x07, 0x20, 0x00, 0x11, 0x00, 0x00,
  0x0b
};
// simple: add, div (i32.div_s), multi (f64 -> f64 i64 f32); memory 1 3 "mem"; tables "tab"
//   (3 10 funcref) and "etab" (1 externref); globals gi (mut i64), gc (f32), gr (mut funcref =
//   ref.func add), ge (mut externref); elem (i32.const 1) add; data (i32.const 0) "hello".
const uint8_t kSimple[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0e, 0x02, 0x60,
  0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x01, 0x7c, 0x03, 0x7c, 0x7e, 0x7d,
  0x03, 0x04, 0x03, 0x00, 0x00, 0x01, 0x04, 0x08, 0x02, 0x70, 0x01, 0x03,
  0x0a, 0x6f, 0x00, 0x01, 0x05, 0x04, 0x01, 0x01, 0x01, 0x03, 0x06, 0x18,
  0x04, 0x7e, 0x01, 0x42, 0x09, 0x0b, 0x7d, 0x00, 0x43, 0x00, 0x00, 0x00,
  0x40, 0x0b, 0x70, 0x01, 0xd2, 0x00, 0x0b, 0x6f, 0x01, 0xd0, 0x6f, 0x0b,
  0x07, 0x3c, 0x0a, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00, 0x03, 0x64, 0x69,
  0x76, 0x00, 0x01, 0x05, 0x6d, 0x75, 0x6c, 0x74, 0x69, 0x00, 0x02, 0x03,
  0x6d, 0x65, 0x6d, 0x02, 0x00, 0x03, 0x74, 0x61, 0x62, 0x01, 0x00, 0x04,
  0x65, 0x74, 0x61, 0x62, 0x01, 0x01, 0x02, 0x67, 0x69, 0x03, 0x00, 0x02,
  0x67, 0x63, 0x03, 0x01, 0x02, 0x67, 0x72, 0x03, 0x02, 0x02, 0x67, 0x65,
  0x03, 0x03, 0x09, 0x07, 0x01, 0x00, 0x41, 0x01, 0x0b, 0x01, 0x00, 0x0a,
  0x1d, 0x03, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b, 0x07, 0x00,
  0x20, 0x00, 0x20, 0x01, 0x6d, 0x0b, 0x0b, 0x00, 0x20, 0x00, 0x42, 0x03,
  0x43, 0x00, 0x00, 0xc0, 0x3f, 0x0b, 0x0b, 0x0b, 0x01, 0x00, 0x41, 0x00,
  0x0b, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f
};
// start_trap: (memory 1) (func $s unreachable) (start $s) and a data segment out of bounds.
const uint8_t kStartTrap[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60,
  0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01, 0x08,
  0x01, 0x00, 0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b, 0x0b, 0x12, 0x01,
  0x00, 0x41, 0xfa, 0xff, 0x03, 0x0b, 0x0a, 0x30, 0x31, 0x32, 0x33, 0x34,
  0x35, 0x36, 0x37, 0x38, 0x39
};
// invalid: (func (result i32) (i64.const 0)), type mismatch.
const uint8_t kInvalid[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60,
  0x00, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x06, 0x01, 0x04, 0x00,
  0x42, 0x00, 0x0b
};

struct Input {
  const uint8_t* d;
  size_t n;
  size_t pos = 0;
  uint8_t U8() { return pos < n ? d[pos++] : 0; }
  uint32_t Below(uint32_t k) { return k <= 1 ? 0 : U8() % k; }
  uint64_t U64() {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | U8();
    return v;
  }
  bool Done() const { return pos >= n; }
};

void Check(wasmc_error_t* e) {
  if (!e) return;
  wasmc_error_code_t code = wasmc_error_code(e);
  const char* msg = wasmc_error_message(e);
  if (code < WASMC_ERR_MALFORMED || code > WASMC_ERR_INTERNAL || !msg) {
    fprintf(stderr, "api_fuzzer: bad error (code %u)\n", code);
    abort();
  }
  if (code == WASMC_ERR_INTERNAL) {
    fprintf(stderr, "api_fuzzer: internal error: %s\n", msg);
    abort();
  }
  uint64_t off;
  (void)wasmc_error_offset(e, &off);
  wasmc_error_delete(e);
}

void CheckTrap(wasmc_trap_t* t) {
  if (!t) return;
  if (!wasmc_trap_message(t) || wasmc_trap_code(t) < WASMC_TRAP_UNREACHABLE ||
      wasmc_trap_code(t) > WASMC_TRAP_INTERRUPT) {
    fprintf(stderr, "api_fuzzer: bad trap\n");
    abort();
  }
  wasmc_trap_delete(t);
}

void FreeInt(void* p) { delete static_cast<int*>(p); }

bool g_host_traps = false;

wasmc_trap_t* Host(void* env, wasmc_caller_t*, wasmc_val_raw_t* slots, size_t capacity) {
  (void)env;
  if (g_host_traps) return wasmc_trap_new("host trap", 9);
  for (size_t i = 0; i < capacity; ++i) memset(&slots[i], 0, sizeof slots[i]);
  return nullptr;
}

class Session {
 public:
  explicit Session(Input& in) : in_(in) {
    // Start with one engine and one store, so that short inputs reach the interesting calls.
    wasmc_engine_t* e = nullptr;
    if (wasmc_engine_new(nullptr, &e) == nullptr) {
      engines_.push_back(e);
      wasmc_store_t* s = nullptr;
      if (wasmc_store_new(e, &s) == nullptr) stores_.push_back(s);
    }
  }
  ~Session() {
    for (wasmc_store_t* s : stores_) wasmc_store_delete(s);
    for (wasmc_module_t* m : modules_) wasmc_module_delete(m);
    for (wasmc_engine_t* e : engines_) wasmc_engine_delete(e);
  }
  void Step();

 private:
  template <typename T>
  T* Pick(std::vector<T>& v) {
    return v.empty() ? nullptr : &v[in_.Below(static_cast<uint32_t>(v.size()))];
  }
  wasmc_engine_t* AnyEngine() {
    wasmc_engine_t** e = Pick(engines_);
    return e ? *e : nullptr;
  }
  wasmc_store_t* AnyStore() {
    wasmc_store_t** s = Pick(stores_);
    return s ? *s : nullptr;
  }
  uint64_t SmallOrBig() {
    const uint64_t v[] = {0, 1, 2, 3, 10, 65535, 65536, 65537, 0xffffffffull, ~0ull};
    return v[in_.Below(10)];
  }
  wasmc_val_t RandomVal(wasmc_valkind_t kind);
  wasmc_valkind_t RandomKind() {
    const wasmc_valkind_t k[] = {WASMC_I32, WASMC_I64, WASMC_F32, WASMC_F64, WASMC_FUNCREF,
                                 WASMC_EXTERNREF, WASMC_V128, 42};
    return k[in_.Below(in_.Below(8) == 0 ? 8 : 6)];
  }
  void AddExtern(const wasmc_extern_t& e, const char* name, size_t len) {
    if (len == 4 && memcmp(name, "loop", 4) == 0) return;  // would never return
    if (externs_.size() < 64) externs_.push_back(e);
  }
  void NewModule();
  void Instantiate();
  void Exports();
  void CallFunc();
  void CallUnchecked();
  void Memories();
  void Tables();
  void Globals();
  void Externrefs();
  void HostFunc();

  Input& in_;
  std::vector<wasmc_engine_t*> engines_;
  std::vector<wasmc_store_t*> stores_;
  std::vector<wasmc_module_t*> modules_;
  std::vector<wasmc_extern_t> externs_;     // funcs, memories, tables, globals of any store
  std::vector<wasmc_instance_t> instances_;
  std::vector<wasmc_externref_t> externrefs_;
};

wasmc_val_t Session::RandomVal(wasmc_valkind_t kind) {
  wasmc_val_t v;
  memset(&v, 0, sizeof v);
  v.kind = kind;
  uint64_t bits = in_.Below(2) ? SmallOrBig() : in_.U64();
  switch (kind) {
    case WASMC_I32: v.of.i32 = static_cast<int32_t>(bits); break;
    case WASMC_I64: v.of.i64 = static_cast<int64_t>(bits); break;
    case WASMC_F32: { uint32_t b = static_cast<uint32_t>(bits); memcpy(&v.of.f32, &b, 4); break; }
    case WASMC_F64: memcpy(&v.of.f64, &bits, 8); break;
    case WASMC_FUNCREF: {
      std::vector<wasmc_func_t> fs;
      for (const wasmc_extern_t& e : externs_) {
        if (e.kind == WASMC_EXTERN_FUNC) fs.push_back(e.of.func);
      }
      if (!fs.empty() && in_.Below(3)) v.of.funcref = fs[in_.Below(static_cast<uint32_t>(fs.size()))];
      else if (in_.Below(4) == 0) v.of.funcref = wasmc_func_t{bits | 1, in_.U8()};  // bogus
      break;
    }
    case WASMC_EXTERNREF: {
      wasmc_externref_t* r = Pick(externrefs_);
      if (r && in_.Below(3)) v.of.externref = *r;
      else if (in_.Below(4) == 0) v.of.externref = wasmc_externref_t{bits | 1, in_.U8()};  // bogus
      break;
    }
    default:
      memcpy(v.of.v128, &bits, 8);
      break;
  }
  return v;
}

void Session::NewModule() {
  wasmc_engine_t* engine = in_.Below(16) ? AnyEngine() : nullptr;
  std::vector<uint8_t> bytes;
  switch (in_.Below(6)) {
    case 0: bytes.assign(kFull, kFull + sizeof kFull); break;
    case 1: bytes.assign(kSimple, kSimple + sizeof kSimple); break;
    case 2: bytes.assign(kStartTrap, kStartTrap + sizeof kStartTrap); break;
    case 3: bytes.assign(kInvalid, kInvalid + sizeof kInvalid); break;
    case 4: {
      size_t n = in_.Below(200);
      std::vector<uint8_t> seed;
      for (size_t i = 0; i < n && !in_.Done(); ++i) seed.push_back(in_.U8());
      wasmc_fuzz::GeneratedModule g;
      wasmc_fuzz::GenerateModule(seed.data(), seed.size(), wasmc_fuzz::GenOptions(), &g);
      bytes = g.wasm;
      break;
    }
    default: {
      bytes.assign(kSimple, kSimple + sizeof kSimple);
      bytes.resize(in_.Below(static_cast<uint32_t>(bytes.size())));  // truncated: malformed
      if (!bytes.empty() && in_.Below(2)) bytes[in_.Below(static_cast<uint32_t>(bytes.size()))] ^= in_.U8();
      break;
    }
  }
  const uint8_t* p = bytes.empty() ? kSimple : bytes.data();  // non-NULL even for 0 bytes
  if (in_.Below(4) == 0) {
    Check(wasmc_module_validate(engine, p, bytes.size()));
    return;
  }
  wasmc_module_t* m = nullptr;
  wasmc_error_t* e = wasmc_module_new(engine, p, bytes.size(), &m);
  if (e) {
    Check(e);
    return;
  }
  if (modules_.size() >= 8) {
    wasmc_module_delete(m);
    return;
  }
  modules_.push_back(m);
  // inspect it, with indices in and out of range
  size_t ni = wasmc_module_import_count(m), ne = wasmc_module_export_count(m);
  for (int k = 0; k < 2; ++k) {
    const char *mn, *n;
    size_t mnl, nl;
    const wasmc_externtype_t* t;
    Check(wasmc_module_import_get(m, in_.Below(static_cast<uint32_t>(ni) + 2), &mn, &mnl, &n, &nl, &t));
    Check(wasmc_module_export_get(m, in_.Below(static_cast<uint32_t>(ne) + 2), &n, &nl, &t));
  }
}

void Session::HostFunc() {
  wasmc_store_t* s = AnyStore();
  if (!s) return;
  wasmc_valkind_t p[4], r[4];
  size_t np = in_.Below(5), nr = in_.Below(5);
  for (size_t i = 0; i < np; ++i) p[i] = RandomKind();
  for (size_t i = 0; i < nr; ++i) r[i] = RandomKind();
  wasmc_functype_t* ft = wasmc_functype_new(np ? p : nullptr, np, nr ? r : nullptr, nr);
  if (!ft) return;  // an unknown kind
  size_t n;
  (void)wasmc_functype_params(ft, &n);
  (void)wasmc_functype_results(ft, &n);
  int* env = new int(7);
  wasmc_extern_t ext;
  ext.kind = WASMC_EXTERN_FUNC;
  wasmc_error_t* e = wasmc_func_new(s, ft, Host, env, FreeInt, &ext.of.func);
  wasmc_functype_delete(ft);
  if (e) {
    delete env;  // the finalizer does not run on error
    Check(e);
    return;
  }
  AddExtern(ext, "", 0);
}

void Session::Instantiate() {
  wasmc_store_t* s = AnyStore();
  wasmc_module_t** m = Pick(modules_);
  if (!s || !m) return;
  size_t n = wasmc_module_import_count(*m);
  if (in_.Below(8) == 0) n = in_.Below(4);  // wrong count, sometimes
  std::vector<wasmc_extern_t> imports(n + 1);
  for (size_t i = 0; i < n; ++i) {
    // prefer an extern of the right kind
    const wasmc_externtype_t* t = nullptr;
    const char *mn, *nm;
    size_t mnl, nl;
    wasmc_error_t* e = wasmc_module_import_get(*m, i, &mn, &mnl, &nm, &nl, &t);
    if (e) wasmc_error_delete(e);
    std::vector<wasmc_extern_t> good;
    for (const wasmc_extern_t& x : externs_) {
      if (t && x.kind == t->kind) good.push_back(x);
    }
    if (!good.empty() && in_.Below(4)) {
      imports[i] = good[in_.Below(static_cast<uint32_t>(good.size()))];
    } else if (wasmc_extern_t* x = Pick(externs_)) {
      imports[i] = *x;
    } else {
      imports[i].kind = static_cast<wasmc_externkind_t>(in_.Below(5));
      imports[i].of.func = wasmc_func_t{in_.U64(), in_.U8()};
    }
  }
  wasmc_instance_t inst;
  wasmc_trap_t* trap = nullptr;
  wasmc_error_t* e = wasmc_instance_new(s, *m, n ? imports.data() : nullptr, n, &inst,
                                        in_.Below(8) ? &trap : nullptr);
  if (e) {
    Check(e);
    return;
  }
  CheckTrap(trap);
  if (!trap && instances_.size() < 32) instances_.push_back(inst);
}

void Session::Exports() {
  wasmc_store_t* s = AnyStore();
  wasmc_instance_t* inst = Pick(instances_);
  if (!s || !inst) return;
  size_t count = wasmc_instance_export_count(s, inst);
  const char* names[] = {"f", "r", "rec", "ci", "mem", "tab", "gg", "add", "div", "multi",
                         "etab", "gi", "gc", "gr", "ge", "f0", "f1", "t0", "g1", "nope", ""};
  wasmc_extern_t ext;
  if (in_.Below(2)) {
    const char* name = names[in_.Below(sizeof names / sizeof names[0])];
    if (wasmc_instance_export_get(s, inst, name, strlen(name), &ext)) AddExtern(ext, name, strlen(name));
  } else {
    const char* name;
    size_t len;
    if (wasmc_instance_export_nth(s, inst, in_.Below(static_cast<uint32_t>(count) + 2), &name, &len, &ext)) {
      AddExtern(ext, name, len);
    }
  }
}

void Session::CallFunc() {
  wasmc_store_t* s = AnyStore();
  wasmc_extern_t* x = Pick(externs_);
  if (!s || !x) return;
  wasmc_func_t f = x->of.func;  // may be a memory/table/global handle reinterpreted: misuse
  size_t np = in_.Below(4), nr = in_.Below(4);
  std::vector<wasmc_valkind_t> pk(np, WASMC_I32);
  for (auto& k : pk) k = RandomKind();
  if (wasmc_functype_t* ft = wasmc_func_type(s, &f)) {
    if (in_.Below(4)) {  // right arity and kinds, usually
      const wasmc_valkind_t* p = wasmc_functype_params(ft, &np);
      pk.assign(p, p + np);
      (void)wasmc_functype_results(ft, &nr);
    }
    wasmc_functype_delete(ft);
  }
  std::vector<wasmc_val_t> args(np + 1), results(nr + 1);
  for (size_t i = 0; i < np; ++i) args[i] = RandomVal(in_.Below(8) ? pk[i] : RandomKind());
  g_host_traps = in_.Below(4) == 0;
  wasmc_trap_t* trap = nullptr;
  wasmc_error_t* e = wasmc_func_call(s, &f, args.data(), np, results.data(), nr, &trap);
  Check(e);
  CheckTrap(trap);
}

void Session::CallUnchecked() {
  wasmc_store_t* s = AnyStore();
  wasmc_extern_t* x = Pick(externs_);
  if (!s || !x || x->kind != WASMC_EXTERN_FUNC) return;
  wasmc_functype_t* ft = wasmc_func_type(s, &x->of.func);
  if (!ft) return;  // foreign: the contract needs the right types, which we cannot know
  size_t np, nr;
  const wasmc_valkind_t* p = wasmc_functype_params(ft, &np);
  (void)wasmc_functype_results(ft, &nr);
  size_t cap = np > nr ? np : nr;
  std::vector<wasmc_val_raw_t> vals(cap + 1);
  for (size_t i = 0; i < np; ++i) {
    memset(&vals[i], 0, sizeof vals[i]);
    wasmc_val_t v = RandomVal(p[i]);
    switch (p[i]) {
      case WASMC_I32: vals[i].i32 = v.of.i32; break;
      case WASMC_I64: vals[i].i64 = v.of.i64; break;
      case WASMC_F32: vals[i].f32 = v.of.f32; break;
      case WASMC_F64: vals[i].f64 = v.of.f64; break;
      case WASMC_FUNCREF:  // only this store's functions (or null) are valid raw words
        vals[i].funcref = v.of.funcref.store_id ? wasmc_func_to_raw(s, &v.of.funcref) : nullptr;
        break;
      case WASMC_EXTERNREF:
        vals[i].externref = v.of.externref.store_id ? wasmc_externref_to_raw(s, &v.of.externref) : 0;
        break;
      default: break;
    }
  }
  wasmc_functype_delete(ft);
  if (cap > 0 && in_.Below(8) == 0) --cap;  // too small: misuse
  g_host_traps = in_.Below(4) == 0;
  wasmc_trap_t* trap = nullptr;
  Check(wasmc_func_call_unchecked(s, &x->of.func, vals.data(), cap, &trap));
  CheckTrap(trap);
}

void Session::Memories() {
  wasmc_store_t* s = AnyStore();
  if (!s) return;
  if (in_.Below(3) == 0) {
    wasmc_limits_t l{in_.Below(4) ? in_.Below(4) : SmallOrBig(), in_.Below(2) ? in_.Below(8) : SmallOrBig(),
                     in_.Below(2) != 0};
    wasmc_extern_t ext;
    ext.kind = WASMC_EXTERN_MEMORY;
    wasmc_error_t* e = wasmc_memory_new(s, &l, &ext.of.memory);
    if (e) Check(e); else AddExtern(ext, "", 0);
    return;
  }
  wasmc_extern_t* x = Pick(externs_);
  if (!x) return;
  wasmc_memory_t m = x->of.memory;
  wasmc_limits_t l;
  (void)wasmc_memory_type(s, &m, &l);
  uint8_t* data = wasmc_memory_data(s, &m);
  size_t size = wasmc_memory_data_size(s, &m);
  if (wasmc_memory_size(s, &m) * 65536 != size) {
    fprintf(stderr, "api_fuzzer: memory size in pages and bytes disagree\n");
    abort();
  }
  if (data && size) {
    data[0] ^= 1;
    data[size - 1] ^= 1;
  }
  uint64_t prev;
  uint64_t delta = in_.Below(2) ? in_.Below(3) : SmallOrBig();
  wasmc_error_t* e = wasmc_memory_grow(s, &m, delta, &prev);
  Check(e);
}

void Session::Tables() {
  wasmc_store_t* s = AnyStore();
  if (!s) return;
  if (in_.Below(3) == 0) {
    const wasmc_valkind_t kinds[] = {WASMC_FUNCREF, WASMC_EXTERNREF, WASMC_I32, 77};
    wasmc_valkind_t k = kinds[in_.Below(in_.Below(4) ? 2 : 4)];
    wasmc_limits_t l{in_.Below(4) ? in_.Below(10) : SmallOrBig(),
                     in_.Below(2) ? in_.Below(20) : SmallOrBig(), in_.Below(2) != 0};
    wasmc_val_t init = RandomVal(in_.Below(4) ? k : RandomKind());
    wasmc_extern_t ext;
    ext.kind = WASMC_EXTERN_TABLE;
    wasmc_error_t* e = wasmc_table_new(s, k, &l, &init, &ext.of.table);
    if (e) Check(e); else AddExtern(ext, "", 0);
    return;
  }
  wasmc_extern_t* x = Pick(externs_);
  if (!x) return;
  wasmc_table_t t = x->of.table;
  wasmc_valkind_t k = WASMC_FUNCREF;
  wasmc_limits_t l;
  (void)wasmc_table_type(s, &t, &k, &l);
  uint64_t size = wasmc_table_size(s, &t);
  uint64_t idx = in_.Below(2) ? in_.Below(static_cast<uint32_t>(size > 100 ? 100 : size) + 2) : SmallOrBig();
  wasmc_val_t v;
  (void)wasmc_table_get(s, &t, idx, &v);
  wasmc_val_t nv = RandomVal(in_.Below(4) ? k : RandomKind());
  if (in_.Below(2)) {
    Check(wasmc_table_set(s, &t, idx, &nv));
  } else {
    uint64_t prev;
    Check(wasmc_table_grow(s, &t, in_.Below(2) ? in_.Below(4) : SmallOrBig(), &nv, &prev));
  }
}

void Session::Globals() {
  wasmc_store_t* s = AnyStore();
  if (!s) return;
  if (in_.Below(3) == 0) {
    wasmc_val_t v = RandomVal(RandomKind());
    wasmc_extern_t ext;
    ext.kind = WASMC_EXTERN_GLOBAL;
    wasmc_error_t* e = wasmc_global_new(s, &v, in_.Below(2) != 0, &ext.of.global);
    if (e) Check(e); else AddExtern(ext, "", 0);
    return;
  }
  wasmc_extern_t* x = Pick(externs_);
  if (!x) return;
  wasmc_global_t g = x->of.global;
  wasmc_valkind_t k = WASMC_I32;
  bool mut;
  (void)wasmc_global_type(s, &g, &k, &mut);
  wasmc_val_t v;
  (void)wasmc_global_get(s, &g, &v);
  wasmc_val_t nv = RandomVal(in_.Below(4) ? k : RandomKind());
  Check(wasmc_global_set(s, &g, &nv));
}

void Session::Externrefs() {
  wasmc_store_t* s = AnyStore();
  if (!s) return;
  switch (in_.Below(3)) {
    case 0: {
      int* data = new int(1);
      wasmc_externref_t r;
      wasmc_error_t* e = wasmc_externref_new(s, data, FreeInt, &r);
      if (e) {
        delete data;
        Check(e);
      } else if (externrefs_.size() < 32) {
        externrefs_.push_back(r);
      }
      break;
    }
    case 1: {
      wasmc_externref_t* r = Pick(externrefs_);
      if (!r) break;
      (void)wasmc_externref_data(s, r);
      uint64_t raw = wasmc_externref_to_raw(s, r);
      wasmc_externref_t back = wasmc_externref_from_raw(s, raw);
      if (raw && (back.store_id != r->store_id || back.index != r->index)) {
        fprintf(stderr, "api_fuzzer: externref raw round trip changed the handle\n");
        abort();
      }
      break;
    }
    default: {
      wasmc_extern_t* x = Pick(externs_);
      if (!x || x->kind != WASMC_EXTERN_FUNC) break;
      void* raw = wasmc_func_to_raw(s, &x->of.func);
      wasmc_func_t back = wasmc_func_from_raw(s, raw);
      if (raw && back.store_id != x->of.func.store_id) {
        fprintf(stderr, "api_fuzzer: func raw round trip changed the store\n");
        abort();
      }
      break;
    }
  }
}

void Session::Step() {
  switch (in_.Below(16)) {
    case 0: {
      if (engines_.size() >= 3) break;
      wasmc_config_t* c = wasmc_config_new();
      Check(wasmc_config_opt_level_set(c, in_.Below(4)));
      Check(wasmc_config_bounds_mode_set(c, in_.Below(3)));
      const size_t stacks[] = {1 << 20, 16 << 10, 1000, 256 << 10};
      if (in_.Below(2)) Check(wasmc_config_max_wasm_stack_set(c, stacks[in_.Below(4)]));
      wasmc_engine_t* e = nullptr;
      wasmc_error_t* err = wasmc_engine_new(in_.Below(4) ? c : nullptr, &e);
      wasmc_config_delete(c);
      if (err) Check(err); else engines_.push_back(e);
      break;
    }
    case 1:
      if (!engines_.empty() && in_.Below(4) == 0) {
        size_t i = in_.Below(static_cast<uint32_t>(engines_.size()));
        wasmc_engine_delete(engines_[i]);
        engines_.erase(engines_.begin() + static_cast<long>(i));
      }
      break;
    case 2: {
      if (stores_.size() >= 3) break;
      wasmc_store_t* s = nullptr;
      wasmc_error_t* e = wasmc_store_new(in_.Below(8) ? AnyEngine() : nullptr, &s);
      if (e) Check(e); else stores_.push_back(s);
      break;
    }
    case 3:
      if (!stores_.empty() && in_.Below(4) == 0) {  // its handles stay in the pools: foreign now
        size_t i = in_.Below(static_cast<uint32_t>(stores_.size()));
        wasmc_store_delete(stores_[i]);
        stores_.erase(stores_.begin() + static_cast<long>(i));
      }
      break;
    case 4: case 5: NewModule(); break;
    case 6:
      if (!modules_.empty() && in_.Below(2)) {
        size_t i = in_.Below(static_cast<uint32_t>(modules_.size()));
        if (in_.Below(2) && modules_.size() < 8) {
          modules_.push_back(wasmc_module_copy(modules_[i]));
        } else {
          wasmc_module_delete(modules_[i]);
          modules_.erase(modules_.begin() + static_cast<long>(i));
        }
      }
      break;
    case 7: Instantiate(); break;
    case 8: Exports(); break;
    case 9: CallFunc(); break;
    case 10: CallUnchecked(); break;
    case 11: Memories(); break;
    case 12: Tables(); break;
    case 13: Globals(); break;
    case 14: Externrefs(); break;
    default:
      if (in_.Below(2)) {
        HostFunc();
      } else {
        char msg[8] = "trapmsg";
        wasmc_trap_t* t = wasmc_trap_new(msg, in_.Below(8));
        if (t && (wasmc_trap_code(t) != WASMC_TRAP_HOST || !wasmc_trap_message(t))) abort();
        wasmc_trap_delete(t);
        wasmc_valkind_t k[2] = {RandomKind(), RandomKind()};
        wasmc_functype_delete(wasmc_functype_new(k, 2, k, in_.Below(3)));
      }
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in{data, size};
  Session session(in);
  for (int steps = 0; steps < 200 && !in.Done(); ++steps) session.Step();
  return 0;
}
