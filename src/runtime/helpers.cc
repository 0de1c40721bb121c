// Runtime helpers called by compiled code (ir/vm_layout.h WASMC_RUNTIME_HELPERS): bulk memory
// and table instructions with the spec's bounds checks, segment drops, traps and host calls.
// A failing check raises a trap that longjmps back to InvokeWasm, so no helper keeps an object
// with a non-trivial destructor alive across a trap (trap.h invariant).
#include "runtime/helpers.h"

#include <cstring>

#include "runtime/call.h"
#include "runtime/func.h"
#include "runtime/instance.h"
#include "runtime/limits.h"
#include "runtime/memory.h"
#include "runtime/store.h"
#include "runtime/table.h"
#include "runtime/trap.h"
#include "util/checks.h"

namespace wasmc {

namespace {

Instance* InstanceOf(void* vmctx) { return Instance::FromVMContext(vmctx); }

// [start, start + n) inside a region of `size` units (64-bit math: no wrap-around).
bool InRange(uint64_t start, uint64_t n, uint64_t size) { return start <= size && n <= size - start; }

[[noreturn]] void TrapMemory(void* vmctx) {
  RaiseTrap(TrapCode::kMemoryOutOfBounds, kUnknownFuncIndex, vmctx);
}
[[noreturn]] void TrapTable(void* vmctx) {
  RaiseTrap(TrapCode::kTableOutOfBounds, kUnknownFuncIndex, vmctx);
}

void HelperTrap(void* vmctx, uint32_t code, uint32_t func_index) {
  RaiseTrap(code, func_index, vmctx);
}

uint32_t MemoryGrow(void* vmctx, uint32_t mem, uint32_t delta) {
  Instance* inst = InstanceOf(vmctx);
  int64_t old = GrowMemory(inst->store(), inst->memory(mem), delta);
  return old < 0 ? UINT32_MAX : static_cast<uint32_t>(old);
}

void MemoryFill(void* vmctx, uint32_t mem, uint32_t dst, uint32_t val, uint32_t n) {
  LinearMemory* m = InstanceOf(vmctx)->memory(mem);
  if (!InRange(dst, n, m->byte_length())) TrapMemory(vmctx);
  std::memset(m->base() + dst, static_cast<int>(val & 0xff), n);
}

void MemoryCopy(void* vmctx, uint32_t dst_mem, uint32_t src_mem, uint32_t dst, uint32_t src,
                uint32_t n) {
  Instance* inst = InstanceOf(vmctx);
  LinearMemory* d = inst->memory(dst_mem);
  LinearMemory* s = inst->memory(src_mem);
  if (!InRange(dst, n, d->byte_length()) || !InRange(src, n, s->byte_length())) {
    TrapMemory(vmctx);
  }
  std::memmove(d->base() + dst, s->base() + src, n);
}

void MemoryInit(void* vmctx, uint32_t mem, uint32_t data, uint32_t dst, uint32_t src,
                uint32_t n) {
  Instance* inst = InstanceOf(vmctx);
  LinearMemory* m = inst->memory(mem);
  uint32_t size;
  const uint8_t* bytes = inst->data_segment(data, &size);
  if (!InRange(src, n, size) || !InRange(dst, n, m->byte_length())) TrapMemory(vmctx);
  if (n != 0) std::memcpy(m->base() + dst, bytes + src, n);
}

void DataDrop(void* vmctx, uint32_t data) { InstanceOf(vmctx)->DropData(data); }

uint64_t TableGet(void* vmctx, uint32_t table, uint32_t index) {
  Table* t = InstanceOf(vmctx)->table(table);
  if (index >= t->size()) TrapTable(vmctx);
  return t->elements()[index];
}

void TableSet(void* vmctx, uint32_t table, uint32_t index, uint64_t value) {
  Table* t = InstanceOf(vmctx)->table(table);
  if (index >= t->size()) TrapTable(vmctx);
  t->elements()[index] = value;
}

uint32_t TableGrow(void* vmctx, uint32_t table, uint64_t init, uint32_t delta) {
  Instance* inst = InstanceOf(vmctx);
  int64_t old = GrowTable(inst->store(), inst->table(table), delta, init);
  return old < 0 ? UINT32_MAX : static_cast<uint32_t>(old);
}

void TableFill(void* vmctx, uint32_t table, uint32_t dst, uint64_t value, uint32_t n) {
  Table* t = InstanceOf(vmctx)->table(table);
  if (!t->InBounds(dst, n)) TrapTable(vmctx);
  uint64_t* e = t->elements();
  for (uint32_t i = 0; i < n; ++i) e[uint64_t{dst} + i] = value;
}

void TableCopy(void* vmctx, uint32_t dst_table, uint32_t src_table, uint32_t dst, uint32_t src,
               uint32_t n) {
  Instance* inst = InstanceOf(vmctx);
  Table* d = inst->table(dst_table);
  Table* s = inst->table(src_table);
  if (!d->InBounds(dst, n) || !s->InBounds(src, n)) TrapTable(vmctx);
  if (n != 0) std::memmove(d->elements() + dst, s->elements() + src, n * sizeof(uint64_t));
}

void TableInit(void* vmctx, uint32_t table, uint32_t elem, uint32_t dst, uint32_t src,
               uint32_t n) {
  Instance* inst = InstanceOf(vmctx);
  Table* t = inst->table(table);
  const std::vector<uint64_t>& seg = inst->elem_segment(elem);
  if (!InRange(src, n, seg.size()) || !t->InBounds(dst, n)) TrapTable(vmctx);
  if (n != 0) std::memcpy(t->elements() + dst, seg.data() + src, n * sizeof(uint64_t));
}

void ElemDrop(void* vmctx, uint32_t elem) { InstanceOf(vmctx)->DropElem(elem); }

// Runs the callback with every C++ object (the host-call scope) confined to this frame, so the
// caller can raise the returned trap without skipping destructors.
__attribute__((noinline)) Trap* RunHostCallback(HostFunc* host, void* caller_vmctx,
                                                ValRaw* values, size_t capacity) {
  wasmc_caller caller{host->store, caller_vmctx, nullptr};
  HostCallScope scope;
  wasmc_trap_t* trap = host->callback(host->env, &caller,
                                      reinterpret_cast<wasmc_val_raw_t*>(values), capacity);
  // One test on the fast path: no trap returned or set, no borrow left behind.
  if (__builtin_expect(trap != nullptr || caller.pending_trap != nullptr ||
                           host->store->borrows().count() != 0,
                       0)) {
    return HostCallTrap(&caller, trap, /*to_wasm=*/true);
  }
  return nullptr;
}

void CallHost(void* host_ctx, void* caller_vmctx, ValRaw* values, size_t capacity) {
  auto* host = static_cast<HostFunc*>(host_ctx);
  WASMC_DCHECK(host->header.magic == kHostContextMagic);
  Trap* trap = RunHostCallback(host, caller_vmctx, values, capacity);
  if (trap) RaiseTrapObject(std::unique_ptr<Trap>(trap));
}

constexpr RuntimeHelpers kHelpers = {
    &HelperTrap, &MemoryGrow, &MemoryFill, &MemoryCopy, &MemoryInit, &DataDrop, &TableGet,
    &TableSet,   &TableGrow,  &TableFill,  &TableCopy,  &TableInit,  &ElemDrop, &CallHost,
    &EpochInterruptHelper,
};

}  // namespace

const RuntimeHelpers* GetRuntimeHelpers() { return &kHelpers; }

}  // namespace wasmc
