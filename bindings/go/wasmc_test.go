package wasmc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"runtime/pprof"
	"sync"
	"testing"
	"time"
)

func TestVersionAndEngine(t *testing.T) {
	e, err := NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	e.Close()
	e.Close() // idempotent
	if _, err := NewStore(e); err == nil {
		t.Fatal("NewStore on a closed engine succeeded")
	} else {
		wantError(t, err, ErrMisuse)
	}
}

func TestConfig(t *testing.T) {
	cfg := NewConfig()
	defer cfg.Close()
	if err := cfg.SetOptLevel(0); err != nil {
		t.Fatal(err)
	}
	wantError(t, cfg.SetOptLevel(2), ErrMisuse)
	wantError(t, cfg.SetBoundsMode(BoundsMode(99)), ErrMisuse)
	wantError(t, cfg.SetMaxWasmStack(100), ErrMisuse)
	if err := cfg.SetBoundsMode(BoundsExplicit); err != nil {
		t.Fatal(err)
	}
	_, s, inst := basic(t, cfg)
	if got := call(t, s, inst, "add", ValI32(2), ValI32(3))[0].I32(); got != 5 {
		t.Fatalf("add = %d", got)
	}
}

func TestModuleErrors(t *testing.T) {
	e := newEngine(t, nil)
	_, err := NewModule(e, []byte("\x00asm\x01\x00\x00\x00\x01"))
	me := wantError(t, err, ErrMalformed)
	if me.Offset < 0 {
		t.Fatalf("malformed module error has no offset: %v", me)
	}
	wantError(t, ValidateModule(e, []byte("nope")), ErrMalformed)
	if err := ValidateModule(e, readWasm(t, "basic")); err != nil {
		t.Fatal(err)
	}
	// (func (result i32)) with an empty body: "type mismatch".
	invalid := []byte("\x00asm\x01\x00\x00\x00\x01\x05\x01\x60\x00\x01\x7f\x03\x02\x01\x00\x0a\x04\x01\x02\x00\x0b")
	err = ValidateModule(e, invalid)
	ie := wantError(t, err, ErrInvalid)
	if !errors.Is(err, &Error{Code: ErrInvalid}) || ie.Error() == "" {
		t.Fatalf("errors.Is by code failed: %v", err)
	}
	_, err = NewModule(e, nil)
	if err == nil {
		t.Fatal("empty module compiled")
	}
}

func TestModuleImportsExports(t *testing.T) {
	e := newEngine(t, nil)
	m := newModule(t, e, "host")
	imps := m.Imports()
	if len(imps) != 3 || imps[0].Module != "env" || imps[0].Name != "combine" ||
		imps[0].Type.Kind != ExternFunc || imps[0].Type.Func.String() != "(i32, i32) -> (i32)" {
		t.Fatalf("imports: %+v", imps)
	}
	b := newModule(t, e, "basic")
	exps := map[string]ExternType{}
	for _, x := range b.Exports() {
		exps[x.Name] = x.Type
	}
	if mt := exps["memory"]; mt.Kind != ExternMemory || mt.Limits != (Limits{Min: 1, Max: 4, HasMax: true}) {
		t.Fatalf("memory export: %+v", mt)
	}
	if tt := exps["table"]; tt.Kind != ExternTable || tt.TableElem != KindFuncref || tt.Limits.Min != 2 {
		t.Fatalf("table export: %+v", tt)
	}
	if gt := exps["counter"]; gt.Kind != ExternGlobal || gt.GlobalKind != KindI32 || !gt.GlobalMutable {
		t.Fatalf("global export: %+v", gt)
	}
	if ft := exps["swap"]; ft.Func.String() != "(i64, f32) -> (f32, i64)" {
		t.Fatalf("swap: %v", ft.Func)
	}
}

