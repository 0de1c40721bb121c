// Package wasmc runs WebAssembly modules with wasmc, a WebAssembly 2.0 runtime that compiles
// to native code with the MIR JIT, through its C API (include/wasmc.h).
//
// # Objects
//
// An Engine compiles Modules; both are safe for concurrent use. A Store owns Instances and
// everything they create: Funcs, Memories, Tables and Globals are small handles that are
// valid while their store lives and are always used together with it (f.Call(store, ...)).
// Host functions are Go closures (NewFunc, WrapFunc, Linker.DefineFunc).
//
// Engine, Module, Store, Linker and Config have a Close method that releases the C object at
// once, and a finalizer that does it when the Go object becomes unreachable; Close is
// recommended for stores, which may hold much memory (8 GiB of reserved address space per
// linear memory by default).
//
// # Errors and traps
//
// Failures are returned as error values: *Error when wasmc refused the operation (it carries
// an ErrorCode), *Trap when Wasm code trapped or a host function raised a trap. A panic in a
// host function is recovered and becomes a *Trap whose Cause is the panic value; the store
// remains usable.
//
// # Goroutines and threads
//
// A Store (and everything in it) must be used by one goroutine at a time; the goroutine may
// change between calls, and different stores may be used concurrently. The C API has no
// thread-local "last error" precisely because goroutines move between OS threads: every error
// is returned by the call that failed.
//
// While a call into Wasm runs (Func.Call, NewInstance, Linker.Instantiate), cgo keeps the
// goroutine on its OS thread, including while Go host functions run and call back into Wasm;
// so wasmc's per-thread call records are consistent without runtime.LockOSThread.
//
// # Signals
//
// By default wasmc catches out-of-bounds memory accesses with guard pages: when the first
// engine is created, it installs SIGSEGV, SIGBUS, SIGFPE and SIGILL handlers (SA_SIGINFO |
// SA_ONSTACK) in front of the Go runtime's, and chains to Go's handler for every fault that is
// not in Wasm code (so nil dereferences in Go still panic as usual). A fault in Wasm code
// returns to the call with siglongjmp, never crossing Go frames. wasmc may give a thread a
// larger alternate signal stack (64 KiB minimum) than Go's; the Go runtime accepts signal
// stacks installed by C code. See the package tests (TestGuardPageTrap) and docs/guide/go.md.
// Programs that must not have any non-Go signal handler can use BoundsExplicit.
//
// # Memory safety of the binding
//
// The package never hands a Go pointer to C: host closures and externref payloads are kept in
// a table and named by an integer id that C stores in its `void *env` word; arguments,
// results, strings and byte buffers are copied through C memory.
package wasmc
