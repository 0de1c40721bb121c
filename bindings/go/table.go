package wasmc

/*
#include "shim.h"
*/
import "C"

import "runtime"

// Table is a table of references of a store (a handle, valid while the store lives).
type Table struct {
	h C.wasmc_table_t
}

// NewTable creates a table of elem (KindFuncref or KindExternref) with the given limits,
// every element set to init (a value of elem, possibly null).
func NewTable(store *Store, elem ValKind, limits Limits, init Val) (*Table, error) {
	if err := storeNil(store); err != nil {
		return nil, err
	}
	r := C.gw_table_new(store.c(), C.wasmc_valkind_t(elem), limits.toC(), init.toC())
	runtime.KeepAlive(store)
	if err := takeError(r.err); err != nil {
		return nil, err
	}
	return &Table{h: r.table}, nil
}

// Type returns the element kind and limits (false for a foreign handle or closed store).
func (t *Table) Type(store *Store) (ValKind, Limits, bool) {
	r := C.gw_table_type(store.c(), t.h)
	runtime.KeepAlive(store)
	return ValKind(r.kind), limitsFromC(r.limits), bool(r.ok)
}

// Size returns the number of elements (0 for a foreign handle).
func (t *Table) Size(store *Store) uint64 {
	n := C.gw_table_size(store.c(), t.h)
	runtime.KeepAlive(store)
	return uint64(n)
}

// Get reads element index (false if out of bounds or a foreign handle).
func (t *Table) Get(store *Store, index uint64) (Val, bool) {
	r := C.gw_table_get(store.c(), t.h, C.uint64_t(index))
	runtime.KeepAlive(store)
	if !r.ok {
		return Val{}, false
	}
	return valFromC(&r.val), true
}

// Set writes element index (ErrMisuse: out of bounds, wrong kind, foreign value or handle).
func (t *Table) Set(store *Store, index uint64, v Val) error {
	err := takeError(C.gw_table_set(store.c(), t.h, C.uint64_t(index), v.toC()))
	runtime.KeepAlive(store)
	return err
}

// Grow adds delta elements set to init and returns the previous size (ErrResource past the
// maximum).
func (t *Table) Grow(store *Store, delta uint64, init Val) (uint64, error) {
	r := C.gw_table_grow(store.c(), t.h, C.uint64_t(delta), init.toC())
	runtime.KeepAlive(store)
	if err := takeError(r.err); err != nil {
		return 0, err
	}
	return uint64(r.value), nil
}
