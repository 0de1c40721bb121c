package wasmc

import (
	"errors"
	"io"
	"testing"
)

// hostImports builds the three imports of testdata/host.wasm.
func hostImports(t *testing.T, s *Store, combine HostFunc, effect HostFunc, reenter HostFunc) []AsExtern {
	t.Helper()
	mk := func(ty *FuncType, fn HostFunc) AsExtern {
		f, err := NewFunc(s, ty, fn)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	nop := func(*Caller, []Val) ([]Val, *Trap) { return []Val{ValI32(0)}, nil }
	if reenter == nil {
		reenter = nop
	}
	return []AsExtern{
		mk(NewFuncType([]ValKind{KindI32, KindI32}, []ValKind{KindI32}), combine),
		mk(NewFuncType([]ValKind{KindI32}, nil), effect),
		mk(NewFuncType([]ValKind{KindI32}, []ValKind{KindI32}), reenter),
	}
}

func TestHostFunctions(t *testing.T) {
	e := newEngine(t, nil)
	s := newStore(t, e)
	var effects []int32
	var sawMemory []byte
	calls := 0
	combine := func(c *Caller, args []Val) ([]Val, *Trap) {
		calls++
		if c.Store() != s {
			return nil, NewTrap("wrong store")
		}
		mem := c.Memory("memory")
		if mem == nil {
			return nil, NewTrap("no memory")
		}
		sawMemory = make([]byte, 11)
		if err := mem.Read(c.Store(), 0, sawMemory); err != nil {
			return nil, NewTrap(err.Error())
		}
		return []Val{ValI32(args[0].I32()*10 + args[1].I32())}, nil
	}
	effect := func(c *Caller, args []Val) ([]Val, *Trap) {
		switch args[0].I32() {
		case 1:
			return nil, NewTrap("effect refused 1")
		case 2:
			panic("boom")
		case 3:
			var m map[string]int
			m["x"] = 1 // panics: assignment to entry in nil map
		case 4:
			var p *int
			return []Val{ValI32(int32(*p))}, nil // nil dereference (a SIGSEGV in Go code)
		case 5:
			return []Val{ValI32(1)}, nil // wrong result count
		case 6:
			panic(io.ErrUnexpectedEOF)
		}
		effects = append(effects, args[0].I32())
		return nil, nil
	}
	m := newModule(t, e, "host")
	inst, err := NewInstance(s, m, hostImports(t, s, combine, effect, nil))
	if err != nil {
		t.Fatal(err)
	}
	if r := call(t, s, inst, "call_combine", ValI32(4), ValI32(2)); r[0].I32() != 42 {
		t.Fatalf("call_combine = %v", r)
	}
	if string(sawMemory) != "guest bytes" || calls != 1 {
		t.Fatalf("host saw %q, %d calls", sawMemory, calls)
	}
	call(t, s, inst, "call_effect", ValI32(7))
	effectFn := inst.GetFunc(s, "call_effect")

	// A trap returned by the host reaches the Go caller as the same *Trap.
	_, err = effectFn.Call(s, ValI32(1))
	tr := wantTrap(t, err, TrapHost, "effect refused 1")
	if tr.Message != "effect refused 1" {
		t.Fatalf("host trap message changed: %q", tr.Message)
	}
	// Panics become traps, whatever they carry; the store keeps working after each.
	for arg, msg := range map[int32]string{
		2: "panic in host function: boom",
		3: "assignment to entry in nil map",
		4: "nil pointer dereference",
		5: "host function returned 1 results",
		6: "unexpected EOF",
	} {
		_, err = effectFn.Call(s, ValI32(arg))
		tr := wantTrap(t, err, TrapHost, msg)
		if arg != 5 && tr.Cause == nil {
			t.Fatalf("panic %d: no Cause", arg)
		}
		if r := call(t, s, inst, "call_combine", ValI32(1), ValI32(1)); r[0].I32() != 11 {
			t.Fatalf("store broken after panic %d", arg)
		}
	}
	_, err = effectFn.Call(s, ValI32(6))
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("panic(error) is not unwrapped: %v", err)
	}
	call(t, s, inst, "call_effect", ValI32(8))
	if len(effects) != 2 || effects[1] != 8 {
		t.Fatalf("effects %v", effects)
	}
	// A host function called directly from Go has no calling instance.
	hf := hostImports(t, s, combine, effect, nil)[0].(*Func)
	_, err = hf.Call(s, ValI32(1), ValI32(2))
	wantTrap(t, err, TrapHost, "no memory")
	// Every host trap came back to Go: none is left in the table of traps in flight.
	pendingMu.Lock()
	n := len(pendingTraps)
	pendingMu.Unlock()
	if n != 0 {
		t.Fatalf("%d host traps still in flight", n)
	}
}

