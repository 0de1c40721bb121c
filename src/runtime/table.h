// Table: a Wasm table in a store. Consumes a TableType and an initial element value, produces
// the VMTableDef compiled code reads (8-byte slots: VMFuncRef* or raw externref, 0 = null).
// Element storage uses checked allocation so that failure is a `table.grow` of -1, not an abort.
#ifndef WASMC_RUNTIME_TABLE_H_
#define WASMC_RUNTIME_TABLE_H_

#include <cstdint>
#include <memory>

#include "ir/types.h"
#include "ir/vm_layout.h"
#include "util/result.h"

namespace wasmc {

// A configured cap on table length (elements), below the spec's 2^32 - 1: growing past it
// fails like any other failed growth.
constexpr uint64_t kMaxTableLength = uint64_t{1} << 24;

class Table {
 public:
  // Errors: kResource when the minimum is past kMaxTableLength or allocation fails.
  static Result<std::unique_ptr<Table>> Create(const TableType& type, uint64_t init);
  ~Table();
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  VMTableDef* def() { return &def_; }
  // The declared type (limits.min is the declared minimum, not the current size).
  const TableType& type() const { return type_; }
  // The type as an import sees it: the current size as the minimum.
  TableType CurrentType() const;
  uint64_t size() const { return def_.length; }
  uint64_t* elements() { return def_.elements; }

  // True when [start, start + n) lies inside the table.
  bool InBounds(uint64_t start, uint64_t n) const {
    return start <= def_.length && n <= def_.length - start;
  }
  // Returns the old size, or -1 past the maximum or when allocation fails (nothing changes).
  int64_t Grow(uint64_t delta, uint64_t init);

 private:
  explicit Table(const TableType& type) : type_(type), def_{nullptr, 0} {}

  TableType type_;
  VMTableDef def_;
  uint64_t capacity_ = 0;
};

}  // namespace wasmc

#endif  // WASMC_RUNTIME_TABLE_H_
