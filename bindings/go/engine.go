package wasmc

/*
#include "shim.h"
*/
import "C"

import (
	"runtime"
	"sync"
)

// BoundsMode says how compiled code checks linear-memory bounds.
type BoundsMode uint32

const (
	// BoundsGuardPages reserves 8 GiB of address space per memory and lets guard pages catch
	// out-of-bounds accesses (a SIGSEGV that wasmc's signal handler turns into a trap). It is
	// wasmc's default and this package's too: see the package documentation for how the
	// handler coexists with the Go runtime's.
	BoundsGuardPages BoundsMode = C.WASMC_BOUNDS_GUARD_PAGES
	// BoundsExplicit compares every address with the memory's length: no signal is involved,
	// and little address space is used.
	BoundsExplicit BoundsMode = C.WASMC_BOUNDS_EXPLICIT
)

// Config holds engine options. It is copied by NewEngineWithConfig and may be reused or
// closed afterwards. A Config is not safe for concurrent use.
type Config struct {
	mu  sync.Mutex
	ptr *C.wasmc_config_t
}

// NewConfig returns a config with wasmc's defaults.
func NewConfig() *Config {
	c := &Config{ptr: C.wasmc_config_new()}
	if c.ptr == nil {
		panic("wasmc: out of memory")
	}
	runtime.SetFinalizer(c, (*Config).Close)
	return c
}

// Close frees the config. Further use reports ErrMisuse. Close is idempotent.
func (c *Config) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ptr != nil {
		C.wasmc_config_delete(c.ptr)
		c.ptr = nil
		runtime.SetFinalizer(c, nil)
	}
}

func (c *Config) set(f func(*C.wasmc_config_t) *C.wasmc_error_t) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ptr == nil {
		return misuse("config is closed")
	}
	return takeError(f(c.ptr))
}

// SetOptLevel sets MIR's optimisation level for compiled code: 0 or 1 (the default).
func (c *Config) SetOptLevel(level uint32) error {
	return c.set(func(p *C.wasmc_config_t) *C.wasmc_error_t {
		return C.wasmc_config_opt_level_set(p, C.uint32_t(level))
	})
}

// SetBoundsMode sets how compiled code checks memory bounds (default BoundsGuardPages).
func (c *Config) SetBoundsMode(mode BoundsMode) error {
	return c.set(func(p *C.wasmc_config_t) *C.wasmc_error_t {
		return C.wasmc_config_bounds_mode_set(p, C.wasmc_bounds_mode_t(mode))
	})
}

// SetMaxWasmStack sets the native stack, in bytes, that Wasm code may use below the point
// where the host called into it (default 1 MiB, at least 16 KiB). Deeper recursion traps with
// TrapStackExhausted.
func (c *Config) SetMaxWasmStack(bytes uint64) error {
	return c.set(func(p *C.wasmc_config_t) *C.wasmc_error_t {
		return C.wasmc_config_max_wasm_stack_set(p, C.size_t(bytes))
	})
}

// SetConsumeFuel makes compiled code consume fuel (see Store.SetFuel).
func (c *Config) SetConsumeFuel(enable bool) error {
	return c.set(func(p *C.wasmc_config_t) *C.wasmc_error_t {
		return C.wasmc_config_consume_fuel_set(p, C.bool(enable))
	})
}

// SetEpochInterruption makes compiled code check the store's epoch deadline (see
// Engine.IncrementEpoch and Store.SetEpochDeadline).
func (c *Config) SetEpochInterruption(enable bool) error {
	return c.set(func(p *C.wasmc_config_t) *C.wasmc_error_t {
		return C.wasmc_config_epoch_interruption_set(p, C.bool(enable))
	})
}

// SetCompileThreads sets how many threads may compile one module (0, the default: one per
// CPU; 1: the calling thread only; at most 256).
func (c *Config) SetCompileThreads(threads uint32) error {
	return c.set(func(p *C.wasmc_config_t) *C.wasmc_error_t {
		return C.wasmc_config_compile_threads_set(p, C.uint32_t(threads))
	})
}

// SetLazyCompile makes NewModule validate every function but compile each one on its first
// call (x86-64; elsewhere compilation stays eager).
func (c *Config) SetLazyCompile(enable bool) error {
	return c.set(func(p *C.wasmc_config_t) *C.wasmc_error_t {
		return C.wasmc_config_lazy_compile_set(p, C.bool(enable))
	})
}

// Engine compiles modules. It is safe for concurrent use by any number of goroutines. Modules
// and stores keep their engine alive in wasmc (reference counts), so closing an Engine while
// they are in use is allowed.
type Engine struct {
	mu  sync.RWMutex
	ptr *C.wasmc_engine_t
}

// NewEngine returns an engine with the default configuration.
func NewEngine() (*Engine, error) { return NewEngineWithConfig(nil) }

// NewEngineWithConfig returns an engine with the given configuration (nil: defaults). The
// config is copied.
func NewEngineWithConfig(config *Config) (*Engine, error) {
	var cfg *C.wasmc_config_t
	if config != nil {
		config.mu.Lock()
		defer config.mu.Unlock()
		if config.ptr == nil {
			return nil, misuse("config is closed")
		}
		cfg = config.ptr
	}
	r := C.gw_engine_new(cfg)
	if err := takeError(r.err); err != nil {
		return nil, err
	}
	e := &Engine{ptr: (*C.wasmc_engine_t)(r.ptr)}
	runtime.SetFinalizer(e, (*Engine).Close)
	return e, nil
}

// Close releases the engine. Modules and stores created from it keep working. Idempotent.
func (e *Engine) Close() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.ptr != nil {
		C.wasmc_engine_delete(e.ptr)
		e.ptr = nil
		runtime.SetFinalizer(e, nil)
	}
}

// IncrementEpoch increments the engine's epoch counter; safe from any goroutine, also while
// Wasm code runs in its stores (that is its purpose).
func (e *Engine) IncrementEpoch() {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.ptr != nil {
		C.wasmc_engine_increment_epoch(e.ptr)
	}
}

// use runs f with the engine's pointer, holding the engine open.
func (e *Engine) use(f func(*C.wasmc_engine_t) error) error {
	if e == nil {
		return misuse("engine is nil")
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.ptr == nil {
		return misuse("engine is closed")
	}
	return f(e.ptr)
}
