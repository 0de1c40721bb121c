// Instance: import resolution ("Import matching" in the spec's module instantiation) and
// allocation of the VMContext, function refs, memories, tables and globals. The steps that run
// code or may trap (const expressions, segments, start) are in instance_init.cc.
#include "runtime/instance.h"

#include "mir_backend/compiler.h"
#include "runtime/engine.h"
#include "runtime/func.h"
#include "runtime/global.h"
#include "runtime/memory.h"
#include "runtime/module.h"
#include "runtime/store.h"
#include "runtime/table.h"

namespace wasmc {

namespace {

// "incompatible import type for `env`.`f`": names the import, for the embedder.
Status Incompatible(const Import& imp) {
  std::string msg = "incompatible import type for `";
  msg += imp.module;
  msg += "`.`";
  msg += imp.name;
  msg += '`';
  return Status::Error(ErrorKind::kUnlinkable, std::move(msg));
}

// "Limits" subtyping: the actual limits match the expected ones if they are at least as tight.
bool LimitsMatch(const Limits& actual, const Limits& expected) {
  if (actual.min < expected.min) return false;
  if (!expected.has_max) return true;
  return actual.has_max && actual.max <= expected.max;
}

}  // namespace

Instance::Instance(Store* store, const Module* module) : store_(store), module_(module) {
  module_->Ref();
}

Instance::~Instance() { module_->Unref(); }

const ModuleDesc& Instance::desc() const { return module_->desc(); }

Status Instance::LinkImports(const wasmc_extern_t* imports, size_t nimports) {
  const ModuleDesc& m = desc();
  if (nimports != m.imports.size()) {
    return Status::Error(ErrorKind::kMisuse, "wrong number of imports");
  }
  for (size_t i = 0; i < nimports; ++i) {
    const Import& imp = m.imports[i];
    const wasmc_extern_t& ext = imports[i];
    if (ext.kind > WASMC_EXTERN_GLOBAL) return Status::Error(ErrorKind::kMisuse, "bad extern kind");
    // The handle's store id sits at the same offset in every union member.
    if (ext.of.func.store_id != store_->id()) {
      return Status::Error(ErrorKind::kMisuse, "import from another store");
    }
    if (ext.kind != static_cast<wasmc_externkind_t>(imp.kind)) {
      return Incompatible(imp);
    }
    switch (imp.kind) {
      case ExternKind::kFunc: {
        VMFuncRef* ref = store_->func(ext.of.func.index);
        if (!ref) return Status::Error(ErrorKind::kMisuse, "invalid function handle");
        if (ref->type_id != module_->type_ids()[imp.type_index]) {
          return Incompatible(imp);
        }
        funcs_.push_back(ref);
        func_handles_.push_back(ext.of.func.index);
        break;
      }
      case ExternKind::kMemory: {
        LinearMemory* mem = store_->memory(ext.of.memory.index);
        if (!mem) return Status::Error(ErrorKind::kMisuse, "invalid memory handle");
        Limits actual = mem->type().limits;
        actual.min = mem->pages();
        if (!LimitsMatch(actual, imp.memory.limits)) return Incompatible(imp);
        memories_.push_back(mem);
        memory_handles_.push_back(ext.of.memory.index);
        break;
      }
      case ExternKind::kTable: {
        Table* table = store_->table(ext.of.table.index);
        if (!table) return Status::Error(ErrorKind::kMisuse, "invalid table handle");
        TableType actual = table->CurrentType();
        if (actual.elem != imp.table.elem || !LimitsMatch(actual.limits, imp.table.limits)) {
          return Incompatible(imp);
        }
        tables_.push_back(table);
        table_handles_.push_back(ext.of.table.index);
        break;
      }
      case ExternKind::kGlobal: {
        Global* global = store_->global(ext.of.global.index);
        if (!global) return Status::Error(ErrorKind::kMisuse, "invalid global handle");
        if (global->type.type != imp.global.type || global->type.mut != imp.global.mut) {
          return Incompatible(imp);
        }
        globals_.push_back(global);
        global_handles_.push_back(ext.of.global.index);
        break;
      }
    }
  }
  return Status::Ok();
}

Status Instance::CreateFuncs() {
  const ModuleDesc& m = desc();
  Engine* engine = store_->engine();
  uint32_t ndefined = m.NumDefinedFuncs();
  own_funcs_.reset(new VMFuncRef[ndefined == 0 ? 1 : ndefined]());
  for (uint32_t i = 0; i < ndefined; ++i) {
    uint32_t func_index = m.num_imported_funcs + i;
    WASMC_ASSIGN_OR_RETURN(void* entry, engine->EntryTrampoline(m.FuncTypeOf(func_index)));
    VMFuncRef& ref = own_funcs_[i];
    ref.wasm_call = module_->compiled().WasmCall(func_index);
    ref.vmctx = &ctx_;
    ref.type_id = module_->type_ids()[m.funcs[func_index]];
    ref.flags = 0;
    ref.array_entry = entry;
    funcs_.push_back(&ref);
    func_handles_.push_back(store_->AddFuncRef(&ref));
  }
  return Status::Ok();
}

Status Instance::CreateMemories() {
  const ModuleDesc& m = desc();
  BoundsMode mode = store_->engine()->config().explicit_bounds_checks ? BoundsMode::kExplicit
                                                                      : BoundsMode::kGuardPages;
  for (size_t i = m.num_imported_memories; i < m.memories.size(); ++i) {
    WASMC_ASSIGN_OR_RETURN(std::unique_ptr<LinearMemory> mem,
                           LinearMemory::Create(m.memories[i], mode));
    memories_.push_back(mem.get());
    memory_handles_.push_back(store_->AddMemory(std::move(mem)));
  }
  for (LinearMemory* mem : memories_) memory_defs_.push_back(mem->def());
  return Status::Ok();
}

Status Instance::CreateTables() {
  const ModuleDesc& m = desc();
  for (size_t i = m.num_imported_tables; i < m.tables.size(); ++i) {
    WASMC_ASSIGN_OR_RETURN(std::unique_ptr<Table> table, Table::Create(m.tables[i], 0));
    tables_.push_back(table.get());
    table_handles_.push_back(store_->AddTable(std::move(table)));
  }
  for (Table* table : tables_) table_defs_.push_back(table->def());
  return Status::Ok();
}

Status Instance::CreateGlobals() {
  const ModuleDesc& m = desc();
  for (Global* g : globals_) global_slots_.push_back(&g->slot);
  // Initialisers may read earlier globals (imports in Wasm 2.0), so evaluate in order.
  for (size_t i = m.num_imported_globals; i < m.globals.size(); ++i) {
    auto global = std::make_unique<Global>();
    global->type = m.globals[i].type;
    global->slot.value = EvalConstExpr(m.globals[i].init);
    globals_.push_back(global.get());
    global_slots_.push_back(&global->slot);
    global_handles_.push_back(store_->AddGlobal(std::move(global)));
  }
  return Status::Ok();
}

void Instance::FillVMContext() {
  ctx_.magic = kVMContextMagic;
  ctx_.limits = store_->limits();
  ctx_.memory0 = memory_defs_.empty() ? nullptr : memory_defs_[0];
  ctx_.tables = table_defs_.data();
  ctx_.globals = global_slots_.data();
  ctx_.funcs = funcs_.data();
  ctx_.type_ids = module_->type_ids().data();
  ctx_.instance = this;
}

Status Instance::Instantiate(Store* store, const Module* module, const wasmc_extern_t* imports,
                             size_t nimports, size_t* handle_out,
                             std::unique_ptr<Trap>* trap_out) {
  std::unique_ptr<Instance> owned(new Instance(store, module));
  Instance* inst = owned.get();
  WASMC_TRY(inst->LinkImports(imports, nimports));
  WASMC_TRY(store->limiter().AdmitInstance(module->desc()));  // counts and initial sizes
  // From here on the instance belongs to the store: its functions get handles and may end up in
  // imported tables, so it must live as long as the store even if instantiation fails.
  size_t handle = store->AddInstance(std::move(owned));
  inst->elems_.resize(module->desc().elems.size());
  inst->data_dropped_.assign(module->desc().datas.size(), false);
  WASMC_TRY(inst->CreateFuncs());
  WASMC_TRY(inst->CreateMemories());
  WASMC_TRY(inst->CreateTables());
  inst->FillVMContext();
  WASMC_TRY(inst->CreateGlobals());
  inst->FillVMContext();  // global_slots_ may have reallocated

  std::unique_ptr<Trap> trap = inst->InitElemSegments();
  if (!trap) trap = inst->InitDataSegments();
  if (!trap && module->desc().has_start) {
    ValRaw values[1];
    WASMC_TRY(CallFuncRaw(store, inst->funcs_[module->desc().start], values, &trap));
  }
  if (trap) {
    *trap_out = std::move(trap);
    return Status::Ok();
  }
  *handle_out = handle;
  return Status::Ok();
}

wasmc_extern_t Instance::ExportValue(size_t index) const {
  const Export& exp = desc().exports[index];
  wasmc_extern_t out{};
  out.kind = static_cast<wasmc_externkind_t>(exp.kind);
  uint64_t id = store_->id();
  switch (exp.kind) {
    case ExternKind::kFunc: out.of.func = {id, func_handles_[exp.index]}; break;
    case ExternKind::kTable: out.of.table = {id, table_handles_[exp.index]}; break;
    case ExternKind::kMemory: out.of.memory = {id, memory_handles_[exp.index]}; break;
    case ExternKind::kGlobal: out.of.global = {id, global_handles_[exp.index]}; break;
  }
  return out;
}

}  // namespace wasmc
