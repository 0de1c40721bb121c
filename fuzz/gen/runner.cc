// runner.cc: see runner.h. Uses include/wasmc.h, and src/abi/testing.h in NewEngine.
#include "gen/runner.h"

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "abi/testing.h"

namespace wasmc_fuzz {
namespace {

struct HostEnv {
  std::string* log = nullptr;
  uint32_t index = 0;
  const FuncSig* sig = nullptr;
};

wasmc_valkind_t Kind(ValType t) {
  switch (t) {
    case ValType::kI32: return WASMC_I32;
    case ValType::kI64: return WASMC_I64;
    case ValType::kF32: return WASMC_F32;
    case ValType::kF64: return WASMC_F64;
    case ValType::kFuncRef: return WASMC_FUNCREF;
    case ValType::kExternRef: return WASMC_EXTERNREF;
  }
  return WASMC_I32;
}

uint64_t RawBits(ValType t, const wasmc_val_raw_t& v) {
  switch (t) {
    case ValType::kI32: return static_cast<uint32_t>(v.i32);
    case ValType::kI64: return static_cast<uint64_t>(v.i64);
    case ValType::kF32: { uint32_t b; memcpy(&b, &v.f32, 4); return b; }
    case ValType::kF64: { uint64_t b; memcpy(&b, &v.f64, 8); return b; }
    case ValType::kFuncRef: return v.funcref != nullptr;
    case ValType::kExternRef: return v.externref != 0;
  }
  return 0;
}

std::string FormatVal(const wasmc_val_t& v) {
  switch (v.kind) {
    case WASMC_I32: return FormatValue(ValType::kI32, static_cast<uint32_t>(v.of.i32));
    case WASMC_I64: return FormatValue(ValType::kI64, static_cast<uint64_t>(v.of.i64));
    case WASMC_F32: { uint32_t b; memcpy(&b, &v.of.f32, 4); return FormatValue(ValType::kF32, b); }
    case WASMC_F64: { uint64_t b; memcpy(&b, &v.of.f64, 8); return FormatValue(ValType::kF64, b); }
    case WASMC_FUNCREF: return FormatValue(ValType::kFuncRef, v.of.funcref.store_id != 0);
    case WASMC_EXTERNREF: return FormatValue(ValType::kExternRef, v.of.externref.store_id != 0);
    default: return "v128";
  }
}

// The host functions' results: a constant per (import, result) pair, same as v8_trace.js.
wasmc_trap_t* HostCallback(void* env, wasmc_caller_t*, wasmc_val_raw_t* slots, size_t) {
  HostEnv* h = static_cast<HostEnv*>(env);
  std::string line = "host h" + std::to_string(h->index);
  for (size_t i = 0; i < h->sig->params.size(); ++i) {
    line += " " + FormatValue(h->sig->params[i], RawBits(h->sig->params[i], slots[i]));
  }
  *h->log += line + "\n";
  for (size_t j = 0; j < h->sig->results.size(); ++j) {
    int32_t v = static_cast<int32_t>((h->index + 1) * 100 + j);
    wasmc_val_raw_t r;
    memset(&r, 0, sizeof r);
    switch (h->sig->results[j]) {
      case ValType::kI32: r.i32 = v; break;
      case ValType::kI64: r.i64 = v; break;
      case ValType::kF32: r.f32 = static_cast<float>(v) + 0.5f; break;
      case ValType::kF64: r.f64 = static_cast<double>(v) + 0.25; break;
      default: break;  // null references
    }
    slots[j] = r;
  }
  return nullptr;
}

uint32_t Fnv1a(const uint8_t* p, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; ++i) {
    h ^= p[i];
    h *= 16777619u;
  }
  return h;
}

struct StoreGuard {
  wasmc_store_t* store = nullptr;
  ~StoreGuard() { wasmc_store_delete(store); }
};

std::string ErrorText(wasmc_error_t* e) {
  std::string s = "error " + std::to_string(wasmc_error_code(e)) + ": " + wasmc_error_message(e);
  wasmc_error_delete(e);
  return s;
}

}  // namespace

