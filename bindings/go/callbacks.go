package wasmc

/*
#include "shim.h"
*/
import "C"

import (
	"fmt"
	"runtime"
)

// EpochDeadlineFunc is called, on the store's goroutine, when Wasm code of the store reaches
// its epoch deadline. Return the number of epoch ticks after the current one at which to call
// again (0: at the next check) to let the code continue, or a trap to stop it (the trap
// reaches the caller of the Wasm code as the same value). A panic is recovered and becomes a
// trap.
type EpochDeadlineFunc func(store *Store) (delta uint64, trap *Trap)

// SetEpochDeadlineCallback installs fn to be called at the epoch deadline instead of trapping
// with TrapInterrupt (nil: remove it, the default behaviour). The engine must have epoch
// interruption (Config.SetEpochInterruption).
func (s *Store) SetEpochDeadlineCallback(fn EpochDeadlineFunc) error {
	return s.setCallback(fn == nil, fn, func(p *C.wasmc_store_t, id uintptr) *C.wasmc_error_t {
		return C.gw_store_epoch_callback_set(p, C.uintptr_t(id))
	})
}

// ResourceKind says what a LimiterFunc is asked about.
type ResourceKind uint8

// Resource kinds (WASMC_RESOURCE_* of wasmc.h).
const (
	ResourceMemory ResourceKind = C.WASMC_RESOURCE_MEMORY // sizes in bytes
	ResourceTable  ResourceKind = C.WASMC_RESOURCE_TABLE  // sizes in elements
)

// LimiterFunc is asked before a memory or table of the store grows from current to desired
// (bytes or elements), including at its creation; return false to refuse (memory.grow then
// returns -1 to Wasm; Memory.Grow reports ErrResource). It runs on the store's goroutine,
// possibly from inside Wasm code, and must not use the store. A panic refuses the growth.
type LimiterFunc func(kind ResourceKind, current, desired uint64) bool

// SetLimiter installs fn (nil: remove it). It adds to the static limits of SetLimits.
func (s *Store) SetLimiter(fn LimiterFunc) error {
	return s.setCallback(fn == nil, fn, func(p *C.wasmc_store_t, id uintptr) *C.wasmc_error_t {
		return C.gw_store_limiter_callback_set(p, C.uintptr_t(id))
	})
}

// setCallback registers fn in the handle table (wasmc releases it when the callback is
// replaced or the store is deleted) and installs it with set.
func (s *Store) setCallback(remove bool, fn any, set func(*C.wasmc_store_t, uintptr) *C.wasmc_error_t) error {
	if err := storeNil(s); err != nil {
		return err
	}
	var id uintptr
	if !remove {
		id = newHandle(fn)
	}
	err := takeError(set(s.c(), id))
	runtime.KeepAlive(s)
	if err != nil && id != 0 {
		releaseHandle(id) // on error the finalizer is not run
	}
	return err
}

//export wasmcGoEpochDeadline
func wasmcGoEpochDeadline(id C.uintptr_t, store *C.wasmc_store_t, deltaOut *C.uint64_t) (trap *C.wasmc_trap_t) {
	defer func() {
		if r := recover(); r != nil {
			trap = newCTrap(&Trap{Code: TrapHost, Message: fmt.Sprintf("panic in epoch deadline callback: %v", r), Cause: r})
		}
	}()
	fn, ok := lookupHandle(uintptr(id)).(EpochDeadlineFunc)
	if !ok {
		return newCTrap(NewTrap("wasmc: unknown epoch deadline callback"))
	}
	delta, t := fn(storeOf(store))
	if t != nil {
		return newCTrap(t)
	}
	*deltaOut = C.uint64_t(delta)
	return nil
}

//export wasmcGoLimiter
func wasmcGoLimiter(id C.uintptr_t, kind C.wasmc_resource_kind_t, current, desired C.uint64_t) (allow C.bool) {
	defer func() {
		if r := recover(); r != nil {
			allow = false
		}
	}()
	fn, ok := lookupHandle(uintptr(id)).(LimiterFunc)
	if !ok {
		return false
	}
	return C.bool(fn(ResourceKind(kind), uint64(current), uint64(desired)))
}
