// Linker: name-based import resolution (see linker.h).
#include "runtime/linker.h"

#include "runtime/engine.h"
#include "runtime/module.h"

namespace wasmc {

Linker::Linker(Engine* engine) : engine_(engine) { engine_->Ref(); }

Linker::~Linker() { engine_->Unref(); }

std::string Linker::Key(std::string_view module, std::string_view name) {
  std::string key = std::to_string(module.size());
  key += ':';
  key += module;
  key += name;
  return key;
}

Status Linker::Define(uint64_t store_id, std::string_view module, const std::vector<Item>& items) {
  if (!allow_shadowing_) {
    for (size_t i = 0; i < items.size(); ++i) {
      bool twice = false;
      for (size_t j = 0; j < i && !twice; ++j) twice = items[j].name == items[i].name;
      if (twice || defs_.count(Key(module, items[i].name)) != 0) {
        std::string msg = "`";
        msg += module;
        msg += "`.`";
        msg += items[i].name;
        msg += "` is already defined (shadowing is not allowed)";
        return Status::Error(ErrorKind::kMisuse, std::move(msg));
      }
    }
  }
  for (const Item& item : items) {
    defs_[Key(module, item.name)] = Definition{store_id, item.value};
  }
  return Status::Ok();
}

const wasmc_extern_t* Linker::Find(uint64_t store_id, std::string_view module,
                                   std::string_view name) const {
  auto it = defs_.find(Key(module, name));
  if (it == defs_.end() || it->second.store_id != store_id) return nullptr;
  return &it->second.value;
}

Status Linker::Resolve(uint64_t store_id, const Module& module,
                       std::vector<wasmc_extern_t>* out) const {
  const std::vector<Import>& imports = module.desc().imports;
  out->clear();
  out->reserve(imports.size());
  for (const Import& imp : imports) {
    auto it = defs_.find(Key(imp.module, imp.name));
    if (it == defs_.end()) {
      return Status::Error(ErrorKind::kUnlinkable,
                           "unknown import: `" + imp.module + "`.`" + imp.name + "`");
    }
    if (it->second.store_id != store_id) {
      return Status::Error(ErrorKind::kMisuse, "import `" + imp.module + "`.`" + imp.name +
                                                   "` is defined in another store");
    }
    out->push_back(it->second.value);
  }
  return Status::Ok();
}

}  // namespace wasmc
