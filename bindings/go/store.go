package wasmc

/*
#include "shim.h"
*/
import "C"

import (
	"runtime"
	"sync"
	"unsafe"
	"weak"
)

// Store owns instances and every object they create (functions, memories, tables, globals,
// externrefs), including host functions and their Go closures. Objects are handles: small
// values that are only meaningful with their store and die with it; using one with another
// store, or after the store is closed, is an *Error with ErrMisuse, never a crash.
//
// A Store is not safe for concurrent use: it must be used by one goroutine at a time (the
// goroutine may change; wasmc keeps no per-thread state between calls). Different stores may
// be used by different goroutines at once.
type Store struct {
	ptr    *C.wasmc_store_t
	depth  int  // nesting of calls into Wasm in progress (host functions may re-enter)
	closed bool // Close was called; the C store is deleted once depth is 0
}

// The stores by C pointer, weakly: a host function finds the *Store it runs in through its
// caller's C store (Caller.Store) without keeping stores alive.
var (
	storesMu sync.Mutex
	stores   = map[uintptr]weak.Pointer[Store]{}
)

// NewStore returns a new, empty store of the engine.
func NewStore(engine *Engine) (*Store, error) {
	reap() // delete the stores whose finalizers ran: back-pressure for programs that rely on them
	var s *Store
	err := engine.use(func(e *C.wasmc_engine_t) error {
		r := C.gw_store_new(e)
		if err := takeError(r.err); err != nil {
			return err
		}
		s = &Store{ptr: (*C.wasmc_store_t)(r.ptr)}
		storesMu.Lock()
		stores[uintptr(r.ptr)] = weak.Make(s)
		nudge := len(stores) >= gcNudgeAt
		if nudge {
			gcNudgeAt = 2 * len(stores)
		}
		storesMu.Unlock()
		runtime.SetFinalizer(s, (*Store).finalize)
		if nudge {
			// The Go GC cannot see the C memory and address space (8 GiB per linear memory by
			// default) that stores hold, so a program that drops stores without Close could
			// exhaust them before the GC finds the stores unreachable. Collect when the number
			// of undeleted stores doubles (amortised: a program that keeps its stores pays one
			// collection per doubling), then delete what the finalizers found.
			runtime.GC()
			runtime.Gosched()
			reap()
		}
		return nil
	})
	return s, err
}

// gcNudgeAt is the number of undeleted stores at which NewStore runs the GC (under storesMu).
var gcNudgeAt = minGCNudge

const minGCNudge = 1024

// storeOf returns the *Store of a C store pointer (nil if unknown).
func storeOf(p *C.wasmc_store_t) *Store {
	storesMu.Lock()
	w, ok := stores[uintptr(unsafe.Pointer(p))]
	storesMu.Unlock()
	if !ok {
		return nil
	}
	return w.Value()
}

// Close deletes the store and everything in it, running the finalizers of its host functions
// (their closures are released). Handles of the store become invalid (ErrMisuse). Closing a
// store from inside one of its host functions is allowed: the store is then deleted when the
// outermost call into it returns, and other use of it reports ErrMisuse until then.
// Close is idempotent. Without it, the store is deleted some time after it becomes
// unreachable (a finalizer queues it); Close is strongly recommended, since the Go GC does not
// see the memory a store holds.
func (s *Store) Close() {
	if s.closed && s.depth > 0 {
		return
	}
	s.closed = true
	if s.depth > 0 {
		return // deleted by leave()
	}
	if s.ptr != nil {
		p := s.ptr
		s.ptr = nil
		runtime.SetFinalizer(s, nil)
		deleteStore(p)
	}
}

// finalize is the finalizer of unclosed stores. It only queues the C store: deleting one runs
// the finalizers of its host functions and unmaps its memories, which would make the single
// finalizer goroutine a bottleneck; a reaper goroutine and NewStore delete them.
func (s *Store) finalize() {
	if s.ptr == nil {
		return
	}
	reaper.Lock()
	reaper.dead = append(reaper.dead, s.ptr)
	start := !reaper.running
	reaper.running = true
	reaper.Unlock()
	s.ptr = nil
	if start {
		go func() {
			for reapOne(true) {
			}
		}()
	}
}

