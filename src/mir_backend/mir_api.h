// The MIR C API as wasmc uses it: includes mir.h/mir-gen.h and checks the ABI assumptions
// wasmc makes about them. Consumed by every file of mir_backend; produces no code.
#ifndef WASMC_MIR_BACKEND_MIR_API_H_
#define WASMC_MIR_BACKEND_MIR_API_H_

#include <cstddef>

#include "mir-gen.h"
#include "mir.h"

// mir-sys builds MIR with -mlong-double-64, wasmc does not. MIR_op_t contains a long double, so
// its alignment differs between the two (16 here, 8 in MIR) while size and field offsets agree.
// Never pass MIR_op_t through MIR's variadic functions (MIR_new_insn, MIR_new_call_insn,
// MIR_new_ret_insn): always use MIR_new_insn_arr. Never use long-double ops or types.
static_assert(sizeof(MIR_op_t) == 48, "MIR_op_t layout differs from mir-sys's build");
static_assert(offsetof(MIR_op_t, u) == 16, "MIR_op_t layout differs from mir-sys's build");
static_assert(offsetof(struct MIR_insn, ops) == 32, "MIR_insn layout differs from mir-sys's");

#endif  // WASMC_MIR_BACKEND_MIR_API_H_
