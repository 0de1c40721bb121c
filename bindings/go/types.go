package wasmc

/*
#include "shim.h"
*/
import "C"

import (
	"fmt"
	"strings"
	"unsafe"
)

// ValKind is the kind of a Wasm value.
type ValKind uint8

// Value kinds (the WASMC_I32 ... values of wasmc.h).
const (
	KindI32       ValKind = C.WASMC_I32
	KindI64       ValKind = C.WASMC_I64
	KindF32       ValKind = C.WASMC_F32
	KindF64       ValKind = C.WASMC_F64
	KindV128      ValKind = C.WASMC_V128
	KindFuncref   ValKind = C.WASMC_FUNCREF
	KindExternref ValKind = C.WASMC_EXTERNREF
)

func (k ValKind) String() string {
	switch k {
	case KindI32:
		return "i32"
	case KindI64:
		return "i64"
	case KindF32:
		return "f32"
	case KindF64:
		return "f64"
	case KindV128:
		return "v128"
	case KindFuncref:
		return "funcref"
	case KindExternref:
		return "externref"
	}
	return fmt.Sprintf("valkind(%d)", uint8(k))
}

// FuncType is a function type: parameter and result kinds. It is a plain Go value.
type FuncType struct {
	Params  []ValKind
	Results []ValKind
}

// NewFuncType returns the function type (params) -> (results).
func NewFuncType(params, results []ValKind) *FuncType {
	return &FuncType{Params: append([]ValKind(nil), params...), Results: append([]ValKind(nil), results...)}
}

func (t *FuncType) String() string {
	join := func(ks []ValKind) string {
		s := make([]string, len(ks))
		for i, k := range ks {
			s[i] = k.String()
		}
		return strings.Join(s, ", ")
	}
	return "(" + join(t.Params) + ") -> (" + join(t.Results) + ")"
}

// toC makes a C functype (delete with wasmc_functype_delete).
func (t *FuncType) toC() (*C.wasmc_functype_t, error) {
	if t == nil {
		return nil, misuse("function type is nil")
	}
	n := len(t.Params) + len(t.Results)
	buf := (*C.wasmc_valkind_t)(C.malloc(C.size_t(n + 1)))
	defer C.free(unsafe.Pointer(buf))
	kinds := unsafe.Slice(buf, n+1)
	for i, k := range t.Params {
		kinds[i] = C.wasmc_valkind_t(k)
	}
	for i, k := range t.Results {
		kinds[len(t.Params)+i] = C.wasmc_valkind_t(k)
	}
	ct := C.wasmc_functype_new(&kinds[0], C.size_t(len(t.Params)), &kinds[len(t.Params)],
		C.size_t(len(t.Results)))
	if ct == nil {
		return nil, misuse("invalid function type %s", t)
	}
	return ct, nil
}

// funcTypeFromC copies a C functype (borrowed).
func funcTypeFromC(ct *C.wasmc_functype_t) *FuncType {
	kinds := func(r C.gw_kinds) []ValKind {
		out := make([]ValKind, int(r.n))
		if r.n > 0 {
			for i, k := range unsafe.Slice(r.kinds, int(r.n)) {
				out[i] = ValKind(k)
			}
		}
		return out
	}
	return &FuncType{Params: kinds(C.gw_functype_params(ct)), Results: kinds(C.gw_functype_results(ct))}
}

// Limits of a memory (in 64 KiB pages) or a table (in elements).
type Limits struct {
	Min    uint64
	Max    uint64 // meaningful only if HasMax
	HasMax bool
}

func (l Limits) toC() C.wasmc_limits_t {
	return C.wasmc_limits_t{min: C.uint64_t(l.Min), max: C.uint64_t(l.Max), has_max: C.bool(l.HasMax)}
}

func limitsFromC(l C.wasmc_limits_t) Limits {
	return Limits{Min: uint64(l.min), Max: uint64(l.max), HasMax: bool(l.has_max)}
}

// ExternKind is the kind of an import or export.
type ExternKind uint8

// Extern kinds (WASMC_EXTERN_* of wasmc.h).
const (
	ExternFunc   ExternKind = C.WASMC_EXTERN_FUNC
	ExternTable  ExternKind = C.WASMC_EXTERN_TABLE
	ExternMemory ExternKind = C.WASMC_EXTERN_MEMORY
	ExternGlobal ExternKind = C.WASMC_EXTERN_GLOBAL
)

func (k ExternKind) String() string {
	switch k {
	case ExternFunc:
		return "func"
	case ExternTable:
		return "table"
	case ExternMemory:
		return "memory"
	case ExternGlobal:
		return "global"
	}
	return fmt.Sprintf("externkind(%d)", uint8(k))
}

// ExternType is the type of an import or export; only the fields for Kind are meaningful.
type ExternType struct {
	Kind          ExternKind
	Func          *FuncType // ExternFunc
	TableElem     ValKind   // ExternTable: KindFuncref or KindExternref
	Limits        Limits    // ExternTable and ExternMemory
	GlobalKind    ValKind   // ExternGlobal
	GlobalMutable bool      // ExternGlobal
}

func externTypeFromC(t *C.wasmc_externtype_t) ExternType {
	et := ExternType{Kind: ExternKind(t.kind)}
	switch et.Kind {
	case ExternFunc:
		et.Func = funcTypeFromC(t._func)
	case ExternTable:
		et.TableElem = ValKind(t.table_elem)
		et.Limits = limitsFromC(t.limits)
	case ExternMemory:
		et.Limits = limitsFromC(t.limits)
	case ExternGlobal:
		et.GlobalKind = ValKind(t.global_kind)
		et.GlobalMutable = bool(t.global_mutable)
	}
	return et
}

// ImportType describes one import of a module.
type ImportType struct {
	Module string
	Name   string
	Type   ExternType
}

// ExportType describes one export of a module.
type ExportType struct {
	Name string
	Type ExternType
}
