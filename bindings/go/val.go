package wasmc

/*
#include "shim.h"
*/
import "C"

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Val is a Wasm value: a kind and its payload. Funcref and externref values name an object of
// one store (or are null); they are meaningful only with that store.
type Val struct {
	kind   ValKind
	lo, hi uint64 // numbers: lo (v128: lo, hi); references: store id, index (store id 0: null)
}

// ValI32 returns an i32 value.
func ValI32(v int32) Val { return Val{kind: KindI32, lo: uint64(uint32(v))} }

// ValI64 returns an i64 value.
func ValI64(v int64) Val { return Val{kind: KindI64, lo: uint64(v)} }

// ValF32 returns an f32 value.
func ValF32(v float32) Val { return Val{kind: KindF32, lo: uint64(math.Float32bits(v))} }

// ValF64 returns an f64 value.
func ValF64(v float64) Val { return Val{kind: KindF64, lo: math.Float64bits(v)} }

// ValV128 returns a v128 value (bytes in memory order).
func ValV128(v [16]byte) Val {
	return Val{kind: KindV128, lo: binary.LittleEndian.Uint64(v[:8]), hi: binary.LittleEndian.Uint64(v[8:])}
}

// ValFuncref returns a funcref value; nil gives the null funcref.
func ValFuncref(f *Func) Val {
	if f == nil {
		return Val{kind: KindFuncref}
	}
	return Val{kind: KindFuncref, lo: uint64(f.h.store_id), hi: uint64(f.h.index)}
}

// ValNullExternref returns the null externref (see NewExternRef for non-null ones).
func ValNullExternref() Val { return Val{kind: KindExternref} }

// Kind returns the value's kind.
func (v Val) Kind() ValKind { return v.kind }

func (v Val) must(k ValKind) {
	if v.kind != k {
		panic(fmt.Sprintf("wasmc: Val of kind %s used as %s", v.kind, k))
	}
}

// I32 returns the value of an i32 (it panics for another kind).
func (v Val) I32() int32 { v.must(KindI32); return int32(uint32(v.lo)) }

// I64 returns the value of an i64 (it panics for another kind).
func (v Val) I64() int64 { v.must(KindI64); return int64(v.lo) }

// F32 returns the value of an f32 (it panics for another kind).
func (v Val) F32() float32 { v.must(KindF32); return math.Float32frombits(uint32(v.lo)) }

// F64 returns the value of an f64 (it panics for another kind).
func (v Val) F64() float64 { v.must(KindF64); return math.Float64frombits(v.lo) }

// V128 returns the bytes of a v128 (it panics for another kind).
func (v Val) V128() (out [16]byte) {
	v.must(KindV128)
	binary.LittleEndian.PutUint64(out[:8], v.lo)
	binary.LittleEndian.PutUint64(out[8:], v.hi)
	return out
}

// Funcref returns the function of a funcref, nil for null (it panics for another kind).
func (v Val) Funcref() *Func {
	v.must(KindFuncref)
	if v.lo == 0 {
		return nil
	}
	return &Func{h: C.wasmc_func_t{store_id: C.uint64_t(v.lo), index: C.size_t(v.hi)}}
}

// IsNull reports whether v is a null reference (false for numbers).
func (v Val) IsNull() bool {
	return (v.kind == KindFuncref || v.kind == KindExternref) && v.lo == 0
}

func (v Val) String() string {
	switch v.kind {
	case KindI32:
		return fmt.Sprintf("i32:%d", v.I32())
	case KindI64:
		return fmt.Sprintf("i64:%d", v.I64())
	case KindF32:
		return fmt.Sprintf("f32:%g", v.F32())
	case KindF64:
		return fmt.Sprintf("f64:%g", v.F64())
	case KindV128:
		return fmt.Sprintf("v128:%016x%016x", v.hi, v.lo)
	case KindFuncref, KindExternref:
		if v.lo == 0 {
			return v.kind.String() + ":null"
		}
		return fmt.Sprintf("%s:{store %d, index %d}", v.kind, v.lo, v.hi)
	}
	return v.kind.String()
}

