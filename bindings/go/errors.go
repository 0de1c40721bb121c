package wasmc

/*
#include "shim.h"
*/
import "C"

import (
	"fmt"
	"sync"
	"unsafe"
)

// ErrorCode is the category of an Error (the WASMC_ERR_* values of wasmc.h).
type ErrorCode uint32

// Error categories. The values are those of wasmc.h and never change.
const (
	ErrMalformed      ErrorCode = C.WASMC_ERR_MALFORMED      // not a well-formed Wasm binary
	ErrInvalid        ErrorCode = C.WASMC_ERR_INVALID        // decodes but does not validate
	ErrUnlinkable     ErrorCode = C.WASMC_ERR_UNLINKABLE     // an import is missing or mistyped
	ErrUninstantiable ErrorCode = C.WASMC_ERR_UNINSTANTIABLE // instantiation failed
	ErrResource       ErrorCode = C.WASMC_ERR_RESOURCE       // out of memory or a limit reached
	ErrMisuse         ErrorCode = C.WASMC_ERR_MISUSE         // wrong store, type, arity, handle
	ErrUnsupported    ErrorCode = C.WASMC_ERR_UNSUPPORTED    // a feature wasmc does not implement
	ErrInternal       ErrorCode = C.WASMC_ERR_INTERNAL       // a bug in wasmc
	ErrOutOfBounds    ErrorCode = C.WASMC_ERR_OUT_OF_BOUNDS  // a guest range past the memory's end
	ErrOverflow       ErrorCode = C.WASMC_ERR_OVERFLOW       // offset+length overflows 32 bits
	ErrMisaligned     ErrorCode = C.WASMC_ERR_MISALIGNED     // a guest offset is misaligned
	ErrBorrowed       ErrorCode = C.WASMC_ERR_BORROWED       // a conflicting memory borrow
	ErrInvalidUTF8    ErrorCode = C.WASMC_ERR_INVALID_UTF8   // guest bytes are not UTF-8
)

var errorCodeNames = map[ErrorCode]string{
	ErrMalformed: "malformed", ErrInvalid: "invalid", ErrUnlinkable: "unlinkable",
	ErrUninstantiable: "uninstantiable", ErrResource: "resource", ErrMisuse: "misuse",
	ErrUnsupported: "unsupported", ErrInternal: "internal", ErrOutOfBounds: "out of bounds",
	ErrOverflow: "overflow", ErrMisaligned: "misaligned", ErrBorrowed: "borrowed",
	ErrInvalidUTF8: "invalid utf-8",
}

func (c ErrorCode) String() string {
	if s, ok := errorCodeNames[c]; ok {
		return s
	}
	return fmt.Sprintf("error code %d", uint32(c))
}

// Error is a failure reported by wasmc (the call did not run, or did not complete): a
// category, a message and, for decode and validation errors, the byte offset in the module.
// Wasm traps are not Errors: they are reported as *Trap.
type Error struct {
	Code    ErrorCode
	Message string
	// Offset is the byte offset in the module of a decode or validation error, or -1.
	Offset int64
}

func (e *Error) Error() string {
	if e.Offset >= 0 {
		return fmt.Sprintf("wasmc: %s: %s (at byte offset %d)", e.Code, e.Message, e.Offset)
	}
	return fmt.Sprintf("wasmc: %s: %s", e.Code, e.Message)
}

// Is reports whether target is an *Error with the same Code, so that
// errors.Is(err, &wasmc.Error{Code: wasmc.ErrMisuse}) tests the category.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && (t.Message == "" || t.Message == e.Message)
}

// takeError converts and deletes a C error; nil for NULL.
func takeError(err *C.wasmc_error_t) error {
	if err == nil {
		return nil
	}
	e := &Error{
		Code:    ErrorCode(C.wasmc_error_code(err)),
		Message: C.GoString(C.wasmc_error_message(err)),
		Offset:  int64(C.gw_error_offset(err)),
	}
	C.wasmc_error_delete(err)
	return e
}

func misuse(format string, args ...any) error {
	return &Error{Code: ErrMisuse, Message: fmt.Sprintf(format, args...), Offset: -1}
}

// TrapCode says why Wasm execution stopped (the WASMC_TRAP_* values of wasmc.h).
type TrapCode uint32

