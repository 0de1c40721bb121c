package wasmc

/*
#include "shim.h"
*/
import "C"

import (
	"runtime"
	"sync"
)

// Module is a compiled module. It is immutable and safe for concurrent use; instances keep
// its code alive, so it may be closed once it is no longer needed for new instances.
type Module struct {
	mu  sync.RWMutex
	ptr *C.wasmc_module_t
}

// withBytes copies wasm into C memory for the duration of f.
func withBytes(wasm []byte, f func(*C.uint8_t, C.size_t)) {
	if len(wasm) == 0 {
		f(nil, 0)
		return
	}
	p := C.CBytes(wasm)
	defer C.free(p)
	f((*C.uint8_t)(p), C.size_t(len(wasm)))
}

// ValidateModule checks that wasm is a valid Wasm 2.0 module without compiling it; the error
// is an *Error with ErrMalformed or ErrInvalid and the byte offset of the problem.
func ValidateModule(engine *Engine, wasm []byte) error {
	return engine.use(func(e *C.wasmc_engine_t) error {
		var err error
		withBytes(wasm, func(p *C.uint8_t, n C.size_t) {
			err = takeError(C.wasmc_module_validate(e, p, n))
		})
		return err
	})
}

// NewModule decodes, validates and compiles a module. Safe to call concurrently.
func NewModule(engine *Engine, wasm []byte) (*Module, error) {
	var m *Module
	err := engine.use(func(e *C.wasmc_engine_t) error {
		var r C.gw_ptr_result
		withBytes(wasm, func(p *C.uint8_t, n C.size_t) { r = C.gw_module_new(e, p, n) })
		if err := takeError(r.err); err != nil {
			return err
		}
		m = &Module{ptr: (*C.wasmc_module_t)(r.ptr)}
		runtime.SetFinalizer(m, (*Module).Close)
		return nil
	})
	return m, err
}

// Close releases the module. Instances made from it keep working. Idempotent.
func (m *Module) Close() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ptr != nil {
		C.wasmc_module_delete(m.ptr)
		m.ptr = nil
		runtime.SetFinalizer(m, nil)
	}
}

func (m *Module) use(f func(*C.wasmc_module_t) error) error {
	if m == nil {
		return misuse("module is nil")
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.ptr == nil {
		return misuse("module is closed")
	}
	return f(m.ptr)
}

// Imports lists the module's imports in order (nil for a closed module).
func (m *Module) Imports() []ImportType {
	var out []ImportType
	_ = m.use(func(p *C.wasmc_module_t) error {
		n := int(C.wasmc_module_import_count(p))
		out = make([]ImportType, 0, n)
		for i := 0; i < n; i++ {
			r := C.gw_module_import(p, C.size_t(i))
			if err := takeError(r.err); err != nil {
				return err
			}
			out = append(out, ImportType{
				Module: goString(r.module, r.module_len),
				Name:   goString(r.name, r.name_len),
				Type:   externTypeFromC(r._type),
			})
		}
		return nil
	})
	return out
}

// Exports lists the module's exports in order (nil for a closed module).
func (m *Module) Exports() []ExportType {
	var out []ExportType
	_ = m.use(func(p *C.wasmc_module_t) error {
		n := int(C.wasmc_module_export_count(p))
		out = make([]ExportType, 0, n)
		for i := 0; i < n; i++ {
			r := C.gw_module_export(p, C.size_t(i))
			if err := takeError(r.err); err != nil {
				return err
			}
			out = append(out, ExportType{Name: goString(r.name, r.name_len), Type: externTypeFromC(r._type)})
		}
		return nil
	})
	return out
}
