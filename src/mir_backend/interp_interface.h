// MIR's interpreter as the testing-only execution mode (CompileOptions::interpret): the
// interface to pass to MIR_link instead of MIR_set_interp_interface.
//
// Why not MIR_set_interp_interface: mir-sys builds MIR with -mlong-double-64 (mir_api.h), so
// MIR's interpreter works with 8-byte MIR_val_t slots, but the x86-64 interpreter shim
// (_MIR_get_interp_shim in mir-x86_64.c) reads a function's results from 16-byte slots
// (`offset += 16`). Functions with one result are unaffected (slot 0 is at offset 0); a
// function with 2..4 results returned in registers (wasm_call_abi.h) hands its caller garbage
// in every result but the first. This interface uses MIR's shim with a handler of our own that
// runs the function with MIR_interp_arr (8-byte slots) and copies the results to the 16-byte
// slots the shim reads.
#ifndef WASMC_MIR_BACKEND_INTERP_INTERFACE_H_
#define WASMC_MIR_BACKEND_INTERP_INTERFACE_H_

#include "mir_backend/mir_api.h"

namespace wasmc {

// A MIR_link set_interface callback: redirects `item`'s thunk to MIR's interpreter (NULL, the
// end of linking, does nothing). x86-64 only, like the rest of the interpreter mode.
void SetInterpInterface(MIR_context_t ctx, MIR_item_t item);

}  // namespace wasmc

#endif  // WASMC_MIR_BACKEND_INTERP_INTERFACE_H_
