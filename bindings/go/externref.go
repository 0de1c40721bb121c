package wasmc

/*
#include "shim.h"
*/
import "C"

import "runtime"

// NewExternRef returns a non-null externref value of store carrying the Go value v. v is kept
// (in a table, by integer id) until the store is closed; Wasm code can only pass it around.
func NewExternRef(store *Store, v any) (Val, error) {
	if err := storeNil(store); err != nil {
		return Val{}, err
	}
	id := newHandle(externData{v})
	r := C.gw_externref_new(store.c(), C.uintptr_t(id))
	runtime.KeepAlive(store)
	if err := takeError(r.err); err != nil {
		releaseHandle(id)
		return Val{}, err
	}
	return Val{kind: KindExternref, lo: uint64(r.ref.store_id), hi: uint64(r.ref.index)}, nil
}

type externData struct{ v any }

// ExternRef returns the Go value carried by an externref of store (nil for null, a foreign
// value, or an externref not made by NewExternRef). It panics if v is not an externref.
func (v Val) ExternRef(store *Store) any {
	v.must(KindExternref)
	if v.lo == 0 {
		return nil
	}
	id := C.gw_externref_data(store.c(), C.wasmc_externref_t{store_id: C.uint64_t(v.lo), index: C.size_t(v.hi)})
	runtime.KeepAlive(store)
	if d, ok := lookupHandle(uintptr(id)).(externData); ok {
		return d.v
	}
	return nil
}
