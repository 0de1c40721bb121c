package wasmc

/*
#include "shim.h"
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Linker is a name space of definitions (module.name -> extern) that resolves a module's
// imports by name. It belongs to an engine and may hold definitions of several stores;
// instantiating in a store uses that store's definitions. By default, defining a name twice
// is ErrMisuse (see AllowShadowing). A Linker is not safe for concurrent use.
type Linker struct {
	ptr *C.wasmc_linker_t
}

// NewLinker returns an empty linker for modules of engine.
func NewLinker(engine *Engine) (*Linker, error) {
	var l *Linker
	err := engine.use(func(e *C.wasmc_engine_t) error {
		r := C.gw_linker_new(e)
		if err := takeError(r.err); err != nil {
			return err
		}
		l = &Linker{ptr: (*C.wasmc_linker_t)(r.ptr)}
		runtime.SetFinalizer(l, (*Linker).Close)
		return nil
	})
	return l, err
}

// Close frees the linker; the externs it named stay in their stores. Idempotent.
func (l *Linker) Close() {
	if l.ptr != nil {
		C.wasmc_linker_delete(l.ptr)
		l.ptr = nil
		runtime.SetFinalizer(l, nil)
	}
}

// AllowShadowing allows (true) or forbids (false, the default) redefining a name.
func (l *Linker) AllowShadowing(allow bool) {
	C.wasmc_linker_allow_shadowing(l.ptr, C.bool(allow))
	runtime.KeepAlive(l)
}

// names copies two strings into one C allocation for the duration of f.
func withNames(module, name string, f func(m *C.char, ml C.size_t, n *C.char, nl C.size_t)) {
	buf := (*C.char)(C.malloc(C.size_t(len(module) + len(name) + 1)))
	defer C.free(unsafe.Pointer(buf))
	b := unsafe.Slice((*byte)(unsafe.Pointer(buf)), len(module)+len(name)+1)
	copy(b, module)
	copy(b[len(module):], name)
	f(buf, C.size_t(len(module)), (*C.char)(unsafe.Add(unsafe.Pointer(buf), len(module))), C.size_t(len(name)))
}

// Define defines module.name as item, an extern of store.
func (l *Linker) Define(store *Store, module, name string, item AsExtern) error {
	if item == nil {
		return misuse("item is nil")
	}
	ext := item.AsExtern().raw
	var err error
	withNames(module, name, func(m *C.char, ml C.size_t, n *C.char, nl C.size_t) {
		err = takeError(C.gw_linker_define(l.ptr, store.c(), m, ml, n, nl, ext))
	})
	runtime.KeepAlive(store)
	runtime.KeepAlive(l)
	return err
}

// DefineFunc creates a host function in store (as NewFunc) and defines it as module.name.
func (l *Linker) DefineFunc(store *Store, module, name string, ty *FuncType, fn HostFunc) error {
	if err := storeNil(store); err != nil {
		return err
	}
	if fn == nil {
		return misuse("host function is nil")
	}
	ct, err := ty.toC()
	if err != nil {
		return err
	}
	defer C.wasmc_functype_delete(ct)
	id := newHandle(&hostFunc{ty: NewFuncType(ty.Params, ty.Results), fn: fn})
	withNames(module, name, func(m *C.char, ml C.size_t, n *C.char, nl C.size_t) {
		err = takeError(C.gw_linker_define_func(l.ptr, store.c(), m, ml, n, nl, ct, C.uintptr_t(id)))
	})
	runtime.KeepAlive(store)
	runtime.KeepAlive(l)
	if err != nil {
		releaseHandle(id) // on error the finalizer is not run
	}
	return err
}

// FuncWrap wraps fn as WrapFunc does and defines it as module.name.
func (l *Linker) FuncWrap(store *Store, module, name string, fn any) error {
	ty, hf, err := wrap(fn)
	if err != nil {
		return err
	}
	return l.DefineFunc(store, module, name, ty, hf)
}

// DefineInstance defines every export of inst as name.export (all or nothing).
func (l *Linker) DefineInstance(store *Store, name string, inst *Instance) error {
	if inst == nil {
		return misuse("instance is nil")
	}
	var err error
	withNames(name, "", func(m *C.char, ml C.size_t, _ *C.char, _ C.size_t) {
		err = takeError(C.gw_linker_define_instance(l.ptr, store.c(), m, ml, inst.h))
	})
	runtime.KeepAlive(store)
	runtime.KeepAlive(l)
	return err
}

// Get looks up module.name among the definitions of store.
func (l *Linker) Get(store *Store, module, name string) (Extern, bool) {
	var r C.gw_extern_result
	withNames(module, name, func(m *C.char, ml C.size_t, n *C.char, nl C.size_t) {
		r = C.gw_linker_get(l.ptr, store.c(), m, ml, n, nl)
	})
	runtime.KeepAlive(store)
	runtime.KeepAlive(l)
	return Extern{raw: r.ext}, bool(r.ok)
}

// Instantiate instantiates module in store, resolving each import by name. The error is an
// *Error (ErrUnlinkable "unknown import: `env`.`f`" or "incompatible import type ...") or a
// *Trap from a segment or the start function.
func (l *Linker) Instantiate(store *Store, module *Module) (*Instance, error) {
	if err := storeNil(store); err != nil {
		return nil, err
	}
	var inst *Instance
	err := module.use(func(m *C.wasmc_module_t) error {
		s := store.enter()
		defer store.leave()
		r := C.gw_linker_instantiate(l.ptr, s, m)
		if err := outcome(r.err, r.trap); err != nil {
			return err
		}
		inst = &Instance{h: r.instance}
		return nil
	})
	runtime.KeepAlive(l)
	return inst, err
}