func TestCalls(t *testing.T) {
	_, s, inst := basic(t, nil)
	if got := call(t, s, inst, "add", ValI32(40), ValI32(2))[0].I32(); got != 42 {
		t.Fatalf("add = %d", got)
	}
	if got := call(t, s, inst, "add", ValI32(math.MaxInt32), ValI32(1))[0].I32(); got != math.MinInt32 {
		t.Fatalf("add wraps: %d", got)
	}
	if got := call(t, s, inst, "f64mul", ValF64(1.5), ValF64(-4))[0].F64(); got != -6 {
		t.Fatalf("f64mul = %v", got)
	}
	res := call(t, s, inst, "swap", ValI64(-1<<40), ValF32(2.5))
	if len(res) != 2 || res[0].F32() != 2.5 || res[1].I64() != -1<<40 {
		t.Fatalf("swap = %v", res)
	}
	if got := call(t, s, inst, "spin", ValI64(1000))[0].I64(); got != 500500 {
		t.Fatalf("spin = %d", got)
	}
	// call_indirect through the table: [add, sub]
	if got := call(t, s, inst, "apply", ValI32(1), ValI32(10), ValI32(3))[0].I32(); got != 7 {
		t.Fatalf("apply(sub) = %d", got)
	}
	ty, err := inst.GetFunc(s, "swap").Type(s)
	if err != nil || ty.String() != "(i64, f32) -> (f32, i64)" {
		t.Fatalf("Type: %v %v", ty, err)
	}
	names := []string{}
	for _, x := range inst.Exports(s) {
		names = append(names, x.Name)
	}
	if len(names) < 10 || names[0] != "memory" {
		t.Fatalf("exports: %v", names)
	}
	if _, ok := inst.GetExport(s, "nope"); ok {
		t.Fatal("found a missing export")
	}
	if inst.GetFunc(s, "memory") != nil || inst.GetMemory(s, "memory") == nil {
		t.Fatal("kind accessors")
	}
}

func TestCallErrors(t *testing.T) {
	e, s, inst := basic(t, nil)
	add := inst.GetFunc(s, "add")
	_, err := add.Call(s, ValI32(1))
	wantError(t, err, ErrMisuse)
	_, err = add.Call(s, ValI32(1), ValI64(2))
	wantError(t, err, ErrMisuse)
	// The handle with another store.
	other := newStore(t, e)
	_, err = add.Call(other, ValI32(1), ValI32(2))
	wantError(t, err, ErrMisuse)
	// After the store is closed.
	s.Close()
	_, err = add.Call(s, ValI32(1), ValI32(2))
	wantError(t, err, ErrMisuse)
	if inst.GetFunc(s, "add") != nil {
		t.Fatal("export lookup in a closed store")
	}
	if _, err := NewInstance(s, newModule(t, e, "basic"), nil); err == nil {
		t.Fatal("instantiated in a closed store")
	}
}

func TestTraps(t *testing.T) {
	_, s, inst := basic(t, nil)
	_, err := inst.GetFunc(s, "div").Call(s, ValI32(1), ValI32(0))
	wantTrap(t, err, TrapIntDivByZero, "integer divide by zero")
	_, err = inst.GetFunc(s, "div").Call(s, ValI32(math.MinInt32), ValI32(-1))
	wantTrap(t, err, TrapIntOverflow, "integer overflow")
	_, err = inst.GetFunc(s, "unreachable").Call(s)
	tr := wantTrap(t, err, TrapUnreachable, "unreachable")
	if tr.Error() != "wasm trap: "+tr.Message || tr.Cause != nil {
		t.Fatalf("trap: %#v", tr)
	}
	_, err = inst.GetFunc(s, "apply").Call(s, ValI32(5), ValI32(1), ValI32(1))
	wantTrap(t, err, TrapTableOutOfBounds, "")
	_, err = inst.GetFunc(s, "recurse").Call(s, ValI32(0))
	wantTrap(t, err, TrapStackExhausted, "call stack exhausted")
	// The store still works after traps.
	if got := call(t, s, inst, "add", ValI32(1), ValI32(1))[0].I32(); got != 2 {
		t.Fatalf("add after traps = %d", got)
	}
	// A trapping start function.
	_, err = NewInstance(s, newModule(t, NewEngineMust(t), "start_trap"), nil)
	if err == nil {
		t.Fatal("start trap not reported")
	}
}

