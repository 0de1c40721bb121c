// Module: the pipeline decode -> validate -> compile, plus canonical type ids and import/export
// reflection for the C API (see module.h).
#include "runtime/module.h"

#include "decoder/module_decoder.h"
#include "mir_backend/compiler.h"
#include "runtime/engine.h"
#include "runtime/helpers.h"
#include "validator/module_validator.h"
#include "validator/validate.h"

namespace wasmc {

Module::Module(Engine* engine, ModuleDesc desc) : engine_(engine), desc_(std::move(desc)) {
  engine_->Ref();
}

Module::~Module() {
  for (wasmc_functype_t* f : functypes_) delete f;
  compiled_.reset();
  engine_->Unref();
}

void Module::Unref() const {
  if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
}

Status Module::Validate(const uint8_t* bytes, size_t len) {
  WASMC_ASSIGN_OR_RETURN(ModuleDesc desc, DecodeModule(bytes, len));
  return wasmc::Validate(desc);
}

Result<Module*> Module::Create(Engine* engine, const uint8_t* bytes, size_t len) {
  WASMC_ASSIGN_OR_RETURN(ModuleDesc desc, DecodeModule(bytes, len));
  WASMC_TRY(ValidateModuleFirst(desc));
  CompileOptions options;
  options.opt_level = engine->config().opt_level;
  options.explicit_bounds_checks = engine->config().explicit_bounds_checks;
  options.consume_fuel = engine->config().consume_fuel;
  options.epoch_interruption = engine->config().epoch_interruption;
  options.threads = engine->CompileThreads();
  options.lazy = engine->config().lazy_compile;
  options.min_partition_bytes = engine->config().min_partition_bytes;
  options.interpret = engine->config().mir_interpret;
  options.allow_opt_level_2 = engine->config().allow_opt_level_2;
  options.helpers = engine->helpers();
  // The module owns the ModuleDesc first: lazily compiled code reads it for the module's life.
  Module* module = new Module(engine, std::move(desc));
  Result<std::unique_ptr<CompiledModule>> compiled = CompileModule(module->desc_, options);
  if (!compiled.ok()) {
    Status status = compiled.status();
    module->Unref();
    return status;
  }
  module->compiled_ = compiled.take();
  module->type_ids_.reserve(module->desc_.types.size());
  for (const FuncType& type : module->desc_.types) {
    module->type_ids_.push_back(engine->types().Intern(type));
  }
  module->BuildReflection();
  return module;
}

const wasmc_functype_t* Module::FuncTypeObject(uint32_t type_index) {
  if (functypes_.empty()) functypes_.assign(desc_.types.size(), nullptr);
  if (!functypes_[type_index]) functypes_[type_index] = NewFuncTypeObject(desc_.types[type_index]);
  return functypes_[type_index];
}

void Module::BuildReflection() {
  import_types_.reserve(desc_.imports.size());
  for (const Import& imp : desc_.imports) {
    const wasmc_functype_t* ft =
        imp.kind == ExternKind::kFunc ? FuncTypeObject(imp.type_index) : nullptr;
    import_types_.push_back(MakeExternType(desc_, imp.kind, 0, &imp, ft));
  }
  export_types_.reserve(desc_.exports.size());
  for (const Export& exp : desc_.exports) {
    const wasmc_functype_t* ft =
        exp.kind == ExternKind::kFunc ? FuncTypeObject(desc_.funcs[exp.index]) : nullptr;
    export_types_.push_back(MakeExternType(desc_, exp.kind, exp.index, nullptr, ft));
  }
}

}  // namespace wasmc
