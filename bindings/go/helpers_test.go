package wasmc

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readWasm(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".wasm"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newEngine(t testing.TB, cfg *Config) *Engine {
	t.Helper()
	e, err := NewEngineWithConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	return e
}

func newModule(t testing.TB, e *Engine, name string) *Module {
	t.Helper()
	m, err := NewModule(e, readWasm(t, name))
	if err != nil {
		t.Fatalf("NewModule(%s): %v", name, err)
	}
	t.Cleanup(m.Close)
	return m
}

func newStore(t testing.TB, e *Engine) *Store {
	t.Helper()
	s, err := NewStore(e)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// basic instantiates testdata/basic.wasm in a new store.
func basic(t testing.TB, cfg *Config) (*Engine, *Store, *Instance) {
	t.Helper()
	e := newEngine(t, cfg)
	s := newStore(t, e)
	inst, err := NewInstance(s, newModule(t, e, "basic"), nil)
	if err != nil {
		t.Fatalf("NewInstance(basic): %v", err)
	}
	return e, s, inst
}

func call(t testing.TB, s *Store, inst *Instance, name string, args ...Val) []Val {
	t.Helper()
	f := inst.GetFunc(s, name)
	if f == nil {
		t.Fatalf("no export %q", name)
	}
	res, err := f.Call(s, args...)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

func wantTrap(t testing.TB, err error, code TrapCode, msg string) *Trap {
	t.Helper()
	var trap *Trap
	if !errors.As(err, &trap) {
		t.Fatalf("want a trap (%d), got %v", code, err)
	}
	if trap.Code != code {
		t.Fatalf("trap code %d (%q), want %d", trap.Code, trap.Message, code)
	}
	if msg != "" && !contains(trap.Message, msg) {
		t.Fatalf("trap message %q does not contain %q", trap.Message, msg)
	}
	return trap
}

func wantError(t testing.TB, err error, code ErrorCode) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want an *Error (%s), got %T %v", code, err, err)
	}
	if e.Code != code {
		t.Fatalf("error code %s (%q), want %s", e.Code, e.Message, code)
	}
	return e
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