// NewEngineMust is a helper for tests that need a second engine.
func NewEngineMust(t *testing.T) *Engine { return newEngine(t, nil) }

// TestGuardPageTrap checks the interplay of wasmc's SIGSEGV handler with the Go runtime's: an
// out-of-bounds access in Wasm (guard-page mode, the default) traps, and a nil dereference in
// Go code still panics as usual — on this goroutine, in a host function, and on other OS
// threads — before and after the traps.
func TestGuardPageTrap(t *testing.T) {
	for _, mode := range []BoundsMode{BoundsGuardPages, BoundsExplicit} {
		t.Run(fmt.Sprint("mode", mode), func(t *testing.T) {
			cfg := NewConfig()
			defer cfg.Close()
			if err := cfg.SetBoundsMode(mode); err != nil {
				t.Fatal(err)
			}
			_, s, inst := basic(t, cfg)
			goNilPanics(t)
			load := inst.GetFunc(s, "load")
			for _, addr := range []int32{65536, 65533, -1, 1 << 30} {
				_, err := load.Call(s, ValI32(addr))
				wantTrap(t, err, TrapMemoryOutOfBounds, "out of bounds memory access")
			}
			goNilPanics(t)
			if got := call(t, s, inst, "load", ValI32(16))[0].I32(); got != 0x6c6c6568 { // "hell"
				t.Fatalf("load(16) = %#x", got)
			}
			// Many goroutines, on many threads, trapping at once.
			var wg sync.WaitGroup
			errs := make(chan error, 8)
			e2 := newEngine(t, cfg)
			m2 := newModule(t, e2, "basic")
			for g := 0; g < 8; g++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					s2, err := NewStore(e2)
					if err != nil {
						errs <- err
						return
					}
					defer s2.Close()
					inst2, err := NewInstance(s2, m2, nil)
					if err != nil {
						errs <- err
						return
					}
					for i := 0; i < 50; i++ {
						if _, err := inst2.GetFunc(s2, "load").Call(s2, ValI32(70000)); err == nil {
							errs <- errors.New("no trap")
							return
						}
						func() {
							defer func() { _ = recover() }()
							var p *int
							_ = *p
						}()
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
		})
	}
}

// goNilPanics dereferences nil in Go: the fault must reach the Go runtime (through wasmc's
// handler, which chains) and become a runtime error panic.
func goNilPanics(t *testing.T) {
	t.Helper()
	var got any
	func() {
		defer func() { got = recover() }()
		var p *[4]int
		p[1] = 3
	}()
	if re, ok := got.(runtime.Error); !ok || !contains(re.Error(), "nil pointer dereference") {
		t.Fatalf("nil dereference: %v", got)
	}
}

func TestPreemptionDuringWasm(t *testing.T) {
	// Long-running Wasm while the Go runtime preempts (SIGURG), collects garbage and profiles
	// (SIGPROF): Go's signals arrive while the thread runs Wasm code.
	_, s, inst := basic(t, nil)
	if err := pprof.StartCPUProfile(io.Discard); err == nil {
		defer pprof.StopCPUProfile()
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			default:
				runtime.GC()
				time.Sleep(time.Millisecond)
			}
		}
	}()
	spin := inst.GetFunc(s, "spin")
	for i := 0; i < 20; i++ {
		res, err := spin.Call(s, ValI64(2_000_000))
		if err != nil || res[0].I64() != 2_000_001_000_000 {
			t.Fatalf("spin: %v %v", res, err)
		}
	}
	close(done)
}

func TestEpochInterruption(t *testing.T) {
	cfg := NewConfig()
	defer cfg.Close()
	if err := cfg.SetEpochInterruption(true); err != nil {
		t.Fatal(err)
	}
	e, s, inst := basic(t, cfg)
	if err := s.SetEpochDeadline(1); err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(20 * time.Millisecond)
		e.IncrementEpoch()
	}()
	_, err := inst.GetFunc(s, "forever").Call(s)
	wantTrap(t, err, TrapInterrupt, "interrupt")
}