var reaper struct {
	sync.Mutex
	dead    []*C.wasmc_store_t
	running bool // a reaper goroutine is draining dead
}

// reapOne deletes one queued store; false when the queue is empty (then, for the reaper
// goroutine, it also clears running).
func reapOne(isReaper bool) bool {
	reaper.Lock()
	n := len(reaper.dead)
	if n == 0 {
		if isReaper {
			reaper.running = false
		}
		reaper.Unlock()
		return false
	}
	p := reaper.dead[n-1]
	reaper.dead[n-1] = nil
	reaper.dead = reaper.dead[:n-1]
	reaper.Unlock()
	deleteStore(p)
	return true
}

func reap() {
	for reapOne(false) {
	}
}

func deleteStore(p *C.wasmc_store_t) {
	// Forget the address before freeing it: a new store may get it.
	storesMu.Lock()
	delete(stores, uintptr(unsafe.Pointer(p)))
	if n := len(stores); gcNudgeAt > minGCNudge && n < gcNudgeAt/4 {
		gcNudgeAt = max(minGCNudge, gcNudgeAt/2)
	}
	storesMu.Unlock()
	C.wasmc_store_delete(p)
}

// c returns the C store for an API call: NULL for a nil or closed store, which wasmc reports as
// misuse (or as false / 0 where a function has no error result).
func (s *Store) c() *C.wasmc_store_t {
	if s == nil || s.closed {
		return nil
	}
	return s.ptr
}

// enter/leave bracket a call that may run Wasm code (and so host functions, which may close
// the store).
// s must not be nil.
func (s *Store) enter() *C.wasmc_store_t {
	s.depth++
	return s.c()
}

func (s *Store) leave() {
	s.depth--
	if s.depth == 0 && s.closed {
		s.Close()
	}
	runtime.KeepAlive(s)
}

func storeNil(s *Store) error {
	if s == nil {
		return misuse("store is nil")
	}
	if s.closed {
		return misuse("store is closed")
	}
	return nil
}

// SetFuel sets the store's remaining fuel (the engine must consume fuel, see
// Config.SetConsumeFuel). May be called from a host function, e.g. to refuel.
func (s *Store) SetFuel(fuel uint64) error {
	err := takeError(C.wasmc_store_fuel_set(s.c(), C.uint64_t(fuel)))
	runtime.KeepAlive(s)
	return err
}

// Fuel returns the store's remaining fuel.
func (s *Store) Fuel() (uint64, error) {
	r := C.gw_store_fuel_get(s.c())
	runtime.KeepAlive(s)
	if err := takeError(r.err); err != nil {
		return 0, err
	}
	return uint64(r.value), nil
}

// SetEpochDeadline sets the epoch deadline to ticks increments of the engine's epoch after its
// current value (the engine must have epoch interruption, see Config.SetEpochInterruption).
// Wasm code running past the deadline traps with TrapInterrupt.
func (s *Store) SetEpochDeadline(ticks uint64) error {
	err := takeError(C.wasmc_store_epoch_deadline_set(s.c(), C.uint64_t(ticks)))
	runtime.KeepAlive(s)
	return err
}

// StoreLimits caps the resources of a store; 0 means no limit.
type StoreLimits struct {
	MemoryBytes   uint64 // the size any one linear memory may reach
	TableElements uint64 // the number of elements any one table may reach
	Instances     uint64 // the number of instances
	Tables        uint64 // the number of tables
	Memories      uint64 // the number of linear memories
}

// SetLimits caps the store's resources (see wasmc_store_limiter_set in wasmc.h): a
// memory.grow past a limit returns -1 to Wasm; creating or growing from the host reports
// ErrResource.
func (s *Store) SetLimits(l StoreLimits) error {
	err := takeError(C.wasmc_store_limiter_set(s.c(), C.uint64_t(l.MemoryBytes),
		C.uint64_t(l.TableElements), C.uint64_t(l.Instances), C.uint64_t(l.Tables),
		C.uint64_t(l.Memories)))
	runtime.KeepAlive(s)
	return err
}