const char* TrapKindName(wasmc_trap_code_t code) {
  switch (code) {
    case WASMC_TRAP_UNREACHABLE: return "unreachable";
    case WASMC_TRAP_INT_DIV_BY_ZERO: return "div0";
    case WASMC_TRAP_INT_OVERFLOW: return "intovf";
    case WASMC_TRAP_BAD_CONVERSION: return "conv";
    case WASMC_TRAP_MEMORY_OUT_OF_BOUNDS: return "mem";
    case WASMC_TRAP_TABLE_OUT_OF_BOUNDS: return "table";
    case WASMC_TRAP_UNINITIALIZED_ELEMENT: return "uninit";
    case WASMC_TRAP_INDIRECT_CALL_TYPE: return "sigmismatch";
    case WASMC_TRAP_STACK_EXHAUSTED: return "stack";
    case WASMC_TRAP_HOST: return "host";
    case WASMC_TRAP_OUT_OF_FUEL: return "fuel";
    case WASMC_TRAP_INTERRUPT: return "interrupt";
    default: return "unknown";
  }
}

std::string Trace::Text() const {
  std::string s = inst + "\n";
  for (const TraceCall& c : calls) s += c.call + "\n" + c.host + c.result + "\n" + c.state + "\n";
  return s;
}

wasmc_engine_t* NewEngine(uint32_t opt_level, bool explicit_bounds) {
  EngineOptions options;
  options.opt_level = opt_level;
  options.explicit_bounds = explicit_bounds;
  return NewEngine(options);
}

wasmc_engine_t* NewEngine(const EngineOptions& options) {
  wasmc_config_t* config = wasmc_config_new();
  if (!config) return nullptr;
  bool ok = wasmc::testing::SetMirMode(config, options.opt_level, options.interpret);
  if (ok && options.explicit_bounds) {
    wasmc_error_t* e = wasmc_config_bounds_mode_set(config, WASMC_BOUNDS_EXPLICIT);
    ok = e == nullptr;
    wasmc_error_delete(e);
  }
  if (ok && options.split != 0) {
    ok = wasmc::testing::SetCompilePartitions(config, options.split, 1);
  }
  if (ok && options.lazy) {
    wasmc_error_t* e = wasmc_config_lazy_compile_set(config, true);
    ok = e == nullptr;
    wasmc_error_delete(e);
  }
  if (ok && options.max_wasm_stack != 0) {
    wasmc_error_t* e = wasmc_config_max_wasm_stack_set(config, options.max_wasm_stack);
    ok = e == nullptr;
    wasmc_error_delete(e);
  }
  if (!ok) {
    wasmc_config_delete(config);
    return nullptr;
  }
  wasmc_engine_t* engine = nullptr;
  wasmc_error_t* e = wasmc_engine_new(config, &engine);
  wasmc_config_delete(config);
  if (e) {
    wasmc_error_delete(e);
    return nullptr;
  }
  return engine;
}