func TestFuel(t *testing.T) {
	cfg := NewConfig()
	defer cfg.Close()
	if err := cfg.SetConsumeFuel(true); err != nil {
		t.Fatal(err)
	}
	_, s, inst := basic(t, cfg)
	if err := s.SetFuel(1000); err != nil {
		t.Fatal(err)
	}
	_, err := inst.GetFunc(s, "spin").Call(s, ValI64(1_000_000))
	wantTrap(t, err, TrapOutOfFuel, "all fuel consumed")
	if f, err := s.Fuel(); err != nil || f != 0 {
		t.Fatalf("fuel after trap: %d %v", f, err)
	}
	if err := s.SetFuel(1 << 40); err != nil {
		t.Fatal(err)
	}
	call(t, s, inst, "spin", ValI64(1000))
	// Fuel on an engine without it is misuse.
	_, s2, _ := basic(t, nil)
	wantError(t, s2.SetFuel(1), ErrMisuse)
}

func TestLazyAndParallelCompile(t *testing.T) {
	cfg := NewConfig()
	defer cfg.Close()
	if err := cfg.SetLazyCompile(true); err != nil {
		t.Fatal(err)
	}
	if err := cfg.SetCompileThreads(2); err != nil {
		t.Fatal(err)
	}
	_, s, inst := basic(t, cfg)
	if got := call(t, s, inst, "add", ValI32(40), ValI32(2)); got[0].I32() != 42 {
		t.Fatalf("add = %v", got)
	}
	_, err := inst.GetFunc(s, "div").Call(s, ValI32(1), ValI32(0))
	wantTrap(t, err, TrapIntDivByZero, "integer divide by zero")
	bad := NewConfig()
	defer bad.Close()
	wantError(t, bad.SetCompileThreads(257), ErrMisuse)
}

func TestMemory(t *testing.T) {
	_, s, inst := basic(t, nil)
	mem := inst.GetMemory(s, "memory")
	if mem.Size(s) != 1 || mem.DataSize(s) != 65536 {
		t.Fatalf("size %d pages, %d bytes", mem.Size(s), mem.DataSize(s))
	}
	if l, ok := mem.Type(s); !ok || l != (Limits{Min: 1, Max: 4, HasMax: true}) {
		t.Fatalf("type %+v", l)
	}
	buf := make([]byte, 15)
	if err := mem.Read(s, 16, buf); err != nil || string(buf) != "hello from wasm" {
		t.Fatalf("Read: %q %v", buf, err)
	}
	if err := mem.Write(s, 100, []byte{1, 2, 3, 4}); err != nil {
		t.Fatal(err)
	}
	if got := call(t, s, inst, "load", ValI32(100))[0].I32(); got != 0x04030201 {
		t.Fatalf("load after Write = %#x", got)
	}
	call(t, s, inst, "store", ValI32(200), ValI32(-2))
	if v, err := mem.ReadUint32(s, 200); err != nil || v != 0xfffffffe {
		t.Fatalf("ReadUint32 %#x %v", v, err)
	}
	if err := mem.WriteUint64(s, 300, 0x1122334455667788); err != nil {
		t.Fatal(err)
	}
	if v, err := mem.ReadUint64(s, 300); err != nil || v != 0x1122334455667788 {
		t.Fatalf("ReadUint64 %#x %v", v, err)
	}
	data := mem.UnsafeData(s)
	if len(data) != 65536 || !bytes.Equal(data[16:31], []byte("hello from wasm")) || data[300] != 0x88 {
		t.Fatalf("UnsafeData: %d bytes", len(data))
	}
	data[0] = 42
	if got := call(t, s, inst, "load", ValI32(0))[0].I32(); got != 42 {
		t.Fatalf("load(0) after UnsafeData write = %d", got)
	}
	// Checked errors.
	wantError(t, mem.Read(s, 65530, make([]byte, 7)), ErrOutOfBounds)
	wantError(t, mem.Write(s, 0xffffffff, []byte{1, 2}), ErrOverflow)
	if err := mem.Read(s, 65536, nil); err != nil {
		t.Fatalf("empty read at the end: %v", err)
	}
	_, err := mem.ReadUint32(s, 65534)
	wantError(t, err, ErrOutOfBounds)
	// Grow from the host and from Wasm.
	prev, err := mem.Grow(s, 1)
	if err != nil || prev != 1 || mem.Size(s) != 2 {
		t.Fatalf("Grow: %d %v size %d", prev, err, mem.Size(s))
	}
	if got := call(t, s, inst, "grow", ValI32(1))[0].I32(); got != 2 {
		t.Fatalf("memory.grow = %d", got)
	}
	if got := call(t, s, inst, "grow", ValI32(5))[0].I32(); got != -1 {
		t.Fatalf("memory.grow past max = %d", got)
	}
	_, err = mem.Grow(s, 2)
	wantError(t, err, ErrResource)
	if len(mem.UnsafeData(s)) != 3*65536 {
		t.Fatal("UnsafeData after grow")
	}
	if err := mem.Write(s, 3*65536-4, []byte{9, 9, 9, 9}); err != nil {
		t.Fatal(err)
	}
	// A memory made by the host.
	m2, err := NewMemory(s, Limits{Min: 2})
	if err != nil || m2.Size(s) != 2 {
		t.Fatalf("NewMemory: %v", err)
	}
	_, err = NewMemory(s, Limits{Min: 3, Max: 2, HasMax: true})
	wantError(t, err, ErrMisuse)
}

