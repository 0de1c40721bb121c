package wasmc

import "sync"

// The handle table: Go values that C code refers to (host function closures, externref
// payloads) are kept here and named by an integer id. C only ever sees the id, stored in the
// `void *env` word of wasmc_func_new / wasmc_externref_new; wasmc calls the finalizer
// (wasmcGoRelease) exactly once when the owning store is deleted, which drops the entry.
var handles = struct {
	sync.RWMutex
	next uintptr
	m    map[uintptr]any
}{m: map[uintptr]any{}}

func newHandle(v any) uintptr {
	handles.Lock()
	handles.next++
	id := handles.next
	handles.m[id] = v
	handles.Unlock()
	return id
}

func lookupHandle(id uintptr) any {
	handles.RLock()
	v := handles.m[id]
	handles.RUnlock()
	return v
}

func releaseHandle(id uintptr) {
	handles.Lock()
	delete(handles.m, id)
	handles.Unlock()
}

// liveHandles is the number of entries (for tests: it must return to its old value once the
// stores that own them are closed).
func liveHandles() int {
	handles.RLock()
	defer handles.RUnlock()
	return len(handles.m)
}