bool RunModule(wasmc_engine_t* engine, const GeneratedModule& m, Trace* trace, std::string* fatal) {
  *trace = Trace();
  fatal->clear();
  wasmc_module_t* module = nullptr;
  wasmc_error_t* e = wasmc_module_new(engine, m.wasm.data(), m.wasm.size(), &module);
  if (e) {
    wasmc_error_code_t code = wasmc_error_code(e);
    std::string text = ErrorText(e);
    if (code == WASMC_ERR_RESOURCE) {
      trace->inst = "inst " + text;
      return true;
    }
    *fatal = "wasmc_module_new rejected a generated module: " + text;
    return false;
  }
  std::unique_ptr<wasmc_module_t, void (*)(wasmc_module_t*)> module_guard(module,
                                                                           wasmc_module_delete);
  StoreGuard sg;
  e = wasmc_store_new(engine, &sg.store);
  if (e) {
    *fatal = "wasmc_store_new: " + ErrorText(e);
    return false;
  }
  wasmc_store_t* store = sg.store;

  std::string host_log;
  std::vector<HostEnv> envs(m.imports.size());
  std::vector<wasmc_extern_t> imports(m.imports.size());
  for (size_t i = 0; i < m.imports.size(); ++i) {
    std::vector<wasmc_valkind_t> p, r;
    for (ValType t : m.imports[i].params) p.push_back(Kind(t));
    for (ValType t : m.imports[i].results) r.push_back(Kind(t));
    wasmc_functype_t* ft = wasmc_functype_new(p.data(), p.size(), r.data(), r.size());
    if (!ft) {
      *fatal = "wasmc_functype_new failed";
      return false;
    }
    envs[i] = HostEnv{&host_log, static_cast<uint32_t>(i), &m.imports[i]};
    imports[i].kind = WASMC_EXTERN_FUNC;
    e = wasmc_func_new(store, ft, HostCallback, &envs[i], nullptr, &imports[i].of.func);
    wasmc_functype_delete(ft);
    if (e) {
      *fatal = "wasmc_func_new: " + ErrorText(e);
      return false;
    }
  }

  wasmc_instance_t inst;
  wasmc_trap_t* trap = nullptr;
  e = wasmc_instance_new(store, module, imports.data(), imports.size(), &inst, &trap);
  if (e) {
    wasmc_error_code_t code = wasmc_error_code(e);
    std::string text = ErrorText(e);
    if (code == WASMC_ERR_RESOURCE) {
      trace->inst = "inst " + text;
      return true;
    }
    *fatal = "wasmc_instance_new: " + text;
    return false;
  }
  if (trap) {
    wasmc_trap_code_t code = wasmc_trap_code(trap);
    wasmc_trap_delete(trap);
    trace->inst = std::string("inst trap ") + TrapKindName(code);
    trace->inst_stack_exhausted = code == WASMC_TRAP_STACK_EXHAUSTED;
    // the start function's host calls are not part of the trace (they precede any call)
    return true;
  }
  trace->inst = "inst ok";
  host_log.clear();

  auto get_export = [&](const std::string& name, wasmc_externkind_t kind, wasmc_extern_t* out) {
    return wasmc_instance_export_get(store, &inst, name.data(), name.size(), out) &&
           out->kind == kind;
  };
  wasmc_extern_t fuel;
  if (!get_export("fuel", WASMC_EXTERN_GLOBAL, &fuel)) {
    *fatal = "no fuel export";
    return false;
  }

  for (const PlanCall& c : m.calls) {
    TraceCall tc;
    tc.call = "call " + c.export_name;
    for (const PlanValue& v : c.args) tc.call += " " + FormatValue(v.type, v.bits);
    wasmc_val_t fv;
    fv.kind = WASMC_I32;
    fv.of.i32 = static_cast<int32_t>(m.fuel);
    e = wasmc_global_set(store, &fuel.of.global, &fv);
    if (e) {
      *fatal = "setting fuel: " + ErrorText(e);
      return false;
    }
    wasmc_extern_t f;
    if (!get_export(c.export_name, WASMC_EXTERN_FUNC, &f)) {
      *fatal = "missing export " + c.export_name;
      return false;
    }
    std::vector<wasmc_val_t> args(c.args.size());
    for (size_t i = 0; i < c.args.size(); ++i) {
      memset(&args[i], 0, sizeof args[i]);
      args[i].kind = Kind(c.args[i].type);
      uint64_t b = c.args[i].bits;
      switch (c.args[i].type) {
        case ValType::kI32: args[i].of.i32 = static_cast<int32_t>(b); break;
        case ValType::kI64: args[i].of.i64 = static_cast<int64_t>(b); break;
        case ValType::kF32: { uint32_t b32 = static_cast<uint32_t>(b); memcpy(&args[i].of.f32, &b32, 4); break; }
        case ValType::kF64: memcpy(&args[i].of.f64, &b, 8); break;
        default: break;  // null references
      }
    }
    std::vector<wasmc_val_t> results(c.sig.results.size() + 1);
    host_log.clear();
    trap = nullptr;
    e = wasmc_func_call(store, &f.of.func, args.data(), args.size(), results.data(),
                        c.sig.results.size(), &trap);
    if (e) {
      *fatal = "wasmc_func_call(" + c.export_name + "): " + ErrorText(e);
      return false;
    }
    tc.host = host_log;
    if (trap) {
      wasmc_trap_code_t code = wasmc_trap_code(trap);
      wasmc_trap_delete(trap);
      tc.result = std::string("=> trap ") + TrapKindName(code);
      tc.stack_exhausted = code == WASMC_TRAP_STACK_EXHAUSTED;
    } else {
      tc.result = "=>";
      for (size_t i = 0; i < c.sig.results.size(); ++i) {
        if (results[i].kind != Kind(c.sig.results[i])) {
          *fatal = "result kind mismatch in " + c.export_name;
          return false;
        }
        tc.result += " " + FormatVal(results[i]);
      }
    }

    // state after the call
    tc.state = "state";
    if (m.has_memory) {
      wasmc_extern_t mem;
      if (!get_export("mem", WASMC_EXTERN_MEMORY, &mem)) {
        *fatal = "no mem export";
        return false;
      }
      const uint8_t* data = wasmc_memory_data(store, &mem.of.memory);
      size_t size = wasmc_memory_data_size(store, &mem.of.memory);
      char buf[64];
      snprintf(buf, sizeof buf, " mem %zu 0x%08" PRIx32, size / 65536, Fnv1a(data, size));
      tc.state += buf;
    }
    for (const PlanGlobal& g : m.globals) {
      wasmc_extern_t ge;
      wasmc_val_t v;
      if (!get_export(g.export_name, WASMC_EXTERN_GLOBAL, &ge) ||
          !wasmc_global_get(store, &ge.of.global, &v)) {
        *fatal = "cannot read global " + g.export_name;
        return false;
      }
      tc.state += " " + g.export_name + " " + FormatVal(v);
    }
    for (const std::string& t : m.tables) {
      wasmc_extern_t te;
      if (!get_export(t, WASMC_EXTERN_TABLE, &te)) {
        *fatal = "no table export " + t;
        return false;
      }
      uint64_t n = wasmc_table_size(store, &te.of.table);
      tc.state += " " + t + " " + std::to_string(n) + " ";
      for (uint64_t i = 0; i < n && i < 512; ++i) {
        wasmc_val_t v;
        if (!wasmc_table_get(store, &te.of.table, i, &v)) {
          *fatal = "table_get failed in bounds";
          return false;
        }
        bool non_null = v.kind == WASMC_FUNCREF ? v.of.funcref.store_id != 0
                                                : v.of.externref.store_id != 0;
        tc.state += non_null ? '1' : '0';
      }
    }
    bool stop = tc.stack_exhausted;
    trace->calls.push_back(tc);
    if (stop) break;  // later state depends on where the stack ran out
  }
  return true;
}