// toC converts to a wasmc_val_t (the union is a byte array in Go: encode it byte-wise, which
// needs no alignment).
func (v Val) toC() C.wasmc_val_t {
	var c C.wasmc_val_t
	c.kind = C.wasmc_valkind_t(v.kind)
	b := c.of[:]
	switch v.kind {
	case KindI32, KindF32:
		binary.NativeEndian.PutUint32(b, uint32(v.lo))
	case KindI64, KindF64:
		binary.NativeEndian.PutUint64(b, v.lo)
	case KindV128:
		binary.LittleEndian.PutUint64(b[:8], v.lo)
		binary.LittleEndian.PutUint64(b[8:], v.hi)
	default: // funcref, externref: {uint64_t store_id; size_t index}
		binary.NativeEndian.PutUint64(b[:8], v.lo)
		binary.NativeEndian.PutUint64(b[8:], v.hi)
	}
	return c
}

func valFromC(c *C.wasmc_val_t) Val {
	v := Val{kind: ValKind(c.kind)}
	b := c.of[:]
	switch v.kind {
	case KindI32, KindF32:
		v.lo = uint64(binary.NativeEndian.Uint32(b))
	case KindI64, KindF64:
		v.lo = binary.NativeEndian.Uint64(b)
	case KindV128:
		v.lo = binary.LittleEndian.Uint64(b[:8])
		v.hi = binary.LittleEndian.Uint64(b[8:])
	default:
		v.lo = binary.NativeEndian.Uint64(b[:8])
		v.hi = binary.NativeEndian.Uint64(b[8:])
	}
	return v
}

// fromRaw reads an array-call slot of the given kind (references through the store).
func valFromRaw(store *C.wasmc_store_t, kind ValKind, slot *C.wasmc_val_raw_t) Val {
	b := slot[:]
	v := Val{kind: kind}
	switch kind {
	case KindI32, KindF32:
		v.lo = uint64(binary.NativeEndian.Uint32(b))
	case KindI64, KindF64:
		v.lo = binary.NativeEndian.Uint64(b)
	case KindV128:
		v.lo = binary.LittleEndian.Uint64(b[:8])
		v.hi = binary.LittleEndian.Uint64(b[8:])
	case KindFuncref:
		f := C.gw_func_from_raw(store, C.uintptr_t(binary.NativeEndian.Uint64(b)))
		v.lo, v.hi = uint64(f.store_id), uint64(f.index)
	case KindExternref:
		r := C.wasmc_externref_from_raw(store, C.uint64_t(binary.NativeEndian.Uint64(b)))
		v.lo, v.hi = uint64(r.store_id), uint64(r.index)
	}
	return v
}

// toRaw writes v into an array-call slot (references through the store); false for a
// reference that is not of the store.
func (v Val) toRaw(store *C.wasmc_store_t, slot *C.wasmc_val_raw_t) bool {
	b := slot[:]
	clear(b)
	switch v.kind {
	case KindI32, KindF32:
		binary.NativeEndian.PutUint32(b, uint32(v.lo))
	case KindI64, KindF64:
		binary.NativeEndian.PutUint64(b, v.lo)
	case KindV128:
		binary.LittleEndian.PutUint64(b[:8], v.lo)
		binary.LittleEndian.PutUint64(b[8:], v.hi)
	case KindFuncref:
		var raw C.uintptr_t
		if v.lo != 0 {
			raw = C.gw_func_to_raw(store, C.wasmc_func_t{store_id: C.uint64_t(v.lo), index: C.size_t(v.hi)})
		}
		binary.NativeEndian.PutUint64(b, uint64(raw))
		return v.lo == 0 || raw != 0
	case KindExternref:
		var raw C.uint64_t
		if v.lo != 0 {
			raw = C.gw_externref_to_raw(store, C.wasmc_externref_t{store_id: C.uint64_t(v.lo), index: C.size_t(v.hi)})
		}
		binary.NativeEndian.PutUint64(b, uint64(raw))
		return v.lo == 0 || raw != 0
	}
	return true
}
