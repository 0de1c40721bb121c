// Table: element storage and growth for Wasm tables (see table.h).
#include "runtime/table.h"

#include <cstdlib>

namespace wasmc {

Result<std::unique_ptr<Table>> Table::Create(const TableType& type, uint64_t init) {
  std::unique_ptr<Table> table(new Table(type));
  if (type.limits.min > kMaxTableLength) {
    return Status::Error(ErrorKind::kResource, "table minimum size exceeds the table limit");
  }
  if (table->Grow(type.limits.min, init) < 0) {
    return Status::Error(ErrorKind::kResource, "out of memory allocating a table");
  }
  return table;
}

Table::~Table() { std::free(def_.elements); }

TableType Table::CurrentType() const {
  TableType t = type_;
  t.limits.min = def_.length;
  return t;
}

int64_t Table::Grow(uint64_t delta, uint64_t init) {
  uint64_t old = def_.length;
  uint64_t max = type_.limits.has_max ? type_.limits.max : kMaxTableElems;
  if (max > kMaxTableLength) max = kMaxTableLength;
  if (delta > max || old > max - delta) return -1;
  uint64_t want = old + delta;
  if (want > capacity_) {
    uint64_t cap = capacity_ * 2 > want ? capacity_ * 2 : want;
    if (cap > max) cap = max;
    if (cap == 0) cap = 1;
    void* p = std::realloc(def_.elements, cap * sizeof(uint64_t));
    if (!p) return -1;
    def_.elements = static_cast<uint64_t*>(p);
    capacity_ = cap;
  }
  for (uint64_t i = old; i < want; ++i) def_.elements[i] = init;
  def_.length = want;
  return static_cast<int64_t>(old);
}

}  // namespace wasmc
