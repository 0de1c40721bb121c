// Module decoder: consumes the bytes of a Wasm 2.0 binary module and produces a ModuleDesc
// (ir/module_desc.h). Function bodies are only delimited here; the function validator decodes
// them. Errors are kMalformed with the spec's messages, except "constant expression required"
// (kInvalid), which the decoder finds while delimiting constant expressions.
#ifndef WASMC_DECODER_MODULE_DECODER_H_
#define WASMC_DECODER_MODULE_DECODER_H_

#include <cstddef>
#include <cstdint>

#include "ir/module_desc.h"
#include "util/result.h"

namespace wasmc {

// Decodes a whole module. The result owns a copy of `bytes` (ModuleDesc::bytes). Never reads
// outside [bytes, bytes + len); `bytes` may be null when `len` is 0. Modules larger than 4 GiB
// fail with kResource. Module-level validation is a separate step (ValidateModule).
Result<ModuleDesc> DecodeModule(const uint8_t* bytes, size_t len);

}  // namespace wasmc

#endif  // WASMC_DECODER_MODULE_DECODER_H_
