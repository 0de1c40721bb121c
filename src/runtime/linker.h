// Linker: consumes definitions (module name, field name -> extern of some store) and a module,
// produces the module's import list resolved by name, or an error naming the import ("unknown
// import: `env`.`f`"). Type checking is Instance::Instantiate's; it names the import too.
#ifndef WASMC_RUNTIME_LINKER_H_
#define WASMC_RUNTIME_LINKER_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "util/result.h"
#include "wasmc.h"

namespace wasmc {

class Engine;
class Module;

class Linker {
 public:
  explicit Linker(Engine* engine);  // takes a reference on `engine`
  ~Linker();
  Linker(const Linker&) = delete;
  Linker& operator=(const Linker&) = delete;

  Engine* engine() const { return engine_; }
  void set_allow_shadowing(bool allow) { allow_shadowing_ = allow; }

  struct Item {
    std::string name;
    wasmc_extern_t value;
  };
  // Defines `module`.`item.name` for each item, all or nothing: kMisuse if a name is taken
  // (also twice within `items`) and shadowing is not allowed.
  Status Define(uint64_t store_id, std::string_view module, const std::vector<Item>& items);
  // Whether `module`.`name` may be defined now (free, or shadowing allowed).
  bool CanDefine(std::string_view module, std::string_view name) const {
    return allow_shadowing_ || defs_.count(Key(module, name)) == 0;
  }
  // NULL if undefined.
  const wasmc_extern_t* Find(uint64_t store_id, std::string_view module,
                             std::string_view name) const;
  // One extern per import of `module`, in import order. kUnlinkable for an unknown import,
  // kMisuse for a definition from another store.
  Status Resolve(uint64_t store_id, const Module& module, std::vector<wasmc_extern_t>* out) const;

 private:
  struct Definition {
    uint64_t store_id;
    wasmc_extern_t value;
  };
  // Names may contain any byte, so the key is length-prefixed: "<len(module)>:<module><name>".
  static std::string Key(std::string_view module, std::string_view name);

  Engine* engine_;
  bool allow_shadowing_ = false;
  std::unordered_map<std::string, Definition> defs_;
};

}  // namespace wasmc

#endif  // WASMC_RUNTIME_LINKER_H_
