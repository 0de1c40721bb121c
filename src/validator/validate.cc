// Whole-module validation: module-level checks, then each function body through the same
// FuncValidator the compiler uses, with NullListener. Consumes ModuleDesc; produces a Status.
#include "validator/validate.h"

#include <memory>

#include "validator/body_checker.h"
#include "validator/func_validator.h"
#include "validator/instr.h"

namespace wasmc {
namespace {

// Prefers a malformation in a body at or after `first_func` over the validation error `invalid`.
Status PreferMalformed(const ModuleDesc& m, uint32_t first_func, Status invalid) {
  if (invalid.kind() != ErrorKind::kInvalid) return invalid;
  Status malformed = FindMalformedBody(m, first_func);
  return malformed.ok() ? invalid : malformed;
}

}  // namespace

Status FindMalformedBody(const ModuleDesc& m, uint32_t first_func) {
  auto checker = std::make_unique<BodyChecker>(m);
  uint32_t end = m.num_imported_funcs + uint32_t(m.bodies.size());
  if (end > m.funcs.size()) end = uint32_t(m.funcs.size());
  for (uint32_t i = first_func < m.num_imported_funcs ? m.num_imported_funcs : first_func; i < end;
       ++i) {
    if (!checker->ScanForMalformed(i)) return checker->error();
  }
  return Status::Ok();
}

Status ValidateModuleBodies(const ModuleDesc& m) {
  if (m.bodies.size() != m.NumDefinedFuncs()) {
    return Malformed("function and code section have inconsistent lengths");
  }
  NullListener listener;
  FuncValidator<NullListener> validator(m, listener);
  for (uint32_t i = m.num_imported_funcs; i < m.funcs.size(); ++i) {
    Status st = validator.Validate(i);
    if (!st.ok()) return PreferMalformed(m, i + 1, std::move(st));
  }
  return Status::Ok();
}

Status ValidateModuleFirst(const ModuleDesc& m) {
  Status st = ValidateModule(m);
  if (!st.ok()) return PreferMalformed(m, m.num_imported_funcs, std::move(st));
  return st;
}

Status Validate(const ModuleDesc& m) {
  WASMC_TRY(ValidateModuleFirst(m));
  return ValidateModuleBodies(m);
}

}  // namespace wasmc