func TestTablesAndGlobals(t *testing.T) {
	_, s, inst := basic(t, nil)
	tab := inst.GetTable(s, "table")
	kind, lim, ok := tab.Type(s)
	if !ok || kind != KindFuncref || lim != (Limits{Min: 2, Max: 10, HasMax: true}) || tab.Size(s) != 2 {
		t.Fatalf("table type %v %+v", kind, lim)
	}
	v, ok := tab.Get(s, 1)
	if !ok || v.Kind() != KindFuncref || v.IsNull() {
		t.Fatalf("table[1] = %v", v)
	}
	// The element is the same function as the export "sub" (handle identity).
	sub := inst.GetFunc(s, "sub")
	if got := v.Funcref(); got.h != sub.h {
		t.Fatalf("table[1] is %v, sub is %v", got.h, sub.h)
	}
	if r, err := v.Funcref().Call(s, ValI32(5), ValI32(3)); err != nil || r[0].I32() != 2 {
		t.Fatalf("call via table: %v %v", r, err)
	}
	if _, ok := tab.Get(s, 2); ok {
		t.Fatal("Get out of bounds")
	}
	add := inst.GetFunc(s, "add")
	prev, err := tab.Grow(s, 2, ValFuncref(add))
	if err != nil || prev != 2 || tab.Size(s) != 4 {
		t.Fatalf("Grow: %d %v", prev, err)
	}
	if err := tab.Set(s, 0, ValFuncref(nil)); err != nil {
		t.Fatal(err)
	}
	_, err = inst.GetFunc(s, "apply").Call(s, ValI32(0), ValI32(1), ValI32(1))
	wantTrap(t, err, TrapUninitialized, "")
	if r := call(t, s, inst, "apply", ValI32(3), ValI32(1), ValI32(1)); r[0].I32() != 2 {
		t.Fatalf("apply via grown slot = %v", r)
	}
	wantError(t, tab.Set(s, 100, ValFuncref(nil)), ErrMisuse)
	wantError(t, tab.Set(s, 0, ValI32(1)), ErrMisuse)
	_, err = tab.Grow(s, 100, ValFuncref(nil))
	wantError(t, err, ErrResource)
	t2, err := NewTable(s, KindExternref, Limits{Min: 1}, ValNullExternref())
	if err != nil || t2.Size(s) != 1 {
		t.Fatalf("NewTable: %v", err)
	}

	g := inst.GetGlobal(s, "counter")
	if k, mut, ok := g.Type(s); !ok || k != KindI32 || !mut {
		t.Fatal("counter type")
	}
	if v, _ := g.Get(s); v.I32() != 7 {
		t.Fatalf("counter = %v", v)
	}
	if r := call(t, s, inst, "bump"); r[0].I32() != 8 {
		t.Fatalf("bump = %v", r)
	}
	if err := g.Set(s, ValI32(100)); err != nil {
		t.Fatal(err)
	}
	if r := call(t, s, inst, "bump"); r[0].I32() != 101 {
		t.Fatalf("bump after Set = %v", r)
	}
	wantError(t, g.Set(s, ValI64(1)), ErrMisuse)
	c64 := inst.GetGlobal(s, "const64")
	if v, _ := c64.Get(s); v.I64() != -5 {
		t.Fatalf("const64 = %v", v)
	}
	wantError(t, c64.Set(s, ValI64(1)), ErrMisuse)
	ng, err := NewGlobal(s, ValF64(2.5), false)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := ng.Get(s); v.F64() != 2.5 {
		t.Fatalf("new global = %v", v)
	}
}