// Trap codes. The values are those of wasmc.h and never change.
const (
	TrapUnreachable       TrapCode = C.WASMC_TRAP_UNREACHABLE
	TrapIntDivByZero      TrapCode = C.WASMC_TRAP_INT_DIV_BY_ZERO
	TrapIntOverflow       TrapCode = C.WASMC_TRAP_INT_OVERFLOW
	TrapBadConversion     TrapCode = C.WASMC_TRAP_BAD_CONVERSION
	TrapMemoryOutOfBounds TrapCode = C.WASMC_TRAP_MEMORY_OUT_OF_BOUNDS
	TrapTableOutOfBounds  TrapCode = C.WASMC_TRAP_TABLE_OUT_OF_BOUNDS
	TrapUninitialized     TrapCode = C.WASMC_TRAP_UNINITIALIZED_ELEMENT
	TrapIndirectCallType  TrapCode = C.WASMC_TRAP_INDIRECT_CALL_TYPE
	TrapStackExhausted    TrapCode = C.WASMC_TRAP_STACK_EXHAUSTED
	TrapHost              TrapCode = C.WASMC_TRAP_HOST
	TrapOutOfFuel         TrapCode = C.WASMC_TRAP_OUT_OF_FUEL
	TrapInterrupt         TrapCode = C.WASMC_TRAP_INTERRUPT
)

// Trap is an abnormal end of Wasm execution: a Wasm trap (division by zero, an out-of-bounds
// access, ...) or a trap raised by a host function. It implements error; calls that run Wasm
// code return it as their error. A Trap returned (or a panic raised) by a Go host function
// reaches the Go caller of the Wasm code as the same *Trap value.
type Trap struct {
	Code    TrapCode
	Message string
	// Cause is what a Go host function raised: the error it returned (WrapFunc), or the value
	// of the panic it raised. nil for Wasm traps.
	Cause any
}

// NewTrap returns a host trap with the given message, for host functions to return.
func NewTrap(message string) *Trap {
	return &Trap{Code: TrapHost, Message: message}
}

func (t *Trap) Error() string { return "wasm trap: " + t.Message }

// Unwrap returns Cause if it is an error, so that errors.Is and errors.As see through traps
// raised by host functions.
func (t *Trap) Unwrap() error {
	if err, ok := t.Cause.(error); ok {
		return err
	}
	return nil
}

// Host traps in flight: a *Trap returned by a Go host function becomes a C trap, which wasmc
// passes unchanged (same object) to the caller of the Wasm code. This table maps the C object
// back to the Go value, so the caller gets the *Trap the host returned (with its Cause).
var (
	pendingMu    sync.Mutex
	pendingTraps = map[uintptr]*Trap{}
)

// newCTrap makes the C trap for t and remembers t.
func newCTrap(t *Trap) *C.wasmc_trap_t {
	msg, n := cString(t.Message)
	ct := C.wasmc_trap_new(msg, n)
	C.free(unsafe.Pointer(msg))
	if ct == nil {
		return nil
	}
	pendingMu.Lock()
	pendingTraps[uintptr(unsafe.Pointer(ct))] = t
	pendingMu.Unlock()
	return ct
}

// takeTrap converts and deletes a C trap; nil for NULL.
func takeTrap(ct *C.wasmc_trap_t) *Trap {
	if ct == nil {
		return nil
	}
	code := TrapCode(C.wasmc_trap_code(ct))
	msg := C.GoString(C.wasmc_trap_message(ct))
	// Forget the address before the object is freed: another thread may get it next.
	key := uintptr(unsafe.Pointer(ct))
	pendingMu.Lock()
	t, ok := pendingTraps[key]
	delete(pendingTraps, key)
	pendingMu.Unlock()
	C.wasmc_trap_delete(ct)
	if ok && code == t.Code && msg == t.Message {
		return t
	}
	return &Trap{Code: code, Message: msg}
}

// outcome turns the three outcomes of a call that runs Wasm code into one error: nil, an
// *Error, or a *Trap.
func outcome(err *C.wasmc_error_t, trap *C.wasmc_trap_t) error {
	if err != nil {
		if trap != nil {
			takeTrap(trap)
		}
		return takeError(err)
	}
	if trap != nil {
		return takeTrap(trap)
	}
	return nil
}
