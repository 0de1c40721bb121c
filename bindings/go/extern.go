package wasmc

/*
#include "shim.h"
*/
import "C"

import "encoding/binary"

// Extern is an import or export value: a function, table, memory or global of a store.
type Extern struct {
	raw C.wasmc_extern_t
}

// AsExtern is implemented by the values that can be imported and exported: Extern, *Func,
// *Memory, *Table and *Global.
type AsExtern interface {
	AsExtern() Extern
}

// AsExtern returns e itself.
func (e Extern) AsExtern() Extern { return e }

// Kind returns what e is.
func (e Extern) Kind() ExternKind { return ExternKind(e.raw.kind) }

// handle decodes the union's {store_id, index}.
func (e Extern) handle() (C.uint64_t, C.size_t) {
	b := e.raw.of[:]
	return C.uint64_t(binary.NativeEndian.Uint64(b[:8])), C.size_t(binary.NativeEndian.Uint64(b[8:]))
}

func externOf(kind ExternKind, id C.uint64_t, index C.size_t) Extern {
	var e Extern
	e.raw.kind = C.wasmc_externkind_t(kind)
	b := e.raw.of[:]
	binary.NativeEndian.PutUint64(b[:8], uint64(id))
	binary.NativeEndian.PutUint64(b[8:], uint64(index))
	return e
}

// Func returns the function, or nil if e is not a function.
func (e Extern) Func() *Func {
	if e.Kind() != ExternFunc {
		return nil
	}
	id, index := e.handle()
	return &Func{h: C.wasmc_func_t{store_id: id, index: index}}
}

// Memory returns the memory, or nil if e is not a memory.
func (e Extern) Memory() *Memory {
	if e.Kind() != ExternMemory {
		return nil
	}
	id, index := e.handle()
	return &Memory{h: C.wasmc_memory_t{store_id: id, index: index}}
}

// Table returns the table, or nil if e is not a table.
func (e Extern) Table() *Table {
	if e.Kind() != ExternTable {
		return nil
	}
	id, index := e.handle()
	return &Table{h: C.wasmc_table_t{store_id: id, index: index}}
}

// Global returns the global, or nil if e is not a global.
func (e Extern) Global() *Global {
	if e.Kind() != ExternGlobal {
		return nil
	}
	id, index := e.handle()
	return &Global{h: C.wasmc_global_t{store_id: id, index: index}}
}

// AsExtern wraps the function as an Extern.
func (f *Func) AsExtern() Extern { return externOf(ExternFunc, f.h.store_id, f.h.index) }

// AsExtern wraps the memory as an Extern.
func (m *Memory) AsExtern() Extern { return externOf(ExternMemory, m.h.store_id, m.h.index) }

// AsExtern wraps the table as an Extern.
func (t *Table) AsExtern() Extern { return externOf(ExternTable, t.h.store_id, t.h.index) }

// AsExtern wraps the global as an Extern.
func (g *Global) AsExtern() Extern { return externOf(ExternGlobal, g.h.store_id, g.h.index) }