bool KnownBug(const char* name) {
  const char* env = getenv("WASMC_FUZZ_KNOWN_BUGS");
  if (!env) return false;
  std::string list = std::string(",") + env + ",";
  return list.find(std::string(",") + name + ",") != std::string::npos;
}

std::string CompareTraces(const Trace& a, const Trace& b, bool tolerate_dead_load,
                          bool* tolerated) {
  if (tolerated) *tolerated = false;
  if (a.inst_stack_exhausted || b.inst_stack_exhausted) return "";
  if (a.inst != b.inst) {
    if (tolerate_dead_load && b.inst == "inst trap mem") {  // in the start function
      if (tolerated) *tolerated = true;
      return "";
    }
    return "instantiation: '" + a.inst + "' vs '" + b.inst + "'";
  }
  size_t n = a.calls.size() < b.calls.size() ? a.calls.size() : b.calls.size();
  for (size_t i = 0; i < n; ++i) {
    const TraceCall& x = a.calls[i];
    const TraceCall& y = b.calls[i];
    if (x.stack_exhausted || y.stack_exhausted) return "";
    if (x.call != y.call) return "call " + std::to_string(i) + ": '" + x.call + "' vs '" + y.call + "'";
    if (tolerate_dead_load && (x.host != y.host || x.result != y.result || x.state != y.state) &&
        y.result == "=> trap mem") {
      if (tolerated) *tolerated = true;
      return "";
    }
    if (x.host != y.host) return x.call + ": host calls differ:\n" + x.host + "--- vs\n" + y.host;
    if (x.result != y.result) return x.call + ": '" + x.result + "' vs '" + y.result + "'";
    if (x.state != y.state) return x.call + ": state '" + x.state + "' vs '" + y.state + "'";
  }
  if (a.calls.size() != b.calls.size()) return "different number of calls";
  return "";
}

}  // namespace wasmc_fuzz