func TestReferences(t *testing.T) {
	_, s, inst := basic(t, nil)
	add := inst.GetFunc(s, "add")
	r := call(t, s, inst, "id_funcref", ValFuncref(add))
	if f := r[0].Funcref(); f == nil || f.h != add.h {
		t.Fatalf("funcref round trip: %v", r[0])
	}
	if r := call(t, s, inst, "id_funcref", ValFuncref(nil)); !r[0].IsNull() {
		t.Fatal("null funcref")
	}
	type payload struct{ name string }
	p := &payload{"hi"}
	ref, err := NewExternRef(s, p)
	if err != nil {
		t.Fatal(err)
	}
	r = call(t, s, inst, "id_externref", ref)
	if got, _ := r[0].ExternRef(s).(*payload); got != p {
		t.Fatalf("externref round trip: %v", r[0])
	}
	if r := call(t, s, inst, "id_externref", ValNullExternref()); r[0].ExternRef(s) != nil {
		t.Fatal("null externref")
	}
	defer func() {
		if recover() == nil {
			t.Fatal("I32 of a funcref did not panic")
		}
	}()
	_ = r[0].I32()
}

// TestThreadExit runs Wasm (with traps) on OS threads that then exit: a goroutine that ends
// while locked to its thread takes the thread with it, and wasmc's per-thread state (its
// alternate signal stack, replacing Go's smaller one) must be released cleanly.
func TestThreadExit(t *testing.T) {
	e := newEngine(t, nil)
	m := newModule(t, e, "basic")
	for i := 0; i < 20; i++ {
		done := make(chan error)
		go func() {
			runtime.LockOSThread() // never unlocked: the thread exits with the goroutine
			s, err := NewStore(e)
			if err != nil {
				done <- err
				return
			}
			defer s.Close()
			inst, err := NewInstance(s, m, nil)
			if err != nil {
				done <- err
				return
			}
			if _, err := inst.GetFunc(s, "load").Call(s, ValI32(-4)); err == nil {
				done <- errors.New("no trap")
				return
			}
			goNilPanics(t)
			done <- nil
		}()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	// The process still handles traps and Go faults on the remaining threads.
	_, s, inst := basic(t, nil)
	_, err := inst.GetFunc(s, "load").Call(s, ValI32(-4))
	wantTrap(t, err, TrapMemoryOutOfBounds, "")
	goNilPanics(t)
}

// TestSharedEngineAndModule compiles and runs from many goroutines at once with one engine and
// one module (safe for concurrent use), each goroutine with its own stores.
func TestSharedEngineAndModule(t *testing.T) {
	e := newEngine(t, nil)
	m := newModule(t, e, "basic")
	wasm := readWasm(t, "host")
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			if _, err := NewModule(e, wasm); err != nil {
				errs <- err
				return
			}
			for i := 0; i < 20; i++ {
				s, err := NewStore(e)
				if err != nil {
					errs <- err
					return
				}
				inst, err := NewInstance(s, m, nil)
				if err != nil {
					errs <- err
					return
				}
				r, err := inst.GetFunc(s, "add").Call(s, ValI32(int32(g)), ValI32(int32(i)))
				if err != nil || r[0].I32() != int32(g+i) {
					errs <- fmt.Errorf("add(%d, %d) = %v, %v", g, i, r, err)
				}
				s.Close()
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}
