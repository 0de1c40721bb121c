// Values at the API boundary: consumes public `wasmc_val_t` values and produces the raw 16-byte
// slots (ValRaw) and 8-byte table words compiled code uses, and back. Reference values are
// checked to belong to the store (kMisuse otherwise).
#ifndef WASMC_RUNTIME_VAL_H_
#define WASMC_RUNTIME_VAL_H_

#include <cstdint>

#include "ir/types.h"
#include "ir/vm_layout.h"
#include "util/result.h"
#include "wasmc.h"

namespace wasmc {

class Store;

// `val` must have kind `type`; references must be null or from `store`.
Status ValToRaw(const Store& store, ValType type, const wasmc_val_t& val, ValRaw* out);
// The typed value for raw slot `raw` of type `type`.
wasmc_val_t RawToVal(const Store& store, ValType type, const ValRaw& raw);

// Table words: VMFuncRef* for funcref, the raw externref word for externref.
Status ValToRef(const Store& store, ValType type, const wasmc_val_t& val, uint64_t* out);
wasmc_val_t RefToVal(const Store& store, ValType type, uint64_t ref);

}  // namespace wasmc

#endif  // WASMC_RUNTIME_VAL_H_
