// LEB128 error messages (the decoders are inline in leb128.h).
#include "util/leb128.h"

namespace wasmc {

const char* LebErrorMessage(LebError error) {
  switch (error) {
    case LebError::kOk: return "";
    case LebError::kEnd: return "unexpected end of section or function";
    case LebError::kTooLong: return "integer representation too long";
    case LebError::kTooLarge: return "integer too large";
  }
  return "";
}

}  // namespace wasmc
