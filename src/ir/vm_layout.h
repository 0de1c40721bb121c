// The VM layout: the structures that JIT code reads and writes at run time, defined once for the
// MIR translator (which emits loads at these offsets) and the runtime (which allocates and fills
// them). Modelled on Wasmtime's vmcontext.rs: VMContext per instance, VMFuncRef per function,
// 16-byte raw values, memory/table definitions, runtime limits. Also the list of runtime
// helpers that compiled code calls, and the calling conventions.
#ifndef WASMC_IR_VM_LAYOUT_H_
#define WASMC_IR_VM_LAYOUT_H_

#include <cstddef>
#include <cstdint>

namespace wasmc {

// A 16-byte raw value slot, little-endian; the layout of the public `wasmc_val_raw_t`.
// i32/i64/f32/f64 live in the low bytes; funcref is a `VMFuncRef*` (NULL = ref.null);
// externref is a store-defined 64-bit value (0 = ref.null).
union alignas(16) ValRaw {
  int32_t i32;
  int64_t i64;
  uint32_t f32_bits;
  uint64_t f64_bits;
  float f32;
  double f64;
  uint8_t v128[16];
  void* funcref;
  uint64_t externref;
};
static_assert(sizeof(ValRaw) == 16, "ValRaw is 16 bytes");

// Calling conventions (every pointer argument is a MIR i64):
//
//  wasm-call: the native code of a Wasm function, a MIR function
//      results fn(void* callee_vmctx, void* caller_vmctx, params...)
//    Wasm types map to MIR types i32->I32 (upper bits undefined), i64->I64, f32->F, f64->D,
//    funcref/externref->I64. Multiple results use MIR's multiple return values.
//
//  array-call entry trampoline, one per function signature (mir_backend/trampolines):
//      void entry(void* wasm_call, void* callee_vmctx, void* caller_vmctx, ValRaw* values)
//    reads the params from values[0..n), calls `wasm_call`, writes results to values[0..m).
//
//  wasm-to-host exit trampoline, one per signature: a wasm-call function whose callee_vmctx is a
//  host function's context (VMHostContext below). It spills the params into a ValRaw buffer of
//  max(params, results) slots, calls RuntimeHelpers::call_host(callee_vmctx, caller_vmctx,
//  values, capacity) and returns the results read back from the buffer.

// A function reference: what `funcref` values, tables and imports point to. Stable address for
// the lifetime of the owning store.
struct VMFuncRef {
  void* wasm_call;     // wasm-call entry point (for host functions: the exit trampoline)
  void* vmctx;         // callee_vmctx to pass: the instance's VMContext or a VMHostContext
  uint32_t type_id;    // engine-wide canonical signature id (call_indirect compares this)
  uint32_t flags;      // kFuncRefHost when this is a host function
  void* array_entry;   // entry trampoline for this signature (wasm functions), or NULL
};
constexpr uint32_t kFuncRefHost = 1;

// First word of the callee_vmctx of a host function (the runtime extends it).
struct VMHostContext {
  uint64_t magic;  // kHostContextMagic
};
constexpr uint64_t kHostContextMagic = 0x74736f48636d7377ull;  // "wsmcHost"
constexpr uint64_t kVMContextMagic = 0x787463566d637377ull;    // "wsmcVctx"

// A linear memory. `base` never moves for the memory's lifetime: the runtime reserves the
// maximum up front (plus guard pages in guard-page mode) and only commits on grow. `length` is
// in bytes and changes on grow (also by other instances sharing an imported memory, so code in
// explicit-bounds-check mode reloads it after calls).
struct VMMemoryDef {
  uint8_t* base;
  uint64_t length;
};

// A table: `length` slots of 8 bytes: VMFuncRef* for funcref tables (NULL = null), the raw
// externref value for externref tables. `elements` may move on table.grow.
struct VMTableDef {
  uint64_t* elements;
  uint64_t length;
};

// A global: one 16-byte slot (ValRaw). Imported globals point into the exporter's storage.
struct VMGlobal {
  ValRaw value;
};

// Per-store limits, read by compiled code (Wasmtime's VMRuntimeLimits).
struct VMRuntimeLimits {
  uintptr_t stack_limit;      // function entry traps "call stack exhausted" below this address
  int64_t fuel_consumed;      // fuel: negative while fuel remains (issue: fuel)
  uint64_t epoch_deadline;    // epoch interruption deadline (issue: epochs)
  const uint64_t* epoch_ptr;  // the engine's epoch counter
};

// The per-instance context. JIT code receives it as `callee_vmctx`.
struct VMContext {
  uint64_t magic;               // kVMContextMagic
  VMRuntimeLimits* limits;      // the owning store's limits
  VMMemoryDef* memory0;         // memory 0 (own or imported), NULL if the module has none
  VMTableDef** tables;          // per table index (own or imported)
  VMGlobal** globals;           // per global index (own or imported)
  VMFuncRef** funcs;            // per function index (imports first); ref.func reads this
  const uint32_t* type_ids;     // canonical signature id per module type index
  void* instance;               // the runtime's Instance*, for helpers
  // Written by compiled code only: stores that keep otherwise unused loads alive (the
  // translator's "sinks") and float <-> integer bit moves. Never read by the runtime.
  uint64_t scratch;
};

// Offsets compiled code uses. The runtime static_asserts its structs against these.
namespace vmoff {
constexpr int kCtxLimits = offsetof(VMContext, limits);
constexpr int kCtxMemory0 = offsetof(VMContext, memory0);
constexpr int kCtxTables = offsetof(VMContext, tables);
constexpr int kCtxGlobals = offsetof(VMContext, globals);
constexpr int kCtxFuncs = offsetof(VMContext, funcs);
constexpr int kCtxTypeIds = offsetof(VMContext, type_ids);
constexpr int kCtxScratch = offsetof(VMContext, scratch);
constexpr int kMemBase = offsetof(VMMemoryDef, base);
constexpr int kMemLength = offsetof(VMMemoryDef, length);
constexpr int kTableElements = offsetof(VMTableDef, elements);
constexpr int kTableLength = offsetof(VMTableDef, length);
constexpr int kFuncRefWasmCall = offsetof(VMFuncRef, wasm_call);
constexpr int kFuncRefVmctx = offsetof(VMFuncRef, vmctx);
constexpr int kFuncRefTypeId = offsetof(VMFuncRef, type_id);
constexpr int kLimitsStackLimit = offsetof(VMRuntimeLimits, stack_limit);
constexpr int kLimitsFuel = offsetof(VMRuntimeLimits, fuel_consumed);
constexpr int kLimitsEpochDeadline = offsetof(VMRuntimeLimits, epoch_deadline);
constexpr int kLimitsEpochPtr = offsetof(VMRuntimeLimits, epoch_ptr);
}  // namespace vmoff

// Trap codes: the public WASMC_TRAP_* values, never renumbered.
enum class TrapCode : uint32_t {
  kNone = 0,
  kUnreachable = 1,           // "unreachable"
  kIntDivByZero = 2,          // "integer divide by zero"
  kIntOverflow = 3,           // "integer overflow"
  kBadConversion = 4,         // "invalid conversion to integer"
  kMemoryOutOfBounds = 5,     // "out of bounds memory access"
  kTableOutOfBounds = 6,      // "out of bounds table access" / "undefined element"
  kUninitializedElement = 7,  // "uninitialized element"
  kIndirectCallType = 8,      // "indirect call type mismatch"
  kStackExhausted = 9,        // "call stack exhausted"
  kHost = 10,                 // raised by a host function
  kOutOfFuel = 11,            // "all fuel consumed"
  kInterrupt = 12,            // "interrupt" (epoch deadline)
  kNullReference = 13,        // reserved
};
// OR-ed into the `trap` helper's code by call_indirect when the table index is out of bounds:
// the public code stays kTableOutOfBounds, the message becomes "undefined element" instead of
// "out of bounds table access" (the message for table.get/set and the bulk table ops).
constexpr uint32_t kTrapFlagUndefinedElement = 0x100;

// Runtime helpers that compiled code calls, as an X-macro:
//   V(name, C result type, (C params))
// `trap` never returns; `func_index` is the index of the trapping function (for the message).
// `epoch_interrupt` (runtime/limits.h): called when the epoch reached the cached deadline;
// returns the new deadline or traps.
// All take the caller's VMContext* first. Index arguments are u32 (zero-extended by the caller),
// refs and pointers are i64. Helpers that fail call the trap path and do not return.
// The runtime supplies the addresses in a RuntimeHelpers struct; the translator imports them
// by these names.
#define WASMC_RUNTIME_HELPERS(V)                                                    \
  V(trap, void, (void* vmctx, uint32_t code, uint32_t func_index))                                       \
  V(memory_grow, uint32_t, (void* vmctx, uint32_t mem, uint32_t delta))             \
  V(memory_fill, void, (void* vmctx, uint32_t mem, uint32_t dst, uint32_t val, uint32_t n)) \
  V(memory_copy, void,                                                              \
    (void* vmctx, uint32_t dst_mem, uint32_t src_mem, uint32_t dst, uint32_t src, uint32_t n)) \
  V(memory_init, void,                                                              \
    (void* vmctx, uint32_t mem, uint32_t data, uint32_t dst, uint32_t src, uint32_t n)) \
  V(data_drop, void, (void* vmctx, uint32_t data))                                  \
  V(table_get, uint64_t, (void* vmctx, uint32_t table, uint32_t index))             \
  V(table_set, void, (void* vmctx, uint32_t table, uint32_t index, uint64_t value)) \
  V(table_grow, uint32_t, (void* vmctx, uint32_t table, uint64_t init, uint32_t delta)) \
  V(table_fill, void,                                                               \
    (void* vmctx, uint32_t table, uint32_t dst, uint64_t value, uint32_t n))        \
  V(table_copy, void,                                                               \
    (void* vmctx, uint32_t dst_table, uint32_t src_table, uint32_t dst, uint32_t src, uint32_t n)) \
  V(table_init, void,                                                               \
    (void* vmctx, uint32_t table, uint32_t elem, uint32_t dst, uint32_t src, uint32_t n)) \
  V(elem_drop, void, (void* vmctx, uint32_t elem))                                  \
  V(call_host, void, (void* host_ctx, void* caller_vmctx, ValRaw* values, size_t capacity)) \
  V(epoch_interrupt, uint64_t, (void* vmctx, uint32_t func_index))

struct RuntimeHelpers {
#define WASMC_HELPER_FIELD(name, ret, params) ret(*name) params;
  WASMC_RUNTIME_HELPERS(WASMC_HELPER_FIELD)
#undef WASMC_HELPER_FIELD
};

}  // namespace wasmc

#endif  // WASMC_IR_VM_LAYOUT_H_
