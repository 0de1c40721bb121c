package wasmc

/*
#include "shim.h"
*/
import "C"

import (
	"fmt"
	"runtime"
	"unsafe"
)

// Func is a function of a store: a Wasm function or a host function. It is a handle, valid
// while its store lives; two *Func values may denote the same function.
type Func struct {
	h  C.wasmc_func_t
	ty *FuncType // cached by Type; a function's type never changes
}

// HostFunc is the Go signature of host functions: it receives the arguments (as many and of
// the kinds of the function type's params) and returns the results (as many and of the kinds
// of its results), or a trap. A panic is recovered and becomes a trap (Trap.Cause holds the
// panic value); the store stays usable. runtime.Goexit (and so t.FailNow) must not be called
// in a host function: it would unwind through C frames.
type HostFunc func(caller *Caller, args []Val) ([]Val, *Trap)

// hostFunc is a handle-table entry: what a host function's id stands for.
type hostFunc struct {
	ty *FuncType
	fn HostFunc
}

// NewFunc creates a host function in store that calls fn. The closure is kept (in a table,
// by integer id) until the store is closed.
func NewFunc(store *Store, ty *FuncType, fn HostFunc) (*Func, error) {
	if err := storeNil(store); err != nil {
		return nil, err
	}
	if fn == nil {
		return nil, misuse("host function is nil")
	}
	ct, err := ty.toC()
	if err != nil {
		return nil, err
	}
	defer C.wasmc_functype_delete(ct)
	ty = NewFuncType(ty.Params, ty.Results)
	id := newHandle(&hostFunc{ty: ty, fn: fn})
	r := C.gw_func_new(store.c(), ct, C.uintptr_t(id))
	runtime.KeepAlive(store)
	if err := takeError(r.err); err != nil {
		releaseHandle(id) // on error the finalizer is not run
		return nil, err
	}
	return &Func{h: r._func, ty: ty}, nil
}

// Type returns the function's type.
func (f *Func) Type(store *Store) (*FuncType, error) {
	if f.ty != nil {
		return f.ty, nil
	}
	ct := C.gw_func_type(store.c(), f.h)
	runtime.KeepAlive(store)
	if ct == nil {
		return nil, misuse("invalid or foreign function handle")
	}
	defer C.wasmc_functype_delete(ct)
	f.ty = funcTypeFromC(ct)
	return f.ty, nil
}

// Call calls the function with args, which must match its parameter kinds. It returns the
// results, or an error: an *Error when the call could not be made (wrong arguments, foreign
// handle, ErrBorrowed), a *Trap when the function trapped. May be called from a host function
// of the same store (re-entrance).
//
// The call runs on the calling goroutine's OS thread, which cgo keeps for the whole call,
// including the Go host functions it calls back (the per-thread call records of wasmc's trap
// handling are therefore consistent without runtime.LockOSThread).
func (f *Func) Call(store *Store, args ...Val) ([]Val, error) {
	if err := storeNil(store); err != nil {
		return nil, err
	}
	ty, err := f.Type(store)
	if err != nil {
		return nil, err
	}
	nargs, nres := len(args), len(ty.Results)
	var buf *C.wasmc_val_t
	if nargs+nres > 0 {
		buf = (*C.wasmc_val_t)(C.malloc(C.size_t(nargs+nres) * C.sizeof_wasmc_val_t))
		defer C.free(unsafe.Pointer(buf))
	}
	slots := unsafe.Slice(buf, nargs+nres)
	for i, a := range args {
		slots[i] = a.toC()
	}
	var argp, resp *C.wasmc_val_t
	if nargs > 0 {
		argp = &slots[0]
	}
	if nres > 0 {
		resp = &slots[nargs]
	}
	s := store.enter()
	r := C.gw_func_call(s, f.h, argp, C.size_t(nargs), resp, C.size_t(nres))
	store.leave()
	if err := outcome(r.err, r.trap); err != nil {
		return nil, err
	}
	results := make([]Val, nres)
	for i := range results {
		results[i] = valFromC(&slots[nargs+i])
	}
	return results, nil
}

// Caller is the context of a host function call; valid only during the call.
type Caller struct {
	ptr   *C.wasmc_caller_t
	store *Store
}

// Store returns the store the host function runs in (the same *Store the Wasm code was called
// through). The host function may use it for any call, including calls back into Wasm.
func (c *Caller) Store() *Store { return c.store }

// GetExport looks up an export of the instance whose Wasm code called the host function
// (typically "memory"). It reports false when there is none, when the caller is no longer
// valid, or when the host function was called from Go (Func.Call) rather than from Wasm.
func (c *Caller) GetExport(name string) (Extern, bool) {
	if c == nil || c.ptr == nil {
		return Extern{}, false
	}
	cname, n := cString(name)
	defer cFree(unsafe.Pointer(cname))
	r := C.gw_caller_export_get(c.ptr, cname, n)
	return Extern{raw: r.ext}, bool(r.ok)
}

// Memory returns the caller instance's exported memory name, or nil.
func (c *Caller) Memory(name string) *Memory {
	e, ok := c.GetExport(name)
	if !ok {
		return nil
	}
	return e.Memory()
}

// wasmcGoHostCall is the callback of every Go host function (through gw_trampoline). It
// never lets a Go panic unwind into C: a panic becomes a host trap.
//
//export wasmcGoHostCall
func wasmcGoHostCall(id C.uintptr_t, caller *C.wasmc_caller_t, vals *C.wasmc_val_raw_t, capacity C.size_t) (trap *C.wasmc_trap_t) {
	c := &Caller{ptr: caller}
	defer func() {
		c.ptr = nil
		if r := recover(); r != nil {
			trap = newCTrap(&Trap{Code: TrapHost, Message: fmt.Sprintf("panic in host function: %v", r), Cause: r})
		}
	}()
	hf, ok := lookupHandle(uintptr(id)).(*hostFunc)
	if !ok {
		return newCTrap(NewTrap("wasmc: unknown host function"))
	}
	cstore := C.wasmc_caller_store(caller)
	c.store = storeOf(cstore)
	slots := unsafe.Slice(vals, int(capacity))
	args := make([]Val, len(hf.ty.Params))
	for i, k := range hf.ty.Params {
		args[i] = valFromRaw(cstore, k, &slots[i])
	}
	results, t := hf.fn(c, args)
	if t != nil {
		return newCTrap(t)
	}
	if len(results) != len(hf.ty.Results) {
		return newCTrap(NewTrap(fmt.Sprintf("host function returned %d results, its type %s has %d",
			len(results), hf.ty, len(hf.ty.Results))))
	}
	for i, k := range hf.ty.Results {
		if results[i].kind != k {
			return newCTrap(NewTrap(fmt.Sprintf("host function result %d is %s, its type %s wants %s",
				i, results[i].kind, hf.ty, k)))
		}
	}
	for i, v := range results {
		if !v.toRaw(cstore, &slots[i]) {
			return newCTrap(NewTrap(fmt.Sprintf("host function result %d is a reference of another store", i)))
		}
	}
	return nil
}

// wasmcGoRelease is the finalizer of host functions and externrefs: wasmc calls it exactly
// once, when the owning store is deleted.
//
//export wasmcGoRelease
func wasmcGoRelease(id C.uintptr_t) {
	releaseHandle(uintptr(id))
}
