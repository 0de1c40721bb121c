package wasmc

/*
#include "shim.h"
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Memory is a linear memory of a store (a handle, valid while the store lives).
type Memory struct {
	h C.wasmc_memory_t
}

// NewMemory creates a memory with the given limits (in 64 KiB pages).
func NewMemory(store *Store, limits Limits) (*Memory, error) {
	if err := storeNil(store); err != nil {
		return nil, err
	}
	r := C.gw_memory_new(store.c(), limits.toC())
	runtime.KeepAlive(store)
	if err := takeError(r.err); err != nil {
		return nil, err
	}
	return &Memory{h: r.memory}, nil
}

// Type returns the memory's declared limits (false for a foreign handle or closed store).
func (m *Memory) Type(store *Store) (Limits, bool) {
	r := C.gw_memory_type(store.c(), m.h)
	runtime.KeepAlive(store)
	return limitsFromC(r.limits), bool(r.ok)
}

// Size returns the current size in 64 KiB pages (0 for a foreign handle).
func (m *Memory) Size(store *Store) uint64 {
	n := C.gw_memory_size(store.c(), m.h)
	runtime.KeepAlive(store)
	return uint64(n)
}

// DataSize returns the current size in bytes (0 for a foreign handle).
func (m *Memory) DataSize(store *Store) uint64 {
	n := C.gw_memory_data_size(store.c(), m.h)
	runtime.KeepAlive(store)
	return uint64(n)
}

// Grow grows the memory by delta pages and returns the previous size in pages. It fails
// with ErrResource past the maximum (nothing changes) and ErrBorrowed while a borrow is
// outstanding.
func (m *Memory) Grow(store *Store, delta uint64) (uint64, error) {
	r := C.gw_memory_grow(store.c(), m.h, C.uint64_t(delta))
	runtime.KeepAlive(store)
	if err := takeError(r.err); err != nil {
		return 0, err
	}
	return uint64(r.value), nil
}

// UnsafeData returns the memory's current bytes as a slice that aliases guest memory, with no
// copy (nil for a foreign handle or an empty memory).
//
// The slice is invalid — must not be used any more — after the memory grows (its length no
// longer matches; fetch a new slice), after any call that may run Wasm code (Func.Call,
// NewInstance, Linker.Instantiate: Wasm may grow the memory, and a host function may close the
// store), and after the store is closed (the bytes are unmapped: an access then crashes the
// process rather than panicking). It ignores memory borrows. Use Read and Write for checked
// access.
func (m *Memory) UnsafeData(store *Store) []byte {
	s := store.c()
	base := C.gw_memory_data(s, m.h)
	n := C.gw_memory_data_size(s, m.h)
	runtime.KeepAlive(store)
	if base == nil || n == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(base)), int(n))
}

// Read copies len(buf) guest bytes at offset into buf. Errors (*Error): ErrOverflow (offset +
// len(buf) does not fit 32 bits), ErrOutOfBounds, ErrBorrowed, ErrMisuse; on error buf is
// unchanged.
func (m *Memory) Read(store *Store, offset uint32, buf []byte) error {
	if uint64(len(buf)) > 1<<32 {
		return &Error{Code: ErrOverflow, Message: "read longer than the guest address space", Offset: -1}
	}
	n := len(buf)
	tmp := C.malloc(C.size_t(max(n, 1)))
	defer C.free(tmp)
	err := takeError(C.gw_memory_read(store.c(), m.h, C.uint32_t(offset), tmp, C.uint32_t(n)))
	runtime.KeepAlive(store)
	if err != nil {
		return err
	}
	copy(buf, unsafe.Slice((*byte)(tmp), n))
	return nil
}

// Write copies data to guest memory at offset. Errors as for Read; on error nothing is
// written.
func (m *Memory) Write(store *Store, offset uint32, data []byte) error {
	if uint64(len(data)) > 1<<32 {
		return &Error{Code: ErrOverflow, Message: "write longer than the guest address space", Offset: -1}
	}
	n := len(data)
	tmp := C.malloc(C.size_t(max(n, 1)))
	defer C.free(tmp)
	copy(unsafe.Slice((*byte)(tmp), n), data)
	err := takeError(C.gw_memory_write(store.c(), m.h, C.uint32_t(offset), tmp, C.uint32_t(n)))
	runtime.KeepAlive(store)
	return err
}

func (m *Memory) readScalar(store *Store, offset, size uint32) (uint64, error) {
	r := C.gw_memory_read_scalar(store.c(), m.h, C.uint32_t(offset), C.uint32_t(size), 1)
	runtime.KeepAlive(store)
	if err := takeError(r.err); err != nil {
		return 0, err
	}
	return uint64(r.value), nil
}

func (m *Memory) writeScalar(store *Store, offset, size uint32, v uint64) error {
	err := takeError(C.gw_memory_write_scalar(store.c(), m.h, C.uint32_t(offset), C.uint32_t(size), 1, C.uint64_t(v)))
	runtime.KeepAlive(store)
	return err
}

// ReadUint32 reads a little-endian guest u32 at offset (any alignment), checked as Read.
func (m *Memory) ReadUint32(store *Store, offset uint32) (uint32, error) {
	v, err := m.readScalar(store, offset, 4)
	return uint32(v), err
}

// ReadUint64 reads a little-endian guest u64 at offset (any alignment), checked as Read.
func (m *Memory) ReadUint64(store *Store, offset uint32) (uint64, error) {
	return m.readScalar(store, offset, 8)
}

// WriteUint32 writes v as a little-endian guest u32 at offset, checked as Write.
func (m *Memory) WriteUint32(store *Store, offset uint32, v uint32) error {
	return m.writeScalar(store, offset, 4, uint64(v))
}

// WriteUint64 writes v as a little-endian guest u64 at offset, checked as Write.
func (m *Memory) WriteUint64(store *Store, offset uint32, v uint64) error {
	return m.writeScalar(store, offset, 8, v)
}
