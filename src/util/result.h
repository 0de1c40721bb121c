// Status and Result<T>: how every internal stage reports failure (no exceptions anywhere).
// A Status carries an ErrorKind (mirrors WASMC_ERR_* in wasmc.h), a message and, for decode and
// validation errors, the byte offset in the module where the first error was found.
#ifndef WASMC_UTIL_RESULT_H_
#define WASMC_UTIL_RESULT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace wasmc {

// Values are frozen: they are the public WASMC_ERR_* codes.
enum class ErrorKind : uint32_t {
  kOk = 0,
  kMalformed = 1,       // bytes are not a Wasm binary (spec: assert_malformed)
  kInvalid = 2,         // decodes, but fails validation (spec: assert_invalid)
  kUnlinkable = 3,      // imports missing or of the wrong type (spec: assert_unlinkable)
  kUninstantiable = 4,  // instantiation failed (spec: assert_uninstantiable)
  kResource = 5,        // allocation failure or a configured limit
  kMisuse = 6,          // API misuse: wrong store, arity, type, handle
  kUnsupported = 7,     // a feature wasmc does not implement (yet)
  kInternal = 8,        // a bug in wasmc or MIR
  kOutOfBounds = 9,     // a guest range past the end of a memory
  kOverflow = 10,       // guest offset + length wraps the 32-bit guest address space
  kMisaligned = 11,     // a guest offset not a multiple of the required alignment
  kBorrowed = 12,       // a conflicting memory borrow is outstanding
  kInvalidUtf8 = 13,    // guest bytes that must be UTF-8 are not
};

constexpr uint64_t kNoOffset = UINT64_MAX;

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Error(ErrorKind kind, std::string message, uint64_t offset = kNoOffset) {
    Status s;
    s.kind_ = kind;
    s.message_ = std::move(message);
    s.offset_ = offset;
    return s;
  }
  bool ok() const { return kind_ == ErrorKind::kOk; }
  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }
  uint64_t offset() const { return offset_; }

 private:
  ErrorKind kind_ = ErrorKind::kOk;
  std::string message_;
  uint64_t offset_ = kNoOffset;
};

inline Status Malformed(std::string msg, uint64_t off = kNoOffset) {
  return Status::Error(ErrorKind::kMalformed, std::move(msg), off);
}
inline Status Invalid(std::string msg, uint64_t off = kNoOffset) {
  return Status::Error(ErrorKind::kInvalid, std::move(msg), off);
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit on purpose
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: must not be Ok
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  T&& take() { return std::move(*value_); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace wasmc

#define WASMC_CONCAT_INNER_(a, b) a##b
#define WASMC_CONCAT_(a, b) WASMC_CONCAT_INNER_(a, b)

// Returns early from the enclosing function when `expr` (a Status) is not Ok.
#define WASMC_TRY(expr)                                    \
  do {                                                     \
    ::wasmc::Status wasmc_try_status_ = (expr);            \
    if (!wasmc_try_status_.ok()) return wasmc_try_status_; \
  } while (0)

// `WASMC_ASSIGN_OR_RETURN(auto x, ResultExpr())`.
#define WASMC_ASSIGN_OR_RETURN(lhs, rexpr)                                         \
  auto WASMC_CONCAT_(wasmc_r_, __LINE__) = (rexpr);                                \
  if (!WASMC_CONCAT_(wasmc_r_, __LINE__).ok())                                     \
    return WASMC_CONCAT_(wasmc_r_, __LINE__).status();                             \
  lhs = WASMC_CONCAT_(wasmc_r_, __LINE__).take()

#endif  // WASMC_UTIL_RESULT_H_