func TestReentrance(t *testing.T) {
	e := newEngine(t, nil)
	s := newStore(t, e)
	var inst *Instance
	depth := 0
	reenter := func(c *Caller, args []Val) ([]Val, *Trap) {
		n := args[0].I32()
		if n == 0 {
			return []Val{ValI32(0)}, nil
		}
		depth++
		// host -> Wasm -> host ... through the caller's store.
		r, err := inst.GetFunc(c.Store(), "call_reenter").Call(c.Store(), ValI32(n-1))
		if err != nil {
			var tr *Trap
			if errors.As(err, &tr) {
				return nil, tr // pass an inner trap on unchanged
			}
			return nil, NewTrap(err.Error())
		}
		if n == 3 {
			return nil, &Trap{Code: TrapHost, Message: "stop at 3", Cause: io.EOF}
		}
		return []Val{ValI32(r[0].I32() + n)}, nil
	}
	nop := func(*Caller, []Val) ([]Val, *Trap) { return []Val{ValI32(0)}, nil }
	var err error
	inst, err = NewInstance(s, newModule(t, e, "host"), hostImports(t, s, nop, nop, reenter))
	if err != nil {
		t.Fatal(err)
	}
	if r := call(t, s, inst, "call_reenter", ValI32(2)); r[0].I32() != 3 || depth != 2 {
		t.Fatalf("reenter(2) = %v depth %d", r, depth)
	}
	// A trap raised 3 levels down comes out at the top as the same value.
	_, err = inst.GetFunc(s, "call_reenter").Call(s, ValI32(10))
	tr := wantTrap(t, err, TrapHost, "stop at 3")
	if !errors.Is(err, io.EOF) || tr.Cause != io.EOF {
		t.Fatalf("nested trap lost its cause: %#v", tr)
	}
}

func TestWrapFunc(t *testing.T) {
	e := newEngine(t, nil)
	s := newStore(t, e)
	errOdd := errors.New("odd input")
	combine, err := WrapFunc(s, func(a, b int32) int32 { return a - b })
	if err != nil {
		t.Fatal(err)
	}
	effect, err := WrapFunc(s, func(c *Caller, x int32) error {
		if x%2 == 1 {
			return errOdd
		}
		if c.Memory("memory") == nil {
			return errors.New("no memory")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	reenter, err := WrapFunc(s, func(x uint32) (uint32, error) { return x * 3, nil })
	if err != nil {
		t.Fatal(err)
	}
	if ty, _ := combine.Type(s); ty.String() != "(i32, i32) -> (i32)" {
		t.Fatalf("type %v", ty)
	}
	inst, err := NewInstance(s, newModule(t, e, "host"), []AsExtern{combine, effect, reenter})
	if err != nil {
		t.Fatal(err)
	}
	if r := call(t, s, inst, "call_combine", ValI32(10), ValI32(3)); r[0].I32() != 7 {
		t.Fatalf("combine %v", r)
	}
	if r := call(t, s, inst, "call_reenter", ValI32(5)); r[0].I32() != 15 {
		t.Fatalf("reenter %v", r)
	}
	call(t, s, inst, "call_effect", ValI32(2))
	_, err = inst.GetFunc(s, "call_effect").Call(s, ValI32(3))
	wantTrap(t, err, TrapHost, "odd input")
	if !errors.Is(err, errOdd) {
		t.Fatalf("WrapFunc error not unwrapped: %v", err)
	}
	// Types WrapFunc cannot map.
	for _, bad := range []any{42, func(string) {}, func() string { return "" }, func(...int32) {}} {
		if _, err := WrapFunc(s, bad); err == nil {
			t.Fatalf("WrapFunc(%T) succeeded", bad)
		}
	}
	all, err := WrapFunc(s, func(a int64, b float32, c float64, f *Func) (float64, *Func, uint64) {
		return float64(b) + c, f, uint64(a)
	})
	if err != nil {
		t.Fatal(err)
	}
	r, err := all.Call(s, ValI64(-1), ValF32(0.5), ValF64(2), ValFuncref(combine))
	if err != nil || r[0].F64() != 2.5 || r[1].Funcref().h != combine.h || r[2].I64() != -1 {
		t.Fatalf("all kinds: %v %v", r, err)
	}
}

func TestWrongImports(t *testing.T) {
	e := newEngine(t, nil)
	s := newStore(t, e)
	m := newModule(t, e, "host")
	wrong, _ := WrapFunc(s, func(a int64) int64 { return a })
	ok, _ := WrapFunc(s, func(a int32) {})
	_, err := NewInstance(s, m, []AsExtern{wrong, ok, wrong})
	wantError(t, err, ErrUnlinkable)
	_, err = NewInstance(s, m, []AsExtern{ok})
	wantError(t, err, ErrMisuse)
	_, err = NewInstance(s, m, []AsExtern{ok, nil, ok})
	wantError(t, err, ErrMisuse)
}

func TestCloseStoreInsideHostFunction(t *testing.T) {
	e := newEngine(t, nil)
	s, err := NewStore(e)
	if err != nil {
		t.Fatal(err)
	}
	before := liveHandles()
	closer := func(c *Caller, args []Val) ([]Val, *Trap) {
		c.Store().Close()
		// Further use of the store reports misuse until the outer call returns.
		if _, err := NewMemory(c.Store(), Limits{Min: 1}); err == nil {
			return nil, NewTrap("store usable after Close")
		}
		return []Val{ValI32(1)}, nil
	}
	nop := func(*Caller, []Val) ([]Val, *Trap) { return nil, nil }
	inst, err := NewInstance(s, newModule(t, e, "host"), hostImports(t, s, closer, nop, nil))
	if err != nil {
		t.Fatal(err)
	}
	if liveHandles() != before+3 {
		t.Fatalf("handles: %d, want %d", liveHandles(), before+3)
	}
	if r, err := inst.GetFunc(s, "call_combine").Call(s, ValI32(1), ValI32(1)); err != nil || r[0].I32() != 1 {
		t.Fatalf("call: %v %v", r, err)
	}
	if s.ptr != nil || liveHandles() != before {
		t.Fatalf("store not deleted after the outer call (handles %d, want %d)", liveHandles(), before)
	}
}
