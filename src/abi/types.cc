// C API shims for function types: construction from public kinds and the borrowed kind arrays.
#include "abi/handles.h"

using namespace wasmc;  // NOLINT: shims only

extern "C" {

wasmc_functype_t* wasmc_functype_new(const wasmc_valkind_t* params, size_t nparams,
                                     const wasmc_valkind_t* results, size_t nresults) WASMC_SHIM_NOEXCEPT {
  if ((!params && nparams != 0) || (!results && nresults != 0)) return nullptr;
  FuncType type;
  for (size_t i = 0; i < nparams; ++i) {
    ValType t;
    if (!ValTypeOfKind(params[i], &t)) return nullptr;
    type.params.push_back(t);
  }
  for (size_t i = 0; i < nresults; ++i) {
    ValType t;
    if (!ValTypeOfKind(results[i], &t)) return nullptr;
    type.results.push_back(t);
  }
  return NewFuncTypeObject(type);
}

void wasmc_functype_delete(wasmc_functype_t* type) WASMC_SHIM_NOEXCEPT { delete type; }

const wasmc_valkind_t* wasmc_functype_params(const wasmc_functype_t* type,
                                             size_t* n_out) WASMC_SHIM_NOEXCEPT {
  if (!type) {
    if (n_out) *n_out = 0;
    return nullptr;
  }
  if (n_out) *n_out = type->params.size();
  return type->params.data();
}

const wasmc_valkind_t* wasmc_functype_results(const wasmc_functype_t* type,
                                              size_t* n_out) WASMC_SHIM_NOEXCEPT {
  if (!type) {
    if (n_out) *n_out = 0;
    return nullptr;
  }
  if (n_out) *n_out = type->results.size();
  return type->results.data();
}

}  // extern "C"
