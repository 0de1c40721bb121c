package wasmc

/*
#include "shim.h"
*/
import "C"

import "runtime"

// Global is a global variable of a store (a handle, valid while the store lives).
type Global struct {
	h C.wasmc_global_t
}

// NewGlobal creates a global holding v (its kind is the global's kind).
func NewGlobal(store *Store, v Val, mutable bool) (*Global, error) {
	if err := storeNil(store); err != nil {
		return nil, err
	}
	r := C.gw_global_new(store.c(), v.toC(), C.bool(mutable))
	runtime.KeepAlive(store)
	if err := takeError(r.err); err != nil {
		return nil, err
	}
	return &Global{h: r.global}, nil
}

// Type returns the global's kind and mutability (false for a foreign handle or closed store).
func (g *Global) Type(store *Store) (kind ValKind, mutable bool, ok bool) {
	r := C.gw_global_type(store.c(), g.h)
	runtime.KeepAlive(store)
	return ValKind(r.kind), bool(r.mut), bool(r.ok)
}

// Get reads the global (false for a foreign handle or closed store).
func (g *Global) Get(store *Store) (Val, bool) {
	r := C.gw_global_get(store.c(), g.h)
	runtime.KeepAlive(store)
	if !r.ok {
		return Val{}, false
	}
	return valFromC(&r.val), true
}

// Set writes the global (ErrMisuse: immutable, wrong kind, foreign handle or value).
func (g *Global) Set(store *Store, v Val) error {
	err := takeError(C.gw_global_set(store.c(), g.h, v.toC()))
	runtime.KeepAlive(store)
	return err
}
