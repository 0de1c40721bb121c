package wasmc

/*
#include "shim.h"
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Instance is an instantiated module: a handle in its store, valid while the store lives.
type Instance struct {
	h C.wasmc_instance_t
}

// NewInstance instantiates module in store with one extern per import, in the module's import
// order (see Module.Imports; Linker resolves imports by name instead). The error is an *Error
// (e.g. ErrUnlinkable for a mistyped import) or a *Trap when a segment initialisation or the
// start function traps.
func NewInstance(store *Store, module *Module, imports []AsExtern) (*Instance, error) {
	if err := storeNil(store); err != nil {
		return nil, err
	}
	var inst *Instance
	err := module.use(func(m *C.wasmc_module_t) error {
		var arr *C.wasmc_extern_t
		if len(imports) > 0 {
			arr = (*C.wasmc_extern_t)(C.malloc(C.size_t(len(imports)) * C.sizeof_wasmc_extern_t))
			defer C.free(unsafe.Pointer(arr))
			slots := unsafe.Slice(arr, len(imports))
			for i, imp := range imports {
				if imp == nil {
					return misuse("import %d is nil", i)
				}
				slots[i] = imp.AsExtern().raw
			}
		}
		s := store.enter()
		defer store.leave()
		r := C.gw_instance_new(s, m, arr, C.size_t(len(imports)))
		if err := outcome(r.err, r.trap); err != nil {
			return err
		}
		inst = &Instance{h: r.instance}
		return nil
	})
	runtime.KeepAlive(store)
	return inst, err
}

// GetExport looks up an export by name.
func (i *Instance) GetExport(store *Store, name string) (Extern, bool) {
	cname, n := cString(name)
	defer cFree(unsafe.Pointer(cname))
	r := C.gw_instance_export_get(store.c(), i.h, cname, n)
	runtime.KeepAlive(store)
	return Extern{raw: r.ext}, bool(r.ok)
}

// GetFunc returns the exported function name, or nil if there is no such function export.
func (i *Instance) GetFunc(store *Store, name string) *Func {
	e, ok := i.GetExport(store, name)
	if !ok {
		return nil
	}
	return e.Func()
}

// GetMemory returns the exported memory name, or nil.
func (i *Instance) GetMemory(store *Store, name string) *Memory {
	e, ok := i.GetExport(store, name)
	if !ok {
		return nil
	}
	return e.Memory()
}

// GetTable returns the exported table name, or nil.
func (i *Instance) GetTable(store *Store, name string) *Table {
	e, ok := i.GetExport(store, name)
	if !ok {
		return nil
	}
	return e.Table()
}

// GetGlobal returns the exported global name, or nil.
func (i *Instance) GetGlobal(store *Store, name string) *Global {
	e, ok := i.GetExport(store, name)
	if !ok {
		return nil
	}
	return e.Global()
}

// NamedExtern is an export of an instance.
type NamedExtern struct {
	Name   string
	Extern Extern
}

// Exports lists the instance's exports in module order (nil for a foreign handle).
func (i *Instance) Exports(store *Store) []NamedExtern {
	s := store.c()
	n := int(C.gw_instance_export_count(s, i.h))
	out := make([]NamedExtern, 0, n)
	for k := 0; k < n; k++ {
		r := C.gw_instance_export_nth(s, i.h, C.size_t(k))
		if !r.ok {
			break
		}
		out = append(out, NamedExtern{Name: goString(r.name, r.name_len), Extern: Extern{raw: r.ext}})
	}
	runtime.KeepAlive(store)
	return out
}
