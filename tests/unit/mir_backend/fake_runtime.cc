// The MIR backend tests' fake runtime: module loading, VMContext setup, runtime helpers whose
// `trap` longjmps back to CallExport, and export calls through TrampolineCache entries.
#include "fake_runtime.h"

#include <sys/mman.h>

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "decoder/module_decoder.h"
#include "validator/module_validator.h"

namespace wasmc {
namespace testing {
namespace {

std::jmp_buf* g_trap_env = nullptr;
uint32_t g_trap_code = 0;
uint32_t g_trap_func = 0;
constexpr size_t kGuardReservation = (size_t(8) << 30) + (size_t(64) << 10);

FakeInstance* InstanceOf(void* vmctx) {
  return reinterpret_cast<FakeInstance*>(static_cast<VMContext*>(vmctx)->instance);
}

[[noreturn]] void Trap(void*, uint32_t code, uint32_t func_index) {
  g_trap_code = code;
  g_trap_func = func_index;
  std::longjmp(*g_trap_env, 1);
}

uint32_t MemoryGrow(void* vmctx, uint32_t, uint32_t delta) {
  FakeInstance* inst = InstanceOf(vmctx);
  uint64_t old_pages = inst->memory.length / kPageSize;
  uint64_t max = inst->desc.memories[0].limits.has_max ? inst->desc.memories[0].limits.max : 16;
  if (old_pages + delta > max || (old_pages + delta) * kPageSize > inst->memory_reserved) {
    return UINT32_MAX;
  }
  if (inst->guard_pages) {
    mprotect(inst->memory.base, (old_pages + delta) * kPageSize, PROT_READ | PROT_WRITE);
  }
  inst->memory.length = (old_pages + delta) * kPageSize;
  return uint32_t(old_pages);
}

void MemoryFill(void* vmctx, uint32_t, uint32_t dst, uint32_t val, uint32_t n) {
  FakeInstance* inst = InstanceOf(vmctx);
  if (uint64_t(dst) + n > inst->memory.length) Trap(vmctx, 5, 0);
  std::memset(inst->memory.base + dst, int(val), n);
}

void CallHost(void* host_ctx, void*, ValRaw* values, size_t capacity) {
  HostContext* h = static_cast<HostContext*>(host_ctx);
  if (h->kind == 0) {
    values[0].i32 = values[0].i32 + values[1].i32;
  } else if (capacity >= 3) {
    int32_t a = values[0].i32;
    int64_t b = values[1].i64;
    double c = values[2].f64;
    values[0].f64 = c;
    values[1].i64 = b;
    values[2].i32 = a;
  }
}

[[noreturn]] void Unexpected() {
  std::fputs("fake runtime: unexpected helper call\n", stderr);
  std::abort();
}
void MemoryCopy(void*, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t) { Unexpected(); }
void MemoryInit(void*, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t) { Unexpected(); }
void DataDrop(void*, uint32_t) { Unexpected(); }
uint64_t TableGet(void*, uint32_t, uint32_t) { Unexpected(); }
void TableSet(void*, uint32_t, uint32_t, uint64_t) { Unexpected(); }
uint32_t TableGrow(void*, uint32_t, uint64_t, uint32_t) { return UINT32_MAX; }
void TableFill(void*, uint32_t, uint32_t, uint64_t, uint32_t) { Unexpected(); }
void TableCopy(void*, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t) { Unexpected(); }
void TableInit(void*, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t) { Unexpected(); }
void ElemDrop(void*, uint32_t) { Unexpected(); }
uint64_t EpochInterrupt(void*, uint32_t) { Unexpected(); }

const RuntimeHelpers kHelpers = {Trap,     MemoryGrow, MemoryFill, MemoryCopy, MemoryInit,
                                 DataDrop, TableGet,   TableSet,   TableGrow,  TableFill,
                                 TableCopy, TableInit, ElemDrop,   CallHost,
                                 EpochInterrupt};

bool ReadFile(const std::string& path, std::vector<uint8_t>* out) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  uint8_t buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) out->insert(out->end(), buf, buf + n);
  std::fclose(f);
  return true;
}

uint64_t ConstValue(const FakeInstance& inst, const ConstExpr& e) {
  const ConstOp& op = e.ops[0];
  switch (op.kind) {
    case ConstOp::kRefFunc: return reinterpret_cast<uint64_t>(inst.funcs[op.index]);
    case ConstOp::kGlobalGet: return inst.globals[op.index]->value.i64;
    case ConstOp::kRefNull: return 0;
    default: return op.bits;
  }
}

void SetUpMemory(FakeInstance* inst, bool guard_pages) {
  if (inst->desc.memories.empty()) return;
  uint64_t pages = inst->desc.memories[0].limits.min;
  inst->guard_pages = guard_pages;
  inst->memory_reserved = guard_pages ? kGuardReservation : 16 * kPageSize;
  void* p = mmap(nullptr, inst->memory_reserved, guard_pages ? PROT_NONE : PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  inst->memory_reservation = static_cast<uint8_t*>(p);
  if (guard_pages && pages > 0) mprotect(p, pages * kPageSize, PROT_READ | PROT_WRITE);
  inst->memory.base = inst->memory_reservation;
  inst->memory.length = pages * kPageSize;
  inst->vmctx.memory0 = &inst->memory;
}

Status SetUpFuncs(FakeInstance* inst) {
  const ModuleDesc& d = inst->desc;
  for (size_t i = 0; i < d.types.size(); ++i) {
    uint32_t id = uint32_t(i);
    for (size_t j = 0; j < i; ++j) {
      if (d.types[j] == d.types[i]) {
        id = uint32_t(j);
        break;
      }
    }
    inst->type_ids.push_back(id);
  }
  inst->funcrefs.resize(d.funcs.size());
  inst->host.header.magic = kHostContextMagic;
  for (size_t i = 0; i < d.funcs.size(); ++i) {
    VMFuncRef& r = inst->funcrefs[i];
    const FuncType& t = d.FuncTypeOf(uint32_t(i));
    r.type_id = inst->type_ids[d.funcs[i]];
    if (i < d.num_imported_funcs) {
      Result<void*> exit = Trampolines()->Exit(t);
      if (!exit.ok()) return exit.status();
      inst->host.kind = d.imports[i].name == "add" ? 0 : 1;
      r.wasm_call = exit.value();
      r.vmctx = &inst->host;
      r.flags = kFuncRefHost;
    } else {
      r.wasm_call = inst->compiled->WasmCall(uint32_t(i));
      r.vmctx = &inst->vmctx;
    }
    Result<void*> entry = Trampolines()->Entry(t);
    if (!entry.ok()) return entry.status();
    r.array_entry = entry.value();
    inst->funcs.push_back(&r);
  }
  return Status();
}

void SetUpGlobalsAndTables(FakeInstance* inst) {
  const ModuleDesc& d = inst->desc;
  inst->global_storage.resize(d.globals.size());
  for (size_t i = 0; i < d.globals.size(); ++i) {
    inst->globals.push_back(&inst->global_storage[i]);
    inst->global_storage[i].value.i64 = ConstValue(*inst, d.globals[i].init);
  }
  inst->table_storage.resize(d.tables.size());
  inst->table_defs.resize(d.tables.size());
  for (size_t i = 0; i < d.tables.size(); ++i) {
    inst->table_storage[i].assign(d.tables[i].limits.min, 0);
    inst->table_defs[i] = {inst->table_storage[i].data(), inst->table_storage[i].size()};
    inst->tables.push_back(&inst->table_defs[i]);
  }
  for (const ElemSegment& seg : d.elems) {
    if (seg.mode != SegmentMode::kActive) continue;
    uint64_t offset = ConstValue(*inst, seg.offset);
    for (size_t k = 0; k < seg.items.size(); ++k) {
      inst->table_storage[seg.table_index][offset + k] = ConstValue(*inst, seg.items[k]);
    }
  }
}

}  // namespace

FakeInstance::~FakeInstance() {
  if (memory_reservation != nullptr) munmap(memory_reservation, memory_reserved);
}

const RuntimeHelpers* FakeHelpers() { return &kHelpers; }

TrampolineCache* Trampolines() {
  static TrampolineCache* cache = new TrampolineCache(&kHelpers);  // lives for the process
  return cache;
}

uint32_t LastTrapFuncIndex() { return g_trap_func; }

std::unique_ptr<FakeInstance> Instantiate(const char* name, const InstanceOptions& options,
                                          Status* status) {
  std::vector<uint8_t> bytes;
  std::string path = std::string(WASMC_MIR_TEST_WASM_DIR) + "/" + name + ".wasm";
  if (!ReadFile(path, &bytes)) {
    *status = Status::Error(ErrorKind::kInternal, "cannot read " + path);
    return nullptr;
  }
  Result<ModuleDesc> desc = DecodeModule(bytes.data(), bytes.size());
  if (!desc.ok()) {
    *status = desc.status();
    return nullptr;
  }
  std::unique_ptr<FakeInstance> inst(new FakeInstance());
  inst->desc = desc.take();
  *status = ValidateModule(inst->desc);
  if (!status->ok()) return nullptr;
  CompileOptions copts;
  copts.opt_level = options.opt_level;
  copts.explicit_bounds_checks = options.explicit_bounds_checks;
  copts.helpers = &kHelpers;
  Result<std::unique_ptr<CompiledModule>> compiled = CompileModule(inst->desc, copts);
  if (!compiled.ok()) {
    *status = compiled.status();
    return nullptr;
  }
  inst->compiled = compiled.take();
  inst->vmctx.magic = kVMContextMagic;
  inst->vmctx.limits = &inst->limits;
  inst->vmctx.instance = inst.get();
  SetUpMemory(inst.get(), !options.explicit_bounds_checks);
  *status = SetUpFuncs(inst.get());
  if (!status->ok()) return nullptr;
  SetUpGlobalsAndTables(inst.get());
  inst->vmctx.funcs = inst->funcs.data();
  inst->vmctx.globals = inst->globals.data();
  inst->vmctx.tables = inst->tables.data();
  inst->vmctx.type_ids = inst->type_ids.data();
  return inst;
}

uint32_t CallExport(FakeInstance* inst, const char* name, ValRaw* values) {
  uint32_t index = UINT32_MAX;
  for (const Export& e : inst->desc.exports) {
    if (e.kind == ExternKind::kFunc && e.name == name) index = e.index;
  }
  if (index == UINT32_MAX) return UINT32_MAX;
  VMFuncRef* ref = inst->funcs[index];
  using Entry = void (*)(void*, void*, void*, ValRaw*);
  Entry entry = reinterpret_cast<Entry>(ref->array_entry);
  std::jmp_buf env;
  std::jmp_buf* saved = g_trap_env;
  g_trap_env = &env;
  // Leave 1 MiB of the 8 MiB main-thread stack for the trap path and the test itself.
  inst->limits.stack_limit = reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) - (6u << 20);
  if (setjmp(env) != 0) {
    g_trap_env = saved;
    return g_trap_code;
  }
  entry(ref->wasm_call, ref->vmctx, &inst->vmctx, values);
  g_trap_env = saved;
  return 0;
}

}  // namespace testing
}  // namespace wasmc
